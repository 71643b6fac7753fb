"""A function a constructor only keeps in a field (`new Stmt(stmt, () => this.scheduleSave())`,
`this.onModify = onModify`) runs where a method of its class calls `this.onModify()`, not where it is
written or given to `new`; when the field is read anywhere else, or its writer also calls it, the
`new` (and the writer) keep calling it. Methods called on the instance a package method returns
resolve to its class (chained or through a variable); a call whose receiver is an instance of one of
several classes is listed as unresolved. Never a dropped write."""

from __future__ import annotations

from pathlib import Path

from mcpvet.discover import discover
from mcpvet.frontends.javascript import JavaScriptFrontend
from mcpvet.model import FrontendResult
from mcpvet.options import InspectOptions
from mcpvet.semgrep import run_semgrep_many

SERVER = '''
import { McpServer } from "@modelcontextprotocol/sdk/server/mcp.js";
import { z } from "zod";
import { openDatabase } from "./database";

const server = new McpServer({ name: "notes", version: "1.0.0" });
const db = openDatabase("notes.db");

server.tool("add_note", "Add a note.", { text: z.string() }, async ({ text }) => {
  db.prepare("INSERT INTO notes (text) VALUES (?)").run(text);
  return { content: [{ type: "text", text: "added" }] };
});
server.tool("delete_note", "Delete a note.", { id: z.number() }, async ({ id }) => {
  const stmt = db.prepare("DELETE FROM notes WHERE id = ?");
  stmt.run(id);
  return { content: [{ type: "text", text: "deleted" }] };
});
server.tool("get_note", "Read one note.", { id: z.number() }, async ({ id }) => {
  const row = db.prepare("SELECT text FROM notes WHERE id = ?").get(id);
  return { content: [{ type: "text", text: String(row) }] };
});
server.tool("commit_note", "Commit a note.", { id: z.number() }, async ({ id }) => {
  db.prepare("SELECT 1").handle(globalThis.bus);
  return { content: [{ type: "text", text: "ok" }] };
});
'''

DATABASE = '''
import * as fs from "fs";

export function openDatabase(path: string): Adapter {
  return new Adapter(path);
}

class Adapter {
  private timer: any = null;
  constructor(private path: string) {}
  prepare(sql: string): Statement {
    PREPARE_BODY
  }
  scheduleSave(): void {
    this.timer = setTimeout(() => { this.saveToFile(); }, 5000);
  }
  saveToFile(): void {
    fs.writeFileSync(this.path, "data");
  }
}

class Statement {
  private onModify: () => void;
  constructor(private sql: string, onModify: () => void) {
    this.onModify = onModify;
  }
  run(...params: unknown[]): number {
    this.onModify();
    return params.length;
  }
  get(...params: unknown[]): unknown {
    return params[0];
  }
  HANDLE
}
'''

PLAIN = 'return new Statement(sql, () => this.scheduleSave());'


def analyze(tmp_path: Path, prepare: str = PLAIN, handle: str = "") -> FrontendResult:
    (tmp_path / "package.json").write_text('{"name": "n", "version": "1.0.0", "main": "src/index.ts"}', "utf-8")
    (tmp_path / "src").mkdir()
    (tmp_path / "src" / "index.ts").write_text(SERVER, "utf-8")
    (tmp_path / "src" / "database.ts").write_text(
        DATABASE.replace("PREPARE_BODY", prepare).replace("HANDLE", handle), "utf-8")
    options = InspectOptions()
    tree, _ = discover(tmp_path, name_hint="n")
    run = run_semgrep_many([tree], options)[0]
    return JavaScriptFrontend().analyze(tree, run.hits, options)


def kinds(result: FrontendResult) -> dict[str, list[str]]:
    return {t.name: sorted(k.value for k in t.capability_kinds) for t in result.tools}


def test_the_stored_callback_runs_where_run_calls_it(tmp_path: Path) -> None:
    got = kinds(analyze(tmp_path))
    assert got["add_note"] == ["fs_write"]  # chained: db.prepare(sql).run(x)
    assert got["delete_note"] == ["fs_write"]  # through a variable: const stmt = db.prepare(sql); stmt.run(id)
    assert got["get_note"] == []  # get() does not call onModify: prepare only writes the arrow, never calls it


def test_a_field_read_elsewhere_keeps_the_new_calling_it(tmp_path: Path) -> None:
    handle = "handle(bus: any): void { bus.subscribe({ handler: this.onModify }); }"
    got = kinds(analyze(tmp_path, handle=handle))
    assert got["commit_note"] == ["fs_write"]  # the callback leaves the object: called where, unknown
    assert got["add_note"] == ["fs_write"]
    assert got["get_note"] == ["fs_write"]  # so prepare, which gives it to new, counts as calling it


def test_a_callback_its_writer_also_calls_stays_called_there(tmp_path: Path) -> None:
    prepare = ("const self = this; const save = () => self.scheduleSave(); "
               "if (sql.startsWith('INSERT')) { save(); } return new Statement(sql, save);")
    got = kinds(analyze(tmp_path, prepare=prepare))
    assert got["get_note"] == ["fs_write"]  # prepare itself calls save()
    assert got["add_note"] == ["fs_write"]
