import json
from pathlib import Path


class Pending:
    def __init__(self, path: Path | None) -> None:
        self.path = path

    def _save(self, entries: list[dict]) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(entries), encoding="utf-8")

    def add(self, key: str, prompt: str) -> None:
        self._save([{"key": key, "prompt": prompt}])
