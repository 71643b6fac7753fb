"""Check `install-hooks` (risk high): does installing the package run code, and what does that code do?

What: every install-time hook discovery found: npm `preinstall`/`install`/`postinstall`/
`prepare` scripts (and the files they run, read as text), `setup.py` (parsed with `ast`, never
run), `.pth` files, in-tree build backends.

Rule `install-script`:
- high — the hook fetches or sends something (HTTP, sockets, curl/wget, a hard-coded address next
  to a call that requests; an address in a printed or raised message is a link for a person),
  decodes and runs code, or a `setup.py` command override starts programs; a `.pth` file with an
  `import` line (runs at every Python start);
- medium — the hook runs a package file or command that starts programs, writes files or reads
  the environment; a `setup.py` that writes files or starts programs;
- low — a `setup.py` that only reads the environment or overrides build commands harmlessly, an
  in-tree build backend;
- info — a lifecycle script that only runs well-known build tools (tsc, node-gyp, husky …).

Why: install hooks run with the user's rights before anyone looks at the tool; they are the most
common vehicle of registry malware.

Score: 0 when any hook rates high (it fetches, sends or runs something at install time);
otherwise 10 minus the usual penalties.

How to fix: ship built artefacts instead of building at install time; drop lifecycle scripts
that download or report anything.
Inconclusive (no score) when the package could not be unpacked.
"""

from __future__ import annotations

from dataclasses import dataclass

from mcpvet.checks.analysis._common import score_from, sort_findings
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.facts import HookFacts
from mcpvet.model import Finding, Kind, Location, Severity

_WHAT = {
    Kind.NETWORK: "network access",
    Kind.PROCESS: "starts programs",
    Kind.ENV: "reads environment variables",
    Kind.FS_WRITE: "writes files",
    Kind.CODE_EXEC: "runs generated code",
    Kind.FS_READ: "reads files",
}


def _kinds_text(kinds: frozenset[Kind]) -> str:
    return ", ".join(_WHAT[k] for k in Kind if k in kinds) or "nothing risky found"


@dataclass(frozen=True)
class InstallHooksCheck:
    id: str = "install-hooks"
    risk: Severity = Severity.HIGH
    rules: tuple[str, ...] = ("install-script",)

    def run(self, facts: Facts) -> CheckOutcome:
        tree = facts.tree
        if tree is None:
            return CheckOutcome((), None, "package not unpacked: install hooks unknown")
        if facts.source is None and tree.install_hooks:
            return CheckOutcome((), None, "the code of the install hooks was not gathered: install hooks unknown")
        findings: list[Finding] = []
        hooks = facts.source.hooks if facts.source is not None else ()
        for h in sorted(hooks, key=lambda h: (h.hook.kind, h.hook.location.path if h.hook.location else "")):
            findings += self.hook_findings(h)
        findings = list(sort_findings(findings))
        if not tree.install_hooks:
            reason = "no install-time hooks"
        else:
            reason = f"{len(tree.install_hooks)} install-time hooks: " + ", ".join(sorted({h.kind for h in tree.install_hooks}))
        # code that fetches, sends or runs something at install time is the registry-malware pattern: 0
        score = 0.0 if any(f.severity >= Severity.HIGH for f in findings) else score_from(findings)
        return CheckOutcome(tuple(findings), score, reason)

    def hook_findings(self, facts: HookFacts) -> list[Finding]:
        hook = facts.hook
        if hook.kind.startswith("npm:"):
            return [self._npm(facts)]
        if hook.kind == "setup.py":
            return self._setup_py(facts)
        if hook.kind == "pth":
            return self._pth(facts)
        if hook.kind == "build-backend":
            return [Finding("install-script", Severity.LOW, "In-tree build backend runs package code at install time",
                            hook.command + ".", None, hook.location)]
        return [Finding("install-script", Severity.MEDIUM, f"Install-time hook `{hook.kind}`", hook.command, None,
                        hook.location)]

    def _npm(self, facts: HookFacts) -> Finding:
        hook = facts.hook
        stage = hook.kind.split(":", 1)[1]
        command = hook.command.strip()
        if facts.benign_build or facts.behaviour is None:
            return Finding("install-script", Severity.INFO, f"npm `{stage}` script runs a build tool",
                           f"`{stage}`: `{command}` only runs well-known build tools.", None, hook.location)
        read = list(facts.scripts_read)
        beh = facts.behaviour
        runs = f"`{command}`" + (f" (which runs {', '.join(read)})" if read else "")
        dangerous = beh.sends or Kind.CODE_EXEC in beh.kinds or facts.pipes_to_shell
        sev = Severity.HIGH if dangerous else Severity.MEDIUM
        msg = f"npm runs the `{stage}` script {runs} on install: {_kinds_text(beh.kinds)}."
        if beh.addresses:
            msg += " Addresses: " + ", ".join(beh.addresses) + "."
        loc = hook.location
        if read and not beh.sends and loc is None:
            loc = Location(read[0], 1)
        return Finding("install-script", sev, f"npm `{stage}` script runs code at install time", msg, None, loc)

    def _setup_py(self, facts: HookFacts) -> list[Finding]:
        hook = facts.hook
        path = hook.location.path if hook.location else "setup.py"
        loc = hook.location or Location(path, 1)
        if facts.setup_error == "not read":
            return [Finding("install-script", Severity.LOW, "setup.py could not be read",
                            f"{path} runs at install time from an sdist but could not be read.", None, loc)]
        beh = facts.setup
        if beh is None:
            return [Finding("install-script", Severity.MEDIUM, "setup.py does not parse",
                            f"{path} runs at install time but is not valid Python 3 ({facts.setup_error}); "
                            "it cannot be reviewed statically.", None, loc)]
        if not beh.does_more_than_setup:
            return []
        kinds = beh.kinds
        overrides_install = any(c.split("=")[0] in ("install", "develop", "egg_info", "bdist_egg", "easy_install")
                                for c in beh.cmdclass)
        if Kind.NETWORK in kinds or Kind.CODE_EXEC in kinds or (Kind.PROCESS in kinds and overrides_install):
            sev = Severity.HIGH
        elif kinds & {Kind.PROCESS, Kind.FS_WRITE}:
            sev = Severity.MEDIUM
        else:
            sev = Severity.LOW
        parts = []
        if beh.cmdclass:
            parts.append("overrides setup commands (" + ", ".join(beh.cmdclass) + ")")
        if kinds:
            parts.append(_kinds_text(kinds))
        msg = f"{path} does more than call setup(): " + "; ".join(parts) + "."
        if beh.notes:
            msg += " " + "; ".join(beh.notes[:5]) + "."
        if beh.addresses:
            msg += " Addresses: " + ", ".join(beh.addresses) + "."
        return [Finding("install-script", sev, "setup.py runs code at install time", msg, None, loc)]

    def _pth(self, facts: HookFacts) -> list[Finding]:
        hook = facts.hook
        imports = facts.pth_imports
        if imports:
            return [Finding("install-script", Severity.HIGH, ".pth file runs code at every Python start",
                            f"{hook.location.path if hook.location else 'a .pth file'} has an `import` line that "
                            f"Python runs at every interpreter start: {imports[0].strip()[:160]!r}.", None, hook.location)]
        return [Finding("install-script", Severity.INFO, ".pth file adds import paths",
                        f"{hook.location.path if hook.location else 'a .pth file'} only lists paths.", None, hook.location)]


CHECK = InstallHooksCheck()
