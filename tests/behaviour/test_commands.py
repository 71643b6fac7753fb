"""Command lines read as a user reads them (`behaviour/commands.py`)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from mcpvet.behaviour.commands import (
    command_words,
    commands_of,
    only_read_only_programs,
    process_starts,
    read_only,
    read_only_command,
)
from mcpvet.model import Capability, Command, Evidence, Kind, Location
from tests.behaviour.reference_tools import make_tool


def test_command_words_pass_over_launchers() -> None:
    assert command_words("lake env lean --profile f") == ["lean", "--profile", "f"]
    assert command_words("env A=1 B=2 timeout 30 rg -n x") == ["rg", "-n", "x"]
    assert command_words("npx -y tsc") == ["tsc"]
    assert command_words("rg x") == ["rg", "x"]
    assert command_words("") == []


@pytest.mark.parametrize(("command", "reads"), [
    ("mobilecli --version", True),
    ("some-tool -h", True),
    ("lean --print-prefix", True),
    ("lake env lean --print-libdir", True),
    ("grep -rn --include=*.lean …", True),
    ("ls -la …", True),
    ("/usr/bin/rg --json -n TODO src", True),
    ("timeout 10 git log --oneline -5", True),
    ("git -C repo status --porcelain", True),
    ("git --no-pager diff --stat", True),
    # arguments not known statically for a program whose options can write or run, writing sub-commands,
    # writing options, unknown programs, a program not known statically
    ("rg --json …", False),
    ("rg --pre=cat x", False),
    ("git log …", False),
    ("git diff --output=x", False),
    ("git push origin main", False),
    ("git", False),
    ("find . -name x -delete", False),
    ("mobilecli devices list", False),
    ("lean --print-prefix x.lean", False),
    ("tool --printer-setup", False),
    ("sed -i s/a/b/ f", False),
    ("…", False),
    ("", False),
])
def test_read_only_command(command: str, reads: bool) -> None:
    assert read_only_command(command) is reads


def _tool(*evidence: tuple[str, str | None, str | None], lead: tuple[str, ...] = (), hidden: int = 0) -> object:
    items = tuple(Evidence(Location("s.py", i + 1), sink, ("t",), lead, dest, role, lead, ())
                  for i, (sink, dest, role) in enumerate(evidence))
    return make_tool("t", "Search.", capabilities=(Capability(Kind.PROCESS, items, hidden),))


def test_only_read_only_programs() -> None:
    grep = ("subprocess.run", "grep -rn …", "command")
    wait = ("subprocess.Popen.wait", None, None)
    assert only_read_only_programs(_tool(grep, ("subprocess.run", "mobilecli --version", "command"), wait))
    assert not only_read_only_programs(_tool(grep, ("subprocess.run", "find . -delete", "command")))
    assert not only_read_only_programs(_tool(grep, ("subprocess.run", None, "command")))  # not known statically
    assert not only_read_only_programs(_tool(grep, ("os.kill", None, None)))  # not a call on a started process
    assert not only_read_only_programs(_tool(grep, hidden=2))  # evidence not all kept
    assert not only_read_only_programs(_tool(("subprocess.run", "grep …", "command"), lead=("cmd",)))
    assert not only_read_only_programs(_tool(("os.system", "grep x f | sh", "shell")))
    assert process_starts(_tool(wait)) == []


def test_calls_on_a_started_process_start_nothing_whatever_their_role() -> None:
    grep = ("subprocess.Popen", "grep -rn …", "command")
    assert only_read_only_programs(_tool(grep, ("subprocess.Popen.terminate", None, "command"),
                                         ("subprocess.Popen.kill", None, "command")))
    assert not only_read_only_programs(_tool(grep, ("subprocess.Popen.secret", None, "command")))


@pytest.mark.parametrize(("command", "reads"), [
    # ripgrep: a pattern or folder not known statically is data it reads; only --pre makes it run a program
    (Command("rg", ("--json", "-g", "*.lean", "…", "…"), True), True),
    (Command("rg", ("--json", "--", "…", "…"), True), True),
    (Command("rg", ("--json", "--pre", "/bin/sh", "…"), True), False),
    (Command("rg", ("--json", "--pre=…", "…"), True), False),
    (Command("rg", ("--json", "…"), False), False),  # a list of unknown length spread in: --pre may hide there
    (Command(None, ("--json", "…"), True), False),  # the program is not identified (a setting names it)
    # find without actions that delete, write or run
    (Command("find", ("…", "-name", "…", "-type", "f"), True), True),
    (Command("find", ("…", "-name", "…", "-delete"), True), False),
    (Command("find", ("…", "-exec", "rm", "{}", ";"), True), False),
    # git: a reading sub-command, no --output; writing sub-commands
    (Command("git", ("-C", "…", "log", "--oneline", "…"), True), True),
    (Command("git", ("-C", "…", "diff", "--output=x"), True), False),
    (Command("git", ("push", "origin", "…"), True), False),
    (Command("git", ("-C", "…", "commit", "-m", "…"), True), False),
    # adb: a reading command on the device, written whole
    (Command("adb", ("-s", "…", "shell", "getprop", "ro.build.version.release"), True), True),
    (Command("adb", ("-s", "…", "shell", "pm", "list", "packages"), True), True),
    (Command("adb", ("devices",), True), True),
    (Command("adb", ("-s", "…", "shell", "rm", "-rf", "/sdcard/x"), True), False),
    (Command("adb", ("-s", "…", "shell", "pm", "uninstall", "…"), True), False),
    (Command("adb", ("-s", "…", "shell", "getprop", "…"), True), False),  # the device's shell runs what it is given
    (Command("adb", ("-s", "…", "install", "-r", "…"), True), False),
    (Command("adb", ("-s", "…", "push", "…", "/sdcard/"), True), False),
    # go-ios and simctl
    (Command("ios", ("--udid", "…", "apps", "--all", "--list"), True), True),
    (Command("ios", ("list",), True), True),
    (Command("ios", ("--udid", "…", "launch", "…"), True), False),
    (Command("xcrun", ("simctl", "list", "devices"), True), True),
    (Command("xcrun", ("simctl", "erase", "…"), True), False),
    # writers stay writers
    (Command("sed", ("-i", "s/a/b/", "…"), True), False),
    (Command("rm", ("-rf", "…"), True), False),
])
def test_read_only_commands_as_written(command: Command, reads: bool) -> None:
    assert read_only(command) is reads


def test_a_line_written_several_ways_reads_only_when_every_way_does() -> None:
    which = Command("which", ("rg",), True)
    where = Command("where", ("rg.exe",), True)
    ev = Evidence(Location("s.js", 1), "child_process.execSync", ("t",), (), None, "shell", (), (),
                  commands=(which, where))
    tool = make_tool("t", "Search.", capabilities=(Capability(Kind.PROCESS, (ev,)),))
    assert only_read_only_programs(tool)
    bad = replace(ev, commands=(which, Command("rm", ("-rf", "x"), True)))
    assert not only_read_only_programs(make_tool("t", "Search.", capabilities=(Capability(Kind.PROCESS, (bad,)),)))
    assert commands_of(replace(ev, commands=())) == (Command(None, (), False),)
