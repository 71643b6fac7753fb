"""The Python side of the data-flow analysis: one `FunctionFlow` per call-graph node, and the
constant destination of a sink call.

Flow-insensitive and syntactic, on the evaluator's resolution of callees: every assignment to a
local name counts; library calls, operators, containers and f-strings pass on the references of
their operands; sanitisers (`shlex.quote`, `int`, `os.path.basename` …) pass on none; calls of
package functions become `c:` references bound to the callee's parameters, so that
`mcpvet.analysis.flow` can follow them. Each sink call with a slot in `sinks.python.SLOTS` gives
its slot's references by role:

- a spawn with `shell=True` (or an argv list `sh -c LINE`) is a shell line (every reference counts);
  otherwise only the program (the first element of an argv list) counts;
- a URL counts only when its host is not fixed by a constant prefix (`https://api.example.com/…`);
- `lead` (what makes up the start of the value) is the whole command, the program, a path with no
  constant base directory, the host.

Guards: `p.is_relative_to(root)`, `p.relative_to(root)` (raises outside it), `os.path.commonpath`,
`x.startswith(root)`, `root in p.parents` (path containment), `x.replace("/", "_")` and `re.sub`
leaving no `/` (no separator left), a character filter whose alphabet is safe for a role
(`"".join(c for c in x if c.isalnum() or c in "_-.")`, `charfilter.py`), anywhere in the function.
A read of a local that one assignment certainly reaches is made of that assignment only (`reaching.py`).
Checks, which hold on the lines
after a failing branch or inside a passing one (`guards.py`): `if x not in ALLOWED: raise`
(allow-lists, also run-time ones, also failing through a function that always raises),
`"/" in x` refused, `x.isalnum()`, anchored `re.fullmatch`/`re.match` (the roles the pattern's
alphabet makes safe), and calls of validators that raise.
Data of every argument: each call of a sink API gives the references of all its arguments and of
its receiver under the role `data` (whatever reaches the call: a request body, an argv element,
the value written; `f.write(x)` or `json.dump(x, f)` on a file this function opened is data of
the `open` call). Other sources: an environment read is `s:env:NAME` (`s:env:*` for the whole
environment or a computed key), what a file read returns is `s:file:PATH` (`s:file` when the path
is not constant; `s:pkgfile:PATH` for a file of the package itself, `Path(__file__).parent / "x"`); a module
global read in a function carries the sources of what the module
assigns to it.

Objects: a member read on a value made of parameters is a projection (`args.url` of
`args = Fetch(**arguments)` is `p:arguments.url`: the `url` parameter); an object made by a
package class with an `__init__` keeps in each attribute what `__init__` assigns to it (`o:` references;
the attributes it does not set are made of its arguments), a pydantic model or a dataclass is made
of its constructor's arguments; `self`
is a parameter like any other, bound at a method call to the receiver's references, so
`self.url = url` in `__init__` read in another method follows the object the tool built.
Building a package class also runs its construction hooks (`mcpvet.frontends.python.hooks`:
`__post_init__`, `model_post_init`, pydantic validators) on the object, so a field they check or
rewrite through a sanitiser is guarded. A member of what a library call answers
(`api.pages().get(id=x).execute`) starts as that answer, not with the call's arguments; `min(x, 20)`
is a number.
Not modelled: values stored in module globals at run time.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from mcpvet.analysis.alphabet import ROLES_SAFE_WITH_WORDS, alphabet_roles
from mcpvet.analysis.flow import (
    CONTENTS,
    DATA,
    FRESH_TEMP,
    MAX_PROJECTION,
    MEMBER,
    NONE,
    UNKNOWN,
    WHOLE_ENV,
    CallFlow,
    Check,
    FunctionFlow,
    Refs,
    SinkFlow,
    member,
)
from mcpvet.analysis.prefixes import pins_a_folder
from mcpvet.frontends.python.astwalk import local_walk
from mcpvet.frontends.python.charfilter import filtered
from mcpvet.frontends.python.clients import client_type, fixed_host, request_base
from mcpvet.frontends.python.guards import GuardReader, extension_subject, module_pattern
from mcpvet.frontends.python.hooks import POST_INIT, construction_hooks
from mcpvet.frontends.python.reaching import Reaching
from mcpvet.frontends.python.scopes import Scope
from mcpvet.frontends.python.settingsenv import variable as settings_variable
from mcpvet.frontends.python.values import Const, DictVal, Ext, Func, Klass, Module, PkgPath, Seq, Value
from mcpvet.model import Command, Kind
from mcpvet.sinks.programs import program_name
from mcpvet.sinks.pyclients import summary_of
from mcpvet.sinks.python import (
    COMMAND,
    FS_METADATA,
    OPEN_LIKE,
    OTHER_PATH,
    SAFE_YAML_LOADERS,
    SHELL,
    VALUE_CONSTRUCTORS,
    sink_kinds,
    sink_slot,
)

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.graph import GraphBuilder, NodeKey
    from mcpvet.frontends.python.index import FuncInfo

SANITISERS = frozenset({
    "shlex.quote", "shlex.join", "pipes.quote", "builtins.int", "builtins.float", "builtins.bool",
    "builtins.len", "builtins.abs", "builtins.round", "builtins.hash", "builtins.id", "builtins.ord",
    "builtins.isinstance", "builtins.type", "os.path.basename", "posixpath.basename", "ntpath.basename",
    "werkzeug.utils.secure_filename", "urllib.parse.quote", "urllib.parse.quote_plus", "urllib.parse.urlencode",
    "hashlib.md5", "hashlib.sha1", "hashlib.sha256", "uuid.uuid4", "os.path.exists", "os.path.isfile",
    "os.path.isdir", "json.dumps", "ldap3.utils.conv.escape_filter_chars", "ldap.filter.escape_filter_chars",
    "ldap.filter.filter_format", "bson.objectid.ObjectId", "bson.ObjectId",
})
# sanitisers that encode their argument: what the model controls is neutralised, but the data is
# still there (`quote(json.dumps(dict(os.environ)))` in a URL still carries the environment)
ENCODERS = frozenset({
    "shlex.quote", "shlex.join", "pipes.quote", "urllib.parse.quote", "urllib.parse.quote_plus",
    "urllib.parse.urlencode", "json.dumps",
})
_LEAD_FIRST_ARG = frozenset({
    "os.path.join", "posixpath.join", "ntpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
    "anyio.Path", "urllib.parse.urljoin", "builtins.str", "os.path.expanduser", "os.path.abspath",
    "os.path.realpath", "os.path.normpath", "os.fspath", "os.path.expandvars",
})
_SHELLS = frozenset({"sh", "bash", "zsh", "dash", "ksh", "fish", "/bin/sh", "/bin/bash", "/usr/bin/bash",
                     "/bin/zsh", "cmd", "cmd.exe", "powershell", "pwsh"})
CONFIGURED = "s:config:"  # a URL starting with an attribute of a configured client (`self.base_url`)
_UNKNOWN_VALUE: Refs = frozenset({UNKNOWN})
_SCHEME_ONLY = re.compile(r"^[a-zA-Z][\w+.-]*://$")  # a URL's constant start that ends before its host
_HOST_FIXED = re.compile(r"^[a-zA-Z][\w+.-]*://(?:[^/?#{}]+[/?#]|[\w.-]+\.[a-zA-Z]{2,}(?::\d+)?$)")
_NUMERIC_BOUNDS = frozenset({"builtins.min", "builtins.max"})
_SLOT0_KEYWORDS = ("args", "cmd", "command", "url", "path", "file", "filename", "source", "sql", "query",
                   "stream", "code", "name", "host", "address", "text")
MAX_DESTINATION = 200
_MONGO_CODE = frozenset({"$where", "$function", "$accumulator"})  # operators whose value is JavaScript run by the server


def slot_node(call: ast.Call, slot: int | str) -> ast.expr | None:
    """The argument expression of `call` in `slot` (a position, a keyword, or "receiver")."""
    if slot == "receiver":
        return call.func.value if isinstance(call.func, ast.Attribute) else None
    if isinstance(slot, int):
        if slot < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[: slot + 1]):
            return call.args[slot]
        if slot == 0:
            for kw in call.keywords:
                if kw.arg in _SLOT0_KEYWORDS:
                    return kw.value
        if slot == 0:
            for kw in call.keywords:
                if kw.arg == "filter":
                    return kw.value
        if slot == 1:
            for kw in call.keywords:
                if kw.arg in ("url", "dst", "destination", "search_filter"):
                    return kw.value
        if slot == 2:
            for kw in call.keywords:
                if kw.arg == "filterstr":
                    return kw.value
        return None
    return next((k.value for k in call.keywords if k.arg == slot), None)


def safe_yaml_loader(call: ast.Call) -> bool:
    """`yaml.load(x, Loader=yaml.SafeLoader)` (or a safe loader as second argument)."""
    node = next((k.value for k in call.keywords if k.arg == "Loader"), call.args[1] if len(call.args) > 1 else None)
    if node is None:
        return False
    name = node.attr if isinstance(node, ast.Attribute) else node.id if isinstance(node, ast.Name) else ""
    return name in SAFE_YAML_LOADERS


def _shell_true(call: ast.Call) -> bool:
    return any(k.arg == "shell" and isinstance(k.value, ast.Constant) and bool(k.value.value) for k in call.keywords)


def _const_str(ev: Evaluator, node: ast.expr, scope: Scope) -> str | None:
    vals = ev.ev(node, scope)
    if len(vals) == 1:
        v = next(iter(vals))
        if isinstance(v, Const) and isinstance(v.value, str):
            return v.value
        if isinstance(v, PkgPath) and v.path:
            return v.path
    return None


_ANY_FILE = frozenset({"s:file"})
_NOT_FOLLOWED = frozenset({UNKNOWN})


def const_strs(ev: Evaluator, node: ast.expr, scope: Scope, most: int = 4) -> tuple[str, ...]:
    """The strings `node` may be when it is one of a few constants (a loop over a tuple of names), sorted;
    else ()."""
    vals = ev.ev(node, scope)
    if not vals or len(vals) > most or not all(isinstance(v, Const) and isinstance(v.value, str) and v.value
                                               for v in vals):
        return ()
    return tuple(sorted(str(v.value) for v in vals if isinstance(v, Const)))


# calls that give a folder of the user's (`~`), of the temporary space, or a program's own data
# folder (platformdirs/appdirs, their Linux defaults; the application's name is the first argument)
_PATH_ROOTS = {
    "pathlib.Path.home": "~", "tempfile.gettempdir": "/tmp",
    **{f"{lib}.{fn}": where for lib in ("platformdirs", "appdirs") for fn, where in (
        ("user_data_dir", "~/.local/share/"), ("user_data_path", "~/.local/share/"),
        ("user_cache_dir", "~/.cache/"), ("user_cache_path", "~/.cache/"),
        ("user_config_dir", "~/.config/"), ("user_config_path", "~/.config/"),
        ("user_state_dir", "~/.local/state/"), ("user_state_path", "~/.local/state/"),
        ("user_log_dir", "~/.local/state/"), ("user_log_path", "~/.local/state/"))},
}
_PATH_JOINS = frozenset({"os.path.join", "posixpath.join", "pathlib.Path", "pathlib.PurePath", "pathlib.PosixPath",
                         "anyio.Path"})


def _app_dir(ev: Evaluator, root: str, call: ast.Call, scope: Scope) -> tuple[str, bool]:
    """`Path.home()` is `~`; `platformdirs.user_cache_dir("app")` is `~/.cache/app` (unknown without
    its name: then only the root, unfinished)."""
    if not root.endswith("/"):
        return root, True
    name = _const_str(ev, call.args[0], scope) if call.args else None
    if name is None:
        name = next((_const_str(ev, k.value, scope) for k in call.keywords if k.arg == "appname"), None)
    return (root + name, True) if name else (root, False)


def _joined(ev: Evaluator, first: str, rest: list[ast.expr], scope: Scope, depth: int) -> tuple[str, bool]:
    """`os.path.join(first, *rest)` while its parts are known (a part starting with `/` restarts it)."""
    out = first
    for part in rest:
        text, done = prefix_of(ev, part, scope, depth + 1)
        out = text if text.startswith("/") else out.rstrip("/") + "/" + text
        if not done:
            return out, False
    return out, True


def _returned_prefix(ev: Evaluator, qualname: str, depth: int) -> tuple[str, bool]:
    """The constant start of what a function of the package returns (`_cache_file()` that returns
    `Path.home() / ".cache" / "app" / "x.json"`): the common start of its returned values."""
    f = ev.p.funcs.get(qualname)
    if f is None or isinstance(f.node, ast.Lambda):
        return "", False
    values = [n.value for n in local_walk(f.node.body) if isinstance(n, ast.Return) and n.value is not None]
    if not values or len(values) > 4:
        return "", False
    scope = ev.func_scope(qualname)
    found = [prefix_of(ev, v, scope, depth + 1) for v in values]
    common = found[0][0]
    for text, _ in found[1:]:
        while not text.startswith(common):
            common = common[:-1]
    return common, all(d for _, d in found) and len({t for t, _ in found}) == 1


def prefix_of(ev: Evaluator, node: ast.expr, scope: Scope, depth: int = 0) -> tuple[str, bool]:
    """The constant start of a string value and whether that is all of it."""
    whole = _const_str(ev, node, scope)
    if whole is not None:
        return whole, True
    if depth > 6:
        return "", False
    if isinstance(node, ast.JoinedStr):
        parts: list[str] = []
        for v in node.values:
            if isinstance(v, ast.Constant):
                parts.append(str(v.value))
                continue
            if isinstance(v, ast.FormattedValue) and v.format_spec is None and v.conversion == -1:
                text, done = prefix_of(ev, v.value, scope, depth + 1)
                parts.append(text)
                if done:
                    continue
            return "".join(parts), False
        return "".join(parts), True
    if isinstance(node, ast.BinOp):
        left, done = prefix_of(ev, node.left, scope, depth + 1)
        if isinstance(node.op, ast.Add):
            if done:
                right, rdone = prefix_of(ev, node.right, scope, depth + 1)
                return left + right, rdone
            return left, False
        if isinstance(node.op, ast.Mod) and done:
            return left.split("%", 1)[0], False
        if isinstance(node.op, ast.Div) and left:
            if done:  # Path.home() / ".cache" / "app": the whole path while every part is known
                right, rdone = prefix_of(ev, node.right, scope, depth + 1)
                if right and not right.startswith("/"):
                    return left.rstrip("/") + "/" + right, rdone
            return left.rstrip("/") + "/", False
        return "", False
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "format":
            base, done = prefix_of(ev, func.value, scope, depth + 1)
            return (base.split("{", 1)[0], False) if done else (base, False)
        callees = ev.ev(func, scope)
        root = next((_PATH_ROOTS[v.qualname] for v in callees if isinstance(v, Ext) and v.qualname in _PATH_ROOTS), None)
        if root is not None:
            return _app_dir(ev, root, node, scope)
        if node.args and any(isinstance(v, Ext) and v.qualname in _LEAD_FIRST_ARG for v in callees):
            first, done = prefix_of(ev, node.args[0], scope, depth + 1)
            if first and len(node.args) > 1:
                if done and any(isinstance(v, Ext) and v.qualname in _PATH_JOINS for v in callees):
                    return _joined(ev, first, node.args[1:], scope, depth)
                return first.rstrip("/") + "/", False
            return first, done and len(node.args) == 1
        if isinstance(func, ast.Attribute) and func.attr in ("resolve", "absolute", "expanduser", "strip", "rstrip"):
            base, _done = prefix_of(ev, func.value, scope, depth + 1)
            return base, False
        if node.args and any(isinstance(v, Ext) and v.qualname in ("os.path.dirname", "posixpath.dirname")
                             for v in callees):
            text, done = prefix_of(ev, node.args[0], scope, depth + 1)
            return (text.rsplit("/", 1)[0], True) if done and "/" in text.rstrip("/") else ("", False)
        funcs = [v.qualname for v in callees if isinstance(v, Func)]
        if len(funcs) == 1 and len(callees) == 1:
            return _returned_prefix(ev, funcs[0], depth)
        return "", False
    if isinstance(node, ast.Name) and scope.func is not None:
        bindings = scope.func.bindings.get(node.id, [])
        # a free name of a nested function (`url` read in `def call_fn():`) is the enclosing function's
        while not bindings and scope.parent is not None and scope.parent.kind == "func" and scope.parent.func is not None:
            scope = scope.parent
            assert scope.func is not None
            bindings = scope.func.bindings.get(node.id, [])
        if bindings and all(b.kind == "assign" and not b.path and isinstance(b.node, ast.expr) for b in bindings):
            found = [prefix_of(ev, b.node, scope, depth + 1) for b in bindings if isinstance(b.node, ast.expr)]
            texts = [t for t, _ in found]
            common = texts[0]
            for t in texts[1:]:
                while not t.startswith(common):
                    common = common[:-1]
            return common, all(d for _, d in found) and len(set(texts)) == 1
    return "", False


def is_setting(node: ast.expr, where: FuncInfo | None) -> bool:
    """`_setting` for the other modules of the frontend (a client's base URL, `clients`)."""
    return _setting(node, where)


def _setting(node: ast.expr, where: FuncInfo | None, depth: int = 0) -> bool:
    """A value read from the server's configuration: an environment variable (`os.environ["X"]`,
    `os.getenv("X")`, `os.environ.get("X", …)`) or a member of an object that is not one of the calling
    function's parameters (`self.config.url`, `settings.base_url`), directly or through a local name
    every assignment of which is one."""
    if isinstance(node, ast.Name):
        bindings = where.bindings.get(node.id, []) if where is not None and depth < 3 else []
        return bool(bindings) and all(b.kind == "assign" and not b.path and isinstance(b.node, ast.expr)
                                      and _setting(b.node, where, depth + 1) for b in bindings)
    if isinstance(node, ast.Subscript):
        return _environ_name(node.value)
    if isinstance(node, ast.Call):
        func = node.func
        if isinstance(func, ast.Attribute) and func.attr == "getenv":
            return True
        return isinstance(func, ast.Attribute) and func.attr == "get" and _environ_name(func.value)
    if not isinstance(node, ast.Attribute):
        return False
    root: ast.expr = node
    while isinstance(root, ast.Attribute):
        root = root.value
    params = set(where.params) - {"self", "cls"} if where is not None else set()
    return isinstance(root, ast.Name) and root.id not in params


def _argv(ev: Evaluator, node: ast.expr, scope: Scope) -> list[ast.expr] | None:
    """The elements of an argv list written as a literal (directly or in a local name)."""
    if isinstance(node, (ast.List, ast.Tuple)):
        return list(node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        return _argv(ev, node.left, scope)
    if isinstance(node, ast.Name) and scope.func is not None:
        bindings = [b for b in scope.func.bindings.get(node.id, []) if b.kind == "assign" and not b.path]
        if len(bindings) == 1 and isinstance(bindings[0].node, ast.expr):
            return _argv(ev, bindings[0].node, scope)
    return None


def _shell_argv(ev: Evaluator, elts: list[ast.expr], scope: Scope) -> ast.expr | None:
    """The command line of `[sh, -c, LINE]`, or None."""
    if len(elts) >= 3:
        prog = _const_str(ev, elts[0], scope)
        flag = _const_str(ev, elts[1], scope)
        if prog in _SHELLS and flag in ("-c", "/c", "-Command", "-lc"):
            return elts[2]
    return None


def _passed_values(ev: Evaluator, node: ast.expr, scope: Scope) -> tuple[list[tuple[ast.expr, Scope]], bool] | None:
    """What a module-level function's parameter NODE receives at the places the package calls it (the first
    8), each with the caller's scope, and whether those are all of them; None when NODE is no such parameter,
    the function is also passed as a value, or a call gives the parameter no argument it can name."""
    f = scope.func
    if not isinstance(node, ast.Name) or f is None or node.id not in f.params or f.klass is not None \
            or f.parent is not None or isinstance(f.node, ast.Lambda) or ev.call_index.passed_as_value(f.name):
        return None
    index = f.params.index(node.id)
    calls = ev.call_index.named(f.name)
    passed: list[tuple[ast.expr, Scope]] = []
    for call, module, caller in calls[:8]:
        at = ev.func_scope(caller) if caller else ev.module_scope(module)
        if Func(f.qualname) not in ev.ev(call.func, at):
            continue
        arg = next((k.value for k in call.keywords if k.arg == node.id), None)
        if arg is None and index < len(call.args) and not any(isinstance(a, ast.Starred) for a in call.args[:index + 1]):
            arg = call.args[index]
        if arg is None:
            return None
        passed.append((arg, at))
    return passed, len(calls) <= 8


def _passed_argv(ev: Evaluator, node: ast.expr, scope: Scope) -> str | None:
    """The command line of an argv list a module-level function receives as a parameter, written as a
    list at every place the package calls it (`_spawn(["rg", "--json", pattern, root])`, or a local
    list passed in): the constant words all calls share, then `…` where they differ or stop being
    constant; None when a call passes something else or the function is not only called."""
    passed = _passed_values(ev, node, scope)
    if passed is None:
        return None
    lines: list[list[str]] = []
    for arg, at in passed[0]:
        elts = _argv(ev, arg, at)
        if elts is None:
            return None
        lines.append(_argv_words(ev, elts, at))
    if not lines:
        return None
    common = lines[0]
    for line in lines[1:]:
        n = next((i for i, (a, b) in enumerate(zip(common, line, strict=False)) if a != b), min(len(common), len(line)))
        common = common[:n] + (["…"] if n < max(len(common), len(line)) else [])
    out = " ".join(common)
    return out[:MAX_DESTINATION] if out and not out.startswith("…") else None


def _exec_argv(call: ast.Call, slot: int | str) -> list[ast.expr] | None:
    """`asyncio.create_subprocess_exec("lake", "env", "lean", path)`: the program and its arguments
    written as positional arguments (no `*args`), the whole command line; None for another call."""
    name = call.func.attr if isinstance(call.func, ast.Attribute) else getattr(call.func, "id", "")
    if name != "create_subprocess_exec" or slot != 0 or any(isinstance(a, ast.Starred) for a in call.args):
        return None
    return list(call.args) or None


def _list_growth(func: ast.AST, name: str) -> tuple[list[ast.expr], bool]:
    """What a function adds to its local list NAME after building it (`cmd.append(x)`, `cmd.extend([…])`,
    `cmd += […]`, `cmd.insert(i, x)`), and whether every change is seen (an `extend` of a list not
    written there, an insertion before the program or a replaced item `cmd[0] = x` is not)."""
    added: list[ast.expr] = []
    seen = True
    body = getattr(func, "body", [])
    for node in local_walk(body if isinstance(body, list) else [body]):
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) \
                and isinstance(node.func.value, ast.Name) and node.func.value.id == name:
            attr, args = node.func.attr, node.args
            if attr == "append" and len(args) == 1:
                added.append(args[0])
            elif attr == "insert" and len(args) == 2:
                added.append(args[1])
                # before the program (`cmd.insert(0, "sudo")`) it is another program that runs
                seen = seen and isinstance(args[0], ast.Constant) and isinstance(args[0].value, int) \
                    and args[0].value > 0
            elif attr == "extend" and len(args) == 1:
                if isinstance(args[0], (ast.List, ast.Tuple)):
                    added += list(args[0].elts)
                else:
                    seen = False
        elif isinstance(node, (ast.Assign, ast.AugAssign)) and any(
                isinstance(t, ast.Subscript) and isinstance(t.value, ast.Name) and t.value.id == name
                for t in (node.targets if isinstance(node, ast.Assign) else [node.target])):
            seen = False  # `cmd[0] = other`: a word replaced, maybe the program
        elif isinstance(node, ast.AugAssign) and isinstance(node.target, ast.Name) and node.target.id == name:
            if isinstance(node.op, ast.Add) and isinstance(node.value, (ast.List, ast.Tuple)):
                added += list(node.value.elts)
            else:
                seen = False
    return added, seen


def _argv_whole(ev: Evaluator, node: ast.expr, scope: Scope, depth: int = 0) -> tuple[list[ast.expr], bool] | None:
    """Every element an argv list written in the code can hold: a literal (directly or in a local name,
    with what the function appends to it), `a + b` of such lists; and whether that is all of them
    (no `*rest`, no list not written here). None when the list is not written in the code."""
    if depth > 4:
        return None
    if isinstance(node, (ast.List, ast.Tuple)):
        return list(node.elts), not any(isinstance(e, ast.Starred) for e in node.elts)
    if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
        left = _argv_whole(ev, node.left, scope, depth + 1)
        if left is None:
            return None
        right = _argv_whole(ev, node.right, scope, depth + 1)
        return (left[0] + right[0], left[1] and right[1]) if right is not None else (left[0], False)
    if isinstance(node, ast.Name) and scope.func is not None:
        bindings = [b for b in scope.func.bindings.get(node.id, []) if b.kind == "assign" and not b.path]
        if len(bindings) == 1 and isinstance(bindings[0].node, ast.expr):
            found = _argv_whole(ev, bindings[0].node, scope, depth + 1)
            if found is None:
                return None
            added, seen = _list_growth(scope.func.node, node.id)
            return found[0] + added, found[1] and seen
    return None


def _command(ev: Evaluator, elts: list[ast.expr], complete: bool, scope: Scope) -> Command:
    words: list[str] = []
    for e in elts:
        if isinstance(e, ast.Starred):
            complete = False
            continue
        text, done = prefix_of(ev, e, scope)
        words.append(text if done else f"{text}…")
    if not words:
        return Command(None, (), False)
    first = words[0]
    return Command(program_name(first) if "…" not in first else None, tuple(words[1:]), complete)


def sink_command(ev: Evaluator, call: ast.Call, slot: int | str | None, role: str | None, scope: Scope) -> Command | None:
    """The program a process start runs and every word the code can pass it (`model.Command`): an argv
    list written in the code (and what the function appends to it), the program and arguments of
    `create_subprocess_exec`, or the lists every caller of a helper passes (`_spawn(["rg", …])`); None
    when none is written in the code."""
    if slot is None or role not in (COMMAND, "program"):
        return None
    node = slot_node(call, slot)
    if node is None:
        return None
    found = _argv_whole(ev, node, scope)
    if found is None and role == "program" and (elts := _exec_argv(call, slot)) is not None:
        found = elts, True
    if found is not None:
        return _command(ev, found[0], found[1], scope)
    return _passed_command(ev, node, scope)


def _passed_command(ev: Evaluator, node: ast.expr, scope: Scope) -> Command | None:
    """`sink_command` of an argv list a module-level function receives as a parameter, at every place
    the package calls it: one program for all, the words of all (as `_passed_argv`)."""
    passed = _passed_values(ev, node, scope)
    if passed is None:
        return None
    found: list[Command] = []
    for arg, at in passed[0]:
        whole = _argv_whole(ev, arg, at)
        if whole is None:
            return None
        found.append(_command(ev, whole[0], whole[1], at))
    if not found or len({c.program for c in found}) != 1:
        return None
    words = tuple(w for c in dict.fromkeys(found) for w in c.words)  # each different list once
    return Command(found[0].program, words, passed[1] and all(c.complete for c in found))


def sink_destination(ev: Evaluator, call: ast.Call, slot: int | str | None, role: str | None, scope: Scope) -> str | None:
    """The constant target of a sink call where known: a command line, a URL or host, a path (a
    known prefix ends in `…`)."""
    if slot is None or role not in ("shell", COMMAND, "program", "url", "path"):
        return None
    node = slot_node(call, slot)
    if node is None:
        return None
    if role in (COMMAND, "program", SHELL):
        elts = _argv(ev, node, scope)
        if elts is None and role == "program":
            elts = _exec_argv(call, slot)
        if elts is None:
            passed = _passed_argv(ev, node, scope)
            if passed is not None:
                return passed
        if elts is not None:
            out = " ".join(_argv_words(ev, elts, scope))
            return out[:MAX_DESTINATION] if out and out != "…" else None
    if role == "url" and isinstance(node, ast.Tuple) and len(node.elts) == 2:  # (host, port) of a socket
        host, port = _const_str(ev, node.elts[0], scope), ev.ev(node.elts[1], scope)
        number = next(iter(port)) if len(port) == 1 else None
        if host and isinstance(number, Const) and isinstance(number.value, int):
            return f"{host}:{number.value}"[:MAX_DESTINATION]
        return None
    text, done = prefix_of(ev, node, scope)
    if not text:
        return None
    if not done:
        if role == "url" and "://" not in text:
            return None
        if role == "path" and not text.startswith(("/", "~", ".")):
            return None
        if role in (COMMAND, "program", SHELL) and len(text.strip()) < 2:
            return None
        text = f"{text}…"
    return text[:MAX_DESTINATION]


class FlowBuilder:
    """`FunctionFlow`s of the call-graph nodes, built on demand."""

    def __init__(self, evaluator: Evaluator, builder: GraphBuilder) -> None:
        self.ev = evaluator
        self.builder = builder
        self.p = evaluator.p
        self._globals: dict[tuple[str, str], Refs] = {}
        self._configured_attrs: dict[tuple[str, str], bool] = {}
        self._set_attrs: frozenset[str] | None = None

    def set_attributes(self) -> frozenset[str]:
        """The attribute names the package assigns on an object anywhere outside a class body
        (`self.X = …` in a method, `NAME.X = …` in a module's body): computed once."""
        if self._set_attrs is None:
            names = {a for k in self.p.classes.values() for a in k.inst_attrs}
            names |= {a for m in self.p.modules.values() for sets in m.attr_sets.values() for a, _ in sets}
            self._set_attrs = frozenset(names)
        return self._set_attrs

    def class_constant(self, klass: str | None, attr: str) -> bool:
        """`attr` is a constant of the class's own body (`_ENDPOINT = "https://…"`) that the package never
        assigns on an object: `self.<attr>` reads that constant, whatever the object was made of."""
        info = self.p.classes.get(klass) if klass else None
        if info is None:
            return False
        bound = info.bindings.get(attr)
        if not bound or not all(b.kind == "assign" and not b.path and isinstance(b.node, ast.Constant) for b in bound):
            return False
        return attr not in self.set_attributes()

    def configured_attribute(self, klass: str, attr: str) -> bool:
        """Whether `self.<attr>` of a `klass` object is set from the server's configuration: a method
        assigns it from one of its parameters, the package builds the class somewhere, and every
        build passes for that parameter a setting (`os.environ["WIKI_URL"]`, `os.getenv(…)`,
        `self.config.url`, `settings.base_url`), never a string written in the code nor a value of
        the calling function's own parameters (which may be a tool's arguments)."""
        key = (klass, attr)
        found = self._configured_attrs.get(key)
        if found is None:
            found = self._configured_attrs[key] = self._configured(klass, attr)
        return found

    def _configured(self, klass: str, attr: str) -> bool:
        local, _external = self.ev.mro(klass)
        short = klass.rsplit(".", 1)[-1]
        seen = False
        for k in local:
            c = self.p.classes.get(k)
            for expr, fq in (c.inst_attrs.get(attr, ()) if c is not None else ()):
                f = self.p.funcs.get(fq)
                if not isinstance(expr, ast.Name) or f is None or expr.id not in f.params:
                    return False
                index = f.params.index(expr.id) - (0 if f.is_static else 1)
                for call, where in self._calls_named(short):
                    args = [a for a in call.args if not isinstance(a, ast.Starred)]
                    given = [kw.value for kw in call.keywords if kw.arg == expr.id]
                    if 0 <= index < len(args):
                        given.append(args[index])
                    if len(given) != 1 or not _setting(given[0], where):
                        return False
                    seen = True
        return seen

    def _calls_named(self, name: str) -> list[tuple[ast.Call, FuncInfo | None]]:
        """The package's calls of a name (`Adapter(...)`, `mod.Adapter(...)`), each with the function it
        is made in (None: module level): the evaluator's call index."""
        return [(call, self.p.funcs.get(q) if q else None) for call, _module, q in self.ev.call_index.named(name)]

    def global_sources(self, module: str, name: str, depth: int = 0) -> Refs:
        """The sources (`s:…`) of what a module assigns to a global name (`TOKEN = os.environ["T"]`), also
        through `from other import TOKEN`."""
        k = (module, name)
        found = self._globals.get(k)
        if found is not None:
            return found
        self._globals[k] = NONE
        m = self.p.modules.get(module)
        out: set[str] = set()
        if m is not None and depth < 4:
            scope = self.ev.module_scope(module)
            for b in m.bindings.get(name, ()):
                if b.kind == "importfrom" and "." in b.target:  # `from app.config import HA_URL`: that module's global
                    source, _, imported = b.target.rpartition(".")
                    source = self.ev.local_module(source) or source  # `app.config` for our `config`
                    if source in self.p.modules and (source, imported) != k:
                        out |= self.global_sources(source, imported, depth + 1)
                    continue
                if b.kind in ("assign", "with", "setitem", "append", "extend") and isinstance(b.node, ast.expr):
                    todo: list[ast.AST] = [b.node]
                    while todo:
                        n = todo.pop()
                        if isinstance(n, (ast.Lambda, ast.FunctionDef, ast.AsyncFunctionDef)):
                            continue
                        if isinstance(n, ast.Call):
                            found = self.call_sources(n, self.ev.ev(n.func, scope), scope)
                            if found:  # `os.environ.get("K")`: the key's value, not the whole environment
                                out |= found
                                todo.extend([*n.args, *(k.value for k in n.keywords)])
                                continue
                        elif isinstance(n, (ast.Attribute, ast.Subscript)):
                            found = self.access_sources(n, scope)
                            if found:
                                out |= found
                                continue
                        elif isinstance(n, ast.Name) and n.id != name:
                            out |= self.global_sources(module, n.id, depth + 1)
                        todo.extend(ast.iter_child_nodes(n))
        found = self._globals[k] = frozenset(out)
        return found

    def call_sources(self, call: ast.Call, callees: frozenset[Value], scope: Scope) -> Refs:
        """What a call returns that is no argument: an environment variable, a file's contents."""
        out: set[str] = set()
        for v in callees:
            if not isinstance(v, Ext):
                continue
            q = v.qualname
            if q in TEMP_CREATORS:
                out.add(FRESH_TEMP)  # a new file or folder of its own, not one of the user's
                continue
            if q in OPEN_LIKE:
                kinds: tuple[Kind, ...] = (Kind.FS_READ,)
            elif q.startswith("<") or "()" in q or summary_of(q) is not None:
                continue  # a summarised client (`chromadb.PersistentClient(path)`) hands back objects, not file contents
            else:
                kinds = sink_kinds(q)
            if Kind.ENV in kinds:
                one_key = bool(call.args) and q.endswith(("getenv", ".get"))
                keys = const_strs(self.ev, call.args[0], scope) if one_key else ()
                # one variable: its name (one of a few known names: `for name in ("USERPROFILE", "HOME")`),
                # or `?` when the name is computed; else the whole environment
                out.update(f"s:env:{key}" for key in keys)
                if not keys:
                    out.add("s:env:?" if one_key else "s:env:*")
            elif Kind.FS_READ in kinds:
                if q.rsplit(".", 1)[-1] in FS_METADATA:
                    continue  # whether a file is there, its size or times: none of what is in it
                slot = sink_slot(q)
                dest = sink_destination(self.ev, call, slot[0], slot[1], scope) if slot is not None else None
                node = slot_node(call, slot[0]) if slot is not None else None
                values = self.ev.ev(node, scope) if node is not None and dest else frozenset()
                if values and all(isinstance(v, PkgPath) and v.path for v in values):
                    out.add(f"s:pkgfile:{dest}")  # a file the package ships (`Path(__file__).parent / "x"`)
                else:
                    out.add(f"s:file:{dest}" if dest else "s:file")
        return frozenset(out)

    def access_sources(self, node: ast.Attribute | ast.Subscript, scope: Scope) -> Refs:
        """`os.environ["KEY"]` is `s:env:KEY`, `os.environ[name]` `s:env:?` (one variable, its name computed);
        `os.environ` itself (copied, iterated) `s:env:*`."""
        if isinstance(node, ast.Subscript):
            base = node.value
            if isinstance(base, (ast.Attribute, ast.Name)) and _environ_name(base) and self._is_environ(base, scope):
                key = _const_str(self.ev, node.slice, scope) if isinstance(node.slice, ast.expr) else None
                return frozenset({f"s:env:{key}" if key else "s:env:?"})
            return NONE
        if node.attr in ("environ", "environb") and self._is_environ(node, scope):
            return frozenset({"s:env:*"})
        return NONE

    def _is_environ(self, node: ast.expr, scope: Scope) -> bool:
        return any(isinstance(v, Ext) and v.qualname in ("os.environ", "os.environb") for v in self.ev.ev(node, scope))

    def flow(self, key: NodeKey, node_id: str) -> FunctionFlow | None:
        from mcpvet.frontends.python.graph import ctx_bindings

        f = self.p.funcs.get(key.qualname)
        if f is None or self.ev.expired:
            return None
        scope = self.ev.func_scope(key.qualname)
        if key.ctx:
            scope = self.ev.derive(scope, ctx_bindings(key.ctx))
        facts = self.builder.facts.get(key)
        skipped = facts.skipped if facts is not None else []
        try:
            return _FunctionScan(self, key, scope, skipped).run()
        except RecursionError:
            return None


class _FunctionScan:
    def __init__(self, owner: FlowBuilder, key: NodeKey, scope: Scope, skipped: list[tuple[int, int]]) -> None:
        self.o = owner
        self.ev = owner.ev
        self.key = key
        self.scope = scope
        f = scope.func
        assert f is not None
        self.f = f
        self.skipped = skipped
        self.flow = FunctionFlow(params=tuple(f.params))
        self._refs: dict[int, Refs] = {}
        self._lead: dict[int, Refs] = {}
        self._outer: dict[str, bool] = {}
        self._closures = False
        self._reaching: Reaching | None = None

    def live(self, node: ast.AST) -> bool:
        line = getattr(node, "lineno", None)
        return line is None or not any(s <= line <= e for s, e in self.skipped)

    def run(self) -> FunctionFlow:
        f = self.f
        for name, bindings in f.bindings.items():
            if all(b.kind == "param" for b in bindings):
                continue
            refs: set[str] = set()
            for b in bindings:
                if b.kind == "param":
                    refs.add(f"p:{name}")
                elif b.kind in ("assign", "for", "with", "append", "extend", "setitem", "unknown") \
                        and isinstance(b.node, ast.expr) and self.live(b.node):
                    refs |= self.refs(b.node)
            self.flow.defs[name] = frozenset(refs)
            if all(b.kind == "assign" and not b.path and isinstance(b.node, ast.expr) for b in bindings):
                self.flow.assigned[name] = [(b.node.lineno, self.refs(b.node)) for b in bindings
                                            if isinstance(b.node, ast.expr) and self.live(b.node)]
        node = f.node
        returns: set[str] = set()
        returns_lead: set[str] = set()
        if isinstance(node, ast.Lambda):
            returns |= self.refs(node.body)
            returns_lead |= self.lead(node.body)
        nodes = local_walk([node.body]) if isinstance(node, ast.Lambda) else self.ev.p.local_nodes(node.body)
        for n in nodes:
            if not self.live(n):
                continue
            if isinstance(n, (ast.Return, ast.Yield, ast.YieldFrom)) and n.value is not None:
                returns |= self.refs(n.value)
                returns_lead |= self.lead(n.value)
                self.flow.returned.append((n.lineno, self.refs(n.value), self.lead(n.value)))
            elif isinstance(n, ast.Call):
                self.refs(n)  # registers package calls (their sinks reach this function's summary)
                self.sink(n)
                handed = self.o.builder.forwarders.handed_call(n, self.ev.ev(n.func, self.scope))
                if handed is not None:  # a library function handed over (`to_thread(subprocess.run, cmd)`)
                    self.sink(handed)
                self.call_guard(n)
                self.written(n)
                if isinstance(n.func, ast.Attribute) and n.func.attr in _MUTATORS and not self._package_method(n):
                    self.stored(n.func.value, [*n.args, *(k.value for k in n.keywords)])
            elif isinstance(n, ast.Assign):
                self.rewritten(n)
                for t in n.targets:
                    if isinstance(t, (ast.Attribute, ast.Subscript)):
                        self.stored(t.value, [n.value])
                    self.kept(t, n.value)
            elif isinstance(n, ast.AnnAssign) and n.value is not None:
                self.kept(n.target, n.value)
            elif isinstance(n, ast.Compare):
                self.compare_guard(n)
        GuardReader(self).run()
        self.flow.returns = frozenset(returns)
        self.flow.returns_lead = frozenset(returns_lead)
        if self._closures:  # the nested functions handed on read this function's locals
            self.flow.defs_lead = {name: self.lead(ast.Name(id=name, ctx=ast.Load())) for name in self.flow.defs}
        return self.flow

    def kept(self, target: ast.expr, value: ast.expr) -> None:
        """`self.X = value` in a constructor: what the object keeps in X (`FunctionFlow.attrs`)."""
        f = self.f
        if f.name != "__init__" or not f.klass or not f.params or f.is_static:
            return
        if isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == f.params[0]:
            attrs, leads = self.flow.attrs, self.flow.attrs_lead
            attrs[target.attr] = attrs.get(target.attr, NONE) | self.refs(value)
            leads[target.attr] = leads.get(target.attr, NONE) | self.lead(value)

    # ------------------------------------------------------------------ references
    def name(self, name: str) -> Refs:
        bindings = self.f.bindings.get(name)
        if bindings is not None:
            if all(b.kind == "param" for b in bindings):
                return frozenset({f"p:{name}"})
            return frozenset({f"v:{name}"})
        outer = self._outer.get(name)
        if outer is None:
            outer = False
            parent = self.o.p.funcs.get(self.f.parent) if self.f.parent else None
            while parent is not None:
                if name in parent.bindings:
                    outer = True
                    break
                parent = self.o.p.funcs.get(parent.parent) if parent.parent else None
            self._outer[name] = outer
        if outer:
            return frozenset({f"^{name}"})
        return self.o.global_sources(self.f.module, name)

    def assignment(self, node: ast.Name) -> ast.expr | None:
        """The value of the one assignment a read of a local sees (`reaching.Reaching`), when certain."""
        bindings = self.f.bindings.get(node.id)
        if not bindings or len(bindings) < 2 or not isinstance(node.ctx, ast.Load):
            return None
        if self._reaching is None:
            self._reaching = Reaching(self.f)
        found = self._reaching.assignment(node)
        return found if found is not None and self.live(found) else None

    def param_name(self, node: ast.expr) -> str | None:
        if isinstance(node, ast.Name):
            bindings = self.f.bindings.get(node.id)
            if bindings and all(b.kind == "param" for b in bindings):
                return node.id
        return None

    def refs(self, node: ast.expr) -> Refs:
        k = id(node)
        found = self._refs.get(k)
        if found is None:
            self._refs[k] = NONE  # cycles through odd trees
            found = self._refs[k] = self._compute(node)
        return found

    def _union(self, nodes: list[ast.expr]) -> Refs:
        out: set[str] = set()
        for n in nodes:
            out |= self.refs(n)
        return frozenset(out)

    def _compute(self, node: ast.expr) -> Refs:
        if isinstance(node, ast.Name):
            if node.id in ("environ", "environb") and self.o._is_environ(node, self.scope):
                return frozenset({"s:env:*"})
            seen = self.assignment(node)
            if seen is not None:  # the one assignment this read sees
                return self.refs(seen)
            return self.name(node.id)
        if isinstance(node, ast.Constant):
            return NONE
        if isinstance(node, ast.Attribute):
            if node.attr in ("environ", "environb"):
                found = self.o.access_sources(node, self.scope)
                if found:
                    return found
            if isinstance(node.value, ast.Name) and self.f.params and node.value.id == self.f.params[0] \
                    and not self.f.is_static and self.o.class_constant(self.f.klass, node.attr):
                return NONE  # `self._ENDPOINT`: the class's constant, not a part of the object
            member = _project(self.refs(node.value), node.attr)
            env = settings_variable(self.ev, node, self.scope)  # a pydantic-settings field: its variable
            return member | {f"s:env:{env}"} if env is not None else member
        if isinstance(node, ast.Subscript):
            if _environ_name(node.value):
                found = self.o.access_sources(node, self.scope)
                if found:
                    return found
            base = self.refs(node.value)
            if isinstance(node.slice, ast.Constant) and isinstance(node.slice.value, str):
                return _project(base, node.slice.value, True)
            if self._constant_table(node.value):
                return NONE  # `ORDER[key]`: one of the table's constant values, whatever the key
            return base
        if isinstance(node, ast.Call):
            return self.call(node)
        if isinstance(node, ast.JoinedStr):
            return self._union([v.value for v in node.values if isinstance(v, ast.FormattedValue)])
        if isinstance(node, ast.FormattedValue):
            return self.refs(node.value)
        if isinstance(node, ast.BinOp):
            return self._union([node.left, node.right])
        if isinstance(node, ast.BoolOp):
            return self._union(list(node.values))
        if isinstance(node, ast.IfExp):  # `x if x in ALLOWED else "default"`: an allow-listed branch
            reader = GuardReader(self)
            out: set[str] = set()
            for branch, passes in ((node.body, True), (node.orelse, False)):
                checked = {r for t in reader.tests(node.test, passes) if t.role == "any" and not t.unless for r in t.refs}
                out |= {r for r in self.refs(branch) if r not in checked}
            return frozenset(out)
        if isinstance(node, (ast.List, ast.Tuple, ast.Set)):
            return self._union(list(node.elts))
        if isinstance(node, ast.Dict):
            return self._union([v for v in node.values if v is not None])
        if isinstance(node, (ast.Starred, ast.Await, ast.NamedExpr)):
            return self.refs(node.value)
        if isinstance(node, (ast.ListComp, ast.SetComp, ast.GeneratorExp)):
            return self._union([node.elt, *(g.iter for g in node.generators)])
        if isinstance(node, ast.DictComp):
            return self._union([node.value, *(g.iter for g in node.generators)])
        if isinstance(node, ast.UnaryOp) and not isinstance(node.op, ast.Not):
            return self.refs(node.operand)
        return NONE

    def call(self, node: ast.Call) -> Refs:
        func = node.func
        kept = filtered(node, self.constant)
        if kept is not None:  # `"".join(c for c in x if c.isalnum() or c in "_-.")`: a known alphabet
            source, chars = kept
            refs = self.refs(source)
            roles = alphabet_roles(chars)
            if set(ROLES_SAFE_WITH_WORDS) <= set(roles):
                return NONE  # as `isalnum()` checked: harmless wherever a word can go
            for role in roles:
                self.guard(role, refs)
            return refs
        if isinstance(func, ast.Attribute) and func.attr == "get" and node.args:
            key = node.args[0]
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                base = self.refs(func.value)
                if base and all(r[0] in "p^" or r == WHOLE_ENV for r in base):
                    return _project(base, key.value, True)
            if self._constant_table(func.value) and not self._union(node.args[1:]):
                return NONE  # `ORDER.get(key, "created")`: a value of the table or the constant default
        callees = self.ev.ev(func, self.scope)
        if callees and all(isinstance(v, Ext) and v.qualname in SANITISERS for v in callees):
            if all(isinstance(v, Ext) and v.qualname in ENCODERS for v in callees):
                return _sources_only(self._union([*node.args, *(k.value for k in node.keywords)]))
            return NONE
        if callees and all(isinstance(v, Ext) and v.qualname in _NUMERIC_BOUNDS for v in callees) and any(
                isinstance(a, ast.Constant) and type(a.value) in (int, float) for a in node.args):
            return NONE  # `min(limit, 20)`: a number, or a TypeError for anything that is not one
        out: set[str] = set(self.o.call_sources(node, callees, self.scope))
        if any(s.startswith("s:env:") for s in out) and not any(isinstance(v, (Func, Klass)) for v in callees):
            return frozenset(out)  # `os.environ.get("K")`: that variable, not the whole environment
        targets = [v for v in callees if isinstance(v, (Func, Klass))]
        handed: set[int] = set()
        if targets:
            cid = _call_id(node)
            if cid not in self.flow.calls:
                self.flow.calls[cid] = self.call_flow(node, targets, node.args, node.keywords, func)
            if any(isinstance(v, Func) for v in targets) or self.flow.calls[cid].constructs:
                out.add(f"c:{cid}")  # an object built by a package `__init__`: what it keeps in each attribute
            out |= self.forwarded(node, callees, handed)
            if any(isinstance(v, Klass) for v in targets):
                made = self._union([*node.args, *(k.value for k in node.keywords)])
                if any(isinstance(v, Klass) and not self.ev.method(v.qualname, "__init__") for v in targets):
                    out |= made  # a dataclass, a model: made of its constructor's arguments
                self.hooks(node, [v for v in targets if isinstance(v, Klass)], made)
        handoff = self.handoff(node, callees)
        if handoff is not None:
            return handoff
        self.closures(node, handed)
        if not targets and callees and all(isinstance(v, Ext) and _answers(v.qualname) for v in callees):
            return frozenset(out)  # a response or a program's output is not made of the request's arguments
        if not targets or any(not isinstance(v, (Func, Klass)) for v in callees):
            out |= self._union([*node.args, *(k.value for k in node.keywords)])
            if isinstance(func, ast.Attribute):
                out |= self.refs(func.value)
        return frozenset(out)

    def constant(self, node: ast.expr) -> object:
        """The one constant value of NODE (a text, a tuple …), or None."""
        values = self.ev.ev(node, self.scope)
        only = next(iter(values)) if len(values) == 1 else None
        return only.value if isinstance(only, Const) else None

    def hooks(self, node: ast.Call, classes: list[Klass], made: Refs) -> None:
        """The construction hooks of the classes built at NODE (`__post_init__`, `model_post_init`,
        pydantic validators) called on the object made of MADE: what they check or do holds for it."""
        from mcpvet.frontends.python.lower import node_id

        bindings: dict[str, dict[str, Refs]] = {}
        for k in classes:
            for h in construction_hooks(self.ev, k.qualname):
                bound = made if not h.field else _project(made, h.field, True)
                b = bindings.setdefault(node_id(type(self.key)(h.qualname)), {})
                b[h.param] = b.get(h.param, NONE) | bound
        if bindings:
            cid = f"{node.lineno}:{node.col_offset}:hooks"
            self.flow.calls[cid] = CallFlow(bindings, bindings, line=node.lineno)
            # what a hook validates (raises unless it holds) holds for the object from its construction on
            end = getattr(self.f.node, "end_lineno", None) or node.lineno
            self.flow.checks.append(Check("any", NONE, node.lineno, end, call=cid))

    def rewritten(self, node: ast.Assign) -> None:
        """`self.name = normalize(self.name)` in a construction hook: the field as every later reader
        sees it; when the rewrite keeps none of the field's value (a sanitiser: `int`, `basename`, a
        function that only returns a checked copy), the field is checked."""
        if self.f.name not in POST_INIT or not self.f.params or len(node.targets) != 1:
            return
        target = node.targets[0]
        receiver = self.f.params[0]
        if not (isinstance(target, ast.Attribute) and isinstance(target.value, ast.Name) and target.value.id == receiver):
            return
        field = f"p:{receiver}.{target.attr}"
        read = any(isinstance(n, ast.Attribute) and n.attr == target.attr and isinstance(n.value, ast.Name)
                   and n.value.id == receiver for n in ast.walk(node.value))
        refs = self.refs(node.value)
        if read and field not in refs and not any(r[:2] in ("c:", "v:") for r in refs):
            self.guard("any", frozenset({field}))  # a package function's own checks reach through its summary

    @staticmethod
    def call_id(node: ast.Call) -> str:
        """The id of the flow of a package call made at NODE (`FunctionFlow.calls`)."""
        return _call_id(node)

    def _constant_table(self, node: ast.expr) -> bool:
        """Whether NODE is a dict whose every value is a constant (a lookup table)."""
        values = self.ev.ev(node, self.scope)
        return bool(values) and all(isinstance(v, DictVal) and v.items and
                                    all(vals and all(isinstance(x, Const) for x in vals) for _, vals in v.items)
                                    for v in values)

    def forwarded(self, node: ast.Call, callees: frozenset[Value], handed: set[int]) -> Refs:
        """A call of a package function that calls a function it is handed with the call's further
        arguments (`await _in_thread(store.save, name, body)`, `forwarders.Forwarders`): that function
        called with them, here, as the graph's callback edge has it; its result is the call's. HANDED gets
        the handed expression."""
        made = self.o.builder.forwarders.handed_call(node, callees, library=False)
        if made is None:
            return NONE
        handed.add(id(made.func))
        called = [t for t in self.ev.ev(made.func, self.scope) if isinstance(t, (Func, Klass))]
        if not called:
            return NONE
        cid = f"{node.lineno}:{node.col_offset}:f"
        if cid not in self.flow.calls:
            self.flow.calls[cid] = self.call_flow(node, called, made.args, made.keywords, made.func, plain=True)
        return frozenset({f"c:{cid}"})

    def closures(self, node: ast.Call, handed: set[int] | None = None) -> None:
        """A function nested in this one and handed to a call (`self._safe_call(call_fn)`, a callback)
        runs where the data flow does not follow; its sinks reach this function's summary as those
        of a call with no arguments, its free names (`url` of the enclosing function) bound to this
        function's own (`^url`), its parameters `UNKNOWN` (whoever calls it chooses them)."""
        from mcpvet.frontends.python.lower import node_id

        for i, a in enumerate([*node.args, *(k.value for k in node.keywords)]):
            if isinstance(a, ast.Starred) or (handed and id(a) in handed):
                continue  # (a function a package forwarder calls with this call's arguments: bound there)
            for v in self.ev.ev(a, self.scope):
                info = self.o.p.funcs.get(v.qualname) if isinstance(v, Func) else None
                if info is None or info.parent != self.key.qualname:
                    continue
                cid = f"{node.lineno}:{node.col_offset}:n{i}:{info.qualname}"
                if cid not in self.flow.calls:
                    self._closures = True
                    bound = dict.fromkeys(info.params, _UNKNOWN_VALUE)
                    self.flow.calls[cid] = CallFlow({node_id(type(self.key)(info.qualname)): bound})

    def handoff(self, node: ast.Call, callees: frozenset[Value]) -> Refs | None:
        """`asyncio.to_thread(fn, *args)`, `loop.run_in_executor(None, fn, *args)`: fn called with args, now
        (`Forwarders.handed_call`: a library forwarder's call, not `partial`'s later one)."""
        made = self.o.builder.forwarders.handed_call(node, callees, package=False, later=False)
        targets = [v for v in self.ev.ev(made.func, self.scope) if isinstance(v, Func)] if made is not None else []
        if made is None or not targets:
            return None
        cid = f"{node.lineno}:{node.col_offset}:h"
        self.flow.calls[cid] = self.call_flow(node, targets, made.args, made.keywords, made.func)
        return frozenset({f"c:{cid}"})

    def call_flow(self, node: ast.Call, targets: Sequence[Value], args: list[ast.expr], keywords: list[ast.keyword],
                  func: ast.expr, plain: bool = False) -> CallFlow:
        """The call of TARGETS at NODE with ARGS and KEYWORDS (FUNC: what is called); PLAIN: the callees'
        nodes unspecialised by the call (a function handed over, reached by the graph's callback edge)."""
        from mcpvet.frontends.python.lower import node_id

        out: dict[str, dict[str, Refs]] = {}
        leads: dict[str, dict[str, Refs]] = {}
        constructs: dict[str, str] = {}
        for v in targets:
            if isinstance(v, Func):
                q = v.qualname
                callee_key = type(self.key)(q) if plain else self.o.builder.callee_key(q, node, self.scope, self.key)
            elif isinstance(v, Klass):
                found = self.ev.method(v.qualname, "__init__")
                if not found:
                    continue
                q = found
                callee_key = type(self.key)(q)
            else:
                continue
            info = self.o.p.funcs.get(q)
            if info is None:
                continue
            offset = 1 if isinstance(v, Klass) or (
                info.klass and not info.is_static and isinstance(func, ast.Attribute)) else 0
            bound: dict[str, Refs] = {}
            lead: dict[str, Refs] = {}
            if offset and not isinstance(v, Klass) and isinstance(func, ast.Attribute) and info.params:
                bound[info.params[0]] = self.refs(func.value)  # `self` is the receiver
                lead[info.params[0]] = self.lead(func.value)
            spec = info.node.args
            positional = len(spec.posonlyargs) + len(spec.args)
            for i, a in enumerate(args):
                if isinstance(a, ast.Starred):
                    break
                if i + offset < positional:
                    bound[info.params[i + offset]] = self.refs(a)
                    lead[info.params[i + offset]] = self.lead(a)
                elif spec.vararg is not None:  # past the positional parameters: held in `*args`, never a keyword-only
                    name = spec.vararg.arg
                    bound[name] = bound.get(name, NONE) | self.refs(a)
                    lead[name] = lead.get(name, NONE) | self.lead(a)
            for kw in keywords:
                if kw.arg is not None and kw.arg in info.params:
                    bound[kw.arg] = self.refs(kw.value)
                    lead[kw.arg] = self.lead(kw.value)
            out[node_id(callee_key)] = bound
            leads[node_id(callee_key)] = lead
            if isinstance(v, Klass) and info.params and not info.is_static:
                constructs[node_id(callee_key)] = info.params[0]
        return CallFlow(out, leads, constructs, line=node.lineno)

    # ------------------------------------------------------------------ lead: the start of a value
    def lead(self, node: ast.expr, depth: int = 0) -> Refs:
        k = id(node)
        found = self._lead.get(k)
        if found is not None:
            return found
        self._lead[k] = NONE
        found = self._lead[k] = self._lead_of(node, depth)
        return found

    def _lead_of(self, node: ast.expr, depth: int) -> Refs:
        if depth > 8:
            return self.refs(node)
        if isinstance(node, ast.Constant):
            return NONE
        if isinstance(node, ast.Name):
            bindings = self.f.bindings.get(node.id)
            if bindings is None or all(b.kind == "param" for b in bindings):
                return self.name(node.id)
            out: set[str] = set()
            for b in bindings:
                if b.kind == "param":
                    out.add(f"p:{node.id}")
                elif b.kind == "assign" and not b.path and isinstance(b.node, ast.expr) and self.live(b.node):
                    out |= self.lead(b.node, depth + 1)
                elif b.kind == "assign" and b.path == (0,) and isinstance(b.node, ast.Call) and self.live(b.node) \
                        and any(isinstance(v, Func) for v in self.ev.ev(b.node.func, self.scope)):
                    # `url, headers = build(...)`: the first of what a package function returns starts as its value does
                    out |= self.lead(b.node, depth + 1)
                elif b.kind in ("for", "with", "assign", "unknown") and isinstance(b.node, ast.expr) and self.live(b.node):
                    out |= self.refs(b.node)
            return frozenset(out)
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            if isinstance(first, ast.Constant) and _SCHEME_ONLY.match(str(first.value)):
                return self.authority(node)  # `f"https://{host}/v1"`: the URL starts where its host does
            if first is None or (isinstance(first, ast.Constant) and str(first.value)):
                return NONE
            return self.lead(first.value, depth + 1) if isinstance(first, ast.FormattedValue) else NONE
        if isinstance(node, ast.BinOp):
            return self.lead(node.left, depth + 1)
        if isinstance(node, (ast.List, ast.Tuple)):
            if not node.elts:
                return NONE
            first_elt = node.elts[0]
            return self.refs(first_elt) if isinstance(first_elt, ast.Starred) else self.lead(first_elt, depth + 1)
        if isinstance(node, (ast.BoolOp,)):
            out2: set[str] = set()
            for v in node.values:
                out2 |= self.lead(v, depth + 1)
            return frozenset(out2)
        if isinstance(node, ast.IfExp):
            return self.lead(node.body, depth + 1) | self.lead(node.orelse, depth + 1)
        if isinstance(node, (ast.Await, ast.NamedExpr, ast.FormattedValue)):
            return self.lead(node.value, depth + 1)
        if isinstance(node, ast.Call):
            refs = self.refs(node)
            if not refs:
                return NONE
            func = node.func
            callees = self.ev.ev(func, self.scope)
            if any(isinstance(v, Func) for v in callees) or f"c:{_call_id(node)}" in refs:
                return refs
            names = {v.qualname for v in callees if isinstance(v, Ext)}
            if isinstance(func, ast.Attribute) and func.attr == "join" and isinstance(func.value, ast.Constant):
                return self.lead(node.args[0], depth + 1) if node.args else NONE
            if names & _LEAD_FIRST_ARG or (isinstance(func, ast.Attribute) and func.attr == "joinpath"):
                if isinstance(func, ast.Attribute) and func.attr == "joinpath":
                    return self.lead(func.value, depth + 1)
                return self.lead(node.args[0], depth + 1) if node.args else NONE
            if isinstance(func, ast.Attribute) and not all(
                    isinstance(v, (Ext, Module, Klass)) for v in self.ev.ev(func.value, self.scope)):
                if func.attr == "get" and self.param_name(func.value) is not None:
                    return refs
                return self.lead(func.value, depth + 1)
            return self.lead(node.args[0], depth + 1) if node.args else NONE
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            if isinstance(node.value, ast.Call) and not any(
                    isinstance(v, (Func, Klass)) for v in self.ev.ev(node.value.func, self.scope)):
                # a member of what a library call answered (`api.get(id=x).execute`, `urlparse(u).netloc`)
                # starts as that answer does: not with each argument the call was given
                return self.lead(node.value, depth + 1)
            refs = self.refs(node)
            if refs and (all(r.startswith("p:") for r in refs)
                         or all(r[:2] in ("v:", "c:") and MEMBER in r for r in refs)):  # a member of an object
                return refs
            return self.lead(node.value, depth + 1) if refs else NONE
        return self.refs(node)

    # ------------------------------------------------------------------ sinks and guards
    def sink(self, call: ast.Call) -> None:
        data = False
        for v in self.ev.ev(call.func, self.scope):
            if not isinstance(v, Ext):
                continue
            found = sink_slot(v.qualname)
            if not data and _data_sink(v.qualname, found):
                data = True
                self.flow.sinks.append(SinkFlow(self.f.path, call.lineno, DATA, self.arguments(call)))
            if found is None:
                continue
            slot, role = found
            if v.qualname == "yaml.load" and safe_yaml_loader(call):
                continue
            node = slot_node(call, slot)
            if node is None:
                continue
            path = self.f.path
            if role in (COMMAND, "program"):
                elts = _argv(self.ev, node, self.scope)
                line = _shell_argv(self.ev, elts, self.scope) if elts is not None else None
                if line is not None:
                    self.add(SinkFlow(path, call.lineno, SHELL, self.refs(line), self.lead(line)))
                elif role == COMMAND and _shell_true(call):
                    self.add(SinkFlow(path, call.lineno, SHELL, self.refs(node), self.lead(node)))
                else:
                    lead = self.lead(node)
                    self.add(SinkFlow(path, call.lineno, "program", lead, lead))
            elif role == "url":
                node = self.request_url(node)
                text, _done = prefix_of(self.ev, node, self.scope)
                if _HOST_FIXED.match(text):
                    continue
                client = request_base(self.ev, call, self.scope) if "://" not in text and client_type(v.qualname) \
                    else None
                if client is not None and client.base and fixed_host(client):
                    continue  # a relative path on a client whose base URL fixes the host
                if client is not None and client.setting:  # the host is the one the server is configured with
                    refs = frozenset({f"{CONFIGURED}{client.setting}"})
                    self.add(SinkFlow(path, call.lineno, role, refs, refs))
                    continue
                refs = self.authority(node) if "://" in text else self.lead(node)
                if "://" not in text and (base := self._configured_base(node)) is not None:
                    refs = refs | {f"{CONFIGURED}{base}"}
                self.add(SinkFlow(path, call.lineno, role, refs, refs))
            elif role == "nosql":
                self.nosql(path, call.lineno, node)
            else:
                self.add(SinkFlow(path, call.lineno, role, self.refs(node), self.lead(node)))
                if role == "path" and self.o.call_sources(call, frozenset({v}), self.scope) == _ANY_FILE:
                    # a read of a path not known whole whose answer is what the file holds: for the media checks
                    self.add(SinkFlow(path, call.lineno, CONTENTS, self.refs(node) or _NOT_FOLLOWED))
                other = slot_node(call, OTHER_PATH[v.qualname]) if v.qualname in OTHER_PATH else None
                if other is not None:  # os.replace(tmp, target): the target is a path as much as the source
                    self.add(SinkFlow(path, call.lineno, role, self.refs(other), self.lead(other)))

    def request_url(self, node: ast.expr) -> ast.expr:
        """The URL a request object is made for (`urlopen(urllib.request.Request(url, data=…))`, also
        through a local assigned once): the host is in it, not in the data or the headers."""
        made: ast.AST | None = node
        if isinstance(node, ast.Name):
            bound = self.f.bindings.get(node.id, [])
            made = bound[0].node if len(bound) == 1 and bound[0].kind == "assign" and not bound[0].path else None
        if not isinstance(made, ast.Call) or not any(
                isinstance(v, Ext) and v.qualname == "urllib.request.Request" for v in self.ev.ev(made.func, self.scope)):
            return node
        url = slot_node(made, 0)
        return url if url is not None else node

    def authority(self, node: ast.expr) -> Refs:
        """What makes up the scheme and host of a URL written with its scheme
        (`f"https://{account}.example.com/api/{database}"`: `account`, not `database`): the values
        before the first `/`, `?` or `#` after `://`. Anything the pieces cannot show: the whole."""
        pieces = self._pieces(node, 0)
        if pieces is None:
            return self.refs(node)
        text = ""
        out: set[str] = set()
        for piece in pieces:
            if isinstance(piece, str):
                text += piece
                scheme = text.find("://")
                if scheme >= 0 and any(c in text[scheme + 3:] for c in "/?#"):
                    return frozenset(out)
            else:
                out |= self.refs(piece)
        return self.refs(node)  # no path after the host: all of it may be the host

    def _pieces(self, node: ast.expr, depth: int) -> list[str | ast.expr] | None:
        """NODE as constant text and values, in order (f-strings, `+`, a local assigned once)."""
        if depth > 6:
            return None
        text = _const_str(self.ev, node, self.scope)
        if text is not None:
            return [text]
        if isinstance(node, ast.JoinedStr):
            out: list[str | ast.expr] = []
            for v in node.values:
                if isinstance(v, ast.Constant):
                    out.append(str(v.value))
                elif isinstance(v, ast.FormattedValue):
                    inner = self._pieces(v.value, depth + 1) if v.format_spec is None else None
                    out.extend(inner if inner is not None else [v.value])
            return out
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            left, right = self._pieces(node.left, depth + 1), self._pieces(node.right, depth + 1)
            return None if left is None or right is None else [*left, *right]
        if isinstance(node, ast.Name):
            bindings = self.f.bindings.get(node.id, [])
            if len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path \
                    and isinstance(bindings[0].node, ast.expr):
                return self._pieces(bindings[0].node, depth + 1)
        return [node]

    def _configured_base(self, node: ast.expr, depth: int = 0) -> str | None:
        """`f"{self.base_url}/api/v2/pages/{page_id}"`: a URL whose start is an attribute of the object
        the method runs on (a client or adapter built with its service's base URL), with no constant
        text the analysis can see in that attribute: the host is the one the object was configured
        with (a tool argument that reaches it still shows through `self`). The attribute, or None."""
        f = self.f
        if depth > 4 or not f.klass or f.is_static or not f.params:
            return None
        if isinstance(node, ast.JoinedStr):
            first = node.values[0] if node.values else None
            return self._configured_base(first.value, depth + 1) if isinstance(first, ast.FormattedValue) else None
        if isinstance(node, ast.BinOp) and isinstance(node.op, ast.Add):
            return self._configured_base(node.left, depth + 1)
        if isinstance(node, ast.Name):
            bindings = f.bindings.get(node.id, [])
            if len(bindings) == 1 and bindings[0].kind == "assign" and not bindings[0].path \
                    and isinstance(bindings[0].node, ast.expr):
                return self._configured_base(bindings[0].node, depth + 1)
            return None
        chain: list[str] = []
        root: ast.expr = node
        while isinstance(root, ast.Attribute):
            chain.append(root.attr)
            root = root.value
        if not chain or not isinstance(root, ast.Name) or root.id != f.params[0]:
            return None
        if any(isinstance(v, Const) for v in self.ev.ev(node, self.scope)) \
                or not self.o.configured_attribute(f.klass, chain[-1]):
            return None  # a host written in the code, or one a caller's argument may choose
        return ".".join(reversed(chain))

    def nosql(self, path: str, line: int, node: ast.expr) -> None:
        """A MongoDB filter: a dict literal written here chooses its own operators, so only its
        server-side code (`$where`, `$function`, `$accumulator`) and keys the arguments choose
        count; anything else (`json.loads(arg)`, a parameter) is the whole filter."""
        literal = node
        if isinstance(node, ast.Name):
            values = [b.node for b in self.f.bindings.get(node.id, ()) if b.kind == "assign" and not b.path]
            if len(values) == 1 and isinstance(values[0], ast.Dict):
                literal = values[0]
        if not isinstance(literal, ast.Dict):
            self.add(SinkFlow(path, line, "nosql", self.refs(node), self.lead(node)))
            return
        code: set[str] = set()
        for key, value in zip(literal.keys, literal.values, strict=True):
            if key is None:
                continue  # `{**base}`: what the spread holds was written elsewhere
            if isinstance(key, ast.Constant) and isinstance(key.value, str):
                if key.value in _MONGO_CODE:
                    code |= self.refs(value)
            else:
                code |= self.refs(key)
        self.add(SinkFlow(path, line, "nosql", frozenset(code), NONE))

    def add(self, s: SinkFlow) -> None:
        if s.refs:
            self.flow.sinks.append(s)

    def _package_method(self, call: ast.Call) -> bool:
        """`pending.add(key, job)` where `add` is a method of a package class (every callee the
        evaluator finds is one): the call graph follows what it does, it is no container's `add`
        that stores its arguments in the object (issue 13: mcp-for-blender's Pending.add made the
        path of its own state file look chosen by the tool's arguments)."""
        callees = self.ev.ev(call.func, self.scope)
        return bool(callees) and all(isinstance(v, Func) for v in callees)

    def stored(self, target: ast.expr, values: list[ast.expr]) -> None:
        """`session.headers.update(h)`, `req.data["k"] = v`: the values go into the local object."""
        root = target
        while isinstance(root, (ast.Attribute, ast.Subscript)):
            root = root.value
        if not isinstance(root, ast.Name) or root.id not in self.flow.defs:
            return
        refs = self._union(values)
        if refs:
            self.flow.defs[root.id] = self.flow.defs[root.id] | refs

    def written(self, call: ast.Call) -> None:
        """`f.write(data)` (`writelines`, `json.dump(data, f)` …) on a file opened in this function: what
        is written is data of the `open` call (the sink the file write is reported at)."""
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in _WRITE_METHODS and call.args:
            handle, data = func.value, call.args[0]
        elif isinstance(func, ast.Attribute) and func.attr in ("dump", "write_to") and len(call.args) >= 2:
            handle, data = call.args[1], call.args[0]
        else:
            return
        if isinstance(handle, ast.Call):  # open(p, "a").write(data)
            if any(isinstance(v, Ext) and v.qualname in OPEN_LIKE for v in self.ev.ev(handle.func, self.scope)):
                self.flow.sinks.append(SinkFlow(self.f.path, handle.lineno, DATA, self.refs(data)))
            return
        if not isinstance(handle, ast.Name):
            return
        for b in self.f.bindings.get(handle.id, ()):
            opened = b.node
            if b.kind in ("with", "assign") and isinstance(opened, ast.Await):
                opened = opened.value
            if b.kind in ("with", "assign") and isinstance(opened, ast.Call) and self.live(opened) and any(
                    isinstance(v, Ext) and v.qualname in OPEN_LIKE for v in self.ev.ev(opened.func, self.scope)):
                self.flow.sinks.append(SinkFlow(self.f.path, opened.lineno, DATA, self.refs(data)))

    def arguments(self, call: ast.Call) -> Refs:
        """Everything that reaches a call: its arguments and the object whose method it is."""
        out = set(self._union([*call.args, *(k.value for k in call.keywords)]))
        if isinstance(call.func, ast.Attribute):
            out |= self.refs(call.func.value)
        return frozenset(out)

    def call_guard(self, call: ast.Call) -> None:
        func = call.func
        if isinstance(func, ast.Attribute) and func.attr in ("is_relative_to", "relative_to") and call.args:
            self.guard("path", self.refs(func.value))
        elif isinstance(func, ast.Attribute) and func.attr == "startswith" and call.args:
            checked = self.refs(func.value)
            text = _const_str(self.ev, call.args[0], self.scope)
            if pins_a_folder(text):  # `root + os.sep`, "/srv/notes/"; not "~/", "/", "." (`prefixes`)
                self.guard("path", checked)
            if text is not None and "://" in text:
                self.guard("url", checked)
        elif isinstance(func, ast.Attribute) and func.attr in ("commonpath", "commonprefix"):
            self.guard("path", self._union(list(call.args)))
        elif isinstance(func, ast.Attribute) and func.attr in ("replace", "sub") and len(call.args) >= 2 \
                and self._drops_separators(func, call.args):
            # `name.replace("/", "_")`, `re.sub(r"[^\w.-]", "_", name)`: what is left names no other folder
            self.guard("path", self.refs(func.value if func.attr == "replace" else call.args[2]))
        elif isinstance(func, ast.Attribute) and func.attr == "sub" and self._compiled_drops_separators(func, call.args):
            self.guard("path", self.refs(call.args[1]))

    def _drops_separators(self, func: ast.Attribute, args: list[ast.expr]) -> bool:
        """A substitution with constant operands that leaves no `/` in a path-like text."""
        old = _const_str(self.ev, args[0], self.scope)
        new = _const_str(self.ev, args[1], self.scope)
        if old is None or new is None:
            return False
        if func.attr == "replace":
            return old == "/" and "/" not in new
        if len(args) < 3 or not (isinstance(func.value, ast.Name) and func.value.id == "re"):
            return False
        return _leaves_no_separator(old, new)

    def _compiled_drops_separators(self, func: ast.Attribute, args: list[ast.expr]) -> bool:
        """`UNSAFE.sub("_", name)` with `UNSAFE = re.compile(r'[<>:"/\\|?*]')` a module constant: what
        is left has no `/`."""
        if len(args) < 2:
            return False
        new = _const_str(self.ev, args[0], self.scope)
        compiled = module_pattern(self, func.value)
        pattern = compiled[0] if compiled is not None else None
        return new is not None and pattern is not None and _leaves_no_separator(pattern, new)

    def compare_guard(self, node: ast.Compare) -> None:
        """`ROOT in path.parents` (path containment); `x in CONSTANTS` anywhere in the function (kept
        flow-insensitive as before the checks of `guards.py`: it is also what reads an AST allow-list
        over the nodes of a parsed argument, `node.func.id not in SAFE_CALLS`, as a guard of that argument)."""
        if len(node.ops) != 1 or not isinstance(node.ops[0], (ast.In, ast.NotIn)):
            return
        container = node.comparators[0]
        if isinstance(container, ast.Attribute) and container.attr == "parents":
            self.guard("path", self.refs(container.value))
            return
        vals = self.ev.ev(container, self.scope)
        if vals and all(_constant_container(v) for v in vals) and extension_subject(self, node.left) is None:
            self.guard("any", self.refs(node.left))  # (an extension's test is no allow-list of the path: `guards`)

    def guard(self, role: str, refs: Refs) -> None:
        if refs:
            self.flow.guards.append((role, refs))


_DATA_KINDS = frozenset({Kind.NETWORK, Kind.PROCESS, Kind.FS_WRITE, Kind.CODE_EXEC})
_WRITE_METHODS = frozenset({"write", "writelines"})
_MUTATORS = frozenset({"update", "append", "extend", "add", "insert", "setdefault", "put", "set"})


def _argv_words(ev: Evaluator, elts: list[ast.expr], scope: Scope) -> list[str]:
    """The words of an argv list as far as they are known: a word known only by its start ends the
    list with `…` after that start."""
    words: list[str] = []
    for e in elts:
        text, done = prefix_of(ev, e, scope)
        if not done:
            words.append(f"{text}…")
            break
        words.append(text)
    return words


def _leaves_no_separator(pattern: str, replacement: str) -> bool:
    """Whether substituting REPLACEMENT for PATTERN leaves no `/` in a path with separators."""
    try:
        return "/" not in re.sub(pattern, replacement, "a/../b/c")
    except (re.error, IndexError):
        return False


def _data_sink(q: str, slot: tuple[int | str, str] | None) -> bool:
    """A call whose arguments are data leaving the tool: network, process, file write, code."""
    if q.startswith("<"):
        return False
    if "()" in q:
        return slot is not None and slot[1] in ("sql", "url")
    return q in OPEN_LIKE or bool(_DATA_KINDS.intersection(sink_kinds(q)))


def _answers(q: str) -> bool:
    """A call that answers with data from elsewhere (a request, a program run), not an object made of
    its arguments (a client, a path)."""
    if q in VALUE_CONSTRUCTORS or "()" in q or q.startswith("<"):
        return False
    kinds = sink_kinds(q)
    return Kind.NETWORK in kinds or Kind.PROCESS in kinds


def _call_id(node: ast.Call) -> str:
    """A call's id in its function: where it starts and ends (`make(x).get(q)`: two calls start together)."""
    return f"{node.lineno}:{node.col_offset}-{node.end_col_offset}"


def _sources_only(refs: Refs) -> Refs:
    """The data sources (`s:…`: environment, file contents) among `refs`, none of the parameters."""
    return frozenset(r for r in refs if r.startswith("s:"))


def _environ_name(node: ast.expr) -> bool:
    return (isinstance(node, ast.Attribute) and node.attr in ("environ", "environb")) or (
        isinstance(node, ast.Name) and node.id in ("environ", "environb"))


TEMP_CREATORS = frozenset({"tempfile.mkstemp", "tempfile.mkdtemp", "tempfile.NamedTemporaryFile", "tempfile.TemporaryFile",
                           "tempfile.TemporaryDirectory", "tempfile.SpooledTemporaryFile"})


def _project(base: Refs, key: str, variable: bool = False) -> Refs:
    """A member of a value: of a parameter (or a closure's name) it is a projection, else the value."""
    env = frozenset({member(WHOLE_ENV, key, variable)}) if WHOLE_ENV in base else NONE  # `environ_copy["REGION"]`: one variable
    base = base - {WHOLE_ENV}
    if base and all(r[0] in "p^" or r[:2] in ("v:", "c:") for r in base):  # locals and results: the solver projects
        return frozenset(r if r.count(".") >= MAX_PROJECTION or MEMBER in r
                         else f"{r}{MEMBER}{key}" if r[:2] in ("v:", "c:") else f"{r}.{key}" for r in base) | env
    return base | env


def _constant_container(v: Value) -> bool:
    if isinstance(v, Const):
        return isinstance(v.value, (tuple, frozenset))
    if isinstance(v, (Seq, DictVal)):
        items = [k for k, _ in v.items] if isinstance(v, DictVal) else list(v.items)
        return bool(items) and all(all(isinstance(x, Const) for x in item) for item in items)
    return False
