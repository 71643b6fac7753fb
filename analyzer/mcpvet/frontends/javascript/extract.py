"""One pass over a tree-sitter syntax tree: functions, bindings, calls, exports, classes.

Runs inside a parser worker (see `frontend.py`); returns a `ModuleFacts` of plain data.
Qualified names: `<path>:<name>` where name is `fn`, `Class.method`, `outer.inner`,
`outer.<anonymous@LINE>` for unnamed functions, `<module>` for top-level code and
`fn#case:"key"@LINE` for the branch of a switch/if dispatch on a string literal.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from tree_sitter import Node

from mcpvet.frontends.javascript.checks import BlockChecks, always_throws, extension_call
from mcpvet.frontends.javascript.envreads import env_shape
from mcpvet.frontends.javascript.facts import IR, CallFact, ClassFacts, FunctionFacts, ModuleFacts
from mcpvet.frontends.javascript.ir import (
    KV,
    Add,
    Arr,
    Bool,
    Call,
    ClassRef,
    Cmp,
    Either,
    Fn,
    Fold,
    Id,
    Idx,
    Imp,
    LoopMap,
    Mem,
    New,
    Not,
    Null,
    Num,
    Obj,
    Or,
    Param,
    Req,
    Ret,
    Rx,
    Sites,
    Spread,
    Str,
    This,
    Tpl,
    TypeOf,
    Undef,
    Unk,
    children,
)
from mcpvet.frontends.javascript.ir import Node as IRNode
from mcpvet.frontends.javascript.recover import parse_recovering
from mcpvet.frontends.javascript.strings import decode_escape, join_units, node_text, string_value, text_units
from mcpvet.textlines import editor_bytes

MAX_DEPTH = 400

_FUNCTION_TYPES = {
    "function_declaration",
    "generator_function_declaration",
    "function_expression",
    "function",
    "generator_function",
    "arrow_function",
}
_CLASS_TYPES = {"class_declaration", "class", "abstract_class_declaration"}
_TRANSPARENT = {
    "parenthesized_expression",
    "as_expression",
    "non_null_expression",
    "satisfies_expression",
    "type_assertion",
    "await_expression",
}
_SKIP = {
    "comment",
    "type_annotation",
    "type_alias_declaration",
    "interface_declaration",
    "type_arguments",
    "type_parameters",
    "ambient_declaration",
    "hash_bang_line",
}


class Extractor:
    def __init__(self, path: str, language: str, lines: int) -> None:
        self.declared_fields: set[tuple[str, str]] = set()  # (class, field) known only by its declared type
        # (class, field) -> the function that set it to an empty literal (`this.allTools = []`), which a later
        # assignment in that same function replaces (`this.allTools = filterTools(…)` below it)
        self.placeholder_fields: dict[tuple[str, str], str] = {}
        self.path = path
        self.mod = ModuleFacts(path=path, language=language, lines=lines, module_fid=f"{path}:<module>")
        top = FunctionFacts(
            fid=self.mod.module_fid, name="<module>", path=path, line=1, end_line=lines, parent=None, kind="module"
        )
        self.mod.functions[top.fid] = top
        self.depth = 0
        # enclosing `for (const x of ITEMS)` loops: (loop key, ITEMS IR)
        self.loop_stack: list[tuple[str, IR]] = []
        # (scope fid, name) of an array literal binding -> loop depth where it was declared
        self.array_depth: dict[tuple[str, str], int] = {}
        # the dispatch on a tool name that the statement just visited made (see `statements`)
        self.dispatched: _Dispatched | None = None
        self.regexes: dict[str, tuple[str, str]] = {}  # names bound to a regex literal: (pattern, flags)
        self.block_checks = BlockChecks(self.regexes)
        self.in_for_header = 0  # inside `for (…)`: its comparisons bound the loop, not a value
        # the IR of each `return` statement's value and each `if` condition, by node id (guarded results)
        self.return_irs: dict[int, IR] = {}
        # (scope, name) of a `let` given its value by an assignment: a later assignment makes it either value
        self.reassigned: set[tuple[str, str]] = set()
        # (scope, name) -> (its value before the first reassignment read in order, how many were read): past
        # MAX_STEPS the variable keeps that first value (each step under an `if` holds the one before it
        # up to three times: `p = p.startsWith(x) ? … : p` chained grows the value exponentially)
        self.stepped: dict[tuple[str, str], tuple[IR, int]] = {}
        self.cond_irs: dict[int, IR] = {}
        # (class, field) -> entries its methods add (`this.tools.set(def.name, entry)`), merged when the class ends
        self.field_adds: dict[tuple[str, str], list[tuple[str, IR]]] = {}

    # -- helpers -------------------------------------------------------------------------
    def fn(self, fid: str) -> FunctionFacts:
        return self.mod.functions[fid]

    def new_function(
        self, node: Node, parent: str, name: str | None, kind: str = "function", cls: str | None = None
    ) -> FunctionFacts:
        line = node.start_point[0] + 1
        parent_facts = self.fn(parent)
        prefix = "" if parent_facts.kind == "module" else parent_facts.name + "."
        if cls is not None:
            prefix = ""
        base = prefix + (name if name else f"<anonymous@{line}>")
        fid = f"{self.path}:{base}"
        if fid in self.mod.functions:
            fid = f"{self.path}:{base}@{line}:{node.start_point[1] + 1}"
            base = fid.split(":", 1)[1] if fid.count(":") == 2 else base
        facts = FunctionFacts(
            fid=fid,
            name=fid[len(self.path) + 1 :],
            path=self.path,
            line=line,
            end_line=node.end_point[0] + 1,
            parent=parent,
            kind=kind,
            cls=cls,
            column=node.start_point[1] + 1,
            end_column=node.end_point[1] + 1,
        )
        self.mod.functions[fid] = facts
        return facts

    def lookup_local(self, fid: str | None, name: str) -> tuple[FunctionFacts, IR] | None:
        while fid is not None:
            f = self.fn(fid)
            if name in f.bindings:
                return f, f.bindings[name]
            fid = f.parent
        return None

    def enclosing_class(self, fid: str | None) -> str | None:
        while fid is not None:
            f = self.fn(fid)
            if f.kind == "method" and f.cls:
                return f.cls
            if f.kind == "function" and f.cls is None and not f.name.split(".")[-1].startswith("<anonymous"):
                # a regular named function has its own `this`
                return None
            fid = f.parent
        return None

    # -- entry -----------------------------------------------------------------------------
    def run(self, root: Node) -> ModuleFacts:
        self.visit_children(root, self.mod.module_fid)
        return self.mod

    def visit_children(self, node: Node, fid: str) -> None:
        for child in node.named_children:
            self.visit(child, fid)

    def visit(self, node: Node, fid: str) -> IR:
        self.mod.nodes += 1
        t = node.type
        if t in _SKIP:
            return Unk(t)
        if node.is_error or t == "ERROR":
            self.mod.syntax_error_lines.append(node.start_point[0] + 1)
            self.visit_children(node, fid)
            return Unk("error")
        if self.depth > MAX_DEPTH:
            self.mod.truncated = True
            return Unk("depth")
        self.depth += 1
        try:
            handler = getattr(self, "v_" + t, None)
            if handler is not None:
                return handler(node, fid)
            self.visit_children(node, fid)
            return Unk(t)
        finally:
            self.depth -= 1

    # -- statements ----------------------------------------------------------------------------
    def v_expression_statement(self, node: Node, fid: str) -> IR:
        self.visit_children(node, fid)
        return Unk("stmt")

    def v_lexical_declaration(self, node: Node, fid: str) -> IR:
        for child in node.named_children:
            if child.type == "variable_declarator":
                self.declarator(child, fid)
            else:
                self.visit(child, fid)
        return Unk("decl")

    v_variable_declaration = v_lexical_declaration

    def declarator(self, node: Node, fid: str) -> None:
        name = node.child_by_field_name("name")
        value = node.child_by_field_name("value")
        if name is None:
            return
        if value is None:
            if name.type == "identifier":
                self.fn(fid).bindings.setdefault(node_text(name), Undef())
            return
        hint = node_text(name) if name.type == "identifier" else None
        if hint is not None and value.type == "regex":
            pattern, flags = value.child_by_field_name("pattern"), value.child_by_field_name("flags")
            self.regexes[hint] = (node_text(pattern) if pattern is not None else "", node_text(flags) if flags else "")
        ir = self.expr_named(value, fid, hint)
        match ir:
            case New(Id("Map" | "Set" as made), ()) if hint is not None:
                ir = Arr((), made)  # filled by later `.set(k, v)` / `.add(v)` calls
            case New(Id("Map" | "Set" as made), (Arr(items, ""),)) if hint is not None:
                ir = Arr(items, made)  # `new Set(["a", "b"])`: its elements (and any added later)
        self.bind_pattern(name, ir, fid)
        if hint is not None and isinstance(ir, Arr):
            self.array_depth[(fid, hint)] = len(self.loop_stack)

    def bind_pattern(self, pattern: Node, ir: IR, fid: str) -> None:
        t = pattern.type
        bindings = self.fn(fid).bindings
        if t in ("identifier", "shorthand_property_identifier_pattern"):
            bindings[node_text(pattern)] = ir
        elif t == "object_pattern":
            for child in pattern.named_children:
                ct = child.type
                if ct == "shorthand_property_identifier_pattern":
                    bindings[node_text(child)] = Mem(ir, node_text(child))
                elif ct == "pair_pattern":
                    key = child.child_by_field_name("key")
                    val = child.child_by_field_name("value")
                    if key is not None and val is not None:
                        self.bind_pattern(val, Mem(ir, self.prop_name(key, fid)), fid)
                elif ct == "object_assignment_pattern":
                    # `{ token, client = makeClient({ token }) }`: the property, or its default when the
                    # caller leaves it out (`Or`: a left side that is undefined takes the right)
                    left = child.child_by_field_name("left")
                    right = child.child_by_field_name("right")
                    if left is not None:
                        read: IR = Mem(ir, node_text(left))
                        if right is not None:
                            read = Or(read, self.visit(right, fid))
                        self.bind_pattern(left, read, fid)
                elif ct == "rest_pattern":
                    for sub in child.named_children:
                        self.bind_pattern(sub, ir, fid)
        elif t == "array_pattern":
            for i, child in enumerate(pattern.named_children):
                self.bind_pattern(child, Idx(ir, Num(i)), fid)
        elif t == "assignment_pattern":
            left = pattern.child_by_field_name("left")
            right = pattern.child_by_field_name("right")
            if left is not None:
                default = self.visit(right, fid) if right is not None else Undef()
                self.bind_pattern(left, Or(ir, default), fid)
        elif t == "rest_pattern":
            for sub in pattern.named_children:
                self.bind_pattern(sub, ir, fid)

    def prop_name(self, key: Node, fid: str) -> str:
        if key.type == "string":
            return string_value(key)
        if key.type == "computed_property_name":
            inner = key.named_children[0] if key.named_children else None
            if inner is not None and inner.type == "string":
                return string_value(inner)
            if inner is not None:
                self.visit(inner, fid)
            return "[" + node_text(key)[1:-1] + "]"
        return node_text(key)

    def v_function_declaration(self, node: Node, fid: str) -> IR:
        name_node = node.child_by_field_name("name")
        name = node_text(name_node) if name_node is not None else None
        ir = self.function(node, fid, name)
        if name:
            self.fn(fid).bindings[name] = ir
        return ir

    v_generator_function_declaration = v_function_declaration

    def v_class_declaration(self, node: Node, fid: str) -> IR:
        name_node = node.child_by_field_name("name")
        name = node_text(name_node) if name_node is not None else None
        ir = self.klass(node, fid, name)
        if name:
            self.fn(fid).bindings[name] = ir
        return ir

    v_abstract_class_declaration = v_class_declaration

    def v_enum_declaration(self, node: Node, fid: str) -> IR:
        """TypeScript `enum E { A = "a", B }` as an object of its members (numeric ones counted)."""
        name_node = node.child_by_field_name("name")
        body = node.child_by_field_name("body")
        entries: list[KV | Spread] = []
        counter = 0
        for member in body.named_children if body is not None else []:
            if member.type == "enum_assignment":
                key = member.child_by_field_name("name")
                value = member.child_by_field_name("value")
                ir = self.visit(value, fid) if value is not None else Unk("?")
                if isinstance(ir, Num) and isinstance(ir.value, int):
                    counter = ir.value + 1
                if key is not None:
                    entries.append(KV(self.prop_name(key, fid), ir))
            elif member.type in ("property_identifier", "string"):
                entries.append(KV(self.prop_name(member, fid), Num(counter)))
                counter += 1
        ir = Obj(tuple(entries))
        if name_node is not None:
            self.fn(fid).bindings[node_text(name_node)] = ir
        return ir

    def compiled_enum(self, node: Node, fid: str) -> bool:
        """tsc's enum output: `(function (E) { E["A"] = "a"; E[E["B"] = 0] = "B"; })(E || (E = {}))`."""
        func = node.child_by_field_name("function")
        args = node.child_by_field_name("arguments")
        while func is not None and func.type == "parenthesized_expression" and func.named_children:
            func = func.named_children[0]
        if func is None or func.type != "function_expression" or args is None or len(args.named_children) != 1:
            return False
        arg = args.named_children[0]
        if arg.type != "binary_expression" or arg.child_by_field_name("left") is None:
            return False
        target = arg.child_by_field_name("left")
        params = func.child_by_field_name("parameters")
        body = func.child_by_field_name("body")
        if target is None or target.type != "identifier" or params is None or body is None:
            return False
        pnames = [c for c in params.named_children if c.type == "identifier"]
        if len(pnames) != 1:
            return False
        param = node_text(pnames[0])
        entries: list[KV | Spread] = []
        for stmt in body.named_children:
            expr = stmt.named_children[0] if stmt.type == "expression_statement" and stmt.named_children else None
            if expr is None or expr.type != "assignment_expression":
                return False
            left = expr.child_by_field_name("left")
            right = expr.child_by_field_name("right")
            if left is None or right is None or left.type != "subscript_expression":
                return False
            obj = left.child_by_field_name("object")
            index = left.child_by_field_name("index")
            if obj is None or node_text(obj) != param or index is None:
                return False
            if index.type == "string":
                entries.append(KV(string_value(index), self.visit(right, fid)))
            elif index.type == "assignment_expression":  # numeric member: E[E["B"] = 0] = "B"
                inner_left = index.child_by_field_name("left")
                inner_right = index.child_by_field_name("right")
                inner_index = inner_left.child_by_field_name("index") if inner_left is not None else None
                if inner_index is None or inner_index.type != "string" or inner_right is None:
                    return False
                entries.append(KV(string_value(inner_index), self.visit(inner_right, fid)))
            else:
                return False
        name = node_text(target)
        found = self.lookup_local(fid, name)
        scope = found[0] if found is not None else self.fn(fid)
        scope.bindings[name] = Obj(tuple(entries))
        return True

    def v_return_statement(self, node: Node, fid: str) -> IR:
        for child in node.named_children:
            ir = self.visit(child, fid)
            self.nearest_function(fid).returns.append(ir)
            if child.type != "comment":
                self.fn(fid).shapes.append(("return", node.start_point[0] + 1, ir))
                self.return_irs[node.id] = ir
        return Unk("return")

    def guarded_result(self, stmts: list[Node], depth: int = 0) -> IR | None:
        """What a block that always returns gives, its `if` conditions kept: `if (C) return A; …;
        return B` is Either(A, B, test=C). Only declarations (bindings already), comments, ifs and a
        last return; None for any other statement (the plain union of returns stands)."""
        if depth > 8:
            return None
        result: IR | None = None
        for stmt in reversed(stmts):
            t = stmt.type
            if t in ("comment", "lexical_declaration", "variable_declaration", "empty_statement"):
                continue
            if t == "return_statement":
                result = self.return_irs.get(stmt.id, Undef())
                continue
            if t == "throw_statement":
                result = Unk("throws")
                continue
            if t == "statement_block":
                result = self.guarded_result(stmt.named_children, depth + 1)
                if result is None:
                    return None
                continue
            if t != "if_statement":
                return None
            cond = stmt.child_by_field_name("condition")
            cons = stmt.child_by_field_name("consequence")
            alt = stmt.child_by_field_name("alternative")
            test = self.cond_irs.get(cond.id) if cond is not None else None
            if test is None or cons is None or (result is None and alt is None):
                return None
            then = self.guarded_result([cons], depth + 1)
            if then is None:
                return None
            otherwise: IR | None = result
            if alt is not None:
                otherwise = self.guarded_result(list(alt.named_children), depth + 1)
            if otherwise is None:
                return None
            result = Either(then, otherwise, test)
        return result

    def nearest_function(self, fid: str) -> FunctionFacts:
        f = self.fn(fid)
        while f.kind == "branch" and f.parent is not None:
            f = self.fn(f.parent)
        return f

    def v_import_statement(self, node: Node, fid: str) -> IR:
        source = node.child_by_field_name("source")
        if source is None:
            return Unk("import")
        spec = string_value(source)
        bindings = self.fn(fid).bindings
        for clause in node.named_children:
            if clause.type != "import_clause":
                continue
            for part in clause.named_children:
                if part.type == "identifier":
                    bindings[node_text(part)] = Imp(spec, "default", self.path)
                elif part.type == "namespace_import":
                    for ident in part.named_children:
                        if ident.type == "identifier":
                            bindings[node_text(ident)] = Imp(spec, "*", self.path)
                elif part.type == "named_imports":
                    for spec_node in part.named_children:
                        if spec_node.type != "import_specifier":
                            continue
                        name = spec_node.child_by_field_name("name")
                        alias = spec_node.child_by_field_name("alias")
                        if name is None:
                            continue
                        imported = string_value(name) if name.type == "string" else node_text(name)
                        local = node_text(alias) if alias is not None else imported
                        bindings[local] = Imp(spec, imported, self.path)
        return Unk("import")

    def v_export_statement(self, node: Node, fid: str) -> IR:
        mod = self.mod
        source = node.child_by_field_name("source")
        spec = string_value(source) if source is not None else None
        declaration = node.child_by_field_name("declaration")
        value = node.child_by_field_name("value")
        is_default = any(c.type == "default" for c in node.children)
        if declaration is not None:
            ir = self.visit(declaration, fid)
            if is_default:
                mod.esm_exports["default"] = ir
            for name in _declared_names(declaration):
                mod.esm_exports[name] = Id(name, fid)
            return Unk("export")
        if value is not None:
            mod.esm_exports["default"] = self.expr_named(value, fid, "default")
            return Unk("export")
        clause = next((c for c in node.named_children if c.type == "export_clause"), None)
        if clause is not None:
            for spec_node in clause.named_children:
                if spec_node.type != "export_specifier":
                    continue
                name_node = spec_node.child_by_field_name("name")
                alias = spec_node.child_by_field_name("alias")
                if name_node is None:
                    continue
                local = string_value(name_node) if name_node.type == "string" else node_text(name_node)
                exported = (string_value(alias) if alias.type == "string" else node_text(alias)) if alias else local
                if spec is not None:
                    mod.esm_exports[exported] = Imp(spec, local, self.path)
                else:
                    mod.esm_exports[exported] = Id(local, fid)
            return Unk("export")
        ns = next((c for c in node.named_children if c.type == "namespace_export"), None)
        if spec is not None and ns is not None:
            for ident in ns.named_children:
                mod.esm_exports[node_text(ident)] = Imp(spec, "*", self.path)
            return Unk("export")
        if spec is not None:
            mod.star_exports.append(spec)
        return Unk("export")

    def v_if_statement(self, node: Node, fid: str) -> IR:
        cond = node.child_by_field_name("condition")
        cons = node.child_by_field_name("consequence")
        alt = node.child_by_field_name("alternative")
        key_info = self.string_test(cond, fid) if cond is not None else None
        if cond is not None:
            self.cond_irs[cond.id] = self.visit(cond, fid)
        done: _Dispatched | None = None
        if cons is not None:
            if key_info is not None:
                subject, key, label = key_info
                group = _dispatch_group(self.nearest_function(fid).fid, subject)
                branch = self.new_branch(cons, fid, key, group, label)
                self.visit(cons, branch)
                done = _Dispatched(node.start_byte, group, [branch] if _terminates(cons) else [],
                                   [] if _terminates(cons) else [branch])
            else:
                self.visit(cons, fid)
        if alt is not None:
            self.dispatched = None
            self.visit(alt, fid)
            inner = self.dispatched
            chained = next((c for c in alt.named_children if c.type == "if_statement"), None)
            if (done is not None and inner is not None and chained is not None
                    and inner.start == chained.start_byte and inner.group == done.group):
                done.closed += inner.closed  # `else if (name === "b")`: the same dispatch
                done.open += inner.open
            elif done is not None and not _terminates(alt):
                done = None  # code after the statement may run after an unkeyed else
        self.dispatched = done
        return Unk("if")

    def string_test(self, cond: Node, fid: str) -> tuple[str, str | IR, str] | None:
        """`x === "lit"` (key "lit"), or `name === ToolName.ECHO` (key: the IR of the right side,
        resolved to a string, if it can be, when the graph is built)."""
        node = cond
        while node.type == "parenthesized_expression" and node.named_children:
            node = node.named_children[0]
        if node.type != "binary_expression":
            return None
        op = node.child_by_field_name("operator")
        if op is None or node_text(op) not in ("===", "=="):
            return None
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            return None
        if right.type == "string" and left.type != "string":
            return node_text(left), string_value(right), string_value(right)
        if left.type == "string" and right.type != "string":
            return node_text(right), string_value(left), string_value(left)
        if _names_value(right) and _names_value(left):
            return node_text(left), self.visit(right, fid), node_text(right)
        return None

    def new_branch(self, node: Node, fid: str, key: str | IR, group: str, label: str | None = None) -> str:
        parent = self.fn(fid)
        line = node.start_point[0] + 1
        shown = json.dumps(key, ensure_ascii=False) if isinstance(key, str) else (label or "?")
        bid = f"{parent.fid}#case:{shown}@{line}"
        facts = FunctionFacts(
            fid=bid,
            name=bid[len(self.path) + 1 :],
            path=self.path,
            line=line,
            end_line=node.end_point[0] + 1,
            parent=fid,
            kind="branch",
            cls=None,
            column=node.start_point[1] + 1,
            end_column=node.end_point[1] + 1,
        )
        self.mod.functions[bid] = facts
        parent.branches.append((bid, key, group))
        return bid

    def v_while_statement(self, node: Node, fid: str) -> IR:
        self.visit_children(node, fid)
        cond = node.child_by_field_name("condition")
        body = node.child_by_field_name("body")
        if cond is not None and body is not None and body.type == "statement_block" and _always_true(cond):
            self.loop_shape(node, body, fid)
        return Unk(node.type)

    def v_for_statement(self, node: Node, fid: str) -> IR:
        body = node.child_by_field_name("body")
        for child in node.named_children:  # as `visit_children`, the header's comparisons left out
            if body is not None and child.id == body.id:
                self.visit(child, fid)
                continue
            self.in_for_header += 1
            try:
                self.visit(child, fid)
            finally:
                self.in_for_header -= 1
        if body is None or body.type != "statement_block":
            return Unk(node.type)
        init = node.child_by_field_name("initializer")
        cond = node.child_by_field_name("condition")
        if (init is None or init.type == "empty_statement") and (cond is None or cond.type == "empty_statement"):
            self.loop_shape(node, body, fid)
            return Unk(node.type)
        bound = _counted_bound(init, cond)
        if bound is not None:
            spawn = _loop_body(body)[1]
            if spawn is not None:
                self.fn(fid).shapes.append(("count", node.start_point[0] + 1, bound, spawn))
        return Unk(node.type)

    def loop_shape(self, node: Node, body: Node, fid: str) -> None:
        head = (node.text or b"")[:body.start_byte - node.start_byte]
        header = " ".join(head.decode("utf-8", "replace").split())
        exits, spawn, grows = _loop_body(body)
        self.fn(fid).shapes.append(("loop", node.start_point[0] + 1, header + " {", exits, spawn, grows))

    def v_for_in_statement(self, node: Node, fid: str) -> IR:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        body = node.child_by_field_name("body")
        is_of = any(c.type == "of" for c in node.children)
        right_ir = self.visit(right, fid) if right is not None else Unk("?")
        if left is not None:
            if is_of:
                key = f"{fid}#for@{node.start_point[0] + 1}:{node.start_point[1] + 1}"
                self.nearest_function(fid).loops.append((key, right_ir))
                self.bind_pattern(left, Param(key, 0), fid)
                if body is not None:
                    self.loop_stack.append((key, right_ir))
                    try:
                        self.visit(body, fid)
                    finally:
                        self.loop_stack.pop()
                return Unk("for")
            self.bind_pattern(left, Unk("for-in key"), fid)
        if body is not None:
            self.visit(body, fid)
        return Unk("for")

    def v_switch_statement(self, node: Node, fid: str) -> IR:
        value = node.child_by_field_name("value")
        body = node.child_by_field_name("body")
        if value is not None:
            self.visit(value, fid)
        if body is None:
            return Unk("switch")
        subject = node_text(value) if value is not None else "?"
        group = _dispatch_group(self.nearest_function(fid).fid, subject)
        done = _Dispatched(node.start_byte, group, [], [])
        pending: list[tuple[str | IR, str]] = []  # fall-through: `case "a": case "b": body`
        for case in body.named_children:
            if case.type == "switch_case":
                test = case.child_by_field_name("value")
                stmts = list(case.children_by_field_name("body"))
                if test is not None and (test.type in ("string", "member_expression", "identifier")
                                         or _literal_subscript(test)):
                    if test.type == "string":
                        pending.append((string_value(test), string_value(test)))
                    else:
                        pending.append((self.visit(test, fid), node_text(test)))
                    if not stmts:
                        continue
                    keys, pending = pending, []
                    first = self.new_branch(case, fid, keys[0][0], group, keys[0][1])
                    for extra, _label in keys[1:]:
                        self.fn(fid).branches.append((first, extra, group))
                    for stmt in stmts:
                        self.visit(stmt, first)
                    (done.closed if _terminates_list(stmts) else done.open).append(first)
                else:
                    pending = []
                    if test is not None:
                        self.visit(test, fid)
                    for stmt in stmts:
                        self.visit(stmt, fid)
            else:
                pending = []
                self.visit_children(case, fid)
        self.dispatched = done if done.closed or done.open else None
        return Unk("switch")

    # -- statements after a dispatch -----------------------------------------------------------------
    def v_statement_block(self, node: Node, fid: str) -> IR:
        self.statements(node.named_children, fid)
        return Unk("block")

    def statements(self, stmts: list[Node], fid: str) -> None:
        """Statements of a block in order. After a switch/if dispatch on a tool name whose branches
        return for some names, the statements that follow are a branch of their own (`…#rest@LINE`)
        in the same dispatch group: a tool whose branch returns does not run them; one whose branch
        ends without returning goes on into them; any other name runs them as before."""
        run: _Dispatched | None = None  # consecutive dispatches on one name: one run, one rest
        self.checks(stmts, fid)
        for i, stmt in enumerate(stmts):
            self.dispatched = None
            self.visit(stmt, fid)
            done, self.dispatched = self.dispatched, None
            if done is not None and done.start == stmt.start_byte and (run is None or run.group == done.group):
                if run is None:
                    run = done
                else:
                    run.closed += done.closed
                    run.open += done.open
            elif run is not None and not _is_comment(stmt):
                run = None  # another statement ran in between: the run is over
            rest = [s for s in stmts[i + 1:] if not _is_comment(s)]
            if run is None or not run.closed or not rest or self.fn(fid).kind == "module":
                continue
            if _dispatch_subject(rest[0]) == run.group.split("#on:", 1)[1]:
                continue  # the next statement dispatches on the same name: still the same run
            rid = self.new_rest(rest[0], rest[-1], fid, run.group)
            for branch in run.open:
                self.fn(branch).branches.append((rid, Unk("falls through"), ""))
            for later in rest:
                self.visit(later, rid)
            return

    def checks(self, stmts: list[Node], fid: str) -> None:
        """The guards of a block that hold on a range of its lines (`checks.py`)."""
        if self.fn(fid).kind == "module":
            return
        out = self.fn(fid).checks
        for found in self.block_checks.block(stmts):
            via = self.chain(found.via, fid) if found.via is not None else None
            if found.via is not None and via is None:
                continue
            test = found.test
            if test is None:
                out.append(("call", None, None, found.first, found.last, found.exits, None, found.call, ()))
                continue
            if test.kind not in ("any", "path", "regex"):
                continue
            checked = self.chain(test.checked, fid) or self.extension(test.checked, fid)
            if checked is None:
                continue
            extra = test.extra
            if test.kind == "any":
                extra = self.chain(extra, fid) if extra is not None else None
                if extra is None and not _is_array_literal(test.extra):
                    continue
                if extra is None:  # `["a", "b"].includes(x)`: the strings written, for the file types
                    extra = _strings_written(test.extra)
            out.append((test.kind, checked, extra, found.first, found.last, found.exits, via, None, found.early))

    def extension(self, node: Node, fid: str) -> IR | None:
        """The IR of an extension tested in place (`path.extname(file).toLowerCase()`, `checks.extension_call`):
        the extname call of the path's chain, as the data flow reads it (`taint.extension_of`); else None."""
        found = extension_call(node)
        if found is None:
            return None
        callee, path = self.chain(found[0], fid), self.chain(found[1], fid)
        return Call(callee, (path,), fid, -1) if callee is not None and path is not None else None

    def chain(self, node: Node, fid: str) -> IR | None:
        """The IR of an identifier, `this` or a chain of constant members of one; None for anything else."""
        while node.type in _TRANSPARENT and node.named_children:
            node = node.named_children[0]
        if node.type == "identifier":
            return Id(node_text(node), fid)
        if node.type == "this":
            return This(fid)
        if node.type in ("member_expression", "subscript_expression"):
            obj = node.child_by_field_name("object")
            inner = self.chain(obj, fid) if obj is not None else None
            if inner is None:
                return None
            if node.type == "member_expression":
                prop = node.child_by_field_name("property")
                return Mem(inner, node_text(prop)) if prop is not None else None
            index = node.child_by_field_name("index")
            if index is not None and index.type == "string":
                return Mem(inner, string_value(index))
        return None

    def new_rest(self, first: Node, last: Node, fid: str, group: str) -> str:
        parent = self.fn(fid)
        line = first.start_point[0] + 1
        rid = f"{parent.fid}#rest@{line}"
        self.mod.functions[rid] = FunctionFacts(
            fid=rid, name=rid[len(self.path) + 1:], path=self.path, line=line, end_line=last.end_point[0] + 1,
            parent=fid, kind="branch", cls=None, column=first.start_point[1] + 1, end_column=last.end_point[1] + 1,
        )
        parent.branches.append((rid, REST_KEY, group))
        return rid

    # -- expressions -----------------------------------------------------------------------------
    def expr_named(self, node: Node, fid: str, name: str | None) -> IR:
        """An expression whose value gets a name (declarator, property, assignment): functions
        and classes take that name and are not treated as anonymous callbacks."""
        inner = node
        while inner.type in _TRANSPARENT and inner.named_children:
            inner = inner.named_children[0]
        if inner.type in _FUNCTION_TYPES:
            own = inner.child_by_field_name("name")
            return self.function(inner, fid, node_text(own) if own is not None else name)
        if inner.type in _CLASS_TYPES:
            own = inner.child_by_field_name("name")
            if inner.type != "class":
                return self.klass(inner, fid, node_text(own) if own is not None else name)
            return self.class_expression(inner, fid, node_text(own) if own is not None else None, name)
        return self.visit(node, fid)

    def v_identifier(self, node: Node, fid: str) -> IR:
        name = node_text(node)
        if name == "undefined":
            return Undef()
        return Id(name, fid)

    def v_meta_property(self, node: Node, fid: str) -> IR:
        """`import.meta`: the module's own (its `url`, `dirname` and `filename` locate files of the package)."""
        return Id("import.meta", fid) if node_text(node) == "import.meta" else Unk(node.type)

    def v_this(self, node: Node, fid: str) -> IR:
        return This(fid)

    def v_string(self, node: Node, fid: str) -> IR:
        return Str(string_value(node), self.path, node.start_point[0] + 1)

    def v_number(self, node: Node, fid: str) -> IR:
        text = node_text(node).replace("_", "")
        try:
            if text.lower().startswith(("0x", "0o", "0b")):
                return Num(int(text, 0))
            value = float(text.rstrip("n"))
            return Num(int(value) if value.is_integer() else value)
        except ValueError:
            return Unk("number")

    def v_true(self, node: Node, fid: str) -> IR:
        return Bool(True)

    def v_false(self, node: Node, fid: str) -> IR:
        return Bool(False)

    def v_null(self, node: Node, fid: str) -> IR:
        return Null()

    def v_undefined(self, node: Node, fid: str) -> IR:
        return Undef()

    def v_template_string(self, node: Node, fid: str) -> IR:
        parts: list[IR] = []
        units: list[int] = []
        for child in node.children:
            t = child.type
            if t == "string_fragment":
                units.extend(text_units(node_text(child)))
            elif t == "escape_sequence":
                units.extend(decode_escape(node_text(child)))
            elif t == "template_substitution":
                if units:
                    parts.append(Str(join_units(units)))
                    units = []
                inner = child.named_children
                parts.append(self.visit(inner[0], fid) if inner else Str(""))
        if units:
            parts.append(Str(join_units(units)))
        if len(parts) == 1 and isinstance(parts[0], Str):
            return Str(parts[0].value, self.path, node.start_point[0] + 1)
        if not parts:
            return Str("")
        return Tpl(tuple(parts))

    def v_binary_expression(self, node: Node, fid: str) -> IR:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        lv = self.visit(left, fid) if left is not None else Unk("?")
        rv = self.visit(right, fid) if right is not None else Unk("?")
        opt = node_text(op) if op is not None else ""
        if opt in _COMPARISONS and not self.in_for_header and _limits(left, right) and not _gated(node):
            names = tuple(n for n in (_last_name(left), _last_name(right)) if n)
            if names:
                self.fn(fid).shapes.append(("cmp", node.start_point[0] + 1, names))
        if opt == "+":
            return Add(lv, rv)
        if opt in ("||", "??"):
            return Or(lv, rv, opt)
        if opt in _TESTS or opt == "in":
            return Cmp(opt, lv, rv)
        return Unk("binary")

    def v_unary_expression(self, node: Node, fid: str) -> IR:
        arg = node.child_by_field_name("argument")
        op = node.child_by_field_name("operator")
        value = self.visit(arg, fid) if arg is not None else Unk("?")
        if op is not None and node_text(op) == "!":
            return Not(value)
        if op is not None and node_text(op) == "typeof":
            return TypeOf(value)
        if op is not None and node_text(op) == "void":  # `void 0`, tsc's `undefined` (`_a === void 0 ? …`)
            return Undef()
        return Unk("unary_expression")

    def v_regex(self, node: Node, fid: str) -> IR:
        pattern = node.child_by_field_name("pattern")
        flags = node.child_by_field_name("flags")
        return Rx(node_text(pattern) if pattern is not None else "", node_text(flags) if flags is not None else "")

    def v_ternary_expression(self, node: Node, fid: str) -> IR:
        cond = node.child_by_field_name("condition")
        cons = node.child_by_field_name("consequence")
        alt = node.child_by_field_name("alternative")
        test = self.visit(cond, fid) if cond is not None else None
        a = self.visit(cons, fid) if cons is not None else Unk("?")
        b = self.visit(alt, fid) if alt is not None else Unk("?")
        return Either(a, b, test)

    def v_parenthesized_expression(self, node: Node, fid: str) -> IR:
        result: IR = Unk("paren")
        for child in node.named_children:
            result = self.visit(child, fid)
        return result

    def v_sequence_expression(self, node: Node, fid: str) -> IR:
        result: IR = Unk("seq")
        for child in node.named_children:
            result = self.visit(child, fid)
        return result

    def _transparent(self, node: Node, fid: str) -> IR:
        result: IR = Unk(node.type)
        first = True
        for child in node.named_children:
            ir = self.visit(child, fid)
            if first:
                result = ir
                first = False
        return result

    v_as_expression = _transparent
    v_non_null_expression = _transparent
    v_satisfies_expression = _transparent
    v_await_expression = _transparent

    def v_type_assertion(self, node: Node, fid: str) -> IR:
        result: IR = Unk("cast")
        for child in node.named_children:
            if child.type != "type_arguments":
                result = self.visit(child, fid)
        return result

    def v_member_expression(self, node: Node, fid: str) -> IR:
        obj = node.child_by_field_name("object")
        prop = node.child_by_field_name("property")
        obj_ir = self.visit(obj, fid) if obj is not None else Unk("?")
        name = node_text(prop) if prop is not None else "?"
        if (obj is not None and obj.type == "identifier" and node_text(obj) == "process" and name == "env"
                and self.lookup_local(fid, "process") is None):
            line = node.start_point[0] + 1
            self.fn(fid).direct_sinks.append(
                (line, node.start_point[1] + 1, "env", "process.env", _snippet(node))
            )
            shape, keys = env_shape(node)
            self.mod.env_reads.append((line, shape.value, keys))
        return Mem(obj_ir, name)

    def v_subscript_expression(self, node: Node, fid: str) -> IR:
        obj = node.child_by_field_name("object")
        index = node.child_by_field_name("index")
        obj_ir = self.visit(obj, fid) if obj is not None else Unk("?")
        if index is None:
            return Unk("subscript")
        if index.type == "string":
            return Mem(obj_ir, string_value(index))
        return Idx(obj_ir, self.visit(index, fid))

    def v_object(self, node: Node, fid: str) -> IR:
        entries: list[KV | Spread] = []
        for child in node.named_children:
            t = child.type
            if t == "pair":
                key = child.child_by_field_name("key")
                value = child.child_by_field_name("value")
                if key is None or value is None:
                    continue
                name = self.prop_name(key, fid)
                entries.append(KV(name, self.expr_named(value, fid, name)))
                if name == "text":
                    self.fn(fid).shapes.append(("text", key.start_point[0] + 1, entries[-1].value))
            elif t == "shorthand_property_identifier":
                name = node_text(child)
                entries.append(KV(name, Id(name, fid)))
                if name == "text":
                    self.fn(fid).shapes.append(("text", child.start_point[0] + 1, entries[-1].value))
            elif t == "spread_element":
                inner = child.named_children
                if inner:
                    entries.append(Spread(self.visit(inner[0], fid)))
            elif t == "method_definition":
                key = child.child_by_field_name("name")
                name = self.prop_name(key, fid) if key is not None else "?"
                entries.append(KV(name, self.function(child, fid, name)))
            else:
                self.visit(child, fid)
        return Obj(tuple(entries))

    def v_array(self, node: Node, fid: str) -> IR:
        items: list[IR] = []
        for child in node.named_children:
            if child.type == "comment":
                continue
            if child.type == "spread_element":
                inner = child.named_children
                if inner:
                    items.append(Spread(self.visit(inner[0], fid)))
            else:
                items.append(self.visit(child, fid))
        return Arr(tuple(items))

    def v_augmented_assignment_expression(self, node: Node, fid: str) -> IR:
        """`text += more` on a local name: the text grown; where it may not run (a branch, a loop, a
        nested function), either the text before or the one after (known only where they agree)."""
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        op = node.child_by_field_name("operator")
        if left is None or right is None or op is None or left.type != "identifier" or node_text(op) != "+=":
            self.visit_children(node, fid)
            return Unk("assign")
        value = self.visit(right, fid)
        found = self.lookup_local(fid, node_text(left))
        if found is not None and not isinstance(found[1], (Undef, Unk)):
            scope, current = found
            grown: IR = Add(current, value)
            if self.nearest_function(fid).fid != scope.fid or _conditional(node):
                many = isinstance(current, Either) and _nested_either(current) >= 8
                grown = Unk("assigned in many places") if many else Either(current, grown)
            scope.bindings[node_text(left)] = grown
        return Unk("assign")

    def v_assignment_expression(self, node: Node, fid: str) -> IR:
        left = node.child_by_field_name("left")
        right = node.child_by_field_name("right")
        if left is None or right is None:
            self.visit_children(node, fid)
            return Unk("assign")
        hint = node_text(left).split(".")[-1] if left.type in ("identifier", "member_expression") else None
        value = self.expr_named(right, fid, hint)
        if left.type == "identifier":
            name = node_text(left)
            found = self.lookup_local(fid, name)
            if found is None:
                self.fn(self.mod.module_fid).bindings.setdefault(name, value)
            else:
                scope, current = found
                key = (scope.fid, name)
                step = self.reassign_step(node, fid, name, scope.fid, current, value) if key not in self.reassigned else None
                origin, steps = self.stepped.get(key, (current, 0))
                if step is not None and steps >= MAX_STEPS:
                    scope.bindings[name] = origin  # too many to read in order: as a variable never reassigned
                elif step is not None:
                    scope.bindings[name] = step
                    self.stepped[key] = (origin, steps + 1)
                elif key in self.reassigned:
                    # assigned again (`if (win) shell = "powershell"; else if (mac) shell = "zsh"; …`): any
                    # of the values, known only where they agree
                    many = isinstance(current, Either) and _nested_either(current) >= 8
                    scope.bindings[name] = Unk("assigned in many places") if many else Either(current, value)
                elif isinstance(current, (Undef, Unk, Null)):  # `let cache = null; … cache = value`
                    scope.bindings[name] = value
                    self.reassigned.add(key)
        elif left.type == "member_expression":
            obj = left.child_by_field_name("object")
            prop = left.child_by_field_name("property")
            if obj is not None and prop is not None:
                pname = node_text(prop)
                otext = node_text(obj)
                if otext == "module" and pname == "exports":
                    self.mod.cjs_exports = value
                elif otext in ("exports", "module.exports"):
                    self.mod.cjs_named[pname] = value
                elif obj.type == "this":
                    self.nearest_function(fid).kept.append((pname, value))
                    cls = self.enclosing_class(fid)
                    if cls is not None and cls in self.mod.classes:
                        fields = self.mod.classes[cls].fields
                        if not isinstance(value, (Undef, Null)) and (
                                isinstance(fields.get(pname), (Undef, Null)) or (cls, pname) in self.declared_fields
                                or self.placeholder_fields.get((cls, pname)) == fid):
                            # `this.client = null` (or a declared type) before `this.client = new X()`; `this.tools
                            # = []` before `this.tools = build()` in the same function
                            fields[pname] = value
                            self.declared_fields.discard((cls, pname))
                            self.placeholder_fields.pop((cls, pname), None)
                        else:
                            fields.setdefault(pname, value)
                        if fields.get(pname) is value and _empty_literal(value):
                            self.placeholder_fields[(cls, pname)] = fid
                else:
                    obj_ir = self.visit(obj, fid)
                    self.mod.member_assigns.append((obj_ir, pname, value))
                    if obj.type == "identifier":
                        self.add_property(node_text(obj), pname, value, fid)
                        self.add_static(node_text(obj), pname, value, fid)
        else:
            target = self.visit(left, fid)
            if left.type == "subscript_expression" and isinstance(target, Mem):
                self.mod.member_assigns.append((target.obj, target.prop, value))
            elif left.type in ("object_pattern", "array_pattern"):
                self.bind_pattern(left, value, fid)
        return value

    def add_property(self, name: str, prop: str, value: IR, fid: str) -> None:
        """`config.description = text` on a name bound to an object literal: the object gains the
        property; one it already has (or was given on another path: `case 3: config.inputSchema =
        args[1]; … case 4: config.inputSchema = args[2]`) is either value (known only when they agree)."""
        found = self.lookup_local(fid, name)
        if found is None:
            return
        scope, obj = found
        if not isinstance(obj, Obj) or len(obj.entries) >= _MAX_ADDED_PROPERTIES or _mentions(value, name):
            return  # `block.text = mask(block.text)`: an update of the object's own value, not a definition
        entries = list(obj.entries)
        for i in range(len(entries) - 1, -1, -1):
            entry = entries[i]
            if isinstance(entry, KV) and entry.key == prop:
                # assigned in a few places: either value; in many (a state field), not known
                many = isinstance(entry.value, Either) and isinstance(entry.value.a, Either)
                entries[i] = KV(prop, Unk("assigned in many places") if many else Either(entry.value, value))
                break
            if isinstance(entry, Spread):
                entries.append(KV(prop, value))
                break
        else:
            entries.append(KV(prop, value))
        scope.bindings[name] = Obj(tuple(entries))

    def add_static(self, name: str, prop: str, value: IR, fid: str) -> None:
        """`CountTool.toolName = "count"` after `class CountTool {…}` (tsc's output of `static toolName =
        "count"` without define semantics): a static field of the class, as the field it was written as
        (the first assignment only: a later one is an update at run time)."""
        found = self.lookup_local(fid, name)
        if found is None or not isinstance(found[1], ClassRef) or found[1].cid not in self.mod.classes:
            return
        self.mod.classes[found[1].cid].fields.setdefault(prop, value)

    def v_call_expression(self, node: Node, fid: str) -> IR:
        func = node.child_by_field_name("function")
        args_node = node.child_by_field_name("arguments")
        if func is None:
            self.visit_children(node, fid)
            return Unk("call")
        # require("x") / import("x")
        if func.type in ("identifier", "import") and node_text(func) in ("require", "import"):
            arg_nodes = [a for a in (args_node.named_children if args_node is not None else []) if a.type != "comment"]
            local = self.lookup_local(fid, "require") if func.type != "import" else None
            is_require = func.type == "import" or local is None or _made_by_create_require(local[1])
            if is_require and arg_nodes and arg_nodes[0].type == "string":
                return Req(string_value(arg_nodes[0]), self.path)
            if is_require and arg_nodes and arg_nodes[0].type == "template_string":
                tpl = self.visit(arg_nodes[0], fid)
                if isinstance(tpl, Str):
                    return Req(tpl.value, self.path)
            if is_require and arg_nodes:
                line = node.start_point[0] + 1
                sink = "require" if node_text(func) == "require" else "import()"
                self.fn(fid).direct_sinks.append(
                    (line, node.start_point[1] + 1, "code_exec", sink, _snippet(node))
                )
                for a in arg_nodes:
                    self.visit(a, fid)
                return Unk("dynamic-require")
        if func.type == "parenthesized_expression" and self.compiled_enum(node, fid):
            return Unk("enum")
        if _awaited_callee(func) is not None and self.lookup_local(fid, "await") is None:
            # `await (0, m.f)(args)`, which tree-sitter reads as a call of `await`: the call of m.f, awaited
            inner_args = self.arguments(func.child_by_field_name("arguments"), fid)
            callee = inner_args[-1]
        else:
            callee = self.visit(func, fid)
        args = self.arguments(args_node, fid)
        # Object.defineProperty(exports, "name", { get: function () { return m.name; } })
        if node_text(func) == "Object.defineProperty":
            match args:
                case (Id("exports"), Str(exported), Obj(entries), *_):
                    for entry in entries:
                        match entry:
                            case KV("get", Fn(getter)):
                                self.mod.cjs_named[exported] = Ret(getter)
                            case KV("value", value):
                                self.mod.cjs_named[exported] = value
        match callee:
            case Mem(Id(name), "push" | "unshift" as method) if args:
                self.array_append(name, method, args, fid)
            case Mem(Mem(Id("exports"), exported), "push" | "unshift" as method) if args:
                self.export_append(exported, method, args, fid)
            case Mem(Id(name), "set" | "add" as method) if args:
                self.collection_add(name, method, args, fid)
            case Mem(Mem(This(), fname), "set" | "add" | "push" as method) if args:
                self.field_add(fname, method, args, fid)
            case Mem(Id("Object"), "assign") if len(args) >= 2 and isinstance(args[0], Id):
                self.object_assign(args[0].name, args[1:], fid)
            case Id("__exportStar") if len(args) == 2 and isinstance(args[0], Req) and isinstance(args[1], Id) \
                    and args[1].name == "exports":
                # tsc's CommonJS `export * from "./x"`: `__exportStar(require("./x"), exports)`
                self.mod.star_exports.append(args[0].spec)
            case Id("__export") if len(args) == 2 and isinstance(args[0], Id) and isinstance(args[1], Obj):
                self.bundler_namespace(args[0].name, args[1], fid)
        return self.record_call(node, func, callee, args, fid, False)

    def reassign_step(self, node: Node, fid: str, name: str, scope_fid: str, current: IR, value: IR) -> IR | None:
        """`let x = A; … x = B(x)` in the function declaring x: its value after the statement, B reading A where
        it reads x; under `if (T)`, B when T holds and A otherwise; inside one `for (const k of ITEMS)` entered
        after x was declared, a `Fold` of that over ITEMS. None for any other place (a nested function, another
        loop, a try, a switch …), left to the flow-insensitive binding as before."""
        if isinstance(current, (Undef, Unk, Null)) or self.nearest_function(fid).fid != scope_fid:
            return None
        stmt = node.parent
        if stmt is None or stmt.type != "expression_statement":
            return None
        tests: list[IR] = []
        loop: tuple[str, IR] | None = None
        loop_node: Node | None = None
        cur = stmt
        for _ in range(64):
            parent = cur.parent
            if parent is None:
                return None
            if parent.type in _FUNCTION_TYPES or parent.type == "program" or (
                    parent.type == "statement_block" and parent.parent is not None
                    and parent.parent.type in _FUNCTION_TYPES):
                break
            if parent.type == "if_statement" and loop is None:
                cond = parent.child_by_field_name("condition")
                test = self.cond_irs.get(cond.id) if cond is not None else None
                if test is None:
                    return None
                alt = parent.child_by_field_name("alternative")
                in_alt = alt is not None and alt.start_byte <= cur.start_byte < alt.end_byte
                tests.append(Not(test) if in_alt else test)
            elif parent.type == "for_in_statement" and loop is None:
                suffix = f"#for@{parent.start_point[0] + 1}:{parent.start_point[1] + 1}"
                loop = next((entry for entry in self.loop_stack if entry[0].endswith(suffix)), None)
                if loop is None:
                    return None
                loop_node = parent
            elif parent.type not in ("statement_block", "else_clause"):
                return None
            cur = parent
        else:
            return None
        if loop_node is not None and _declares(loop_node, name):
            return None  # x declared inside the loop: a new variable each turn
        acc = f"{scope_fid}#fold@{node.start_point[0] + 1}:{node.start_point[1] + 1}"
        before: IR = Param(acc, 0) if loop is not None else current
        step: IR = _substitute(value, name, before)
        for test in tests:
            # the value without the change first: where the test cannot be decided (`if (isN8nClient)
            # tools = friendly(tools)`, a client known only at run time), a listing that must pick one
            # text of a tool takes the code's own, not the special case's
            step = Either(before, step, Not(_substitute(test, name, before)))
        if loop is not None:
            return Fold(loop[0], loop[1], acc, step, current)
        return step

    def object_assign(self, name: str, sources: tuple[IR, ...], fid: str) -> None:
        """`const tools = {}; … Object.assign(tools, more)`: the binding becomes `{…, ...more}` (in
        any branch: every entry a run may add), as `push` does for arrays."""
        found = self.lookup_local(fid, name)
        if found is None or self.loop_stack:
            return
        scope, current = found
        if not isinstance(current, Obj):
            return
        added = tuple(s if isinstance(s, Spread) else Spread(s) for s in sources)
        scope.bindings[name] = Obj(current.entries + added)

    def bundler_namespace(self, name: str, getters: Obj, fid: str) -> None:
        """esbuild's namespace objects: `var ns = {}; __export(ns, {a: () => a, b: () => b})` defines
        a getter per key (`import * as ns` inside a bundle); the binding becomes `{a: <a>, b: <b>}`."""
        entries: list[KV] = []
        for entry in getters.entries:
            if not (isinstance(entry, KV) and isinstance(entry.value, Fn)):
                return
            entries.append(KV(entry.key, Ret(entry.value.fid)))
        found = self.lookup_local(fid, name)
        if found is None or self.loop_stack:
            return
        scope, current = found
        if isinstance(current, Obj):
            scope.bindings[name] = Obj(current.entries + tuple(entries))

    def array_append(self, name: str, method: str, args: tuple[IR, ...], fid: str) -> None:
        """`const tools = []; … tools.push(x)`: the binding becomes `[…, x]` (in any branch: every
        element a run may add). Inside `for (const t of ITEMS)` loops entered after the array was
        declared, the element stands for one element per item: `...ITEMS.map(t => x)`."""
        found = self.lookup_local(fid, name)
        if found is None or not isinstance(found[1], Arr):
            return
        scope, current = found[0], found[1]
        declared_at = self.array_depth.get((scope.fid, name))
        if declared_at is None:
            return
        added: list[IR] = []
        for arg in args:
            item = arg
            for key, items_ir in reversed(self.loop_stack[declared_at:]):
                item = Spread(LoopMap(key, items_ir, item))
            added.append(item)
        added = self.per_call(added, scope.fid, fid)
        items = tuple(added) + current.items if method == "unshift" else current.items + tuple(added)
        scope.bindings[name] = Arr(items)

    def per_call(self, added: list[IR], declaring: str, fid: str) -> list[IR]:
        """Elements pushed inside a named function other than the one declaring the array
        (`function addEndpoint(e) { endpoints.push(e) }`): one per call of that function, its
        parameters bound to each call's arguments (`Sites`), as for a Map's `.set`."""
        owner = self.nearest_function(fid)
        if owner.fid == declaring or owner.kind == "module" or owner.name.rsplit(".", 1)[-1].startswith("<"):
            return added
        return [Spread(Sites(owner.fid, item)) for item in added]

    def export_append(self, exported: str, method: str, args: tuple[IR, ...], fid: str) -> None:
        """`exports.endpoints = []; … exports.endpoints.push(x)` (CommonJS output of TypeScript): the
        exported array gains the element, as a local array does (outside loops only)."""
        current = self.mod.cjs_named.get(exported)
        if not isinstance(current, Arr) or current.collection or self.loop_stack:
            return
        added = self.per_call(list(args), self.mod.module_fid, fid)
        items = tuple(added) + current.items if method == "unshift" else current.items + tuple(added)
        self.mod.cjs_named[exported] = Arr(items)

    def collection_add(self, name: str, method: str, args: tuple[IR, ...], fid: str) -> None:
        """`registry.set(key, value)` on a `new Map()` (`.add(value)` on a `new Set()`): the collection
        gains the entry, in any branch. Done inside a function other than the one declaring the
        collection, the entry stands for one per call of that function (`Sites`), its parameters bound
        to each call's arguments."""
        found = self.lookup_local(fid, name)
        if found is None:
            return
        scope, current = found
        if not isinstance(current, Arr) or not current.collection or (method == "set") != (current.collection == "Map"):
            return
        if method == "set" and len(args) < 2:
            return
        item: IR = Arr((args[0], args[1])) if method == "set" else args[0]
        declared_at = self.array_depth.get((scope.fid, name), 0)
        for key, items_ir in reversed(self.loop_stack[declared_at:]):
            item = Spread(LoopMap(key, items_ir, item))
        owner = self.nearest_function(fid)
        if owner.fid != scope.fid and owner.kind != "module":
            item = Spread(Sites(owner.fid, item))
        scope.bindings[name] = Arr(current.items + (item,), current.collection)

    def field_add(self, fname: str, method: str, args: tuple[IR, ...], fid: str) -> None:
        """`this.tools.set(def.name, entry)` (`.add(v)`, `.push(v)`) in a method of a class whose field
        `tools` is a `new Map()` (`new Set()`, `[]`): the field gains the entry once per call of the
        method (`Sites`, its parameters bound to each call's arguments); in the constructor, once.
        Merged into the field when the class body ends (`merge_field_adds`); a field holding anything
        else is left as it is."""
        cls = self.enclosing_class(fid)
        owner = self.nearest_function(fid)
        if cls is None or owner.kind != "method" or owner.cls != cls or (method == "set" and len(args) < 2):
            return
        item: IR = Arr((args[0], args[1])) if method == "set" else args[0]
        for key, items_ir in reversed(self.loop_stack):
            item = Spread(LoopMap(key, items_ir, item))
        if not owner.name.endswith(".constructor"):
            item = Spread(Sites(owner.fid, item))
        self.field_adds.setdefault((cls, fname), []).append((method, item))

    def merge_field_adds(self, cid: str) -> None:
        """The entries the methods of class `cid` add to its collection fields (`field_add`)."""
        fields = self.mod.classes[cid].fields
        for (owner, fname), adds in list(self.field_adds.items()):
            if owner != cid:
                continue
            del self.field_adds[(owner, fname)]
            current = fields.get(fname)
            match current:
                case New(Id("Map" | "Set" as made), ()):
                    current = Arr((), made)
                case New(Id("Map" | "Set" as made), (Arr(items, ""),)):
                    current = Arr(items, made)
            if not isinstance(current, Arr):
                continue
            wanted = {"Map": "set", "Set": "add", "": "push"}[current.collection]
            if any(method != wanted for method, _ in adds):
                continue
            fields[fname] = Arr(current.items + tuple(item for _, item in adds), current.collection)

    def record_call(self, node: Node, func: Node, callee: IR, args: tuple[IR, ...], fid: str, is_new: bool) -> IR:
        facts = self.fn(fid)
        index = len(facts.calls)
        facts.calls.append(
            CallFact(
                callee=callee,
                args=args,
                line=node.start_point[0] + 1,
                column=node.start_point[1] + 1,
                text=_short(node_text(_written_callee(func))),
                is_new=is_new,
            )
        )
        if is_new:
            return New(callee, args)
        return Call(callee, args, fid, index)

    def arguments(self, args_node: Node | None, fid: str) -> tuple[IR, ...]:
        if args_node is None:
            return ()
        out: list[IR] = []
        for a in args_node.named_children:
            if a.type == "comment":
                continue
            if a.type == "spread_element":
                inner = a.named_children
                out.append(Spread(self.visit(inner[0], fid)) if inner else Unk("spread"))
            else:
                out.append(self.visit(a, fid))
        return tuple(out)

    def v_new_expression(self, node: Node, fid: str) -> IR:
        ctor = node.child_by_field_name("constructor")
        args_node = node.child_by_field_name("arguments")
        if ctor is None:
            self.visit_children(node, fid)
            return Unk("new")
        callee = self.visit(ctor, fid)
        args = self.arguments(args_node, fid)
        return self.record_call(node, ctor, callee, args, fid, True)

    def _function_expr(self, node: Node, fid: str) -> IR:
        own = node.child_by_field_name("name")
        ir = self.function(node, fid, node_text(own) if own is not None else None)
        self.fn(fid).anon_children.append(ir.fid)
        return ir

    v_function_expression = _function_expr
    v_function = _function_expr
    v_generator_function = _function_expr
    v_arrow_function = _function_expr

    def v_class(self, node: Node, fid: str) -> IR:
        own = node.child_by_field_name("name")
        return self.class_expression(node, fid, node_text(own) if own is not None else None, None)

    def class_expression(self, node: Node, fid: str, own: str | None, name: str | None) -> IR:
        """A class expression: named by its own name, else by `name` (of the declarator). Its own name
        is bound inside the class only (`var Kh = class t { static create() { return new t() } }`):
        each method sees it unless a name of the method's own hides it."""
        ir = self.klass(node, fid, own if own is not None else name)
        if own is not None and isinstance(ir, ClassRef):
            for mfid in self.mod.classes[ir.cid].methods.values():
                self.fn(mfid).bindings.setdefault(own, ir)
        return ir

    # -- definitions ---------------------------------------------------------------------------
    def function(self, node: Node, parent: str, name: str | None, kind: str = "function", cls: str | None = None) -> Fn:
        facts = self.new_function(node, parent, name, kind, cls)
        fid = facts.fid
        params = node.child_by_field_name("parameters")
        single = node.child_by_field_name("parameter")
        names: list[str] = []
        if single is not None:
            facts.bindings[node_text(single)] = Param(fid, 0)
            names.append(node_text(single))
        elif params is not None:
            index = 0
            for p in params.named_children:
                if p.type in ("comment", "this"):
                    continue
                pattern = p
                given: IR = Param(fid, index)
                if p.type in ("required_parameter", "optional_parameter"):
                    pattern = p.child_by_field_name("pattern") or p
                    default = p.child_by_field_name("value")
                    if default is not None:
                        # TypeScript's `host: string = "localhost"`: the argument, or the default when
                        # the call leaves it out (as JavaScript's `assignment_pattern`)
                        given = Or(given, self.visit(default, fid))
                if pattern.type == "this":
                    continue
                names.append(node_text(pattern)[:40])
                self.bind_pattern(pattern, given, fid)
                index += 1
        facts.params = tuple(names)
        body = node.child_by_field_name("body")
        # an async function or a generator that throws hands back a rejected promise or an iterator
        facts.throws = not any(c.type in ("async", "*") for c in node.children) and always_throws(body)
        if body is not None:
            if body.type == "statement_block":
                self.statements(body.named_children, fid)
                if len(facts.returns) > 1 and any(c.type == "if_statement" for c in body.named_children):
                    facts.result = self.guarded_result(body.named_children)
            else:
                facts.returns.append(self.visit(body, fid))
        return Fn(fid)

    def klass(self, node: Node, parent: str, name: str | None) -> IR:
        line = node.start_point[0] + 1
        cname = name or f"<class@{line}>"
        cid = f"{self.path}:{cname}"
        if cid in self.mod.classes:
            cid = f"{cid}@{line}"
        superclass: IR | None = None
        body = node.child_by_field_name("body")
        facts = ClassFacts(cid=cid, name=cname, path=self.path, line=line, superclass=None)
        self.mod.classes[cid] = facts
        for child in node.named_children:
            if child.type == "class_heritage":
                for clause in child.named_children:
                    if clause.type == "extends_clause":
                        value = clause.child_by_field_name("value")
                        if value is not None:
                            superclass = self.visit(value, parent)
                    elif clause.type != "implements_clause":
                        superclass = self.visit(clause, parent)
        facts.superclass = superclass
        if body is not None:
            for member in body.named_children:
                t = member.type
                if t == "method_definition":
                    key = member.child_by_field_name("name")
                    mname = self.prop_name(key, parent) if key is not None else "?"
                    ir = self.function(member, parent, f"{cname}.{mname}", "method", cid)
                    facts.methods.setdefault(mname, ir.fid)
                elif t in ("public_field_definition", "field_definition"):
                    key = member.child_by_field_name("name") or member.child_by_field_name("property")
                    value = member.child_by_field_name("value")
                    fname = self.prop_name(key, parent) if key is not None else "?"
                    if value is None:
                        declared = _declared_class(member.child_by_field_name("type"))
                        if declared is not None:  # `private client: QdrantClient;` (TypeScript)
                            facts.fields.setdefault(fname, New(Id(declared, parent), ()))
                            self.declared_fields.add((cid, fname))
                        continue
                    inner = value
                    while inner.type in _TRANSPARENT and inner.named_children:
                        inner = inner.named_children[0]
                    if inner.type in _FUNCTION_TYPES:
                        ir = self.function(inner, parent, f"{cname}.{fname}", "method", cid)
                        facts.methods.setdefault(fname, ir.fid)
                    else:
                        facts.fields[fname] = self.visit(value, parent)
                elif t == "class_static_block":
                    self.visit_children(member, parent)
        self.merge_field_adds(cid)
        return ClassRef(cid)


