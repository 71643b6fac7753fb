"""HTTP clients made with a base URL: `httpx.AsyncClient(base_url=f"{config.cloud_host}/proxy")`
sends `client.get("/projects")` to `https://cloud.example.com/proxy/projects`.

`made` is the library table's handler for the constructors: an object that keeps the constant start
of its base URL (written in the code, or the default a setting falls back to: a pydantic or dataclass
field default, `os.getenv("X", "https://…")`), or the name of the setting when the server's
configuration alone chooses it. `request_base` is the base of the client a request is made on
(through a parameter of a module-level function: the clients its calls pass, `Evaluator.owner_scopes`);
`joined` the request's destination. An absolute URL argument overrides the base, as in the libraries.
"""

from __future__ import annotations

import ast
from collections.abc import Callable
from typing import TYPE_CHECKING

from mcpvet.frontends.python.callsites import positional_params
from mcpvet.frontends.python.values import EMPTY, ClientInst, Const, Ext, ExtInst, Func, Instance, Klass, Value, one

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.index import FuncInfo
    from mcpvet.frontends.python.scopes import Scope

# constructors of HTTP clients that take a base URL, and the position it may be passed at (None: keyword only)
BASE_URL_CLIENTS: dict[str, int | None] = {
    "httpx.Client": None,
    "httpx.AsyncClient": None,
    "aiohttp.ClientSession": 0,
}
_CLIENT_TYPES = frozenset(BASE_URL_CLIENTS)
MAX_OWNER_SCOPES = 8
MAX_CALL_SITES = 64
MAX_DEPTH = 4


def _base_node(q: str, node: ast.Call) -> ast.expr | None:
    for kw in node.keywords:
        if kw.arg == "base_url":
            return kw.value
    position = BASE_URL_CLIENTS.get(q)
    if position is not None and len(node.args) > position and not any(
            isinstance(a, ast.Starred) for a in node.args[: position + 1]):
        return node.args[position]
    return None


def _prefix(ev: Evaluator, node: ast.expr, scope: Scope) -> str:
    """The constant start of a URL (with its scheme) in `scope`, or, for a parameter of a module-level
    function, the one start every call passes; "…" ends a partial one; empty when unknown."""
    from mcpvet.frontends.python.taint import prefix_of  # the evaluator's helpers for string starts

    text, done = prefix_of(ev, node, scope)
    if "://" in text:
        return text if done else f"{text}…"
    f = scope.func
    if f is None or f.klass is not None or f.parent is not None:
        return ""
    found = {prefix_of(ev, node, s) for s in ev.owner_scopes(f.qualname)[:MAX_OWNER_SCOPES]}
    if len(found) == 1:
        text, done = next(iter(found))
        if "://" in text:
            return text if done else f"{text}…"
    return ""


def _setting(ev: Evaluator, node: ast.expr, scope: Scope) -> str:
    """What names a base URL read from the server's configuration (`os.environ["API_URL"]`, a member
    of a settings object), or empty."""
    from mcpvet.frontends.python.taint import is_setting

    return ast.unparse(node)[:80] if is_setting(node, scope.func) else ""


def base_of(ev: Evaluator, node: ast.expr, scope: Scope) -> tuple[str, str]:
    """(constant start of the base URL, setting name): the start as written, else the default the
    server runs with when no setting is given, else the setting that chooses it."""
    text = _prefix(ev, node, scope)
    if text:
        return text, ""
    if not ev.setting_defaults:
        key = id(node)
        cached = ev.client_bases.get(key)
        if cached is None:
            ev.client_bases[key] = ("", "")  # cycle guard
            with ev.at_setting_defaults():
                cached = (_prefix(ev, node, scope), "")
            if not cached[0]:
                cached = ("", _setting(ev, node, scope))
            ev.client_bases[key] = cached
        return cached
    return "", ""


def _made(q: str) -> Callable[[Evaluator, ast.Call, Scope], frozenset[Value] | None]:
    def handler(ev: Evaluator, node: ast.Call, scope: Scope) -> frozenset[Value] | None:
        base_node = _base_node(q, node)
        if base_node is None:
            return None
        base, setting = base_of(ev, base_node, scope)
        return one(ClientInst(q, base=base, setting=setting)) if base or setting else None
    return handler


MADE: dict[str, Callable[[Evaluator, ast.Call, Scope], frozenset[Value] | None]] = {
    q: _made(q) for q in BASE_URL_CLIENTS}


def _receivers(ev: Evaluator, node: ast.expr, scope: Scope, depth: int = 0) -> frozenset[Value]:
    """What a request's receiver holds. Where the evaluator knows it only by its annotation, what the
    package passes: for a parameter (also one a lambda or nested function reads) of a module-level
    function, the arguments of its calls; for `self.client` of a method, what the class's builds pass
    to the `__init__` parameter it is assigned from."""
    values = ev.ev(node, scope)
    if depth > MAX_DEPTH or any(isinstance(v, ClientInst) for v in values):
        return values
    if isinstance(node, ast.Name):
        s: Scope | None = scope
        while s is not None and s.func is not None and node.id not in s.func.params:
            s = s.parent if s.parent is not None and s.parent.kind == "func" else None
        f = s.func if s is not None else None
        if f is not None and f.klass is None and f.parent is None:
            return _passed(ev, f, node.id, Func(f.qualname), f.name, False, depth) or values
        return values
    f = scope.func
    if isinstance(node, ast.Attribute) and isinstance(node.value, ast.Name) and f is not None and f.klass \
            and not f.is_static and f.params and node.value.id == f.params[0]:
        return _attribute(ev, f.klass, node.attr, depth) or values
    return values


