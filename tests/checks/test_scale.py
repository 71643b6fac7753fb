"""The checks stay linear in tools and text, and agree with the straightforward (quadratic) way of
computing the same thing; the package-code scan runs under the parse limits and says what it cut.

Speed itself is shown by bench/bench_checks.py; the timeouts here are only a loose guard."""

from __future__ import annotations

import io
import random
import re
import tokenize
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from mcpvet.behaviour import sensitive
from mcpvet.checks.analysis.package_code import CHECK as PACKAGE_CODE
from mcpvet.checks.analysis.tool_behaviour import CHECK as TOOL_BEHAVIOUR
from mcpvet.checks.analysis.tool_behaviour import declared_kinds
from mcpvet.checks.interface import Facts
from mcpvet.facts import gather
from mcpvet.facts.scan import literal_hits, prose_literal, string_literals
from mcpvet.facts.source import handler_region, read_text
from mcpvet.model import Kind, Language, Location, Tool
from mcpvet.options import AnalysisLimits
from tests.checks.support import cap, facts, tool, write_tree

# ------------------------------------------------------------------ references: the plain way


def _reference_python_strings(text: str) -> list[tuple[int, str]] | None:
    """The string scan as it was: every token kept, the previous token searched backwards."""
    try:
        toks = list(tokenize.generate_tokens(io.StringIO(text).readline))
    except (tokenize.TokenError, IndentationError, SyntaxError, ValueError):
        return None
    out = []
    for i, tok in enumerate(toks):
        if tok.type != tokenize.STRING:
            continue
        prev = next((t for t in reversed(toks[:i]) if t.type not in (tokenize.NL, tokenize.NEWLINE, tokenize.INDENT,
                                                                      tokenize.DEDENT, tokenize.COMMENT)), None)
        is_doc = tok.string.lstrip("rRbBuUfF").startswith(('"""', "'''")) and (
            prev is None or prev.type == tokenize.OP and prev.string == ":")
        if not is_doc:
            out.append((tok.start[0], tok.string))
    return out


def _reference_literals(path: str, text: str) -> list[tuple[int, str]]:
    found = _reference_python_strings(text)
    if found is not None:
        return found
    return [(text.count("\n", 0, m.start()) + 1, m.group(0))
            for m in re.finditer(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"", text)]


def _reference_find(text: str) -> list[sensitive.SensitiveHit]:
    seen: dict[tuple[str, str], sensitive.SensitiveHit] = {}
    for pat in sensitive.PATTERNS:
        for m in pat.regex.finditer(text):
            matched = m.group(0).strip("\"' /\\")
            seen.setdefault((pat.label, matched.lower()), sensitive.SensitiveHit(pat.label, matched, pat.strong))
    return sorted(seen.values(), key=lambda h: (h.label, h.text))


NORMAL_PY = '''"""Module docstring: ~/.ssh is only mentioned here."""
import os

KEY = os.path.expanduser("~/.ssh/id_rsa")  # a comment naming .aws/credentials
NAMES = ['a', "b", r"c\\d", b"e", f"{KEY}/.npmrc"]


def read(path: str) -> str:
    """Docstring naming ~/.docker/config.json."""
    text = """a multi-line
    string naming .kube/config"""
    return open(path).read() + text + 'x' 'y'


class C:
    """Class docstring."""
    attr = \'\'\'.ssh\'\'\'
'''

BROKEN_PY = 'x = "one ~/.ssh"\ny = (\n  "two .aws/credentials",\n  \'three\'\n'  # unclosed bracket: tokenize fails


def test_string_scan_agrees_with_the_plain_scan_on_normal_and_broken_input() -> None:
    for text in (NORMAL_PY, BROKEN_PY, NORMAL_PY * 3, "", "x = 1\n"):
        assert string_literals("m.py", text) == _reference_literals("m.py", text)
    assert _reference_python_strings(BROKEN_PY) is None  # the fallback path is the one compared
    assert [ln for ln, _ in string_literals("m.py", BROKEN_PY)] == [1, 3, 4]


@pytest.mark.timeout(60)
def test_string_scan_of_many_assignments_finishes_with_every_literal() -> None:
    n = 20_000
    text = "".join(f"v{i} = 's{i}'\n" for i in range(n))
    found = string_literals("big.py", text)
    assert len(found) == n
    assert found[0] == (1, "'s0'") and found[-1] == (n, f"'s{n - 1}'")
    sample = text[: text.index(f"v{2000} =")]
    assert string_literals("big.py", sample) == _reference_literals("big.py", sample)


@pytest.mark.timeout(60)
def test_fallback_scan_of_many_literals_counts_lines() -> None:
    n = 20_000
    text = "(\n" + "".join(f"'s{i}'\n" for i in range(n))  # never closed: the regex fallback
    found = string_literals("big.py", text)
    assert len(found) == n and found[-1] == (n + 1, f"'s{n - 1}'")
    assert found[:500] == _reference_literals("big.py", text)[:500]


