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
import type pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { CopyPayload } from "./copy.ts";

/**
 * Kysely over a node-postgres pool, like Kysely's own PostgresDialect, plus COPY FROM STDIN
 * (see copy.ts) and cursor streaming without another package.
 */
export class PgPoolDialect implements Dialect {
  constructor(private readonly pool: pg.Pool) {}
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver(): Driver {
    return new PgPoolDriver(this.pool);
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

class PgPoolDriver implements Driver {
  constructor(private readonly pool: pg.Pool) {}
  async init(): Promise<void> {}
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgConnection(await this.pool.connect());
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
    (conn as PgConnection).client.release();
  }
  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

class PgConnection implements DatabaseConnection {
  #cursorSeq = 0;
  constructor(readonly client: pg.PoolClient) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const payload = query.parameters[0];
    if (payload instanceof CopyPayload) {
      await new Promise<void>((resolve, reject) => {
        const stream = this.client.query(copyFrom(query.sql));
        stream.on("finish", resolve);
        stream.on("error", reject);
        stream.end(payload.text);
      });
      return { rows: [] };
    }
    const res = await this.client.query<R & object>(query.sql, [...query.parameters]);
    return {
      rows: res.rows,
      numAffectedRows: res.rowCount === null || res.command === "SELECT" ? undefined : BigInt(res.rowCount),
    };
  }

  /** Streams through a server-side cursor; the caller must be inside a transaction. */
  async *streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    const name = `retain_cursor_${++this.#cursorSeq}`;
    await this.client.query(`declare ${name} no scroll cursor for ${query.sql}`, [...query.parameters]);
    try {
      for (;;) {
        const res = await this.client.query<R & object>(`fetch ${chunkSize} from ${name}`);
        if (res.rows.length === 0) break;
        yield { rows: res.rows };
        if (res.rows.length < chunkSize) break;
      }
    } finally {
      await this.client.query(`close ${name}`);
    }
  }
}