_MAX_ADDED_PROPERTIES = 256  # an object literal given more properties by assignment is left as it is


def _empty_literal(ir: IR) -> bool:
    """`[]` or `{}` as written (not a Map or Set being filled)."""
    return (isinstance(ir, Arr) and not ir.items and not ir.collection) or (isinstance(ir, Obj) and not ir.entries)


def _mentions(ir: IR, name: str) -> bool:
    """Whether an expression reads the local name `name` (looked at up to a few hundred nodes; past
    that it is taken to)."""
    stack: list[object] = [ir]
    seen = 0
    while stack:
        node = stack.pop()
        seen += 1
        if seen > 400:
            return True
        if isinstance(node, Id):
            if node.name == name:
                return True
        elif isinstance(node, tuple):
            stack.extend(node)
        elif isinstance(node, IRNode) and not isinstance(node, Fn):
            stack.extend(children(node))
    return False


def _declared_class(annotation: Node | None) -> str | None:
    """The class a TypeScript field's type names (`: QdrantClient`, `: Client | null`), if one plain name."""
    if annotation is None:
        return None
    names = [n for n in annotation.named_children if n.type != "comment"]
    if len(names) == 1 and names[0].type == "union_type":
        names = [n for n in names[0].named_children if n.type not in ("literal_type", "predefined_type")]
    if len(names) == 1 and names[0].type == "type_identifier":
        return node_text(names[0])
    return None


