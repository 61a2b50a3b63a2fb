/**
 * Import throughput and memory, on PGlite and on PostgreSQL, against the engine's own
 * ceiling: a raw COPY of the same file into a bare table (no validation, no identities, no
 * indexes, no aggregates).
 *
 *   node --import tsx bench/import.bench.ts [--lines 1000000] [--stores pglite,postgres]
 *
 * The orders file comes from bench/generate-orders.ts (the demo generator: realistic
 * customers, orders of 1–5 lines, returns, discounts). Results are appended to
 * bench/results/import.jsonl and printed as a table.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { PGlite } from "@electric-sql/pglite";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { startThrowawayPostgres } from "../scripts/pg-throwaway.js";

const { values } = parseArgs({ options: { lines: { type: "string", default: "1000000" }, stores: { type: "string", default: "pglite,postgres" } } });
const lines = Number(values.lines);
const stores = values.stores!.split(",");
const root = path.resolve(import.meta.dirname, "..");
const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || null;
const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).stdout.trim() !== "";
const file = path.join(root, "bench", "out", `orders-${lines}.csv`);
if (!fs.existsSync(file)) {
  console.log(`> generating ${file}`);
  const gen = spawnSync(process.execPath, ["--import", "tsx", "bench/generate-orders.ts", "--lines", String(lines), "--out", file], { cwd: root, stdio: "inherit" });
  if (gen.status !== 0) process.exit(1);
}
const sizeMb = fs.statSync(file).size / 1e6;
const COLUMNS = "customer_id text, order_no text, line_no int, order_date date, sku text, description text, category text, quantity numeric, unit_price numeric, discount numeric, unit_cost numeric, amount numeric, currency text, channel text";

/** The generator's few USD lines need a rate, as a real business would have set one. */
function setRate(env: NodeJS.ProcessEnv, args: string[]) {
  const res = spawnSync(process.execPath, [path.join(root, "bin/retain.js"), ...args, "fx", "set", "USD", "2000-01-01", "7.2"], { env: { ...process.env, ...env }, encoding: "utf8" });
  if (res.status !== 0) throw new Error(`fx set failed: ${res.stderr}`);
}

function importWithCli(env: NodeJS.ProcessEnv, args: string[]) {
  const started = process.hrtime.bigint();
  const res = spawnSync(process.execPath, [path.join(root, "bin/retain.js"), ...args, "--json", "import", "orders", file, "--progress", "none", "--rejects", path.join(os.tmpdir(), "bench.rejects.csv")], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (res.status !== 0 && res.status !== 3) throw new Error(`import failed: ${res.stderr}`);
  const summary = JSON.parse(res.stdout);
  return { seconds, summary };
}

async function rawCopyPostgres(url: string) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`create table raw_copy (${COLUMNS})`);
  const started = process.hrtime.bigint();
  await new Promise<void>((resolve, reject) => {
    const sink = client.query(copyFrom("copy raw_copy from stdin with (format csv, header true)"));
    fs.createReadStream(file).on("error", reject).pipe(sink).on("finish", resolve).on("error", reject);
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await client.end();
  return seconds;
}

async function rawCopyPGlite() {
  const db = await PGlite.create();
  await db.exec(`create table raw_copy (${COLUMNS})`);
  const started = process.hrtime.bigint();
  await db.query("copy raw_copy from '/dev/blob' with (format csv, header true)", [], { blob: new Blob([fs.readFileSync(file)]) });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  await db.close();
  return seconds;
}

/**
 * The same import with V8's heap capped: left alone, V8 lets garbage pile up to several
 * hundred MB before it collects, so the uncapped peak says little about what the import
 * needs. Completing under the cap shows the memory it really holds is bounded.
 */
const HEAP_CAP_MB = 256;
async function cappedRun(run: (env: NodeJS.ProcessEnv) => Promise<ReturnType<typeof importWithCli>>) {
  return run({ NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=${HEAP_CAP_MB}`.trim() });
}

const results: Array<Record<string, unknown>> = [];
for (const store of stores) {
  if (store === "postgres") {
    const server = await startThrowawayPostgres();
    const admin = new pg.Client({ connectionString: server.url });
    await admin.connect();
    await admin.query("create database bench_import");
    await admin.query("create database bench_raw");
    await admin.end();
    const url = (db: string) => server.url.replace(/\/postgres$/, `/${db}`);
    setRate({ DATABASE_URL: url("bench_import") }, []);
    const first = importWithCli({ DATABASE_URL: url("bench_import") }, []);
    const again = importWithCli({ DATABASE_URL: url("bench_import") }, []);
    const raw = await rawCopyPostgres(url("bench_raw"));
    const capped = await cappedRun(async (env) => {
      const a = new pg.Client({ connectionString: server.url });
      await a.connect();
      await a.query("create database bench_capped");
      await a.end();
      setRate({ DATABASE_URL: url("bench_capped") }, []);
      return importWithCli({ ...env, DATABASE_URL: url("bench_capped") }, []);
    });
    results.push(row("postgres", first, again, raw, capped));
    server.stop();
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-bench-"));
    setRate({ DATABASE_URL: "" }, ["--data", dir]); // also creates the store, outside the timing
    const first = importWithCli({ DATABASE_URL: "" }, ["--data", dir]);
    const again = importWithCli({ DATABASE_URL: "" }, ["--data", dir]);
    const raw = await rawCopyPGlite();
    const capped = await cappedRun(async (env) => {
      const capDir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-bench-"));
      setRate({ DATABASE_URL: "" }, ["--data", capDir]);
      const r = importWithCli({ ...env, DATABASE_URL: "" }, ["--data", capDir]);
      fs.rmSync(capDir, { recursive: true, force: true });
      return r;
    });
    results.push(row("pglite", first, again, raw, capped));
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function row(store: string, first: ReturnType<typeof importWithCli>, again: ReturnType<typeof importWithCli>, rawSeconds: number, capped: ReturnType<typeof importWithCli>) {
  return {
    date: new Date().toISOString(),
    commit,
    dirty,
    machine: `${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`,
    store,
    lines,
    fileMb: Number(sizeMb.toFixed(1)),
    importSeconds: Number(first.seconds.toFixed(1)),
    linesPerSecond: Math.round(lines / first.seconds),
    landed: first.summary.landed,
    rejected: first.summary.rejected,
    customers: first.summary.customersCreated,
    peakRssMb: first.summary.peakRssMb,
    heapCapMb: HEAP_CAP_MB,
    cappedSeconds: Number(capped.seconds.toFixed(1)),
    cappedPeakRssMb: capped.summary.peakRssMb,
    reimportSeconds: Number(again.seconds.toFixed(1)),
    reimportUnchanged: again.summary.unchanged,
    rawCopySeconds: Number(rawSeconds.toFixed(1)),
    rawCopyLinesPerSecond: Math.round(lines / rawSeconds),
  };
}

fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.appendFileSync(path.join(root, "bench", "results", "import.jsonl"), results.map((r) => JSON.stringify(r)).join("\n") + "\n");
console.table(results.map(({ date, machine, ...r }) => r));
