"""Where the CLI keeps its state: ~/.aliasbook-mcp-cli, or the folder a setting names."""

import os
from pathlib import Path

STORAGE_DIR_NAME = ".aliasbook-mcp-cli"


def get_home_dir() -> Path:
    try:
        return Path.home()
    except RuntimeError:
        if configured := str(os.environ.get("ALIASBOOK_PATH") or "").strip():
            return Path(configured).parent
        for name in ("USERPROFILE", "HOME"):
            value = str(os.environ.get(name) or "").strip()
            if value:
                return Path(value)
        return Path.cwd() / ".aliasbook-home"


def get_storage_dir() -> Path:
    if env_path := os.environ.get("ALIASBOOK_PATH"):
        storage_dir = Path(env_path)
    else:
        storage_dir = get_home_dir() / STORAGE_DIR_NAME
    storage_dir.mkdir(parents=True, exist_ok=True)
    return storage_dir


def get_config_dir() -> Path:
    return get_storage_dir()


def get_config_file() -> Path:
    return get_config_dir() / "config.toml"


def save_config(default_profile: str) -> None:
    """Write the config atomically: a temporary file named with the process id beside it, then replace."""
    config_file = get_config_file()
    config_file.parent.mkdir(parents=True, exist_ok=True)
    temp_file = config_file.parent / f"config.toml.tmp.{os.getpid()}"
    with open(temp_file, "w", encoding="utf-8") as f:
        f.write(f'default_profile = "{default_profile}"\n')
    os.replace(temp_file, config_file)
