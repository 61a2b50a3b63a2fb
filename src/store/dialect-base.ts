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

/** The PostgreSQL dialect parts both of our drivers share; each supplies its Driver. */
export abstract class PostgresFamilyDialect implements Dialect {
  abstract createDriver(): Driver;
  createAdapter() {
    return new PostgresAdapter();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
}

/** Transactions as plain statements on the connection, the same on both engines. */
export abstract class StatementTransactions {
  async init(): Promise<void> {}
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
}

let cursorSeq = 0;

/**
 * Streams a query's rows through a server-side cursor, `chunkSize` at a time; `run` executes
 * one statement on the connection. The caller must be inside a transaction.
 */
export async function* cursorStream<R>(
  query: CompiledQuery,
  chunkSize: number,
  run: (sql: string, parameters?: readonly unknown[]) => Promise<{ rows: R[] }>,
): AsyncIterableIterator<QueryResult<R>> {
  const name = `retain_cursor_${++cursorSeq}`;
  await run(`declare ${name} no scroll cursor for ${query.sql}`, query.parameters);
  try {
    for (;;) {
      const res = await run(`fetch ${chunkSize} from ${name}`);
      if (res.rows.length === 0) break;
      yield { rows: res.rows };
      if (res.rows.length < chunkSize) break;
    }
  } finally {
    await run(`close ${name}`);
  }
}
