"""Shapes of Python functions read from the tree the frontend's parse worker has just built (the
`ast` tree, or the one converted from libcst for newer syntax): the constant text each function
returns, and the loops, recursions and allocations that can exhaust the machine. They travel in
`FrontendResult.functions` (`mcpvet.model.FunctionShape`); the facts stage matches them to tools
by their handler and call paths.

Returned text: the constant parts of every `return` / `yield` value — string constants,
f-strings and concatenations (`+`, `%`, `.format`) with their constant parts, `TextContent(text=…)`
and other call arguments, containers (dict values, list items), and local names assigned (`=`,
`+=`, `.append`) what is returned.

Exhaustion: a `while True` (or `itertools.count()`) loop with no `break`/`return`/`raise` that
forks, spawns processes or threads, or grows a collection; a `for … in range(n)` loop that spawns
where `n` comes from a parameter with no bound; a function that calls itself unconditionally and
spawns; a sequence repeated (`[0] * n`, `' ' * n`), `bytearray(n)`, `os.urandom(n)`,
`numpy.zeros(n)`… sized by a parameter with no bound (no ordering comparison, `min`/`max`, or
`Field(le=…)`), or by a constant of 10^8 or more. A sign test (`n < 1`) is no bound, nor a comparison
`and`-ed with a condition that involves no parameter (`SANDBOX and n > 8`: a limit in one mode only);
`len(tasks) * 1000` is sized by the parameter `tasks`. Exponential work sized by such a parameter:
a call of a function of the file that calls itself twice or more in one statement on its number
minus a constant and has no memo decorator (`exponential`), `permutations(p)` with no length `r`,
`product(…, repeat=n)`. A function handed to a thread or process (`Thread(target=spawn)`) counts
among the functions it calls.
"""

from __future__ import annotations

import ast

from mcpvet.frontends.python.astwalk import children, walk
from mcpvet.frontends.python.envreads import WHOLE_ENV_METHODS
from mcpvet.model import Exhaustion, FunctionShape
from mcpvet.model.core import HUGE_ALLOCATION, RETURNED_MIN_LETTERS
from mcpvet.pyast import dotted, short

MIN_LETTERS = RETURNED_MIN_LETTERS  # a returned text with fewer letters says nothing to score
MAX_TEXTS = 40  # per function
HUGE = HUGE_ALLOCATION  # items: a list of ten million is already 80 MB
HUGE_LOOP = 10 ** 6  # rounds of a loop that grows a collection
AMPLIFY = 1000  # a length multiplied by this much is sized by whoever chooses the length


_SPAWN_DOTTED = frozenset({
    "os.fork", "os.forkpty", "pty.fork", "os.system", "os.popen", "subprocess.Popen", "subprocess.run",
    "subprocess.call", "subprocess.check_call", "subprocess.check_output", "asyncio.create_subprocess_exec",
    "asyncio.create_subprocess_shell", "multiprocessing.Process", "threading.Thread", "_thread.start_new_thread",
    "mp.Process", "os.spawnl", "os.spawnlp", "os.spawnv", "os.spawnvp", "os.posix_spawn", "os.posix_spawnp",
})
_SPAWN_BARE = frozenset({"fork", "forkpty", "Popen", "Process", "Thread", "start_new_thread",
                         "create_subprocess_exec", "create_subprocess_shell"})
_THREADS = frozenset({"Thread", "start_new_thread"})
_BLOCKING = frozenset({"accept", "recv", "recvfrom", "recv_into", "readline", "select", "poll", "wait",
                       "join", "communicate", "input", "sleep_forever", "serve_forever"})
_GROW = frozenset({"append", "extend", "insert", "appendleft"})
_ALLOC_CALLS = frozenset({"bytearray", "bytes", "urandom", "zeros", "ones", "empty", "full", "token_bytes"})
_PAD = frozenset({"ljust", "rjust", "center", "zfill"})




def _own_nodes(body: list[ast.stmt]) -> list[ast.AST]:
    """Every node under these statements, nested functions and classes left out."""
    return _own_nodes_lambdas(body)[0]


