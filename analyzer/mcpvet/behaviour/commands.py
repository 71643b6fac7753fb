"""Command lines a tool's code starts, read as a user reads them: which program runs behind known
launchers (`lake env lean` runs lean), and whether a command only reads (`rg -n x src`, `git status`,
`mobilecli --version`, `adb -s ID shell getprop ro.build.version.release`).

Commands come from the evidence's `command` (`model.Command`: the program by name and every word the
code can pass, made once by the frontends), else from its `destination` (the constant command line, a
known prefix ending in `…`, after which nothing is known); a command not known statically is never
read-only. The judgement reads the words the code writes: the program must be known and every word
it can be given must be seen (`Command.complete`); the constant words decide (a reading sub-command,
no writing or program-running option); a word not known statically is data the program reads (a
pattern, a folder), except where the program would run it (the command line after `adb shell`).
"""

from __future__ import annotations

import re

from mcpvet.model import Command, Evidence, Kind, Tool
from mcpvet.sinks.programs import program_name

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
    return skip_launchers(command.split())


def skip_launchers(words: list[str]) -> list[str]:
    """`command_words` of a command line already split into words."""
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
                      "which", "whereis", "where", "whoami", "id", "uname", "pwd", "ps", "diff", "cmp", "sha1sum", "sha256sum",
                      "md5sum", "md5", "shasum", "printenv", "lsof", "nproc", "uptime", "sw_vers", "getconf", "arch"})
_GIT_READS = frozenset({"log", "status", "diff", "show", "rev-parse", "ls-files", "ls-tree", "blame", "describe",
                        "cat-file", "grep", "shortlog", "rev-list", "for-each-ref", "show-ref", "version"})
_ONLY_ASKS = frozenset({"--version", "-v", "-V", "version", "--help", "-h", "help"})
# `lean --print-prefix`, `gcc -print-libgcc-file-name`: a program asked where it is installed
_PRINTS_SETTING = re.compile(r"^--?print-[a-z][a-z-]*$")
_WRITING_OPTIONS = re.compile(r"^--(?:pre|output|out|exec)\b|^-o$")
# ripgrep runs another program only through `--pre` (its other options read or print)
_RG_RUNS = re.compile(r"^--pre(?:=|$|…)")
# find's actions that change files or run programs; its tests that take a value (an unknown word after
# them is a name or a number)
_FIND_ACTS = re.compile(r"^-(?:exec|execdir|ok|okdir|delete|fprint|fprint0|fprintf|fls)(?:$|…)")
# git's options before the sub-command that take a value
_GIT_GLOBAL = {"-C": 2, "-c": 2, "--no-pager": 1, "--git-dir": 2, "--work-tree": 2, "--bare": 1}
# adb: options before the command that take a value (the device serial, host, port); what a device's
# shell runs that only reads (`getprop x`, `pm list packages`, `dumpsys display`, `wm size`)
_ADB_VALUE = frozenset({"-s", "-t", "-H", "-P", "-L"})
_ADB_READS = frozenset({"devices", "version", "get-state", "get-serialno", "get-devpath", "help"})
_ADB_SHELL_READS = {"getprop": 0, "pm": 1, "dumpsys": 0, "wm": 1, "cmd": 2, "ps": 0, "ls": 0, "cat": 0, "id": 0,
                    "uname": 0, "df": 0, "whoami": 0, "settings": 1}
_ADB_SHELL_SUBS = frozenset({"list", "size", "density", "get", "path", "dump", "query-activities", "get-displays",
                             "resolve-activity"})
# go-ios (`ios`): sub-commands that only ask the device (`ios list`, `ios info`, `ios apps --list`)
_GOIOS_READS = frozenset({"list", "info", "version", "apps", "devicename", "date", "diskspace", "batterycheck",
                          "lang", "devicestate", "--version", "--help"})
_GOIOS_VALUE = frozenset({"--udid", "--address", "--rsd-port", "--userspace-port"})


def read_only_command(command: str) -> bool:
    """Whether a command line only reads (`read_only`), from its text: the words up to the first one
    not known statically; what may follow is not seen (`git log …` is not read-only)."""
    return read_only(command_from_text(command))


def command_from_text(command: str) -> Command:
    """A `model.Command` from a command line's text (an evidence's `destination`): complete when no word
    holds a part not known statically (a known prefix ends the text)."""
    words = command.split()
    if not words:
        return Command(None)
    program = program_name(words[0]) if "…" not in words[0] else None
    return Command(program, tuple(words[1:]), not any("…" in w for w in words))


def read_only(command: Command) -> bool:
    """Whether a program start only reads: a program asked for its version, help or install prefix
    (`mobilecli --version`, `lean --print-prefix`); a reader of files whatever its arguments (`grep
    -rn …`, `ls …`); `rg` given no `--pre`; `find` with no action that deletes, writes or runs
    (`-delete`, `-fprint`, `-exec`); `git` with a reading sub-command (`git log --oneline -5`) and no
    `--output`; `adb` listing devices or running a reading command on the device, written whole (`adb
    -s ID shell getprop x`, `adb shell pm list packages`); go-ios asked for its devices, a device's
    information or its apps (`ios list`, `ios --udid ID apps --list`); `xcrun simctl list`. Each
    needs the program known and every word the code can pass seen (`Command.complete`); an unknown
    program, a writing sub-command or option (`git push`, `sed -i`, `-o`), or a program not known
    statically, is not."""
    if command.program is None:
        return False
    words = skip_launchers([command.program, *command.words])
    if not words or "…" in words[0]:
        return False
    program, args = program_name(words[0]), words[1:]
    if program in _READERS:
        return True
    if not command.complete:
        return False
    if len(args) == 1 and (args[0] in _ONLY_ASKS or _PRINTS_SETTING.match(args[0])):
        return True
    if program == "rg":
        return not any(_RG_RUNS.match(w) for w in args)
    if program == "find":
        return not any(_FIND_ACTS.match(w) for w in args)
    if program == "git":
        return _git_reads(args)
    if program == "adb":
        return _adb_reads(args)
    if program == "ios":
        return _goios_reads(args)
    if program == "simctl":
        return bool(args) and args[0] == "list" and not any(_WRITING_OPTIONS.match(w) for w in args)
    return False


