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
