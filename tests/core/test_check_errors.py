"""What a check could not read reaches the scorecard's errors[], under the run's own limits."""

from __future__ import annotations

from pathlib import Path

from mcpvet import api
from mcpvet.options import AnalysisLimits, InspectOptions


def test_a_file_over_the_run_limit_is_named_by_the_package_code_check(tmp_path: Path) -> None:
    root = tmp_path / "srv"
    (root / "srv").mkdir(parents=True)
    (root / "srv" / "server.py").write_text(
        'from mcp.server.fastmcp import FastMCP\n\nmcp = FastMCP("s")\n\n\n@mcp.tool()\n'
        'def add(a: int, b: int) -> int:\n    """Add two numbers."""\n    return a + b\n')
    (root / "srv" / "blob.py").write_text("DATA = [\n" + '    "aGVsbG8gd29ybGQ=",\n' * 3000 + "]\n")
    small = InspectOptions(offline=True, limits=AnalysisLimits(max_source_file_bytes=20_000))
    card = api.inspect(str(root), small)
    said = [e for e in card.errors if e.stage == "checks" and e.path == "srv/blob.py"]
    assert said and "package-code" in said[0].message and "not checked" in said[0].message
    roomy = api.inspect(str(root), InspectOptions(offline=True))
    assert not [e for e in roomy.errors if e.stage == "checks" and e.path == "srv/blob.py"]
