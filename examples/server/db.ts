import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';

/** The folder holding the numbered `NNN-name.sql` migrations. */
export const MIGRATIONS_DIR = fileURLToPath(new URL('./migrations/', import.meta.url));

/** An open SQLite database. */
export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite file and applies every migration not yet
 * applied, in order, each in its own transaction. `PRAGMA user_version` holds
 * the number of the last one applied.
 */
export function openDatabase(file: string, migrationsDir: string = MIGRATIONS_DIR): Db {
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  const applied = Number(db.pragma('user_version', { simple: true }));
  const files = readdirSync(migrationsDir).filter((f) => /^\d{3}-.+\.sql$/.test(f)).sort();
  for (const name of files) {
    const n = Number(name.slice(0, 3));
    if (n <= applied) continue;
    const sql = readFileSync(join(migrationsDir, name), 'utf8');
    db.transaction(() => {
      db.exec(sql);
      db.pragma(`user_version = ${String(n)}`);
    })();
  }
  return db;
}
