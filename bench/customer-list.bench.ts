/**
 * The customer list under load: `GET /api/customers` over a million customers on
 * PostgreSQL, first pages and walks that follow `nextCursor` deep into the list, under
 * each sort, with filters, and as an agent scoped to their team's book. The target is a
 * p95 response time under 150 ms per scenario; this reports it, it does not fail a build.
 *
 *   node --import tsx bench/customer-list.bench.ts [--customers 1000000] [--duration 15]
 *     [--warmup 3] [--connections 10] [--server child|inprocess] [--scenarios a,b] [--seed 7]
 *
 * Without DATABASE_URL a throwaway PostgreSQL 15 is started (scripts/pg-throwaway.js,
 * fsync off) and dropped at the end. With DATABASE_URL the store must be empty, or hold a
 * load this benchmark made with the same --customers and --seed (then it is reused and
 * the load is skipped: handy when iterating on a query).
 *
 * Load: bench/generate-customers.ts, with COPY; its time is reported apart from the runs.
 * Server: buildApp in a child process by default (--server child), so the load generator
 * (autocannon, in this process) does not share the server's event loop; `inprocess` runs
 * both on one event loop, which inflates latency on a small machine. Each scenario runs
 * `--warmup` seconds (discarded), then `--duration` seconds with `--connections` keep-alive
 * connections. Every request is timed by autocannon; p50/p95/p99 are computed from all of
 * them. Before each scenario the benchmark waits (up to 60 s) for the machine to go quiet and
 * records how busy it still was (`backgroundBusyPct`): on a small machine, anything else
 * running (another benchmark, a test suite) changes every number. Results: one JSON line
 * per scenario in bench/results/customer-list.jsonl.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import autocannon from "autocannon";
import { sql, type Kysely } from "kysely";
import { addUser } from "../src/accounts/accounts.service.ts";
import { createToken } from "../src/accounts/tokens.repository.ts";
import { personName } from "../src/demo/identity.ts";
import { Rng } from "../src/demo/rng.ts";
import { buildApp } from "../src/http/app.ts";
import { encodeCursor } from "../src/http/schemas.ts";
import { openStore } from "../src/store/connect.ts";
import type { Database } from "../src/store/schema.ts";
import { startThrowawayPostgres } from "../scripts/pg-throwaway.js";
import { AGENTS_PER_TEAM, END, loadCustomers, TEAMS, type Team } from "./generate-customers.ts";

const { values } = parseArgs({
  options: {
    customers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "7" },
    duration: { type: "string", default: "15" },
    warmup: { type: "string", default: "3" },
    connections: { type: "string", default: "10" },
    server: { type: "string", default: "child" },
    scenarios: { type: "string" },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
const duration = Number(values.duration);
const warmup = Number(values.warmup);
const connections = Number(values.connections);
const serverMode = values.server;
const only = values.scenarios?.split(",").map((s) => s.trim());
if (!Number.isSafeInteger(customers) || customers < 1) fail(`--customers must be a whole number ≥ 1 (got "${values.customers}").`);
if (!Number.isSafeInteger(seed)) fail(`--seed must be a whole number (got "${values.seed}").`);
if (!(duration > 0) || !(warmup >= 0)) fail("--duration must be > 0 and --warmup ≥ 0 (seconds).");
if (!Number.isSafeInteger(connections) || connections < 1) fail(`--connections must be a whole number ≥ 1 (got "${values.connections}").`);
if (serverMode !== "child" && serverMode !== "inprocess") fail(`--server is child or inprocess (got "${serverMode}").`);

const TARGET_P95_MS = 150;
/** Pages one connection walks before it starts a new walk (see runOnce). */
const WALK_PAGES = 1000;
const root = path.resolve(import.meta.dirname, "..");
const MARK = `retain bench customer-list: customers=${customers} seed=${seed}`;
const ACTOR = { userId: null, label: "bench" };

type Sort = "id" | "name" | "sales" | "lastPurchase";
interface Scenario {
  name: string;
  what: string;
  as: "admin" | "agent";
  /** Query string without the cursor. */
  query: string;
  /**
   * none: the same request again and again. first: each connection starts at the first
   * page and follows nextCursor. spread: connection k of n starts k/n of the way through
   * the list (a cursor taken from the store) and follows nextCursor. Either walk restarts
   * at the first page after the last, and a connection starts a new walk after WALK_PAGES.
   */
  walk: "none" | "first" | "spread";
  sort?: { by: Sort; desc: boolean };
}

