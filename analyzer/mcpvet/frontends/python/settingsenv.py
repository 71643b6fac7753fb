"""Fields of a pydantic-settings class are environment variables: `Settings().engine_url`, on a
`class Settings(BaseSettings)` with `engine_url: str = ""`, is what `ENGINE_URL` holds where the
server runs (pydantic-settings reads each field from the variable of its name, case-insensitive,
after the class's `env_prefix`; a field's `alias` or `validation_alias` names the variable instead).

`variable` answers for a member read: the variable's name, upper case, or None when the object is
not (only) such a settings object, the member is not a field declared in the package's settings
classes, or the prefix or alias is not a constant.
"""

from __future__ import annotations

import ast
from typing import TYPE_CHECKING

from mcpvet.frontends.python.values import Const, Instance

if TYPE_CHECKING:
    from mcpvet.frontends.python.evaluator import Evaluator
    from mcpvet.frontends.python.index import ClassInfo
    from mcpvet.frontends.python.scopes import Scope

SETTINGS_BASES = frozenset({"pydantic_settings.BaseSettings", "pydantic_settings.main.BaseSettings",
                            "pydantic.BaseSettings", "pydantic.env_settings.BaseSettings",
                            "pydantic.v1.BaseSettings", "pydantic.v1.env_settings.BaseSettings"})
_ALIASES = ("validation_alias", "alias")


def _const_text(node: ast.expr | None) -> str | None:
    return node.value if isinstance(node, ast.Constant) and isinstance(node.value, str) else None


def _keyword(call: ast.Call, names: tuple[str, ...]) -> ast.expr | None:
    return next((k.value for name in names for k in call.keywords if k.arg == name), None)


def _field_variable(info: ClassInfo, name: str) -> str | None:
    """The variable a field this class body declares names by its alias (`Field("", alias="X")`, also
    inside `Annotated[...]`): "X"; "" for a field with no alias, "?" for an alias that is not a
    constant, None when the class does not declare the field."""
    for stmt in info.node.body:
        if not (isinstance(stmt, ast.AnnAssign) and isinstance(stmt.target, ast.Name) and stmt.target.id == name):
            continue
        calls = [n for n in ast.walk(stmt) if isinstance(n, ast.Call) and _called(n) == "Field"]
        for call in calls:
            alias = _keyword(call, _ALIASES)
            if alias is not None:
                text = _const_text(alias)
                return text if text else "?"
        return ""
    return None


def _called(call: ast.Call) -> str:
    func = call.func
    return func.attr if isinstance(func, ast.Attribute) else func.id if isinstance(func, ast.Name) else ""


def _prefix(info: ClassInfo) -> str | None:
    """The class's own `env_prefix` ("" when it sets none here; None when it is not a constant):
    `model_config = SettingsConfigDict(env_prefix="X_")` or pydantic 1's `class Config: env_prefix = "X_"`."""
    for stmt in info.node.body:
        if isinstance(stmt, (ast.Assign, ast.AnnAssign)):
            targets = stmt.targets if isinstance(stmt, ast.Assign) else [stmt.target]
            if any(isinstance(t, ast.Name) and t.id == "model_config" for t in targets) and stmt.value is not None:
                value = stmt.value
                found: ast.expr | None = None
                if isinstance(value, ast.Call):
                    found = _keyword(value, ("env_prefix",))
                elif isinstance(value, ast.Dict):
                    found = next((v for k, v in zip(value.keys, value.values, strict=True)
                                  if _const_text(k) == "env_prefix"), None)
                if found is not None:
                    return _const_text(found)
        if isinstance(stmt, ast.ClassDef) and stmt.name == "Config":
            for inner in stmt.body:
                if isinstance(inner, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "env_prefix"
                                                         for t in inner.targets):
                    return _const_text(inner.value)
    return ""


def _of_class(ev: Evaluator, klass: str, name: str) -> str | None:
    local, external = ev.mro(klass)
    if not any(base in SETTINGS_BASES for base in external):
        return None
    infos = [info for k in local if (info := ev.p.classes.get(k)) is not None]
    # the nearest class that sets a prefix decides it; None: one that is not a constant
    prefix = next((p for p in map(_prefix, infos) if p != ""), "")
    field = next((f for f in (_field_variable(info, name) for info in infos) if f is not None), None)
    if field is None or field == "?" or prefix is None:
        return None
    return (field or f"{prefix}{name}").upper()


def variable(ev: Evaluator, node: ast.Attribute, scope: Scope) -> str | None:
    """The environment variable a member read of a settings object is (module docstring), or None."""
    # a `None` beside the object is the empty singleton it replaces (`_settings = None` at module level)
    values = {v for v in ev.ev(node.value, scope) if v != Const(None)}
    if not values or not all(isinstance(v, Instance) for v in values):
        return None
    names = {_of_class(ev, v.klass, node.attr) for v in values if isinstance(v, Instance)}
    if len(names) != 1:
        return None
    return next(iter(names))