def _own_nodes_lambdas(body: list[ast.stmt]) -> tuple[list[ast.AST], bool]:
    """`_own_nodes`, and whether a lambda was left out."""
    out: list[ast.AST] = []
    stack: list[ast.AST] = list(reversed(body))
    lambdas = False
    while stack:
        node = stack.pop()
        out.append(node)
        for child in children(node):
            if not isinstance(child, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
                stack.append(child)
            elif isinstance(child, ast.Lambda):
                lambdas = True
    return out, lambdas


def _spawn_kind(call: ast.Call) -> str | None:
    name = dotted(call.func)
    last = name.rsplit(".", 1)[-1]
    if name in _SPAWN_DOTTED or last in _SPAWN_BARE:
        if last in ("fork", "forkpty"):
            return "fork loop"
        return "thread loop" if last in _THREADS else "spawn loop"
    return None


def _exits(loop: ast.While | ast.For | ast.AsyncFor) -> bool:
    """The loop can end from inside: a break of its own, a return or a raise."""
    stack: list[ast.AST] = list(loop.body)
    while stack:
        node = stack.pop()
        if isinstance(node, (ast.Return, ast.Raise)):
            return True
        if isinstance(node, ast.Break):
            return True
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)):
            continue
        for child in children(node):
            if isinstance(child, (ast.While, ast.For, ast.AsyncFor)):
                # a break inside a nested loop ends that loop only; its returns still count
                stack.extend(n for n in walk(child) if isinstance(n, (ast.Return, ast.Raise)))
                continue
            stack.append(child)
    return False


def _forever(loop: ast.While | ast.For | ast.AsyncFor) -> bool:
    if isinstance(loop, ast.While):
        t = loop.test
        return isinstance(t, ast.Constant) and bool(t.value)
    it = loop.iter
    return isinstance(it, ast.Call) and dotted(it.func) in ("itertools.count", "count", "itertools.cycle", "cycle")


def _const_int(node: ast.expr) -> int | None:
    if isinstance(node, ast.Constant) and isinstance(node.value, int) and not isinstance(node.value, bool):
        return node.value
    if isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Mult, ast.Pow, ast.LShift, ast.Add)):
        a, b = _const_int(node.left), _const_int(node.right)
        if a is None or b is None or abs(a) > 10 ** 12 or abs(b) > 200:
            if a is not None and b is not None and isinstance(node.op, (ast.Mult, ast.Add)) and abs(b) <= 10 ** 12:
                return a * b if isinstance(node.op, ast.Mult) else a + b
            return None
        if isinstance(node.op, ast.Pow):
            return a ** b if b >= 0 else None
        if isinstance(node.op, ast.LShift):
            return a << b if b >= 0 else None
        return a * b if isinstance(node.op, ast.Mult) else a + b
    return None


def _limits(node: ast.Compare) -> bool:
    """An ordering comparison that can set a limit: `n > 100`, `n <= MAX`; not an equality
    (`mode == "stress"`) nor a sign test (`n < 1`, `n > 0`)."""
    if not all(isinstance(op, (ast.Lt, ast.LtE, ast.Gt, ast.GtE)) for op in node.ops):
        return False
    sides = (node.left, *node.comparators)
    return any(not (isinstance(v, ast.Constant) and isinstance(v.value, (int, float)) and v.value <= 1)
               for v in sides if isinstance(v, ast.Constant)) or not any(isinstance(v, ast.Constant) for v in sides)


_SAMPLING = frozenset({"create_message", "sample", "SamplingMessage"})  # text sent to the client's model
# keys under which a record keeps a credential (not "token" alone: page and count tokens)
_SECRET_KEYS = frozenset({"api_key", "apikey", "api-key", "access_token", "refresh_token", "id_token", "auth_token",
                          "bearer_token", "session_token", "password", "passwd", "client_secret", "secret_key",
                          "private_key", "secret_access_key", "aws_secret_access_key"})
# calls whose result is built from their arguments (text, containers, a tool result)
_BUILDS = frozenset({"join", "format", "dumps", "str", "repr", "sorted", "list", "tuple", "dict", "set", "TextContent",
                     "strip", "items", "values"})
_ENVIRON = ("os.environ", "environ")
_MEMO = frozenset({"lru_cache", "cache", "cached", "memoize", "memoized", "cached_property"})
_COMBINATORIAL = frozenset({"permutations", "itertools.permutations", "product", "itertools.product"})


