"""Where a decorator's body runs: once per application on a `def` of the package.

`@register` / `@factory(args)` on `def g` (or on `class C`) runs the decorator with its first parameter bound to `g`
(and, for a factory, the factory's parameters bound to the arguments of `factory(args)`). A
decorator that records what it decorates in a module-level registry (`_tools.append((fn.__name__,
wrapper))`, `REGISTRY[name] = fn`) fills that registry once per application; the evaluator reads
the registry through these scopes (`Evaluator.owner_scopes`), so a later loop `for name, fn in
_tools: mcp.tool()(fn)` sees every decorated function.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.values import Func, Klass, Value

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator


class Applications:
    """The decorator applications of one program, indexed once on first use."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev
        self._index: dict[str, list[Scope]] | None = None
        self._building = False

    def scopes(self, qualname: str) -> list[Scope]:
        """One scope per application of the decorator `qualname` (empty when it decorates nothing,
        and while the index is being built: a decorator evaluated meanwhile runs in its plain scope)."""
        if self._index is None:
            if self._building:
                return []
            self._building = True
            try:
                self._index = self._build()
            finally:
                self._building = False
        return self._index.get(qualname, [])

    def _build(self) -> dict[str, list[Scope]]:
        ev, funcs = self.ev, self.ev.p.funcs
        out: dict[str, list[Scope]] = {}
        decorated: list[tuple[str, Value, list[ast.expr], Scope]] = []
        for q in sorted(funcs):
            g = funcs[q]
            if isinstance(g.node, ast.Lambda) or not g.decorators:
                continue
            decorated.append((q, Func(q), g.decorators, ev.def_scope(g)))
        for q in sorted(ev.p.classes):  # a class decorator (`@register class ReadTool(BaseTool)`) runs on the class
            c = ev.p.classes[q]
            if c.node.decorator_list:
                parent = ev.class_scope(q).parent
                if parent is not None:
                    decorated.append((q, Klass(q), c.node.decorator_list, parent))
        for q in sorted(ev.p.classes):
            # `__init_subclass__` of a package base class runs once per subclass, its `cls` that subclass
            # (`_TOOL_CLASSES.append(cls)` collects every subclass defined)
            hook = next((ev.p.classes[k].methods["__init_subclass__"] for k in ev.mro(q)[0][1:]
                         if k in ev.p.classes and "__init_subclass__" in ev.p.classes[k].methods), None)
            f = funcs.get(hook) if hook else None
            if hook and f is not None and not isinstance(f.node, ast.Lambda) and f.params:
                out.setdefault(hook, []).append(ev.bound(f, {f.params[0]: frozenset({Klass(q)})}, None))
        for q, target, decorators, at in decorated:
            for dec in decorators:
                if isinstance(dec, ast.Call):
                    for v in sorted(ev.ev(dec.func, at), key=repr):
                        factory = funcs.get(v.qualname) if isinstance(v, Func) else None
                        if factory is None or isinstance(factory.node, ast.Lambda):
                            continue
                        inner = [r.qualname for r in sorted(ev.returns(factory.qualname), key=repr)
                                 if isinstance(r, Func) and r.qualname in funcs and funcs[r.qualname].parent == factory.qualname]
                        if not inner:
                            continue
                        made = ev.bound(factory, ev.bind_call(factory, dec, at, skip_receiver=False))
                        for d in inner:
                            self._apply(out, d, target, made)
                else:
                    for v in ev.ev(dec, at):
                        if isinstance(v, Func) and v.qualname in funcs and v.qualname != q:
                            self._apply(out, v.qualname, target, None)
        return out

    def _apply(self, out: dict[str, list[Scope]], decorator: str, decorated: Value, parent: Scope | None) -> None:
        d = self.ev.p.funcs[decorator]
        if isinstance(d.node, ast.Lambda) or not d.params:
            return
        first = d.params[1] if d.klass and not d.is_static and len(d.params) > 1 else d.params[0]
        out.setdefault(decorator, []).append(self.ev.bound(d, {first: frozenset({decorated})}, parent))
