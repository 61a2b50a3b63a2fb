import type { PGlite, Transaction as PGliteTx } from "@electric-sql/pglite";
import type { CompiledQuery, DatabaseConnection, Driver, QueryResult } from "kysely";
import { CopyOutSink, CopyPayload } from "./copy.ts";
import { cursorStream, PostgresFamilyDialect, StatementTransactions } from "./dialect-base.ts";

/**
 * A Kysely dialect over one PGlite instance (Kysely 0.28 ships none for Node 20).
 * PGlite is a single session, so the driver hands out one connection at a time: a
 * caller waits until the previous one is released, which keeps transactions whole.
 */
export class PGliteDialect extends PostgresFamilyDialect {
  constructor(private readonly pg: PGlite) {
    super();
  }
  createDriver(): Driver {
    return new PGliteDriver(this.pg);
  }
}

class PGliteDriver extends StatementTransactions implements Driver {
  #queue: Promise<void> = Promise.resolve();
  #connection: PGliteConnection;

  constructor(pg: PGlite) {
    super();
    this.#connection = new PGliteConnection(pg);
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    let release!: () => void;
    const previous = this.#queue;
    this.#queue = new Promise<void>((resolve) => (release = resolve));
    await previous;
    // PGlite answers in this process, so a chain of queries would otherwise run on promise
    // callbacks alone and starve timers and sockets: a server would answer no request until
    // a long job's last query. Each connection handed out first lets the event loop turn.
    await new Promise<void>((resolve) => setImmediate(resolve));
    this.#connection.release = release;
    return this.#connection;
  }
  async releaseConnection(conn: DatabaseConnection): Promise<void> {
    (conn as PGliteConnection).release();
  }
  async destroy(): Promise<void> {}
}

/** Bytes of COPY output handed over at a time. */
const COPY_SLICE = 1 << 22;

class PGliteConnection implements DatabaseConnection {
  release: () => void = () => {};
  constructor(private readonly pg: PGlite | PGliteTx) {}

  async executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    const payload = query.parameters[0];
    if (payload instanceof CopyPayload) {
      // PGlite reads COPY input from a blob given as the virtual file /dev/blob.
      const sqlText = query.sql.replace(/from stdin$/i, "from '/dev/blob'");
      await this.pg.query(sqlText, [], { blob: new Blob([payload.text]) });
      return { rows: [] };
    }
    if (payload instanceof CopyOutSink) {
      // …and writes COPY output to one: the whole output, then handed over in slices.
      const res = await this.pg.query(query.sql.replace(/to stdout$/i, "to '/dev/blob'"));
      const blob = res.blob;
      if (blob) for (let at = 0; at < blob.size; at += COPY_SLICE) payload.write(new Uint8Array(await blob.slice(at, at + COPY_SLICE).arrayBuffer()));
      return { rows: [] };
    }
    const res = await this.pg.query<R>(query.sql, query.parameters as unknown[]);
    return {
      rows: res.rows,
      numAffectedRows: res.affectedRows === undefined ? undefined : BigInt(res.affectedRows),
    };
  }

  streamQuery<R>(query: CompiledQuery, chunkSize = 1000): AsyncIterableIterator<QueryResult<R>> {
    return cursorStream<R>(query, chunkSize, (sql, params) => this.pg.query<R>(sql, params ? [...params] : []));
  }
}
