/**
 * Prepared statements cached per connection: each module declares its SQL once and gets the compiled
 * statements of the connection it is handed, all prepared the first time it meets that connection.
 * Keyed by the Database object in a WeakMap, so a closed and collected connection takes them with it.
 */
import type Database from 'better-sqlite3';

type Statement = Database.Statement<unknown[], unknown>;
export type Statements<K extends string> = { readonly [P in K]: Statement };

/** `defineStatements({ byId: 'SELECT …' })(db).byId.get(…)`: all of a module's statements, prepared together. */
export function defineStatements<K extends string>(sql: Record<K, string>): (db: Database.Database) => Statements<K> {
  const cache = new WeakMap<Database.Database, Statements<K>>();
  return (db) => {
    let statements = cache.get(db);
    if (!statements) {
      const entries = (Object.keys(sql) as K[]).map((name) => [name, db.prepare(sql[name])] as const);
      statements = Object.fromEntries(entries) as Statements<K>;
      cache.set(db, statements);
    }
    return statements;
  };
}

/**
 * For queries whose text varies with the shape of a request (which filters are present, which sort): the
 * text is assembled only from the module's own constant fragments, the values are always bound, and the
 * statement is prepared once per shape and connection.
 */
export function statementsByShape(): (db: Database.Database, shape: string, build: () => string) => Statement {
  const cache = new WeakMap<Database.Database, Map<string, Statement>>();
  return (db, shape, build) => {
    let byShape = cache.get(db);
    if (!byShape) {
      byShape = new Map();
      cache.set(db, byShape);
    }
    let stmt = byShape.get(shape);
    if (!stmt) {
      stmt = db.prepare(build());
      byShape.set(shape, stmt);
    }
    return stmt;
  };
}
