"""Tool descriptions changed after registration (a "rug pull"), read from source files inside the
scan worker: what the model was shown at review time is not what it gets later.

Python (from the AST):
- `fn.__doc__ = …` — a function's docstring replaced (FastMCP takes a tool's description from it);
- `<tool>.description = …` where the object comes from a tool registry (`get_tool(…)`,
  `_tool_manager`, `._tools[…]`, `.tools[…]`) or is a name with "tool" in it;
- `<tool>.update(description=…)` / `.update({"description": …})`;
- a tool-list-changed notification (`send_tool_list_changed()`, `"notifications/tools/list_changed"`).
JavaScript/TypeScript (text heuristics, never a parser): `x.description = …` on a tool object,
`x.update({ description: … })` on a registered tool, `sendToolListChanged()` and the notification's
method name.

Each change records its line, the function it runs in (None: at module level), the function or tool
it targets when the code says so (the function whose `__doc__` it sets, the constant name given to
`get_tool`), and the new text when it is constant (string constants, f-strings and concatenations
with their constant parts, module constants, and a parameter of the enclosing function resolved at
the function's call sites). The facts stage decides which tool a change belongs to and whether it
happens after the tool was registered (`mcpvet.facts.gather`).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from dataclasses import dataclass

from mcpvet.pyast import dotted, short
from mcpvet.textlines import line_at

MAX_CHANGES = 40  # per file


@dataclass(frozen=True)
class DescriptionChange:
    line: int
    attr: str  # "doc" (a docstring), "description" (a tool object's field), "list" (the tool list changed)
    code: str  # the statement, shortened
    function: str | None = None  # the enclosing function; None at module level (JS: None)
    target: str | None = None  # "doc": the function whose docstring; "description": a tool name, when constant
    text: str | None = None  # the new text, when its constant parts could be read
    registry: bool = False  # "description": the object comes from a tool registry lookup
    timer: bool = False  # runs from a timer or a thread started later (JS: inside setTimeout/setInterval)


_HINT = re.compile(r"__doc__\s*=|\.description\s*\+?=|\.update\s*\([^)]{0,400}?description|list_changed|ListChanged|"
                   r"toolListChanged")


def may_change(text: str) -> bool:
    """Cheap pre-filter: can the file hold a description change at all?"""
    return bool(_HINT.search(text))




_REGISTRY_PART = re.compile(r"^(?:_?tool_manager|_?tools|get_tool|_?tool_registry|registered_tools)$", re.I)


def _registry_lookup(node: ast.AST) -> tuple[bool, str | None]:
    """Does the expression look a tool up in a registry, and by which constant name?"""
    found, name = False, None
    for n in ast.walk(node):
        if isinstance(n, ast.Attribute) and _REGISTRY_PART.match(n.attr):
            found = True
        elif isinstance(n, ast.Constant) and isinstance(n.value, str) and _REGISTRY_PART.match(n.value):
            found = True  # getattr(mgr, "_tools", {})
        if isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr in ("get_tool", "get") \
                and n.args and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str):
            name = name or n.args[0].value
        if isinstance(n, ast.Subscript) and isinstance(n.slice, ast.Constant) and isinstance(n.slice.value, str):
            name = name or n.slice.value
    return found, name if found else None


class _Module:
    def __init__(self, tree: ast.Module) -> None:
        self.tree = tree
        self.constants: dict[str, ast.expr] = {}
        for stmt in tree.body:
            value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            if value is None:
                continue
            for t in targets:
                if isinstance(t, ast.Name):
                    self.constants.setdefault(t.id, value)
        self.functions: dict[str, ast.FunctionDef | ast.AsyncFunctionDef] = {}
        self.parent: dict[ast.AST, ast.FunctionDef | ast.AsyncFunctionDef | None] = {}
        self.timed: set[str] = set()  # functions handed to a timer or a thread
        self._walk(tree, None)

    def _walk(self, node: ast.AST, fn: ast.FunctionDef | ast.AsyncFunctionDef | None) -> None:
        for child in ast.iter_child_nodes(node):
            self.parent[child] = fn
            if isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef)):
                self.functions.setdefault(child.name, child)
                self._walk(child, child)
            else:
                if isinstance(child, ast.Call):
                    name = dotted(child.func).rsplit(".", 1)[-1]
                    if name in ("Timer", "call_later", "call_at", "Thread", "start_new_thread", "add_job", "every"):
                        for a in (*child.args, *(k.value for k in child.keywords)):
                            if isinstance(a, ast.Name):
                                self.timed.add(a.id)
                self._walk(child, fn)

    def text(self, node: ast.AST | None, fn: ast.FunctionDef | ast.AsyncFunctionDef | None, depth: int = 0) -> str | None:
        """The constant parts of a text expression, or None when nothing of it is constant."""
        pieces: list[str] = []
        self._pieces(node, fn, pieces, depth, set())
        text = "".join(pieces).strip()
        return text[:4000] if text else None

    def _pieces(self, node: ast.AST | None, fn: ast.FunctionDef | ast.AsyncFunctionDef | None, out: list[str],
                depth: int, seen: set[str]) -> None:
        if node is None or depth > 8 or len(out) > 200:
            return
        d = depth + 1
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            out.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            for v in node.values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    out.append(v.value)
                else:
                    out.append(" ")
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            self._pieces(node.left, fn, out, d, seen)
            self._pieces(node.right, fn, out, d, seen)
        elif isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in (
                "format", "strip", "lstrip", "rstrip", "replace", "dedent"):
            self._pieces(node.func.value, fn, out, d, seen)
        elif isinstance(node, ast.Call) and dotted(node.func) in ("textwrap.dedent", "dedent", "inspect.cleandoc", "str"):
            if node.args:
                self._pieces(node.args[0], fn, out, d, seen)
        elif isinstance(node, ast.Name) and node.id not in seen:
            seen.add(node.id)
            if fn is not None:
                params = [a.arg for a in (*fn.args.posonlyargs, *fn.args.args)]
                if node.id in params:
                    self._argument(fn, params.index(node.id), node.id, out, d, seen)
                    return
                local = [s.value for s in ast.walk(fn) if isinstance(s, ast.Assign) and any(
                    isinstance(t, ast.Name) and t.id == node.id for t in s.targets)]
                if local:
                    self._pieces(local[0], fn, out, d, seen)
                    return
            if node.id in self.constants:
                self._pieces(self.constants[node.id], None, out, d, seen)

    def _argument(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, index: int, name: str, out: list[str],
                  depth: int, seen: set[str]) -> None:
        """A parameter's value: the constant arguments of the calls of `fn` in this module."""
        for call in ast.walk(self.tree):
            if not (isinstance(call, ast.Call) and dotted(call.func).rsplit(".", 1)[-1] == fn.name):
                continue
            value = next((k.value for k in call.keywords if k.arg == name), None)
            if value is None and index < len(call.args):
                value = call.args[index]
            if value is not None:
                before = len(out)
                self._pieces(value, self.parent.get(call), out, depth, set(seen))
                if len(out) > before:
                    out.append("\n")


