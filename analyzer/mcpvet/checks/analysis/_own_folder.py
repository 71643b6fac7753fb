"""The package's own folder (issue 12): a file a server keeps for itself — its cache, log, state
or session files — under a folder of the user's home, cache, data or temporary space that the
package names after itself (`~/.cache/mastra/…` for `@mastra/mcp-docs-server`, `~/.ha-mcp/…`
for `ha-mcp`, `/tmp/wcgw/…`). Such writes and reads are the server's bookkeeping, not the
tool's undeclared work on the user's files.

A file right in the temporary space whose name starts with the package's name and a separator
(`/tmp/blender_screenshot_<pid>.png` of `mcp-for-blender`) is its own scratch file.

The installed package's own files count too: a file next to its code, found from `__file__`
(`Path(__file__).parent / "taxonomy.json"`, a session database under the package's folder, a
JavaScript `path.join(__dirname, …)`), or a binary a dependency bundles and exports as a path
(`rgPath` of `@vscode/ripgrep`, made executable with `chmod`), shown as `<package>/…`.

Otherwise only a constant destination counts (`Evidence.destination`, known statically to at least the
folder), under one of the roots below, whose first folder after the root names the package: its
whole name, its vendor (the npm scope, the first part of a dotted PyPI name) or its name without
the `mcp`/`server` affixes. A shell profile, `~/.ssh`, a crontab, another application's
configuration (`~/.config/claude/…`), a path a tool argument chooses and a folder named like a
well-known one (`~/.ssh` of a package called `ssh-mcp`) are never the package's own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from mcpvet.analysis.placesets import in_package
from mcpvet.model import PACKAGE_PLACE, Evidence
from mcpvet.sinks import MOVES

# where programs keep their own files (the XDG defaults, macOS, Windows, temporary space); the home folder
# itself is a root too (`~/.ha-mcp`), longest first
_ROOTS = ("~/.local/share/", "~/.local/state/", "~/Library/Application Support/", "~/Library/Caches/",
          "~/AppData/Roaming/", "~/AppData/Local/",
          "~/Library/Logs/", "~/.cache/", "~/.config/", "/var/tmp/", "/tmp/", "~/")
# folders and files that belong to the user or to other programs, whatever the package is called
_NEVER_OWN = frozenset({
    "ssh", "aws", "azure", "gcloud", "gnupg", "kube", "docker", "git", "gitconfig", "git-credentials", "netrc",
    "npmrc", "pypirc", "bashrc", "bash-profile", "bash-login", "profile", "zshrc", "zprofile", "zshenv", "config",
    "local", "cache", "share", "bin", "autostart", "systemd", "crontab", "cron", "launchagents", "claude",
    "cursor", "vscode", "codeium", "windsurf", "continue", "mozilla", "chrome", "google-chrome", "chromium",
    "keychains", "password-store", "env", "mcp", "server", "mcp-server", "node-modules", "npm", "pip", "library",
})
_AFFIXES = re.compile(r"(?:^|-)(?:mcp-for|mcp|server|mcp-server|model-context-protocol)(?=-|$)")


def _norm(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def own_names(package: str | None) -> frozenset[str]:
    """The folder names a package may give its own folder (normalised: lower case, `-` between words)."""
    if not package:
        return frozenset()
    names = set()
    scope, _, name = package.lstrip("@").rpartition("/")
    if scope:
        names.add(_norm(scope))
    full = _norm(name)
    names.add(full)
    if "." in name:  # awslabs.billing-cost-management-mcp-server: vendor awslabs
        vendor, _, rest = name.partition(".")
        names.update({_norm(vendor), _norm(rest)})
    for n in list(names):
        bare = _AFFIXES.sub("", n).strip("-")
        if bare:
            names.add(bare)
    return frozenset(n for n in names if len(n.replace("-", "")) >= 3 and n not in _NEVER_OWN)


def _own_name(name: str, package: str | None) -> bool:
    """Whether a folder's name (normalised) is one the package gives its own folder: one of
    `own_names`, also written run together or with `mcp` joined on (`BlenderMCP`, `blender-mcp`,
    `mcp_blender` for `mcp-for-blender`; `.notebooklm-mcp-cli` for `notebooklm-mcp-cli`)."""
    if name in _NEVER_OWN:
        return False
    names = own_names(package)
    if name in names:
        return True
    joined = name.replace("-", "")
    return any(joined in (n.replace("-", ""), n.replace("-", "") + "mcp", "mcp" + n.replace("-", ""))
               for n in names)


def own_folder(destination: str | None, package: str | None) -> str | None:
    """The package's own folder a destination lies in (`~/.cache/mastra`), or None."""
    if not destination or ".." in destination.split("/"):
        return None
    text = destination.rstrip("…")
    for root in _ROOTS:
        if not text.startswith(root):
            continue
        first, sep, _rest = text[len(root):].partition("/")
        if not sep and root in _TEMP_ROOTS and first and _norm(first) not in own_names(package):
            return _own_temp_file(root, first, package)
        complete = bool(sep) or not destination.endswith("…")  # the folder's whole name is known
        if not complete or not first:
            return None
        if not _own_name(_norm(first), package):
            return None
        return root + first
    return None


