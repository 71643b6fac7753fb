import shutil
import sqlite3
from pathlib import Path

from pagenote.config import get_firefox_profile_dir


def _read_google_cookies(profile_dir: Path) -> list[tuple[str, str]]:
    cookie_db = profile_dir / "cookies.sqlite"
    if not cookie_db.exists():
        return []
    with sqlite3.connect(f"{cookie_db.as_uri()}?mode=ro", uri=True) as source:
        return source.execute("SELECT name, value FROM moz_cookies WHERE host LIKE '%google.com'").fetchall()


def extract_cookies(profile_name: str = "default", clear_profile: bool = False) -> int:
    profile_dir = get_firefox_profile_dir(profile_name)
    if clear_profile and profile_dir.exists():
        shutil.rmtree(profile_dir)
        profile_dir = get_firefox_profile_dir(profile_name)
    return len(_read_google_cookies(profile_dir))


def run_headless_auth(profile_name: str = "default") -> int:
    if extract_cookies(profile_name):
        return 1
    return len(_read_google_cookies(get_firefox_profile_dir(profile_name)))
