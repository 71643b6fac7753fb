"""The package's modules, functions and classes, and every name binding in each scope.

Built once from the parsed trees; flow-insensitive (every assignment to a name in a scope counts).
Qualified names: `pkg.mod.func`, `pkg.mod.Class.method`, nested `pkg.mod.outer.inner`,
lambdas `pkg.mod.outer.<lambda:LINE>`, module-level code `pkg.mod.<module>`.
"""

from __future__ import annotations

import ast
from dataclasses import dataclass, field

from mcpvet.frontends.python.astwalk import children, local_walk, walk

FunctionNode = ast.FunctionDef | ast.AsyncFunctionDef | ast.Lambda


@dataclass
class Binding:
    """One way a name gets a value in a scope."""

    kind: str  # assign, for, with, import, importfrom, def, class, append, extend, setitem, param, unknown
    node: ast.AST | None = None  # value / iterable / context expression
    path: tuple[int, ...] = ()  # tuple-unpacking path into the value
    target: str = ""  # import: the qualified name imported; def/class: the qualified name
    extra: ast.AST | None = None  # setitem: the key expression
    level: int = 0  # relative import level
    owner: str = ""  # qualified name of the scope that holds the binding (module/func/class)


@dataclass
class FuncInfo:
    qualname: str
    node: FunctionNode
    module: str
    path: str
    klass: str | None  # qualified name of the class when this is a method
    parent: str | None  # qualified name of the enclosing function, if nested
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    global_names: set[str] = field(default_factory=set)
    params: list[str] = field(default_factory=list)
    decorators: list[ast.expr] = field(default_factory=list)
    is_static: bool = False
    is_classmethod: bool = False
    is_property: bool = False

    @property
    def name(self) -> str:
        return self.qualname.rsplit(".", 1)[-1]

    @property
    def line(self) -> int:
        return getattr(self.node, "lineno", 1)

    @property
    def end_line(self) -> int:
        return getattr(self.node, "end_lineno", None) or self.line


@dataclass
class ClassInfo:
    qualname: str
    node: ast.ClassDef
    module: str
    path: str
    parent: str | None  # enclosing function qualname, if the class is defined in a function
    bindings: dict[str, list[Binding]] = field(default_factory=dict)  # class body
    methods: dict[str, str] = field(default_factory=dict)
    inst_attrs: dict[str, list[tuple[ast.expr, str]]] = field(default_factory=dict)  # self.X = expr (in method)
    # self.X: T (= expr) in a method: the declared type, used when the assignments tell no type
    inst_decls: dict[str, list[tuple[ast.expr, str]]] = field(default_factory=dict)


@dataclass
class ModuleInfo:
    name: str
    path: str
    tree: ast.Module
    is_package: bool
    lines: int
    bindings: dict[str, list[Binding]] = field(default_factory=dict)
    # `NAME.attr = value` statements of the module's own body (not inside a definition): NAME ->
    # [(attr, value)] in source order (a tool object whose description is set after it is made)
    attr_sets: dict[str, list[tuple[str, ast.expr]]] = field(default_factory=dict)

    @property
    def module_node(self) -> str:
        return f"{self.name}.<module>"


