"""Library functions that call a function they are handed with the arguments that follow it
(`asyncio.to_thread(fn, a, b)` calls `fn(a, b)`): the one table, for the evaluator-aware forwarders
(`forwarders.py`) and the name-only call index (`callsites.py`)."""

from __future__ import annotations

import ast

# the number of leading arguments up to and with the function; `partial` calls it later, with them first
LIBRARY = {"asyncio.to_thread": 1, "anyio.to_thread.run_sync": 1, "starlette.concurrency.run_in_threadpool": 1,
           "fastapi.concurrency.run_in_threadpool": 1, "functools.partial": 1}
EXECUTOR = "run_in_executor"  # `loop.run_in_executor(executor, fn, *args)`, on any loop object: 2
_BY_NAME = {**{q.rsplit(".", 1)[-1]: skip for q, skip in LIBRARY.items() if q != "functools.partial"}, EXECUTOR: 2}


def handed_by_name(call: ast.Call) -> ast.Call | None:
    """The call `fn(a, b)` that `to_thread(fn, a, b)` / `loop.run_in_executor(None, fn, a, b)` makes, at its
    place, told by the callee's written name alone (for an index with no evaluator); None otherwise."""
    func = call.func
    name = func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""
    skip = _BY_NAME.get(name, 0)
    if not skip or len(call.args) < skip or any(isinstance(a, ast.Starred) for a in call.args[:skip]):
        return None
    handed = call.args[skip - 1]
    if not isinstance(handed, (ast.Name, ast.Attribute)):
        return None
    return ast.copy_location(ast.Call(func=handed, args=call.args[skip:], keywords=call.keywords), call)
