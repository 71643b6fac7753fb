"""Text facts about a package's contact with third parties: telemetry and code fetched to run.

Read from one source file's text in the scan worker (`mcpvet.facts.scan`), never run:

* **telemetry** (`TelemetryHint`): an address of a product-analytics or error-reporting service
  in a string literal (PostHog, Segment, Mixpanel, Amplitude, Google Analytics, Clearcut, Sentry,
  Scarf, Heap, Plausible, …), an import of such a service's SDK (`posthog-node`, `posthog`,
  `@segment/analytics-node`, `mixpanel`, `@amplitude/analytics-node`, `sentry_sdk`, `@sentry/node`),
  or a telemetry endpoint of the package's own (a host named `telemetry.…`); and the settings that
  name telemetry in the file (`DO_NOT_TRACK`, `X_DISABLE_TELEMETRY`, `X_TELEMETRY`), the opt-out a
  user can set, or an opt-in when every such name says "enable";
* **download and execute** (`DownloadExec`): a download (`urlretrieve`, `urlopen`, `requests.get`,
  `fetch(`, `https.get(`, `curl`/`wget`) followed within a few lines of code by making a file
  executable (`chmod` with execute bits, `S_IEXEC`, `+x`) and starting a program, or a command line
  that pipes a download into a shell handed to a call that runs it (a hint printed for the user is
  not); `checksum` says whether the same stretch of code compares a
  digest (`hashlib`, `createHash`, `sha256`, a signature check).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.textlines import line_at

# host pattern -> the service's name
_ANALYTICS_HOSTS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p, re.I), name) for p, name in (
    (r"(?:[\w-]+\.)*posthog\.com", "PostHog"),
    (r"api\.segment\.io|cdn\.segment\.com|events\.eu1\.segmentapis\.com", "Segment"),
    (r"(?:api|api-js|api-eu)\.mixpanel\.com", "Mixpanel"),
    (r"(?:api2?|api\.eu)\.amplitude\.com", "Amplitude"),
    (r"(?:www|region1|ssl)\.google-analytics\.com|analytics\.google\.com", "Google Analytics"),
    (r"play\.googleapis\.com/log", "Google Clearcut"),
    (r"(?:[\w-]+\.)*ingest(?:\.[a-z]{2})?\.sentry\.io|(?:[\w-]+\.)*sentry\.io/api", "Sentry"),
    (r"static\.scarf\.sh|[\w-]+\.gateway\.scarf\.sh", "Scarf"),
    (r"heapanalytics\.com", "Heap"),
    (r"plausible\.io/api", "Plausible"),
    (r"api\.honeycomb\.io", "Honeycomb"),
    (r"(?:[\w-]+\.)*rudderstack\.com|hosted\.rudderlabs\.com", "RudderStack"),
    (r"app\.pendo\.io|data\.pendo\.io", "Pendo"),
    (r"api\.statsig\.com|events\.statsigapi\.net", "Statsig"),
    (r"browser-intake-[\w-]+\.datadoghq\.com|http-intake\.logs\.datadoghq\.com", "Datadog"),
    (r"telemetry\.[\w.-]+\.[a-z]{2,}", "its own telemetry endpoint"),
))
_URL = re.compile(r"https?://[\w.-]+(?::\d+)?(?:/[\w./%-]*)?", re.I)
# SDK imports: Python `import posthog` / `from posthog import …`; JS require/import of the package
_SDKS: tuple[tuple[str, str], ...] = (
    ("posthog-node", "PostHog"), ("posthog-js", "PostHog"), ("posthog", "PostHog"),
    ("@segment/analytics-node", "Segment"), ("analytics-node", "Segment"), ("segment-analytics", "Segment"),
    ("mixpanel", "Mixpanel"), ("@amplitude/analytics-node", "Amplitude"), ("amplitude", "Amplitude"),
    ("@sentry/node", "Sentry"), ("sentry_sdk", "Sentry"), ("universal-analytics", "Google Analytics"),
)
_SDK_NAMES = "|".join(re.escape(name) for name, _ in _SDKS)
_PY_SDK = re.compile(rf"^[ \t]*(?:import|from)[ \t]+({_SDK_NAMES})\b", re.M)
_JS_SDK = re.compile(rf"""(?:require\(\s*|from\s*|import\(\s*|import\s+)["']({_SDK_NAMES})["']""")
_SETTING = re.compile(r"\b(?:DO_NOT_TRACK|[A-Z][A-Z0-9_]*(?:TELEMETRY|ANALYTICS|TRACKING)[A-Z0-9_]*)\b")


@dataclass(frozen=True)
class TelemetryHint:
    line: int
    service: str  # "PostHog", "Sentry", "its own telemetry endpoint" …
    target: str  # the host or URL, or the SDK's package name


@dataclass(frozen=True)
class DownloadExec:
    line: int  # of the download
    download: str  # the call or URL that fetches
    execute: str  # what makes it run (chmod +x …, | sh)
    checksum: bool  # a digest or signature is compared nearby


def _line_of(text: str, pos: int) -> int:
    return line_at(text, pos)


def telemetry_hints(text: str, path: str) -> tuple[TelemetryHint, ...]:
    """Analytics addresses in the text and analytics SDK imports, one per service and target."""
    out: dict[tuple[str, str], TelemetryHint] = {}
    for m in _URL.finditer(text):
        url = m.group(0)
        for rx, service in _ANALYTICS_HOSTS:
            hit = rx.search(url)
            if hit and hit.start() <= len(url.split("/", 3)[2]) + 8:  # in the host, not a later path
                host = url.split("/", 3)[2]
                out.setdefault((service, host), TelemetryHint(_line_of(text, m.start()), service, host))
                break
    sdk = _PY_SDK if path.endswith(".py") else _JS_SDK
    names = dict(_SDKS)
    for m in sdk.finditer(text):
        service = names[m.group(1)]
        out.setdefault((service, m.group(1)), TelemetryHint(_line_of(text, m.start()), service, m.group(1)))
    return tuple(sorted(out.values(), key=lambda h: (h.line, h.service, h.target)))


def telemetry_settings(text: str) -> tuple[str, ...]:
    """Names of settings about telemetry in the text (`DO_NOT_TRACK`, `X_DISABLE_TELEMETRY` …)."""
    return tuple(sorted(set(_SETTING.findall(text))))


_DOWNLOAD = re.compile(
    r"\burlretrieve\s*\(|\burlopen\s*\(|\brequests\.get\s*\(|\bhttpx\.(?:get|stream)\s*\(|\bfetch\s*\(|"
    r"\bhttps?\.get\s*\(|\baxios(?:\.get)?\s*\(|\b(?:curl|wget)\s+[-\w]*\s*https?://")
_MAKE_EXECUTABLE = re.compile(
    r"\bchmod(?:Sync)?\s*\([^;\n]{0,160}?(?:0o?[75][0-7][0-7]|0o?1[0-7][0-7]|S_IX|S_IEXEC|\b(?:493|365|511)\b)|"
    r"\bchmod\s+(?:\+x|[0-7]*[75][0-7][0-7])\b")
_RUN = re.compile(r"\bsubprocess\.\w+\s*\(|\bPopen\s*\(|\bos\.exec\w*\s*\(|\bspawn(?:Sync)?\s*\(|"
                  r"\bexecFile(?:Sync)?\s*\(|\bexeca\s*\(|\bos\.system\s*\(|\bexecSync\s*\(")
_PIPE_TO_SHELL = re.compile(r"\b(?:curl|wget)\b[^\n|;&]*https?://[^\n|;&]*\|\s*(?:sudo\s+)?(?:ba|z)?sh\b")
_CHECKSUM = re.compile(r"hashlib|createHash|\bsha(?:256|512|1)\b|sha256sum|checksum|hexdigest|\bdigest\s*\(|"
                       r"verify_signature|cosign|minisign|gpg\s+--verify|integrity", re.I)
WINDOW = 4000  # characters: the stretch of code a download, a chmod and a start share
NEAR_CALL = 200  # characters between a call that runs a command and the `curl … | sh` it is given


def download_exec(text: str) -> tuple[DownloadExec, ...]:
    """Downloads made executable and started nearby, and downloads piped into a shell."""
    out: list[DownloadExec] = []
    # each pattern starts with a word; a text without that word is not searched (the patterns start
    # with `\b`, so a search tries every position of the text)
    pipes = _PIPE_TO_SHELL.finditer(text) if "curl" in text or "wget" in text else ()
    for m in pipes:
        if _RUN.search(text, max(0, m.start() - NEAR_CALL), m.start()) is None:
            continue  # a hint printed for the user (`curl … | sh` in a message), not a command run
        lo, hi = max(0, m.start() - WINDOW), m.end() + WINDOW
        out.append(DownloadExec(_line_of(text, m.start()), m.group(0)[:120], "piped into a shell",
                                bool(_CHECKSUM.search(text, lo, hi))))
    seen_chmod: set[int] = set()
    for m in _DOWNLOAD.finditer(text) if "chmod" in text else ():  # no chmod, nothing made executable
        hi = m.end() + WINDOW
        chmod = _MAKE_EXECUTABLE.search(text, m.end(), hi)
        if chmod is None or chmod.start() in seen_chmod:
            continue
        run = _RUN.search(text, max(0, m.start() - WINDOW), chmod.end() + WINDOW)
        if run is None:
            continue
        seen_chmod.add(chmod.start())
        lo = max(0, m.start() - WINDOW)
        out.append(DownloadExec(_line_of(text, m.start()), m.group(0).strip()[:80],
                                f"made executable ({chmod.group(0).strip()[:60]}) and started "
                                f"({run.group(0).strip()[:40]})", bool(_CHECKSUM.search(text, lo, hi))))
    return tuple(sorted(out, key=lambda d: d.line))
