"""Tool definitions made by a framework's chained builder, read back as the definition object the chain
builds: `tool().description(d).input(schema).handler(fn)` of @sylphx/mcp-server-sdk gives
`{description: d, inputSchema: <schema>, annotations, handler: fn}` (the last call of a setter wins, as
each call returns a new builder with that field replaced; `.handler(fn)` ends the chain). A chain
not followed back to its `tool()` call, or ended by another method, is no definition (None).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mcpvet.frontends.javascript.ir import KV, Call, Env, Id, Imp, Mem, ObjV

if TYPE_CHECKING:
    from mcpvet.frontends.javascript.facts import IR
    from mcpvet.frontends.javascript.program import Program

# module -> (the function starting a chain, setter method -> definition field, the method ending it)
BUILDERS: dict[str, tuple[str, dict[str, str], str]] = {
    "@sylphx/mcp-server-sdk": ("tool", {"description": "description", "input": "inputSchema",
                                        "annotations": "annotations"}, "handler"),
}
NO_INPUT = "no input"  # the `inputSchema` field of a chain without `.input(…)`: an object with no properties


def builder_definition(p: Program, module: str, item: IR, env: Env) -> ObjV | None:
    """The definition a builder chain of `module` makes (`handler` its function), or None."""
    spec = BUILDERS.get(module)
    if spec is None:
        return None
    start, setters, end = spec
    node, nenv = p.raw(item, env)
    fields: dict[str, IR] = {}
    match node:
        case Call(Mem(inner, method), (fn,)) if method == end:
            fields["handler"] = fn
            node = inner
        case _:
            return None
    for _ in range(32):
        match node:
            case Call(Mem(inner, method), (arg,)) if method in setters:
                fields.setdefault(setters[method], arg)  # read from the end: the last call wins
                node = inner
            case Call(Id(name, scope), ()):
                binding = p.lookup(scope, name)
                if not (isinstance(binding, Imp) and binding.spec == module and binding.name == start):
                    return None
                entries = tuple(KV(key, value) for key, value in fields.items())
                return ObjV(entries, nenv)
            case _:
                return None
    return None
