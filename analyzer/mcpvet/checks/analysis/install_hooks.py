"""Check `install-hooks` (risk high): does installing the package run code, and what does that code do?

What: every install-time hook discovery found: npm `preinstall`/`install`/`postinstall`/
`prepare` scripts (and the files they run, read as text), `setup.py` (parsed with `ast`, never
run), `.pth` files, in-tree build backends.

Rule `install-script`:
- high — the hook fetches or sends something (HTTP, sockets, curl/wget, hard-coded addresses),
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

import re
from dataclasses import dataclass

from mcpvet.behaviour.installcode import is_benign_build, script_behaviour, setup_py_behaviour
from mcpvet.checks.analysis._common import read_text, score_from, sort_findings
from mcpvet.checks.interface import CheckOutcome, Facts
from mcpvet.discover import script_files
from mcpvet.model import Finding, InstallHook, Kind, Location, Severity, SourceTree

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
        findings: list[Finding] = []
        for hook in sorted(tree.install_hooks, key=lambda h: (h.kind, h.location.path if h.location else "")):
            findings += self.hook_findings(hook, tree)
        findings = list(sort_findings(findings))
        if not tree.install_hooks:
            reason = "no install-time hooks"
        else:
            reason = f"{len(tree.install_hooks)} install-time hooks: " + ", ".join(sorted({h.kind for h in tree.install_hooks}))
        # code that fetches, sends or runs something at install time is the registry-malware pattern: 0
        score = 0.0 if any(f.severity >= Severity.HIGH for f in findings) else score_from(findings)
        return CheckOutcome(tuple(findings), score, reason)

    def hook_findings(self, hook: InstallHook, tree: SourceTree) -> list[Finding]:
        if hook.kind.startswith("npm:"):
            return [self._npm(hook, tree)]
        if hook.kind == "setup.py":
            return self._setup_py(hook, tree)
        if hook.kind == "pth":
            return self._pth(hook)
        if hook.kind == "build-backend":
            return [Finding("install-script", Severity.LOW, "In-tree build backend runs package code at install time",
                            hook.command + ".", None, hook.location)]
        return [Finding("install-script", Severity.MEDIUM, f"Install-time hook `{hook.kind}`", hook.command, None,
                        hook.location)]

    def _npm(self, hook: InstallHook, tree: SourceTree) -> Finding:
        stage = hook.kind.split(":", 1)[1]
        command = hook.command.strip()
        if is_benign_build(command):
            return Finding("install-script", Severity.INFO, f"npm `{stage}` script runs a build tool",
                           f"`{stage}`: `{command}` only runs well-known build tools.", None, hook.location)
        texts = [command]
        read: list[str] = []
        for rel in script_files(command):
            text = read_text(tree, rel)
            if text is not None:
                texts.append(text)
                read.append(rel)
        beh = script_behaviour("\n".join(texts))
        runs = f"`{command}`" + (f" (which runs {', '.join(read)})" if read else "")
        dangerous = beh.sends or Kind.CODE_EXEC in beh.kinds or re.search(r"\b(?:curl|wget)\b.*\|\s*(?:ba)?sh", command)
        sev = Severity.HIGH if dangerous else Severity.MEDIUM
        msg = f"npm runs the `{stage}` script {runs} on install: {_kinds_text(beh.kinds)}."
        if beh.addresses:
            msg += " Addresses: " + ", ".join(beh.addresses) + "."
        loc = hook.location
        if read and not beh.sends and loc is None:
            loc = Location(read[0], 1)
        return Finding("install-script", sev, f"npm `{stage}` script runs code at install time", msg, None, loc)

    def _setup_py(self, hook: InstallHook, tree: SourceTree) -> list[Finding]:
        path = hook.location.path if hook.location else "setup.py"
        source = read_text(tree, path)
        loc = hook.location or Location(path, 1)
        if source is None:
            return [Finding("install-script", Severity.LOW, "setup.py could not be read",
                            f"{path} runs at install time from an sdist but could not be read.", None, loc)]
        try:
            beh = setup_py_behaviour(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError) as exc:
            return [Finding("install-script", Severity.MEDIUM, "setup.py does not parse",
                            f"{path} runs at install time but is not valid Python 3 ({type(exc).__name__}: {exc}); "
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

    def _pth(self, hook: InstallHook) -> list[Finding]:
        lines = [ln for ln in hook.command.splitlines() if ln.strip() and not ln.lstrip().startswith("#")]
        imports = [ln for ln in lines if re.match(r"\s*import[\s\t]", ln)]
        if imports:
            return [Finding("install-script", Severity.HIGH, ".pth file runs code at every Python start",
                            f"{hook.location.path if hook.location else 'a .pth file'} has an `import` line that "
                            f"Python runs at every interpreter start: {imports[0].strip()[:160]!r}.", None, hook.location)]
        return [Finding("install-script", Severity.INFO, ".pth file adds import paths",
                        f"{hook.location.path if hook.location else 'a .pth file'} only lists paths.", None, hook.location)]


CHECK = InstallHooksCheck()
