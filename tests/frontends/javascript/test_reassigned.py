"""Values assigned more than once, string methods with regular expressions and filtered arrays: a
field is what the constructor's own statements set last (either value where another assignment may
run), `replace(/re/g, s)` is computed, and `filter(cb)` keeps the elements its condition holds for."""

from __future__ import annotations

import pytest

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules

HEAD = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "t", version: "1" });
"""


def _names(src: str) -> tuple[list[str], list[str]]:
    module = extract_module("index.js", "javascript", (HEAD + src).encode("utf-8"))
    result = analyse_modules([module], [])
    return sorted(t.name for t in result.tools), [e.message for e in result.errors]




@pytest.mark.parametrize(("ctor", "names"), [
    # the last statement of the constructor wins over the empty initialiser
    ('this.tools = []; this.n = 1; this.tools = ["a", "b"];', ["a", "b"]),
    # a non-empty first value replaced by a later statement of the constructor
    ('this.tools = ["x"]; this.tools = ["y"];', ["y"]),
])
def test_a_field_is_the_constructors_last_assignment(ctor: str, names: list[str]) -> None:
    src = ("class Set1 { constructor() { " + ctor + " } register(s) { for (const n of this.tools) "
           's.tool(n, "d", async () => ({content: []})); } }\nnew Set1().register(server);\n')
    assert _names(src)[0] == names


def test_a_field_filled_in_a_branch_or_method_is_any_of_its_values_never_only_the_empty_one() -> None:
    src = """
class Set1 {
  constructor(opts) { this.tools = []; if (opts.more) { this.tools = ["b"]; } }
  load() { this.tools = ["c"]; }
  register(s) { for (const n of this.tools) s.tool(n, "d", async () => ({content: []})); }
}
new Set1(process.argv).register(server);
"""
    names = _names(src)[0]
    assert "b" in names  # was: [] (the initialiser kept)
    assert set(names) <= {"b", "c"}


@pytest.mark.parametrize(("expr", "name"), [
    ('"bitable.v1.app.create".replace(/\\./g, "_")', "bitable_v1_app_create"),
    ('"a.b.c".replace(/\\./, "_")', "a_b.c"),
    ('"A.B".replaceAll(/\\./g, "-").toLowerCase()', "a-b"),
    ('`${"im.v1"}.send`.replace(/[.]/g, "_")', "im_v1_send"),
])
def test_replace_with_a_regular_expression_is_computed(expr: str, name: str) -> None:
    assert _names(f'server.tool({expr}, "d", async () => ({{content: []}}));')[0] == [name]


def test_replace_whose_result_is_not_certain_stays_unknown() -> None:
    # `$&` patterns in the replacement and replaceAll without g (a TypeError) are not computed
    names, errors = _names('server.tool("a.b".replace(/\\./g, "$&$&"), "d", async () => ({content: []}));')
    assert names == [] and any("not known statically" in e for e in errors)


def test_filter_keeps_the_elements_its_condition_holds_for() -> None:
    src = """
const ALL = [{name: "a", p: "x"}, {name: "b", p: "y"}, {name: "c", p: "x"}];
function pick(tools, allow) { return tools.filter((t) => allow.includes(t.name) || t.p === "y"); }
for (const t of pick(ALL, ["c"])) server.tool(t.name, "d", async () => ({content: []}));
"""
    assert _names(src)[0] == ["b", "c"]


def test_a_filter_not_decided_over_many_elements_is_unknown_not_every_element() -> None:
    many = ", ".join(f'{{name: "t{i}"}}' for i in range(300))
    src = f"""
const ALL = [{many}];
const allow = process.env.ALLOW.split(",");
for (const t of ALL.filter((t) => allow.includes(t.name))) server.tool(t.name, "d", async () => ({{content: []}}));
"""
    names, errors = _names(src)
    assert names == []
    assert any("not known statically" in e for e in errors), errors


def test_a_filter_not_decided_over_a_few_elements_keeps_them_as_before() -> None:
    src = """
const ALL = [{name: "a"}, {name: "b"}];
for (const t of ALL.filter((t) => process.env[t.name])) server.tool(t.name, "d", async () => ({content: []}));
"""
    assert _names(src)[0] == ["a", "b"]