# the key of the statements after a dispatch (`statements`): never a tool's name
REST_KEY = "\x00rest"
_TERMINATORS = ("return_statement", "throw_statement")


@dataclass
class _Dispatched:
    """A switch/if dispatch on a name: where it starts, its group, the branches that always
    return or throw (`closed`) and those that may go on after it (`open`)."""

    start: int
    group: str
    closed: list[str]
    open: list[str]


def _terminates(node: Node) -> bool:
    """Whether a statement always returns or throws (never reaches the statement after it)."""
    t = node.type
    if t in _TERMINATORS:
        return True
    if t == "statement_block":
        return _terminates_list(node.named_children)
    if t == "else_clause":
        return _terminates_list(node.named_children)
    if t == "if_statement":
        cons = node.child_by_field_name("consequence")
        alt = node.child_by_field_name("alternative")
        return cons is not None and alt is not None and _terminates(cons) and _terminates(alt)
    if t == "try_statement":
        body = node.child_by_field_name("body")
        handler = node.child_by_field_name("handler")
        caught = handler.child_by_field_name("body") if handler is not None else None
        return body is not None and _terminates(body) and (caught is None or _terminates(caught))
    return False


def _terminates_list(stmts: list[Node]) -> bool:
    real = [s for s in stmts if not _is_comment(s)]
    return bool(real) and _terminates(real[-1])


