"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createDatabaseAdapter = createDatabaseAdapter;
const fs = require("fs");
async function createDatabaseAdapter(dbPath) {
    try {
        return await createKv(dbPath);
    } catch (e) {
        return await createSQLJS(dbPath);
    }
}
async function createKv(dbPath) {
    const Database = require("kvstore-lite");
    return new KvAdapter(new Database(dbPath));
}
async function createSQLJS(dbPath) {
    const initSqlJs = require("sql.js");
    const SQL = await initSqlJs();
    return new SQLJSAdapter(new SQL.Database(), dbPath);
}
class KvAdapter {
    constructor(db) { this.db = db; }
    prepare(sql) { const stmt = this.db.prepare(sql); return new KvStatement(stmt); }
}
class KvStatement {
    constructor(stmt) { this.stmt = stmt; }
    run(...p) { return this.stmt.run(...p); }
    get(...p) { return this.stmt.get(...p); }
}
class SQLJSAdapter {
    constructor(db, dbPath) { this.db = db; this.dbPath = dbPath; this.cache = new Map(); }
    prepare(sql) {
        if (this.cache.has(sql)) { return this.cache.get(sql); }
        const stmt = this.db.prepare(sql);
        const wrapped = new SQLJSStatement(stmt, () => this.scheduleSave());
        this.cache.set(sql, wrapped);
        return wrapped;
    }
    scheduleSave() { setTimeout(() => { this.saveToFile(); }, 5000); }
    saveToFile() { fs.writeFileSync(this.dbPath, this.db.export()); }
}
class SQLJSStatement {
    constructor(stmt, onModify) { this.stmt = stmt; this.onModify = onModify; }
    run(...p) { this.stmt.bind(p); this.stmt.step(); this.onModify(); return { changes: 1 }; }
    get(...p) { this.stmt.bind(p); return this.stmt.getAsObject(); }
}
