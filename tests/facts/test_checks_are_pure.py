"""Checks judge facts: no module of `mcpvet.checks` reads a file, parses source or starts a worker.
What they need from the package's files is gathered by `mcpvet.facts` before any check runs."""

from __future__ import annotations

import ast
from pathlib import Path

import mcpvet.checks

CHECKS = Path(mcpvet.checks.__file__).parent
FORBIDDEN_MODULES = {"ast", "tokenize", "io", "os", "pathlib", "shutil", "subprocess", "mcpvet.isolate",
                     "mcpvet.facts.source", "mcpvet.discover", "libcst", "tree_sitter"}
FORBIDDEN_BUILTINS = {"open", "compile", "exec", "eval", "__import__"}
FORBIDDEN_CALLS = {"read_text", "read_bytes", "read_lines", "scan_files", "map_isolated", "hook_facts",
                   "source_facts", "gather", "iterdir", "glob", "rglob", "walk"}
ALLOWED_FROM_SCAN = {"FileScan"}  # the type of a scan result, not the scanner


def _modules() -> list[Path]:
    return sorted(p for p in CHECKS.rglob("*.py") if p.name != "docs.py")  # docs.py renders docs/rules.md


def test_the_checks_package_is_found() -> None:
    names = {p.name for p in _modules()}
    assert {"tool_behaviour.py", "package_code.py", "install_hooks.py", "interface.py"} <= names


def test_no_check_imports_a_reader_or_parser() -> None:
    bad: list[str] = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Import):
                bad += [f"{path.name}: import {a.name}" for a in node.names if a.name in FORBIDDEN_MODULES]
            elif isinstance(node, ast.ImportFrom) and node.module is not None:
                if node.module in FORBIDDEN_MODULES:
                    bad.append(f"{path.name}: from {node.module}")
                elif node.module == "mcpvet.facts.scan":
                    bad += [f"{path.name}: {a.name} from mcpvet.facts.scan" for a in node.names
                            if a.name not in ALLOWED_FROM_SCAN]
    assert bad == []


def test_no_check_calls_a_reader_or_parser() -> None:
    bad: list[str] = []
    for path in _modules():
        for node in ast.walk(ast.parse(path.read_text("utf-8"))):
            if isinstance(node, ast.Call):
                f = node.func
                if isinstance(f, ast.Name) and f.id in FORBIDDEN_BUILTINS:
                    bad.append(f"{path.name}:{node.lineno}: {f.id}()")
                name = f.attr if isinstance(f, ast.Attribute) else f.id if isinstance(f, ast.Name) else None
                if name in FORBIDDEN_CALLS:
                    bad.append(f"{path.name}:{node.lineno}: {name}()")
    assert bad == []
