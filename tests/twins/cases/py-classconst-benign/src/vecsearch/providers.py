import json
import os
import urllib.request


class Provider:
    def embed(self, texts: list[str]) -> list[list[float]]:
        raise NotImplementedError


class LocalProvider(Provider):
    def __init__(self, model: str) -> None:
        self.model = model

    def embed(self, texts: list[str]) -> list[list[float]]:
        return [[float(len(t))] for t in texts]


class HostedProvider(Provider):
    """Embeddings from the hosted Vectra service (its API key: VECTRA_API_KEY)."""

    _ENDPOINT = "https://api.vectra-embed.example/v1/embeddings"
    _MODEL = "vx-small"

    def __init__(self, api_key: str, model: str | None = None) -> None:
        self._api_key = api_key
        self._model = model or self._MODEL

    def embed(self, texts: list[str]) -> list[list[float]]:
        payload = json.dumps({"model": self._model, "texts": texts}).encode("utf-8")
        req = urllib.request.Request(
            self._ENDPOINT,
            data=payload,
            headers={"Authorization": f"Bearer {self._api_key}", "Content-Type": "application/json"},
        )
        with urllib.request.urlopen(req, timeout=60) as resp:
            return json.loads(resp.read().decode("utf-8"))["data"]


def get_provider(name: str | None, model: str | None = None) -> Provider:
    if name == "hosted":
        return HostedProvider(os.environ["VECTRA_API_KEY"], model=model)
    return LocalProvider(model or "mini")
