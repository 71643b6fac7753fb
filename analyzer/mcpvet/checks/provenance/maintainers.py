"""maintainer-continuity: did the people who publish the package change at the inspected version?

What: `maintainer-change` when the maintainers of the inspected version differ from those of the
previous release: medium when it was published by someone who never published or maintained the
package before, or when every earlier maintainer is gone; low when an existing maintainer published
and people were only added or removed (organisations do this routinely);
`dormant-then-new-maintainer` (high) when, in addition, the previous release is more than a year
older and the new publisher never appeared in the package's history (the pattern of account
take-overs and of abandoned packages handed to strangers: event-stream, ctx, rc).
npm records maintainers and the publishing account per version. PyPI does not say who uploaded a
version; mcpvet compares the Author/Maintainer metadata of the two versions (per-version JSON API)
and says when that is not available.
How to fix: check the new maintainer's identity and the diff of the release before upgrading.

Score: 10 unchanged (or a first release), 8 for a routine change, 4 for a new hand, 0 for a dormant
package taken over. Inconclusive when the data is not available (local folder, git, PyPI without per-version
metadata).
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.checks.provenance._common import provenance_of
from mcpvet.model import Finding, Severity
from mcpvet.provenance.history import DORMANT_DAYS


@dataclass(frozen=True)
class MaintainerContinuity:
    id: str = "maintainer-continuity"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("maintainer-change", "dormant-then-new-maintainer")

    def run(self, facts: Facts) -> CheckOutcome:
        prov = provenance_of(facts)
        if prov is None or prov.history is None:
            return CheckOutcome((), None, "inconclusive: no registry history")
        hist = prov.history
        if hist.inspected is None:
            return CheckOutcome((), None, "inconclusive: the inspected version is not in the registry history")
        if hist.maintainer_data.startswith("unavailable"):
            return CheckOutcome((), None, f"inconclusive: {hist.maintainer_data.removeprefix('unavailable: ')}")
        prev = hist.previous
        if prev is None:
            return CheckOutcome((), 10.0, "the inspected version is the first release: no earlier maintainers to compare")
        change = hist.maintainer_change()
        if change is None:
            if hist.inspected.maintainers is None or prev.maintainers is None:
                return CheckOutcome((), None, "inconclusive: the registry gives no maintainers for these versions")
            return CheckOutcome((), 10.0, f"same maintainers as the previous release {prev.version}")
        who = []
        if change.added:
            who.append(f"added {', '.join(change.added)}")
        if change.removed:
            who.append(f"removed {', '.join(change.removed)}")
        if change.publisher and hist.registry == "npm":
            who.append(f"published by {change.publisher}{' (new)' if change.publisher_is_new else ''}")
        detail = "; ".join(who)
        gap = f"{int(change.gap_days)} days" if change.gap_days is not None else "an unknown time"
        basis = "npm per-version maintainers and publisher" if hist.registry == "npm" else \
            "PyPI Author/Maintainer metadata of the two versions (PyPI does not record who uploaded)"
        if change.publisher_is_new and change.gap_days is not None and change.gap_days >= DORMANT_DAYS:
            f = Finding(
                "dormant-then-new-maintainer", Severity.HIGH,
                f"Version {change.inspected_version} came {gap} after {change.previous_version} from a new maintainer",
                f"The package was dormant for {gap}; the inspected version is the first by someone who never published "
                f"or maintained it before ({detail}). Basis: {basis}.")
            return CheckOutcome((f,), 0.0, f.title)
        prev_people = set(prev.maintainers or ()) | ({prev.publisher} if prev.publisher else set())
        cur_people = set(hist.inspected.maintainers or ()) | ({change.publisher} if change.publisher else set())
        replaced = bool(prev_people) and not (prev_people & cur_people)
        new_hand = (change.publisher is not None and change.publisher_is_new) or replaced \
            or (change.publisher is None and change.publisher_is_new)
        severity, score = (Severity.MEDIUM, 4.0) if new_hand else (Severity.LOW, 8.0)
        what = "replaced" if replaced else "changed"
        f = Finding(
            "maintainer-change", severity,
            f"Maintainers {what} between {change.previous_version} and {change.inspected_version}",
            f"{detail[:1].upper() + detail[1:]} ({gap} after the previous release). Basis: {basis}.")
        return CheckOutcome((f,), score, f.title)
