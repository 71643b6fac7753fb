"""Which `x.startswith(prefix)` tests can keep a path inside a folder, for the guards of both frontends.

`if not path.startswith(root + os.sep): raise` (or `if (!p.startsWith(allowedDir)) throw`) checks path
containment. A prefix that only tells the form of a path does not: `p.startsWith("~/")` (a path to
expand under the home folder), `"/"` (an absolute one), `"./"`, `"."`, `"http"`; each lets any folder
through after it. `".."` does: a path relative to a root (`path.relative(root, p)`,
`os.path.relpath`) that starts with it leaves the root.
"""

from __future__ import annotations

import re

_FORM = re.compile(r"^(?:[A-Za-z]:)?(?:~|\.{1,2})?/*")  # a drive, the home folder, `.`/`..`, separators
_NAME = re.compile(r"[^/.~\s]")


def pins_a_folder(prefix: str | None) -> bool:
    """Whether a path that starts with PREFIX is kept inside one folder: PREFIX not known statically (a root
    the server is given: `root + os.sep`, `allowedDir`) or a constant naming a folder (`/srv/notes/`,
    `~/notes`, `data/`) or `..` (the start of a way out of a root); not a prefix that only tells the path's
    form (`/`, `~/`, `./`, `.`, `C:\\`),
    a relative name's start with no separator (`http`, `data`) nor a URL's (`https://`)."""
    if prefix is None:
        return True
    text = prefix.replace("\\", "/")
    if text.rstrip("/") == "..":
        return True  # `path.relative(root, p).startsWith("..")`: the way out of a root, refused or tested
    if "://" in text or text.startswith("file:"):
        return False
    form = _FORM.match(text)
    rest = text[form.end():] if form is not None else text
    if not _NAME.search(rest):
        return False
    return bool(form is not None and form.group()) or "/" in rest.strip("/") or rest.endswith("/")