def exponential(fn: ast.FunctionDef | ast.AsyncFunctionDef,
                listed: tuple[list[ast.AST], bool] | None = None) -> bool:
    """The function calls itself twice or more in one statement on its own number minus a constant
    (`fib(n - 1) + fib(n - 2)`) and remembers nothing (no `lru_cache`/`cache`): each step doubles the
    work, exponential time. A walk of a tree's children (`walk(node.left) + walk(node.right)`) halves
    what is left and is not."""
    if any(dotted(d.func if isinstance(d, ast.Call) else d).rsplit(".", 1)[-1] in _MEMO for d in fn.decorator_list):
        return False
    args = fn.args
    params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)}

    def shrinks(call: ast.Call) -> bool:
        return any(isinstance(a, ast.BinOp) and isinstance(a.op, ast.Sub) and isinstance(a.left, ast.Name)
                   and a.left.id in params and isinstance(a.right, ast.Constant) and isinstance(a.right.value, int)
                   for a in call.args)

    nodes, lambdas = _own_nodes_lambdas(fn.body) if listed is None else listed  # `listed`: by the caller
    # a statement's value holds own nodes and, in a lambda, nodes below it: without a lambda, two calls of
    # the function by name among the own nodes are needed for any statement to hold two
    if not lambdas and sum(1 for n in nodes if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                           and n.func.id == fn.name) < 2:
        return False
    for stmt in nodes:
        if not isinstance(stmt, (ast.Return, ast.Assign, ast.AugAssign, ast.Expr)) or stmt.value is None:
            continue
        own = sum(1 for n in walk(stmt.value) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)
                  and n.func.id == fn.name and shrinks(n))
        if own >= 2:
            return True
    return False