const SCENARIOS: Scenario[] = [
  { name: "first-page", what: "first page, sort id, limit 50", as: "admin", query: "limit=50", walk: "none" },
  { name: "walk-id", what: "paging by cursor, sort id", as: "admin", query: "limit=50", walk: "spread", sort: { by: "id", desc: false } },
  { name: "walk-name-asc", what: "paging by cursor, sort name asc", as: "admin", query: "limit=50&sort=name&order=asc", walk: "spread", sort: { by: "name", desc: false } },
  { name: "walk-sales-desc", what: "paging by cursor, sort sales desc", as: "admin", query: "limit=50&sort=sales&order=desc", walk: "spread", sort: { by: "sales", desc: true } },
  { name: "walk-lastPurchase-desc", what: "paging by cursor, sort lastPurchase desc", as: "admin", query: "limit=50&sort=lastPurchase&order=desc", walk: "spread", sort: { by: "lastPurchase", desc: true } },
  { name: "filter-state-churned", what: "state=churned, paging from page 1", as: "admin", query: "limit=50&state=churned", walk: "first" },
  { name: "filter-tag-vip", what: "tag=vip, paging from page 1", as: "admin", query: "limit=50&tag=vip", walk: "first" },
  { name: "filter-q-wang", what: "q=王 (commonest surname), paging from page 1", as: "admin", query: `limit=50&q=${encodeURIComponent("王")}`, walk: "first" },
  { name: "filter-lastPurchase-q1", what: "lastPurchase 2026-01-01..2026-03-31, paging from page 1", as: "admin", query: "limit=50&lastPurchaseFrom=2026-01-01&lastPurchaseTo=2026-03-31", walk: "first" },
  { name: "agent-book", what: "as an agent (own team's book), sort id, paging from page 1", as: "agent", query: "limit=50", walk: "first" },
];

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

// ---------------------------------------------------------------------------------------
// The store: a throwaway server or DATABASE_URL; loaded unless it already holds this load.

const pgServer = process.env.DATABASE_URL ? null : await startThrowawayPostgres();
const url = process.env.DATABASE_URL ?? pgServer!.url;
console.log(`> store: ${pgServer ? "throwaway PostgreSQL" : "DATABASE_URL"}`);
const store = await openStore({ kind: "postgres", url });
const db = store.db;
const serverVersion = (await sql<{ v: string }>`select current_setting('server_version') as v`.execute(db)).rows[0]!.v;

const existing = Number((await sql<{ n: number }>`select count(*)::int as n from (select 1 from customers limit 1) t`.execute(db)).rows[0]!.n);
const mark = (await sql<{ c: string | null }>`select obj_description('customers'::regclass, 'pg_class') as c`.execute(db)).rows[0]!.c;
let load: { seconds: number; copySeconds: number; indexSeconds: number; vacuumSeconds: number } | null = null;
let users: { admin: number; agent: { id: number; team: Team }; owners: Record<Team, number[]> };
if (existing > 0) {
  if (mark !== MARK) fail(`The store at DATABASE_URL already has customers (not a load of this benchmark with --customers ${customers} --seed ${seed}); give it an empty database.`);
  console.log(`> reusing the ${customers.toLocaleString("en")} customers already loaded`);
  users = await findUsers(db);
} else {
  users = await createUsers(db);
  console.log(`> loading ${customers.toLocaleString("en")} customers`);
  const t0 = performance.now();
  const phases = await loadCustomers(db, {
    customers, seed, owners: users.owners,
    progress: (done) => done % 200_000 === 0 && done > 0 && console.log(`  ${done.toLocaleString("en")}…`),
  });
  load = { seconds: round((performance.now() - t0) / 1000, 1), copySeconds: round(phases.copySeconds, 1), indexSeconds: round(phases.indexSeconds, 1), vacuumSeconds: round(phases.vacuumSeconds, 1) };
  await sql.raw(`comment on table customers is '${MARK}'`).execute(db);
  console.log(`> loaded in ${load.seconds} s (COPY ${load.copySeconds} s, indexes ${load.indexSeconds} s, vacuum analyze ${load.vacuumSeconds} s)`);
}
const stats = (await sql<{ customers: number; buyers: number; enterprise: number }>`
  select (select count(*)::int from customers) as customers, (select count(*)::int from customer_aggregates) as buyers,
    (select count(*)::int from customers where kind = 'enterprise') as enterprise`.execute(db)).rows[0]!;
