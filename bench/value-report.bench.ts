/**
 * The full value report (`retain report value --json`) on a million customers and ten million
 * order lines, on PostgreSQL and on PGlite, from the maintained aggregates; checked against,
 * and timed beside, one DuckDB statement computing the same monetary deciles straight from
 * the order lines. Targets: at most 10 s on PostgreSQL and 30 s on PGlite for the default
 * report (as of the end of the data's last complete month, 12 months, by net sales).
 *
 *   node --import tsx bench/value-report.bench.ts [--customers 1000000] [--seed 7]
 *     [--stores postgres,pglite] [--cases sales,margin,mid-month] [--runs 3] [--warmup 1]
 *     [--explain sales|all|none] [--profile] [--results FILE]
 *
 * Data: bench/generate-order-lines.ts, loaded once per store as an orders import writes it,
 * with the aggregates rebuilt by the store's own code, then checked (the first 1,000
 * customers again through the import itself, into a fresh store: the same lines and
 * aggregates), and kept in bench/out/value-report/ (PostgreSQL's data folder and PGlite's),
 * so a later run with the same data version, customers and seed skips the load; a kept store
 * whose schema is older is migrated as the product migrates a store it opens (timed), then
 * checked again against the import and checksummed. PostgreSQL
 * 15 runs from the machine's binaries on that folder (fsync off), for this run only; it is
 * VACUUM ANALYZEd after the load, as autovacuum would; PGlite's tables are analyzed as a
 * large import analyzes them (analyzeAggregates; it has no autovacuum).
 *
 * Each case runs in a child process per store (bench/value-report.child.ts): `--warmup`
 * untimed reports, then `--runs` timed ones (the median is reported), its peak RSS, heap
 * and array buffers, and a breakdown run that times every SQL statement (and, per
 * `--explain`, EXPLAINs them). The order lines are exported once (CSV, then Parquet) and
 * DuckDB computes each case's deciles from them in a child of its own; the benchmark fails
 * when a decile's customers or sums differ from the report's. Results: one JSON line per
 * store and case in bench/results/value-report.jsonl (or --results FILE).
 */
import { fork, spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { parseArgs } from "node:util";
import { sql, type Kysely } from "kysely";
import pg from "pg";
import { to as copyTo } from "pg-copy-streams";
import type { ValueMeasure } from "../src/analytics/value/report.ts";
import type { StoreConfig } from "../src/config.ts";
import { analyzeAggregates } from "../src/store/aggregates.ts";
import { MEMORY, openStore } from "../src/store/connect.ts";
import { migrateToLatest } from "../src/store/migrate.ts";
import type { Database } from "../src/store/schema.ts";
import { endOfPreviousMonth, windowStart } from "../src/value/value-report.service.ts";
import { startPostgres } from "./pg-server.ts";
import { DATA_VERSION, END, importThroughProduct, loadOrderHistory, MONTHS, type LoadSummary } from "./generate-order-lines.ts";
import type { ChildResult, ChildSpec, DecileRow } from "./value-report.child.ts";
import { csvToParquet, LINE_COLUMNS, openDuckDB } from "./value-report.duckdb.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "7" },
    stores: { type: "string", default: "postgres,pglite" },
    cases: { type: "string", default: "sales,margin,mid-month" },
    runs: { type: "string", default: "3" },
    warmup: { type: "string", default: "1" },
    explain: { type: "string", default: "sales" },
    profile: { type: "boolean", default: false },
    results: { type: "string", default: path.join(import.meta.dirname, "results", "value-report.jsonl") },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const runs = Number(values.runs);
const warmup = Number(values.warmup);
const stores = values.stores!.split(",").map((s) => s.trim()) as Array<"postgres" | "pglite">;
if (!Number.isSafeInteger(customers) || customers < 1000) fail(`--customers must be a whole number ≥ 1000 (got "${values.customers}").`);
if (!Number.isSafeInteger(seed)) fail(`--seed must be a whole number (got "${values.seed}").`);
if (!Number.isSafeInteger(runs) || runs < 1 || !Number.isSafeInteger(warmup) || warmup < 0) fail("--runs must be ≥ 1 and --warmup ≥ 0.");
if (stores.some((s) => s !== "postgres" && s !== "pglite")) fail(`--stores takes postgres and pglite (got "${values.stores}").`);
if (!["sales", "all", "none"].includes(values.explain!)) fail(`--explain is sales, all or none (got "${values.explain}").`);

/** The report as of the end of the data's last complete month, and one inside a month. */
const AS_OF = endOfPreviousMonth(END);
const MID_MONTH = `${AS_OF.slice(0, 8)}15`;
const WINDOW = "12m";
interface Case { name: string; asOf: string; by: ValueMeasure; what: string; target: boolean }
const CASES: Case[] = [
  { name: "sales", asOf: AS_OF, by: "sales", what: `as of ${AS_OF}, ${WINDOW}, by net sales (whole months: aggregates only)`, target: true },
  { name: "margin", asOf: AS_OF, by: "margin", what: `as of ${AS_OF}, ${WINDOW}, by margin`, target: false },
  { name: "mid-month", asOf: MID_MONTH, by: "sales", what: `as of ${MID_MONTH}, ${WINDOW}, by net sales (cut months read from order lines)`, target: false },
];
const cases = values.cases!.split(",").map((n) => CASES.find((c) => c.name === n.trim()) ?? fail(`Unknown case "${n}"; there are: ${CASES.map((c) => c.name).join(", ")}.`));
const TARGET_SECONDS = { postgres: 10, pglite: 30 } as const;
// DuckDB's client is installed for this benchmark only: say so before any loading.
try {
  (await openDuckDB()).closeSync();
} catch (e) {
  fail((e as Error).message);
}

const root = path.resolve(import.meta.dirname, "..");
const OUT = path.join(root, "bench", "out", "value-report");
const MARK = `retain bench value-report: data v${DATA_VERSION}, customers=${customers}, seed=${seed}, end=${END}, months=${MONTHS}`;
/** Customers loaded again through the product's import to check the bulk load. */
const CHECK_CUSTOMERS = 1000;
fs.mkdirSync(OUT, { recursive: true });

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}
const round = (x: number, digits = 2) => Math.round(x * 10 ** digits) / 10 ** digits;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)]!;
const log = (s: string) => console.log(`> ${s}`);