class _Function:
    def __init__(self, fn: ast.FunctionDef | ast.AsyncFunctionDef, module: dict[str, list[ast.expr]] | None = None,
                 doubling: frozenset[str] = frozenset(), nodes: list[ast.AST] | None = None) -> None:
        self.fn = fn
        self.module = module or {}
        self.doubling = doubling  # names of the file's functions that recurse twice per step (`exponential`)
        self.nodes = _own_nodes(fn.body) if nodes is None else nodes
        args = fn.args
        self.params = [a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs) if a.arg not in ("self", "cls")]
        self.assigns: dict[str, list[ast.expr]] = {}
        for node in self.nodes:
            if isinstance(node, ast.Assign):
                for t in node.targets:
                    if isinstance(t, ast.Name):
                        self.assigns.setdefault(t.id, []).append(node.value)
            elif (isinstance(node, (ast.AnnAssign, ast.AugAssign)) and isinstance(node.target, ast.Name)
                  and node.value is not None):
                self.assigns.setdefault(node.target.id, []).append(node.value)
            elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in _GROW
                  and isinstance(node.func.value, ast.Name)):
                self.assigns.setdefault(node.func.value.id, []).extend(node.args)
        # names that carry a parameter's value (n = int(count))
        self.sized_by: dict[str, str] = {p: p for p in self.params}
        for _ in range(2):
            for name, values in self.assigns.items():
                if name in self.sized_by:
                    continue
                for v in values:
                    p = self._size_source(v)
                    if p is not None:
                        self.sized_by[name] = p
                        break
        self.bounded = self._bounded()
        self.int_params = {a.arg for a in (*args.posonlyargs, *args.args, *args.kwonlyargs)
                           if a.annotation is not None and any(isinstance(n, ast.Name) and n.id in ("int", "float")
                                                               for n in walk(a.annotation))}

    def _param_in(self, node: ast.expr) -> str | None:
        for n in walk(node):
            if isinstance(n, ast.Name) and n.id in self.sized_by:
                return self.sized_by[n.id]
            if isinstance(n, ast.Subscript) and isinstance(n.value, ast.Name) and n.value.id == "arguments":
                key = n.slice
                if isinstance(key, ast.Constant) and isinstance(key.value, str):
                    return key.value
            if (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get"
                    and isinstance(n.func.value, ast.Name) and n.func.value.id == "arguments" and n.args
                    and isinstance(n.args[0], ast.Constant) and isinstance(n.args[0].value, str)):
                return n.args[0].value
        return None

    def _size_source(self, node: ast.expr) -> str | None:
        """The parameter whose value is this size: the parameter itself, a conversion of it (`int(n)`)
        or arithmetic that grows with it; never a length (`len(x)`) or a remainder (`% 4`)."""
        if isinstance(node, ast.Name):
            return self.sized_by.get(node.id)
        if isinstance(node, ast.UnaryOp):
            return self._size_source(node.operand)
        if isinstance(node, ast.BinOp):
            if not isinstance(node.op, (ast.Add, ast.Sub, ast.Mult, ast.Pow, ast.LShift)):
                return None
            if isinstance(node.op, ast.Mult):
                # `len(tasks) * 1000`: a length the model sets, multiplied by a large constant
                for a, b in ((node.left, node.right), (node.right, node.left)):
                    n = _const_int(b)
                    if n is not None and n >= AMPLIFY and isinstance(a, ast.Call) and dotted(a.func) == "len" \
                            and a.args and isinstance(a.args[0], ast.Name) and a.args[0].id in self.sized_by:
                        return self.sized_by[a.args[0].id]
            return self._size_source(node.left) or self._size_source(node.right)
        if isinstance(node, ast.Call):
            name = dotted(node.func)
            if name in ("int", "float", "abs", "round") and node.args:
                return self._size_source(node.args[0])
            if (isinstance(node.func, ast.Attribute) and node.func.attr == "get" and isinstance(node.func.value, ast.Name)
                    and node.func.value.id == "arguments" and node.args and isinstance(node.args[0], ast.Constant)
                    and isinstance(node.args[0].value, str)):
                return node.args[0].value
            return None
        if (isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id == "arguments"
                and isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str)):
            return node.slice.value
        return None

    def _bounded(self) -> set[str]:
        """Parameters the function compares, clamps or constrains."""
        out: set[str] = set()
        gated = self._gated()
        for node in self.nodes:
            if isinstance(node, ast.Compare):
                if id(node) in gated or not _limits(node):
                    continue
                for part in (node.left, *node.comparators):
                    p = self._param_in(part)
                    if p is not None:
                        out.add(p)
            elif isinstance(node, ast.Call) and dotted(node.func).rsplit(".", 1)[-1] in ("min", "max", "clamp", "clip"):
                for a in node.args:
                    p = self._param_in(a)
                    if p is not None:
                        out.add(p)
        args = self.fn.args
        for arg in (*args.posonlyargs, *args.args, *args.kwonlyargs):
            if arg.annotation is not None and any(isinstance(k, ast.keyword) and k.arg in ("le", "lt", "max_length")
                                                  for k in walk(arg.annotation)):
                out.add(arg.arg)
        defaults = [*args.defaults, *[d for d in args.kw_defaults if d is not None]]
        for d in defaults:
            if any(isinstance(k, ast.keyword) and k.arg in ("le", "lt", "max_length") for k in walk(d)):
                out.update(self.params)  # Field(le=…) as a default: which parameter is not worth the work
        return out

    def _gated(self) -> set[int]:
        """Comparisons that bound only under another condition: `if SANDBOX and n > 10: refuse`
        (`and` with an operand that involves no parameter) leaves `n` unbounded otherwise."""
        out: set[int] = set()
        for node in self.nodes:
            if isinstance(node, ast.BoolOp) and isinstance(node.op, ast.And) and any(
                    self._param_in(v) is None for v in node.values):
                out.update(id(v) for v in node.values if isinstance(v, ast.Compare))
        return out

    # ------------------------------------------------------------ exhaustion

    def exhaustion(self) -> list[Exhaustion]:
        out: list[Exhaustion] = []
        for node in self.nodes:
            if isinstance(node, (ast.While, ast.For, ast.AsyncFor)):
                out.extend(self._loop(node))
            elif isinstance(node, ast.BinOp) and isinstance(node.op, ast.Mult):
                out.extend(self._repeat(node))
            elif isinstance(node, ast.Call):
                out.extend(self._alloc_call(node))
                out.extend(self._blowup(node))
        rec = self._recursion()
        if rec is not None:
            out.append(rec)
        return out

    def _loop(self, loop: ast.While | ast.For | ast.AsyncFor) -> list[Exhaustion]:
        inner = _own_nodes(loop.body)
        calls = [n for n in inner if isinstance(n, ast.Call)]
        if any(dotted(c.func).rsplit(".", 1)[-1] in _BLOCKING for c in calls) or any(
                isinstance(c.func, ast.Attribute) and c.func.attr == "get" and not c.args for c in calls):
            return []  # waits for something each round (accept, recv, queue.get()): paced from outside
        spawn = next(((c, k) for c in calls if (k := _spawn_kind(c)) is not None), None)
        header = short(loop.test if isinstance(loop, ast.While) else loop.iter, 80)
        if _forever(loop) and not _exits(loop):
            if spawn is not None:
                return [Exhaustion(loop.lineno, spawn[1], f"loop `{header}` with no exit runs `{short(spawn[0].func, 80)}`")]
            grow = next((c for c in calls if isinstance(c.func, ast.Attribute) and c.func.attr in _GROW), None)
            aug = next((n for n in inner if isinstance(n, ast.AugAssign) and isinstance(n.op, ast.Add)), None)
            if grow is not None or aug is not None:
                what = short(grow, 80) if grow is not None else short(aug, 80) if aug is not None else ""
                return [Exhaustion(loop.lineno, "allocation loop", f"loop `{header}` with no exit grows `{what}`")]
            return []
        if spawn is None and isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.iter, ast.Call) \
                and dotted(loop.iter.func) == "range" and loop.iter.args:
            n = _const_int(loop.iter.args[-1] if len(loop.iter.args) <= 2 else loop.iter.args[1])
            grows = any((isinstance(c.func, ast.Attribute) and c.func.attr in _GROW) for c in calls) or any(
                isinstance(x, ast.AugAssign) and isinstance(x.op, ast.Add) for x in inner)
            if n is not None and n >= HUGE_LOOP and grows:
                return [Exhaustion(loop.lineno, "allocation loop", f"loop `{header}` grows a collection {n:,} times")]
        if spawn is not None and isinstance(loop, (ast.For, ast.AsyncFor)) and isinstance(loop.iter, ast.Call) \
                and dotted(loop.iter.func) == "range" and loop.iter.args:
            stop = loop.iter.args[-1] if len(loop.iter.args) <= 2 else loop.iter.args[1]
            n = _const_int(stop)
            if n is not None and n >= 10_000:
                return [Exhaustion(loop.lineno, spawn[1], f"loop `{header}` runs `{short(spawn[0].func, 80)}` {n} times")]
            p = self._size_source(stop)
            if p is not None and p not in self.bounded:
                return [Exhaustion(loop.lineno, spawn[1], f"loop `{header}` runs `{short(spawn[0].func, 80)}` as many times "
                                   f"as `{p}` says", p)]
        return []

    def _sized(self, node: ast.expr, what: str, code: ast.AST, line: int) -> list[Exhaustion]:
        n = _const_int(node)
        if n is not None:
            return [Exhaustion(line, "allocation", f"`{short(code, 80)}` allocates {n:,} items")] if n >= HUGE else []
        p = self._size_source(node)
        if p is not None and p not in self.bounded:
            return [Exhaustion(line, "allocation", f"`{short(code, 80)}` {what} as large as `{p}` says", p)]
        return []

    def _repeat(self, node: ast.BinOp) -> list[Exhaustion]:
        for seq, size in ((node.left, node.right), (node.right, node.left)):
            is_seq = isinstance(seq, (ast.List, ast.Tuple)) or (
                isinstance(seq, ast.Constant) and isinstance(seq.value, (str, bytes)))
            if is_seq:
                return self._sized(size, "allocates a sequence", node, node.lineno)
        return []

    def _alloc_call(self, call: ast.Call) -> list[Exhaustion]:
        func = call.func
        name = dotted(func).rsplit(".", 1)[-1] if not isinstance(func, ast.Attribute) or dotted(func) else ""
        if isinstance(func, ast.Attribute) and func.attr in _PAD and call.args:
            return self._sized(call.args[0], "pads a string", call, call.lineno)
        if name in _ALLOC_CALLS and call.args:
            if name in ("bytes", "bytearray") and not isinstance(call.args[0], (ast.Name, ast.BinOp, ast.Call, ast.Constant)):
                return []
            if name in ("bytes", "bytearray") and self._size_source(call.args[0]) not in self.int_params:
                return []  # bytes(data) copies what it is given; only bytes(n) of a number allocates n
            if name in ("full", "empty", "zeros", "ones") and not dotted(func).startswith(("np.", "numpy.", "torch.")):
                return []
            return self._sized(call.args[0], "allocates memory", call, call.lineno)
        return []

    def _blowup(self, call: ast.Call) -> list[Exhaustion]:
        """Work that grows exponentially with a parameter: a call of a function that recurses twice
        per step (`fib(n)`), or every permutation or product of a parameter (`permutations(text)`),
        with no bound on the parameter."""
        name = dotted(call.func)
        if isinstance(call.func, ast.Name) and name in self.doubling and name != self.fn.name:
            for a in call.args:
                p = self._size_source(a)
                if p is not None and p not in self.bounded:
                    return [Exhaustion(call.lineno, "recursion", f"`{short(call, 80)}` recurses twice per step "
                                       f"(exponential time) as deep as `{p}` says", p)]
        if name in _COMBINATORIAL and call.args:
            if name.endswith("permutations") and len(call.args) > 1:
                return []  # permutations of a fixed length r: polynomial
            repeat = next((k.value for k in call.keywords if k.arg == "repeat"), None)
            source = self._size_source(repeat) if repeat is not None else None
            if source is None and name.endswith("permutations"):
                source = self._param_in(call.args[0]) if isinstance(call.args[0], ast.Name) else None
            if source is not None and source not in self.bounded:
                return [Exhaustion(call.lineno, "allocation", f"`{short(call, 80)}` enumerates a number of items "
                                   f"that grows factorially or exponentially with `{source}`", source)]
        return []

    def _recursion(self) -> Exhaustion | None:
        name = self.fn.name
        spawning = [n for n in self.nodes if isinstance(n, ast.Call) and _spawn_kind(n) is not None]
        if not spawning or any(isinstance(n, (ast.Return, ast.Raise)) for n in self.nodes):
            return None  # no process, or a base case that ends it
        for call in spawning:
            target = next((k.value for k in call.keywords if k.arg == "target"), None)
            if target is not None and dotted(target).rsplit(".", 1)[-1] == name:
                return Exhaustion(call.lineno, "recursion", f"`{name}` starts a thread or process that runs `{name}` again")
        if any(_spawn_kind(c) == "fork loop" for c in spawning):
            for n in self.nodes:
                if isinstance(n, ast.Call) and self._is_self_call(n):
                    return Exhaustion(n.lineno, "recursion", f"`{name}` forks and calls itself with no base case")
        for stmt in self._unconditional(self.fn.body):
            for n in walk(stmt):
                if isinstance(n, ast.Call) and (
                        (isinstance(n.func, ast.Name) and n.func.id == name)
                        or (isinstance(n.func, ast.Attribute) and n.func.attr == name
                            and isinstance(n.func.value, ast.Name) and n.func.value.id in ("self", "cls"))):
                    return Exhaustion(n.lineno, "recursion", f"`{name}` spawns and calls itself with no condition")
        return None

    def _is_self_call(self, n: ast.Call) -> bool:
        name = self.fn.name
        return ((isinstance(n.func, ast.Name) and n.func.id == name)
                or (isinstance(n.func, ast.Attribute) and n.func.attr == name))

    def _unconditional(self, body: list[ast.stmt]) -> list[ast.stmt]:
        out: list[ast.stmt] = []
        for stmt in body:
            if isinstance(stmt, (ast.If, ast.Try, ast.For, ast.AsyncFor, ast.FunctionDef, ast.AsyncFunctionDef,
                                 ast.ClassDef, ast.Match)):
                continue
            if isinstance(stmt, (ast.With, ast.AsyncWith)):
                out.extend(self._unconditional(stmt.body))
            elif isinstance(stmt, ast.While):
                if _forever(stmt):
                    out.extend(self._unconditional(stmt.body))
            else:
                out.append(stmt)
        return out

    # ------------------------------------------------------------ returned text

    def called(self) -> list[str]:
        """Names of the functions it calls, and of those it hands to a thread or process to run
        (`Thread(target=spawn)`)."""
        out: set[str] = set()
        for n in self.nodes:
            if isinstance(n, ast.Call):
                if isinstance(n.func, ast.Name):
                    out.add(n.func.id)
                elif isinstance(n.func, ast.Attribute):
                    out.add(n.func.attr)
                if _spawn_kind(n) is not None:
                    target = next((k.value for k in n.keywords if k.arg == "target"), None)
                    if target is not None and dotted(target):
                        out.add(dotted(target).rsplit(".", 1)[-1])
        return sorted(out)

    def returns(self) -> tuple[list[tuple[int, str]], list[str]]:
        texts: list[tuple[int, str]] = []
        calls: list[str] = []
        for node in self.nodes:
            value = node.value if isinstance(node, (ast.Return, ast.Yield, ast.YieldFrom)) else None
            if (isinstance(node, ast.Call) and dotted(node.func).rsplit(".", 1)[-1] in _SAMPLING
                    and (node.args or node.keywords)):
                value = ast.Tuple(elts=[*node.args, *[k.value for k in node.keywords]], ctx=ast.Load())
                value.lineno = node.lineno
            if value is None:
                continue
            pieces: list[str] = []
            self._pieces(value, pieces, set(), 0, calls)
            text = " ".join(p for p in pieces if p.strip())
            if sum(c.isalpha() for c in text) >= MIN_LETTERS:
                texts.append((getattr(node, "lineno", self.fn.lineno), text[:4000]))
            if len(texts) >= MAX_TEXTS:
                break
        return texts, sorted(set(calls))

    def returned_secrets(self) -> list[tuple[int, str]]:
        """Returned values made of secrets (through local names, f-strings, joins and comprehensions; a
        comprehension that filters the keys is left out): every value of the environment
        (`os.environ.items()`, `.values()`, `.copy()`, `dict(os.environ)`, `{**os.environ}`), the
        variable a parameter names (`os.environ.get(name)`), or a stored credential read under its
        key (`record["api_key"]`, `tokens.get("access_token")`, not from a parameter's own value)."""
        out: list[tuple[int, str]] = []
        for node in self.nodes:
            if isinstance(node, ast.Return) and node.value is not None:
                what = self._secret_in(node.value, set(), 0)
                if what is not None:
                    out.append((node.lineno, what))
        return out[:3]

    def _secret_in(self, node: ast.expr | None, seen: set[str], depth: int) -> str | None:
        """Follows what builds a returned value (local names, f-strings, `+`/`%`, containers,
        comprehensions, `join`/`format`/`dumps`/`str`/`sorted`…), never into the arguments of other
        calls (`subprocess.run(…, env=env).stdout` returns the child's output, not the environment)."""
        if node is None or depth > 12:
            return None
        d = depth + 1
        what = self._secret_value(node)
        if what is not None:
            return what
        parts: list[ast.expr | None] = []
        if isinstance(node, ast.Name):
            if node.id in self.assigns and node.id not in seen:
                seen.add(node.id)
                parts.extend(self.assigns[node.id])
        elif isinstance(node, ast.JoinedStr):
            parts.extend(v.value for v in node.values if isinstance(v, ast.FormattedValue))
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            parts.extend((node.left, node.right))
        elif isinstance(node, ast.IfExp):
            parts.extend((node.body, node.orelse))
        elif isinstance(node, ast.BoolOp):
            parts.extend(node.values)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            parts.extend(node.elts)
        elif isinstance(node, ast.Dict):
            parts.extend(node.values)
        elif isinstance(node, (ast.ListComp, ast.SetComp, ast.DictComp, ast.GeneratorExp)):
            # `{k: v for k, v in os.environ.items() if k.startswith("APP_")}`: a chosen part, not every value
            parts.extend(g.iter for g in node.generators if not g.ifs)
        elif isinstance(node, ast.Await):
            parts.append(node.value)
        elif isinstance(node, ast.Call):
            name = dotted(node.func).rsplit(".", 1)[-1] if dotted(node.func) else (
                node.func.attr if isinstance(node.func, ast.Attribute) else "")
            if name in _BUILDS:
                parts.extend(node.args)
                parts.extend(k.value for k in node.keywords if k.arg is None or k.arg == "text")
                if isinstance(node.func, ast.Attribute) and name in ("format", "join"):
                    parts.append(node.func.value)
        for part in parts:
            found = self._secret_in(part, seen, d)
            if found is not None:
                return found
        return None

    def _secret_value(self, n: ast.AST) -> str | None:
        if isinstance(n, ast.Call):
            name = dotted(n.func)
            owner, _, method = name.rpartition(".")
            if (owner in _ENVIRON and method in WHOLE_ENV_METHODS) or (
                    name in ("dict", "str", "repr", "json.dumps") and n.args and dotted(n.args[0]) in _ENVIRON):
                return "every value of the environment"
            if name in ("os.environ.get", "os.getenv", "environ.get", "getenv") and n.args \
                    and isinstance(n.args[0], ast.Name) and n.args[0].id in self.params:
                return f"the environment variable the parameter `{n.args[0].id}` names"
        if isinstance(n, ast.Dict) and any(k is None and dotted(v) in _ENVIRON
                                           for k, v in zip(n.keys, n.values, strict=True)):
            return "every value of the environment"
        if isinstance(n, ast.Subscript) and dotted(n.value) in _ENVIRON \
                and isinstance(n.slice, ast.Name) and n.slice.id in self.params:
            return f"the environment variable the parameter `{n.slice.id}` names"
        key: ast.expr | None = None
        base: ast.expr | None = None
        if isinstance(n, ast.Subscript):
            key, base = n.slice, n.value
        elif isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute) and n.func.attr == "get" and n.args:
            key, base = n.args[0], n.func.value
        if (isinstance(key, ast.Constant) and isinstance(key.value, str) and key.value.lower() in _SECRET_KEYS
                and base is not None and not self._from_param(base)):
            return f"the stored credential `{key.value}`"
        return None

    def _from_param(self, node: ast.expr) -> bool:
        """The value is (a part of) a parameter's own: what the model passed in, echoed back."""
        root: ast.expr = node
        while isinstance(root, (ast.Subscript, ast.Attribute, ast.Call)):
            root = root.value if not isinstance(root, ast.Call) else root.func
        return isinstance(root, ast.Name) and (root.id in self.params or root.id == "arguments")

    def _pieces(self, node: ast.expr, out: list[str], seen: set[str], depth: int, calls: list[str]) -> None:
        if depth > 12 or len(out) > 200:
            return
        d = depth + 1
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str):
                out.append(node.value)
        elif isinstance(node, ast.JoinedStr):
            for v in node.values:
                if isinstance(v, ast.Constant) and isinstance(v.value, str):
                    out.append(v.value)
                elif isinstance(v, ast.FormattedValue):
                    out.append(" ")
                    if isinstance(v.value, ast.Name):
                        self._pieces(v.value, out, seen, d, calls)
        elif isinstance(node, ast.BinOp) and isinstance(node.op, (ast.Add, ast.Mod)):
            self._pieces(node.left, out, seen, d, calls)
            self._pieces(node.right, out, seen, d, calls)
        elif isinstance(node, ast.IfExp):
            self._pieces(node.body, out, seen, d, calls)
            self._pieces(node.orelse, out, seen, d, calls)
        elif isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            for e in node.elts:
                self._pieces(e, out, seen, d, calls)
        elif isinstance(node, ast.Dict):
            for v in node.values:
                self._pieces(v, out, seen, d, calls)
        elif isinstance(node, ast.Name):
            if node.id in seen:
                return
            seen.add(node.id)
            for v in self.assigns.get(node.id, []) or self.module.get(node.id, []):
                self._pieces(v, out, seen, d, calls)
        elif isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id not in self.assigns:
            self._pieces(node.value, out, seen, d, calls)  # a module table of constant texts: every entry
        elif isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Attribute) and func.attr in ("format", "join", "strip", "get"):
                self._pieces(func.value, out, seen, d, calls)
            elif isinstance(func, ast.Name):
                calls.append(func.id)
            elif isinstance(func, ast.Attribute) and isinstance(func.value, ast.Name) and func.value.id == "self":
                calls.append(func.attr)
            for a in node.args:
                self._pieces(a, out, seen, d, calls)
            for k in node.keywords:
                if k.arg not in ("type", "mimeType", "mime_type", "encoding", "indent", "separators"):
                    self._pieces(k.value, out, seen, d, calls)
        elif isinstance(node, ast.Await):
            self._pieces(node.value, out, seen, d, calls)


