"""Tool descriptions exactly as each Python MCP SDK derives them from a docstring.

Read from the SDK sources (oracle venvs, never the target):
- `mcp` FastMCP (1.x `mcp.server.fastmcp`, 2.x `MCPServer`): `description or fn.__doc__ or ""` — the
  docstring as written, not cleaned (Python < 3.13 keeps docstring indentation).
- `fastmcp` 2.x: `description or inspect.getdoc(fn)` — `inspect.cleandoc` of the docstring.
- `fastmcp` 3.x: `description if description is not None else parse_docstring(fn).description`,
  where `parse_docstring` tries the Google, NumPy and Sphinx parsers (griffe) on `inspect.getdoc(fn)`
  and, for the first that finds parameter descriptions, keeps only the first text section
  (the parameter descriptions go into the input schema); otherwise the whole cleaned docstring.
- `fastmcp` 4.x: the same, but a parser also "wins" when it finds any structured section
  (Returns, Raises, Examples, Note ...), so a docstring "Summary." followed by a Returns section becomes "Summary.".
"""

from __future__ import annotations

import inspect
import logging
import re
from dataclasses import dataclass, field

LATEST_FASTMCP = 4  # the major line pip installs for an unbounded requirement today

_GOOGLE_SECTIONS = {
    "args",
    "arguments",
    "params",
    "parameters",
    "keyword args",
    "keyword arguments",
    "other args",
    "other arguments",
    "other params",
    "other parameters",
    "raises",
    "exceptions",
    "returns",
    "return",
    "yields",
    "yield",
    "receives",
    "examples",
    "example",
    "attributes",
    "functions",
    "methods",
    "classes",
    "modules",
    "warns",
    "warnings",
    "warning",
    "note",
    "notes",
    "todo",
    "see also",
    "references",
    "deprecated",
    "tip",
    "important",
    "caution",
    "danger",
    "attention",
    "hint",
}
_GOOGLE_PARAM_SECTIONS = {"args", "arguments", "params", "parameters"}
_HEADER = re.compile(r"^([A-Za-z][A-Za-z ]*):\s*$")
_GOOGLE_PARAM = re.compile(r"^(\*{0,2}[A-Za-z_][A-Za-z0-9_]*)\s*(\([^)]*\))?\s*:\s*(.*)$")
_NUMPY_PARAM = re.compile(r"^(\*{0,2}[A-Za-z_][A-Za-z0-9_]*)\s*(:.*)?$")
_SPHINX_FIELD = re.compile(r"^:(\w+)(?:\s+[^:]*)?:")
_SPHINX_PARAM = re.compile(r"^:param\s+(?:[^:\s]+\s+)?(\*{0,2}[A-Za-z_][A-Za-z0-9_]*)\s*:\s*(.*)$")


@dataclass(frozen=True)
class ParsedDoc:
    description: str | None
    parameters: dict[str, str] = field(default_factory=dict)


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip(" "))


def _strip_blank(lines: list[str]) -> list[str]:
    while lines and not lines[0].strip():
        lines = lines[1:]
    while lines and not lines[-1].strip():
        lines = lines[:-1]
    return lines


def _google(doc: str) -> ParsedDoc | None:
    lines = doc.split("\n")
    text: list[str] | None = None
    params: dict[str, str] = {}
    i = 0
    current: list[str] = []
    while i < len(lines):
        line = lines[i]
        m = _HEADER.match(line)
        nxt = lines[i + 1] if i + 1 < len(lines) else ""
        if m and m.group(1).lower() in _GOOGLE_SECTIONS and nxt.strip() and _indent(nxt) > _indent(line):
            if text is None:
                text = current
            current = []
            base = _indent(line)
            block: list[str] = []
            i += 1
            while i < len(lines) and (not lines[i].strip() or _indent(lines[i]) > base):
                block.append(lines[i])
                i += 1
            if m.group(1).lower() in _GOOGLE_PARAM_SECTIONS:
                params.update(_google_params(block))
            continue
        current.append(line)
        i += 1
    if text is None:
        text = current
    if not params:
        return None
    desc = "\n".join(_strip_blank(text))
    return ParsedDoc(desc or None, params)


def _google_params(block: list[str]) -> dict[str, str]:
    block = _strip_blank(block)
    if not block:
        return {}
    base = min(_indent(b) for b in block if b.strip())
    out: dict[str, str] = {}
    name: str | None = None
    desc: list[str] = []
    for line in block:
        if line.strip() and _indent(line) == base:
            if name is not None:
                out[name] = "\n".join(_strip_blank(desc))
            m = _GOOGLE_PARAM.match(line.strip())
            name, desc = (m.group(1).lstrip("*"), [m.group(3)]) if m else (None, [])
        elif name is not None:
            desc.append(line[base + 4 :] if line.startswith(" " * (base + 4)) else line.strip())
    if name is not None:
        out[name] = "\n".join(_strip_blank(desc))
    return out


