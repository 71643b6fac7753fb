"""Hand-built facts for the analysis-check tests: a package written to a temporary folder and tools
with the capabilities a frontend would report."""

from __future__ import annotations

import ast
from pathlib import Path
from typing import Any

from mcpvet.behaviour import declared_capabilities
from mcpvet.checks.interface import Facts
from mcpvet.discover import discover
from mcpvet.facts import gather
from mcpvet.frontends.python.envreads import env_reads
from mcpvet.frontends.python.shapes import function_shapes
from mcpvet.model import (
    Capability,
    Ecosystem,
    EnvRead,
    Evidence,
    FrontendResult,
    FunctionShape,
    HandlerRef,
    Kind,
    Language,
    Location,
    PackageBehaviour,
    SourceTree,
    Target,
    Tool,
)


def write_tree(root: Path, files: dict[str, str]) -> SourceTree:
    for rel, text in files.items():
        path = root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, "utf-8")
    tree, errors = discover(root, name_hint="pkg")
    assert not errors, errors
    return tree


def cap(kind: Kind, path: str, line: int, sink: str, *call_path: str) -> Capability:
    return Capability(kind, (Evidence(Location(path, line), sink, tuple(call_path)),))


def tool(name: str, description: str | None, *caps: Capability, handler: tuple[str, int] | None = ("server.py", 1),
         schema: dict[str, Any] | None = None, annotations: dict[str, Any] | None = None,
         language: Language = Language.PYTHON, **kw: Any) -> Tool:
    href = HandlerRef(Location(*handler), f"pkg.server.{name}") if handler else None
    loc = Location(handler[0], handler[1]) if handler else Location("server.py", 1)
    t = Tool(name, description, schema, loc, href, language, annotations=annotations, capabilities=tuple(caps), **kw)
    return Tool(**{**t.__dict__, "declared_capabilities": declared_capabilities(t)})


def facts(tree: SourceTree | None, tools: list[Tool], behaviour: tuple[PackageBehaviour, ...] = ()) -> Facts:
    """Facts as the pipeline gathers them; the environment reads and function shapes of the tree's
    Python files are the Python frontend's own (`envreads`, `shapes`), so that hand-built tools meet
    the same facts."""
    reads: list[EnvRead] = []
    functions: list[FunctionShape] = []
    for f in tree.files_of(Language.PYTHON) if tree is not None else ():
        try:
            parsed = ast.parse(f.abspath.read_bytes())
        except (OSError, SyntaxError, ValueError):
            continue  # unreadable or not Python: the frontend would not see it either
        reads += env_reads(parsed, f.path)
        functions += function_shapes(parsed, f.path)[0]
    fr = FrontendResult(Language.PYTHON, tuple(tools), behaviour, env_reads=tuple(reads), functions=tuple(functions))
    return gather(Facts(Target("./pkg", Ecosystem.LOCAL, "pkg"), tree, tuple(tools), (fr,)))
