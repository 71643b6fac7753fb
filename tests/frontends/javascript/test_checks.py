"""The checks of JavaScript blocks (`frontends/javascript/checks.py`) as the extractor records them."""

from __future__ import annotations

from mcpvet.frontends.javascript.extract import extract_module


def _checks(body: str, calls: bool = False) -> list[tuple[str, int, int, bool]]:
    """The checks recorded in `f`, less those whose failing call the program must still show to throw."""
    source = "import * as path from 'node:path';\nfunction f(name, args) {\n" + body + "\n}\n"
    mod = extract_module("x.js", "javascript", source.encode())
    f = next(fn for fn in mod.functions.values() if fn.name == "f")
    return [(kind, first, last, exits) for kind, _c, _e, first, last, exits, via, _at, _early in f.checks
            if (calls or kind != "call") and via is None]


def test_a_failing_branch_that_throws_holds_on_the_rest_of_the_block() -> None:
    found = _checks('if (!["a", "b"].includes(name)) throw new Error("no");\nrun(name);\nrun(name);')
    assert found == [("any", 4, 5, True)]


def test_separators_refused_in_their_usual_spellings() -> None:
    for test in ('name.includes("/")', 'name.indexOf("/") !== -1', "/[\\/\\\\]/.test(name)",
                 'path.isAbsolute(name) || name.includes("..")', 'name.includes(path.sep)'):
        assert "path" in [k for k, *_ in _checks(f"if ({test}) {{ return null; }}\nrun(name);")], test


def test_what_is_not_a_guard() -> None:
    assert _checks('if (name.includes("..")) { return null; }\nrun(name);') == []  # an absolute path still escapes
    assert _checks('if (!args.allowed.includes(name)) throw new Error("no");\nrun(name);') == []  # the model's list
    assert _checks('if (!["a"].includes(name)) { console.log("no"); }\nrun(name);') == []  # goes on (unless it throws)
    assert _checks('let n = name;\nif (!["a"].includes(n)) throw new Error();\nn = args.x;\nrun(n);') == []  # reassigned


def test_a_passing_branch_and_a_pattern() -> None:
    found = _checks('if (/^[\\w-]+$/.test(name)) {\n  run(name);\n}')
    assert found == [("regex", 4, 4, False)]


def test_a_validator_call_made_as_a_statement() -> None:
    # every call made as a statement may be a validator: the program tells which targets validate
    assert [(k, first) for k, first, *_ in _checks("validate(name);\nrun(name);", calls=True)] == [("call", 4), ("call", 5)]


def test_early_returns_on_a_test_are_recorded_with_the_checks_after_them() -> None:
    """`if (isUrl(src)) return;` before a check: the check does not hold for every call (it is no `exits`),
    but the names its early return tested are kept, for the media checks (`Found.early`)."""
    source = ("import * as path from 'node:path';\nfunction f(src) {\n  if (isUrl(src)) return;\n"
              "  const ext = path.extname(src);\n  if (![\".png\"].includes(ext)) throw new Error(\"no\");\n  read(src);\n}\n")
    mod = extract_module("x.js", "javascript", source.encode())
    f = next(fn for fn in mod.functions.values() if fn.name == "f")
    [(kind, exits, early)] = [(c[0], c[5], c[8]) for c in f.checks if c[0] == "any"]
    assert not exits and early == (frozenset({"isUrl", "src"}),)
