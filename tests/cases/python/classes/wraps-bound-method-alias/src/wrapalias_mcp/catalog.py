import asyncio
import sqlite3
from functools import wraps


class Catalog:
    def __init__(self, path: str) -> None:
        self.path = path

    def list_tables(self, schema: str = "main") -> list[str]:
        """List the tables of a schema in the local database."""
        with sqlite3.connect(self.path) as db:
            return [r[0] for r in db.execute(f"SELECT name FROM {schema}.sqlite_master WHERE type='table'")]

    @wraps(list_tables)
    async def list_tables_async(self, schema: str = "main") -> list[str]:
        return await asyncio.to_thread(self.list_tables, schema)
