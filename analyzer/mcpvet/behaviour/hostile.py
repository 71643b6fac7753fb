"""Hostile destinations: targets a tool has no honest reason to reach unless its text says so.

A classifier of one text (a sink's constant destination, or a string literal next to a tool's
code): cloud metadata endpoints, the Docker socket, reverse shells, `curl … | sh`, persistence
locations (crontab, shell profiles, `authorized_keys`, LaunchAgents, systemd user units, Windows
Run keys and Startup folder) and collector hosts (request bins, tunnels, paste sites, chat web
hooks, raw public IP addresses). Pure: no I/O; the facts stage runs it, the checks judge.
"""

from __future__ import annotations

import ipaddress
import re
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urlsplit

from mcpvet.behaviour.sensitive import fold_ascii_case

# categories, in the order a finding names them
METADATA = "cloud-metadata"
DOCKER = "docker-socket"
REVERSE_SHELL = "reverse-shell"
PIPE_TO_SHELL = "pipe-to-shell"
PERSISTENCE = "persistence"
COLLECTOR = "collector-host"
FORK_BOMB = "fork-bomb"  # judged as resource exhaustion, not as a destination
CATEGORIES = (METADATA, REVERSE_SHELL, PERSISTENCE, DOCKER, PIPE_TO_SHELL, COLLECTOR, FORK_BOMB)

DESCRIBE = {
    METADATA: "a cloud metadata endpoint (instance credentials)",
    DOCKER: "the Docker daemon socket (root on the host)",
    REVERSE_SHELL: "a reverse shell",
    PIPE_TO_SHELL: "a download piped into a shell",
    PERSISTENCE: "a persistence location (runs again at every log-in or on a schedule)",
    COLLECTOR: "a collector host (request bin, tunnel, paste site, chat web hook or raw IP address)",
    FORK_BOMB: "a shell fork bomb",
}


@dataclass(frozen=True)
class HostileTarget:
    category: str
    text: str  # the words matched, as written
    context: str = ""  # the text they were found in (shortened)


def _rx(pattern: str) -> re.Pattern[str]:
    return re.compile(pattern, re.IGNORECASE)


_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = (
    (METADATA, _rx(r"(?<![\d.])169\.254\.169\.254(?![\d])|(?<![\d.])169\.254\.170\.2(?![\d])|"
                   r"metadata\.google\.internal|\bfd00:ec2::254\b|(?<![\d.])100\.100\.100\.200(?![\d])|"
                   r"metadata\.azure\.com|(?<![\d.])169\.254\.169\.123(?![\d])")),
    (DOCKER, _rx(r"(?:/var)?/run/docker\.sock|\bdocker\.sock\b|//\./pipe/docker_engine|\\\\\.\\pipe\\docker_engine")),
    (REVERSE_SHELL, _rx(r"/dev/(?:tcp|udp)/|\b(?:nc|ncat|netcat)\b[^|;&\n]{0,60}\s-[a-z]*e\s*\S|"
                        r"\b(?:ba|z|k)?sh\s+-i\b[^\n]{0,40}[>&]|\bsocat\b[^\n]{0,80}\bexec:|"
                        r"\bmkfifo\b[^\n]{0,80}\b(?:nc|ncat|netcat)\b|"
                        r"socket\.socket\([^\n]{0,200}\bdup2\b|pty\.spawn\(\s*[\"']/bin/(?:ba)?sh")),
    (PIPE_TO_SHELL, _rx(r"\b(?:curl|wget)\b[^|\n]{0,300}\|\s*(?:sudo\s+)?(?:ba|z|da)?sh\b|"
                        r"\b(?:curl|wget)\b[^|\n]{0,300}\|\s*(?:sudo\s+)?python[23]?\b|"
                        r"\biex\s*\(\s*(?:iwr|irm|invoke-webrequest|invoke-restmethod|new-object\s+net\.webclient)|"
                        r"invoke-expression\s*\(?\s*\(?\s*new-object\s+net\.webclient")),
    (PERSISTENCE, _rx(r"\bcrontab\b(?!\.guru)|/etc/cron(?:tab|\.d|\.daily|\.hourly)|/var/spool/cron|"
                      r"(?<![\w-])\.(?:bashrc|bash_profile|bash_login|zshrc|zprofile|zshenv|profile)(?![\w-])|"
                      r"(?<![\w.-])authorized_keys2?(?![\w-])|Library/Launch(?:Agents|Daemons)|"
                      r"\.config/systemd/user|/etc/systemd/system|\.config/autostart|/etc/rc\.local|"
                      r"/etc/profile\.d|/etc/init\.d|"
                      r"CurrentVersion\\+Run(?:Once)?\b|Start Menu\\+Programs\\+Startup|"
                      r"Microsoft\\+Windows\\+Start Menu")),
    (FORK_BOMB, _rx(r"([\w:]+)\s*\(\)\s*\{\s*\1\s*\|\s*\1\s*&\s*\}\s*;\s*\1")),
)

