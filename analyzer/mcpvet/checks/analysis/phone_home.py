"""Check `phone-home` (risk high): does the package report on its users, or fetch code to run?

What: judges the text facts of the package's source files (`mcpvet.facts.phonehome`, read in the
scan worker): addresses of product-analytics and error-reporting services, their SDKs, the
settings that name telemetry, and downloads that are made executable and started.

Rules:
- `telemetry` — the package sends usage data to an analytics or error-reporting service
  (PostHog, Segment, Mixpanel, Amplitude, Google Analytics, Clearcut, Sentry, Scarf, Heap, a
  `telemetry.…` endpoint of its own …): medium when it is on by default (no setting, or an opt-out
  setting such as `DO_NOT_TRACK` or `X_DISABLE_TELEMETRY`, which the finding names), low when
  every telemetry setting found says "enable" (opt-in). One finding per service, naming the host
  (or the SDK) and the file; the tools that reach the file are listed.
- `download-and-execute` (high, wherever it runs: a tool, start-up or a helper) — a file fetched
  from the network is made executable and started (or a download is piped into a shell) with no
  checksum or signature compared in the same stretch of code. Low when a digest is compared nearby
  (the program is pinned by the package, as if it were shipped in it).

Why: a user connecting an MCP server does not expect it to report each call to a third party;
a program fetched at every start and run unchecked is whatever the release page (or whoever
controls it) serves that day, with the user's rights.

How to fix: make telemetry opt-in and say so in the README and tool descriptions; ship the
binary in the package or compare its SHA-256 with a digest pinned in the package before running it.
Inconclusive (no score) when no source file could be read.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from mcpvet.checks.analysis._common import score_from, sort_findings
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.facts.scan import FileScan
from mcpvet.model import Evidence, Finding, Location, Severity

_OPT_IN = re.compile(r"ENABLE|OPT_?IN")
_OPT_OUT = re.compile(r"DISABLE|OPT_?OUT|DO_NOT_TRACK|(?:^|_)NO_|_OFF\b")


def opt_in_only(settings: tuple[str, ...]) -> bool:
    """Every telemetry setting found says "enable": telemetry is off unless the user turns it on."""
    return bool(settings) and all(_OPT_IN.search(s) and not _OPT_OUT.search(s) for s in settings)


@dataclass(frozen=True)
class PhoneHomeCheck:
    id: str = "phone-home"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("telemetry", "download-and-execute")

    def run(self, facts: Facts) -> CheckOutcome:
        source = facts.source
        if facts.tree is None or source is None or not source.files:
            return CheckOutcome((), None, "no source file to read")
        scans = source.read
        if not scans:
            return CheckOutcome((), None, "no source file could be read")
        reached: dict[str, list[str]] = {}
        for t in facts.tools:
            for path in t.reached_files:
                reached.setdefault(path, []).append(t.name)
        findings = self._telemetry(facts, scans, reached) + self._downloads(scans, reached)
        ordered = sort_findings(findings)
        reason = (f"{len(scans)} source files read: no telemetry, nothing downloaded to run" if not ordered
                  else f"{len(scans)} source files read: {len(ordered)} findings")
        return CheckOutcome(ordered, score_from(ordered), reason)

    @staticmethod
    def _reached_by(paths: list[str], reached: dict[str, list[str]]) -> str:
        names = sorted({n for p in paths for n in reached.get(p, ())})
        if not names:
            return ""
        shown = ", ".join(names[:6]) + (f" and {len(names) - 6} more" if len(names) > 6 else "")
        return f" Code reached by {len(names)} tools ({shown})."

    def _telemetry(self, facts: Facts, scans: dict[str, FileScan], reached: dict[str, list[str]]) -> list[Finding]:
        by_service: dict[str, list[tuple[str, int, str]]] = {}
        settings: dict[str, set[str]] = {}
        for path in sorted(scans):
            scan = scans[path]
            for hint in scan.telemetry:
                by_service.setdefault(hint.service, []).append((path, hint.line, hint.target))
                settings.setdefault(hint.service, set()).update(scan.telemetry_settings)
        out: list[Finding] = []
        for service, hits in sorted(by_service.items()):
            names = tuple(sorted(settings.get(service, ())))
            opt_in = opt_in_only(names)
            targets = sorted({t for _, _, t in hits})
            where = sorted({p for p, _, _ in hits})
            first = hits[0]
            if opt_in:
                switch = f"It looks opt-in: the only setting found is {', '.join(names)}."
            elif names:
                switch = f"It is on by default; the setting found to turn it off: {', '.join(names)}."
            else:
                switch = "It is on by default: no setting to turn it off was found."
            out.append(Finding(
                "telemetry", Severity.LOW if opt_in else Severity.MEDIUM,
                f"Telemetry to {service} ({targets[0]})",
                f"The package sends usage data to {service}: {', '.join(targets[:4])} in {', '.join(where[:4])} "
                f"(first at {first[0]}:{first[1]}). {switch}" + self._reached_by(where, reached),
                None, Location(first[0], first[1]),
                tuple(Evidence(Location(p, ln), f"telemetry:{t}", ()) for p, ln, t in hits[:10])))
        return out

    def _downloads(self, scans: dict[str, FileScan], reached: dict[str, list[str]]) -> list[Finding]:
        out: list[Finding] = []
        for path in sorted(scans):
            for d in scans[path].downloads_run:
                sev = Severity.LOW if d.checksum else Severity.HIGH
                check = ("a digest is compared nearby, so what runs is pinned by the package" if d.checksum
                         else "no checksum or signature is compared before it runs, so what runs is whatever "
                              "the address serves that day")
                out.append(Finding(
                    "download-and-execute", sev, f"Downloads a program and runs it ({path})",
                    f"{path}:{d.line} fetches with {d.download}; the file is {d.execute}: {check}."
                    + self._reached_by([path], reached),
                    None, Location(path, d.line), (Evidence(Location(path, d.line), "download:" + d.download, ()),)))
        return out


CHECK = PhoneHomeCheck()