console.log(`> ${stats.customers.toLocaleString("en")} customers, ${stats.buyers.toLocaleString("en")} with purchases, ${stats.enterprise.toLocaleString("en")} enterprises`);

const adminToken = (await createToken(db, users.admin, "bench")).token;
const agentToken = (await createToken(db, users.agent.id, "bench")).token;

/** 20 agents in 5 teams own the customers; an admin and one agent run the requests. */
async function createUsers(db: Kysely<Database>) {
  const password = "bench-password-0123";
  const admin = await addUser(db, { email: "admin@bench.example", name: "周建国", role: "admin", password }, ACTOR);
  const owners = Object.fromEntries(TEAMS.map((t) => [t, [] as number[]])) as Record<Team, number[]>;
  let k = 0;
  for (const team of TEAMS) {
    for (let j = 0; j < AGENTS_PER_TEAM; j++, k++) {
      const rng = new Rng(seed, k, 9);
      const u = await addUser(db, {
        email: `agent${String(k + 1).padStart(2, "0")}@bench.example`, name: personName(rng, rng.chance(0.5) ? "female" : "male").name,
        role: "agent", team, password,
      }, ACTOR);
      owners[team].push(u.id);
    }
  }
  return { admin: admin.id, agent: { id: owners[TEAMS[0]][0]!, team: TEAMS[0] }, owners };
}

async function findUsers(db: Kysely<Database>) {
  const rows = await db.selectFrom("users").select(["user_id", "email", "team"]).where("email", "like", "%@bench.example").orderBy("email").execute();
  const admin = rows.find((r) => r.email === "admin@bench.example");
  const agents = rows.filter((r) => r.email.startsWith("agent"));
  if (!admin || agents.length === 0) fail("The loaded store lacks the benchmark's users.");
  const owners = Object.fromEntries(TEAMS.map((t) => [t, agents.filter((a) => a.team === t).map((a) => a.user_id)])) as Record<Team, number[]>;
  return { admin: admin.user_id, agent: { id: agents[0]!.user_id, team: agents[0]!.team as Team }, owners };
}

// ---------------------------------------------------------------------------------------
// Where the spread walks start: the cursor the server would have handed out just before
// row k·N/connections of the list in that order (same key expressions as listCustomers).

const KEYS: Record<Sort, { expr: string; join: "join" | "left join" }> = {
  id: { expr: "c.customer_id", join: "left join" },
  name: { expr: "c.name", join: "left join" },
  sales: { expr: "(a.sales - a.returns)", join: "join" },
  lastPurchase: { expr: "a.last_purchase", join: "join" },
};