// ---------------------------------------------------------------------------------------
// The stores: loaded once, checked, kept.

interface StoreInfo {
  mark: string;
  loadedAt: string;
  load: LoadSummary & { seconds: number; vacuumSeconds: number | null };
  check: { customers: number; monthRows: number; lines: number };
  /** Order-independent checksum of customer_month_aggregates, to compare the two stores. */
  checksum: { rows: number; sum: string };
  /** When the tables were last analyzed as a large import analyzes them (analyzeAggregates). */
  analyzedAt?: string;
  /** The store's last migration when it was checked, and the migrations run on the kept store since its load. */
  schema?: string;
  migrations?: Array<{ name: string; seconds: number; at: string }>;
}

// Month money is bigint micro-units (store/aggregates.ts); items stay numeric.
const MONTH_ROW = sql`concat_ws('|', customer_id, month, orders, purchase_days, lines, trim_scale(items), gross, discount,
  sales, returns, trim_scale(returned_items), cost, costed_net_sales, first_day_sales, is_first_month, first_purchase, last_purchase)`;

/** The store's last migration. */
async function schemaOf(db: Kysely<Database>): Promise<string> {
  return (await sql<{ name: string }>`select max(name) as name from retain_migration`.execute(db)).rows[0]!.name;
}

async function checksum(db: Kysely<Database>): Promise<StoreInfo["checksum"]> {
  const r = await sql<{ rows: number; sum: string }>`
    select count(*)::int as rows, coalesce(sum(('x' || substr(md5(${MONTH_ROW}), 1, 15))::bit(60)::bigint), 0)::text as sum
    from customer_month_aggregates`.execute(db);
  return r.rows[0]!;
}

/**
 * The first customers again, through the product's import into a fresh in-memory store: their
 * order lines (money as stored) and month aggregates must be the bulk load's, by external id.
 */