def _attribute(ev: Evaluator, klass: str, attr: str, depth: int) -> frozenset[Value]:
    """`self.<attr>` of a `klass` object assigned in `__init__` from one of its parameters: what the
    package's builds of the class pass for it (empty: not known)."""
    out: set[Value] = set()
    for k in ev.mro(klass)[0]:
        c = ev.p.classes.get(k)
        for expr, fq in (c.inst_attrs.get(attr, ()) if c is not None else ()):
            init = ev.p.funcs.get(fq)
            if init is None or init.name != "__init__" or k != klass or not isinstance(expr, ast.Name) \
                    or expr.id not in init.params:
                return EMPTY
            found = _passed(ev, init, expr.id, Klass(klass), klass.rsplit(".", 1)[-1], True, depth)
            if not found:
                return EMPTY
            out |= found
    return frozenset(out)


def _passed(ev: Evaluator, f: FuncInfo, name: str, callee: Value, called: str, skip_receiver: bool,
            depth: int) -> frozenset[Value]:
    """What the package's calls of `f` (a module-level function, or a class's `__init__`: `callee`, called
    by the name `called`) pass for one parameter (empty: not known, more calls than the budget, or none)."""
    sites = ev.call_index.named(called)
    if not sites or len(sites) > MAX_CALL_SITES:
        return EMPTY
    positional = positional_params(f, skip_receiver)
    out: set[Value] = set()
    for call, module, caller in sites:
        at = ev.func_scope(caller) if caller else ev.module_scope(module)
        if callee not in ev.ev(call.func, at):
            continue
        arg = next((kw.value for kw in call.keywords if kw.arg == name), None)
        if arg is None and name in positional and positional.index(name) < len(call.args):
            arg = call.args[positional.index(name)]
        if arg is None or any(isinstance(a, ast.Starred) for a in call.args):
            return EMPTY
        out |= _receivers(ev, arg, at, depth + 1)
    return frozenset(out)


def request_base(ev: Evaluator, call: ast.Call, scope: Scope) -> ClientInst | None:
    """The client with a base URL a request `client.get(...)` is made on, when every object the
    receiver may hold is one with the same base (an object without one, or two bases: None)."""
    if not isinstance(call.func, ast.Attribute):
        return None
    values = _receivers(ev, call.func.value, scope)
    clients = {v for v in values if isinstance(v, ClientInst)}
    others = [v for v in values if v not in clients and not (isinstance(v, Instance) and _in_process(ev, v.klass))]
    if not clients or any(isinstance(v, (ExtInst, Instance, Const)) for v in others):
        return None  # another client (no base, another type) may make this request
    return _merged(clients)


def _merged(clients: set[ClientInst]) -> ClientInst | None:
    """One client for several that may make a request: the same one; clients of one host (a service's
    API and its control plane) as the start they share; else None."""
    if len(clients) == 1:
        return next(iter(clients))
    if any(c.setting or not c.base or not fixed_host(c) for c in clients):
        return None
    hosts = {c.base.split("://", 1)[1].split("/", 1)[0].rstrip("…") for c in clients}
    if len(hosts) != 1:
        return None
    bases = sorted(c.base.removesuffix("…") for c in clients)
    common = bases[0]
    for b in bases[1:]:
        while not b.startswith(common):
            common = common[:-1]
    return ClientInst(min(c.qualname for c in clients), base=f"{common}…")  # the same whatever the set's order


_IN_PROCESS = frozenset({"httpx.ASGITransport", "httpx.WSGITransport", "httpx.MockTransport"})


def _in_process(ev: Evaluator, klass: str) -> bool:
    """A package subclass of an HTTP client every construction of which passes an in-process transport
    (`LocalASGIClient(transport=ASGITransport(app=app), base_url="http://test")`): its requests never
    leave the process."""
    if not any(base in _CLIENT_TYPES for base in ev.mro(klass)[1]):
        return False
    short = klass.rsplit(".", 1)[-1]
    seen = False
    for call, module, caller in ev.call_index.named(short)[:MAX_CALL_SITES]:
        at = ev.func_scope(caller) if caller else ev.module_scope(module)
        if Klass(klass) not in ev.ev(call.func, at):
            continue
        transport = next((kw.value for kw in call.keywords if kw.arg == "transport"), None)
        made = ev.ev(transport.func, at) if isinstance(transport, ast.Call) else EMPTY
        if not made or not all(isinstance(v, Ext) and v.qualname in _IN_PROCESS for v in made):
            return False
        seen = True
    return seen


def joined(base: ClientInst, relative: str, done: bool) -> str:
    """The destination of a relative request path on a client's base ("…" where not known): the
    libraries put a relative path under the base's host, so a path not known at all still ends
    that host (`http://supervisor/…`, not `http://supervisor…`, which would leave the host open)."""
    if base.base.endswith("…"):
        return base.base
    path = relative.lstrip("/")
    out = base.base.rstrip("/") + ("/" + path if path else "")
    if not done and not path and fixed_host(base):
        return f"{out}/…"  # a path not known statically, under a base whose host is known whole
    return out if done else f"{out}…"


def fixed_host(base: ClientInst) -> bool:
    """Whether the base URL's host is known whole (`https://api.example.com/v1`, not `https://api.…`)."""
    text = base.base.removesuffix("…")
    rest = text.split("://", 1)[1] if "://" in text else ""
    return bool(rest) and (not base.base.endswith("…") or any(c in rest for c in "/?#"))


def http_client(q: str) -> bool:
    """An object of an HTTP client type (`httpx.AsyncClient`, `requests.Session`)."""
    return q in _CLIENT_TYPES or q == "requests.Session"


def client_type(q: str) -> bool:
    """A request method of a client type that may have a base URL (`httpx.AsyncClient.get`)."""
    return q.rpartition(".")[0] in _CLIENT_TYPES