def _is_comment(node: Node) -> bool:
    return node.type in ("comment", "empty_statement")


def _dispatch_subject(node: Node) -> str | None:
    """The tested expression of a statement that dispatches on a name (`switch (name)`,
    `if (name === "x")`), written as `_dispatch_group` normalises it; None for other statements."""
    text: str | None = None
    if node.type == "switch_statement":
        value = node.child_by_field_name("value")
        text = node_text(value) if value is not None else None
    elif node.type == "if_statement":
        cond = node.child_by_field_name("condition")
        while cond is not None and cond.type == "parenthesized_expression" and cond.named_children:
            cond = cond.named_children[0]
        if cond is None or cond.type != "binary_expression":
            return None
        op = cond.child_by_field_name("operator")
        left = cond.child_by_field_name("left")
        right = cond.child_by_field_name("right")
        if op is None or node_text(op) not in ("===", "==") or left is None or right is None:
            return None
        if right.type == "string" and left.type != "string":
            text = node_text(left)
        elif left.type == "string" and right.type != "string":
            text = node_text(right)
        elif _names_value(left) and _names_value(right):
            text = node_text(left)
    if text is None:
        return None
    return _dispatch_group("", text)[len("#on:"):]


def _dispatch_group(fid: str, subject: str) -> str:
    """One dispatch group per function (the function itself, not a branch of it) and tested
    expression: an `if (name === A)` before a `switch (name) { case B: … }` is the same dispatch
    on `name`, also when the switch is in the statements after the `if` (a `#rest` branch)."""
    subject = " ".join(subject.split())
    while subject.startswith("(") and subject.endswith(")"):
        subject = subject[1:-1].strip()
    return f"{fid}#on:{subject}"


