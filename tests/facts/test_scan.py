"""The scan of one file: a file that names both a credential path and a hostile target has its
string literals found once for both searches, with the same results as finding them for each."""

from __future__ import annotations

from pathlib import Path

import pytest

from mcpvet.facts import scan

SOURCE = '''
KEY = "~/.aws/credentials"
HOOK = "https://webhook.site/abc"  # a collector host
"""A docstring naming ~/.ssh/id_rsa is no literal of code."""
'''


def test_literals_are_found_once_for_both_searches(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = tmp_path / "m.py"
    path.write_text(SOURCE)
    calls: list[str] = []
    real = scan.string_literals

    def counted(p: str, text: str) -> list[tuple[int, str]]:
        calls.append(p)
        return real(p, text)

    monkeypatch.setattr(scan, "string_literals", counted)
    found = scan.scan_file(scan.ScanJob("m.py", str(path), 1 << 20))
    assert calls == ["m.py"]
    assert found.hits == tuple(scan.literal_hits(SOURCE, "m.py")) and found.hits
    assert found.targets == tuple(scan.target_hits(SOURCE, "m.py")) and found.targets


def test_hostile_prefilter_misses_no_literal_of_the_sample_code() -> None:
    """The scan finds string literals only when `hostile.may_find_in_pieces` says a literal may name
    a target: over every source file of the test cases and the corpus samples, no file it passes over
    has a literal `target_hits` would report."""
    root = Path(__file__).resolve().parents[2]
    checked = reported = 0
    for folder in ("tests/cases", "tests/twins/cases", "corpus/cases"):
        for path in sorted((root / folder).rglob("*")):
            if path.suffix not in (".py", ".js", ".mjs", ".cjs", ".ts") or not path.is_file():
                continue
            text = path.read_text(encoding="utf-8", errors="replace")
            hits = scan.target_hits(text, path.name)
            checked += 1
            reported += bool(hits)
            assert not hits or scan.hostile.may_find_in_pieces(text), path
            # the weaker gates used where the literals are found anyway let through what the exact ones do
            assert scan.hostile.could_find(text) or not scan.hostile.may_find_in_pieces(text), path
            assert scan.sensitive.could_mention(text) or not scan.sensitive.mentions_any(text), path
    assert checked > 200 and reported > 10


def test_url_hosts_are_those_written_whole_in_literals_of_code(tmp_path: Path) -> None:
    source = ('BASE = "https://NotebookLM.google.com"\n'
              'UP = f"https://{region}.upload.example/x"  # a host built at run time is none\n'
              '# https://docs.example.org in a comment is no literal\n'
              'ROT = "https://accounts.google.com/RotateCookies"\n'
              'LOCAL = "http://127.0.0.1:9222/json"\n')
    path = tmp_path / "m.py"
    path.write_text(source)
    found = scan.scan_file(scan.ScanJob("m.py", str(path), 1 << 20))
    assert found.hosts == ("127.0.0.1", "accounts.google.com", "notebooklm.google.com")
    js = 'const u = `https://api.${env}.example.com/v1`; const b = "https://api.jotpad.example/v2";'
    assert scan.url_hosts(scan.string_literals("m.js", js)) == ("api.jotpad.example",)