def python_changes(source: str) -> list[DescriptionChange]:
    """The description changes of a Python file; [] when it does not parse."""
    if not may_change(source):
        return []
    try:
        tree = ast.parse(source)
    except (SyntaxError, ValueError, RecursionError, MemoryError):
        return []
    try:
        return _python_changes(_Module(tree))
    except RecursionError:
        return []


def _bound_from_registry(fn: ast.FunctionDef | ast.AsyncFunctionDef | None, name: str,
                         module: _Module) -> tuple[bool, str | None]:
    scope: ast.AST = fn if fn is not None else module.tree
    found, target = False, None
    for s in ast.walk(scope):
        if isinstance(s, ast.Assign) and any(isinstance(t, ast.Name) and t.id == name for t in s.targets):
            f, t = _registry_lookup(s.value)
            found, target = found or f, target or t
    return found, target


def _python_changes(module: _Module) -> list[DescriptionChange]:
    out: list[DescriptionChange] = []
    for node in ast.walk(module.tree):
        if len(out) >= MAX_CHANGES:
            break
        fn = module.parent.get(node)
        fname = fn.name if fn is not None else None
        timer = fname in module.timed if fname else False
        if isinstance(node, (ast.Assign, ast.AugAssign)):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            for t in targets:
                if not isinstance(t, ast.Attribute):
                    continue
                if t.attr == "__doc__" and isinstance(t.value, ast.Name):
                    out.append(DescriptionChange(node.lineno, "doc", short(node, 100), fname, t.value.id,
                                                 module.text(node.value, fn), timer=timer))
                elif t.attr == "description":
                    registry, name = _registry_lookup(t.value)
                    base = t.value.id if isinstance(t.value, ast.Name) else None
                    if not registry and base is not None:
                        registry, name = _bound_from_registry(fn, base, module)
                    if not registry and not (base is not None and "tool" in base.lower()):
                        continue
                    out.append(DescriptionChange(node.lineno, "description", short(node, 100), fname, name,
                                                 module.text(node.value, fn), registry, timer))
        elif isinstance(node, ast.Call):
            func = node.func
            last = dotted(func).rsplit(".", 1)[-1]
            if last in ("send_tool_list_changed", "tool_list_changed") or any(
                    isinstance(a, ast.Constant) and a.value == "notifications/tools/list_changed"
                    for a in (*node.args, *(k.value for k in node.keywords))) or last == "ToolListChangedNotification":
                out.append(DescriptionChange(node.lineno, "list", short(node, 100), fname, timer=timer))
            elif isinstance(func, ast.Attribute) and func.attr == "update":
                value = next((k.value for k in node.keywords if k.arg == "description"), None)
                if value is None and node.args and isinstance(node.args[0], ast.Dict):
                    value = next((v for k, v in zip(node.args[0].keys, node.args[0].values, strict=True)
                                  if isinstance(k, ast.Constant) and k.value == "description"), None)
                owner = func.value
                registry, name = _registry_lookup(owner)
                if value is not None and (registry or "tool" in dotted(owner).lower()):
                    out.append(DescriptionChange(node.lineno, "description", short(node, 100), fname, name,
                                                 module.text(value, fn), registry, timer))
    return out


