"""Command lines a tool's code starts, read as a user reads them: which program runs behind known
launchers (`lake env lean` runs lean), and whether a command only reads (`rg -n x src`, `git status`,
`mobilecli --version`).

Commands come from the evidence's `destination` (the constant command line, a known prefix ending
in `…`); a command not known statically is never read-only.
"""

from __future__ import annotations

import re

from mcpvet.model import Evidence, Kind, Tool

# programs that start another program named after them: `lake env lean`, `npx tsc`, `uv run pytest`,
# `timeout 30 rg`; the program a text admits to is the one after them
_LAUNCHERS: dict[str, int] = {"env": 1, "nice": 1, "timeout": 1, "nohup": 1, "stdbuf": 1, "time": 1, "xcrun": 1,
                              "npx": 1, "bunx": 1, "pnpx": 1, "uvx": 1, "lake env": 2, "uv run": 2, "poetry run": 2,
                              "pipenv run": 2, "pdm run": 2, "hatch run": 2, "conda run": 2, "pixi run": 2,
                              "bundle exec": 2, "npm exec": 2, "pnpm exec": 2, "yarn exec": 2, "elan run": 2}
_ASSIGNMENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*=")
_DURATION = re.compile(r"^\d+(?:\.\d+)?[smhd]?$")


def command_words(command: str) -> list[str]:
    """The words of a command line from the program it runs on, known launchers, their options,
    settings and durations passed over (`env A=1 npx -y tsc x` → `tsc x`)."""
    words = command.split()
    for _ in range(4):
        if not words:
            return []
        two = " ".join(words[:2])
        skip = _LAUNCHERS.get(two) if two in _LAUNCHERS else _LAUNCHERS.get(_base(words[0]))
        if not skip:
            break
        words = words[skip:]
        while words and (words[0].startswith("-") or _ASSIGNMENT.match(words[0]) or _DURATION.match(words[0])):
            words = words[1:]
    return words


def _base(word: str) -> str:
    return word.rsplit("/", 1)[-1].rsplit("\\", 1)[-1].lower().removesuffix(".exe")


def program_of(command: str) -> str | None:
    """The program a command line runs, known launchers and wrappers passed over (`lake env lean
    --profile f` → `lean`, `env FOO=1 npx -y tsc` → `tsc`, `/usr/bin/rg -n x` → `rg`); None when its
    first word is not known statically (`…`)."""
    words = command_words(command)
    if not words or "…" in words[0]:
        return None
    return _base(words[0]) or None


# programs that read whatever their arguments are (none of their options writes a file or runs a program)
_READERS = frozenset({"grep", "egrep", "fgrep", "ls", "cat", "head", "tail", "wc", "stat", "file", "du", "df",
                      "which", "whereis", "whoami", "id", "uname", "pwd", "ps", "diff", "cmp", "sha1sum", "sha256sum",
                      "md5sum", "md5", "shasum", "printenv", "lsof", "nproc", "uptime", "sw_vers", "getconf", "arch"})
_GIT_READS = frozenset({"log", "status", "diff", "show", "rev-parse", "ls-files", "ls-tree", "blame", "describe",
                        "cat-file", "grep", "shortlog", "rev-list", "for-each-ref", "show-ref", "version"})
_ONLY_ASKS = frozenset({"--version", "-v", "-V", "version", "--help", "-h", "help"})
# `lean --print-prefix`, `gcc -print-libgcc-file-name`: a program asked where it is installed
_PRINTS_SETTING = re.compile(r"^--?print-[a-z][a-z-]*$")
_WRITING_OPTIONS = re.compile(r"^--(?:pre|output|out|exec)\b|^-o$")


def read_only_command(command: str) -> bool:
    """Whether a command line only reads: a program asked for its version, help or install prefix
    (`mobilecli --version`, `lean --print-prefix`), a reader of files whatever its arguments (`grep
    -rn …`, `ls …`), `git` with a reading sub-command and constant arguments (`git log --oneline
    -5`), or `rg` with constant arguments and no `--pre`. An unknown program with arguments, or a
    command line with a part not known statically for any but the readers, is not."""
    words = command_words(command)
    if not words or "…" in words[0]:
        return False
    program, args = _base(words[0]), words[1:]
    if len(args) == 1 and (args[0] in _ONLY_ASKS or _PRINTS_SETTING.match(args[0])):
        return True
    if program in _READERS:
        return True
    constant = not any("…" in w for w in args) and not any(_WRITING_OPTIONS.match(w) for w in args)
    if program == "git":
        rest = list(args)
        while rest and rest[0] in ("-C", "-c", "--no-pager"):
            rest = rest[1:] if rest[0] == "--no-pager" else rest[2:]
        return constant and bool(rest) and rest[0] in _GIT_READS
    return program == "rg" and constant


_START_ROLES = frozenset({"command", "program", "shell"})
_HANDLE_PARENTS = frozenset({"subprocess.Popen", "asyncio.subprocess.Process", "child_process.spawn",
                             "child_process.exec", "child_process.execFile", "child_process.execSync",
                             "child_process.execFileSync", "child_process.spawnSync"})
_HANDLE_METHODS = frozenset({"wait", "terminate", "kill", "communicate", "poll", "send_signal", "toString", "on",
                             "once", "unref", "disconnect"})


def on_a_started_process(sink: str) -> bool:
    """`subprocess.Popen.wait`, `child_process.execFileSync.toString`: a call on a process already started."""
    parent, _, method = sink.rpartition(".")
    return parent in _HANDLE_PARENTS and method in _HANDLE_METHODS
# a shell line that runs more than its first program (`lean x; curl …`, `$(…)`, a pipe, a redirection)
_SHELL_OPERATORS = re.compile(r"[;|&`<>\n]|\$\(")


def process_starts(tool: Tool) -> list[Evidence]:
    """The calls that start a program, when every process evidence of the tool is kept and is either
    a start whose command line no tool argument begins and that runs one program (no shell
    operators), or a call on a process it started (`Popen.wait`, `.kill`); else empty."""
    caps = [c for c in tool.capabilities if c.kind is Kind.PROCESS]
    if not caps or any(c.hidden for c in caps):
        return []
    evidence = [e for c in caps for e in c.evidence]
    handles = [e for e in evidence if on_a_started_process(e.sink)]
    starts = [e for e in evidence if e not in handles]
    if not starts or any(e.role not in _START_ROLES for e in starts):
        return []
    if any(e.lead or (e.role == "shell" and _SHELL_OPERATORS.search(e.destination or "")) for e in starts):
        return []
    return starts


def only_read_only_programs(tool: Tool) -> bool:
    """Every program the tool starts is known statically and only reads (`read_only_command`)."""
    starts = process_starts(tool)
    return bool(starts) and all(read_only_command(e.destination or "") for e in starts)
