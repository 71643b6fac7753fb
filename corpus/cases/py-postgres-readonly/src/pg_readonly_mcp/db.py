from __future__ import annotations

from contextlib import contextmanager
from typing import Any, Iterator

import psycopg
from psycopg.rows import dict_row


class ReadOnlyDatabase:
    def __init__(self, dsn: str) -> None:
        self._dsn = dsn

    @contextmanager
    def _cursor(self) -> Iterator[psycopg.Cursor]:
        with psycopg.connect(self._dsn, autocommit=False, row_factory=dict_row) as conn:
            conn.read_only = True
            with conn.cursor() as cur:
                yield cur

    def rows(self, sql: str, params: tuple[Any, ...] = (), limit: int = 200) -> list[dict[str, Any]]:
        with self._cursor() as cur:
            cur.execute(sql, params)
            return cur.fetchmany(limit)
