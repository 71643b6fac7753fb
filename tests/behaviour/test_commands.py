"""Command lines read as a user reads them (`behaviour/commands.py`)."""

from __future__ import annotations

import pytest

from mcpvet.behaviour.commands import command_words, only_read_only_programs, process_starts, read_only_command
from mcpvet.model import Capability, Evidence, Kind, Location
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
