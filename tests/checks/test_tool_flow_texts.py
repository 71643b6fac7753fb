"""The tool's own words the flow rules read (`tool_flow._text`): its name, title, the annotations'
title and its description. A terminal tool whose description is built at run time but whose
annotations' title says "Start Terminal Process" admits running commands: the program its `shell`
argument chooses is its declared job (`unrestricted-capability`), not a hidden `command-injection`."""

from __future__ import annotations

import pytest

from mcpvet.checks.analysis.tool_flow import ToolFlowCheck
from mcpvet.model import Capability, Evidence, Kind, Location
from tests.checks.support import facts, tool


@pytest.mark.parametrize(("annotations", "rule"), [
    ({"title": "Start Terminal Process", "destructiveHint": True}, "unrestricted-capability"),
    ({"destructiveHint": True}, "command-injection"),
    (None, "command-injection"),
])
def test_the_annotations_title_is_the_tools_own_words(annotations: dict[str, object] | None, rule: str) -> None:
    spawn = Evidence(Location("dist/terminal-manager.js", 204), "child_process.spawn", ("start_process",),
                     controlled_by=("command", "shell"), role="program", lead=("shell",))
    t = tool("start_process", None, Capability(Kind.PROCESS, (spawn,), 0), annotations=annotations,
             schema={"type": "object", "properties": {"command": {"type": "string"}, "shell": {"type": "string"}}})
    found = {f.rule for f in ToolFlowCheck().run(facts(None, [t])).findings}
    assert rule in found
    assert ({"unrestricted-capability", "command-injection"} - {rule}).isdisjoint(found)