# hosts that only collect what is sent to them, or hide where it goes
_COLLECTORS = _rx(
    r"(?:^|\.)(?:webhook\.site|requestbin\.(?:com|net)|pipedream\.net|ngrok(?:-free)?\.(?:io|app|dev)|"
    r"ngrok\.com|trycloudflare\.com|loca\.lt|localtunnel\.me|serveo\.net|interact\.sh|oast\.(?:pro|live|site|online|fun|me)|"
    r"burpcollaborator\.net|oastify\.com|canarytokens\.com|requestcatcher\.com|beeceptor\.com|hookbin\.com|"
    r"postb\.in|transfer\.sh|pastebin\.com|hastebin\.com|paste\.ee|0x0\.st|termbin\.com|ptpb\.pw|"
    r"sites\.google\.com|gist\.githubusercontent\.com|dnslog\.cn|ceye\.io|free\.beeceptor\.com|webhook\.cool|requestrepo\.com|hook\.eu\d\.make\.com)$")
_CHAT_HOOKS = _rx(r"discord(?:app)?\.com/api/webhooks/|api\.telegram\.org/bot")
_URL = _rx(r"\b(?:https?|wss?|ftp)://[^\s\"'`<>]+")
_TRIGGERS = _rx(
    r"169\.254|metadata|fd00:ec2|100\.100\.100\.200|docker|/dev/tcp|/dev/udp|\bnc\b|ncat|netcat|sh\s+-i|socat|mkfifo|dup2|pty\.spawn|"
    r"curl|wget|iex|invoke-|cron|bashrc|bash_profile|bash_login|zshrc|zprofile|zshenv|\.profile|authorized_keys|launch|"
    r"systemd|autostart|rc\.local|profile\.d|init\.d|currentversion|start menu|://|\(\)\s*\{")


def mentions_any(text: str) -> bool:
    """Cheap pre-filter: can `find` match anything in this text?"""
    return bool(_TRIGGERS.search(text))


# Per category, lower-case strings one of which every match of its pattern contains, and a gate
# for the alternatives whose strings are too common to be worth a look (`nc`, `sh -i`, `(){`):
# a category none of whose strings are in the lower-cased text and whose gate does not open on it
# cannot match in the text, and its pattern is not run.
_NC_TAIL = re.compile(r"n(?:c|cat|etcat)\b")  # found fast (a literal first); `\b` before it checked at each
_NC_WORD = re.compile(r"\bn(?:c|cat|etcat)\b")
_SH_I = re.compile(r"sh\s+-i\b")
_FORK = re.compile(r"\(\)\s*\{")


def _reverse_shell_gate(low: str) -> bool:
    """`nc`, `ncat` or `netcat` as a word, or `sh -i`, in the lower-cased text."""
    if _SH_I.search(low):
        return True
    return any(_NC_WORD.match(low, m.start()) for m in _NC_TAIL.finditer(low))


_GATES: dict[str, tuple[tuple[str, ...], Callable[[str], object] | None]] = {
    METADATA: (("169.254.1", "metadata.google.internal", "fd00:ec2::254", "100.100.100.200", "metadata.azure.com"),
               None),
    DOCKER: (("docker.sock", "docker_engine"), None),
    REVERSE_SHELL: (("/dev/tcp/", "/dev/udp/", "socat", "mkfifo", "dup2", "pty.spawn"), _reverse_shell_gate),
    PIPE_TO_SHELL: (("curl", "wget", "iex", "invoke-expression"), None),
    PERSISTENCE: (("crontab", "/etc/cron", "/var/spool/cron", ".bashrc", ".bash_profile", ".bash_login", ".zshrc",
                   ".zprofile", ".zshenv", ".profile", "authorized_keys", "library/launch", "systemd", "autostart",
                   "/etc/rc.local", "/etc/profile.d", "/etc/init.d", "currentversion", "start menu"), None),
    FORK_BOMB: ((), _FORK.search),
}
assert set(_GATES) == {c for c, _ in _PATTERNS}

