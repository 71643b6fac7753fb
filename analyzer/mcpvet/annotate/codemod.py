"""Write MCP tool annotations into Python tool declarations with libcst, keeping formatting and comments.

A declaration is found by the line mcpvet reported for the tool (`Tool.declared_at`):
- a decorator `@x.tool`, `@x.tool(...)` (FastMCP in mcp 1.x, standalone fastmcp 2.x): the hints go
  into its `annotations=` argument, a dict literal (both SDKs accept a dict) or, when the module
  already imports `ToolAnnotations`, a `ToolAnnotations(...)` call; an existing dict or
  `ToolAnnotations(...)` is updated in place, key by key;
- a low-level `Tool(...)` / `types.Tool(...)` call (mcp.types), or `mcp.add_tool(fn, ...)`: the same,
  on its `annotations=`.
Only the declaration's own node changes; nothing else in the file is touched. An `annotations=`
given as anything other than a literal (a variable, a function call) is not rewritten: it is
reported so the author can change it by hand.
"""

from __future__ import annotations

import ast
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TypeVar

import libcst as cst
from libcst.metadata import MetadataWrapper, PositionProvider

from mcpvet.annotate.hints import declared


@dataclass(frozen=True)
class Edit:
    tool: str
    line: int  # the declaration's line as mcpvet reported it (the decorator, or the Tool( call)
    values: dict[str, bool]


@dataclass
class Outcome:
    source: str
    placed: list[str] = field(default_factory=list)
    not_placed: dict[str, str] = field(default_factory=dict)  # tool -> why


_Item = TypeVar("_Item", cst.Arg, cst.DictElement)


def _bool(value: bool) -> cst.Name:
    return cst.Name("True" if value else "False")


def _append(items: Sequence[_Item], new: list[_Item], opening: cst.BaseParenthesizableWhitespace | None) -> list[_Item]:
    """`items` + `new`, in the layout already used: one per line (with the indentation and trailing comma
    of the others; a comment stays on its own item's line), or on one line."""
    out = list(items)
    for item in new:
        if not out:
            out.append(item)
            continue
        last = out[-1]
        ws = last.comma.whitespace_after if isinstance(last.comma, cst.Comma) else None
        if isinstance(ws, cst.ParenthesizedWhitespace):  # one per line, with a trailing comma
            before = out[-2].comma.whitespace_after if len(out) >= 2 and isinstance(out[-2].comma, cst.Comma) else opening
            indent = before if isinstance(before, cst.ParenthesizedWhitespace) else ws
            assert isinstance(last.comma, cst.Comma)
            out[-1] = last.with_changes(comma=last.comma.with_changes(
                whitespace_after=ws.with_changes(indent=indent.indent, last_line=indent.last_line)))
            out.append(item.with_changes(comma=cst.Comma(whitespace_after=ws.with_changes(
                first_line=cst.TrailingWhitespace(), empty_lines=[]))))
        else:
            trailing = last.comma if isinstance(last.comma, cst.Comma) else cst.MaybeSentinel.DEFAULT
            out[-1] = last.with_changes(comma=cst.Comma(whitespace_after=cst.SimpleWhitespace(" ")))
            out.append(item.with_changes(comma=trailing))
    return out


def _key(node: cst.BaseExpression) -> str | None:
    if isinstance(node, cst.SimpleString):
        value = ast.literal_eval(node.value)
        return value if isinstance(value, str) else None
    return None


def _canonical(key: str, values: dict[str, bool]) -> str | None:
    for hint in values:
        if declared({key: True}, hint)[0]:
            return hint
    return None


def _update_dict(node: cst.Dict, values: dict[str, bool]) -> cst.Dict:
    todo = dict(values)
    elements: list[cst.DictElement] = []
    for el in node.elements:
        if isinstance(el, cst.DictElement) and (key := _key(el.key)) is not None and (hint := _canonical(key, todo)):
            elements.append(el.with_changes(value=_bool(todo.pop(hint))))
        else:
            elements.append(el)  # type: ignore[arg-type]  # a ** spread is kept as it is
    new = [cst.DictElement(cst.SimpleString(f'"{k}"'), _bool(v)) for k, v in todo.items()]
    return node.with_changes(elements=_append(elements, new, node.lbrace.whitespace_after))


