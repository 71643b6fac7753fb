"""The batch store: one SQLite file (default ./mcpvet.db) holding every run and every target.

Each target is written in one transaction as soon as it is done (its old rows replaced), so a
run killed at any point keeps everything finished before, and a rerun never duplicates a row:
`targets.key` is unique. A target counts as done, and is skipped by the next run, when it was
analysed (or recorded as unsupported/skipped) by the same analyser version for the same spec;
failed targets are tried again; `rescan` forces all.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from mcpvet.batch.targets import ANALYSED, FAILED, PENDING, Item

SCHEMA = """
CREATE TABLE IF NOT EXISTS runs (
  id INTEGER PRIMARY KEY, started REAL NOT NULL, finished REAL, analyzer_version TEXT NOT NULL,
  source TEXT NOT NULL, jobs INTEGER, executor TEXT, status TEXT NOT NULL DEFAULT 'running', message TEXT
);
CREATE TABLE IF NOT EXISTS targets (
  key TEXT PRIMARY KEY, spec TEXT, position INTEGER, run_id INTEGER NOT NULL REFERENCES runs(id),
  status TEXT NOT NULL, reason TEXT, error TEXT, ecosystem TEXT, name TEXT, version TEXT, sha256 TEXT,
  analyzer_version TEXT, grade TEXT, score REAL, tools INTEGER, seconds REAL, worker TEXT, max_rss_mb REAL,
  claimed TEXT, done REAL NOT NULL, scorecard TEXT
);
CREATE TABLE IF NOT EXISTS servers (
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE, name TEXT NOT NULL, version TEXT,
  status TEXT, deprecated INTEGER, published_at TEXT, updated_at TEXT, origin TEXT
);
CREATE TABLE IF NOT EXISTS tools (
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE, name TEXT, description TEXT
);
CREATE TABLE IF NOT EXISTS capabilities (
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE, tool TEXT, kind TEXT, declared INTEGER
);
CREATE TABLE IF NOT EXISTS findings (
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE, rule TEXT, severity TEXT, tool TEXT,
  title TEXT, source TEXT
);
CREATE TABLE IF NOT EXISTS errors (
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE, stage TEXT, message TEXT, path TEXT
);
CREATE TABLE IF NOT EXISTS timings (
  target_key TEXT NOT NULL REFERENCES targets(key) ON DELETE CASCADE, stage TEXT, seconds REAL
);
CREATE TABLE IF NOT EXISTS run_problems (
  run_id INTEGER NOT NULL REFERENCES runs(id), origin TEXT, message TEXT, fatal INTEGER
);
CREATE INDEX IF NOT EXISTS servers_key ON servers(target_key);
CREATE INDEX IF NOT EXISTS tools_key ON tools(target_key);
CREATE INDEX IF NOT EXISTS capabilities_key ON capabilities(target_key);
CREATE INDEX IF NOT EXISTS findings_key ON findings(target_key);
CREATE INDEX IF NOT EXISTS errors_key ON errors(target_key);
CREATE INDEX IF NOT EXISTS timings_key ON timings(target_key);
"""
_CHILDREN = ("servers", "tools", "capabilities", "findings", "errors", "timings")


class StoreError(Exception):
    """The store cannot be opened or is not an mcpvet store."""


class Store:
    """One connection; the client of a batch is its only writer."""

    def __init__(self, path: Path) -> None:
        self.path = path
        try:
            self.db = sqlite3.connect(str(path), timeout=30.0, isolation_level=None)
            self.db.execute("PRAGMA journal_mode=WAL")
            self.db.execute("PRAGMA synchronous=NORMAL")
            self.db.execute("PRAGMA foreign_keys=ON")
            self.db.executescript(SCHEMA)
        except sqlite3.DatabaseError as exc:
            raise StoreError(f"{path}: not a usable SQLite store ({exc})") from None
        self.db.row_factory = sqlite3.Row

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------------- runs
    def begin_run(self, analyzer_version: str, source: str, jobs: int, executor: str) -> int:
        cur = self.db.execute("INSERT INTO runs (started, analyzer_version, source, jobs, executor) VALUES (?,?,?,?,?)",
                              (time.time(), analyzer_version, source, jobs, executor))
        return int(cur.lastrowid or 0)

    def finish_run(self, run_id: int, status: str, message: str | None = None) -> None:
        self.db.execute("UPDATE runs SET finished=?, status=?, message=? WHERE id=?", (time.time(), status, message, run_id))

    def add_problem(self, run_id: int, origin: str, message: str, fatal: bool) -> None:
        self.db.execute("INSERT INTO run_problems VALUES (?,?,?,?)", (run_id, origin, message, int(fatal)))

    # ----------------------------------------------------------------------- targets
    def done_keys(self, analyzer_version: str) -> set[str]:
        rows = self.db.execute("SELECT key FROM targets WHERE status != ? AND analyzer_version = ?",
                               (FAILED, analyzer_version))
        return {r[0] for r in rows}

    def set_position(self, key: str, position: int, servers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """A target done by an earlier run keeps its result but takes its place in this run's
        order, with this run's servers. Returns the ownership findings of those servers."""
        with self._tx():
            self.db.execute("UPDATE targets SET position=? WHERE key=?", (position, key))
            self.db.execute("DELETE FROM servers WHERE target_key=?", (key,))
            self.db.execute("DELETE FROM findings WHERE target_key=? AND source='batch'", (key,))
            return self._add_servers(key, servers)

    def add_server(self, key: str, server: dict[str, Any]) -> list[dict[str, Any]]:
        """One more registry entry pointing at an already recorded target."""
        with self._tx():
            return self._add_servers(key, [server])

    def _add_servers(self, key: str, servers: list[dict[str, Any]]) -> list[dict[str, Any]]:
        """Insert the server rows, and a finding for each one the (analysed) package does not claim."""
        from mcpvet.batch.work import ownership_finding

        self.db.executemany("INSERT INTO servers VALUES (?,?,?,?,?,?,?,?)", [
            (key, s.get("name"), s.get("version"), s.get("status"), int(bool(s.get("deprecated"))),
             s.get("published_at"), s.get("updated_at"), s.get("origin")) for s in servers])
        row = self.db.execute("SELECT status, claimed, ecosystem, name, version FROM targets WHERE key=?", (key,)).fetchone()
        if row is None or row[0] != ANALYSED or row[1] is None:
            return []
        found = []
        for s in servers:
            f = ownership_finding(str(s.get("name")), json.loads(row[1]), row[2], row[3], row[4])
            if f is not None:
                self.db.execute("INSERT INTO findings VALUES (?,?,?,?,?,?)",
                                (key, f["rule"], f["severity"], None, f["title"], "batch"))
                found.append(f)
        return found

    def _tx(self) -> _Transaction:
        return _Transaction(self.db)

    def record(self, run_id: int, position: int, item: Item, analyzer_version: str,
               result: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        """Write one item and everything about it in one transaction, replacing its old rows.
        Returns the ownership findings of its registry entries."""
        result = result or {}
        card = result.get("card")
        if item.status != PENDING:
            status = item.status
        elif card is None or result.get("failed"):
            status = FAILED
        else:
            status = ANALYSED
        target = (card or {}).get("target") or {}
        score = (card or {}).get("score") or {}
        with self._tx():
            for table in _CHILDREN:
                self.db.execute(f"DELETE FROM {table} WHERE target_key=?", (item.key,))
            self.db.execute(
                "INSERT OR REPLACE INTO targets (key, spec, position, run_id, status, reason, error, ecosystem, name, version,"
                " sha256, analyzer_version, grade, score, tools, seconds, worker, max_rss_mb, claimed, done, scorecard)"
                " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (item.key, item.spec, position, run_id, status, score.get("reason") or item.reason,
                 result.get("error"), target.get("ecosystem") or _eco(item.spec), target.get("name"), target.get("version"),
                 target.get("sha256"), analyzer_version, score.get("grade"), score.get("value"),
                 len(card.get("tools", [])) if card else None, result.get("seconds"), result.get("worker"),
                 result.get("max_rss_mb"), None if result.get("claimed") is None else json.dumps(result["claimed"]), time.time(),
                 json.dumps(card, ensure_ascii=False, separators=(",", ":")) if card else None))
            if card:
                self._children(item.key, card, result)
            else:  # a killed target: what it used before the kill
                self._timings(item.key, result)
            return self._add_servers(item.key, item.servers)

    def _children(self, key: str, card: dict[str, Any], result: dict[str, Any]) -> None:
        db = self.db
        for tool in card.get("tools", []):
            db.execute("INSERT INTO tools VALUES (?,?,?)", (key, tool.get("name"), (tool.get("description") or "")[:2000]))
            declared = set(tool.get("declared_capabilities") or [])
            db.executemany("INSERT INTO capabilities VALUES (?,?,?,?)",
                           [(key, tool.get("name"), c.get("kind"), int(c.get("kind") in declared))
                            for c in tool.get("capabilities", [])])
        db.executemany("INSERT INTO findings VALUES (?,?,?,?,?,?)",
                       [(key, f.get("rule"), f.get("severity"), f.get("tool"), f.get("title"), "scorecard")
                        for f in card.get("findings", [])])
        db.executemany("INSERT INTO errors VALUES (?,?,?,?)",
                       [(key, e.get("stage"), e.get("message"), e.get("path")) for e in card.get("errors", [])])
        self._timings(key, result)

    def _timings(self, key: str, result: dict[str, Any]) -> None:
        self.db.executemany("INSERT INTO timings VALUES (?,?,?)",
                            [(key, stage, float(s)) for stage, s in (result.get("timings") or {}).items()
                             if isinstance(s, (int, float))])

    # ----------------------------------------------------------------------- reading
    def rows(self) -> Iterator[sqlite3.Row]:
        """Every target, in the order of the run that last placed it."""
        yield from self.db.execute("SELECT * FROM targets ORDER BY position, key")

    def query(self, sql: str, *args: Any) -> list[sqlite3.Row]:
        return list(self.db.execute(sql, args))


def _eco(spec: str | None) -> str | None:
    if spec and ":" in spec and spec.split(":", 1)[0] in ("pypi", "npm"):
        return spec.split(":", 1)[0]
    return None


class _Transaction:
    def __init__(self, db: sqlite3.Connection) -> None:
        self.db = db

    def __enter__(self) -> None:
        self.db.execute("BEGIN IMMEDIATE")

    def __exit__(self, exc_type: object, *rest: object) -> None:
        self.db.execute("ROLLBACK" if exc_type else "COMMIT")