def test_sensitive_find_agrees_with_every_pattern_run() -> None:
    rng = random.Random(7)
    pieces = ["~/.ssh/id_rsa", ".AWS/credentials", "İd_rsa", ".ſsh", ".\u212aube/config", "security\n find-generic-password",
              "Library/Keychains", ".env", "docs.aws.amazon.com", "Google Chrome/", "x", " ", "\n", "/", "'", "ı",
              # every alternative of the patterns whose needles are whole words of it
              "ID_ED25519", "id_ecdsa", "id_dsa", "Google\\Chrome\\", "Firefox/Profiles", ".mozilla/firefox",
              "Microsoft/Edge/User Data", "login.keychain", "BraveSoftware/", "Login Data", "Cookies.sqlite",
              "security find-internet-password", "chrome", "edge", "security"]
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert sensitive.find(text) == _reference_find(text), text
        if any(_reference_find(lit) for _, lit in _reference_literals("a.py", text)):
            assert sensitive.mentions_any(text)


def test_sensitive_index_finds_what_each_line_window_holds() -> None:
    rng = random.Random(11)
    pieces = ["~/.ssh/id_rsa", ".aws/credentials", "security", " find-internet-password", "\n", "\n", "x", " ", "~/.SSH"]
    for _ in range(300):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 60)))
        lines = text.split("\n")
        offsets, pos = [], 0
        for ln in lines:
            offsets.append(pos)
            pos += len(ln) + 1
        index = sensitive.SensitiveIndex(text)
        for lo in range(len(lines)):
            for hi in range(lo + 1, len(lines) + 1):
                end = offsets[hi] - 1 if hi < len(lines) else len(text)
                assert index.find(offsets[lo], end) == _reference_find("\n".join(lines[lo:hi]))


# ------------------------------------------------------------------ many tools


def _reference_toxic(tools: tuple[Tool, ...], package: str | None) -> tuple[bool, list[str]] | None:
    """Every (source, sink) pair listed, as the check once did."""
    sources = [t for t in tools if Kind.FS_READ in t.capability_kinds
               or (Kind.ENV in t.capability_kinds and Kind.NETWORK not in t.capability_kinds)]
    sinks = [t for t in tools if Kind.NETWORK in t.capability_kinds]
    pairs = []
    for src in sources:
        private = {Kind.FS_READ} if Kind.NETWORK in src.capability_kinds else {Kind.FS_READ, Kind.ENV}
        for dst in sinks:
            if src.name != dst.name:
                hidden = bool((src.capability_kinds & private) - declared_kinds(src, package)) or \
                    Kind.NETWORK not in declared_kinds(dst, package)
                pairs.append((src.name, dst.name, hidden))
    if not pairs:
        return None
    return any(h for _, _, h in pairs), sorted({f"{s} → {d}" for s, d, _ in pairs})


def test_toxic_flow_agrees_with_listing_every_pair() -> None:
    rng = random.Random(3)
    descriptions = [None, "Fetch a URL over HTTP.", "Read a file.", "Add two numbers.", "Read environment variables."]
    kinds = [Kind.FS_READ, Kind.ENV, Kind.NETWORK, Kind.PROCESS]
    for _ in range(400):
        tools = tuple(tool(rng.choice("abcdef") + rng.choice(["", "_x", " y"]), rng.choice(descriptions),
                           *[cap(k, "server.py", 1, "s") for k in rng.sample(kinds, rng.randint(0, 3))])
                      for _ in range(rng.randint(0, 12)))
        got = TOOL_BEHAVIOUR._toxic_flow(tools, "pkg")
        want = _reference_toxic(tools, "pkg")
        if want is None:
            assert got == []
            continue
        hidden, listed = want
        (finding,) = got
        assert finding.severity.value == ("high" if hidden else "low")
        shown = ", ".join(listed[:8]) + (f" and {len(listed) - 8} more" if len(listed) > 8 else "")
        assert f"coexist: {shown}." in finding.message


def _reference_region_stop(tool_: Tool, siblings: list[Tool], start: int, stop: int) -> int:
    assert tool_.handler is not None
    for other in siblings:
        for loc in (other.declared_at, other.handler.location if other.handler else None):
            if loc is not None and loc.path == tool_.handler.location.path and start < loc.line - 1 < stop \
                    and other.name != tool_.name:
                stop = loc.line - 1
    return stop


def test_handler_region_stops_at_the_next_tool_as_a_scan_of_all_tools_would(tmp_path: Path) -> None:
    rng = random.Random(5)
    body = "".join(f"def f{i}(x):\n    y = x + {i}\n    return y\n\n" for i in range(60))
    tree = write_tree(tmp_path, {"server.py": body})
    lines = body.splitlines()
    for _ in range(40):
        tools = [replace(tool(rng.choice(["a", "b", "c", "d"]), "Add.", handler=("server.py", rng.randint(1, 240))),
                         declared_at=Location("server.py", rng.randint(1, 240))) for _ in range(rng.randint(1, 25))]
        siblings = tuple(tools)
        for t in tools:
            assert t.handler is not None
            start = t.handler.location.line - 1
            stop = _reference_region_stop(t, tools, start, min(len(lines), start + 400))
            indent = len(lines[start]) - len(lines[start].lstrip())
            end = start + 1
            while end < stop and not (lines[end].strip() and len(lines[end]) - len(lines[end].lstrip()) <= indent):
                end += 1
            while end > start + 1 and not lines[end - 1].strip():
                end -= 1
            assert handler_region(t, tree, siblings) == "\n".join(lines[start:end])
            assert handler_region(t, tree, tools) == handler_region(t, tree, siblings)