def _declared_names(declaration: Node) -> list[str]:
    if declaration.type in ("lexical_declaration", "variable_declaration"):
        out: list[str] = []
        for d in declaration.named_children:
            if d.type == "variable_declarator":
                n = d.child_by_field_name("name")
                if n is not None:
                    out.extend(_pattern_names(n))
        return out
    n = declaration.child_by_field_name("name")
    return [node_text(n)] if n is not None else []


def _pattern_names(node: Node) -> list[str]:
    if node.type == "identifier":
        return [node_text(node)]
    out: list[str] = []
    for child in node.named_children:
        if child.type in ("identifier", "shorthand_property_identifier_pattern"):
            out.append(node_text(child))
        else:
            out.extend(_pattern_names(child))
    return out


def _declares(node: Node, name: str) -> bool:
    """Whether a `let`/`const`/`var` inside `node` declares `name`."""
    stack = [node]
    while stack:
        cur = stack.pop()
        if cur.type == "variable_declarator":
            target = cur.child_by_field_name("name")
            if target is not None and target.type == "identifier" and node_text(target) == name:
                return True
        if cur.type not in _FUNCTION_TYPES or cur is node:
            stack.extend(cur.named_children)
    return False


def _substitute(ir: Any, name: str, by: IR, depth: int = 0) -> Any:
    """`ir` with every read of the local `name` (an `Id` of that name) replaced by `by`."""
    if depth > 64:
        return ir
    if isinstance(ir, Id):
        return by if ir.name == name else ir
    if not isinstance(ir, IRNode) or isinstance(ir, (Fn, Str, Num, Bool, Null, Undef, Unk, Param)):
        return ir
    fields = ir.__match_args__
    if not fields:
        return ir
    changed = False
    out: list[object] = []
    for f in fields:
        v = getattr(ir, f)
        if isinstance(v, IRNode):
            nv: object = _substitute(v, name, by, depth + 1)
        elif isinstance(v, tuple):
            nv = tuple(_substitute(x, name, by, depth + 1) if isinstance(x, IRNode) else x for x in v)
        else:
            nv = v
        changed = changed or nv is not v and nv != v
        out.append(nv)
    return type(ir)(*out) if changed else ir