@dataclass
class Program:
    modules: dict[str, ModuleInfo] = field(default_factory=dict)
    by_path: dict[str, ModuleInfo] = field(default_factory=dict)
    funcs: dict[str, FuncInfo] = field(default_factory=dict)
    classes: dict[str, ClassInfo] = field(default_factory=dict)
    lambda_names: dict[int, str] = field(default_factory=dict)  # id(ast.Lambda) -> qualified name
    # id(body) -> (the body, its local walk, the calls of it): each body of the trees walked once
    _walks: dict[int, tuple[list[ast.stmt], list[ast.AST], list[ast.Call]]] = field(default_factory=dict, repr=False)

    def local_nodes(self, body: list[ast.stmt]) -> list[ast.AST]:
        """`list(local_walk(body))` of a module's or a function's body, walked on first use."""
        return self._walk(body)[1]

    def local_calls(self, body: list[ast.stmt]) -> list[ast.Call]:
        """The calls among `local_nodes(body)`, in the same order."""
        return self._walk(body)[2]

    def _walk(self, body: list[ast.stmt]) -> tuple[list[ast.stmt], list[ast.AST], list[ast.Call]]:
        found = self._walks.get(id(body))
        if found is None or found[0] is not body:  # the body is kept with its walk: its id is never reused
            nodes = list(local_walk(body))
            found = self._walks[id(body)] = (body, nodes, [n for n in nodes if isinstance(n, ast.Call)])
        return found

    def add_module(self, name: str, path: str, tree: ast.Module, lines: int) -> None:
        is_package = path.endswith("__init__.py")
        info = ModuleInfo(name, path, tree, is_package, lines)
        if name in self.modules:  # two files claim one module name (e.g. src/ and a copy): keep the first
            return
        self.modules[name] = info
        self.by_path[path] = info
        _Indexer(self, info).index_module()


def resolve_relative(module: str, is_package: bool, level: int, target: str | None) -> str:
    """Absolute name of `from <level dots><target> import ...` inside `module`."""
    if level == 0:
        return target or ""
    parts = module.split(".")
    if not is_package:
        parts = parts[:-1]
    if level > 1:
        parts = parts[: len(parts) - (level - 1)] if level - 1 <= len(parts) else []
    base = ".".join(parts)
    if target:
        return f"{base}.{target}" if base else target
    return base


def target_paths(target: ast.expr, path: tuple[int, ...] = ()) -> list[tuple[str, tuple[int, ...]]]:
    """(name, index path into the assigned value) of each name an assignment target binds; a
    starred name gets the unknown path (-1,)."""
    if isinstance(target, ast.Name):
        return [(target.id, path)]
    if isinstance(target, (ast.Tuple, ast.List)):
        out: list[tuple[str, tuple[int, ...]]] = []
        for i, elt in enumerate(target.elts):
            if isinstance(elt, ast.Starred):
                out.extend((n, (-1,)) for n, _ in target_paths(elt.value))
            else:
                out.extend(target_paths(elt, path + (i,)))
        return out
    return []


def _decorator_name(node: ast.expr) -> str:
    if isinstance(node, ast.Name):
        return node.id
    if isinstance(node, ast.Attribute):
        return node.attr
    if isinstance(node, ast.Call):
        return _decorator_name(node.func)
    return ""


