"""Regression gate: mcpvet over our own evaluation corpus (corpus/cases), scored against each case's
truth.json by our own scorer (tests/support/scoring.py).

The cases were written independently of the shared evaluation set (names and descriptions checked
against the real SDKs); the thresholds are the level reached when the gate was set, so a drop
fails. Offline: the registry / OSV base URLs point at an empty loopback server. The shared set is a
separate yardstick, run by hand (see the README's Development section), never by this suite.
"""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

from mcpvet.render.json import validation_errors
from tests.conftest import CORPUS_CASES
from tests.support.fakehttp import FakeHTTPServer
from tests.support.scoring import below, run_cases, summarise

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


def test_corpus_scores_hold(fake_http: FakeHTTPServer) -> None:
    mcpvet = shutil.which("mcpvet", path=str(Path(sys.executable).parent))
    assert mcpvet, "the mcpvet console script is not installed next to this Python"
    cases = sorted(p for p in CORPUS_CASES.iterdir() if (p / "truth.json").is_file())
    assert len(cases) >= 23
    env = dict(os.environ)
    for var in ("MCPVET_PYPI_URL", "MCPVET_NPM_URL", "MCPVET_OSV_URL"):
        env[var] = fake_http.url
    results = run_cases([mcpvet, "inspect", "--format", "json"], cases, jobs=2, timeout=60, env=env,
                        validate=validation_errors)
    metrics = summarise(results)
    failed = below(metrics, THRESHOLDS_MIN, THRESHOLDS_MAX)
    report = "\n".join(f"{r.id} [{r.status}]: {'; '.join(r.misses)}" for r in results if r.misses)
    assert not failed, f"corpus below its gate: {', '.join(failed)}\n{metrics}\n{report}"
