"""The shape of one `process.env` read in JavaScript/TypeScript (`mcpvet.model.EnvShape`), from the
tree-sitter nodes around it: `process.env.X` and `const { X } = process.env` read named keys;
`Object.keys(process.env)` and `"X" in process.env` names only; `env: { ...process.env }` hands
the environment to a child process; a spread elsewhere, `JSON.stringify`, `Object.entries` or
`Object.assign` take every value (but `Object.entries(process.env).filter(([k]) => k.startsWith("APP_"))`
keeps the keys `APP_*`: `KNOWN`); anything else (an alias, a computed key, the mapping handed to
a function that picks its keys) is a computed read. A named key whose value is only tested
(`!process.env.X`, `process.env.X === "file"`, `if (process.env.X)`, a condition of `?:`, through
`.toLowerCase()`/`.trim()`) is `TESTED`."""

from __future__ import annotations

from tree_sitter import Node

from mcpvet.frontends.javascript.strings import node_text, string_value
from mcpvet.model import EnvShape

_WHOLE_CALLS = frozenset({"JSON.stringify", "Object.entries", "Object.values", "Object.assign",
                          "structuredClone", "Object.fromEntries"})
_NAME_CALLS = frozenset({"Object.keys", "Object.getOwnPropertyNames", "Reflect.ownKeys"})
_ENTRY_CALLS = frozenset({"Object.entries"})
_ENV_KEYS = frozenset({"env", "environment"})


def _text(node: Node | None) -> str:
    return node_text(node) if node is not None else ""


def _string(node: Node) -> str | None:
    """The value of a constant string key (`"API_KEY"`, `` `API_KEY` ``), cooked as the engine reads it."""
    if node.type == "string" or (node.type == "template_string"
                                 and not any(c.type == "template_substitution" for c in node.named_children)):
        return string_value(node)
    return None


def _skip_wrappers(node: Node) -> Node:
    """The node above `node` once parentheses and TypeScript casts are passed."""
    parent = node.parent
    while parent is not None and parent.type in ("parenthesized_expression", "as_expression", "satisfies_expression",
                                                  "non_null_expression", "type_assertion"):
        node, parent = parent, parent.parent
    return node


def env_shape(node: Node) -> tuple[EnvShape, tuple[str, ...]]:
    """The shape of the `process.env` member expression `node` and the constant keys it reads."""
    node = _skip_wrappers(node)
    parent = node.parent
    if parent is None:
        return EnvShape.COMPUTED, ()
    kind = parent.type
    if kind == "member_expression" and parent.child_by_field_name("object") == node:
        return (EnvShape.TESTED if only_tested(parent) else EnvShape.NAMED), (_text(parent.child_by_field_name("property")),)
    if kind == "subscript_expression" and parent.child_by_field_name("object") == node:
        index = parent.child_by_field_name("index")
        key = _string(index) if index is not None else None
        if key is None:  # process.env[name]: a computed key, only tested (`!== undefined`) or its value kept
            return (EnvShape.TESTED if only_tested(parent) else EnvShape.COMPUTED), ()
        return (EnvShape.TESTED if only_tested(parent) else EnvShape.NAMED), (key,)
    if kind == "variable_declarator" and parent.child_by_field_name("value") == node:
        pattern = parent.child_by_field_name("name")
        if pattern is not None and pattern.type == "object_pattern":
            return _destructured(pattern)
        return EnvShape.COMPUTED, ()  # const env = process.env: an alias
    if kind == "spread_element":
        return _spread(parent), ()
    if kind == "binary_expression" and _text(parent.child_by_field_name("operator")) == "in":
        return EnvShape.NAMES, ()
    if kind == "for_in_statement":
        return EnvShape.NAMES, ()
    if kind == "arguments" and parent.parent is not None and parent.parent.type == "call_expression":
        callee = _text(parent.parent.child_by_field_name("function"))
        if callee in _NAME_CALLS:
            return EnvShape.NAMES, ()
        if callee in _WHOLE_CALLS:
            kept = _filtered_keys(parent.parent) if callee in _ENTRY_CALLS else None
            return (EnvShape.KNOWN, kept) if kept else (EnvShape.WHOLE, ())
        return EnvShape.COMPUTED, ()  # handed to a function that picks its keys (schema.parse(process.env))
    if kind == "pair" and parent.child_by_field_name("value") == node:
        key = _text(parent.child_by_field_name("key")).strip("'\"`")
        return (EnvShape.CHILD if key in _ENV_KEYS else EnvShape.WHOLE), ()
    if kind == "shorthand_property_identifier":
        return EnvShape.COMPUTED, ()
    return EnvShape.COMPUTED, ()


_TEXT_METHODS = frozenset({"toLowerCase", "toUpperCase", "trim", "trimStart", "trimEnd", "toLocaleLowerCase"})
_COMPARE = frozenset({"===", "!==", "==", "!="})
_CONSTANTS = frozenset({"string", "number", "true", "false", "null", "undefined", "template_string"})
_TESTS = frozenset({"if_statement", "while_statement", "do_statement"})


def _constant(node: Node | None) -> bool:
    return node is not None and node.type in _CONSTANTS and (
        node.type != "template_string" or not any(c.type == "template_substitution" for c in node.named_children))


