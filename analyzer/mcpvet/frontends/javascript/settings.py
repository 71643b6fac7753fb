"""Launch settings read through a library, valued as a client starting the server without them sees
them: the default the code gives (as `process.env.X || "default"` folds to its default).

- yargs: `yargs(argv).option("max-tokens", {default: D}).parseSync()` (also `.options({…})`,
  `.argv`, `.parse()`), read back as `argv.maxTokens` or `argv["max-tokens"]`: D. An option with
  no default, or a chain not followed to its `yargs(…)` call, stays unknown.
- commander: `program.command("mcp").option("-t, --tools <tools>", "…", "preset.default").action((options) => …)`:
  the callback's options object holds the declared defaults only (`{tools: "preset.default"}`), as commander
  gives it when the command is run with no option; an option with no default is absent from it.
- env-var: `env.get("PREFIX").default("").asString()`: the default converted as the `as…` accessor
  converts it (`asString`, `asBool`, `asArray(sep)`, integer/float/port accessors); no default: unknown.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mcpvet.frontends.javascript.ir import KV, ArrV, Bool, Call, Env, Ext, Fn, Mem, Num, Obj, ObjV, Str, Value

if TYPE_CHECKING:
    from mcpvet.frontends.javascript.facts import IR
    from mcpvet.frontends.javascript.program import Program

SETTINGS_MODULES = ("yargs", "env-var")
_PARSED = ("parseSync", "parse", "argv")
_INTEGER = ("asInt", "asIntPositive", "asIntNegative", "asPortNumber")


def camel(option: str) -> str:
    """yargs' camel-case alias of a kebab-case option (`max-tokens` -> `maxTokens`)."""
    return re.sub(r"-+([a-zA-Z0-9])", lambda m: m.group(1).upper(), option)


def option_default(p: Program, names: tuple[str, ...], obj_ir: IR, env: Env, prop: str, depth: int) -> Value | None:
    """`argv.PROP` of a parsed yargs chain (`names` its accessors): the option's default, or None."""
    if not names or names[-1] not in _PARSED:
        return None
    node, nenv = p.raw(obj_ir, env, depth + 1)
    match node:
        case Mem(inner, "argv"):
            node = inner
        case Call(Mem(inner, "parseSync" | "parse"), ()):
            node = inner
        case _:
            return None
    for _ in range(128):
        match node:
            case Call(Mem(inner, "option" | "options"), args):
                found = _declared_default(p, args, nenv, prop, depth)
                if found is not None:
                    return found
                node = inner
            case Call(Mem(inner, _), _):
                node = inner
            case _:
                return None
    return None


def _declared_default(p: Program, args: tuple[IR, ...], env: Env, prop: str, depth: int) -> Value | None:
    """The default of option PROP declared by one `.option(name, spec)` / `.options({name: spec})` call."""
    specs: list[tuple[str, IR]] = []
    if len(args) >= 2:
        named = p.value(args[0], env, depth + 1)
        if isinstance(named, Str):
            specs.append((named.value, args[1]))
    elif len(args) == 1:
        table, tenv = p.raw(args[0], env, depth + 1)
        if isinstance(table, Obj):
            specs.extend((e.key, e.value) for e in table.entries if isinstance(e, KV))
            env = tenv
    for name, spec_ir in specs:
        if prop not in (name, camel(name)):
            continue
        spec = p.value(spec_ir, env, depth + 1)
        if not isinstance(spec, ObjV) or not any(isinstance(e, KV) and e.key == "default" for e in spec.entries):
            return None
        default = p.member(spec, "default", depth + 1)
        return default if isinstance(default, (Str, Num, Bool, ArrV)) else None
    return None


