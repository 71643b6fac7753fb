"""Tools of servers that answer MCP's JSON-RPC methods themselves, and tools only a CallTool handler names.

- A hand-written JSON-RPC server (no SDK server class): a dispatch on the request's `method`
  (`switch (msg.method) { case "tools/list": reply(msg.id, {tools: TOOLS}); … case "tools/call": … }`)
  lists the elements of the `tools` array its "tools/list" branch answers with (sent through a call or
  returned); their code is the "tools/call" branch, which dispatches on the tool's name further down.
- A CallTool handler with no ListTools handler anywhere: tools/list then answers "Method not found",
  yet tools/call runs every name the handler dispatches on. Those names are reported as tools (no
  description or schema exists for them) and errors[] says that the server lists none.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from mcpvet.frontends.javascript.facts import IR, FunctionFacts
from mcpvet.frontends.javascript.ir import KV, ArrV, Call, Id, Obj
from mcpvet.frontends.javascript.program import EMPTY

if TYPE_CHECKING:
    from mcpvet.frontends.javascript.tools import ToolDecl, ToolFinder

_MAX_DEPTH = 6


def _subject(group: str) -> str:
    return group.split("#on:", 1)[-1]


def _method_dispatch(group: str) -> bool:
    """A dispatch on a JSON-RPC request's method: `msg.method`, `request.method`, `method`."""
    return _subject(group).rsplit(".", 1)[-1] == "method"


def _name_dispatch(group: str) -> bool:
    """A dispatch on a tool's name: `name`, `request.params.name`, `toolName`."""
    return _subject(group).rsplit(".", 1)[-1].lower().endswith("name")


def _tools_values(finder: ToolFinder, ir: IR, depth: int = 0) -> Iterator[IR]:
    """The values of `tools` keys of object literals in `ir` (through nested objects, call arguments
    and local names): `reply(id, {tools: TOOLS})`, `send({jsonrpc, id, result: {tools}})`."""
    if depth > _MAX_DEPTH:
        return
    match ir:
        case Obj(entries):
            for entry in entries:
                if isinstance(entry, KV):
                    if entry.key == "tools":
                        yield entry.value
                    else:
                        yield from _tools_values(finder, entry.value, depth + 1)
        case Call(_, args):
            for arg in args:
                yield from _tools_values(finder, arg, depth + 1)
        case Id():
            raw, env = finder.p.raw(ir, EMPTY)
            if raw is not ir and not env:
                yield from _tools_values(finder, raw, depth + 1)


def _branch_code(finder: ToolFinder, bid: str) -> list[IR]:
    """What a `case "tools/list":` branch sends or returns: its calls (and those of branches nested
    in it) as calls; the returns of the function it is in (returns are kept per function)."""
    out: list[IR] = []
    for f in finder.p.with_branches(bid):
        out.extend(Call(c.callee, c.args, f.fid, i) for i, c in enumerate(f.calls))
    owner = finder.p.functions.get(bid)
    while owner is not None and owner.kind == "branch" and owner.parent is not None:
        owner = finder.p.functions.get(owner.parent)
    if owner is not None:
        out.extend(owner.returns)
    return out


def jsonrpc_tools(finder: ToolFinder) -> None:
    """Tools listed by the "tools/list" branch of a dispatch on a request's method."""
    for fid in sorted(finder.p.functions):
        f = finder.p.functions[fid]
        for bid, key, group in f.branches:
            if key != "tools/list" or not _method_dispatch(group):
                continue
            call_branch = [b for b, k, g in f.branches if k == "tools/call" and g == group]
            dispatcher = call_branch or finder.call_handler(f.path)
            branch = finder.p.functions.get(bid)
            line = branch.line if branch is not None else f.line
            found = False
            for code in _branch_code(finder, bid):
                for tools_ir in _tools_values(finder, code):
                    value = finder.p.value(tools_ir, EMPTY)
                    items = finder.p.array_items(value, 0) if isinstance(value, ArrV) else None
                    if items is None:
                        continue
                    found = True
                    finder.add_listed(items, f.path, line, dispatcher, 'the "tools/list" answer')
            if not found:
                finder.errors.append((f.path, f'line {line}: the tools of the "tools/list" answer are not known '
                                              "statically"))


def dispatched_tools(finder: ToolFinder, decl_type: type[ToolDecl]) -> None:
    """With no tool found otherwise: the names the CallTool handlers dispatch on."""
    if finder.tools:
        return
    for path, fns in finder.call_handlers():
        names: dict[str, FunctionFacts] = {}
        for fid in fns:
            for _src, dst, data in finder.cg.graph.out_edges(fid):
                key, group = data.get("key"), data.get("group")
                branch = finder.p.functions.get(dst)
                if (isinstance(key, str) and not key.startswith("\x00") and isinstance(group, str)
                        and _name_dispatch(group) and branch is not None):
                    names.setdefault(key, branch)
        if not names:
            continue
        for name, branch in names.items():
            decl = decl_type(name=name, description=None, description_source="static", description_note=None,
                             input_schema=None, title=None, annotations=None, path=branch.path, line=branch.line,
                             handlers=list(fns), style="setRequestHandler")
            finder.tools.append(decl)
        shown = ", ".join(sorted(names)[:6]) + (", …" if len(names) > 6 else "")
        finder.errors.append((path, f"no ListTools handler: the server lists no tools, but its CallTool handler runs "
                                    f"{len(names)} names ({shown}); they are reported as tools with no description "
                                    "or schema"))
