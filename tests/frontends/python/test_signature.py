"""Parameters a decorator hides by rewriting `__signature__` (frontends/python/registrations/signature)."""

from __future__ import annotations

import ast
import textwrap

from mcpvet.frontends.python.registrations.signature import dropped_parameters


def _drops(src: str, params: list[str]) -> frozenset[str]:
    node = ast.parse(textwrap.dedent(src)).body[0]
    assert isinstance(node, ast.FunctionDef)
    return dropped_parameters(node, params)


def test_a_slice_drops_the_first_parameters() -> None:
    src = """
    def deco(func):
        sig = inspect.signature(func)
        params = list(sig.parameters.values())
        def wrapper(*a, **k): return func(make(), *a, **k)
        wrapper.__signature__ = sig.replace(parameters=params[1:])
        return wrapper
    """
    assert _drops(src, ["service", "doc_id"]) == {"service"}


def test_only_what_every_branch_leaves_out() -> None:
    src = """
    def deco(func):
        original = inspect.signature(func)
        params = list(original.parameters.values())
        if managed():
            kept = [p for p in params[1:] if p.name != "user_email"]
            new_sig = original.replace(parameters=kept)
        else:
            new_sig = original.replace(parameters=params[1:])
        def wrapper(*a, **k): return func(make(), *a, **k)
        wrapper.__signature__ = new_sig
        return wrapper
    """
    assert _drops(src, ["service", "user_email", "doc_id"]) == {"service"}


def test_names_left_out_by_a_comprehension() -> None:
    src = """
    def deco(func):
        sig = inspect.signature(func)
        def wrapper(*a, **k): return func(*a, **k)
        wrapper.__signature__ = sig.replace(parameters=[p for p in sig.parameters.values()
                                                        if p.name not in ("db", "token")])
        return wrapper
    """
    assert _drops(src, ["db", "query", "token"]) == {"db", "token"}


def test_an_unknown_form_drops_nothing() -> None:
    src = """
    def deco(func):
        sig = inspect.signature(func)
        def wrapper(*a, **k): return func(*a, **k)
        wrapper.__signature__ = build(sig)
        return wrapper
    """
    assert _drops(src, ["a", "b"]) == frozenset()
    assert _drops("def deco(func):\n    return func\n", ["a"]) == frozenset()
