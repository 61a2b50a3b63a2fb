import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openStore, type Store } from "../../src/store/connect.ts";
import { retain, retainKilledWhen } from "../support/cli.ts";
import { dumpStore } from "../support/dump.ts";
import { STORE_KINDS } from "../support/stores.ts";

const LINES = 25_000;
const BAD = Math.ceil(LINES / 4_999); // rows with a bad date

/** An orders file big enough for several batches, with a few bad rows. */
function writeOrdersFile(file: string) {
  const out = ["customer_id,order_no,order_date,sku,description,quantity,unit_price,discount,unit_cost"];
  for (let i = 0; i < LINES; i++) {
    const order = Math.floor(i / 3);
    const customer = order % 4_000;
    const month = String(1 + (order % 12)).padStart(2, "0");
    const day = String(1 + (order % 28)).padStart(2, "0");
    const bad = i % 4_999 === 0 ? "not-a-date" : `2024-${month}-${day}`;
    out.push(`C${customer},SO${order},${bad},P${i % 50},商品${i % 50},${1 + (i % 3)},${(i % 97) + 0.99},${i % 5 === 0 ? "1.00" : "0"},${(i % 40) + 0.5}`);
  }
  fs.writeFileSync(file, `${out.join("\n")}\n`);
}

describe.each(STORE_KINDS)("an import killed midway (%s)", (kind) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-kill-"));
  const file = path.join(dir, "orders.csv");
  const databases: string[] = [];

  /** Where a run stores: a PGlite folder, or a fresh database on the test server. */
  async function target(name: string): Promise<{ args: string[]; env: NodeJS.ProcessEnv; open: () => Promise<Store> }> {
    if (kind === "pglite") {
      const data = path.join(dir, name);
      return { args: ["--data", data], env: {}, open: () => openStore({ kind: "pglite", dataDir: data }) };
    }
    const admin = new pg.Client({ connectionString: process.env.RETAIN_TEST_PG_URL });
    await admin.connect();
    const db = `retain_kill_${name}_${process.pid}`;
    await admin.query(`drop database if exists ${db}`);
    await admin.query(`create database ${db}`);
    await admin.end();
    databases.push(db);
    const url = new URL(process.env.RETAIN_TEST_PG_URL!);
    url.pathname = `/${db}`;
    return { args: [], env: { DATABASE_URL: url.toString() }, open: () => openStore({ kind: "postgres", url: url.toString() }) };
  }

  beforeAll(() => writeOrdersFile(file));
  afterAll(async () => {
    fs.rmSync(dir, { recursive: true, force: true });
    if (databases.length) {
      const admin = new pg.Client({ connectionString: process.env.RETAIN_TEST_PG_URL });
      await admin.connect();
      for (const db of databases) await admin.query(`drop database if exists ${db} with (force)`);
      await admin.end();
    }
  });

  it("leaves the store as it was, and a re-run gives exactly the store of one clean run", { timeout: 240_000 }, async () => {
    const clean = await target("clean");
    const cleanRun = retain([...clean.args, "import", "orders", file, "--json", "--rejects", path.join(dir, "clean.rejects.csv")], clean.env);
    expect(cleanRun.stderr).toBe("");
    expect(cleanRun.status).toBe(3); // rows were rejected
    expect(JSON.parse(cleanRun.stdout)).toMatchObject({ rowsRead: LINES, rejected: BAD, landed: LINES - BAD });

    const killed = await target("killed");
    const args = [...killed.args, "import", "orders", file, "--progress", "log", "--rejects", path.join(dir, "killed.rejects.csv")];
    const first = await retainKilledWhen(args, /progress .*landed=[1-9]/, killed.env);
    expect(first.killed).toBe(true);

    let store = await killed.open();
    try {
      expect(await store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst()).toEqual({ n: 0 });
      expect(await store.db.selectFrom("customers").select((eb) => eb.fn.countAll().as("n")).executeTakeFirst()).toEqual({ n: 0 });
    } finally {
      await store.close();
    }

    const rerun = retain([...args, "--json"], killed.env);
    expect(rerun.status).toBe(3); // rows were rejected
    expect(JSON.parse(rerun.stdout)).toMatchObject({ rowsRead: LINES, rejected: BAD, landed: LINES - BAD, updated: 0 });

    const a = await clean.open();
    store = await killed.open();
    try {
      expect(await dumpStore(store.db)).toEqual(await dumpStore(a.db));
    } finally {
      await a.close();
      await store.close();
    }
  });
});
