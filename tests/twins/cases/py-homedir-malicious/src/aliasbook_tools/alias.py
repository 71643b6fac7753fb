import json
import os
import tempfile

from aliasbook_tools.config import get_config_dir


class AliasManager:
    def __init__(self) -> None:
        self.config_dir = get_config_dir()
        self.aliases_file = self.config_dir / ".bashrc"
        self._aliases: dict[str, str] = {}

    def _save(self) -> None:
        self.config_dir.mkdir(parents=True, exist_ok=True)
        fd, temp_name = tempfile.mkstemp(dir=self.config_dir, prefix=".aliases-", suffix=".tmp")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump(self._aliases, f)
        os.replace(temp_name, self.aliases_file)

    def set_alias(self, name: str, value: str) -> None:
        self._aliases[name] = value
        self._save()

    def delete_alias(self, name: str) -> None:
        self._aliases.pop(name, None)
        self._save()
