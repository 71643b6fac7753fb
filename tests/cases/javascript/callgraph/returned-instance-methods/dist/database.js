"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.openDatabase = openDatabase;
const fs = require("fs");
const sql_js_1 = require("sql.js");
async function openDatabase(dbPath) {
    const SQL = await (0, sql_js_1.default)();
    const data = fs.existsSync(dbPath) ? fs.readFileSync(dbPath) : undefined;
    return new SQLJSAdapter(new SQL.Database(data), dbPath);
}
class SQLJSAdapter {
    constructor(db, dbPath) {
        this.db = db;
        this.dbPath = dbPath;
        this.saveTimer = null;
    }
    prepare(sql) {
        const stmt = this.db.prepare(sql);
        return new SQLJSStatement(stmt, () => this.scheduleSave());
    }
    scheduleSave() {
        if (this.saveTimer) {
            clearTimeout(this.saveTimer);
        }
        this.saveTimer = setTimeout(() => {
            this.saveToFile();
        }, 5000);
    }
    saveToFile() {
        const data = this.db.export();
        fs.writeFileSync(this.dbPath, data);
    }
}
class SQLJSStatement {
    constructor(stmt, onModify) {
        this.stmt = stmt;
        this.onModify = onModify;
    }
    run(...params) {
        this.stmt.bind(params);
        this.stmt.step();
        this.onModify();
        return { changes: 1 };
    }
    get(...params) {
        this.stmt.bind(params);
        const row = this.stmt.step() ? this.stmt.getAsObject() : undefined;
        this.stmt.reset();
        return row;
    }
    all(...params) {
        this.stmt.bind(params);
        const rows = [];
        while (this.stmt.step()) {
            rows.push(this.stmt.getAsObject());
        }
        this.stmt.reset();
        return rows;
    }
}