async function checkAgainstImport(db: Kysely<Database>): Promise<StoreInfo["check"]> {
  const fresh = await openStore({ kind: "pglite", dataDir: MEMORY });
  try {
    await importThroughProduct(fresh.db, { customers: CHECK_CUSTOMERS, seed });
    const lastRef = (await sql<{ r: string }>`select max(external_id) as r from customers`.execute(fresh.db)).rows[0]!.r;
    const months = (d: Kysely<Database>) => sql<Record<string, unknown>>`
      select c.external_id, ${MONTH_ROW} as r from customer_month_aggregates m join customers c using (customer_id)
      where c.external_id <= ${lastRef} order by c.external_id, m.month`.execute(d);
    const lines = (d: Kysely<Database>) => sql<Record<string, unknown>>`
      select c.external_id, o.order_no, l.line_no, l.order_date::text, trim_scale(l.quantity)::text as q, trim_scale(l.amount)::text as a,
        trim_scale(l.base_amount)::text as ba, trim_scale(l.base_discount)::text as bd, trim_scale(l.base_cost)::text as bc, l.is_return, o.fx_rate::text as fx
      from order_lines l join orders o using (customer_id, order_id) join customers c on c.customer_id = l.customer_id
      where c.external_id <= ${lastRef} order by 1, 2, 3`.execute(d);
    const [m1, m2, l1, l2] = [await months(db), await months(fresh.db), await lines(db), await lines(fresh.db)];
    const same = (a: { rows: unknown[] }, b: { rows: unknown[] }) => JSON.stringify(a.rows) === JSON.stringify(b.rows);
    if (!same(m1, m2) || !same(l1, l2) || m1.rows.length === 0) {
      throw new Error(`The bulk load differs from the product's import for the first ${CHECK_CUSTOMERS} customers ` +
        `(month rows ${m1.rows.length} vs ${m2.rows.length}, lines ${l1.rows.length} vs ${l2.rows.length}).`);
    }
    return { customers: CHECK_CUSTOMERS, monthRows: m1.rows.length, lines: l1.rows.length };
  } finally {
    await fresh.close();
  }
}

/** Opens a store; loads it unless it holds this benchmark's data already. */
async function ensureStore(kind: "postgres" | "pglite", config: StoreConfig, reset: () => Promise<void>): Promise<StoreInfo> {
  const infoFile = path.join(OUT, `${kind}.json`);
  let store = await openStore(config, { migrate: false });
  const mark = async () => {
    try {
      return (await sql<{ c: string | null }>`select obj_description('order_lines'::regclass, 'pg_class') as c`.execute(store.db)).rows[0]!.c;
    } catch {
      return null; // an empty store: no tables yet
    }
  };
  const known = fs.existsSync(infoFile) ? (JSON.parse(fs.readFileSync(infoFile, "utf8")) as StoreInfo) : null;
  if ((await mark()) === MARK && known?.mark === MARK) {
    try {
      // A kept store of an older schema is migrated as opening it in the product would (not part of the measurement).
      const t = performance.now();
      const ran = await migrateToLatest(store.db);
      if (ran.length > 0) {
        const seconds = (performance.now() - t) / 1000;
        log(`${kind}: migrated the kept store in ${round(seconds, 1)} s (${ran.map((r) => r.migrationName).join(", ")})`);
        known.migrations = [...(known.migrations ?? []), ...ran.map((r) => ({ name: r.migrationName, seconds: round(seconds, 1), at: new Date().toISOString() }))];
      }
      // A store loaded before imports analyzed their tables is brought to what one does now.
      if (!known.analyzedAt) {
        await analyzeAggregates(store.db);
        known.analyzedAt = new Date().toISOString();
      }
      const schema = await schemaOf(store.db);
      if (known.schema !== schema) {
        log(`${kind}: checking the migrated store against the import`);
        known.check = await checkAgainstImport(store.db);
        known.checksum = await checksum(store.db);
        known.schema = schema;
      }
      fs.writeFileSync(infoFile, `${JSON.stringify(known, null, 2)}\n`);
    } finally {
      await store.close();
    }
    log(`${kind}: reusing the loaded store (${MARK})`);
    return known;
  }
  await store.close();
  await reset();
  store = await openStore(config);
  try {
    log(`${kind}: loading ${customers.toLocaleString("en")} customers and their orders (reported apart; not part of the measurement)`);
    const t0 = performance.now();
    const load = await loadOrderHistory(store.db, {
      customers, seed,
      progress: (done, lines) => done > 0 && done % 100_000 === 0 && log(`  ${done.toLocaleString("en")} customers, ${lines.toLocaleString("en")} lines, ${round((performance.now() - t0) / 1000, 0)} s`),
    });
    let vacuumSeconds: number | null = null;
    if (kind === "postgres") {
      const t = performance.now();
      await sql`vacuum (analyze)`.execute(store.db);
      vacuumSeconds = (performance.now() - t) / 1000;
    }
    const seconds = (performance.now() - t0) / 1000;
    log(`${kind}: loaded ${load.lines.toLocaleString("en")} lines in ${round(seconds, 0)} s (COPY ${round(load.copySeconds, 0)} s, aggregates ${round(load.aggregateSeconds, 0)} s, indexes ${round(load.indexSeconds, 0)} s${vacuumSeconds === null ? "" : `, vacuum analyze ${round(vacuumSeconds, 0)} s`}); checking against the import`);
    const check = await checkAgainstImport(store.db);
    const info: StoreInfo = {
      mark: MARK, loadedAt: new Date().toISOString(), load: { ...load, seconds, vacuumSeconds }, check, checksum: await checksum(store.db),
      analyzedAt: new Date().toISOString(), schema: await schemaOf(store.db),
    };
    await sql.raw(`comment on table order_lines is '${MARK}'`).execute(store.db);
    fs.writeFileSync(infoFile, `${JSON.stringify(info, null, 2)}\n`);
    log(`${kind}: the first ${check.customers} customers' ${check.lines} lines and ${check.monthRows} month aggregates are the import's`);
    return info;
  } finally {
    await store.close();
  }
}

