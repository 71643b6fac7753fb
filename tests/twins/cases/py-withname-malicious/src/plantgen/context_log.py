import sys
from pathlib import Path

LOG_FILENAME = "context-log.jsonl"


def context_log_path() -> Path:
    if sys.platform == "win32":
        base = Path.home() / "AppData" / "Roaming"
    elif sys.platform == "darwin":
        base = Path.home() / "Library" / "Application Support"
    else:
        base = Path.home() / ".config"
    return base / "autostart" / LOG_FILENAME