def function_shapes(tree: ast.Module, path: str = "", nodes: list[ast.AST] | None = None
                    ) -> tuple[list[FunctionShape], str | None]:
    """The shape of every function of a parsed Python file (in `ast.walk` order), and None, or the
    functions whose shapes could not be read (nested too deeply for the reader's recursion).
    `nodes`: `list(walk(tree))` when the caller has it."""
    out: list[FunctionShape] = []
    module: dict[str, list[ast.expr]] = {}
    for stmt in tree.body:  # module constants a function may return (a table of canned answers)
        value = stmt.value if isinstance(stmt, (ast.Assign, ast.AnnAssign)) else None
        if isinstance(value, (ast.Constant, ast.JoinedStr, ast.BinOp, ast.Dict, ast.List, ast.Tuple)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target] if isinstance(stmt, ast.AnnAssign) else []
            for t in targets:
                if isinstance(t, ast.Name):
                    module.setdefault(t.id, []).append(value)
    skipped: list[str] = []
    defs = [n for n in (walk(tree) if nodes is None else nodes) if isinstance(n, (ast.FunctionDef, ast.AsyncFunctionDef))]
    doubling: set[str] = set()
    own = [_own_nodes_lambdas(node.body) for node in defs]  # listed once, for both passes
    for node, listed in zip(defs, own, strict=True):
        try:
            if exponential(node, listed):
                doubling.add(node.name)
        except RecursionError:
            pass
    for node, listed in zip(defs, own, strict=True):
        try:
            fn = _Function(node, module, frozenset(doubling), listed[0])
            texts, calls = fn.returns()
            ex = fn.exhaustion()
            out.append(FunctionShape(node.name, node.lineno, node.end_lineno or node.lineno,
                                     tuple(texts), tuple(calls), tuple(ex), tuple(fn.called()), path,
                                     tuple(fn.returned_secrets())))
        except RecursionError:
            skipped.append(f"{node.name} (line {node.lineno})")
    return out, ", ".join(skipped) if skipped else None