// ---------------------------------------------------------------------------------------
// The order lines for DuckDB, exported once.

const CSV = path.join(OUT, "order-lines.csv");
const PARQUET = path.join(OUT, "order-lines.parquet");
const EXPORT_INFO = path.join(OUT, "export.json");

async function ensureExport(pgUrl: string | null, pgliteDir: string | null): Promise<{ seconds: number; csvMb: number; parquetMb: number }> {
  const known = fs.existsSync(EXPORT_INFO) ? JSON.parse(fs.readFileSync(EXPORT_INFO, "utf8")) : null;
  if (known?.mark === MARK && fs.existsSync(CSV) && fs.existsSync(PARQUET)) return known;
  const select = `select ${LINE_COLUMNS.map(([c]) => c).join(", ")} from order_lines`;
  const t0 = performance.now();
  if (pgUrl) {
    const client = new pg.Client({ connectionString: pgUrl });
    await client.connect();
    await pipeline(client.query(copyTo(`copy (${select}) to stdout with (format csv, header true)`)), fs.createWriteStream(CSV));
    await client.end();
  } else {
    // PGlite hands COPY TO output back as one blob: a range of customers at a time.
    const { PGlite } = await import("@electric-sql/pglite");
    const db = await PGlite.create({ dataDir: pgliteDir! });
    const out = fs.openSync(CSV, "w");
    fs.writeSync(out, `${LINE_COLUMNS.map(([c]) => c).join(",")}\n`);
    for (let from = 0; from < customers; from += 100_000) {
      const res = await db.query(`copy (${select} where customer_id > ${from} and customer_id <= ${from + 100_000}) to '/dev/blob' with (format csv)`);
      fs.writeSync(out, Buffer.from(await res.blob!.arrayBuffer()));
    }
    fs.closeSync(out);
    await db.close();
  }
  await csvToParquet(CSV, PARQUET);
  const info = { mark: MARK, seconds: round((performance.now() - t0) / 1000, 1), csvMb: round(fs.statSync(CSV).size / 1e6, 0), parquetMb: round(fs.statSync(PARQUET).size / 1e6, 0) };
  fs.writeFileSync(EXPORT_INFO, `${JSON.stringify(info, null, 2)}\n`);
  return info;
}

// ---------------------------------------------------------------------------------------
// Measuring: a child process per store and case.

/** Machine-wide CPU busy share (0–100) over one second: other work skews every number. */
function busyNow(): Promise<number> {
  const snap = () => os.cpus().reduce((s, c) => {
    const t = c.times;
    return { busy: s.busy + t.user + t.nice + t.sys + t.irq, total: s.total + t.user + t.nice + t.sys + t.irq + t.idle };
  }, { busy: 0, total: 0 });
  const a = snap();
  return new Promise((resolve) => setTimeout(() => {
    const b = snap();
    resolve(Math.round((100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total)));
  }, 1000));
}

async function waitForQuiet(maxSeconds: number): Promise<number> {
  let busy = await busyNow();
  for (let t = 1; t < maxSeconds && busy > 10; t++) busy = await busyNow();
  return busy;
}

