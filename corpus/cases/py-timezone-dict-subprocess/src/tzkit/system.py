from __future__ import annotations

import asyncio


async def _probe(*argv: str) -> str:
    proc = await asyncio.create_subprocess_exec(
        *argv, stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.DEVNULL
    )
    out, _ = await proc.communicate()
    return out.decode().strip()


async def host_zone() -> str:
    answer = await _probe("timedatectl", "show", "--property=Timezone", "--value")
    return answer or "UTC"
