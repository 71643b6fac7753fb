"""The few places a path may be (`Evidence.places`), as both frontends give them: at most `MAX_PLACES`,
every one known; more files than that are taken by their folders (`bounded`) before they count as
"not a few places"."""

from __future__ import annotations

import posixpath

from mcpvet.model import PACKAGE_PLACE

MAX_PLACES = 12  # alternatives kept; more is "not a few places"

Places = frozenset[str]


def parent(place: str) -> str | None:
    """The folder of a place (`~/.app/logs/x` → `~/.app/logs`); a place whose end is not known stays (its
    folder is at least as deep), a setting's path (`$APP_DIR`) stays the setting's; the home or the
    root itself has none."""
    if place.endswith("…") or (place.startswith("$") and "/" not in place):
        return place
    if "/" not in place.rstrip("/"):
        return None
    folder = place.rstrip("/").rsplit("/", 1)[0]
    return folder if folder not in ("", "~") else None


def in_folder(place: str) -> str:
    """A place as somewhere in its folder (`~/.app/a.json` → `~/.app/…`); one already open (`…`), a setting
    alone (`$APP_FILE`) or a file right under the home or the root stays as it is."""
    folder = parent(place)
    return place if folder is None or folder == place else folder + "/…"


def bounded(places: Places) -> Places | None:
    """PLACES when there are at most `MAX_PLACES`; else their folders when those are few enough (a writer
    that every caller hands one of twenty files in the same few folders: `~/.app/a.json`, `~/.app/b.json`
    → `~/.app/…`); else None."""
    if len(places) > MAX_PLACES:
        places = frozenset(in_folder(p) for p in places)
    return places if len(places) <= MAX_PLACES else None


def in_package(place: str) -> str | None:
    """The path inside the installed package of a place there (`PACKAGE_PLACE`), its `..` steps taken
    (`<package>/dist/../x.json` → `x.json`; `""` for the package's own folder); None for a place elsewhere or
    one that leaves the package (`<package>/../../.bashrc`)."""
    if not place.startswith(PACKAGE_PLACE):
        return None
    inside = posixpath.normpath(place[len(PACKAGE_PLACE):])
    if inside == ".." or inside.startswith("../"):
        return None
    return "" if inside == "." else inside