_TEMP_ROOTS = ("/tmp/", "/var/tmp/")


def _own_temp_file(root: str, name: str, package: str | None) -> str | None:
    """A file right in the temporary space whose name starts with the package's name and a
    separator (`/tmp/blender_screenshot_<pid>.png` of `mcp-for-blender`): its own scratch file."""
    text = _norm(name)
    own = next((n for n in own_names(package) if text.startswith(n + "-")), None)
    return root + name if own is not None else None


def only_own_folder(evidence: tuple[Evidence, ...] | list[Evidence], package: str | None) -> str | None:
    """When every item goes to the package's own folder and no tool argument chooses its path: the
    folders, quoted and joined; else None.

    An item whose path is one of a few places (`Evidence.places`: a helper that picks the first
    usable of a setting, a container's data volume, `~/.app` and `<tmp>/app`) counts when every place
    is the package's own folder, a setting (`$APP_DIR`) or a container's data volume (`/data`), and
    one of them is an own folder. Scratch files the tool makes itself (`mkstemp` in that folder, and
    deleting what it made) go with them, but are not enough alone. A statement run through a
    database handle counts by the places of the database files the package's connections open
    (`Evidence.places`), whatever reaches the statement."""
    if not evidence:
        return None
    folders: list[str] = []
    for ev in evidence:
        # a statement run through a database handle (`conn.cursor().execute(sql)`, role `sql`): what
        # reaches it is the statement, not the file, whose places are the connections' (a statement
        # built from tool arguments is `sql-injection`'s matter)
        if ev.role != "sql" and (ev.controlled_by or not _settings_only(ev.slot_sources)):
            return None
        folder = own_folder(ev.destination, package)
        if folder is not None:
            places = [folder]
        elif scratch(ev):
            continue
        elif ev.places:
            places = _own_places(ev.places, package)
            if not places:
                return None
        else:
            return None
        folders += [f for i, f in enumerate(places) if f not in folders and f not in places[:i]]
    chosen = [f for f in folders if f.startswith("$") or f in _VOLUMES]  # a setting's, a container's
    own = [f for f in folders if f not in chosen]
    if not own:
        return None
    return ", ".join(f"`{f}`" for f in [*own, *chosen][:4])


# where a container keeps its persistent data (a Home Assistant add-on's `/data`): a candidate among
# the package's own folders, never enough alone
_VOLUMES = ("/data", "/config")
_TEMP_SINK = re.compile(r"^tempfile\.|(?:^|\.)mkdtemp(?:Sync)?$")


def _settings_only(sources: tuple[str, ...]) -> bool:
    """What makes up the path besides constants: named settings or a file the tool has just made."""
    return all(s == "tmp:fresh" or (s.startswith("env:") and s not in ("env:*", "env:?")) for s in sources)




def creates_temp(ev: Evidence) -> bool:
    """The sink creates a temporary file or folder (`tempfile.mkstemp`, `mkdtemp`, `fs.mkdtempSync`)."""
    return bool(_TEMP_SINK.search(ev.sink))


def scratch(ev: Evidence) -> bool:
    """The sink creates a temporary file or folder (`mkstemp`, `mkdtemp`), or works on a path made of one
    the tool has just created, or on a new name right in the temporary space (`fresh_temp_name`): its own
    scratch space. Not a rename or move made from one: that writes the place it is moved to
    (`os.replace(tmp, target)`), which is judged by its places."""
    if creates_temp(ev):
        return True
    if ev.sink.rsplit(".", 1)[-1] in MOVES:
        return False
    return "tmp:fresh" in ev.slot_sources or fresh_temp_name(ev.destination) or (
        bool(ev.places) and all(fresh_temp_name(p) for p in ev.places))