class _Indexer:
    """Walks one module and fills the Program's tables."""

    def __init__(self, program: Program, module: ModuleInfo) -> None:
        self.p = program
        self.m = module
        self._class_tables: dict[int, ClassInfo] = {}

    def index_module(self) -> None:
        self._scan_body(self.m.tree.body, self.m.bindings, prefix=self.m.name, func=None, klass=None, owner=self.m.name)

    # --- scopes
    def _add(self, table: dict[str, list[Binding]], name: str, b: Binding) -> None:
        table.setdefault(name, []).append(b)

    def _func(self, node: FunctionNode, qualname: str, klass: ClassInfo | None, parent: str | None) -> FuncInfo:
        info = FuncInfo(qualname, node, self.m.name, self.m.path, klass.qualname if klass else None, parent)
        args = node.args
        all_args = [*args.posonlyargs, *args.args, *args.kwonlyargs]
        if args.vararg:
            all_args.append(args.vararg)
        if args.kwarg:
            all_args.append(args.kwarg)
        info.params = [a.arg for a in all_args]
        for a in all_args:
            self._add(info.bindings, a.arg, Binding("param", a, owner=qualname))
        if not isinstance(node, ast.Lambda):
            info.decorators = list(node.decorator_list)
            names = {_decorator_name(d) for d in node.decorator_list}
            info.is_static = "staticmethod" in names
            info.is_classmethod = "classmethod" in names
            info.is_property = bool(names & {"property", "cached_property"})
        self.p.funcs[qualname] = info
        if isinstance(node, ast.Lambda):
            self._scan_expr(node.body, info, klass)
        else:
            self._scan_body(node.body, info.bindings, prefix=qualname, func=info, klass=klass, owner=qualname)
        return info

    def _scan_body(
        self,
        body: list[ast.stmt],
        table: dict[str, list[Binding]],
        *,
        prefix: str,
        func: FuncInfo | None,
        klass: ClassInfo | None,
        owner: str,
    ) -> None:
        for stmt in body:
            self._scan_stmt(stmt, table, prefix=prefix, func=func, klass=klass, owner=owner)

    def _scan_stmt(
        self,
        stmt: ast.stmt,
        table: dict[str, list[Binding]],
        *,
        prefix: str,
        func: FuncInfo | None,
        klass: ClassInfo | None,
        owner: str,
    ) -> None:
        if isinstance(stmt, (ast.FunctionDef, ast.AsyncFunctionDef)):
            qual = f"{prefix}.{stmt.name}"
            for d in stmt.decorator_list:
                self._scan_expr(d, func, klass)
            for default in [*stmt.args.defaults, *stmt.args.kw_defaults]:
                if default is not None:
                    self._scan_expr(default, func, klass)
            self._add(table, stmt.name, Binding("def", stmt, target=qual, owner=owner))
            in_class = self._class_of_body(table)
            parent = func.qualname if func else None
            self._func(stmt, qual, in_class, parent)
            if in_class is not None:
                in_class.methods.setdefault(stmt.name, qual)
            return
        if isinstance(stmt, ast.ClassDef):
            qual = f"{prefix}.{stmt.name}"
            for d in [*stmt.decorator_list, *stmt.bases]:
                self._scan_expr(d, func, klass)
            cinfo = ClassInfo(qual, stmt, self.m.name, self.m.path, func.qualname if func else None)
            self.p.classes[qual] = cinfo
            self._add(table, stmt.name, Binding("class", stmt, target=qual, owner=owner))
            self._class_tables[id(cinfo.bindings)] = cinfo
            self._scan_body(stmt.body, cinfo.bindings, prefix=qual, func=func, klass=cinfo, owner=qual)
            return
        if isinstance(stmt, ast.Import):
            for alias in stmt.names:
                if alias.asname:
                    self._add(table, alias.asname, Binding("import", target=alias.name, owner=owner))
                else:
                    top = alias.name.split(".")[0]
                    self._add(table, top, Binding("import", target=top, owner=owner))
            return
        if isinstance(stmt, ast.ImportFrom):
            base = resolve_relative(self.m.name, self.m.is_package, stmt.level or 0, stmt.module)
            for alias in stmt.names:
                if alias.name == "*":
                    self._add(table, "*", Binding("star", target=base, owner=owner))
                    continue
                self._add(
                    table, alias.asname or alias.name, Binding("importfrom", target=f"{base}.{alias.name}", owner=owner)
                )
            return
        if isinstance(stmt, (ast.Global, ast.Nonlocal)):
            if func is not None and isinstance(stmt, ast.Global):
                func.global_names.update(stmt.names)
            return
        if isinstance(stmt, ast.Assign):
            self._scan_expr(stmt.value, func, klass)
            for target in stmt.targets:
                self._bind_target(target, stmt.value, "assign", table, func, klass, owner)
            return
        if isinstance(stmt, ast.AnnAssign):
            if stmt.value is not None:
                self._scan_expr(stmt.value, func, klass)
                self._bind_target(stmt.target, stmt.value, "assign", table, func, klass, owner)
            if klass is not None and table is klass.bindings and isinstance(stmt.target, ast.Name):
                # a class-level annotation (dataclass / attrs / pydantic field, or a plain declaration)
                # tells what instances hold: `session: requests.Session = field(default_factory=...)`
                self._add(table, stmt.target.id, Binding("annotation", stmt.annotation, owner=owner))
            elif func is None and klass is None and isinstance(stmt.target, ast.Name):
                # a module global's declared type (`_client: QdrantClient | None = None`, set later
                # by a function through `global`): used when its assignments tell no type
                self._add(table, stmt.target.id, Binding("declared", stmt.annotation, owner=owner))
            elif func is not None and func.klass and isinstance(stmt.target, ast.Attribute) and \
                    isinstance(stmt.target.value, ast.Name) and func.params and stmt.target.value.id == func.params[0]:
                owner_class = self.p.classes.get(func.klass)
                if owner_class is not None:  # self.client: Optional[Client] = None
                    owner_class.inst_decls.setdefault(stmt.target.attr, []).append((stmt.annotation, func.qualname))
            return
        if isinstance(stmt, ast.AugAssign):
            self._scan_expr(stmt.value, func, klass)
            if isinstance(stmt.target, ast.Name):
                kind = "extend" if isinstance(stmt.op, ast.Add) else "unknown"
                self._bind(table, stmt.target.id, Binding(kind, stmt.value, owner=owner), func)
            return
        if isinstance(stmt, (ast.For, ast.AsyncFor)):
            self._scan_expr(stmt.iter, func, klass)
            self._bind_target(stmt.target, stmt.iter, "for", table, func, klass, owner)
            self._scan_body(stmt.body, table, prefix=prefix, func=func, klass=klass, owner=owner)
            self._scan_body(stmt.orelse, table, prefix=prefix, func=func, klass=klass, owner=owner)
            return
        if isinstance(stmt, (ast.With, ast.AsyncWith)):
            for item in stmt.items:
                self._scan_expr(item.context_expr, func, klass)
                if item.optional_vars is not None:
                    self._bind_target(item.optional_vars, item.context_expr, "with", table, func, klass, owner)
            self._scan_body(stmt.body, table, prefix=prefix, func=func, klass=klass, owner=owner)
            return
        if isinstance(stmt, ast.Expr):
            self._scan_expr(stmt.value, func, klass)
            self._mutation(stmt.value, table, func, owner)
            return
        # compound statements: recurse into every body
        for fieldname in ("body", "orelse", "finalbody"):
            sub = getattr(stmt, fieldname, None)
            if isinstance(sub, list):
                stmts = [s for s in sub if isinstance(s, ast.stmt)]
                self._scan_body(stmts, table, prefix=prefix, func=func, klass=klass, owner=owner)
        if isinstance(stmt, ast.Try) or type(stmt).__name__ == "TryStar":
            for handler in stmt.handlers:  # type: ignore[attr-defined]
                if handler.name:
                    self._bind(table, handler.name, Binding("unknown", owner=owner), func)
                self._scan_body(handler.body, table, prefix=prefix, func=func, klass=klass, owner=owner)
        if isinstance(stmt, ast.Match):
            self._scan_expr(stmt.subject, func, klass)
            for case in stmt.cases:
                for sub in ast.walk(case.pattern):
                    name = getattr(sub, "name", None)
                    if isinstance(name, str):
                        self._bind(table, name, Binding("unknown", owner=owner), func)
                self._scan_body(case.body, table, prefix=prefix, func=func, klass=klass, owner=owner)
        for child in children(stmt):
            if isinstance(child, ast.expr):
                self._scan_expr(child, func, klass)

    def _class_of_body(self, table: dict[str, list[Binding]]) -> ClassInfo | None:
        return self._class_tables.get(id(table))

    def _bind(self, table: dict[str, list[Binding]], name: str, b: Binding, func: FuncInfo | None) -> None:
        if func is not None and name in func.global_names:
            self._add(self.m.bindings, name, b)
        else:
            self._add(table, name, b)

    def _bind_target(
        self,
        target: ast.expr,
        value: ast.expr,
        kind: str,
        table: dict[str, list[Binding]],
        func: FuncInfo | None,
        klass: ClassInfo | None,
        owner: str,
    ) -> None:
        for name, path in target_paths(target):
            self._bind(table, name, Binding(kind, value, path=path, owner=owner), func)
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and func is None \
                and klass is None and table is self.m.bindings and kind == "assign":
            self.m.attr_sets.setdefault(target.value.id, []).append((target.attr, value))
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and func is not None:
            owner_class = self.p.classes.get(func.klass) if func.klass else None
            if owner_class is not None and func.params and target.value.id == func.params[0]:
                owner_class.inst_attrs.setdefault(target.attr, []).append((value, func.qualname))
        if isinstance(target, ast.Subscript) and isinstance(target.value, ast.Name) and kind == "assign":
            name = target.value.id
            self._bind(self._mutated_table(name, table, func), name,
                       Binding("setitem", value, extra=target.slice, owner=owner), func)
        if isinstance(target, (ast.Tuple, ast.List)):
            for elt in target.elts:
                if isinstance(elt, (ast.Attribute, ast.Subscript)):
                    self._bind_target(elt, ast.Constant(None), kind, table, func, klass, owner)

    def _mutation(self, expr: ast.expr, table: dict[str, list[Binding]], func: FuncInfo | None, owner: str) -> None:
        """`NAME.append(x)`, `NAME.extend(xs)`, `NAME.update(d)` add to what NAME holds."""
        if not (isinstance(expr, ast.Call) and isinstance(expr.func, ast.Attribute)):
            return
        base = expr.func.value
        if not isinstance(base, ast.Name) or not expr.args:
            return
        method = expr.func.attr
        table = self._mutated_table(base.id, table, func)
        if method in ("append", "add", "insert"):
            # a container's `append(x)`/`add(x)` takes one argument, `insert(i, x)` two: a method of that
            # name taking others (`pending.add(key, job)` of a package class) stores nothing in NAME here
            if len(expr.args) != (2 if method == "insert" else 1) or expr.keywords:
                return
            self._bind(table, base.id, Binding("append", expr.args[-1], owner=owner), func)
        elif method in ("extend", "update"):
            self._bind(table, base.id, Binding("extend", expr.args[0], owner=owner), func)

    def _mutated_table(self, name: str, table: dict[str, list[Binding]], func: FuncInfo | None) -> dict[str, list[Binding]]:
        """Where a mutation of NAME inside a function (`NAME.append(x)`, `NAME[k] = x`) is recorded: a
        name the function (or a function it is nested in) binds is its own; any other is the module's
        global (a registry filled by a decorator: `_tools.append((fn.__name__, fn))`), recorded in
        the module's table with the function as owner (evaluated once per call or application)."""
        if func is None or name in table or name in func.bindings or name in func.global_names:
            return table
        parent = func.parent
        while parent is not None:
            pf = self.p.funcs.get(parent)
            if pf is None:
                break
            if name in pf.bindings:
                return table
            parent = pf.parent
        return self.m.bindings

    def _scan_expr(self, expr: ast.AST | None, func: FuncInfo | None, klass: ClassInfo | None) -> None:
        """Index lambdas and walrus targets inside an expression."""
        if expr is None:
            return
        for node in walk(expr):
            if isinstance(node, ast.Lambda):
                if id(node) in self.p.lambda_names:
                    continue
                prefix = func.qualname if func else self.m.name
                qual = f"{prefix}.<lambda:{node.lineno}:{node.col_offset}>"
                self.p.lambda_names[id(node)] = qual
                self._func(node, qual, None, func.qualname if func else None)
            elif isinstance(node, ast.comprehension):
                table = func.bindings if func else self.m.bindings
                owner = func.qualname if func else self.m.name
                for name, path in target_paths(node.target):
                    self._add(table, name, Binding("for", node.iter, path=path, owner=owner))
            elif isinstance(node, ast.NamedExpr) and isinstance(node.target, ast.Name):
                table = func.bindings if func else self.m.bindings
                self._add(table, node.target.id, Binding("assign", node.value, owner=func.qualname if func else self.m.name))
