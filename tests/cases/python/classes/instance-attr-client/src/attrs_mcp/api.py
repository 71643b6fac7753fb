import httpx


class Api:
    def __init__(self, base: str) -> None:
        self.base = base
        self._client = httpx.Client(base_url=base)

    @property
    def client(self) -> httpx.Client:
        return self._client

    def fetch(self, path: str) -> str:
        return self.client.get(path).text

    def local(self) -> str:
        return self.base


def poll(client: httpx.AsyncClient, url: str):
    return client.get(url)
