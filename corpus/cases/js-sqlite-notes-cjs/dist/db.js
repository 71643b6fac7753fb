"use strict";
const path = require("node:path");
const os = require("node:os");
const Database = require("better-sqlite3");

const DB_FILE = path.join(os.homedir(), ".jotter", "notes.db");

class Jotter {
  constructor(file) {
    this.db = new Database(file);
    this.db.pragma("journal_mode = WAL");
    this.db.exec("CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL, created TEXT NOT NULL)");
  }

  add(body) {
    const info = this.db.prepare("INSERT INTO notes (body, created) VALUES (?, datetime('now'))").run(body);
    return Number(info.lastInsertRowid);
  }

  search(term, limit) {
    return this.db.prepare("SELECT id, body, created FROM notes WHERE body LIKE ? ORDER BY id DESC LIMIT ?").all(`%${term}%`, limit);
  }
}

module.exports = { Jotter, DB_FILE };
