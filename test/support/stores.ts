import { randomBytes } from "node:crypto";
import pg from "pg";
import { MEMORY, openStore, type Store } from "../../src/store/connect.ts";

/**
 * The stores every store test runs on: in-memory PGlite always, and PostgreSQL when
 * RETAIN_TEST_PG_URL names a server (the test runner starts a throwaway one).
 */
export const STORE_KINDS: Array<"pglite" | "postgres"> = process.env.RETAIN_TEST_PG_URL ? ["pglite", "postgres"] : ["pglite"];

/**
 * Opens a fresh, empty store of the given kind (a new database on the server), migrated
 * unless `migrate` is false.
 */
export async function freshStore(kind: "pglite" | "postgres", opts: { migrate?: boolean } = {}): Promise<Store> {
  if (kind === "pglite") return openStore({ kind: "pglite", dataDir: MEMORY }, opts);
  const adminUrl = process.env.RETAIN_TEST_PG_URL!;
  const name = `retain_test_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  const store = await openStore({ kind: "postgres", url: url.toString() }, opts);
  return {
    ...store,
    async close() {
      await store.close();
      const a = new pg.Client({ connectionString: adminUrl });
      await a.connect();
      await a.query(`drop database if exists ${name} with (force)`);
      await a.end();
    },
  };
}