_NAME_CHAR = re.compile(r"[\w:]")
_SPACE = re.compile(r"\s")


def _search(category: str, rx: re.Pattern[str], text: str) -> re.Match[str] | None:
    r"""`rx.search(text)`, the fork bomb's found from its `(){` instead: its pattern begins with a
    name (`([\w:]+)`), which a search tries at every character, each a run to the end of its word
    (seconds on a bundle's long literals). A match's name is the end of the run of name characters
    before a `()\s*{` (and the spaces there), so only those runs are tried, in order: the same
    first match."""
    if category != FORK_BOMB:
        return rx.search(text)
    for fork in _FORK.finditer(text):
        end = fork.start()
        while end > 0 and _SPACE.match(text, end - 1):
            end -= 1
        start = end
        while start > 0 and _NAME_CHAR.match(text, start - 1):
            start -= 1
        for at in range(start, end):
            found = rx.match(text, at)
            if found:
                return found
    return None


def _lower(text: str) -> str:
    """`text` in lower case, position for position, with the few non-ASCII characters that
    IGNORECASE matches with ASCII letters folded to them first."""
    return fold_ascii_case(text).lower()


def _may_match(category: str, low: str) -> bool:
    """Whether the category's pattern can match the text `low` is of (`_lower`): one of its strings is
    in it or its gate opens on it (`_GATES`); when not, the pattern is not run."""
    needles, gate = _GATES[category]
    return any(n in low for n in needles) or (gate is not None and bool(gate(low)))


def could_find(text: str) -> bool:
    """Whether `find` could match in some piece of `text`, from strings alone: a category's strings
    are in it or its gate opens on it, or it has a URL. Cheaper and weaker than `may_find_in_pieces`
    (no pattern is run over the whole text): for a caller that cuts the text into pieces anyway."""
    low = _lower(text)
    return "://" in low or any(_may_match(category, low) for category, _rx in _PATTERNS)


def may_find_in_pieces(text: str) -> bool:
    """Exact pre-filter for the pieces of a text: False when `find` can match in no piece of
    `text` cut at characters no pattern matches at the edge of a match (a string literal cut at
    its quotes). A pattern that matches in a piece matches in the whole text, and a URL of a piece
    is a URL of the whole text: each category's pattern is run on the whole text (only when its
    strings are in it), and each URL's host is classified."""
    low = _lower(text)
    for category, rx in _PATTERNS:
        if _may_match(category, low) and _search(category, rx, text):
            return True
    if "://" in low:
        for m in _URL.finditer(text):
            url = m.group(0)
            host = host_of(url)
            if host is not None and (_COLLECTORS.search(host) or _CHAT_HOOKS.search(url) or _public_ip(host)):
                return True
    return False


def host_of(url: str) -> str | None:
    """The host of a URL (lower case), or None."""
    try:
        host = urlsplit(url if "://" in url else f"http://{url}").hostname
    except ValueError:
        return None
    return host.lower() if host else None


