/**
 * One measurement of the value-report benchmark, in a process of its own so that its memory
 * is its own. bench/value-report.bench.ts forks it with a JSON spec as its argument; it
 * sends one result on the IPC channel and exits.
 *
 * - report: opens the store and computes the value report as `retain report value --json`
 *   does (buildValueReport, valueReportJson, the JSON text), `warmup` times untimed, then
 *   `runs` times timed. Then once more with every SQL statement timed by Kysely's query log
 *   (what the client waited for, rows' transfer and conversion included); with `explain`,
 *   each of those statements again under EXPLAIN (ANALYZE, BUFFERS) for the engine's own
 *   time, the plans written to that file.
 * - duckdb: the same monetary deciles in one DuckDB statement over the exported order lines.
 */
import fs from "node:fs";
import path from "node:path";
import { CompiledQuery, sql, type CompiledQuery as Compiled, type LogEvent } from "kysely";
import type { ValueMeasure } from "../src/analytics/value/report.ts";
import type { StoreConfig } from "../src/config.ts";
import { openStore } from "../src/store/connect.ts";
import { buildValueReport, microsText, valueReportJson } from "../src/value/value-report.service.ts";
import { decilesSql, openDuckDB } from "./value-report.duckdb.ts";

export type ChildSpec =
  | { mode: "report"; store: StoreConfig; asOf: string; window: string; by: ValueMeasure; warmup: number; runs: number; explain?: string }
  | { mode: "duckdb"; file: string; from: string; to: string; by: ValueMeasure; warmup: number; runs: number };

/** One decile as both sides give it: money as exact decimal strings. */
export interface DecileRow {
  decile: number;
  customers: number;
  netSales: string;
  margin: string;
}

export interface ChildResult {
  seconds: number[];
  deciles: DecileRow[];
  engine: string;
  memory: { peakRssMb: number; peakHeapUsedMb: number; peakArrayBuffersMb: number };
  /** report only */
  jsonBytes?: number;
  breakdown?: Breakdown;
  serverPeakRssMb?: number | null;
}

export interface Breakdown {
  /** The whole report, then the part spent inside SQL statements (their intervals' union) and the rest. */
  totalSeconds: number;
  sqlSeconds: number;
  jsSeconds: number;
  jsonSeconds: number;
  statements: Array<{ sql: string; stream: boolean; startSeconds: number; seconds: number; engineSeconds?: number }>;
}

const spec = JSON.parse(process.argv[2]!) as ChildSpec;
const mb = (bytes: number) => Math.round(bytes / 1e6);

// Sampled every 10 ms while the event loop is free (peak RSS comes from the kernel instead).
const peaks = { heapUsed: 0, arrayBuffers: 0 };
const sample = () => {
  const m = process.memoryUsage();
  peaks.heapUsed = Math.max(peaks.heapUsed, m.heapUsed);
  peaks.arrayBuffers = Math.max(peaks.arrayBuffers, m.arrayBuffers);
};
setInterval(sample, 10).unref();

function memory(): ChildResult["memory"] {
  sample();
  return { peakRssMb: mb(process.resourceUsage().maxRSS * 1024), peakHeapUsedMb: mb(peaks.heapUsed), peakArrayBuffersMb: mb(peaks.arrayBuffers) };
}

const result = spec.mode === "report" ? await report(spec) : await duckdb(spec);
process.send!(result, () => process.exit(0));

