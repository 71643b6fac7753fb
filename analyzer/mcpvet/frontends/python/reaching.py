"""The one assignment a read of a local name sees, where the syntax makes it certain.

The data flow is flow-insensitive: a local assigned in several places is made of all its values.
A read sees one assignment only when that assignment is a statement of the same block as (an
enclosing statement of) the read, before it, and nothing between them (nor the statement holding
the read) binds the name again — assignment, loop target, `with … as`, `append`, item assignment.
Then the read is made of that assignment's value only: `insert_sql = INSERT_PRICES` read on the
next line is that text, whatever other branches of the function assign to `insert_sql`. In a loop
body the assignment runs before the read on every pass, so the same holds there.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator

from mcpvet.frontends.python.astwalk import children, statement_blocks
from mcpvet.frontends.python.index import FuncInfo

_NESTED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef, ast.Lambda)


class Reaching:
    """The statements of one function, indexed for `assignment`."""

    def __init__(self, info: FuncInfo) -> None:
        self.info = info
        self._place: dict[int, tuple[int, int]] = {}  # id(stmt) -> (id of its block, index)
        self._parent: dict[int, ast.stmt | None] = {}  # id(stmt) -> enclosing statement
        self._holder: dict[int, ast.stmt] = {}  # id(expression node) -> innermost statement holding it
        self._nonlocal = False
        node = info.node
        if not isinstance(node, ast.Lambda):
            self._index(node.body, None)

    def _index(self, body: list[ast.stmt], parent: ast.stmt | None) -> None:
        for i, stmt in enumerate(body):
            self._place[id(stmt)] = (id(body), i)
            self._parent[id(stmt)] = parent
            if isinstance(stmt, ast.Nonlocal | ast.Global):
                self._nonlocal = True
            for block in statement_blocks(stmt):
                self._index(block, stmt)
            for expr in _expressions(stmt):
                todo: list[ast.AST] = [expr]
                while todo:
                    n = todo.pop()
                    self._holder[id(n)] = stmt
                    if isinstance(n, ast.Lambda):
                        continue
                    todo.extend(children(n))

    def assignment(self, read: ast.Name) -> ast.expr | None:
        """The value of the one assignment READ sees, or None when it may see several."""
        bindings = self.info.bindings.get(read.id, [])
        if len(bindings) < 2 or self._nonlocal:
            return None
        holder = self._holder.get(id(read))
        if holder is None:
            return None
        chain: list[ast.stmt] = []
        s: ast.stmt | None = holder
        while s is not None:
            chain.append(s)
            s = self._parent.get(id(s))
        for b in bindings:
            if b.kind != "assign" or b.path or not isinstance(b.node, ast.expr):
                continue
            stmt = self._holder.get(id(b.node))
            if not (isinstance(stmt, ast.Assign) and len(stmt.targets) == 1 and isinstance(stmt.targets[0], ast.Name)
                    and stmt.targets[0].id == read.id and stmt.value is b.node):
                continue
            block, index = self._place[id(stmt)]
            later = next((c for c in chain if self._place[id(c)][0] == block and self._place[id(c)][1] > index), None)
            if later is None:
                continue
            start, end = stmt.end_lineno or stmt.lineno, later.end_lineno or later.lineno
            if all(o is b or (_line(o.node) is not None and not start < (_line(o.node) or 0) <= end)
                   for o in bindings if o.kind != "param"):
                return b.node
        return None


def _line(node: ast.AST | None) -> int | None:
    return getattr(node, "lineno", None) if node is not None else None




def _expressions(stmt: ast.stmt) -> Iterator[ast.AST]:
    """The expressions of STMT itself (not those of the statements nested in it nor of nested functions)."""
    if isinstance(stmt, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
        yield from stmt.decorator_list
        return
    for child in children(stmt):
        if isinstance(child, ast.expr | ast.comprehension | ast.keyword | ast.withitem | ast.arguments):
            yield child
        elif isinstance(child, ast.ExceptHandler) and child.type is not None:
            yield child.type
        elif isinstance(child, ast.match_case):
            yield child.pattern
            if child.guard is not None:
                yield child.guard
