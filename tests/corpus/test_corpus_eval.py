"""Regression gate: mcpvet over our own evaluation corpus (corpus/cases), scored by the shared scorer.

The cases were written independently of the shared eval (names and descriptions checked against
the real SDKs); the thresholds are the level reached when the gate was set, so a drop fails.
Offline: the registry / OSV base URLs point at an empty loopback server.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT, SHARED
from tests.support.fakehttp import FakeHTTPServer

SCORER = SHARED / "eval" / "score.py"
CASES = ROOT / "corpus" / "cases"

# Level reached on 2026-11-25 (23 cases, 64 tools). Known misses, reported to their owners:
# py-aws-creds-dataclass-session (declared-capability lexicon takes "AWS CLI config file" for
# network/process/env; sensitive-path low because the description names ~/.aws/config) and
# py-pickle-session-restore (a `~/.chatvault` path with save/read verbs is not taken as file access:
# undeclared fs_write on save_session is the one must_not_flag violation and the undeclared FP) and
# ts-class-bound-handlers-undici (a tool that admits network is taken to admit env as well) and
# ts-promisify-dynamic-import (JS frontend: util.promisify(cp.exec) is not followed to the sink).
# Raise these as those are fixed; never lower them to make a regression pass.
THRESHOLDS_MIN = {
    "tools_recall": 1.0,
    "tools_precision": 1.0,
    "desc_exact": 1.0,
    "caps_precision": 1.0,
    "caps_recall": 1.0,
    "caps_f1": 1.0,
    "undeclared_recall": 0.9,
    "undeclared_precision": 0.95,
    "findings_recall": 0.93,
}
THRESHOLDS_MAX = {
    "undeclared_fp_rate": 0.0,
    "must_not_flag_violations": 0,
    "schema_invalid": 0,
    "timeouts": 0,
    "crashes": 0,
}


@pytest.mark.skipif(not SCORER.is_file(), reason=f"shared scorer not present at {SCORER}")
def test_corpus_scores_hold(fake_http: FakeHTTPServer, tmp_path: Path) -> None:
    mcpvet = shutil.which("mcpvet", path=str(Path(sys.executable).parent))
    assert mcpvet, "the mcpvet console script is not installed next to this Python"
    assert len([p for p in CASES.iterdir() if (p / "truth.json").is_file()]) >= 14
    env = dict(os.environ)
    for var in ("MCPVET_PYPI_URL", "MCPVET_NPM_URL", "MCPVET_OSV_URL"):
        env[var] = fake_http.url
    args = [sys.executable, str(SCORER), "-j", "2", "--timeout", "60", "-v",
            "--cmd", f"{mcpvet} inspect {{path}} --format json", "--json", str(tmp_path / "metrics.json")]
    args += [f"--min={k}={v}" for k, v in THRESHOLDS_MIN.items()]
    args += [f"--max={k}={v}" for k, v in THRESHOLDS_MAX.items()]
    args.append(str(CASES))
    done = subprocess.run(args, capture_output=True, text=True, env=env, timeout=300, check=False)
    assert done.returncode == 0, f"corpus below its gate:\n{done.stdout[-6000:]}\n{done.stderr[-2000:]}"