async function report(s: Extract<ChildSpec, { mode: "report" }>): Promise<ChildResult> {
  let recording: Array<{ query: Compiled; stream: boolean; end: number; ms: number }> | null = null;
  const log = (e: LogEvent) => {
    if (recording && e.level === "query") recording.push({ query: e.query, stream: e.isStream === true, end: performance.now(), ms: e.queryDurationMillis });
  };
  const store = await openStore(s.store, { log });
  const db = store.db;
  const version = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v;
  const engine = s.store.kind === "postgres" ? `PostgreSQL ${version}` : `PGlite ${pgliteVersion()} (PostgreSQL ${version})`;
  const options = { asOf: s.asOf, window: s.window, by: s.by };
  const once = async () => {
    const t0 = performance.now();
    const r = await buildValueReport(db, options);
    const t1 = performance.now();
    const json = valueReportJson(r);
    const text = JSON.stringify(json, null, 2);
    const t2 = performance.now();
    return { json: json as { deciles: Array<{ group: number; customers: number; sums: Record<string, { sum: string }> }> }, text, t0, t1, t2 };
  };
  for (let k = 0; k < s.warmup; k++) await once();
  const seconds: number[] = [];
  let last!: Awaited<ReturnType<typeof once>>;
  for (let k = 0; k < s.runs; k++) {
    last = await once();
    seconds.push((last.t2 - last.t0) / 1000);
  }
  const mem = memory();

  // The breakdown run: statements' intervals from the query log.
  recording = [];
  const b = await once();
  const statements = recording.map((q) => ({ ...q, start: q.end - q.ms }));
  recording = null;
  statements.sort((x, y) => x.start - y.start);
  let sqlMs = 0;
  let reach = b.t0;
  for (const q of statements) {
    const from = Math.max(q.start, reach);
    if (q.end > from) sqlMs += q.end - from;
    reach = Math.max(reach, q.end);
  }
  const breakdown: Breakdown = {
    totalSeconds: (b.t2 - b.t0) / 1000,
    sqlSeconds: sqlMs / 1000,
    jsSeconds: (b.t1 - b.t0 - sqlMs) / 1000,
    jsonSeconds: (b.t2 - b.t1) / 1000,
    statements: statements.map((q) => ({ sql: q.query.sql.replace(/\s+/g, " ").slice(0, 160), stream: q.stream, startSeconds: (q.start - b.t0) / 1000, seconds: q.ms / 1000 })),
  };
  if (s.explain) {
    const plans: string[] = [];
    for (const [k, q] of statements.entries()) {
      if (!/^\s*(select|with)\b/i.test(q.query.sql)) continue; // begin, commit
      const res = await db.executeQuery<Record<string, string>>(CompiledQuery.raw(`explain (analyze, buffers) ${q.query.sql}`, [...q.query.parameters]));
      const plan = res.rows.map((r) => Object.values(r)[0]).join("\n");
      const m = /Execution Time: ([\d.]+) ms/.exec(plan);
      if (m) breakdown.statements[k]!.engineSeconds = Number(m[1]) / 1000;
      plans.push(`-- statement ${k + 1}${q.stream ? " (streamed through a cursor)" : ""}, client ${(q.ms / 1000).toFixed(2)} s\n${q.query.sql}\n-- parameters: ${JSON.stringify(q.query.parameters)}\n${plan}\n`);
    }
    fs.writeFileSync(s.explain, plans.join("\n"));
  }

  // The server's backends serving this database: their peak RSS (shared buffers they touched included).
  let serverPeakRssMb: number | null = null;
  if (s.store.kind === "postgres") {
    const pids = await sql<{ pid: number }>`select pid from pg_stat_activity where datname = current_database()`.execute(db);
    for (const { pid } of pids.rows) {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
        if (hwm) serverPeakRssMb = Math.max(serverPeakRssMb ?? 0, mb(Number(hwm[1]) * 1024));
      } catch {
        // Another machine's server, or the backend is gone: not known.
      }
    }
  }
  await store.close();
  return {
    seconds,
    deciles: last.json.deciles.map((d) => ({ decile: d.group, customers: d.customers, netSales: d.sums.netSales!.sum, margin: d.sums.margin!.sum })),
    engine,
    memory: mem,
    jsonBytes: Buffer.byteLength(last.text),
    breakdown,
    serverPeakRssMb,
  };
}

function pgliteVersion(): string {
  const file = path.join(import.meta.dirname, "..", "node_modules", "@electric-sql", "pglite", "package.json");
  return (JSON.parse(fs.readFileSync(file, "utf8")) as { version: string }).version;
}

async function duckdb(s: Extract<ChildSpec, { mode: "duckdb" }>): Promise<ChildResult> {
  const instance = await openDuckDB();
  const con = await instance.connect();
  const engine = `DuckDB ${String((await con.runAndReadAll("select version() as v")).getRowObjects()[0]!.v)}`;
  const statement = decilesSql(s);
  const once = async () => {
    const t0 = performance.now();
    const rows = (await con.runAndReadAll(statement)).getRowObjects();
    return { rows, seconds: (performance.now() - t0) / 1000 };
  };
  for (let k = 0; k < s.warmup; k++) await once();
  const seconds: number[] = [];
  let last!: Awaited<ReturnType<typeof once>>;
  for (let k = 0; k < s.runs; k++) {
    last = await once();
    seconds.push(last.seconds);
  }
  const mem = memory();
  con.closeSync();
  instance.closeSync();
  return {
    seconds,
    deciles: last.rows.map((r) => ({
      decile: Number(r.decile), customers: Number(r.customers), netSales: microsText(BigInt(r.net_sales as bigint)), margin: microsText(BigInt(r.margin as bigint)),
    })),
    engine,
    memory: mem,
  };
}
