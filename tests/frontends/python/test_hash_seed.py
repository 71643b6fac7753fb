"""Issue 11: the same analyzer on the same package gives the same scorecard under every PYTHONHASHSEED.

The case imports/missing-speedups-fallback binds `apply_mask` to a package module the artifact lacks
(`from .speedups import apply_mask`) and to the pure-Python fallback (`except ImportError: from .utils
import apply_mask`). Both values reach the call; the hash seed orders them in the value set, and a call
whose last-seen value was the missing module used to count as unresolved (seeds 1 and 4 here), together
with the `.hex` called on what it returns (seeds 0 and 3). Each seed runs in its own interpreter.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import mcpvet

CASE = Path(__file__).resolve().parents[2] / "cases" / "python" / "imports" / "missing-speedups-fallback"
SEEDS = ("0", "1", "2", "3", "4", "5")

_PROBE = """
import json, sys
from pathlib import Path
from mcpvet.discover import discover
from mcpvet.frontends.python import PythonFrontend
from mcpvet.options import InspectOptions
root = Path(sys.argv[1])
tree, _ = discover(root, name_hint=root.name)
result = PythonFrontend().analyze(tree, [], InspectOptions())
print(json.dumps({t.name: {"capabilities": sorted(k.value for k in t.capability_kinds),
                           "unresolved": list(t.unresolved_calls),
                           "paths": sorted(list(e.call_path) for c in t.capabilities for e in c.evidence)}
                  for t in result.tools}, sort_keys=True))
"""


def _run(seed: str) -> dict[str, dict[str, list[object]]]:
    analyzer = str(Path(mcpvet.__file__).resolve().parents[1])  # the mcpvet under test, not an installed one
    env = {**os.environ, "PYTHONHASHSEED": seed, "PYTHONPATH": analyzer}
    out = subprocess.run([sys.executable, "-c", _PROBE, str(CASE)], env=env, capture_output=True, text=True,
                         check=True, timeout=300)
    return json.loads(out.stdout)  # type: ignore[no-any-return]


def test_same_tools_under_every_hash_seed() -> None:
    runs = {seed: _run(seed) for seed in SEEDS}
    first = runs[SEEDS[0]]
    for seed, run in runs.items():
        assert run == first, f"PYTHONHASHSEED={seed} differs from {SEEDS[0]}"
    tool = first["mask_frame"]
    assert tool["capabilities"] == ["fs_read"]  # the fallback's read of the mask file is reached
    assert tool["unresolved"] == []  # apply_mask is the fallback function, whatever else it may be