async function startCursors(sort: { by: Sort; desc: boolean }, n: number): Promise<Array<string | undefined>> {
  const { expr, join } = KEYS[sort.by];
  const from = `from customers c ${join} customer_aggregates a on a.customer_id = c.customer_id where c.merged_into is null`;
  const total = (await sql<{ n: number }>`select count(*)::int as n from customers c where c.merged_into is null`.execute(db)).rows[0]!.n;
  const keyed = (await sql<{ n: number }>`select count(*)::int as n ${sql.raw(from)} and ${sql.raw(expr)} is not null`.execute(db)).rows[0]!.n;
  const out: Array<string | undefined> = [];
  for (let k = 0; k < n; k++) {
    const depth = Math.floor((k * total) / n);
    if (depth === 0) {
      out.push(undefined);
    } else if (depth <= keyed) {
      const r = (await sql<{ k: string; id: number }>`select ${sql.raw(expr)}::text as k, c.customer_id as id ${sql.raw(from)} and ${sql.raw(expr)} is not null
        order by ${sql.raw(expr)} ${sql.raw(sort.desc ? "desc" : "asc")}, c.customer_id asc offset ${depth - 1} limit 1`.execute(db)).rows[0]!;
      out.push(encodeCursor({ k: r.k, id: r.id, tail: false }));
    } else {
      const r = (await sql<{ id: number }>`select c.customer_id as id from customers c left join customer_aggregates a on a.customer_id = c.customer_id
        where c.merged_into is null and ${sql.raw(expr)} is null order by c.customer_id offset ${depth - keyed - 1} limit 1`.execute(db)).rows[0]!;
      out.push(encodeCursor({ k: null, id: r.id, tail: true }));
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------
// The server.

let port: number;
let child: ChildProcess | null = null;
let inprocess: Awaited<ReturnType<typeof buildApp>> | null = null;
if (serverMode === "child") {
  child = spawn(process.execPath, ["--import", "tsx", path.join(root, "bench", "customer-list.server.ts")], {
    cwd: root, env: { ...process.env, DATABASE_URL: url }, stdio: ["pipe", "pipe", "inherit"],
  });
  const first = await new Promise<string>((resolve, reject) => {
    const rl = createInterface({ input: child!.stdout! });
    rl.once("line", resolve);
    child!.once("exit", (code) => reject(new Error(`the server exited (${code}) before listening`)));
  });
  port = JSON.parse(first).port;
} else {
  inprocess = await buildApp({ db, webRoot: null });
  await inprocess.listen({ port: 0, host: "127.0.0.1" });
  port = (inprocess.server.address() as { port: number }).port;
}
console.log(`> server (${serverMode}) on 127.0.0.1:${port}`);

// ---------------------------------------------------------------------------------------
// The runs.

interface Measured {
  latencies: number[];
  non2xx: number;
  errors: number;
  timeouts: number;
  seconds: number;
  pages: number;
  restarts: number;
  cpuBusy: number;
}

/** Machine-wide CPU busy share (0–100, all cores) between two snapshots. */
function cpuSnapshot() {
  let busy = 0;
  let total = 0;
  for (const c of os.cpus()) {
    const t = c.times;
    busy += t.user + t.nice + t.sys + t.irq;
    total += t.user + t.nice + t.sys + t.irq + t.idle;
  }
  return { busy, total };
}

async function runOnce(s: Scenario, starts: Array<string | undefined>, seconds: number): Promise<Measured> {
  const token = s.as === "admin" ? adminToken : agentToken;
  const base = `/api/customers?${s.query}`;
  let nextStart = 0;
  let pages = 0;
  let restarts = 0;
  type Ctx = { started?: boolean; cursor?: string };
  const step = s.walk === "none"
    ? { method: "GET" as const, path: base }
    : {
      method: "GET" as const,
      setupRequest: (req: { path?: string }, ctx: Ctx) => {
        if (!ctx.started) {
          ctx.started = true;
          ctx.cursor = s.walk === "spread" ? starts[nextStart++ % starts.length] : undefined;
        }
        req.path = ctx.cursor ? `${base}&cursor=${ctx.cursor}` : base;
        return req;
      },
      onResponse: (status: number, body: string, ctx: Ctx) => {
        if (status !== 200) return; // the same page again
        const m = /"nextCursor":(?:"([^"]*)"|null)/.exec(body);
        pages++;
        ctx.cursor = m?.[1];
        if (!ctx.cursor) restarts++; // the end: back to the first page
      },
    };
  // autocannon resets a connection's context when it wraps around its request list: after
  // WALK_PAGES pages a connection starts a new walk (from the next start position). Longer
  // lists cost autocannon seconds of setup while the first requests are already out, which
  // would be counted as their latency.
  const requests = s.walk === "none" ? [step] : Array.from({ length: WALK_PAGES }, () => step);
  const latencies: number[] = [];
  const cpu0 = cpuSnapshot();
  const t0 = performance.now();
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon({
      url: `http://127.0.0.1:${port}`,
      connections,
      duration: seconds,
      timeout: 30,
      headers: { authorization: `Bearer ${token}` },
      requests: requests as unknown as autocannon.Request[],
    }, (err, res) => (err ? reject(err) : resolve(res)));
    instance.on("response", (_client: unknown, statusCode: number, _bytes: number, ms: number) => {
      if (statusCode >= 200 && statusCode < 300) latencies.push(ms);
    });
  });
  const cpu1 = cpuSnapshot();
  return {
    latencies, non2xx: result.non2xx, errors: result.errors, timeouts: result.timeouts, seconds: (performance.now() - t0) / 1000,
    pages, restarts, cpuBusy: Math.round((100 * (cpu1.busy - cpu0.busy)) / Math.max(1, cpu1.total - cpu0.total)),
  };
}

