import type { PGlite, Transaction as PGliteTx } from "@electric-sql/pglite";
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from "kysely";
import { CopyPayload } from "./copy.ts";

/**
 * A Kysely dialect over one PGlite instance (Kysely 0.28 ships none for Node 20).
 * PGlite is a single session, so the driver hands out one connection at a time: a
 * caller waits until the previous one is released, which keeps transactions whole.
 */
export class PGliteDialect implements Dialect {
  constructor(private readonly pg: PGlite) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PGliteDriver implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #connection: PGliteConnection;

  constructor(pg: PGlite) {
    this.#connection = new PGliteConnection(pg);
  }

  async init(): Promise<void> {}

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    this.#connection.release = release;
    return this.#connection;
  }

  async beginTransaction(conn: DatabaseConnection, settings: TransactionSettings): Promise<void> {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : "";
    await conn.executeQuery(CompiledQuery.raw(`begin${level}`));
  }
  async commitTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("commit"));
  }
  async rollbackTransaction(conn: DatabaseConnection): Promise<void> {
    await conn.executeQuery(CompiledQuery.raw("rollback"));
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  #cursorSeq = 0;
  constructor(private readonly pg: PGlite | PGliteTx) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const payload = query.parameters[0];
    if (payload instanceof CopyPayload) {
      // PGlite reads COPY input from a blob given as the virtual file /dev/blob.
      const sqlText = query.sql.replace(/from stdin$/i, "from '/dev/blob'");
      await this.pg.query(sqlText, [], { blob: new Blob([payload.text]) });
      return { rows: [] };
    }
    const res = await this.pg.query<R>(query.sql, query.parameters as unknown[]);
    return {
      rows: res.rows,
      numAffectedRows: res.affectedRows === undefined ? undefined : BigInt(res.affectedRows),
    };
  }

  /** Streams through a server-side cursor; the caller must be inside a transaction. */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const name = `retain_cursor_${++this.#cursorSeq}`;
    await this.pg.query(`declare ${name} no scroll cursor for ${query.sql}`, query.parameters as unknown[]);
    try {
      for (;;) {
        const res = await this.pg.query<R>(`fetch ${chunkSize} from ${name}`);
        if (res.rows.length === 0) break;
        yield { rows: res.rows };
        if (res.rows.length < chunkSize) break;
      }
    } finally {
      await this.pg.query(`close ${name}`);
    }
  }
}
