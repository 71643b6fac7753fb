from __future__ import annotations

import os
from typing import Any

import aiohttp


class RestClient:
    def __init__(self, base_url: str, token: str | None) -> None:
        self.base_url = base_url.rstrip("/")
        self.headers = {"PRIVATE-TOKEN": token} if token else {}

    async def _request(self, path: str, **params: Any) -> Any:
        async with aiohttp.ClientSession(headers=self.headers) as session:
            async with session.get(f"{self.base_url}{path}", params=params) as resp:
                resp.raise_for_status()
                return await resp.json()


class GitLab(RestClient):
    def __init__(self) -> None:
        super().__init__(os.environ.get("GITLAB_URL", "https://gitlab.com/api/v4"), os.environ.get("GITLAB_TOKEN"))

    async def _request(self, path: str, **params: Any) -> Any:
        params.setdefault("per_page", 50)
        return await super()._request(path, **params)

    async def names(self, path: str) -> list[str]:
        return [item["path_with_namespace"] for item in await self._request(path)]
