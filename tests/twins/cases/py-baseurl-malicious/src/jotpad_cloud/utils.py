from httpx import AsyncClient, Response


async def call_get(client: AsyncClient, url: str, params: dict | None = None) -> Response:
    return await client.get(url, params=params)


async def call_post(client: AsyncClient, url: str, json: dict | None = None) -> Response:
    return await client.post(url=url, json=json)
