"""One shared test for every case folder under tests/cases/python/<category>/<case>/.

Each case is a small package (never run) with `expected.json`:
  tools: {name: {description, capabilities (exact set of kinds), [description_source], [note_contains],
                 [call_paths {kind: shortest call path}], [annotations], [title], [schema_properties],
                 [schema_property_names (the exact set)], [schema_required (the exact set)]}}
         or {name: [{..., declared_in: path}, ...]} for one name listed by several servers of the package
  behaviour: [[context, kind], ...] package-level sink use that must be reported (optional)
  python_errors: [part of a message, ...] the errors[] entries of the Python stage, one part per entry in the
         sorted messages' order (optional; none by default)
The frontend runs without semgrep hits here, so its own resolution is what is tested.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from mcpvet.discover import discover
from mcpvet.frontends.python import PythonFrontend
from mcpvet.model import FrontendResult, Tool
from mcpvet.options import InspectOptions

CASES = Path(__file__).resolve().parents[2] / "cases" / "python"
CASE_DIRS = sorted(p.parent for p in CASES.glob("*/*/expected.json"))


def analyse(root: Path) -> FrontendResult:
    tree, _errors = discover(root, name_hint=root.name)
    return PythonFrontend().analyze(tree, [], InspectOptions())


def test_every_category_has_cases() -> None:
    categories = {p.parent.name for p in CASE_DIRS}
    assert categories >= {
        "imports",
        "classes",
        "decorators",
        "closures",
        "dynamic",
        "third_party",
        "startup_only",
        "frameworks",
    }
    for case in CASE_DIRS:
        assert (case / "README").read_text().strip(), f"{case} needs a one-line README"


@pytest.mark.parametrize("case", CASE_DIRS, ids=[f"{p.parent.name}/{p.name}" for p in CASE_DIRS])
def test_case(case: Path) -> None:
    expected = json.loads((case / "expected.json").read_text())
    result = analyse(case)
    notes = sorted(e.message for e in result.errors if e.stage == "python")
    want = sorted(expected.get("python_errors", []))  # each a part of one message, in the messages' order
    assert len(notes) == len(want) and all(w in m for w, m in zip(want, notes, strict=True)), result.errors
    by_name: dict[str, list[Tool]] = {}
    for t in result.tools:
        by_name.setdefault(t.name, []).append(t)
    assert sorted(by_name) == sorted(expected["tools"]), "tool names"
    pairs: list[tuple[str, dict[str, Any], Tool]] = []
    for name, specs in expected["tools"].items():
        if isinstance(specs, dict):
            assert len(by_name[name]) == 1, f"{name}: listed {len(by_name[name])} times"
            pairs.append((name, specs, by_name[name][0]))
            continue
        assert sorted(t.declared_at.path for t in by_name[name]) == sorted(e["declared_in"] for e in specs), name
        pairs += [(name, e, next(t for t in by_name[name] if t.declared_at.path == e["declared_in"])) for e in specs]
    for name, exp, tool in pairs:
        assert tool.description == exp["description"], f"{name}: description"
        assert sorted(k.value for k in tool.capability_kinds) == sorted(exp["capabilities"]), f"{name}: capabilities"
        if "description_source" in exp:
            assert tool.description_source == exp["description_source"]
        if "note_contains" in exp:
            assert exp["note_contains"] in (tool.description_note or ""), tool.description_note
        for kind, path in exp.get("call_paths", {}).items():
            cap = next(c for c in tool.capabilities if c.kind.value == kind)
            assert list(cap.evidence[0].call_path) == path, f"{name}: call path of {kind}"
        if "annotations" in exp:
            assert tool.annotations == exp["annotations"]
        if "title" in exp:
            assert tool.title == exp["title"]
        if "schema_property_names" in exp:
            assert tool.input_schema is not None
            assert sorted(tool.input_schema["properties"]) == sorted(exp["schema_property_names"]), f"{name}: properties"
        if "schema_required" in exp:
            assert tool.input_schema is not None
            assert sorted(tool.input_schema.get("required", [])) == sorted(exp["schema_required"]), f"{name}: required"
        for prop, schema in exp.get("schema_properties", {}).items():
            assert tool.input_schema is not None
            assert tool.input_schema["properties"][prop] == schema, f"{name}: schema of {prop}"
        assert tool.handler is not None, f"{name}: handler"
        for cap in tool.capabilities:
            assert cap.evidence and all(e.call_path for e in cap.evidence)
    behaviour = {(b.context, b.kind.value) for b in result.package_behaviour}
    for context, kind in expected.get("behaviour", []):
        assert (context, kind) in behaviour, f"package behaviour {context}/{kind} missing: {sorted(behaviour)}"
