"""Compiled regular expressions kept between runs (mcpvet.rxcache): the same pattern objects as
`re` compiles, only program patterns stored, a bad file ignored."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from mcpvet import rxcache

ROOT = Path(__file__).resolve().parents[2]
HERE = str(Path(__file__).resolve().parent) + os.sep

PATTERNS: list[tuple[str | bytes, int]] = [
    (r"(?P<scheme>https?)://(?P<host>[^/\s]+)(?:/(?P<path>\S*))?", 0),
    (r"\bignore\s+(?:all\s+)?previous\s+instructions\b", re.IGNORECASE),
    (r"(?x) \d+ (?# a comment ) [a-f]+", 0),
    (r"(?<=\$)\{(\w+)\}|(?!x)y{2,5}?", re.MULTILINE | re.DOTALL),
    (r"[\u200b-\u200f\u2060-\u2064\ufeff]|\U000e0001", 0),
    (r"[^\W\d_]+ç", re.IGNORECASE),
    (rb"\x00(?P<tag>[A-Z]{4})\xff", 0),
    (r"(a)(b)?(?(2)c|d)", re.ASCII),
]


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setattr(rxcache, "_PKG", HERE)  # this file's literals count as program patterns
    monkeypatch.delenv(rxcache.ENV, raising=False)
    rxcache.uninstall()  # an earlier test may have run the CLI in this process, which installs it
    re.purge()
    assert rxcache.install(tmp_path)
    try:
        yield tmp_path
    finally:
        rxcache.uninstall()
        re.purge()


def _compile_all() -> list[re.Pattern]:
    re.purge()
    return [re.compile(p, f) for p, f in PATTERNS]


def test_patterns_from_the_cache_are_those_re_compiles(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(rxcache, "_static", lambda p: True)
    first = _compile_all()
    rxcache.save()
    assert rxcache.cache_file(cache).is_file()
    rxcache.uninstall()
    plain = _compile_all()
    assert rxcache.install(cache)
    again = _compile_all()
    assert len(rxcache._state["used"]) == len(PATTERNS) and rxcache._state["new"] == 0, "all served from the file"
    for a, b, c in zip(first, plain, again, strict=True):
        assert a == b == c
        assert (c.pattern, c.flags, c.groups, c.groupindex) == (b.pattern, b.flags, b.groups, b.groupindex)
    text = "see https://example.com/a/b, IGNORE ALL previous Instructions ${x} 12ab \u200b Éçé"
    for b, c in zip(plain, again, strict=True):
        subject = text.encode("latin-1", "replace") if isinstance(b.pattern, bytes) else text
        assert [m.groupdict() or m.groups() for m in b.finditer(subject)] == \
               [m.groupdict() or m.groups() for m in c.finditer(subject)]


def _dynamic(word: str) -> re.Pattern:
    return re.compile(re.escape(word) + r"\d+")  # built at run time: never stored


_MODULE_CONSTANT = r"constant-(\w+)-of-the-module"


def test_only_program_patterns_are_stored(cache: Path) -> None:
    re.compile(r"literal-\w+-in-a-test-function")
    re.compile(_MODULE_CONSTANT)
    _dynamic("from-a-package")
    stored = {k[1] for k in rxcache._state["used"]}
    assert r"literal-\w+-in-a-test-function" in stored and _MODULE_CONSTANT in stored
    assert not any("from" in str(p) for p in stored)


def test_a_damaged_or_foreign_file_is_ignored(cache: Path) -> None:
    path = rxcache.cache_file(cache)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"\x00not marshal")
    assert re.compile(r"damaged-(\d+)").match("damaged-12").group(1) == "12"
    import marshal

    rxcache.uninstall()
    path.write_bytes(marshal.dumps({"build": "another python", "entries": {(False, r"x(\d)", 0): (0, b"", 0, {}, ())}}))
    assert rxcache.install(cache)
    re.purge()
    assert re.compile(r"x(\d)").match("x7").group(1) == "7"


def test_the_cli_fills_the_cache_and_answers_the_same(tmp_path: Path) -> None:
    case = ROOT / "corpus" / "cases" / "py-time-tools"
    if not case.is_dir():
        case = sorted(p for p in (ROOT / "corpus" / "cases").iterdir() if p.name.startswith("py-"))[0]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "analyzer"), "MCPVET_CACHE_DIR": str(tmp_path / "cache"),
           "MCPVET_PROGRESS": "0"}
    env.pop(rxcache.ENV, None)
    cmd = [sys.executable, "-m", "mcpvet", "inspect", str(case), "--format", "json", "--offline", "--fail-on", "none"]
    runs = [subprocess.run(cmd, capture_output=True, text=True, env=env, cwd=tmp_path, timeout=240) for _ in range(2)]
    files = list((tmp_path / "cache" / "regex").glob("*.marshal")) + list((tmp_path / "cache" / "code").glob("*.marshal"))
    assert len(files) == 2 and all(f.stat().st_size > 0 for f in files)  # regular expressions, dataclass methods
    docs = [json.loads(r.stdout) for r in runs]
    for d in docs:
        d.pop("stats", None)
    assert docs[0] == docs[1]
    off = subprocess.run(cmd, capture_output=True, text=True, cwd=tmp_path, timeout=240,
                         env={**env, "MCPVET_CACHE_DIR": str(tmp_path / "off"), rxcache.ENV: "0", "MCPVET_CODE_CACHE": "0"})
    assert json.loads(off.stdout)["tools"] == docs[0]["tools"]
    assert not (tmp_path / "off" / "regex").exists() and not (tmp_path / "off" / "code").exists()