async function waitForQuiet(maxSeconds: number): Promise<number> {
  let busy = 100;
  for (let t = 0; t < maxSeconds && busy > 10; t++) {
    const a = cpuSnapshot();
    await new Promise((r) => setTimeout(r, 1000));
    const b = cpuSnapshot();
    busy = Math.round((100 * (b.busy - a.busy)) / Math.max(1, b.total - a.total));
  }
  return busy;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

function round(x: number, digits: number) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

const commit = spawnSync("git", ["rev-parse", "--short", "HEAD"], { cwd: root, encoding: "utf8" }).stdout.trim() || null;
const dirty = spawnSync("git", ["status", "--porcelain", "--untracked-files=no"], { cwd: root, encoding: "utf8" }).stdout.trim() !== "";
const results: Array<Record<string, unknown>> = [];
const selected = SCENARIOS.filter((s) => !only || only.includes(s.name));
if (selected.length === 0) fail(`No scenario matches --scenarios ${values.scenarios}; there are: ${SCENARIOS.map((s) => s.name).join(", ")}.`);
try {
  for (const s of selected) {
    const starts = s.walk === "spread" ? await startCursors(s.sort!, connections) : [];
    // Slow requests of the previous scenario may still be running on the server after the
    // client stopped, and other work on the machine skews every number: wait (up to 60 s)
    // for the machine to go quiet, and record how busy it was in the last second.
    const backgroundBusy = await waitForQuiet(60);
    process.stdout.write(`> ${s.name}: ${s.what}${backgroundBusy > 10 ? ` (machine still ${backgroundBusy}% busy before the run)` : ""} … `);
    if (warmup > 0) await runOnce(s, starts, warmup);
    const m = await runOnce(s, starts, duration);
    const sorted = Float64Array.from(m.latencies).sort();
    const arr = Array.from(sorted);
    const row = {
      date: new Date().toISOString(),
      commit,
      dirty,
      machine: { cpus: os.cpus().length, memoryGiB: Math.round(os.totalmem() / 2 ** 30), cpuModel: os.cpus()[0]?.model ?? null },
      store: `postgres ${serverVersion}`,
      server: serverMode,
      customers: stats.customers,
      scenario: s.name,
      query: s.query,
      as: s.as,
      walk: s.walk,
      connections,
      seconds: round(m.seconds, 1),
      requests: m.latencies.length,
      p50: round(percentile(arr, 50), 1),
      p95: round(percentile(arr, 95), 1),
      p99: round(percentile(arr, 99), 1),
      max: round(arr.at(-1) ?? NaN, 1),
      rps: round(m.latencies.length / m.seconds, 1),
      non2xx: m.non2xx,
      errors: m.errors,
      timeouts: m.timeouts,
      pages: m.pages,
      restarts: m.restarts,
      cpuBusyPct: m.cpuBusy,
      backgroundBusyPct: backgroundBusy,
      targetP95: TARGET_P95_MS,
      pass: m.non2xx === 0 && m.errors === 0 && percentile(arr, 95) < TARGET_P95_MS,
      load,
    };
    results.push(row);
    console.log(`p95 ${row.p95} ms, ${row.rps} req/s`);
  }
} finally {
  if (child) {
    child.kill("SIGTERM");
    await new Promise((r) => child!.once("exit", r));
  }
  if (inprocess) await inprocess.close();
  await store.close();
  pgServer?.stop();
}

fs.mkdirSync(path.join(root, "bench", "results"), { recursive: true });
fs.appendFileSync(path.join(root, "bench", "results", "customer-list.jsonl"), results.map((r) => JSON.stringify(r)).join("\n") + "\n");
console.log(`\n${stats.customers.toLocaleString("en")} customers (history to ${END}), PostgreSQL ${serverVersion}, server ${serverMode}, ${connections} connections, ${duration} s per scenario after ${warmup} s warm-up; ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB`);
if (load) console.log(`load: ${load.seconds} s (COPY ${load.copySeconds} s, indexes ${load.indexSeconds} s, vacuum analyze ${load.vacuumSeconds} s)`);
console.table(results.map((r) => ({
  scenario: r.scenario, "p50 ms": r.p50, "p95 ms": r.p95, "p99 ms": r.p99, "req/s": r.rps, non2xx: r.non2xx, errors: r.errors,
  [`p95 < ${TARGET_P95_MS} ms`]: r.pass ? "PASS" : "FAIL",
})));
