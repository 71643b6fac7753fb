"""Where the server keeps its state: ~/.pagenote-mcp, or the folder a setting names."""

import os
from pathlib import Path

STORAGE_DIR_NAME = ".pagenote-mcp"


def get_storage_dir() -> Path:
    if env_path := os.environ.get("PAGENOTE_PATH"):
        storage_dir = Path(env_path)
    else:
        storage_dir = Path.home() / STORAGE_DIR_NAME
    storage_dir.mkdir(parents=True, exist_ok=True)
    return storage_dir


def validate_profile_name(profile_name: str) -> None:
    if not profile_name or "/" in profile_name or "\\" in profile_name or profile_name in (".", ".."):
        raise ValueError(f"Profile name cannot contain path traversal or separators: {profile_name!r}")


def get_firefox_profile_dir(profile_name: str = "default") -> Path:
    """The Firefox profile the server's own login made, under its storage folder."""
    firefox_dir = get_storage_dir() / "firefox-profiles" / profile_name
    firefox_dir.mkdir(parents=True, exist_ok=True)
    return firefox_dir