def only_tested(value: Node) -> bool:
    """The value read at `value` (`process.env.X`) is only tested: `!x`, compared with a constant, the
    condition of `if`/`while`/`?:`, through `.toLowerCase()`/`.trim()` and `&&`/`||` used as a test."""
    cur = _skip_wrappers(value)
    while True:
        parent = cur.parent
        if parent is None:
            return False
        if parent.type == "member_expression" and parent.child_by_field_name("object") == cur \
                and _text(parent.child_by_field_name("property")) in _TEXT_METHODS:
            call = parent.parent
            if call is not None and call.type == "call_expression" and call.child_by_field_name("function") == parent:
                cur = _skip_wrappers(call)
                continue
            return False
        if parent.type == "unary_expression" and _text(parent.child_by_field_name("operator")) == "!":
            return True
        if parent.type == "binary_expression":
            op = _text(parent.child_by_field_name("operator"))
            if op in _COMPARE:
                left, right = parent.child_by_field_name("left"), parent.child_by_field_name("right")
                other = right if left == cur else left
                return _constant(other)
            if op in ("&&", "||"):
                cur = _skip_wrappers(parent)  # a test only where the whole is one
                continue
            return False
        if parent.type == "ternary_expression" and parent.child_by_field_name("condition") == cur:
            return True
        # `if (process.env.X)`: the parentheses were passed as wrappers
        return parent.type in _TESTS and parent.child_by_field_name("condition") == cur


def _destructured(pattern: Node) -> tuple[EnvShape, tuple[str, ...]]:
    keys: list[str] = []
    for child in pattern.named_children:
        if child.type == "shorthand_property_identifier_pattern":
            keys.append(_text(child))
        elif child.type in ("pair_pattern", "object_assignment_pattern"):
            key = child.child_by_field_name("key") or child.child_by_field_name("left")
            name = _text(key).strip("'\"`")
            if key is not None and key.type in ("computed_property_name",):
                return EnvShape.COMPUTED, ()
            keys.append(name)
        elif child.type == "rest_pattern":
            return EnvShape.WHOLE, tuple(keys)
    return EnvShape.NAMED, tuple(keys)


def _spread(spread: Node) -> EnvShape:
    """`{ ...process.env }`: CHILD when the object is the value of an `env:` property."""
    obj = spread.parent
    if obj is None or obj.type != "object":
        return EnvShape.WHOLE  # [...process.env] is not iterable, f(...x) odd: every value anyway
    holder = _skip_wrappers(obj).parent
    if holder is not None and holder.type == "pair":
        key = _text(holder.child_by_field_name("key")).strip("'\"`")
        if key in _ENV_KEYS:
            return EnvShape.CHILD
    if holder is not None and holder.type == "variable_declarator":
        name = _text(holder.child_by_field_name("name"))
        if name.lower().endswith(("env", "environment")):
            return EnvShape.CHILD  # const childEnv = { ...process.env, X }: built for a child process
    return EnvShape.WHOLE


def _filtered_keys(call: Node) -> tuple[str, ...]:
    """The keys kept by `Object.entries(process.env).filter(([k]) => k.startsWith("APP_"))` (`APP_*`),
    or () when the filter does not bound them: every branch of the callback's test must constrain
    the key to a constant (`startsWith`, `===`, a `/^APP_/` test)."""
    member = _skip_wrappers(call).parent
    if member is None or member.type != "member_expression" or \
            _text(member.child_by_field_name("property")) != "filter":
        return ()
    outer = member.parent
    args = outer.child_by_field_name("arguments") if outer is not None and outer.type == "call_expression" else None
    callback = args.named_children[0] if args is not None and args.named_children else None
    if callback is None or callback.type not in ("arrow_function", "function_expression"):
        return ()
    key = _entry_key_name(callback)
    body = callback.child_by_field_name("body")
    if key is None or body is None:
        return ()
    if body.type == "statement_block":
        statements = [c for c in body.named_children if c.type != "comment"]
        if len(statements) != 1 or statements[0].type != "return_statement" or not statements[0].named_children:
            return ()
        body = statements[0].named_children[0]
    return _key_constraint(body, key)


def _entry_key_name(callback: Node) -> str | None:
    """`([k]) =>`, `([k, v]) =>`: the name bound to an entry's key."""
    params = callback.child_by_field_name("parameters") or callback.child_by_field_name("parameter")
    if params is None:
        return None
    first = params.named_children[0] if params.type == "formal_parameters" and params.named_children else params
    if first.type == "array_pattern" and first.named_children and first.named_children[0].type == "identifier":
        return _text(first.named_children[0])
    return None


def _key_constraint(node: Node, key: str) -> tuple[str, ...]:
    """The constant keys (a prefix as `APP_*`) that the test NODE lets through, () when not bounded."""
    while node.type == "parenthesized_expression" and node.named_children:
        node = node.named_children[0]
    if node.type == "binary_expression":
        op = _text(node.child_by_field_name("operator"))
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or right is None:
            return ()
        if op == "||":
            a, b = _key_constraint(left, key), _key_constraint(right, key)
            return a + b if a and b else ()
        if op == "&&":
            return _key_constraint(left, key) or _key_constraint(right, key)
        if op in ("===", "=="):
            for one, other in ((left, right), (right, left)):
                value = _string(other) if _text(one) == key else None
                if value is not None:
                    return (value,)
        return ()
    if node.type == "call_expression":
        func, args = node.child_by_field_name("function"), node.child_by_field_name("arguments")
        first = args.named_children[0] if args is not None and args.named_children else None
        if func is None or func.type != "member_expression" or first is None:
            return ()
        obj, prop = func.child_by_field_name("object"), _text(func.child_by_field_name("property"))
        if prop == "startsWith" and _text(obj) == key:
            value = _string(first)
            return (value + "*",) if value else ()
        if prop == "test" and obj is not None and obj.type == "regex" and _text(first) == key:
            pattern = _text(obj.child_by_field_name("pattern"))
            literal = pattern[1:] if pattern.startswith("^") else ""
            head = literal[:len(literal) - len(literal.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_"))]
            return (head + "*",) if head else ()
    return ()