/** Runs one child; its peak V8 heap is read from its --trace-gc lines (the largest heap at a collection). */
async function runChild(spec: ChildSpec): Promise<ChildResult & { peakHeapMb: number }> {
  const profileDir = path.join(OUT, "profiles");
  const execArgv = ["--import", "tsx", "--trace-gc", ...(values.profile ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : [])];
  const child = fork(path.join(root, "bench", "value-report.child.ts"), [JSON.stringify(spec)], { execArgv, stdio: ["ignore", "pipe", "inherit", "ipc"] });
  let peakHeapMb = 0;
  let pending = "";
  child.stdout!.on("data", (chunk: Buffer) => {
    const text = pending + chunk.toString("utf8");
    const lines = text.split("\n");
    pending = lines.pop()!;
    for (const line of lines) {
      const m = /([\d.]+) \(([\d.]+)\) -> ([\d.]+) \(([\d.]+)\) MB/.exec(line);
      if (m) peakHeapMb = Math.max(peakHeapMb, Number(m[1]));
      else if (line.trim()) console.log(line);
    }
  });
  return new Promise((resolve, reject) => {
    let result: ChildResult | undefined;
    child.on("message", (m) => (result = m as ChildResult));
    child.on("exit", (code) => (result && code === 0 ? resolve({ ...result, peakHeapMb: Math.round(peakHeapMb) }) : reject(new Error(`the measuring process exited with ${code}`))));
  });
}