def _update_call_args(node: cst.Call, values: dict[str, bool]) -> cst.Call:
    todo = dict(values)
    args: list[cst.Arg] = []
    for arg in node.args:
        if arg.keyword is not None and (hint := _canonical(arg.keyword.value, todo)):
            args.append(arg.with_changes(value=_bool(todo.pop(hint))))
        else:
            args.append(arg)
    new = [cst.Arg(_bool(v), keyword=cst.Name(k), equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
           for k, v in todo.items()]
    return node.with_changes(args=_append(args, new, node.whitespace_before_args))


def _new_annotations(values: dict[str, bool], use_class: bool) -> cst.BaseExpression:
    if use_class:
        return _update_call_args(cst.Call(cst.Name("ToolAnnotations")), values)
    return _update_dict(cst.Dict([]), values)


def _annotated_call(call: cst.Call, values: dict[str, bool], use_class: bool) -> cst.Call | str:
    """The call with its annotations set, or why it cannot be changed."""
    for i, arg in enumerate(call.args):
        if arg.keyword is not None and arg.keyword.value == "annotations":
            value = arg.value
            if isinstance(value, cst.Dict):
                new_value: cst.BaseExpression = _update_dict(value, values)
            elif isinstance(value, cst.Call) and _name_of(value.func).endswith("ToolAnnotations") \
                    and all(a.keyword is not None for a in value.args):
                new_value = _update_call_args(value, values)
            else:
                return "its annotations= is not a literal dict or ToolAnnotations(...) call: change it by hand"
            args = list(call.args)
            args[i] = arg.with_changes(value=new_value)
            return call.with_changes(args=args)
    new = cst.Arg(_new_annotations(values, use_class), keyword=cst.Name("annotations"),
                  equal=cst.AssignEqual(cst.SimpleWhitespace(""), cst.SimpleWhitespace("")))
    return call.with_changes(args=_append(list(call.args), [new], call.whitespace_before_args))


def _name_of(node: cst.BaseExpression) -> str:
    if isinstance(node, cst.Name):
        return node.value
    if isinstance(node, cst.Attribute):
        return f"{_name_of(node.value)}.{node.attr.value}"
    return ""


def _is_tool_decorator(node: cst.BaseExpression) -> bool:
    target = node.func if isinstance(node, cst.Call) else node
    name = _name_of(target)
    return name == "tool" or name.endswith(".tool")


class _Writer(cst.CSTTransformer):
    METADATA_DEPENDENCIES = (PositionProvider,)

    def __init__(self, edits: dict[int, Edit], use_class: bool, outcome: Outcome) -> None:
        super().__init__()
        self.edits = edits
        self.use_class = use_class
        self.outcome = outcome

    def _line(self, node: cst.CSTNode) -> int:
        return self.get_metadata(PositionProvider, node).start.line

    def _apply(self, node: cst.Call, edit: Edit) -> cst.Call:
        changed = _annotated_call(node, edit.values, self.use_class)
        if isinstance(changed, str):
            self.outcome.not_placed[edit.tool] = changed
            return node
        self.outcome.placed.append(edit.tool)
        return changed

    def leave_Decorator(self, original: cst.Decorator, updated: cst.Decorator) -> cst.Decorator:
        edit = self.edits.get(self._line(original))
        if edit is None or not _is_tool_decorator(original.decorator):
            return updated
        self.edits.pop(self._line(original))
        call = updated.decorator if isinstance(updated.decorator, cst.Call) else cst.Call(updated.decorator)
        return updated.with_changes(decorator=self._apply(call, edit))

    def leave_Call(self, original: cst.Call, updated: cst.Call) -> cst.BaseExpression:
        line = self._line(original)
        edit = self.edits.get(line)
        func = _name_of(original.func)
        if edit is None or not (func in ("Tool", "add_tool") or func.endswith((".Tool", ".add_tool"))):
            return updated
        named = next((a.value for a in original.args if a.keyword is not None and a.keyword.value == "name"), None)
        if named is not None and _key(named) not in (None, edit.tool):
            return updated  # another Tool( on the same line
        self.edits.pop(line)
        return self._apply(updated, edit)


def _imports_tool_annotations(module: cst.Module) -> bool:
    for stmt in module.body:
        if isinstance(stmt, cst.SimpleStatementLine):
            for small in stmt.body:
                if isinstance(small, cst.ImportFrom) and not isinstance(small.names, cst.ImportStar) and any(
                        isinstance(a.name, cst.Name) and a.name.value == "ToolAnnotations" and a.asname is None
                        for a in small.names):
                    return True
    return False


def annotate_source(source: str, edits: Sequence[Edit]) -> Outcome:
    """`source` with the edits applied; tools whose declaration was not found or not editable are said."""
    outcome = Outcome(source)
    wanted = [e for e in edits if e.values]
    if not wanted:
        return outcome
    module = cst.parse_module(source)
    by_line = {e.line: e for e in wanted}
    writer = _Writer(by_line, _imports_tool_annotations(module), outcome)
    new = MetadataWrapper(module).visit(writer)
    for edit in by_line.values():
        outcome.not_placed.setdefault(edit.tool, f"no tool declaration found at line {edit.line}")
    outcome.source = new.code
    return outcome