def env_var_default(p: Program, callee_ir: IR, names: tuple[str, ...], args: tuple[IR, ...], env: Env,
                    depth: int) -> Value | None:
    """`env.get(NAME).default(D).asX(…)` of the env-var library: D as `asX` converts it, or None."""
    if not names or not names[-1].startswith("as") or "default" not in names:
        return None
    callee, cenv = p.raw(callee_ir, env, depth + 1)
    if not isinstance(callee, Mem):
        return None
    match callee.obj:
        case Call(Mem(_, "default"), (given,)):
            default = p.value(given, cenv, depth + 1)
        case _:
            return None
    if not isinstance(default, (Str, Num, Bool)):
        return None
    text = default.value if isinstance(default, Str) else (
        str(default.value).lower() if isinstance(default, Bool) else _number_text(default.value))
    accessor = names[-1]
    if accessor == "asString":
        return Str(text)
    if accessor == "asBool":
        lowered = text.lower()
        return Bool(lowered in ("1", "true")) if lowered in ("0", "1", "true", "false") else None
    if accessor in _INTEGER and re.fullmatch(r"-?\d+", text.strip()):
        return Num(int(text.strip()))
    if accessor == "asArray":
        sep = p.value(args[0], env, depth + 1) if args else Str(",")
        if not isinstance(sep, Str) or not sep.value:
            return None
        parts = [] if text == "" else [x for x in text.split(sep.value) if x]
        return ArrV(tuple(Str(x) for x in parts), {})
    return None


def _number_text(value: int | float) -> str:
    return str(int(value)) if float(value).is_integer() else str(value)


_OPTION_FLAG = re.compile(r"--([A-Za-z0-9][A-Za-z0-9-]*)")
_COMMAND_ARG = re.compile(r"<[^>]*>|\[[^\]]*\]")
_OPTION_METHODS = ("option", "requiredOption")


def commander_actions(p: Program) -> dict[str, dict[tuple[str, int], tuple[IR, Env]] | None]:
    """The callbacks given to `.action(…)` on a commander command, each with the binding of its options
    parameter (after one parameter per declared argument): an object of the options' declared defaults."""
    out: dict[str, dict[tuple[str, int], tuple[IR, Env]] | None] = {}
    calls = (c for f in p.functions.values() for c in f.calls)  # a long chain's written text is shortened
    for call in calls:
        if not isinstance(call.callee, Mem) or call.callee.prop != "action" or len(call.args) != 1:
            continue
        callback = p.value(call.args[0], {})
        if not isinstance(callback, Fn) or callback.fid in out:
            continue
        found = _command_defaults(p, call.callee.obj)
        if found is None:
            continue
        n_args, entries = found
        out[callback.fid] = {(callback.fid, n_args): (Obj(tuple(entries)), {})}
    return out


def _command_defaults(p: Program, chain: IR) -> tuple[int, list[KV]] | None:
    """(arguments, option defaults) of the command a `.action()` chain declares, back to its `.command(spec)`
    (or the program itself), when the chain starts at a commander object; None otherwise."""
    entries: list[KV] = []
    n_args = 0
    node = chain
    for _ in range(256):
        match node:
            case Call(Mem(inner, method), args):
                if method in _OPTION_METHODS and args:
                    entry = _option_default(p, args)
                    if entry is not None:
                        entries.append(entry)
                elif method == "argument":
                    n_args += 1
                elif method == "command":
                    spec = p.value(args[0], {}) if args else None
                    if not isinstance(spec, Str):
                        return None
                    n_args += len(_COMMAND_ARG.findall(spec.value))
                    root = p.value(inner, {})
                    return (n_args, entries[::-1]) if _is_commander(root) else None
                node = inner
            case _:
                root = p.value(node, {})
                return (n_args, entries[::-1]) if _is_commander(root) else None
    return None


def _is_commander(root: Value) -> bool:
    return isinstance(root, Ext) and root.module == "commander"


def _option_default(p: Program, args: tuple[IR, ...]) -> KV | None:
    """`.option("-t, --tool-name-case <case>", "…", "snake")`: toolNameCase -> "snake"; `--no-color`:
    color -> true; an option without a default: None (absent)."""
    flags = p.value(args[0], {})
    if not isinstance(flags, Str):
        return None
    long = _OPTION_FLAG.search(flags.value)
    if long is None:
        return None
    name = long.group(1)
    default: IR | None = None
    if len(args) >= 3:
        third = p.value(args[2], {})
        default = args[3] if isinstance(third, Fn) and len(args) >= 4 else (None if isinstance(third, Fn) else args[2])
    if name.startswith("no-"):
        return KV(camel(name[3:]), default if default is not None else Bool(True))
    return KV(camel(name), default) if default is not None else None
