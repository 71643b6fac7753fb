"""archive-safety: did the package archive try to write outside its folder, or to bomb the unpacker?

What: one `unsafe-archive` finding per member that unpacking refused (capped, the rest summarised).
Why: a published package has no reason to ship `../` paths, absolute paths, symbolic or hard
links, device nodes or FIFOs; their only effect is on tools that extract naively (path
traversal, overwriting files, reading secrets through links). A decompression bomb or a member
over the size limits targets the scanners and installers themselves.
How to fix: publish archives built by the ecosystem's own tools (`python -m build`, `npm pack`),
which never contain such members.

Score: 10 when nothing was refused; 0 when traversal, absolute paths, links or devices were
refused; 5 when only limits were hit or members had unusable names (suspicious, or just a very
large package). Inconclusive (None) when the target was not an archive (a folder, a git checkout).
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import Check, CheckOutcome, Facts
from mcpvet.model import Finding, RefusedMember, Severity
from mcpvet.unpack import paths

RULE = "unsafe-archive"
MAX_FINDINGS = 20

# reason -> (severity, what it means)
_DANGEROUS: dict[str, str] = {
    paths.ABSOLUTE: "an absolute path (would be written anywhere on the disk)",
    paths.TRAVERSAL: "a path with '..' (would be written outside the package folder)",
    paths.SYMLINK: "a symbolic link (can redirect later writes or reads outside the package)",
    paths.HARDLINK: "a hard link (can alias a file outside the package)",
    paths.DEVICE: "a device node",
    paths.FIFO: "a FIFO (can hang tools that read it)",
}
_SUSPICIOUS: dict[str, str] = {
    paths.SPECIAL: "a member that is not a regular file or folder",
    paths.BAD_NAME: "a file name with NUL or control characters, or over 4 KiB",
    paths.BAD_HEADER: "a tar extension header built to stall tar readers (oversized, or long digit runs)",
    paths.TOO_LARGE: "a member over the single-file size limit",
    paths.LIMIT_TOTAL: "more decompressed data than the total limit (possible decompression bomb)",
    paths.LIMIT_RATIO: "a compression ratio over the limit (possible decompression bomb)",
    paths.LIMIT_MEMBERS: "more members than the limit",
}


def _describe(member: RefusedMember) -> tuple[Severity, str]:
    if member.reason in _DANGEROUS:
        return Severity.HIGH, _DANGEROUS[member.reason]
    return Severity.MEDIUM, _SUSPICIOUS.get(member.reason, f"a member refused for {member.reason!r}")


@dataclass(frozen=True)
class ArchiveSafety:
    id: str = "archive-safety"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = (RULE,)

    def run(self, facts: Facts) -> CheckOutcome:
        refused = sorted(facts.refused_members, key=lambda m: (m.path, m.reason))
        if not refused:
            if facts.target.artifact is None or facts.target.sha256 is None:
                return CheckOutcome((), None, "the target is not an archive: nothing to check")
            return CheckOutcome((), 10.0, "every archive member is a regular file or folder within the limits")
        findings: list[Finding] = []
        for member in refused[:MAX_FINDINGS]:
            severity, what = _describe(member)
            if member.path == "(archive)":
                subject = "the archive"
            elif member.path == "(header)":
                subject = "a tar extension header"
            else:
                subject = f"archive member {member.path!r}"
            findings.append(Finding(
                rule=RULE, severity=severity,
                title=f"Unsafe archive member: {member.reason}",
                message=f"{subject} was refused when unpacking: {what}. It was not written to disk.",
            ))
        rest = refused[MAX_FINDINGS:]
        if rest:
            worst = max((_describe(m)[0] for m in rest), key=lambda s: s.rank)
            reasons = ", ".join(sorted({m.reason for m in rest}))
            findings.append(Finding(
                rule=RULE, severity=worst,
                title=f"{len(rest)} more unsafe archive members",
                message=f"{len(rest)} further archive members were refused ({reasons}); "
                        f"only the first {MAX_FINDINGS} are listed one by one.",
            ))
        dangerous = sorted({m.reason for m in refused if m.reason in _DANGEROUS})
        if dangerous:
            return CheckOutcome(tuple(findings), 0.0,
                                f"{len(refused)} member(s) refused, including {', '.join(dangerous)}")
        reasons = ", ".join(sorted({m.reason for m in refused}))
        return CheckOutcome(tuple(findings), 5.0, f"{len(refused)} member(s) refused or limits hit ({reasons})")


CHECKS: tuple[Check, ...] = (ArchiveSafety(),)