def _git_reads(args: list[str]) -> bool:
    rest = list(args)
    while rest and rest[0] in _GIT_GLOBAL:
        rest = rest[_GIT_GLOBAL[rest[0]]:]
    if not rest or rest[0] not in _GIT_READS:
        return False
    return not any(_WRITING_OPTIONS.match(w) for w in rest[1:])


def _adb_reads(args: list[str]) -> bool:
    rest = list(args)
    while rest and (rest[0] in _ADB_VALUE or rest[0] in ("-d", "-e")):
        rest = rest[2:] if rest[0] in _ADB_VALUE else rest[1:]
    if not rest:
        return False
    if rest[0] in _ADB_READS:
        return len(rest) == 1 or rest[1:] == ["-l"]
    if rest[0] != "shell" or len(rest) < 2:
        return False
    line = rest[1:]  # a command line the device's shell runs: every word written in the code
    if any("…" in w or _SHELL_OPERATORS.search(w) for w in line):
        return False
    subs = _ADB_SHELL_READS.get(line[0])
    if subs is None:
        return False
    if line[0] == "settings":
        return len(line) >= 2 and line[1] in ("get", "list")
    return len(line) > subs and all(w in _ADB_SHELL_SUBS or w in ("package", "display") for w in line[1:1 + subs])


def _goios_reads(args: list[str]) -> bool:
    rest = list(args)
    out: list[str] = []
    while rest:
        w = rest.pop(0)
        if w in _GOIOS_VALUE:
            rest = rest[1:]
        elif w.split("=", 1)[0] in _GOIOS_VALUE:
            continue
        else:
            out.append(w)
    if not out or out[0] not in _GOIOS_READS:
        return False
    return not any(w in ("--install", "--uninstall", "--kill") or _WRITING_OPTIONS.match(w) for w in out[1:])


_START_ROLES = frozenset({"command", "program", "shell"})
_HANDLE_PARENTS = frozenset({"subprocess.Popen", "asyncio.subprocess.Process", "child_process.spawn",
                             "child_process.exec", "child_process.execFile", "child_process.execSync",
                             "child_process.execFileSync", "child_process.spawnSync"})
_HANDLE_METHODS = frozenset({"wait", "terminate", "kill", "communicate", "poll", "send_signal", "toString", "on",
                             "once", "unref", "disconnect", "ref", "off", "addListener", "removeListener",
                             "removeAllListeners", "prependListener", "emit", "send",
                             # its streams and state (`child.stdout.on("data", …)`, `child.pid`)
                             "stdout", "stderr", "stdin", "stdio", "pid", "killed", "exitCode", "signalCode",
                             "returncode"})


def on_a_started_process(sink: str) -> bool:
    """`subprocess.Popen.wait`, `child_process.execFileSync.toString`: a call on a process already started."""
    parent, _, method = sink.rpartition(".")
    return parent in _HANDLE_PARENTS and method in _HANDLE_METHODS
# a shell line that runs more than its first program (`lean x; curl …`, `$(…)`, a pipe, a redirection)
_SHELL_OPERATORS = re.compile(r"[;|&`<>\n]|\$\(")


def process_starts(tool: Tool) -> list[Evidence]:
    """The calls that start a program, when every process evidence of the tool is known (shown or kept
    beyond the cap, `Capability.more`) and is either
    a start whose command line no tool argument begins and that runs one program (no shell
    operators), or a call on a process it started (`Popen.wait`, `.kill`); else empty."""
    caps = [c for c in tool.capabilities if c.kind is Kind.PROCESS]
    if not caps or any(c.hidden > len(c.more) for c in caps):
        return []
    evidence = [e for c in caps for e in (*c.evidence, *c.more)]  # those beyond the shown cap too
    handles = [e for e in evidence if on_a_started_process(e.sink)]
    starts = [e for e in evidence if e not in handles]
    if not starts or any(e.role not in _START_ROLES for e in starts):
        return []
    if any(e.lead or (e.role == "shell" and _SHELL_OPERATORS.search(e.destination or "")) for e in starts):
        return []
    return starts


def commands_of(evidence: Evidence) -> tuple[Command, ...]:
    """The programs an evidence's call can start: its `commands` where the frontend made them (one per
    way the code writes the line), else the one read from its `destination`."""
    if evidence.commands:
        return evidence.commands
    return (command_from_text(evidence.destination or ""),)


def only_read_only_programs(tool: Tool) -> bool:
    """Every program the tool starts is known statically and only reads (`read_only`)."""
    starts = process_starts(tool)
    return bool(starts) and all(read_only(c) for e in starts for c in commands_of(e))