def _awaited_callee(func: Node) -> Node | None:
    """The callee of `await (0, m.f)(…)` (tsc's output), which tree-sitter parses as a call of an identifier
    `await` whose result is called: the last expression inside its parentheses; None for any other callee."""
    if func.type != "call_expression":
        return None
    inner = func.child_by_field_name("function")
    args = func.child_by_field_name("arguments")
    if inner is None or args is None or inner.type != "identifier" or node_text(inner) != "await":
        return None
    named = [a for a in args.named_children if a.type != "comment"]
    return named[-1] if named and named[-1].type != "spread_element" else None


def _written_callee(func: Node) -> Node:
    """The callee as the call names it: `m.f` of tsc's `(0, m.f)(…)` and of `await (0, m.f)(…)`."""
    for _ in range(8):
        awaited = _awaited_callee(func)
        if awaited is not None:
            func = awaited
            continue
        if func.type == "parenthesized_expression":
            named = [c for c in func.named_children if c.type != "comment"]
            if len(named) == 1 and named[0].type == "sequence_expression":
                last = [c for c in named[0].named_children if c.type != "comment"]
                if last:
                    func = last[-1]
                    continue
        break
    return func


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= 80 else text[:77] + "..."


def _made_by_create_require(value: IR) -> bool:
    """`const require = createRequire(import.meta.url)` (node:module): a require like the global one."""
    match value:
        case Call(Imp(spec, "createRequire", _), _, _, _) | Call(Mem(Req(spec, _), "createRequire"), _, _, _):
            return spec in ("module", "node:module")
    return False