# ------------------------------------------------------------------ JavaScript / TypeScript

_JS_LITERAL = re.compile(r"'(?:\\.|[^'\\\n])*'|\"(?:\\.|[^\"\\\n])*\"|`(?:\\.|[^`\\])*`", re.S)
# The two patterns below start at an identifier. A match can never start right after a letter, `_` or
# `$`: the pattern would match one character earlier as well (`[\w$]*` takes that character too), and
# finditer, scanning left to right, reports the earlier start. So `(?<![A-Za-z_$].)` after the first
# character skips those starts without changing a match (a minified bundle is mostly identifiers: trying
# every character of each cost ~0.9 s on a 2.3 MB bundle). `_ASSIGN_NEED` / `_UPDATE_NEED` are pieces
# every match holds: without one, nothing is searched.
_JS_ASSIGN = re.compile(r"([A-Za-z_$](?<![A-Za-z_$].)[\w$]*(?:\s*\[[^\]\n]{1,80}\])?(?:\s*\.\s*[A-Za-z_$][\w$]*)*)"
                        r"\s*\.\s*description\s*(\+?=)(?!=)\s*")
_JS_UPDATE = re.compile(r"([A-Za-z_$](?<![A-Za-z_$].)[\w$.]*)\s*\.\s*update\s*\(\s*\{[^{}]{0,400}?\bdescription\s*:\s*",
                        re.S)
