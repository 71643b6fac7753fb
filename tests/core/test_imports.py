"""The import rules of docs/architecture.md ("What each package may import"), checked on the source.

Every `import mcpvet...` counts, at module level or inside a function (a lazy import is still a
dependency). A package is the first component under mcpvet/ (`checks`, `api`…); the language
frontends are `frontends.python`, `frontends.javascript` (and any later one), the table is `frontends`.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

import pytest

PKG = Path(__file__).resolve().parents[2] / "analyzer" / "mcpvet"
ENTRY = {"api", "cli", "commands", "batch", "__main__"}  # the orchestration layers: nothing below them imports them


def _unit(parts: list[str]) -> str:
    """`checks`, `frontends` (the table and interface), `frontends.python`…"""
    if parts[0] == "frontends" and len(parts) > 1 and parts[1] not in ("interface", "__init__"):
        return f"frontends.{parts[1]}"
    return parts[0]


def _imports() -> dict[str, dict[str, set[str]]]:
    """unit -> imported unit -> the files that import it."""
    out: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for path in sorted(PKG.rglob("*.py")):
        rel = path.relative_to(PKG)
        parts = [*rel.parts[:-1], rel.stem]
        unit = _unit(parts)
        for node in ast.walk(ast.parse(path.read_text("utf-8"), str(path))):
            names: list[list[str]] = []
            if isinstance(node, ast.Import):
                names = [a.name.split(".")[1:] for a in node.names if a.name.startswith("mcpvet.")]
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                if node.module == "mcpvet":
                    names = [[a.name] for a in node.names]
                elif node.module.startswith("mcpvet."):
                    names = [node.module.split(".")[1:]]
            for target in names:
                other = _unit(target)
                if other != unit and other != "__version__":
                    out[unit][other].add(str(rel))
    return out


IMPORTS = _imports()


def _offenders(unit: str, forbidden: set[str]) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for imported, files in IMPORTS.get(unit, {}).items():
        if imported in forbidden or any(imported.startswith(f + ".") for f in forbidden):
            found[imported] = files
    return found


def test_the_scan_sees_the_known_dependencies() -> None:
    assert "checks" in IMPORTS["api"] and "frontends" in IMPORTS["api"]
    assert "frontends.python" in IMPORTS["frontends"]  # the table's lazy factories


def test_model_imports_nothing_of_mcpvet() -> None:
    assert dict(IMPORTS.get("model", {})) == {}


def test_the_cpu_clocks_import_nothing_of_mcpvet() -> None:
    """`cputime` is shared by the parser workers, semgrep, the batch pool and the frontends."""
    assert "cputime" in IMPORTS["isolate"] and dict(IMPORTS.get("cputime", {})) == {}


def test_data_files_are_parsed_by_one_shared_module() -> None:
    """`datafiles` (parsing what a package ships as data) imports nothing of mcpvet; both frontends use it."""
    assert dict(IMPORTS.get("datafiles", {})) == {}
    assert "datafiles" in IMPORTS["frontends.python"] and "datafiles" in IMPORTS["frontends.javascript"]


@pytest.mark.parametrize("unit", ["checks", "render"])
def test_checks_and_render_never_fetch_nor_read_code(unit: str) -> None:
    """Judgements and reports work on facts: no network, no frontend, no semgrep, no pipeline."""
    forbidden = {"fetch", "frontends", "frontends.python", "frontends.javascript", "semgrep", *ENTRY}
    assert _offenders(unit, forbidden) == {}


def test_fingerprint_reads_only_the_model() -> None:
    """Fingerprints are a function of a finding: renderers, diff and baselines share them."""
    assert set(IMPORTS.get("fingerprint", {})) <= {"model"}


def test_diff_is_a_function_of_two_scorecards() -> None:
    """The comparison reads scorecards only: no fetching, no analysis, no pipeline."""
    assert set(IMPORTS.get("diff", {})) <= {"model", "fingerprint"}


def test_facts_gather_but_never_judge() -> None:
    """The fact-gathering stage reads the package's files; it never judges, fetches or analyses code."""
    forbidden = {"checks", "render", "fetch", "frontends", "frontends.python", "frontends.javascript", "semgrep", *ENTRY}
    assert _offenders("facts", forbidden) == {}
    assert "facts" in IMPORTS["checks"]  # checks read the gathered facts (values)


def test_config_never_fetches_nor_analyses() -> None:
    """Configuration and suppressions work on scorecards: re-scoring needs the checks' rules and the score."""
    assert set(IMPORTS.get("config", {})) <= {"model", "fingerprint", "errors", "checks", "score"}


def test_dependency_code_fetches_but_never_analyses() -> None:
    """depcode fetches and selects a dependency's files; reading them is the frontends' job (through api)."""
    assert set(IMPORTS.get("depcode", {})) <= {"model", "options", "errors", "fetch", "unpack", "discover"}
    assert "depcode" in IMPORTS["api"]


def test_unpack_never_imports_checks() -> None:
    assert _offenders("unpack", {"checks", "frontends", "render", *ENTRY}) == {}


@pytest.mark.parametrize("unit", ["fetch", "unpack", "discover", "model", "options", "errors", "sinks", "behaviour",
                                  "score", "analysis", "facts"])
def test_early_stages_and_the_core_never_import_later_stages(unit: str) -> None:
    assert _offenders(unit, {"checks", "render", *ENTRY}) == {}


def test_discover_reads_only_the_frontend_table() -> None:
    """discover classifies files from the table's suffixes; it never loads a frontend."""
    assert {u for u in IMPORTS.get("discover", {}) if u.startswith("frontends.")} == set()


def test_language_frontends_do_not_import_judgements_or_the_network() -> None:
    frontends = [u for u in IMPORTS if u.startswith("frontends.")]
    assert frontends, "no language frontend found"
    for unit in frontends:
        others = {f for f in frontends if f != unit}
        assert _offenders(unit, {"checks", "render", "fetch", "semgrep", "provenance", *ENTRY, *others}) == {}, unit


def test_only_the_entry_points_import_the_pipeline() -> None:
    for unit, imported in IMPORTS.items():
        if unit in ENTRY:
            continue
        assert not set(imported) & ENTRY, f"{unit} imports {sorted(set(imported) & ENTRY)}"
