"""Conditions the JavaScript evaluator decides: which `return` a function gives, which side of a
`? :` or `||` a value takes; undecidable ones keep the former union (a description then unknown)."""

from __future__ import annotations

import pytest

from mcpvet.frontends.javascript.extract import extract_module
from mcpvet.frontends.javascript.frontend import analyse_modules

SERVER = """
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
const server = new McpServer({ name: "t", version: "1" });
%s
server.registerTool("t", { description: describe(%s) }, async () => ({ content: [] }));
"""


def _tool(src: str, arg: str) -> tuple[str | None, str]:
    module = extract_module("index.js", "javascript", (SERVER % (src, arg)).encode("utf-8"))
    result = analyse_modules([module], [])
    assert len(result.tools) == 1, result.errors
    return result.tools[0].description, result.tools[0].description_source


@pytest.mark.parametrize(("src", "arg", "expected"), [
    # if chains with early returns, the last return otherwise
    ('function describe(n) { if (n === "a") { return "A"; } if (n.length > 3) return "long"; return "short"; }',
     '"a"', "A"),
    ('function describe(n) { if (n === "a") { return "A"; } if (n.length > 3) return "long"; return "short"; }',
     '"abcd"', "long"),
    ('function describe(n) { if (n === "a") { return "A"; } if (n.length > 3) return "long"; return "short"; }',
     '"b"', "short"),
    # else branches, negation, && and a table without the key (undefined)
    ('const T = { x: "from table" };\nfunction describe(n) { const t = T[n]; if (!t) return "none"; else { return t; } }',
     '"y"', "none"),
    ('const T = { x: "from table" };\nfunction describe(n) { const t = T[n]; if (!t) return "none"; else { return t; } }',
     '"x"', "from table"),
    ('function describe(n) { if (n && n !== "z") return "set"; return "unset"; }', '""', "unset"),
    # `||` takes the right side of a falsy left, `??` only of null/undefined
    ('function describe(n) { return (n || "fallback") + "|" + (n ?? "nullish"); }', '""', "fallback|"),
    # a regular expression test, String.split and Set.has
    ('function describe(n) { return /[.!?]$/.test(n) ? n : n + "."; }', '"Done"', "Done."),
    ('function describe(n) { return /[.!?]$/.test(n) ? n : n + "."; }', '"Done!"', "Done!"),
    ('const RO = new Set(["get_x"]);\nfunction describe(n) { return n.split("_")[0] + (RO.has(n) ? " ro" : " rw"); }',
     '"get_x"', "get ro"),
    # loose equality of null and undefined; numbers ordered
    ('function describe(n) { if (n == null) return "missing"; return n >= 2 ? "many" : "few"; }', "undefined", "missing"),
    ('function describe(n) { if (n == null) return "missing"; return n >= 2 ? "many" : "few"; }', "1", "few"),
])
def test_decided_conditions(src: str, arg: str, expected: str) -> None:
    assert _tool(src, arg) == (expected, "static")


def test_a_condition_not_known_leaves_the_description_unknown_or_the_same_on_both_sides() -> None:
    unknown = 'function describe(n) { return process.env.X ? "a" : "b"; }'
    assert _tool(unknown, '"n"')[1] == "dynamic"
    same = 'function describe(n) { if (process.env.X) return "same"; return "same"; }'
    assert _tool(same, '"n"') == ("same", "static")


@pytest.mark.parametrize("pattern", ["/x$/", "/(?<=a)b/", "/x/g"])
def test_regex_tests_python_would_answer_differently_stay_unknown(pattern: str) -> None:
    # JavaScript's `$` does not match before a final newline; lookbehind and stateful flags are not tried
    src = f'function describe(n) {{ return {pattern}.test(n) ? "yes" : "no"; }}'
    assert _tool(src, '"ab\\nx\\n"')[1] == "dynamic"


@pytest.mark.parametrize(("src", "arg", "expected"), [
    ('function describe(d) { return typeof d === "function" ? d({}) : d; }', '"plain"', ("plain", "static")),
    ('function describe(d) { return typeof d === "function" ? d({ n: 2 }) : d; }', '(ctx) => "made " + ctx.n',
     ("made 2", "static")),
    # a text grown on every run, and one grown only on some (either text: not known)
    ('function describe(n) { let t = "a"; t += n; return t; }', '"b"', ("ab", "static")),
    ('function describe(n) { let t = "a"; if (process.env.X) { t += n; } return t; }', '"b"', (None, "dynamic")),
    # a Set made from a known array: each element once, spread and joined
    ('const DEFS = [{ id: "a" }, { id: "b" }, { id: "a" }];\nconst IDS = new Set(DEFS.map((d) => d.id));\n'
     'function describe(n) { return n + [...IDS].join(", "); }', '"ids: "', ("ids: a, b", "static")),
    # a `let` assigned in several branches is any of the values, not the first one written
    ('function describe(n) { let os; if (process.env.W) { os = "Windows"; } else { os = "Linux"; } return os; }',
     '"b"', (None, "dynamic")),
    ('function describe(n) { let os; if (process.env.W) { os = "same"; } else { os = "same"; } return os; }',
     '"b"', ("same", "static")),
])
def test_values_chosen_at_run_time(src: str, arg: str, expected: tuple[str | None, str]) -> None:
    assert _tool(src, arg) == expected
