import json
from pathlib import Path


class Pending:
    def __init__(self, path: Path | None) -> None:
        self.path = path

    def _load(self) -> list[dict]:
        if not self.path:
            return []
        try:
            entries = json.loads(self.path.read_text(encoding="utf-8"))
        except Exception:
            return []
        return [e for e in entries if isinstance(e, dict)]

    def _save(self, entries: list[dict]) -> None:
        if not self.path:
            return
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.path.write_text(json.dumps(entries), encoding="utf-8")

    def add(self, key: str, job: str) -> None:
        entries = [e for e in self._load() if e.get("key") != key]
        entries.append({"key": key, "job": job})
        self._save(entries)
