import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from "kysely";
import type pg from "pg";
import { from as copyFrom, to as copyTo } from "pg-copy-streams";
import { CopyOutSink, CopyPayload } from "./copy.ts";
import { cursorStream, PostgresFamilyDialect, StatementTransactions } from "./dialect-base.ts";

/**
 * Kysely over a node-postgres pool, like Kysely's own PostgresDialect, plus COPY FROM STDIN
 * and TO STDOUT (see copy.ts) and cursor streaming without another package.
 */
export class PgPoolDialect extends PostgresFamilyDialect {
  constructor(private readonly pool: pg.Pool) {
    super();
  }
  createDriver(): Driver {
    return new PgPoolDriver(this.pool);
  }
}

class PgPoolDriver extends StatementTransactions implements Driver {
  constructor(private readonly pool: pg.Pool) {
    super();
  }
  async acquireConnection(): Promise<DatabaseConnection> {
    return new PgConnection(await this.pool.connect());
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PgConnection).client.release();
  }
  async destroy(): Promise<void> {
    await this.pool.end();
  }
}

class PgConnection implements DatabaseConnection {
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
    if (payload instanceof CopyOutSink) {
      for await (const chunk of this.client.query(copyTo(query.sql)) as AsyncIterable<Uint8Array>) payload.write(chunk);
      return { rows: [] };
    }
    const res = await this.client.query<R & object>(query.sql, [...query.parameters]);
    return {
      rows: res.rows,
      numAffectedRows: res.rowCount === null || res.command === "SELECT" ? undefined : BigInt(res.rowCount),
    };
  }

  streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    return cursorStream<R>(query, chunkSize, (sql, params) => this.client.query<R & object>(sql, params ? [...params] : []));
  }
}