def _numpy(doc: str) -> ParsedDoc | None:
    lines = doc.split("\n")
    sections: list[int] = [
        i for i in range(len(lines) - 1) if lines[i].strip() and re.fullmatch(r"\s*-{3,}\s*", lines[i + 1])
    ]
    if not sections:
        return None
    params: dict[str, str] = {}
    for n, start in enumerate(sections):
        title = lines[start].strip().lower()
        end = sections[n + 1] if n + 1 < len(sections) else len(lines)
        if title not in ("parameters", "other parameters"):
            continue
        name: str | None = None
        desc: list[str] = []
        for line in lines[start + 2 : end]:
            if line.strip() and _indent(line) == 0:
                if name is not None:
                    params[name] = "\n".join(_strip_blank(desc))
                m = _NUMPY_PARAM.match(line.strip())
                name, desc = (m.group(1).lstrip("*"), []) if m else (None, [])
            elif name is not None:
                desc.append(line.strip())
        if name is not None:
            params[name] = "\n".join(_strip_blank(desc))
    if not params:
        return None
    desc_text = "\n".join(_strip_blank(lines[: sections[0]]))
    return ParsedDoc(desc_text or None, params)


def _sphinx(doc: str) -> ParsedDoc | None:
    lines = doc.split("\n")
    first_field = next((i for i, line in enumerate(lines) if _SPHINX_FIELD.match(line.strip())), None)
    if first_field is None:
        return None
    params: dict[str, str] = {}
    name: str | None = None
    desc: list[str] = []
    for line in lines[first_field:]:
        stripped = line.strip()
        if _SPHINX_FIELD.match(stripped):
            if name is not None:
                params[name] = " ".join(desc).strip()
            m = _SPHINX_PARAM.match(stripped)
            name, desc = (m.group(1).lstrip("*"), [m.group(2)]) if m else (None, [])
        elif name is not None and stripped:
            desc.append(stripped)
    if name is not None:
        params[name] = " ".join(desc).strip()
    if not params:
        return None
    desc_text = "\n".join(_strip_blank(lines[:first_field]))
    return ParsedDoc(desc_text or None, params)


def _fallback_v3(doc: str) -> ParsedDoc:
    """Our own reading of the fastmcp 3 rule, used only when griffe is not importable."""
    for parser in (_google, _numpy, _sphinx):
        parsed = parser(doc)
        if parsed is not None:
            return parsed
    return ParsedDoc(doc)


# Admonition kinds fastmcp 4 treats as structure that ends the description (Napoleon section
# names that griffe leaves as admonitions).
_V4_SECTION_ADMONITIONS = frozenset(
    {
        "attention", "caution", "danger", "error", "example", "hint", "important", "note", "notes",
        "raise", "references", "return", "see-also", "tip", "todo", "warning", "yield",
    }
)


def _griffe_parse(doc: str, major: int) -> ParsedDoc | None:
    """The SDK's own rule, run on the docstring text with griffe (the parser fastmcp uses)."""
    try:
        from griffe import Docstring, DocstringSectionKind
    except ImportError:
        return None
    logging.getLogger("griffe").setLevel(logging.ERROR)
    for parser in ("google", "numpy", "sphinx"):
        sections = Docstring(doc, lineno=1, parser=parser).parse()
        description: str | None = None
        parameters: dict[str, str] = {}
        structured = False
        for section in sections:
            if section.kind == DocstringSectionKind.text and description is None:
                description = section.value
            elif section.kind == DocstringSectionKind.parameters:
                for param in section.value:
                    parameters[param.name] = param.description
                structured = True
            elif section.kind == DocstringSectionKind.admonition:
                structured = structured or section.value.kind in _V4_SECTION_ADMONITIONS
            elif section.kind != DocstringSectionKind.text:
                structured = True
        if parameters or (major >= 4 and structured):
            return ParsedDoc(description, parameters)
    return ParsedDoc(doc)


def parse_docstring_v3(raw: str | None, major: int = 3) -> ParsedDoc:
    """fastmcp 3.x/4.x `parse_docstring`: (description, parameter descriptions)."""
    if not raw:
        return ParsedDoc(None)
    doc = inspect.cleandoc(raw)
    if not doc:
        return ParsedDoc(None)
    parsed = _griffe_parse(doc, major)
    return parsed if parsed is not None else _fallback_v3(doc)


def tool_description(
    flavor: str, major: int | None, explicit: str | None, explicit_given: bool, raw_doc: str | None
) -> str | None:
    """The description a client sees for a function tool.

    `explicit` is the constant `description=` argument (None when not given or not constant;
    `explicit_given` says whether the argument was there at all).
    """
    if flavor == "mcp":
        return explicit or raw_doc or ""
    if flavor == "adk":  # Google ADK's FunctionTool: the docstring cleaned, else nothing
        return explicit or (inspect.cleandoc(raw_doc) if raw_doc else "")
    if major is not None and major <= 2:
        return explicit or (inspect.cleandoc(raw_doc) if raw_doc else None)
    if explicit_given and explicit is not None:
        return explicit
    return parse_docstring_v3(raw_doc, major or LATEST_FASTMCP).description
