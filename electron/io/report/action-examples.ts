/**
 * The example actions of a large export, kept in a temporary SQLite file instead of the heap until the Actions
 * sheet is written (engine/actions/group.ts, ExampleShelf). At 100,000 domains there are about 110,000 of them,
 * some 190 MB as objects; here they cost the page cache of a file that SQLite deletes when it is closed.
 */
import Database from 'better-sqlite3';
import type { ExampleShelf } from '../../engine/actions/group';
import type { Action } from '../../../shared/actions';

export class SpilledExamples implements ExampleShelf {
  // An empty file name is SQLite's private temporary database: on disk, removed when closed.
  private readonly db = new Database('');
  private readonly insert;
  private readonly select;
  private writing = false;

  constructor() {
    this.db.pragma('journal_mode = OFF');
    this.db.pragma('synchronous = OFF');
    // Keys are row ids, handed out in order: each example is appended, never inserted between others.
    this.db.exec('CREATE TABLE example (id INTEGER PRIMARY KEY, action TEXT NOT NULL)');
    this.insert = this.db.prepare<[string]>('INSERT INTO example (action) VALUES (?)');
    this.select = this.db.prepare<[number], { action: string }>('SELECT action FROM example WHERE id = ?');
  }

  put(example: Action): number {
    // One transaction for all the puts: a commit per example would write the file 110,000 times.
    if (!this.writing) {
      this.db.exec('BEGIN');
      this.writing = true;
    }
    return Number(this.insert.run(JSON.stringify(example)).lastInsertRowid);
  }

  get(key: number): Action {
    if (this.writing) {
      this.db.exec('COMMIT');
      this.writing = false;
    }
    const row = this.select.get(key);
    if (!row) throw new Error(`No example action kept under ${key}`);
    return JSON.parse(row.action) as Action;
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