def fresh_temp_name(place: str | None) -> bool:
    """A new name right in the temporary space, as `mkdtemp` would make one: a constant start, then a part
    not known statically (`/tmp/um-output-${Date.now()}`, `/tmp/render-{uuid4()}/out.png`). Not a name known
    whole (`/tmp/x.json`: any program's), nor one with no constant start (`/tmp/…`)."""
    if not place:
        return False
    root = next((r for r in _TEMP_ROOTS if place.startswith(r)), None)
    if root is None:
        return False
    first = place[len(root):].split("/", 1)[0]
    stem, unknown, _ = first.partition("…")
    return bool(unknown) and len(stem.strip("-_.")) >= 2


def _own_places(places: tuple[str, ...], package: str | None) -> list[str]:
    """The folders of the places when each is an own folder, a setting or a container volume, and
    one at least an own folder; else []."""
    out: list[str] = []
    own = False
    for place in places:
        if user_place(place):
            return []
        if place.startswith(PACKAGE_PLACE):  # a file of the installed package itself, next to its code
            inside = in_package(place)
            if inside is None:
                return []  # `path.join(__dirname, "..", "..", ".bashrc")`: out of the package, into its user's folders
            own = True
            parts = inside.split("/")
            # a dependency's folder under node_modules (`node_modules/@vscode/ripgrep`), else the first folder
            size = (3 if len(parts) > 2 and parts[1].startswith("@") else 2) if parts[0] == "node_modules" else 1
            out.append(PACKAGE_PLACE + "/".join(p.rstrip("…") for p in parts[:size]).rstrip("/"))
            continue
        if place.startswith("$"):
            name = place.split("/", 1)[0].rstrip("…")
            out.append(name)
            continue
        folder = own_folder(place, package)
        if folder is None:
            volume = next((v for v in _VOLUMES if place.rstrip("…") == v or place.startswith(v + "/")), None)
            if volume is None:
                return []
            out.append(volume)
            continue
        own = True
        out.append(folder)
    return out if own else []


# the user's places no server keeps its bookkeeping in: shell start-up files, keys and credentials,
# schedulers and autostart, the MCP configuration of the clients
_USER_PLACE = re.compile(
    r"(?:^|/)(?:\.bashrc|\.bash_profile|\.bash_login|\.profile|\.zshrc|\.zprofile|\.zshenv|\.config/fish|"
    r"\.ssh|\.gnupg|\.aws|\.azure|\.kube|\.docker|\.netrc|\.npmrc|\.pypirc|\.git-credentials|\.gitconfig|"
    r"crontab|cron\.d|spool/cron|autostart|systemd|LaunchAgents|LaunchDaemons|"
    r"\.config/(?:claude|Claude|Code|Cursor|cursor|Windsurf|windsurf)|Application Support/(?:Claude|Code|Cursor)|"
    r"\.cursor|\.vscode|\.claude|\.codeium|claude_desktop_config\.json)(?:/|$|…)")


def user_place(destination: str | None) -> bool:
    """A destination in one of the user's places (a shell profile, `~/.ssh`, a crontab, an MCP
    client's configuration): a write there is never the server's quiet bookkeeping."""
    return bool(destination) and bool(_USER_PLACE.search(destination or ""))


def own_file_names(evidence: Iterable[Evidence], package: str | None) -> frozenset[str]:
    """The names of the files the tool opens in the package's own folder, at a path no tool argument
    chooses (`cookies.sqlite` of `~/.notebooklm-mcp-cli/firefox-profiles/…/cookies.sqlite`, the package's
    own browser profile): the last part of each such path's known places. A credential file's name the
    code writes for one of these is the package's own file, not the user's (sensitive-path)."""
    names: set[str] = set()
    for ev in evidence:
        if ev.role != "path" or ev.controlled_by or not _settings_only(ev.slot_sources):
            continue
        places = [ev.destination] if ev.destination and not ev.places else list(ev.places)
        if not places or any(p is None or p.endswith("…") or user_place(p) for p in places):
            continue
        if not _own_places(tuple(p for p in places if p), package):
            continue
        ends = {p.rsplit("/", 1)[-1] for p in places if p}
        if len(ends) == 1:
            names |= ends
    return frozenset(names)
