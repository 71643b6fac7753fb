"""MCP tool declarations in JavaScript/TypeScript, following `@modelcontextprotocol/sdk` 1.x:

- `McpServer.registerTool(name, {title, description, inputSchema, outputSchema, annotations}, cb)`
  (and `experimental.tasks.registerToolTask(name, config, handlers)`);
- `McpServer.tool(name, [description], [paramsSchema], [annotations], cb)`: a leading string is
  the description; then an object is the params schema when it is a zod raw shape (empty, or a
  zod value in it), otherwise annotations (SDK `tool()` overload rules);
- `Server.setRequestHandler(ListToolsRequestSchema, h)` whose result has `tools: [...]`, with
  the `CallToolRequestSchema` handler dispatching by name;
- the `fastmcp` TypeScript framework: `server.addTool({name, description, parameters, execute})`
  and `addTools([...])` (description as given, `parameters` a zod schema);
- `mcp-framework`: classes extending `MCPTool` with `name`, `description`, `schema` fields and an
  `execute` method (the framework loads them from the tools folder);
- `@supabase/mcp-utils`: `createMcpServer({tools})`, `tools` an object (or a function returning
  one) from each tool's name to `tool({description, parameters, annotations, execute})`.

Registrations inside helpers are evaluated once per call site of the helper and once per
element of an array the helper is mapped over (`TOOLS.forEach(t => server.tool(t.name, …))`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, TypeVar

from mcpvet.frontends.javascript import datareads
from mcpvet.frontends.javascript.builders import builder_definition
from mcpvet.frontends.javascript.facts import IR, CallFact, FunctionFacts
from mcpvet.frontends.javascript.graph import CallGraph
from mcpvet.frontends.javascript.ir import (
    KV,
    Add,
    Arr,
    ArrV,
    Bool,
    BoundFn,
    BoundIR,
    Call,
    ClassRef,
    Either,
    Ext,
    Fn,
    Global,
    Id,
    Imp,
    Mem,
    ModRef,
    Node,
    Null,
    Num,
    Obj,
    ObjV,
    Param,
    Req,
    Spread,
    Str,
    This,
    Tpl,
    Undef,
    Unk,
    Value,
    children,
)
from mcpvet.frontends.javascript.jsonrpc import dispatched_tools, jsonrpc_tools
from mcpvet.frontends.javascript.program import EMPTY, THIS_KEY, Env, Program, describe_value
from mcpvet.frontends.javascript.schema import SchemaReader
from mcpvet.sinks.javascript import lookup_module

T = TypeVar("T")
MCP_UTILS = "@supabase/mcp-utils"
# frameworks whose server takes `{tools: {name: {description, parameters|inputSchema, execute}}}`, each
# key a tool's name: @supabase/mcp-utils `createMcpServer(options)`, Mastra's `new MCPServer(options)`
FRAMEWORK_SERVERS = {MCP_UTILS: "createMcpServer", "@mastra/mcp": "MCPServer", "@sylphx/mcp-server-sdk": "createServer"}
# the request schemas of the SDK by the JSON-RPC method they answer
METHOD_SCHEMAS = {"tools/list": "ListToolsRequestSchema", "tools/call": "CallToolRequestSchema"}
_REGISTRATIONS = ("tool", "registerTool", "registerToolTask", "setRequestHandler", "addTool", "addTools")


def _registers(f: FunctionFacts) -> bool:
    """Whether `f` makes a call that `ToolFinder.scan` would evaluate as a possible tool registration."""
    return any(isinstance(c.callee, Mem) and c.callee.prop in _REGISTRATIONS for c in f.calls)


def _direct(call: CallFact) -> CallFact:
    """`McpServer.prototype.registerTool.call(this, name, config, cb)` (a subclass reaching the SDK's own
    method) and `.apply(this, [name, …])` as the call they make: `registerTool(name, config, cb)`."""
    callee = call.callee
    if not (isinstance(callee, Mem) and callee.prop in ("call", "apply") and isinstance(callee.obj, Mem)
            and callee.obj.prop in ("tool", "registerTool", "registerToolTask") and call.args):
        return call
    if callee.prop == "call":
        args = call.args[1:]
    elif len(call.args) == 2 and isinstance(call.args[1], Arr):
        args = call.args[1].items
    else:
        return call
    return CallFact(callee.obj, args, call.line, call.column, call.text, call.is_new)


@dataclass
class ToolDecl:
    name: str
    description: str | None
    description_source: str
    description_note: str | None
    input_schema: dict[str, Any] | None
    title: str | None
    annotations: dict[str, Any] | None
    path: str
    line: int
    handlers: list[str] = field(default_factory=list)  # function ids where the tool's code starts
    handler_error: str | None = None
    style: str = "registerTool"
    env: Env = field(default_factory=dict)  # parameter bindings the registration was evaluated under
    cut_short: bool = False  # evaluated as the frontend_seconds budget ran out: may be incomplete


@dataclass
class ToolScan:
    tools: list[ToolDecl]
    errors: list[tuple[str, str]]  # (path, message)
    # files whose registrations were not (fully) searched because the frontend_seconds budget ran out
    unsearched: list[str] = field(default_factory=list)


class ToolFinder:
    def __init__(self, program: Program, graph: CallGraph) -> None:
        self.p = program
        self.cg = graph
        self.schemas = SchemaReader(program)
        self.tools: list[ToolDecl] = []
        self.errors: list[tuple[str, str]] = []
        self.max_instances = program.budgets.js_instances
        self.unknown_parts: list[str] = []  # parts of a listed tools array not known statically (for errors[])

    def capped(self, items: list[T], fid: str, what: str) -> list[T]:
        """The first `js_instances` items; a cut is recorded when there were more."""
        if len(items) > self.max_instances:
            f = self.p.functions.get(fid)
            self.p.cuts.cut("js_instances", f"tool registrations in {fid}: only the first {self.max_instances} of "
                                            f"{len(items)} {what} were evaluated", fid=fid,
                            path=f.path if f is not None else None)
        return items[:self.max_instances]

    def scan(self) -> ToolScan:
        unsearched: set[str] = set()
        for fid in sorted(self.p.functions):
            f = self.p.functions[fid]
            if self.p.out_of_time():
                if _registers(f):
                    unsearched.add(f.path)
                continue
            self.p.focus = fid
            for call in f.calls:
                if self.p.expired:
                    break
                if isinstance(call.callee, Id) and call.args and self.framework_server(call.callee):
                    self.p.focus_tool = None
                    before, found_before = len(self.errors), len(self.tools)
                    self.mcp_utils(f, call)
                    if self.p.expired:
                        del self.errors[before:]
                        for decl in self.tools[found_before:]:
                            decl.cut_short = True
                    continue
                if not isinstance(call.callee, Mem):
                    continue
                call = _direct(call)
                self.p.focus_tool = None
                assert isinstance(call.callee, Mem)
                method = call.callee.prop
                before, found_before = len(self.errors), len(self.tools)
                if method in ("tool", "registerTool", "registerToolTask"):
                    self.high_level(f, call, method)
                elif method == "setRequestHandler" and len(call.args) >= 2:
                    self.low_level_list(f, call)
                elif method in ("addTool", "addTools") and call.args:
                    self.fastmcp(f, call, method)
                if self.p.expired:  # "not known statically" may only mean "not evaluated in time": the cut says so
                    del self.errors[before:]
                    for decl in self.tools[found_before:]:
                        decl.cut_short = True
            if self.p.expired and _registers(f):  # searched while the clock ran out: incomplete
                unsearched.add(f.path)
        for cid in sorted(self.p.classes):
            self.p.focus, self.p.focus_tool = None, None
            if self.p.out_of_time():
                if self.p.classes[cid].superclass is not None:
                    unsearched.add(self.p.classes[cid].path)
                continue
            before, found_before = len(self.errors), len(self.tools)
            self.mcp_framework_class(cid)
            if self.p.expired and self.p.classes[cid].superclass is not None:
                unsearched.add(self.p.classes[cid].path)
                del self.errors[before:]
                for decl in self.tools[found_before:]:
                    decl.cut_short = True
        self.p.focus, self.p.focus_tool = None, None
        if not self.p.out_of_time():
            jsonrpc_tools(self)
            dispatched_tools(self, ToolDecl)
            self.p.focus, self.p.focus_tool = None, None
        declared_at = {d.name: (d.path, d.line) for d in self.tools}
        grouped: dict[tuple[str, int, tuple[str, ...]], list[str]] = {}
        for tool, keys in self.schemas.not_schemas:
            path, line = declared_at.get(tool or "", ("", 0))
            names = grouped.setdefault((path, line, tuple(keys)), [])
            if (tool or "(unnamed)") not in names:
                names.append(tool or "(unnamed)")
        for (path, line, keyset), names in grouped.items():
            shown = ", ".join(keyset[:4]) + (", …" if len(keyset) > 4 else "")
            tools = ", ".join(names[:5]) + (f" and {len(names) - 5} more" if len(names) > 5 else "")
            self.errors.append((path, f"line {line}: the input schema of {len(names)} tool(s) ({tools}) evaluates to "
                                      f"an object that is no JSON Schema (keys {shown}): left unknown"))
        if any("not known statically" in m and "tool" in m for _, m in self.errors) and not self.p.out_of_time():
            found = datareads.note(self.p, self.envs)  # which data files the code building them reads
            if found is not None:
                self.errors.append(found)
        return ToolScan(self.tools, self.errors, sorted(unsearched))

    # -- mcp-framework: `class X extends MCPTool { name = "…"; description = "…"; schema = {…}; execute() }`
    def extends_mcp_tool(self, cid: str) -> bool:
        seen: set[str] = set()
        cur: str | None = cid
        while cur is not None and cur not in seen:
            seen.add(cur)
            cls = self.p.classes.get(cur)
            if cls is None or cls.superclass is None:
                return False
            parent = self.p.value(cls.superclass, EMPTY)
            if isinstance(parent, Ext):
                return parent.module == "mcp-framework" and parent.names[-1:] == ("MCPTool",)
            cur = parent.cid if isinstance(parent, ClassRef) else None
        return False

    def mcp_framework_class(self, cid: str) -> None:
        if not self.extends_mcp_tool(cid):
            return
        cls = self.p.classes[cid]
        name_ir = self.p.field_of(cid, "name", 0)
        if name_ir is None:
            return  # an abstract intermediate class
        name = self.p.value(name_ir, EMPTY)
        if not isinstance(name, Str):
            self.errors.append((cls.path, f"line {cls.line}: MCPTool class {cls.name} has a name not known statically"))
            return
        self.p.focus_tool = name.value
        desc_text, source, note = self.text(self.p.field_of(cid, "description", 0), EMPTY)
        schema_ir = self.p.field_of(cid, "schema", 0)
        decl = ToolDecl(
            name=name.value,
            description=desc_text,
            description_source=source,
            description_note=note,
            input_schema=self.framework_schema(schema_ir) if schema_ir is not None else None,
            title=None,
            annotations=None,
            path=cls.path,
            line=cls.line,
            style="mcp-framework",
        )
        execute = self.p.method_of(cid, "execute")
        if execute is None:
            decl.handler_error = f"class {cls.name} has no execute method"
        else:
            decl.handlers = [execute]
        self.tools.append(decl)

    def framework_schema(self, ir: IR) -> dict[str, Any] | None:
        """mcp-framework schemas: `{field: {type: z.string(), description: "…"}}` or a zod object."""
        raw, env = self.p.raw(ir, EMPTY)
        if not isinstance(raw, Obj):
            return self.schemas.input_schema(ir, EMPTY)
        properties: dict[str, Any] = {}
        required: list[str] = []
        for entry in raw.entries:
            if not isinstance(entry, KV):
                continue
            field_raw, fenv = self.p.raw(entry.value, env)
            if not isinstance(field_raw, Obj):
                schema, optional = self.schemas.zod(field_raw, fenv, 0)
            else:
                type_ir = self.entry(field_raw, "type")
                schema, optional = self.schemas.zod(type_ir, fenv, 0) if type_ir is not None else ({}, False)
                schema = dict(schema or {})
                desc = self.entry(field_raw, "description")
                if desc is not None:
                    text = self.p.value(desc, fenv)
                    if isinstance(text, Str):
                        schema["description"] = text.value
            properties[entry.key] = schema or {}
            if not optional:
                required.append(entry.key)
        out: dict[str, Any] = {"type": "object", "properties": properties}
        if required:
            out["required"] = required
        return out

    # -- environments --------------------------------------------------------------------------
    def envs(self, fid: str, depth: int = 0) -> list[Env]:
        """Parameter bindings under which the body of fid may run (call sites, array mappings)."""
        out: list[Env] = []
        if depth > 3:
            return out
        sites = self.cg.call_sites.get(fid, []) + self.cg.param_sites.get(fid, [])
        # every call site first under its own bindings, then under the bindings of its callers
        # (a module-level loop elsewhere in the caller must not crowd out later call sites)
        f = self.p.functions.get(fid)
        missing = len(f.params) if f is not None else 0
        # a call site whose arguments depend on its caller's bindings: those bindings first, the site alone
        # (its caller's parameters unbound) last, so that a cap drops the least known first
        unbound: list[Env] = []
        for _caller, args in sites:
            bare = self.p.bind_args(fid, args, EMPTY, missing)
            (unbound if any(self.depends_on_bindings(a) for a in args) else out).append(bare)
        for caller, args in sites:
            if not any(self.depends_on_bindings(a) for a in args):
                continue
            for caller_env in self.capped(self.envs(caller, depth + 1), fid, f"bindings of caller {caller}"):
                out.append(self.p.bind_args(fid, args, caller_env, missing))
        out.extend(unbound)
        for arr_ir in self.cg.iterations.get(fid, []):
            arr = self.p.value(arr_ir, EMPTY)
            if isinstance(arr, ArrV):
                items = self.p.array_items(arr, 0) or []
                for i, (item, item_env) in enumerate(self.capped(items, fid, "elements of an array it is mapped over")):
                    out.append({(fid, 0): (item, item_env), (fid, 1): (Num(i), EMPTY)})
        if f is not None and f.loops:
            base = [EMPTY, *out]
            for loop_key, items_ir in f.loops:
                bound: list[Env] = []
                for env in self.capped(base, fid, "bindings of a loop"):
                    arr = self.p.value(items_ir, env)
                    if not isinstance(arr, ArrV):
                        continue
                    for item, item_env in self.capped(self.p.array_items(arr, 0) or [], fid, "loop elements"):
                        bound.append({**env, (loop_key, 0): (item, item_env)})
                out.extend(bound)
                # a loop nested in this one (`for (const set of toolsets) for (const tool of set.tools)`)
                # iterates under each binding of the outer loop variable
                base = [*base, *bound]
        if f is not None and f.parent is not None and f.kind != "module":
            parent = self.p.functions.get(f.parent)
            if parent is not None and parent.params:
                parent_envs = self.envs(parent.fid, depth + 1)
                if parent_envs:
                    base = out or [EMPTY]
                    out = self.capped([{**pe, **e} for pe in parent_envs for e in base], fid,
                                      f"bindings combined with those of {parent.fid}")
        if f is not None and f.loops and len(out) > self.max_instances:
            out = self.novel_first(out, [key for key, _ in f.loops])
        return self.capped(out, fid, "bindings")

    def novel_first(self, envs: list[Env], loop_keys: list[str]) -> list[Env]:
        """The bindings that give the loop variables elements not seen before first (an element written once
        reached again through another caller's bindings of the same loops later), each element's most complete
        binding before the others: a cap then keeps one binding of each element before it keeps a second."""
        firsts: list[Env] = []
        repeats: list[Env] = []
        seen: set[tuple[int, ...]] = set()
        # the most complete bindings of an element first: those whose arguments carry their callers' bindings
        for env in sorted(envs, key=lambda e: -sum(1 + bool(inner) for _, inner in e.values())):
            key = tuple(id(self.p.raw(*env[(k, 0)])[0]) if (k, 0) in env else 0 for k in loop_keys)
            (repeats if key in seen else firsts).append(env)
            seen.add(key)
        return firsts + repeats

    def depends_on_bindings(self, ir: object, depth: int = 0, seen: frozenset[int] = frozenset()) -> bool:
        """Whether an argument's value may depend on parameters or loop variables (through local
        names): only then is it worth evaluating under the caller's own bindings."""
        if depth > 24:
            return True
        match ir:
            case tuple():
                # arguments, entries, items: the first element is not looked at (as the tuple IR did)
                return any(self.depends_on_bindings(x, depth + 1, seen) for x in ir[1:])
            case Param() | This():
                return True
            case Fn() | ClassRef() | Str() | Num() | Bool() | Null() | Undef() | Imp() | Req():
                return False
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                if binding is None or id(binding) in seen:
                    return False
                return self.depends_on_bindings(binding, depth + 1, seen | {id(binding)})
            case Node():
                return any(self.depends_on_bindings(x, depth + 1, seen) for x in children(ir))
        return False

    # -- McpServer ---------------------------------------------------------------------------
    def high_level(self, f: FunctionFacts, call: CallFact, method: str) -> None:
        if not call.args:
            return
        assert isinstance(call.callee, Mem)
        receiver = self.p.value(call.callee.obj, EMPTY)
        if isinstance(receiver, Ext) and "modelcontextprotocol" not in receiver.module:
            return
        name = self.p.value(call.args[0], EMPTY)
        if isinstance(name, Str):
            self.high_level_in(f, call, method, EMPTY, name)
            return
        found = False
        seen: set[str] = set()
        for env in self.envs(f.fid) + self.subclass_envs(f, call.args[0]):
            name = self.p.value(call.args[0], env)
            if isinstance(name, Str) and name.value not in seen:
                seen.add(name.value)
                found = True
                self.high_level_in(f, call, method, env, name)
        if not found and len(call.args) >= 2:
            self.errors.append(
                (f.path, f"line {call.line}: {call.text}() registers a tool whose name is not known statically "
                         f"({describe_value(name)})")
            )

    def subclass_envs(self, f: FunctionFacts, name_ir: IR) -> list[Env]:
        """`server.registerTool(this.name, {description: this.description, …}, …)` in a method of a base
        class (`installTo(server)`): one binding of `this` per class extending it (the class itself
        included), each subclass naming its tool in its own fields; an abstract class names none."""
        if not self.mentions_this(name_ir):
            return []
        cid = self.p.enclosing_class(f.fid)
        if cid is None:
            return []
        classes = self.capped([cid, *self.p.descendants(cid)], f.fid, "classes extending the registering class")
        return [{THIS_KEY: (ClassRef(sub), EMPTY)} for sub in classes]

    def mentions_this(self, ir: object, depth: int = 0) -> bool:
        if depth > 12:
            return False
        match ir:
            case This():
                return True
            case Id(name, scope):
                binding = self.p.lookup(scope, name)
                return binding is not None and self.mentions_this(binding, depth + 1)
            case Node():
                return any(self.mentions_this(x, depth + 1) for x in children(ir))
        return False

    def high_level_in(self, f: FunctionFacts, call: CallFact, method: str, env: Env, name: Str) -> None:
        self.p.focus_tool = name.value
        args = list(call.args)
        rest = args[1:]
        description: IR | None = None
        schema_ir: IR | None = None
        annotations_ir: IR | None = None
        title: IR | None = None
        callback: IR | None = None
        opaque_shape = False  # a params shape whose values are not recognised as zod types
        if method in ("registerTool", "registerToolTask"):
            if len(rest) < 1:
                return
            raw_config, cenv = self.p.raw(rest[0], env)
            if isinstance(raw_config, Obj):
                config = raw_config
            else:
                cvalue = self.p.value(rest[0], env)
                if not isinstance(cvalue, ObjV):
                    self.errors.append((f.path, f"line {call.line}: tool config of {call.text}() is not known statically"))
                    config, cenv = Obj(()), EMPTY
                else:
                    config, cenv = Obj(cvalue.entries), cvalue.env
            description = self.entry(config, "description", cenv)
            schema_ir = self.entry(config, "inputSchema", cenv)
            annotations_ir = self.entry(config, "annotations", cenv)
            title = self.entry(config, "title", cenv)
            callback = rest[1] if len(rest) > 1 else None
            denv = cenv
        else:
            denv = env
            if rest and self.is_text(rest[0], env):
                description = rest.pop(0)
            if len(rest) > 1:
                first, fenv = self.p.raw(rest[0], env)
                if (isinstance(first, Obj) and self.schemas.is_raw_shape(first, fenv)) or self.is_zod_shape(first, fenv):
                    schema_ir = rest.pop(0)
                    if len(rest) > 1:
                        nxt, nenv = self.p.raw(rest[0], env)
                        if isinstance(nxt, Obj) and not self.schemas.is_raw_shape(nxt, nenv):
                            annotations_ir = rest.pop(0)
                elif (isinstance(first, Obj) or isinstance(self.p.value(rest[0], env), ObjV)) and len(rest) >= 3:
                    # (shape, annotations, cb): the SDK only accepts two objects as params + annotations,
                    # whatever builds the shape's values (a zod bundled under another name)
                    schema_ir = rest.pop(0)
                    annotations_ir = rest.pop(0)
                    opaque_shape = isinstance(first, Obj) and not self.schemas.is_raw_shape(first, fenv)
                elif isinstance(first, Obj) or isinstance(self.p.value(rest[0], env), ObjV):
                    annotations_ir = rest.pop(0)
                elif self.schemas.is_zod(first, fenv):
                    schema_ir = rest.pop(0)
            callback = rest[0] if rest else None
        desc_text, source, note = self.text(description, denv)
        decl = ToolDecl(
            name=name.value,
            description=desc_text,
            description_source=source,
            description_note=note,
            input_schema=self.schemas.input_schema(schema_ir, denv) if schema_ir is not None else None,
            title=self.optional_text(title, denv),
            annotations=self.plain_dict(annotations_ir, denv),
            path=f.path,
            line=call.line,
            style=method if method != "tool" else "tool",
        )
        if method == "tool" and schema_ir is None:
            decl.input_schema = {"type": "object", "properties": {}}
        elif opaque_shape and schema_ir is not None:
            shape, _ = self.p.raw(schema_ir, denv)
            keys = [e.key for e in shape.entries if isinstance(e, KV)] if isinstance(shape, Obj) else []
            decl.input_schema = {"type": "object", "properties": {k: {} for k in keys}}
        self.attach_handler(decl, callback, env)
        decl.env = dict(env)
        self.tools.append(decl)

    def is_text(self, ir: IR, env: Env) -> bool:
        """A string, as `McpServer.tool()` tests `typeof rest[0] === "string"`: a known string, or an
        expression that always makes one (a template literal, a concatenation with a literal string)
        even when its parts are not known statically."""
        if isinstance(self.p.value(ir, env), Str):
            return True
        raw, renv = self.p.raw(ir, env)
        if isinstance(raw, Either) and raw.test is None:  # a name given one of several texts
            return self.is_text(raw.a, renv) and self.is_text(raw.b, renv)
        return isinstance(raw, Tpl) or (isinstance(raw, Add) and any(isinstance(x, (Str, Tpl)) for x in (raw.left, raw.right)))

    def is_zod_shape(self, raw: IR, env: Env) -> bool:
        """`SomeSchema.shape` of a zod object: a raw shape (its values are zod types)."""
        return isinstance(raw, Mem) and raw.prop == "shape" and self.schemas.is_zod(*self.p.raw(raw.obj, env))

    def entry(self, obj: Obj, key: str, env: Env | None = None) -> IR | None:
        """The IR of property `key` of an object literal: the last `key: …`, or a spread after it that
        may give it (with `env`, a spread that cannot, `...(c ? {title} : {})`, is passed over)."""
        for entry in reversed(obj.entries):
            match entry:
                case KV(name, value) if name == key:
                    return value
                case Spread(inner):
                    if env is not None and not self.p.may_have(inner, env, key):
                        continue
                    return Mem(inner, key)
        return None

    def text(self, ir: IR | None, env: Env) -> tuple[str | None, str, str | None]:
        if ir is None:
            return None, "static", None
        value = self.p.value(ir, env)
        if isinstance(value, Str):
            return value.value, "static", None
        if isinstance(value, Undef):
            return None, "static", None
        return None, "dynamic", dynamic_note(value)

    def optional_text(self, ir: IR | None, env: Env) -> str | None:
        if ir is None:
            return None
        value = self.p.value(ir, env)
        return value.value if isinstance(value, Str) else None

    def plain_dict(self, ir: IR | None, env: Env) -> dict[str, Any] | None:
        if ir is None:
            return None
        value = self.p.value(ir, env)
        plain = self.schemas.plain(value, 0)
        return plain if isinstance(plain, dict) else None

    def attach_handler(self, decl: ToolDecl, callback: IR | None, env: Env) -> None:
        if callback is None:
            decl.handler_error = "no handler argument"
            return
        value = self.p.value(callback, env)
        chosen = isinstance(self.p.raw(callback, env)[0], Either)  # `hasSchema ? (i) => cb(i) : () => cb()`
        if isinstance(value, (Fn, BoundFn)) and not chosen:
            decl.handlers = [value.fid]
        elif isinstance(value, ObjV):
            handlers = []
            for entry in value.entries:
                if isinstance(entry, KV):
                    v = self.p.value(entry.value, value.env)
                    if isinstance(v, Fn):
                        handlers.append(v.fid)
            decl.handlers = handlers
            if not handlers:
                decl.handler_error = "handler object holds no function known statically"
        else:
            given = self.given_functions(callback, env)
            if given:
                decl.handlers = given
            else:
                decl.handler_error = f"handler not resolved: {describe_value(value)}"
        if THIS_KEY in env and len(decl.handlers) == 1:
            decl.handlers = self.this_forwarded(decl.handlers[0], env) or decl.handlers
        wrapped = self.wrapped_functions(callback, env, 0)
        if wrapped:
            # `withErrors(async (args) => …)`: the wrapper's result runs the function it wraps;
            # the wrapped function is what the author wrote, so it is shown as the handler
            decl.handlers = wrapped + [h for h in decl.handlers if h not in wrapped]
            if decl.handler_error and decl.handler_error.startswith("handler not resolved"):
                decl.handler_error = None

    def given_functions(self, callback: IR, env: Env) -> list[str]:
        """A handler chosen at run time (`hasSchema ? (input) => cb(input) : () => cb()`, `cb` picked from
        the arguments by their count) inside a registration helper: the functions on either side, and the
        functions the helper's callers passed in (`server.addToolWithReadAccess(name, text, shape, async
        (params) => …)`, reaching the helper as its rest parameter): what runs is one of them."""
        out: list[str] = []
        stack: list[tuple[IR, Env]] = list(env.values())
        seen = 0
        while stack and seen < 64:
            ir, ienv = stack.pop()
            seen += 1
            v = self.p.value(ir, ienv)
            if isinstance(v, Fn) and v.fid not in out:
                out.append(v.fid)
            elif isinstance(v, ArrV) and not v.alternatives:
                stack.extend(reversed(self.p.array_items(v, 0) or []))
        raw, renv = self.p.raw(callback, env)
        if isinstance(raw, Either):
            for side in (raw.a, raw.b):
                v = self.p.value(side, renv)
                if isinstance(v, (Fn, BoundFn)) and v.fid not in out:
                    out.append(v.fid)
        return out

    def this_forwarded(self, fid: str, env: Env) -> list[str]:
        """The methods of the bound instance a handler only forwards to (`(args) => this.run(args)` in a
        base class: the subclass's own `run`, not every override), else nothing."""
        f = self.p.functions.get(fid)
        if f is None or not f.calls or f.anon_children or f.branches:
            return []
        out: list[str] = []
        for c in f.calls:
            if not (isinstance(c.callee, Mem) and isinstance(c.callee.obj, This)):
                return []
            target = self.p.value(c.callee, env)
            if not isinstance(target, Fn):
                return []
            out.append(target.fid)
        return out

    def wrapped_functions(self, ir: IR, env: Env, depth: int) -> list[str]:
        """Functions passed to the higher-order call that produced a handler (nested wrappers too)."""
        raw, renv = self.p.raw(ir, env)
        if depth > 4 or not isinstance(raw, Call):
            return []
        out: list[str] = []
        for arg in raw.args:
            # a wrapper of a wrapper (`wrapHandler("x", withMonitoring(async () => …))`): the innermost
            # functions, else the function the inner call returns (`wrap(makeHandler(cfg))`)
            inner = self.wrapped_functions(arg, renv, depth + 1)
            if inner:
                out.extend(inner)
                continue
            value = self.p.value(arg, renv)
            if isinstance(value, (Fn, BoundFn)):
                out.append(value.fid)
        return out

    # -- fastmcp (TypeScript framework): server.addTool({name, description, parameters, execute}) ---
    def fastmcp(self, f: FunctionFacts, call: CallFact, method: str) -> None:
        assert isinstance(call.callee, Mem)
        receiver = self.p.value(call.callee.obj, EMPTY)
        if isinstance(receiver, Ext) and receiver.module != "fastmcp":
            return
        items: list[tuple[IR, Env]] = []
        # inside a helper (`const addTool = (tool) => { …; server.addTool(tool) }`): once per call site
        envs: list[Env] = self.envs(f.fid) if isinstance(self.p.value(call.args[0], EMPTY), Param) else []
        for env in envs or [EMPTY]:
            if method == "addTool":
                items.append((call.args[0], env))
            else:
                arr = self.p.value(call.args[0], env)
                if isinstance(arr, ArrV):
                    items.extend(self.p.array_items(arr, 0) or [])
        seen: set[str] = set()
        unknown = 0
        opaque: list[str] = []
        for item, item_env in items:
            obj = self.p.value(item, item_env)
            if not isinstance(obj, ObjV):
                opaque.append(f"{describe_value(obj)}{self.written_at(item, item_env)}")
                continue
            raw_obj = Obj(obj.entries)
            execute = self.entry(raw_obj, "execute")
            name = self.p.member(obj, "name", 0)
            if execute is None:
                continue
            if not isinstance(name, Str):
                unknown += 1
                continue
            if name.value in seen:
                continue
            seen.add(name.value)
            self.p.focus_tool = name.value
            desc_text, source, note = self.text(self.entry(raw_obj, "description", obj.env), obj.env)
            params = self.entry(raw_obj, "parameters", obj.env)
            decl = ToolDecl(
                name=name.value,
                description=desc_text,
                description_source=source,
                description_note=note,
                input_schema=(self.schemas.input_schema(params, obj.env) if params is not None
                              else {"type": "object", "properties": {}}),
                title=None,
                annotations=self.plain_dict(self.entry(raw_obj, "annotations", obj.env), obj.env),
                path=name.path if name.path is not None else f.path,
                line=name.line if name.line is not None else call.line,
                style="fastmcp",
            )
            self.attach_handler(decl, execute, obj.env)
            decl.env = dict(obj.env)
            self.tools.append(decl)
        if unknown and (not seen or not envs):
            # under some caller bindings a name may stay unknown (a loop variable of another loop);
            # that is only a gap when no binding of this call gave a name
            self.errors.append((f.path, f"line {call.line}: {call.text}() adds a tool whose name is not known statically"))
        if opaque and isinstance(receiver, Ext) and (not seen or not envs):  # a FastMCP server, surely
            self.errors.append((f.path, f"line {call.line}: {call.text}() adds a tool that is not known statically "
                                        f"({'; '.join(sorted(set(opaque))[:3])}): it is not reported"))

    # -- @supabase/mcp-utils: createMcpServer({tools: async (ctx) => ({name: tool({…}), …})}) -----------
    def framework_server(self, callee: Id) -> bool:
        """Whether a called name is a framework's server taking a tools object (`FRAMEWORK_SERVERS`)."""
        return self.framework_module(callee) is not None

    def framework_module(self, callee: Id) -> str | None:
        """The framework module whose server a called name is (`FRAMEWORK_SERVERS`), or None."""
        binding = self.p.lookup(callee.scope, callee.name)
        match binding:
            case Imp(spec, name) | Mem(Req(spec), name) if FRAMEWORK_SERVERS.get(spec) == name:
                return spec
        return None

    def mcp_utils(self, f: FunctionFacts, call: CallFact) -> None:
        """The tools of an @supabase/mcp-utils server: the object `tools` is (or returns), each key a
        tool's name, each value `{description, parameters (zod), annotations, execute}`; the library
        lists them with `toJSONSchema(parameters)` and calls `execute`."""
        listed: list[tuple[str, IR, Env]] = []
        last: Value = Unk("no tools option")
        for env in [EMPTY, *(self.envs(f.fid) if f.params or f.parent is not None else [])]:
            options = self.p.value(call.args[0], env)
            value: Value = self.p.member(options, "tools", 0) if isinstance(options, ObjV) else options
            if isinstance(value, Fn):
                fn = self.p.functions.get(value.fid)
                inner: Env = {**env, **value.env} if value.env else env
                results = [self.p.value(r, inner) for r in (fn.returns if fn is not None else [])]
                value = next((r for r in results if isinstance(r, ObjV)), results[0] if results else Unk("no return"))
            if not isinstance(value, ObjV):
                last = value
                continue
            entries: dict[str, tuple[IR, Env]] = {}
            self.object_entries(value, entries, f, call, 0)
            listed.extend((key, ir, ienv) for key, (ir, ienv) in entries.items())
            if not env:
                break
        if not listed:
            self.errors.append((f.path, f"line {call.line}: the tools of {call.text}() are not "
                                        f"known statically ({describe_value(last)})"))
            return
        seen: set[str] = set()
        module = self.framework_module(call.callee) if isinstance(call.callee, Id) else None
        for name, item, item_env in listed:
            if name in seen:
                continue
            seen.add(name)
            obj = self.p.value(item, item_env)
            built = builder_definition(self.p, module, item, item_env) if isinstance(obj, Ext) and module else None
            if built is not None:  # `tool().description(d).input(schema).handler(fn)`
                obj = built
            if not isinstance(obj, ObjV):
                self.errors.append((f.path, f"line {call.line}: tool {name!r} of {call.text}() is not known statically "
                                            f"({describe_value(obj)}{self.written_at(item, item_env)}): it is not reported"))
                continue
            self.p.focus_tool = name
            raw_obj = Obj(obj.entries)
            desc_ir = self.entry(raw_obj, "description", obj.env)
            desc_text, source, note = self.text(desc_ir, obj.env)
            written = self.p.value(desc_ir, obj.env) if desc_ir is not None else None
            path, line = f.path, call.line
            if isinstance(written, Str) and written.path is not None and written.line is not None:
                path, line = written.path, written.line
            params = self.entry(raw_obj, "parameters", obj.env)
            if params is None:  # Mastra's createTool({id, description, inputSchema, execute})
                params = self.entry(raw_obj, "inputSchema", obj.env)
            execute = self.entry(raw_obj, "execute") if built is None else self.entry(raw_obj, "handler")
            decl = ToolDecl(
                name=name,
                description=desc_text,
                description_source=source,
                description_note=note,
                input_schema=self.schemas.input_schema(params, obj.env) if params is not None else None,
                title=None,
                annotations=self.plain_dict(self.entry(raw_obj, "annotations", obj.env), obj.env),
                path=path,
                line=line,
                style="mcp-utils",
            )
            if built is not None and params is None:  # a chain without `.input(…)`: no parameters
                decl.input_schema = {"type": "object", "properties": {}}
            self.attach_handler(decl, execute, obj.env)
            decl.env = dict(obj.env)
            self.tools.append(decl)

    def object_entries(self, obj: ObjV, out: dict[str, tuple[IR, Env]], f: FunctionFacts, call: CallFact,
                       depth: int) -> None:
        """The entries of an object of tools, spreads listed in place (a later key replacing an
        earlier one); a spread that is not known statically is an errors[] entry, not a silent gap."""
        for entry in obj.entries:
            match entry:
                case KV(key, value_ir):
                    out.pop(key, None)
                    out[key] = (value_ir, obj.env)
                case Spread(inner_ir):
                    inner = self.p.value(inner_ir, obj.env)
                    if isinstance(inner, ModRef):
                        inner = self.p.namespace_object(inner.path)
                    if isinstance(inner, ObjV) and depth < 8:
                        self.object_entries(inner, out, f, call, depth + 1)
                    else:
                        self.errors.append((f.path, f"line {call.line}: tools spread into the tools of {call.text}() are "
                                                    f"not known statically ({describe_value(inner)}"
                                                    f"{self.written_at(inner_ir, obj.env)}): they are not reported"))

    # -- low-level Server -----------------------------------------------------------------------
    def low_level_list(self, f: FunctionFacts, call: CallFact) -> None:
        if self.request_schema(call.args[0]) != "ListToolsRequestSchema":
            return
        fns = self.handler_functions(call.args[1])
        if not fns:
            self.errors.append((f.path, f"line {call.line}: ListTools handler not resolved "
                                        f"({describe_value(self.p.value(call.args[1], EMPTY))})"))
            return
        # the handler's result under the registration's own bindings first, then under those of each
        # call site of the function registering it (`setupRequestHandlers(server, TOOLS)`)
        listed: list[tuple[IR, Env]] = []
        last: Value = Unk("no return")
        self.unknown_parts = []
        for env in [EMPTY, *(self.envs(f.fid) if f.params or f.parent is not None else [])]:
            items, last = self.listed_tools(fns, env, last)
            if items is not None:
                listed.extend(items)
                if not env:
                    break
        for part in dict.fromkeys(self.unknown_parts):
            self.errors.append((f.path, f"line {call.line}: some tools listed by the ListTools handler are not known "
                                        f"statically ({part}): they are not reported"))
        if not listed and (not isinstance(last, ArrV) or self.p.array_items(last, 0) is None):
            self.errors.append(
                (f.path, f"line {call.line}: tools listed by the ListTools handler are not known statically "
                         f"({describe_value(last)})")
            )
            return
        self.add_listed(listed, f.path, call.line, self.call_handler(f.path))

    def add_listed(self, listed: list[tuple[IR, Env]], path: str, line: int, dispatcher: list[str],
                   what: str = "the ListTools handler") -> None:
        """A tool per element of a tools/list answer's `tools` array (name, description, inputSchema…),
        its handler the functions of the CallTool handler (dispatching by name)."""
        seen: set[str] = set()
        for item, item_env in listed:
            obj = self.p.value(item, item_env)
            if not isinstance(obj, ObjV):
                where = self.written_at(item, item_env)
                self.errors.append((path, f"line {line}: a tool listed by {what} is not known "
                                      f"statically ({describe_value(obj)}{where}): it is not reported"))
                continue
            name = self.p.member(obj, "name", 0)
            if not isinstance(name, Str):
                where = self.written_at(item, item_env)
                self.errors.append((path, f"line {line}: a tool listed by {what} has a name not "
                                      f"known statically ({describe_value(name)}{where}): it is not reported"))
                continue
            if name.value in seen:
                continue
            seen.add(name.value)
            raw_obj = Obj(obj.entries)
            self.p.focus_tool = name.value
            desc_text, source, note = self.text(self.entry(raw_obj, "description", obj.env), obj.env)
            schema_ir = self.entry(raw_obj, "inputSchema", obj.env)
            at_path, at_line = path, line
            if name.path is not None and name.line is not None:
                at_path, at_line = name.path, name.line
            decl = ToolDecl(
                name=name.value,
                description=desc_text,
                description_source=source,
                description_note=note,
                input_schema=self.schemas.input_schema(schema_ir, obj.env) if schema_ir is not None else None,
                title=self.optional_text(self.entry(raw_obj, "title", obj.env), obj.env),
                annotations=self.plain_dict(self.entry(raw_obj, "annotations", obj.env), obj.env),
                path=at_path,
                line=at_line,
                style="setRequestHandler",
            )
            if not dispatcher:
                decl.handler_error = "no CallToolRequestSchema handler found"
            else:
                decl.handlers = list(dispatcher)
            self.tools.append(decl)

    def listed_tools(self, fns: list[tuple[str, Env]], env: Env,
                     last: Value) -> tuple[list[tuple[IR, Env]] | None, Value]:
        """The elements of the `tools` arrays that the first of the handler functions returning a known
        one returns under `env`, those of each of its returns in turn (`if (teamMode) return {tools:
        defs.filter(…)}; return {tools: defs}`: a tool any of them lists; None when none returns a known
        array), and the last value seen (for the error message)."""
        for fid, closure in fns:
            hf = self.p.functions.get(fid)
            if hf is None:
                continue
            inner: Env = {**env, **closure} if closure else env
            found: list[tuple[IR, Env]] | None = None
            known_last: Value = last
            for ret in hf.returns:
                result = self.p.value(ret, inner)
                if not isinstance(result, ObjV):
                    last = result if isinstance(last, Unk) else last
                    continue
                value = self.p.member(result, "tools", 0)
                if isinstance(value, ArrV):
                    items = self.p.array_items(value, 0)
                    if items is None:
                        known, unknown = self.partial_items(value, 0)
                        if known:
                            self.unknown_parts.extend(unknown)
                            items = known
                    if items is not None:
                        found = [*(found or []), *items]
                        known_last = value
                        continue
                last = value
            if found is not None:
                return found, known_last
        return None, last

    def partial_items(self, arr: ArrV, depth: int) -> tuple[list[tuple[IR, Env]], list[str]]:
        """The elements of an array some of whose spread parts are not known (`tools.push(...this.extra())`):
        the known ones, and a description of each part left out."""
        known: list[tuple[IR, Env]] = []
        unknown: list[str] = []
        for item in arr.items:
            match item:
                case Spread(spread):
                    inner = self.p.value(spread, arr.env)
                    if isinstance(inner, ArrV) and depth < 8:
                        sub = self.p.array_items(inner, 0)
                        if sub is None:
                            more, missing = self.partial_items(inner, depth + 1)
                            known.extend(more)
                            unknown.extend(missing)
                        else:
                            known.extend(sub)
                    else:
                        unknown.append(describe_value(inner) + self.written_at(spread, arr.env))
                case BoundIR(inner_ir, inner_env):
                    known.append((inner_ir, inner_env))
                case _:
                    known.append((item, arr.env))
        return known, unknown

    def written_at(self, item: IR, env: Env) -> str:
        """`, written at path:line` for an array element whose definition can be located."""
        raw, _ = self.p.raw(item, env)
        match raw:
            case Call(_, _, fid, n):
                f = self.p.functions.get(fid)
                if f is not None and n < len(f.calls):
                    return f", written at {f.path}:{f.calls[n].line}"
            case Str(_, path, line) if path is not None:
                return f", written at {path}:{line}"
        return ""

    def handler_functions(self, ir: IR) -> list[tuple[str, Env]]:
        """The functions a request handler argument runs, with the bindings they close over: the
        functions given to the wrappers that built it (`wrapHandler("ListTools", withMonitoring(async
        () => ({tools}))))`, what the author wrote) first, then the function the argument evaluates to."""
        out: list[tuple[str, Env]] = [(fid, EMPTY) for fid in self.wrapped_functions(ir, EMPTY, 0)]
        value = self.p.value(ir, EMPTY)
        if isinstance(value, (Fn, BoundFn)) and all(fid != value.fid for fid, _ in out):
            out.append((value.fid, value.env if isinstance(value, Fn) and value.env else EMPTY))
        return out

    def request_schema(self, ir: IR) -> str:
        """The SDK request schema a `setRequestHandler` argument names: what it evaluates to, else the
        name it is read through when the SDK is bundled into the package (`var ListToolsRequestSchema =
        PaginatedRequestSchema.extend(…)` in the same file: a value of the package's own code)."""
        value = self.p.value(ir, EMPTY)
        if isinstance(value, Str):  # `setRequestHandler("tools/list", …)`: the method's name itself (the SDK
            return METHOD_SCHEMAS.get(value.value, value.value)  # throws at start; other servers take it)
        name = describe_value(value).rsplit(".", 1)[-1]
        if name.endswith("RequestSchema"):
            return name
        match ir:
            case Id(written, _) | Mem(_, written) if written.endswith("RequestSchema"):
                return written
        method = self.schema_method(ir)
        return METHOD_SCHEMAS.get(method, name) if method is not None else name

    def schema_method(self, ir: IR) -> str | None:
        """The JSON-RPC method a request schema defined in the package's own code answers, read from its
        definition: `Base.extend({method: z.literal("tools/list")})` or `z.object({method: …})`, as a
        bundle holding the SDK under minified names defines `ListToolsRequestSchema` (`mA=Ag.extend(
        {method:ye("tools/list")})`)."""
        raw, env = self.p.raw(ir, EMPTY)
        if not isinstance(raw, Call):
            return None
        for arg in raw.args:
            shape, senv = self.p.raw(arg, env)
            if not isinstance(shape, Obj):
                continue
            method_ir = self.entry(shape, "method")
            if method_ir is None:
                continue
            literal, lenv = self.p.raw(method_ir, senv)
            if isinstance(literal, Call) and len(literal.args) == 1:
                literal, lenv = self.p.raw(literal.args[0], lenv)
            text = self.p.value(literal, lenv)
            return text.value if isinstance(text, Str) else None
        return None

    def call_handlers(self) -> list[tuple[str, list[str]]]:
        """Every CallTool handler: the file registering it and its functions (the wrapped function first)."""
        found: list[tuple[str, list[str]]] = []
        for fid in sorted(self.p.functions):
            f = self.p.functions[fid]
            for call in f.calls:
                if (isinstance(call.callee, Mem) and call.callee.prop == "setRequestHandler" and len(call.args) >= 2
                        and self.request_schema(call.args[0]) == "CallToolRequestSchema"):
                    fns = [fid for fid, _ in self.handler_functions(call.args[1])]
                    if fns:
                        found.append((f.path, fns))
        return found

    def call_handler(self, prefer_path: str) -> list[str]:
        """The functions of the CallTool handler, preferring a handler registered in `prefer_path`."""
        found = sorted(((path != prefer_path, fns[0], fns) for path, fns in self.call_handlers()), key=lambda x: x[:2])
        return found[0][2] if found else []

    def dispatch_target(self, fid: str, name: str) -> str:
        """The branch of the CallTool handler for `name` when it has exactly one, else the handler."""
        targets = [dst for _, dst, d in self.cg.graph.out_edges(fid) if d.get("key") == name]
        return targets[0] if len(targets) == 1 else fid


def dynamic_note(value: Value) -> str:
    """Where a description that is only known at run time comes from."""
    what = describe_value(value)
    match value:
        case Ext(module, names):
            kinds = {k.value for k in lookup_module(module, names)}
            if "fs_read" in kinds:
                return f"description read from a file at run time ({what})"
            if "network" in kinds:
                return f"description fetched over the network at run time ({what})"
            return f"description computed at run time by {what}"
        case Global(dotted) if dotted.startswith("process.env"):
            return f"description taken from the environment at run time ({what})"
        case Global(dotted) if dotted.split(".", 1)[0] in ("fetch",):
            return f"description fetched over the network at run time ({what})"
        case Param():
            return "description passed in as a parameter whose value is not known statically"
    return f"description not known statically ({what})"


def find_tools(program: Program, graph: CallGraph) -> ToolScan:
    return ToolFinder(program, graph).scan()
