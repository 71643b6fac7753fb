"""Paths of credentials and private data: SSH keys, cloud credentials, MCP client configs, browser
profiles, keychains, package-manager tokens. Matched in tool text and in source code.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from mcpvet.behaviour.needles import Triggers


@dataclass(frozen=True)
class SensitivePattern:
    label: str
    regex: re.Pattern[str]
    strong: bool = True  # False: common in honest code (".env"), only worth a low finding on its own


def _p(label: str, pattern: str, strong: bool = True) -> SensitivePattern:
    return SensitivePattern(label, re.compile(pattern, re.IGNORECASE), strong)


# `(?<![\w.-])` / `(?![\w-])` keep them from matching inside longer names; a bare folder name
# followed by `.label` (or an escaped `\.label` in a regex) is a host name such as docs.aws.amazon.com
_NOT_DOMAIN = r"(?!\\?\.[a-z])"
PATTERNS: tuple[SensitivePattern, ...] = (
    _p("SSH directory", r"(?<![\w])\.ssh(?![\w-])" + _NOT_DOMAIN),
    _p("SSH private key", r"(?<![\w.-])id_(?:rsa|dsa|ecdsa|ed25519)(?![\w-])"),
    _p("SSH known hosts / authorized keys", r"(?<![\w.-])(?:authorized_keys|known_hosts)(?![\w-])"),
    # ~/.aws/config holds regions and profile names, not keys: naming it admits nothing about the
    # credentials file, and reading it alone is only worth a low finding
    _p("AWS config", r"\.aws[\\/]config(?![\w-])", strong=False),
    _p("AWS credentials", r"\.aws[\\/]credentials|(?<![\w.\\-])\.aws(?![\w-])(?![\\/]config)" + _NOT_DOMAIN),
    _p("Google Cloud credentials", r"\.config[\\/]gcloud|application_default_credentials\.json"),
    _p("Azure credentials", r"(?<![\w.-])\.azure[\\/]"),
    _p("Kubernetes config", r"\.kube[\\/]config"),
    _p("Docker credentials", r"\.docker[\\/]config\.json"),
    _p("MCP client configuration", r"(?<![\w-])mcp\.json|claude_desktop_config\.json|\.cursor[\\/]|\.codeium[\\/]windsurf"),
    _p("npm token file", r"(?<![\w.-])\.npmrc(?![\w-])"),
    _p("PyPI token file", r"(?<![\w.-])\.pypirc(?![\w-])"),
    _p("netrc", r"(?<![\w-])[._]netrc(?![\w-])"),
    _p("git credentials", r"(?<![\w-])\.git-credentials(?![\w-])"),
    _p("GnuPG keyring", r"(?<![\w.\\-])\.gnupg(?![\w-])" + _NOT_DOMAIN),
    _p("password database", r"/etc/(?:passwd|shadow|sudoers)(?![\w-])"),
    _p("macOS keychain", r"Library[\\/]Keychains|login\.keychain|(?<![\w-])security\s+find-(?:generic|internet)-password"),
    _p("browser profile", r"Google[\\/ ]Chrome[\\/]|\.mozilla[\\/]firefox|Firefox[\\/]Profiles|(?<![\w-])Login Data(?![\w-])"
                          r"|(?<![\w-])Cookies\.sqlite|BraveSoftware[\\/]|Microsoft[\\/]Edge[\\/]User Data"),
    _p("crypto wallet", r"(?<![\w-])wallet\.dat(?![\w-])|[\\/]Exodus[\\/]|Electrum[\\/]wallets"),
    _p("shell history", r"(?<![\w.-])\.(?:bash|zsh)_history(?![\w-])"),
    _p("GitHub CLI token", r"\.config[\\/]gh[\\/]hosts\.yml"),
    _p("dotenv file", r"(?<![\w/.-])\.env(?:\.local|\.production)?(?![\w-])", strong=False),
)

# matches wherever one of the patterns matches (an alternation tries every pattern at each position)
_ANY = re.compile("|".join(f"(?:{p.regex.pattern})" for p in PATTERNS), re.IGNORECASE)
# per pattern, lower-case strings one of which every match contains: a pattern whose strings are
# all absent from the lower-cased text cannot match
_NEEDLES: dict[str, tuple[str, ...]] = {
    "SSH directory": (".ssh",), "SSH private key": ("id_rsa", "id_dsa", "id_ecdsa", "id_ed25519"),
    "SSH known hosts / authorized keys": ("authorized_keys", "known_hosts"),
    "AWS config": (".aws",), "AWS credentials": (".aws",),
    "Google Cloud credentials": ("gcloud", "application_default_credentials.json"),
    "Azure credentials": (".azure",), "Kubernetes config": (".kube",), "Docker credentials": (".docker",),
    "MCP client configuration": ("mcp.json", "claude_desktop_config.json", ".cursor", ".codeium"),
    "npm token file": (".npmrc",), "PyPI token file": (".pypirc",), "netrc": ("netrc",),
    "git credentials": (".git-credentials",), "GnuPG keyring": (".gnupg",), "password database": ("/etc/",),
    "macOS keychain": ("keychains", "login.keychain", "find-generic-password", "find-internet-password"),
    "browser profile": ("chrome/", "chrome\\", "firefox", "login data", "cookies.sqlite", "bravesoftware", "user data"),
    "crypto wallet": ("wallet.dat", "exodus", "electrum"), "shell history": ("_history",),
    "GitHub CLI token": ("hosts.yml",), "dotenv file": (".env",),
}
assert set(_NEEDLES) == {p.label for p in PATTERNS}


# the only non-ASCII characters that IGNORECASE matches with ASCII ones (İ ı ſ and the Kelvin sign)
_FOLD = (("\u0130", "i"), ("\u0131", "i"), ("\u017f", "s"), ("\u212a", "k"))


def fold_ascii_case(text: str) -> str:
    """`text` with those characters folded to their ASCII letters, position for position
    (`str.replace`: a whole-text `translate` costs ~50 times more)."""
    if not text.isascii():
        for odd, ascii_letter in _FOLD:
            if odd in text:
                text = text.replace(odd, ascii_letter)
    return text


_NEEDLE_SETS = tuple((p, frozenset(_NEEDLES[p.label])) for p in PATTERNS)
_ALL_NEEDLES = Triggers(n for needles in _NEEDLES.values() for n in needles)


def _candidates(text: str) -> tuple[SensitivePattern, ...]:
    """The patterns that can match in `text`: those one of whose needles it holds, compared in
    lower case (after folding the few non-ASCII characters that match ASCII letters)."""
    low = fold_ascii_case(text).lower()
    if len(low) < Triggers.SHORT:  # a short text: its needles read pair by pair, the same ones
        held = _ALL_NEEDLES.found(low)
        return tuple(p for p, needles in _NEEDLE_SETS if not needles.isdisjoint(held))
    return tuple(p for p in PATTERNS if any(n in low for n in _NEEDLES[p.label]))


def could_mention(text: str) -> bool:
    """Whether some pattern could match in `text`, from its needles alone (no pattern is run):
    weaker and cheaper than `mentions_any`, for a caller that cuts the text into pieces anyway."""
    return bool(_candidates(text))


def mentions_any(text: str) -> bool:
    """Does any pattern match anywhere in `text`? When not, no part of it (a string literal of a
    source file, cut at its quotes) can name a sensitive path either."""
    return any(p.regex.search(text) for p in _candidates(text))


@dataclass(frozen=True)
class SensitiveHit:
    label: str
    text: str  # the matched text
    strong: bool


def find(text: str) -> list[SensitiveHit]:
    """Every sensitive path mentioned in `text`, one hit per distinct (label, text)."""
    patterns = _candidates(text)
    if not patterns or len(patterns) > 1 and not _ANY.search(text):  # most texts name nothing
        return []
    seen: dict[tuple[str, str], SensitiveHit] = {}
    for pat in patterns:
        for m in pat.regex.finditer(text):
            matched = m.group(0).strip("\"' /\\")
            key = (pat.label, matched.lower())
            if key not in seen:
                seen[key] = SensitiveHit(pat.label, matched, pat.strong)
    return sorted(seen.values(), key=lambda h: (h.label, h.text))


class SensitiveIndex:
    """Every match of every pattern in one text, found once, so that `find(text[start:end])` of
    many slices costs only the matches inside each slice.

    Exact for slices that start after a line break and end before one (or at the ends of the
    text): no pattern looks across a line break except `security find-…-password`, and a match of
    that one reaching across a slice boundary is left out, as the slice alone would not hold it.
    """

    def __init__(self, text: str) -> None:
        self._patterns = _candidates(text)
        self._matches: list[list[tuple[int, int, str]]] = []
        self._starts: list[list[int]] = []
        for pat in self._patterns:
            found = [(m.start(), m.end(), m.group(0)) for m in pat.regex.finditer(text)]
            self._matches.append(found)
            self._starts.append([start for start, _, _ in found])

    def find(self, start: int, end: int) -> list[SensitiveHit]:
        """`find(text[start:end])`."""
        seen: dict[tuple[str, str], SensitiveHit] = {}
        for pat, found, starts in zip(self._patterns, self._matches, self._starts, strict=True):
            i = bisect.bisect_left(starts, start)
            while i < len(found) and found[i][0] < end:
                _, stop, group = found[i]
                i += 1
                if stop > end:
                    continue
                matched = group.strip("\"' /\\")
                key = (pat.label, matched.lower())
                if key not in seen:
                    seen[key] = SensitiveHit(pat.label, matched, pat.strong)
        return sorted(seen.values(), key=lambda h: (h.label, h.text))
