import pg from "pg";
import { describe, expect, it } from "vitest";
import { sql } from "kysely";
import { freshStore } from "../support/stores.ts";

describe.runIf(process.env.RETAIN_TEST_PG_URL)("a PostgreSQL store", () => {
  it("survives the server dropping its idle connections, and reconnects", async () => {
    const store = await freshStore("postgres");
    try {
      await sql`select 1`.execute(store.db);
      const admin = new pg.Client({ connectionString: process.env.RETAIN_TEST_PG_URL });
      await admin.connect();
      const db = (await sql<{ db: string }>`select current_database() as db`.execute(store.db)).rows[0]!.db;
      await admin.query("select pg_terminate_backend(pid) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()", [db]);
      await admin.end();
      await new Promise((r) => setTimeout(r, 200));
      const res = await sql<{ one: number }>`select 1 as one`.execute(store.db);
      expect(res.rows).toEqual([{ one: 1 }]);
    } finally {
      await store.close();
    }
  });
});
