"""The texts a package says about itself (issue 13): the description of its manifest (package.json
`description`, the wheel's `Summary`, pyproject's `description`), its server.json's `description`
and `title`, and its README's first heading. `mcpvet.checks.analysis._own_service` reads the names
of the package's own service in them."""

from __future__ import annotations

import json
import re

from mcpvet.facts.source import read_text
from mcpvet.model import SourceTree

_MARKDOWN_READMES = ("README.md", "readme.md", "README.MD", "Readme.md")


def package_texts(tree: SourceTree | None) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """(descriptions, titles): the sentences a package describes itself with, and its names as
    headings (server.json's title, the README's first heading)."""
    if tree is None:
        return (), ()
    descriptions = _package_descriptions(tree.manifest)
    server = read_text(tree, "server.json")
    descriptions += _server_json_texts(server, "description")
    titles = _server_json_texts(server, "title")
    for readme in _MARKDOWN_READMES:
        heading = _readme_title(read_text(tree, readme))
        if heading:
            titles += heading
            break
    return tuple(descriptions), tuple(titles)


# a setting's name written in capitals (`LARK_DOMAIN`, `DT_ENVIRONMENT`, `HOMEASSISTANT_URL`)
_SETTING = re.compile(r"(?<![\w$.-])[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+(?![\w-])")
# the last word of a setting that holds where a service is
ADDRESS_WORDS = frozenset({"url", "uri", "host", "domain", "endpoint", "environment", "env", "base", "server",
                           "address", "instance", "origin", "api", "site", "tenant"})


def documented_settings(tree: SourceTree | None) -> tuple[str, ...]:
    """The settings the package's README names whose last word says they hold an address (`LARK_DOMAIN`,
    `export DT_ENVIRONMENT=…`): where whoever runs the server points it at its service. Sorted."""
    if tree is None:
        return ()
    for readme in (*_MARKDOWN_READMES, "README.rst", "README"):
        text = read_text(tree, readme)
        if text:
            found = {m.group(0) for m in _SETTING.finditer(text)
                     if m.group(0).rsplit("_", 1)[-1].lower() in ADDRESS_WORDS}
            return tuple(sorted(found))
    return ()


def _package_descriptions(manifest: dict[str, object]) -> list[str]:
    """The package's descriptions from its manifest (package.json, wheel METADATA, pyproject)."""
    out: list[str] = []
    pkg = manifest.get("package_json")
    if isinstance(pkg, dict) and isinstance(pkg.get("description"), str):
        out.append(pkg["description"])
    meta = manifest.get("metadata")
    if isinstance(meta, dict):
        for v in meta.get("Summary") or meta.get("summary") or ():
            if isinstance(v, str):
                out.append(v)
    pyproject = manifest.get("pyproject")
    if isinstance(pyproject, dict):
        project = pyproject.get("project")
        if isinstance(project, dict) and isinstance(project.get("description"), str):
            out.append(project["description"])
    return out


def _server_json_texts(text: str | None, key: str) -> list[str]:
    """`title` or `description` of a server.json (the MCP Registry's entry the package ships)."""
    if not text:
        return []
    try:
        doc = json.loads(text)
    except ValueError:
        return []
    value = doc.get(key) if isinstance(doc, dict) else None
    return [value] if isinstance(value, str) else []


def _readme_title(text: str | None) -> list[str]:
    """The first Markdown heading of a README."""
    if not text:
        return []
    for line in text.split("\n")[:200]:
        m = re.match(r"#\s+(.+)", line.strip())
        if m:
            return [m.group(1)]
    return []