_LOCAL_NETS = tuple(ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.168.0.0/16", "224.0.0.0/3", "::/127", "fc00::/7", "fe80::/10", "ff00::/8"))


_RESOLVERS = frozenset({"8.8.8.8", "8.8.4.4", "1.1.1.1", "1.0.0.1", "9.9.9.9", "149.112.112.112", "208.67.222.222"})


def _public_ip(host: str) -> bool:
    """A literal IP address outside loopback, private, link-local and multicast ranges (public DNS
    resolvers, the usual connectivity probes, left out)."""
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    if str(ip) in _RESOLVERS:
        return False
    return not any(ip in net for net in _LOCAL_NETS if net.version == ip.version)


# a line that lists or compares a target instead of reaching it: a deny-list, an SSRF guard
_GUARD_LINE = _rx(r"\b(?:block|deny|denied|forbid|disallow|reject|refuse|private|ssrf|unsafe|dangerous|protect|"
                  r"exclude|sensitive|not allowed|blacklist|blocklist|restricted)\w*|"
                  r"^[\"'`][^\"'`]*[\"'`]\s*[,\]})]|\b(?:if|and|or|not|elif|return)\b[^:]*\bin\s*[(\[{]|"
                  r"startswith\(|includes\(|==|!=|\bnot in\b")


def guarded(target: HostileTarget) -> bool:
    """The source line around a literal lists or compares the target (a guard), not reaches it."""
    return bool(_GUARD_LINE.search(target.context.replace(target.text, " ")))


def find(text: str) -> list[HostileTarget]:
    """Every hostile target named in one text, at most one per category."""
    if not text or not mentions_any(text):
        return []
    out: dict[str, HostileTarget] = {}
    low = _lower(text)
    for category, rx in _PATTERNS:
        m = _search(category, rx, text) if _may_match(category, low) else None
        if m:
            out[category] = HostileTarget(category, m.group(0).strip()[:120], text[:300])
    if COLLECTOR not in out:
        for m in _URL.finditer(text):
            url = m.group(0)
            host = host_of(url)
            if host is None or "{" in url[:url.find(host) + len(host)] or METADATA in out:
                continue
            if _COLLECTORS.search(host) or _CHAT_HOOKS.search(url) or _public_ip(host):
                out[COLLECTOR] = HostileTarget(COLLECTOR, url[:120], text[:300])
                break
    return [out[c] for c in CATEGORIES if c in out]


# what a tool's own text says that makes a category its declared job
_ADMITS = {
    METADATA: _rx(r"\b(?:instance metadata|metadata (?:service|server|endpoint)|imds|ec2 metadata|cloud metadata)\b"),
    DOCKER: _rx(r"\b(?:docker|containers?|podman|moby|compose)\b"),
    PIPE_TO_SHELL: _rx(r"\b(?:install(?:s|er|ing)?|set ?up|bootstrap)\b"),
    PERSISTENCE: _rx(r"\b(?:cron(?:tab)?|scheduled? (?:jobs?|tasks?)|shell (?:profile|config(?:uration)?|rc)|"
                     r"bashrc|zshrc|dotfiles?|authorized[_ ]keys|ssh keys?|launch ?agents?|launchd|systemd|"
                     r"start-?up (?:items?|programs?|folder)|autostart|log-?in items?)\b"),
    REVERSE_SHELL: _rx(r"(?!x)x"),  # never an honest job
    COLLECTOR: _rx(r"(?!x)x"),  # decided on the host itself: `admits_host`
}


def admits(category: str, text: str) -> bool:
    """The tool's own text (name, title, description) presents this kind of target as its job."""
    rx = _ADMITS.get(category)
    return bool(rx and rx.search(text))


def admits_host(target: str, text: str) -> bool:
    """The tool's text names the host of a collector URL (or its registrable part)."""
    host = host_of(target)
    if host is None:
        return False
    low = text.lower()
    parts = host.split(".")
    core = ".".join(parts[-2:]) if len(parts) >= 2 else host
    return host in low or core in low or (len(parts) >= 2 and len(parts[-2]) >= 4 and parts[-2] in low)


# a command line that writes where it names (rather than reading a profile to learn PATH)
_WRITES = _rx(r">>|>\s*[~/$\"']|\btee\b|\bcrontab\s+(?!-l\b)\S|\becho\b[^\n]*>|\b(?:cp|mv|install)\s|\bln\s+-s|"
              r"\bschtasks\b|\breg(?:\.exe)?\s+add\b|\blaunchctl\s+(?:load|bootstrap)|\bsystemctl\s+--user\s+enable|"
              r"\bchmod\b|\bappendFile|\bwriteFile")


def writes(target: HostileTarget) -> bool:
    """The text around a persistence location writes there (a command or call that appends, copies, installs)."""
    return bool(_WRITES.search(target.context))


def always_persistence(target: HostileTarget) -> bool:
    """A Windows Run key or Startup folder: named only to start something at log-in."""
    return target.category == PERSISTENCE and bool(re.search(r"CurrentVersion|Start Menu", target.text, re.I))
