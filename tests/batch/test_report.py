"""`mcpvet report`: CSV and HTML from a real batch store; the HTML page loads in headless
Chromium with no console error, needs no network, and draws its plots."""

from __future__ import annotations

import csv
import io
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import source_env
from tests.support.registry import copy_case


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("report")
    specs = [str(copy_case(c, tmp / c)) for c in ("py-weather-key-in-handler", "js-postinstall-curl-esm",
                                                  "ts-todos-ssh-axios-class")]
    db = tmp / "r.db"
    env = source_env(MCPVET_PROGRESS="0")
    done = subprocess.run([sys.executable, "-m", "mcpvet", "batch", *specs, "not-a-package-xyz", "--db", str(db),
                           "--offline", "--jobs", "2"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode in (0, 1), done.stderr
    return db


def _report(db: Path, *argv: str) -> subprocess.CompletedProcess[str]:
    env = source_env()
    return subprocess.run([sys.executable, "-m", "mcpvet", "report", "--db", str(db), *argv], capture_output=True,
                          text=True, env=env, timeout=60)


def test_csv(store: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(_report(store, "--csv", "-").stdout)))
    assert [r["status"] for r in rows] == ["analysed", "analysed", "analysed", "failed"]
    assert rows[3]["spec"] == "not-a-package-xyz" and "offline" in rows[3]["error"]
    assert sum(int(r["findings_high"]) + int(r["findings_critical"]) for r in rows) >= 1  # curl | sh in postinstall


def test_html_in_headless_chromium(store: Path, tmp_path: Path) -> None:
    page = tmp_path / "report.html"
    done = _report(store, "--html", str(page))
    assert done.returncode == 0, done.stderr
    text = page.read_text()
    assert not re.search(r'(src|href)="https?:', text), "self-contained: nothing to fetch"
    assert text.count("<svg") == 6 and "js-postinstall-curl-esm" in text
    chromium = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")
    if chromium is None:
        pytest.skip("no headless chromium here (Debian: apt-get install chromium)")
    base = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}", "--enable-logging=stderr", "--v=0"]
    dom = subprocess.run([*base, "--virtual-time-budget=3000", "--dump-dom", page.as_uri()], capture_output=True,
                         text=True, timeout=90)
    assert 'data-ready="1"' in dom.stdout, dom.stderr[-2000:]  # the script ran to its end
    console = [ln for ln in dom.stderr.splitlines() if "CONSOLE" in ln or "Uncaught" in ln]
    assert console == [], console
    assert len(re.findall(r"<tr class=\"status-", dom.stdout)) == 4
    shot = tmp_path / "report.png"
    subprocess.run([*base, "--window-size=1300,1500", "--hide-scrollbars", f"--screenshot={shot}", page.as_uri()],
                   capture_output=True, timeout=90)
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n" and len(data) > 40_000  # a page of plots, not a blank one
    if os.environ.get("MCPVET_KEEP_SCREENSHOT"):
        shutil.copy(shot, os.environ["MCPVET_KEEP_SCREENSHOT"])