@pytest.mark.timeout(120)
def test_many_tools_in_one_file_keep_their_own_findings(tmp_path: Path) -> None:
    n = 3000
    source = "import os\n\n" + "".join(
        f"def t{i}():\n    return open(os.path.expanduser('~/.ssh/id_rsa')).read() if {i} else 0\n\n" for i in range(n))
    tree = write_tree(tmp_path, {"server.py": source})
    tools = [tool(f"t{i}", "Add two numbers.", cap(Kind.FS_READ, "server.py", 4 + 3 * i, "open", f"pkg.server.t{i}"),
                  *([cap(Kind.NETWORK, "server.py", 4 + 3 * i, "urllib.request.urlopen")] if i % 2 else []),
                  handler=("server.py", 3 + 3 * i)) for i in range(n)]
    f = facts(tree, tools)
    code = PACKAGE_CODE.run(f)
    attributed = [x for x in code.findings if x.rule == "sensitive-path" and x.tool]
    assert len(attributed) == n and all(x.severity.value == "high" for x in attributed)
    (t7,) = [x for x in attributed if x.tool == "t7"]  # its window: 15 lines either side of its read
    assert t7.location is not None and t7.location.line == 4 + 3 * 2 and all(10 <= e.location.line <= 40 for e in t7.evidence)
    behaviour = TOOL_BEHAVIOUR.run(f)
    exfil = [x for x in behaviour.findings if x.rule == "exfiltration-path"]
    assert len(exfil) == n // 2
    (toxic,) = [x for x in behaviour.findings if x.rule == "toxic-flow"]
    assert f"and {n * (n // 2) - n // 2 - 8} more" in toxic.message


# ------------------------------------------------------------------ limits of the package-code scan


def _limited(tree_facts: Facts, **limits: Any) -> Facts:
    return gather(tree_facts, AnalysisLimits(**limits))


def test_file_over_the_size_limit_is_an_errors_entry_and_others_are_still_read(tmp_path: Path) -> None:
    big = "x = 'padding'\n" * 200 + "KEY = '~/.ssh/id_rsa'\n"
    tree = write_tree(tmp_path, {"server.py": "import os\nP = '~/.aws/credentials'\n", "big.py": big})
    limited = PACKAGE_CODE.run(_limited(facts(tree, []), max_source_file_bytes=1000))
    assert [(e.stage, e.path) for e in limited.errors] == [("checks", "big.py")]
    assert "too large" in limited.errors[0].message and "not checked" in limited.errors[0].message
    assert [x.location.path for x in limited.findings if x.rule == "sensitive-path" and x.location] == ["server.py"]
    full = PACKAGE_CODE.run(facts(tree, []))
    assert full.errors == ()
    assert sorted(x.location.path for x in full.findings if x.rule == "sensitive-path" and x.location) == ["big.py", "server.py"]


def test_scan_that_overruns_its_time_is_an_errors_entry(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"server.py": "P = '~/.ssh/id_rsa'\n" * 20_000})
    # 1 microsecond of CPU time; the wall-clock backstop (1000 s) is never what stops it
    outcome = PACKAGE_CODE.run(_limited(facts(tree, []), parse_timeout_s=1e-6, backstop_factor=1e9))
    assert [(e.stage, e.path) for e in outcome.errors] == [("checks", "server.py")]
    assert "CPU time limit" in outcome.errors[0].message  # the worker's CPU time for the file, not the clock
    assert outcome.score is None and not outcome.findings  # nothing could be read: inconclusive, not a pass


def test_unreadable_file_is_an_errors_entry(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"server.py": "P = '~/.ssh/id_rsa'\n", "gone.py": "x = 1\n"})
    (tmp_path / "gone.py").unlink()
    outcome = PACKAGE_CODE.run(facts(tree, []))
    assert [(e.stage, e.path) for e in outcome.errors] == [("checks", "gone.py")]
    assert any(x.rule == "sensitive-path" for x in outcome.findings)


def test_literal_hits_agree_with_the_plain_scan() -> None:
    for text in (NORMAL_PY, BROKEN_PY):
        # a sentence that only mentions a path is passed over (`prose_literal`)
        want = [(ln, h) for ln, lit in _reference_literals("m.py", text) if not prose_literal(lit)
                for h in _reference_find(lit)]
        assert literal_hits(text, "m.py") == want and want


def test_read_text_is_what_is_on_disk(tmp_path: Path) -> None:
    tree = write_tree(tmp_path, {"a.py": "x = 'é'\n", "b.js": "let a = 1\n"})
    assert read_text(tree, "a.py") == "x = 'é'\n" and read_text(tree, "b.js") == "let a = 1\n"
    assert read_text(tree, "missing.py") is None and read_text(None, "a.py") is None
    assert Language.PYTHON in tree.languages
