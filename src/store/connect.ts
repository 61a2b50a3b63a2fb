import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { Kysely, type LogConfig } from "kysely";
import type pg from "pg";
import type { StoreConfig } from "../config.ts";
import { RetainError } from "../errors.ts";
import { migrateToLatest } from "./migrate.ts";
import type { Database } from "./schema.ts";

/** An open store. Nothing outside this file knows which engine is behind `db`. */
export interface Store {
  readonly db: Kysely<Database>;
  readonly kind: StoreConfig["kind"];
  /** Where the data lives, for messages: a folder or a server URL without its password. */
  readonly location: string;
  close(): Promise<void>;
}

// Type OIDs: int8 (ids, counts) as numbers, numeric as exact strings, date as 'YYYY-MM-DD'.
const INT8 = 20;
const NUMERIC = 1700;
const DATE = 1082;
const identity = (v: string) => v;

/**
 * How many statements of one large read a store runs at once to good effect: a PostgreSQL
 * server works on each in its own process, so a read split by customer ranges uses the
 * machine's cores; PGlite runs one statement at a time in this process.
 */
const readParallelism = new WeakMap<Kysely<Database>, number>();
export const parallelReads = (db: Kysely<Database>): number => readParallelism.get(db) ?? 1;

/** Opens the configured store and brings its schema to the latest migration. */
export async function openStore(config: StoreConfig, opts: { migrate?: boolean; log?: LogConfig } = {}): Promise<Store> {
  const store = config.kind === "pglite" ? await openPGlite(config.dataDir, opts.log) : await openPostgres(config.url, opts.log);
  if (opts.migrate !== false) {
    try {
      await migrateToLatest(store.db);
    } catch (e) {
      await store.close();
      throw e;
    }
  }
  return store;
}

/** A PGlite data folder, or MEMORY for a throwaway in-memory store (tests). */
export const MEMORY = ":memory:";

async function openPGlite(dataDir: string, log?: LogConfig): Promise<Store> {
  const inMemory = dataDir === MEMORY;
  if (!inMemory) fs.mkdirSync(dataDir, { recursive: true });
  const unlock = inMemory ? () => {} : lockDataDir(dataDir);
  // Each engine's client loads only when it is the one chosen.
  const { PGlite } = await import("@electric-sql/pglite");
  const { PGliteDialect } = await import("./pglite-dialect.ts");
  let pglite: InstanceType<typeof PGlite>;
  try {
    pglite = await PGlite.create({
      dataDir: inMemory ? undefined : dataDir,
      parsers: { [INT8]: Number, [NUMERIC]: identity, [DATE]: identity },
    });
  } catch (e) {
    unlock();
    throw new RetainError("STORE_UNAVAILABLE", `Cannot open the embedded store in ${dataDir}: ${(e as Error).message}`, {
      hint: "Check that the folder is readable and writable, or choose another with --data DIR.",
    }, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new PGliteDialect(pglite), log });
  return {
    db,
    kind: "pglite",
    location: dataDir,
    async close() {
      await db.destroy();
      await pglite.close();
      unlock();
    },
  };
}

async function openPostgres(url: string, log?: LogConfig): Promise<Store> {
  const { default: pg } = await import("pg");
  const { PgPoolDialect } = await import("./pg-dialect.ts");
  const pool = new pg.Pool({
    connectionString: url,
    max: 8,
    types: {
      getTypeParser: ((oid: number, format?: "text" | "binary") => {
        if (oid === INT8) return Number;
        if (oid === NUMERIC || oid === DATE) return identity;
        return pg.types.getTypeParser(oid, format);
      }) as typeof pg.types.getTypeParser,
    },
  });
  // An idle connection the server drops (restart, admin command) is reported on the pool;
  // unheard, that report would crash the process. The pool opens a new one when next needed.
  pool.on("error", () => {});
  try {
    const client = await pool.connect();
    client.release();
  } catch (e) {
    await pool.end();
    throw new RetainError("STORE_UNAVAILABLE", `Cannot reach PostgreSQL at ${redact(url)}: ${(e as Error).message}`, {
      field: "DATABASE_URL",
      hint: "Check that the server is running and the URL, user and password are right.",
    }, { cause: e });
  }
  const db = new Kysely<Database>({ dialect: new PgPoolDialect(pool), log });
  readParallelism.set(db, Math.max(1, Math.min(4, os.availableParallelism())));
  return { db, kind: "postgres", location: redact(url), close: () => db.destroy() };
}

function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, "//$1:***@");
}

/**
 * PGlite is one process's database: a second process opening the same folder would corrupt
 * it. A lock file holds the owner's pid; a lock whose process is gone (killed) is taken over.
 */
function lockDataDir(dataDir: string): () => void {
  const lockPath = path.join(dataDir, "retain.lock");
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(lockPath, String(process.pid), { flag: "wx" });
      let released = false;
      const release = () => {
        if (released) return;
        released = true;
        try {
          if (fs.readFileSync(lockPath, "utf8") === String(process.pid)) fs.unlinkSync(lockPath);
        } catch {
          // Already gone: nothing to release.
        }
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = Number(fs.readFileSync(lockPath, "utf8"));
      if (owner && owner !== process.pid && isAlive(owner)) {
        throw new RetainError("STORE_UNAVAILABLE", `The embedded store in ${dataDir} is in use by process ${owner}.`, {
          hint: "Stop that process (e.g. a running `retain serve`) or use another folder with --data DIR.",
        });
      }
      fs.rmSync(lockPath, { force: true });
    }
  }
  throw new RetainError("STORE_UNAVAILABLE", `Could not lock the embedded store in ${dataDir}.`);
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
}
