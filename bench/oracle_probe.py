"""Ask a started MCP server for its tools over stdio, with the official MCP client SDK (runtime oracle).

Only `initialize`, `notifications/initialized` and `tools/list` (following nextCursor) are sent; never a
tool call. The server runs under `unshare -n` (no network at all) when --no-unshare is not given.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Any

import anyio
from mcp import ClientSession, StdioServerParameters
from mcp.client.stdio import stdio_client

MAX_PAGES = 50
FILTER = Path(__file__).resolve().parent / "oracle_stdout_filter.py"


async def _list(command: list[str], env: dict[str, str], cwd: Path, errlog: Any, out: dict[str, Any]) -> dict[str, Any]:
    """Fill `out` as answers come (so what was listed survives an error while the server shuts down)."""
    params = StdioServerParameters(command=command[0], args=command[1:], env=env, cwd=str(cwd))
    async with stdio_client(params, errlog=errlog) as (read, write), ClientSession(read, write) as session:
        init = await session.initialize()
        out["protocolVersion"] = init.protocolVersion
        out["serverInfo"] = init.serverInfo.model_dump(mode="json", exclude_none=True)
        out["capabilities"] = sorted(k for k, v in init.capabilities.model_dump().items() if v is not None)
        tools: list[dict[str, Any]] = []
        cursor: str | None = None
        for _ in range(MAX_PAGES):
            page = await session.list_tools(cursor=cursor)
            tools.extend(t.model_dump(mode="json", by_alias=True, exclude_none=True) for t in page.tools)
            cursor = page.nextCursor
            if not cursor:
                break
        out["pages_followed"] = cursor is None
        out["tools"] = tools
        out["listed"] = True
    return out


def probe(command: list[str], env: dict[str, str], cwd: Path, stderr_path: Path, timeout: float,
          unshare: bool = True) -> dict[str, Any]:
    """Start the server, list its tools, stop it. Returns a record with `ok`, the tools or the error."""
    filtered = [sys.executable, str(FILTER), *command]
    full = ["unshare", "-n", "--", *filtered] if unshare else filtered
    start = time.monotonic()
    record: dict[str, Any] = {"ok": False}
    got: dict[str, Any] = {}
    with stderr_path.open("w") as errlog:
        try:
            async def main() -> dict[str, Any]:
                with anyio.fail_after(timeout):
                    return await _list(full, env, cwd, errlog, got)
            anyio.run(main)
            record["ok"] = True
        except TimeoutError:
            record["error"] = f"timeout: no answer to initialize/tools/list within {timeout:.0f} s"
        except BaseException as exc:  # an ExceptionGroup from the task group, or the SDK's McpError
            record["error"] = _describe(exc)
            if got.get("listed"):  # the list was complete; the error came while the server shut down
                record["ok"] = True
                record["shutdown_error"] = record.pop("error")
    record.update(got)
    record.pop("listed", None)
    record["seconds"] = round(time.monotonic() - start, 1)
    text = stderr_path.read_text(errors="replace") if stderr_path.is_file() else ""
    record["stderr_tail"] = text[-1200:]
    record["stdout_noise_lines"] = text.count("[stdout] ")
    return record


def _describe(exc: BaseException) -> str:
    while isinstance(exc, BaseExceptionGroup) and exc.exceptions:
        exc = exc.exceptions[0]
    if isinstance(exc, KeyboardInterrupt):
        raise exc
    return f"{type(exc).__name__}: {exc}"[:500]
