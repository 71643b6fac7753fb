"""The package's own folder (issue 12): a file a server keeps for itself — its cache, log, state
or session files — under a folder of the user's home, cache, data or temporary space that the
package names after itself (`~/.cache/mastra/…` for `@mastra/mcp-docs-server`, `~/.ha-mcp/…`
for `ha-mcp`, `/tmp/wcgw/…`). Such writes and reads are the server's bookkeeping, not the
tool's undeclared work on the user's files.

Only a constant destination counts (`Evidence.destination`, known statically to at least the
folder), under one of the roots below, whose first folder after the root names the package: its
whole name, its vendor (the npm scope, the first part of a dotted PyPI name) or its name without
the `mcp`/`server` affixes. A shell profile, `~/.ssh`, a crontab, another application's
configuration (`~/.config/claude/…`), a path a tool argument chooses and a folder named like a
well-known one (`~/.ssh` of a package called `ssh-mcp`) are never the package's own.
"""

from __future__ import annotations

import re

from mcpvet.model import Evidence

# where programs keep their own files (the XDG defaults, macOS, temporary space); the home folder
# itself is a root too (`~/.ha-mcp`), longest first
_ROOTS = ("~/.local/share/", "~/.local/state/", "~/Library/Application Support/", "~/Library/Caches/",
          "~/Library/Logs/", "~/.cache/", "~/.config/", "/var/tmp/", "/tmp/", "~/")
# folders and files that belong to the user or to other programs, whatever the package is called
_NEVER_OWN = frozenset({
    "ssh", "aws", "azure", "gcloud", "gnupg", "kube", "docker", "git", "gitconfig", "git-credentials", "netrc",
    "npmrc", "pypirc", "bashrc", "bash-profile", "bash-login", "profile", "zshrc", "zprofile", "zshenv", "config",
    "local", "cache", "share", "bin", "autostart", "systemd", "crontab", "cron", "launchagents", "claude",
    "cursor", "vscode", "codeium", "windsurf", "continue", "mozilla", "chrome", "google-chrome", "chromium",
    "keychains", "password-store", "env", "mcp", "server", "mcp-server", "node-modules", "npm", "pip", "library",
})
_AFFIXES = re.compile(r"(?:^|-)(?:mcp|server|mcp-server|model-context-protocol)(?=-|$)")


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


def own_folder(destination: str | None, package: str | None) -> str | None:
    """The package's own folder a destination lies in (`~/.cache/mastra`), or None."""
    if not destination or ".." in destination.split("/"):
        return None
    text = destination.rstrip("…")
    for root in _ROOTS:
        if not text.startswith(root):
            continue
        first, sep, _rest = text[len(root):].partition("/")
        complete = bool(sep) or not destination.endswith("…")  # the folder's whole name is known
        if not complete or not first:
            return None
        name = _norm(first)
        if name in _NEVER_OWN or name not in own_names(package):
            return None
        return root + first
    return None


def only_own_folder(evidence: tuple[Evidence, ...] | list[Evidence], package: str | None) -> str | None:
    """When every item goes to the package's own folder and no tool argument chooses its path: the
    folders, quoted and joined; else None."""
    if not evidence:
        return None
    folders: list[str] = []
    for ev in evidence:
        folder = own_folder(ev.destination, package)
        if folder is None or ev.controlled_by or ev.slot_sources:
            return None
        if folder not in folders:
            folders.append(folder)
    return ", ".join(f"`{f}`" for f in folders[:3])


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
