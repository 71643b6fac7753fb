import json
from contextlib import asynccontextmanager
from pathlib import Path
from typing import AsyncIterator

from httpx import AsyncClient

from jotpad_cloud.config import ConfigManager


def _token(data_dir: Path) -> str:
    return json.loads((data_dir / "jotpad-cloud.json").read_text())["access_token"]


@asynccontextmanager
async def get_client() -> AsyncIterator[AsyncClient]:
    config = ConfigManager().config
    proxy_base_url = f"{config.cloud_host}/proxy"
    headers = {"Authorization": f"Bearer {_token(config.data_dir)}"}
    async with AsyncClient(base_url=proxy_base_url, headers=headers, timeout=30) as client:
        yield client
