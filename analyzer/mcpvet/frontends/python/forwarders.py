"""Calls that call a function they are handed, with the arguments that follow it.

A library forwarder (`asyncio.to_thread(fn, a, b)`, `loop.run_in_executor(None, fn, a)`) calls `fn(a, b)`;
so does a function of the package written as one (`async def _in_thread(operation, *args): return await
asyncio.to_thread(operation, *args)`, `def locked(fn, *args, **kw): ... return fn(*args, **kw)`). At a
call of either, the function handed over is called with the arguments the call gives after it: what
flows into them flows into its parameters.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.handoffs import EXECUTOR, LIBRARY
from mcpvet.frontends.python.receivers import argument_for
from mcpvet.frontends.python.values import Ext, ExtInst, Func, Value

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.index import FuncInfo

def library_skip(callees: Iterable[Value], *, later: bool = True) -> int:
    """How many arguments of a call of CALLEES come up to the function a library forwarder calls with the
    rest (1 for `to_thread(fn, a)`, 2 for `run_in_executor(None, fn, a)`); 0 when they are no forwarder.
    LATER: also `functools.partial`, whose function is called with those arguments later, not by the call."""
    names = {v.qualname.replace("()", "") for v in callees if isinstance(v, (Ext, ExtInst))}
    if not names or len(names) != len(set(callees)):
        return 0
    skips = {LIBRARY.get(n, 2 if n.endswith("." + EXECUTOR) else 0) for n in names
             if later or n != "functools.partial"}
    return skips.pop() if len(skips) == 1 else 0


@dataclass(frozen=True)
class Forward:
    """A package function that calls its parameter FN with its own extra positional arguments (VARARG,
    its `*args`) and extra keywords (KWARG, its `**kwargs`); None where it does not pass them on."""

    fn: str
    vararg: str | None
    kwarg: str | None


def package_forward(ev: Evaluator, f: FuncInfo) -> Forward | None:
    """FN's forwarding, when its own body calls one of its positional parameters with exactly its `*args`
    and/or `**kwargs` (directly or through a library forwarder); else None."""
    node = f.node
    if isinstance(node, ast.Lambda):
        return None
    a = node.args
    vararg = a.vararg.arg if a.vararg else None
    kwarg = a.kwarg.arg if a.kwarg else None
    if vararg is None and kwarg is None:
        return None
    positional = {x.arg for x in [*a.posonlyargs, *a.args]}
    for call in local_walk(node.body):
        if not isinstance(call, ast.Call) or not _passes_on(call.args, call.keywords, vararg, kwarg, tail=True):
            continue
        fn: ast.expr | None = call.func
        rest = call.args
        if not (isinstance(fn, ast.Name) and fn.id in positional):
            skip = library_skip(ev.ev(call.func, ev.func_scope(f.qualname)), later=False)
            fn = call.args[skip - 1] if 0 < skip <= len(call.args) else None
            rest = call.args[skip:]
        if isinstance(fn, ast.Name) and fn.id in positional and _passes_on(rest, call.keywords, vararg, kwarg):
            gives = _names(rest)
            return Forward(fn.id, vararg if vararg in gives else None,
                           kwarg if kwarg in {k.value.id for k in call.keywords if isinstance(k.value, ast.Name)} else None)
    return None


def _names(args: Sequence[ast.expr]) -> set[str]:
    return {s.value.id for s in args if isinstance(s, ast.Starred) and isinstance(s.value, ast.Name)}


def _passes_on(args: list[ast.expr], keywords: list[ast.keyword], vararg: str | None, kwarg: str | None,
               tail: bool = False) -> bool:
    """ARGS and KEYWORDS pass on nothing but `*VARARG` and `**KWARG`, at least one of them; TAIL: they may
    have leading arguments before (the library forwarder's own and the function)."""
    spread = [s for s in args if isinstance(s, ast.Starred)]
    if tail:
        args = args[len(args) - len(spread):] if spread else []
        if any(not isinstance(x, ast.Starred) for x in args):
            return False
    elif len(spread) != len(args):
        return False
    if len(spread) > 1 or len(keywords) > 1:
        return False
    star = _names(spread)
    double = {k.value.id for k in keywords if k.arg is None and isinstance(k.value, ast.Name)}
    if len(double) != len(keywords) or len(star) != len(spread):
        return False
    return bool(star or double) and star <= {vararg} and double <= {kwarg}


class Forwarders:
    """The forwarding of the package's functions, found once per function, and the calls forwarders make."""

    def __init__(self, ev: Evaluator) -> None:
        self.ev = ev
        self._memo: dict[str, Forward | None] = {}

    def of(self, qualname: str) -> Forward | None:
        """How the package function QUALNAME calls a function it is handed (`package_forward`)."""
        if qualname not in self._memo:
            f = self.ev.p.funcs.get(qualname)
            self._memo[qualname] = package_forward(self.ev, f) if f is not None else None
        return self._memo[qualname]

    def handed_call(self, call: ast.Call, callees: Iterable[Value], *, package: bool = True,
                    library: bool = True, later: bool = True) -> ast.Call | None:
        """The call CALL (of CALLEES) makes of the function it hands over, with the arguments it gives
        after it, at CALL's place: `fn(a, b)` for `asyncio.to_thread(fn, a, b)` (LIBRARY; LATER: also
        `functools.partial`) and for a PACKAGE forwarder `in_thread(fn, a, b)`; None for any other call."""
        callees = frozenset(callees)
        made: ast.Call | None = None
        skip = library_skip(callees, later=later) if library else 0
        if skip:
            if len(call.args) >= skip and not any(isinstance(a, ast.Starred) for a in call.args[:skip]):
                made = ast.Call(func=call.args[skip - 1], args=call.args[skip:], keywords=call.keywords)
        elif package:
            made = self._package_call(call, callees)
        return ast.copy_location(made, call) if made is not None else None

    def _package_call(self, call: ast.Call, callees: frozenset[Value]) -> ast.Call | None:
        targets = [v for v in callees if isinstance(v, Func)]
        if len(targets) != 1 or len(callees) != 1:
            return None
        fwd = self.of(targets[0].qualname)
        info = self.ev.p.funcs.get(targets[0].qualname) if fwd is not None else None
        if fwd is None or info is None or isinstance(info.node, ast.Lambda):
            return None
        receiver = bool(info.klass and not info.is_static and isinstance(call.func, ast.Attribute))
        given = argument_for(info, call, fwd.fn, skip_receiver=receiver)
        named = len(info.node.args.posonlyargs) + len(info.node.args.args) - int(receiver)
        if given is None or any(isinstance(a, ast.Starred) for a in call.args[:named]):
            return None
        rest = call.args[named:] if fwd.vararg else []
        keywords = [k for k in call.keywords if k.arg not in info.params] if fwd.kwarg else []
        return ast.Call(func=given, args=rest, keywords=keywords)