function sameDeciles(a: DecileRow[], b: DecileRow[]): string | null {
  if (a.length !== b.length) return `${a.length} deciles vs ${b.length}`;
  for (let k = 0; k < a.length; k++) {
    const [x, y] = [a[k]!, b[k]!];
    if (x.decile !== y.decile || x.customers !== y.customers || x.netSales !== y.netSales || x.margin !== y.margin) {
      return `decile ${x.decile}: ${x.customers} customers, net sales ${x.netSales}, margin ${x.margin} vs DuckDB's ${y.customers}, ${y.netSales}, ${y.margin}`;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------
// The run.

const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || null;
const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).stdout.trim() !== "";
const machine = { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), cpuModel: os.cpus()[0]?.model ?? null };

const pgServer = stores.includes("postgres") ? await startPostgres(path.join(OUT, "pg")) : null;
const pgUrl = pgServer ? pgServer.url.replace(/\/postgres$/, "/retain_value") : null;
const pgliteDir = path.join(OUT, "pglite");
const configs: Record<"postgres" | "pglite", StoreConfig> = {
  postgres: { kind: "postgres", url: pgUrl ?? "" },
  pglite: { kind: "pglite", dataDir: pgliteDir },
};
/** Runs a statement on the server's maintenance database. */
async function admin(statement: string) {
  const client = new pg.Client({ connectionString: pgServer!.url });
  await client.connect();
  try {
    return await client.query(statement);
  } finally {
    await client.end();
  }
}
const infos: Partial<Record<"postgres" | "pglite", StoreInfo>> = {};
const results: Array<Record<string, unknown>> = [];
const RESULTS = path.resolve(values.results!);
fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
/** Each row is written as soon as it is measured: an interrupted run keeps what it measured. */
const record = (row: Record<string, unknown>) => {
  results.push(row);
  fs.appendFileSync(RESULTS, `${JSON.stringify(row)}\n`);
};
const mismatches: string[] = [];
try {
  if (pgServer && (await admin("select 1 from pg_database where datname = 'retain_value'")).rowCount === 0) await admin("create database retain_value");
  for (const kind of stores) {
    infos[kind] = await ensureStore(kind, configs[kind], async () => {
      if (kind === "pglite") return fs.rmSync(pgliteDir, { recursive: true, force: true });
      await admin("drop database if exists retain_value");
      await admin("create database retain_value");
    });
  }
  if (infos.postgres && infos.pglite && JSON.stringify(infos.postgres.checksum) !== JSON.stringify(infos.pglite.checksum)) {
    mismatches.push(`The two stores' month aggregates differ: ${JSON.stringify(infos.postgres.checksum)} vs ${JSON.stringify(infos.pglite.checksum)}.`);
  }
  const data = infos.postgres ?? infos.pglite!;
  const exported = await ensureExport(pgUrl, infos.postgres ? null : pgliteDir);
  log(`order lines exported for DuckDB: ${exported.csvMb} MB CSV, ${exported.parquetMb} MB Parquet (${exported.seconds} s, once)`);

  const base = {
    commit, dirty, machine, customers: data.load.customers, orders: data.load.orders, lines: data.load.lines, window: WINDOW, warmup, runs,
  };
  for (const c of cases) {
    const from = windowStart(c.asOf, WINDOW);
    const duck: Record<string, ChildResult & { peakHeapMb: number; busy: number }> = {};
    for (const [label, file] of (c.name === "sales" ? [["parquet", PARQUET], ["csv", CSV]] : [["parquet", PARQUET]]) as Array<[string, string]>) {
      const busy = await waitForQuiet(30);
      log(`${c.name}: DuckDB over the ${label} export…`);
      duck[label] = { ...(await runChild({ mode: "duckdb", file, from, to: c.asOf, by: c.by, warmup, runs })), busy };
      record({
        date: new Date().toISOString(), ...base, store: `duckdb-${label}`, engine: duck[label]!.engine, case: c.name, asOf: c.asOf, by: c.by,
        seconds: duck[label]!.seconds.map((s) => round(s, 3)), medianSeconds: round(median(duck[label]!.seconds), 3),
        memory: { ...duck[label]!.memory, peakHeapMb: duck[label]!.peakHeapMb }, backgroundBusyPct: busy,
      });
    }
    for (const kind of stores) {
      const busy = await waitForQuiet(30);
      log(`${c.name}: ${kind}, ${c.what}…`);
      const explain = values.explain === "all" || (values.explain === "sales" && c.name === "sales") ? path.join(OUT, `plans-${kind}-${c.name}.txt`) : undefined;
      const r = await runChild({ mode: "report", store: configs[kind], asOf: c.asOf, window: WINDOW, by: c.by, warmup, runs, explain });
      const differs = sameDeciles(r.deciles, duck.parquet!.deciles);
      if (differs) mismatches.push(`${kind}, ${c.name}: ${differs}`);
      const seconds = median(r.seconds);
      record({
        date: new Date().toISOString(), ...base, store: kind, engine: r.engine, case: c.name, asOf: c.asOf, by: c.by,
        seconds: r.seconds.map((s) => round(s, 3)), medianSeconds: round(seconds, 3),
        memory: { ...r.memory, peakHeapMb: r.peakHeapMb, serverPeakRssMb: r.serverPeakRssMb ?? null }, jsonBytes: r.jsonBytes,
        breakdown: r.breakdown && {
          ...r.breakdown, totalSeconds: round(r.breakdown.totalSeconds, 3), sqlSeconds: round(r.breakdown.sqlSeconds, 3),
          jsSeconds: round(r.breakdown.jsSeconds, 3), jsonSeconds: round(r.breakdown.jsonSeconds, 3),
        },
        duckdbSeconds: round(median(duck.parquet!.seconds), 3), decilesMatchDuckdb: differs === null,
        target: c.target ? TARGET_SECONDS[kind] : null, pass: c.target ? seconds <= TARGET_SECONDS[kind] : null,
        backgroundBusyPct: busy, load: infos[kind]!.load, loadCheck: infos[kind]!.check,
      });
      log(`${c.name}: ${kind} median ${round(seconds, 2)} s, peak RSS ${r.memory.peakRssMb} MB; deciles ${differs ? "DIFFER from" : "equal"} DuckDB's`);
    }
  }
} finally {
  pgServer?.stop();
}

console.log(`\n${customers.toLocaleString("en")} customers; ${machine.cpus} cores, ${machine.memoryGiB} GiB; ${commit}${dirty ? " (uncommitted changes)" : ""}`);
console.table(results.map((r) => ({
  case: r.case, store: r.store, "median s": r.medianSeconds, runs: (r.seconds as number[]).join(" / "),
  "peak RSS MB": (r.memory as { peakRssMb: number }).peakRssMb, "peak heap MB": (r.memory as { peakHeapMb: number }).peakHeapMb,
  "DuckDB s": r.duckdbSeconds ?? "", target: r.target ? `${r.pass ? "PASS" : "FAIL"} (≤ ${r.target} s)` : "",
  "= DuckDB": r.decilesMatchDuckdb === undefined ? "" : r.decilesMatchDuckdb ? "yes" : "NO",
})));
if (mismatches.length > 0) {
  console.error(`\nFAILED: the report and the independent computation disagree:\n${mismatches.map((m) => `  - ${m}`).join("\n")}`);
  process.exit(1);
}
