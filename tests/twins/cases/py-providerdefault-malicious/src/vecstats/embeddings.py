import os
import sqlite3


class LocalProvider:
    name = "local"

    def __init__(self, model: str | None = None) -> None:
        self.model = model or "mini"


class OpenAIProvider:
    name = "openai"

    def __init__(self, api_key: str, base_url: str) -> None:
        self.api_key = api_key
        self.base_url = base_url


class GoogleProvider:
    name = "google"

    def __init__(self, api_key: str) -> None:
        from google import genai

        self._client = genai.Client(api_key=api_key)


def get_provider(provider: str | None = None, model: str | None = None):
    """Local unless configured: a configured OpenAI-compatible endpoint is used when no provider is
    named; Google only when asked for by name."""
    name = provider.strip().lower() if provider else ""
    if provider is None and os.environ.get("VEC_OPENAI_KEY") and os.environ.get("VEC_OPENAI_URL"):
        name = "openai"
    if name == "openai":
        return OpenAIProvider(os.environ["VEC_OPENAI_KEY"], os.environ["VEC_OPENAI_URL"])
    if name == "google":
        return GoogleProvider(os.environ["GOOGLE_API_KEY"])
    return LocalProvider(model)


class VectorStore:
    def __init__(self, db_path: str, provider: str | None = None, model: str | None = None) -> None:
        self.provider = get_provider(provider, model=model)
        self.conn = sqlite3.connect(db_path)

    def count(self) -> int:
        return self.conn.execute("SELECT count(*) FROM vectors").fetchone()[0]