_ASSIGN_NEED = re.compile(r"description\s*\+?=(?!=)")
_UPDATE_NEED = re.compile(r"update\s*\(\s*\{")
_JS_LIST = re.compile(r"\bsendToolListChanged\s*\(|[\"']notifications/tools/list_changed[\"']")


def _open_bracket(source: str, end: int) -> int | None:
    r"""The first `[` of the 81 characters before `end` with no `]` or line break between it and `end`:
    where a `[…]` (`[^\]\n]{1,80}`) holding the character before `end` could open."""
    first = None
    for k in range(end - 1, max(-1, end - 82), -1):
        if source[k] in "]\n":
            break
        if source[k] == "[":
            first = k
    return first


def _chain_start(source: str, at: int) -> int:
    """How far back a match of `_JS_ASSIGN` / `_JS_UPDATE` whose chain of names ends at `at` can start:
    over name characters, dots, spaces and `[…]` (more than the patterns take: a bound, never a match)."""
    i = at
    while i > 0:
        c = source[i - 1]
        if c.isalnum() or c in "_$." or c.isspace():  # (the sets `\w` and `\s` are, for a str pattern)
            i -= 1
            continue
        opened = _open_bracket(source, i - 1) if c == "]" else None
        if opened is None:
            break
        i = opened
    return i


def _js_finditer(rx: re.Pattern[str], need: re.Pattern[str], source: str, brackets: bool = False
                 ) -> Iterator[re.Match[str]]:
    """`rx.finditer(source)` for `_JS_ASSIGN` and `_JS_UPDATE`, tried only at the starts that can come
    before each piece `need` finds (`_chain_start`), in order: the same matches, without trying every
    identifier of a bundle (~1 s for nx-mcp's 2.7 MB). Each match holds one piece, right after its chain:
    `update({` ends with the `{` that no other part of a `_JS_UPDATE` match can hold, and a
    `description =` ends with the `=` that only a `[…]` of an `_JS_ASSIGN` chain can hold. So a piece
    inside a `[…]` that could be one of a longer chain's (`a[b.description = 1].description = 2`) is
    searched for as before, from there on."""
    done = 0
    for piece in need.finditer(source):
        at = piece.start()
        if at < done:
            continue
        if brackets and _open_bracket(source, at) is not None:
            yield from rx.finditer(source, done)
            return
        for start in range(max(done, _chain_start(source, at)), at):
            m = rx.match(source, start)
            if m:
                yield m
                done = m.end()
                break


_JS_TIMER = re.compile(r"\b(?:setTimeout|setInterval)\s*\(")
_JS_CONST = r"\b(?:const|let|var)\s+{name}\s*(?::\s*[\w<>\[\]]+\s*)?=\s*"
_JS_TOOLNAME = re.compile(r"""\.name\s*===?\s*(['"])([\w.-]{1,80})\1|(['"])([\w.-]{1,80})\3\s*===?\s*\w+\.name""")


def _js_expression(text: str, start: int) -> str:
    depth, i = 0, start
    while i < len(text):
        ch = text[i]
        if ch in "'\"`":
            m = _JS_LITERAL.match(text, i)
            if m:
                i = m.end()
                continue
        if ch in "([{":
            depth += 1
        elif ch in ")]}":
            if depth == 0:
                break
            depth -= 1
        elif depth == 0 and ch in ",;":
            break
        elif depth == 0 and ch == "\n":
            before, after = text[start:i].rstrip(), text[i:].lstrip()
            if not (before.endswith(("+", "(", "?", ":", "=")) or after.startswith(("+", "?", ":", "."))):
                break
        i += 1
    return text[start:i]