def _snippet(node: Node) -> str:
    return _short(node_text(node))


_CONDITIONAL = frozenset({"if_statement", "else_clause", "switch_statement", "for_statement", "for_in_statement",
                          "while_statement", "do_statement", "try_statement", "catch_clause", "finally_clause",
                          "ternary_expression", "binary_expression"})


def _conditional(node: Node) -> bool:
    """Whether a statement may not run each time its function does (inside a branch, loop, try or a
    short-circuit), up to the nearest enclosing function."""
    cur = node.parent
    while cur is not None and cur.type not in _FUNCTION_TYPES and cur.type != "program":
        if cur.type in _CONDITIONAL:
            return True
        cur = cur.parent
    return False


MAX_STEPS = 3  # reassignments of one variable read in order (`reassign_step`)


def _nested_either(ir: IR) -> int:
    n = 0
    while isinstance(ir, Either) and n < 64:
        ir, n = ir.a, n + 1
    return n


_COMPARISONS = frozenset({"<", ">", "<=", ">=", ">>"})
# binary operators kept as a test (`Cmp`) for the evaluator to decide conditions with
_TESTS = frozenset({"===", "!==", "==", "!=", "<", ">", "<=", ">=", "&&"})
_SPAWNS = frozenset({"spawn", "fork", "exec", "execSync", "execFile", "execFileSync", "spawnSync"})
_EXITS = frozenset({"break_statement", "return_statement", "throw_statement"})