def _js_text(expr: str, source: str, depth: int = 0) -> str | None:
    pieces = []
    for m in _JS_LITERAL.finditer(expr):
        body = m.group(0)[1:-1]
        if m.group(0)[0] == "`":
            body = re.sub(r"\$\{[^}]*\}", " ", body)
        pieces.append(body.replace("\\n", "\n").replace("\\'", "'").replace('\\"', '"'))
    if depth < 3:
        rest = _JS_LITERAL.sub(" ", expr) + " " + " ".join(re.findall(r"\$\{([^}]*)\}", expr))
        for name in dict.fromkeys(re.findall(r"\b[A-Za-z_$][\w$]*\b", rest)):
            b = re.search(_JS_CONST.format(name=re.escape(name)), source)
            if b is not None:
                inner = _js_text(_js_expression(source, b.end()), source, depth + 1)
                if inner:
                    pieces.append(inner)
    text = " ".join(p for p in pieces if p.strip()).strip()
    return text[:4000] if text else None


def _in_timer(source: str, pos: int) -> bool:
    """Is the position inside the callback of a `setTimeout` / `setInterval` call?"""
    for m in _JS_TIMER.finditer(source, max(0, pos - 4000), pos):
        depth, i = 0, m.end() - 1
        while i < len(source):
            ch = source[i]
            if ch in "'\"`":
                lit = _JS_LITERAL.match(source, i)
                if lit:
                    i = lit.end()
                    continue
            if ch == "(":
                depth += 1
            elif ch == ")":
                depth -= 1
                if depth == 0:
                    break
            i += 1
        if m.start() < pos < i:
            return True
    return False


_JS_REGISTER = re.compile(r"""\s*(?:await\s+)?[\w$.]+\.(?:tool|registerTool|addTool)\s*\(\s*(['"`])([\w.-]{1,80})\1""")


def _registered_as(var: str, source: str) -> str | None:
    """The tool name a variable holds the registration of (`const t = server.tool("name", …)`)."""
    b = re.search(_JS_CONST.format(name=re.escape(var)), source)
    if b is None:
        return None
    m = _JS_REGISTER.match(source, b.end())
    return m.group(2) if m else None


def js_changes(source: str) -> list[DescriptionChange]:
    """The description changes of a JavaScript/TypeScript file (text heuristics)."""
    if not may_change(source):
        return []
    out: list[DescriptionChange] = []

    def line_of(pos: int) -> int:
        return line_at(source, pos)

    def target_near(pos: int) -> str | None:
        start = source.rfind("\n", 0, max(0, pos - 300))
        found = list(_JS_TOOLNAME.finditer(source, max(0, start), pos + 200))
        return (found[-1].group(2) or found[-1].group(4)) if found else None

    def code(m: re.Match[str], expr: str) -> str:
        return " ".join(source[m.start():m.end() + len(expr)].split())[:100]

    for m in _js_finditer(_JS_ASSIGN, _ASSIGN_NEED, source, brackets=True):
        base = m.group(1)
        if not re.search(r"tool", base, re.I):
            continue
        expr = _js_expression(source, m.end())
        out.append(DescriptionChange(line_of(m.start()), "description", code(m, expr), None,
                                     _registered_as(base, source) or target_near(m.start()), _js_text(expr, source),
                                     registry=True, timer=_in_timer(source, m.start())))
    for m in _js_finditer(_JS_UPDATE, _UPDATE_NEED, source):
        expr = _js_expression(source, m.end())
        out.append(DescriptionChange(line_of(m.start()), "description", code(m, expr), None,
                                     _registered_as(m.group(1).rsplit(".", 1)[-1], source) or target_near(m.start()),
                                     _js_text(expr, source), registry=True, timer=_in_timer(source, m.start())))
    listed = "sendToolListChanged" in source or "notifications/tools/list_changed" in source
    for m in _JS_LIST.finditer(source) if listed else ():
        out.append(DescriptionChange(line_of(m.start()), "list", m.group(0).strip(" ("), None,
                                     timer=_in_timer(source, m.start())))
    return sorted(out, key=lambda c: c.line)[:MAX_CHANGES]


def description_changes(path: str, source: str) -> list[DescriptionChange]:
    """The description changes of one source file, by its language."""
    if path.endswith(".py"):
        return python_changes(source)
    if path.endswith((".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx")):
        return js_changes(source)
    return []