def _limits(left: Node | None, right: Node | None) -> bool:
    """A comparison that can set a limit: not a sign test against 0 or 1 (`n < 1`, `n > 0`)."""
    for side in (left, right):
        if side is not None and side.type == "number":
            try:
                if float(node_text(side).replace("_", "")) <= 1:
                    return False
            except ValueError:
                pass
    return True


def _gated(node: Node) -> bool:
    """A comparison that bounds only under another condition: `SANDBOX && n > 8` (`&&` with an
    operand that compares none of its names) leaves `n` unbounded otherwise."""
    child, parent = node, node.parent
    while parent is not None and parent.type == "parenthesized_expression":
        child, parent = parent, parent.parent
    if parent is None or parent.type != "binary_expression":
        return False
    op = parent.child_by_field_name("operator")
    if op is None or node_text(op) != "&&":
        return False
    other = parent.child_by_field_name("right") if parent.child_by_field_name("left") == child \
        else parent.child_by_field_name("left")
    mine = {_last_name(node.child_by_field_name("left")), _last_name(node.child_by_field_name("right"))} - {None}
    if other is None:
        return False
    return not any(n.type == "identifier" and node_text(n) in mine for n in _descendants(other)) and \
        not any(n.type == "property_identifier" and node_text(n) in mine for n in _descendants(other))


def _descendants(node: Node) -> list[Node]:
    out: list[Node] = []
    stack = [node]
    while stack:
        n = stack.pop()
        out.append(n)
        stack.extend(n.named_children)
    return out


def _last_name(node: Node | None) -> str | None:
    """`n` of `n` or `x.n` (the name a comparison bounds)."""
    while node is not None and node.type in _TRANSPARENT and node.named_children:
        node = node.named_children[0]
    if node is None:
        return None
    if node.type == "identifier":
        return node_text(node)
    if node.type == "member_expression":
        prop = node.child_by_field_name("property")
        return node_text(prop) if prop is not None else None
    return None


def _always_true(cond: Node) -> bool:
    """`(true)`, `(1)`, `(!0)`."""
    return " ".join(node_text(cond).split()).replace(" ", "") in ("(true)", "(1)", "(!0)")


def _counted_bound(init: Node | None, cond: Node | None) -> str | None:
    """The bound of `for (let i = 0; i < bound; …)` (let or var, a number to start from), as written."""
    if init is None or cond is None or init.type not in ("lexical_declaration", "variable_declaration"):
        return None
    if node_text(init).split(None, 1)[0] not in ("let", "var"):
        return None
    decls = [c for c in init.named_children if c.type == "variable_declarator"]
    if len(decls) != 1:
        return None
    name, value = decls[0].child_by_field_name("name"), decls[0].child_by_field_name("value")
    if name is None or value is None or name.type != "identifier" or value.type != "number":
        return None
    if cond.type == "expression_statement" and cond.named_children:  # older grammars wrap the condition
        cond = cond.named_children[0]
    left, op, right = (cond.child_by_field_name(f) for f in ("left", "operator", "right"))
    if cond.type != "binary_expression" or left is None or op is None or right is None:
        return None
    if node_text(left) != node_text(name) or node_text(op) not in ("<", "<="):
        return None
    return " ".join(node_text(right).split())


def _loop_body(body: Node) -> tuple[bool, str | None, bool]:
    """Whether a loop body can leave (break/return/throw anywhere in it), the first callee in it
    that starts a process or worker (`spawn`, `cp.fork`, `cluster.fork`, `new Worker`), whether it
    grows an array or a string (`.push(…)`, `+=`)."""
    exits, spawn, grows = False, None, False
    stack = [body]
    while stack:
        node = stack.pop()
        t = node.type
        if t in _EXITS:
            exits = True
        elif t == "call_expression":
            func = node.child_by_field_name("function")
            text = node_text(func) if func is not None else ""
            last = text.rsplit(".", 1)[-1].strip()
            if spawn is None and last in _SPAWNS:
                spawn = "cluster.fork" if text.replace(" ", "") == "cluster.fork" else last
            if last == "push" and "." in text:
                grows = True
        elif t == "new_expression" and spawn is None:
            ctor = node.child_by_field_name("constructor")
            if ctor is not None and node_text(ctor) == "Worker":
                spawn = "new Worker"
        elif t == "augmented_assignment_expression":
            op = node.child_by_field_name("operator")
            grows = grows or (op is not None and node_text(op) == "+=")
        stack.extend(reversed(node.named_children))
    return exits, spawn, grows


def extract_module(path: str, language: str, source: bytes) -> ModuleFacts:
    """Parse and extract one file. Pure function of its inputs (runs in a worker)."""
    recovered = parse_recovering(language, source)
    counted = editor_bytes(source)  # a lone \r ends a line, as for the parser
    lines = counted.count(b"\n") + (0 if counted.endswith(b"\n") else 1)
    extractor = Extractor(path, language, max(lines, 1))
    mod = extractor.run(recovered.tree.root_node)
    mod.syntax_error_lines = sorted(set(mod.syntax_error_lines) | set(recovered.error_lines))
    mod.skipped_lines = recovered.skipped
    mod.recovery_gave_up_at = recovered.gave_up_at
    return mod


def _is_array_literal(node: Node | None) -> bool:
    return node is not None and node.type == "array"


def _strings_written(node: Node) -> Arr | None:
    """An array literal of strings only, as IR; None for any other."""
    items = [c for c in node.named_children if c.type != "comment"]
    if not items or any(c.type != "string" for c in items):
        return None
    return Arr(tuple(Str(string_value(c)) for c in items))


def _names_value(node: Node) -> bool:
    """A name or a property read: `name`, `ToolName.ECHO`, `NAMES["ECHO"]`."""
    return node.type in ("member_expression", "identifier") or _literal_subscript(node)


def _literal_subscript(node: Node) -> bool:
    """`NAMES["EDIT"]` (a property read written with brackets, as minifiers and obfuscators do)."""
    if node.type != "subscript_expression":
        return False
    index = node.child_by_field_name("index")
    return index is not None and index.type == "string"
