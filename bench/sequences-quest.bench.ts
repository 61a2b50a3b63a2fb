/**
 * The sequence miner (src/analytics/patterns/sequences.ts) timed on IBM Quest data and on a
 * synthetic million-customer purchase history; the "A then B within N days" list beside it.
 *
 *   node --import tsx bench/sequences-quest.bench.ts [--quest FILE] [--customers 1000000]
 *     [--seed 7] [--skip-synthetic] [--json]
 *
 * Quest: arulesSequences' test data (test/fixtures/sequences/quest_test.txt: 10,000 customers,
 * 90,748 events, 77 items; times are event numbers 1, 2, …), at several supports, without
 * and with maxgap.
 *
 * Synthetic (seeded, made here in typed arrays): `--customers` customers with 1 + Poisson(4)
 * orders each over two years (first order uniform over 730 days, then 1 + Exp(mean 40) days
 * apart), 1 + Poisson(1) distinct items per order from 3,000 items with Zipf(1.1) popularity;
 * after an order holding item x < 300, the next order (if within 90 days) holds x's companion
 * (x + 1) mod 300 with probability 0.3. Mined with maxgap 90 at supports 0.01, 0.005 and
 * 0.001, and without maxgap at 0.005; then every item pair's 90-day follow rate (followRates,
 * minBuyers and minFollowers 0.005 · customers).
 *
 * Each case reports its wall and CPU time (the machine may be shared: CPU time is the steadier
 * figure), what it found, the heap and array buffers after it, and the process's peak RSS so
 * far (the peak covers the data, which is built first).
 */
import fs from "node:fs";
import { parseArgs } from "node:util";
import { followRates } from "../src/analytics/patterns/sequence-rules.ts";
import { mineSequences, type SequenceDatabase, type SequenceMiningOptions } from "../src/analytics/patterns/sequences.ts";

const { values } = parseArgs({
  options: {
    quest: { type: "string", default: new URL("../test/fixtures/sequences/quest_test.txt", import.meta.url).pathname },
    customers: { type: "string", default: "1000000" },
    seed: { type: "string", default: "7" },
    "skip-synthetic": { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const customers = Number(values.customers);
const seed = Number(values.seed);
if (!Number.isSafeInteger(customers) || customers < 1000) throw new RangeError(`--customers must be a whole number ≥ 1000 (got "${values.customers}")`);
if (!Number.isSafeInteger(seed)) throw new RangeError(`--seed must be a whole number (got "${values.seed}")`);

interface Row {
  data: string;
  case: string;
  seconds: number;
  cpuSeconds: number;
  found: number;
  heapMB: number;
  arrayBuffersMB: number;
  peakRssMB: number;
}
const rows: Row[] = [];
const mb = (bytes: number): number => Math.round(bytes / 2 ** 20);

function time(data: string, name: string, run: () => number): void {
  (globalThis as { gc?: () => void }).gc?.();
  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const found = run();
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(cpu0);
  const m = process.memoryUsage();
  const row = { data, case: name, seconds: Math.round(seconds * 1000) / 1000, cpuSeconds: Math.round((cpu.user + cpu.system) / 1000) / 1000, found, heapMB: mb(m.heapUsed), arrayBuffersMB: mb(m.arrayBuffers), peakRssMB: Math.round(process.resourceUsage().maxRSS / 1024) };
  rows.push(row);
  if (values.json) console.log(JSON.stringify(row));
  else console.error(`${data} ${name}: ${row.seconds} s (${row.cpuSeconds} s CPU), ${found} found`);
}

function readQuest(file: string): SequenceDatabase {
  const lines = fs.readFileSync(file, "utf8").trim().split(/\r?\n/);
  const ids = new Map<string, number>();
  const co = [0];
  const times: number[] = [];
  const eo = [0];
  const items: number[] = [];
  let prev = "";
  for (const line of lines) {
    const [c, t, , ...its] = line.trim().split(/\s+/);
    if (prev !== "" && c !== prev) co.push(times.length);
    prev = c!;
    times.push(Number(t));
    for (const x of its) {
      if (!ids.has(x)) ids.set(x, ids.size);
      items.push(ids.get(x)!);
    }
    eo.push(items.length);
  }
  co.push(times.length);
  return { itemCount: ids.size, customerOffsets: Uint32Array.from(co), eventTimes: Int32Array.from(times), eventOffsets: Uint32Array.from(eo), items: Uint32Array.from(items) };
}

/** mulberry32: a small seeded generator, enough for synthetic data. */
function random(s: number): () => number {
  let a = s >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function synthetic(n: number, s: number): SequenceDatabase {
  const rnd = random(s);
  const ITEMS = 3000;
  const cdf = new Float64Array(ITEMS);
  let total = 0;
  for (let r = 0; r < ITEMS; r++) cdf[r] = total += 1 / (r + 1) ** 1.1;
  for (let r = 0; r < ITEMS; r++) cdf[r]! /= total;
  const zipf = (): number => {
    const u = rnd();
    let lo = 0;
    let hi = ITEMS - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
  const poisson = (mean: number): number => {
    const l = Math.exp(-mean);
    let k = 0;
    for (let p = rnd(); p > l; p *= rnd()) k++;
    return k;
  };
  let co = new Uint32Array(n + 1);
  let times = new Int32Array(6 * n);
  let eo = new Uint32Array(6 * n + 1);
  let items = new Uint32Array(12 * n);
  let ne = 0;
  let ni = 0;
  const order: number[] = [];
  for (let c = 0; c < n; c++) {
    co[c] = ne;
    const k = 1 + poisson(4);
    let day = Math.floor(rnd() * 730);
    let prevStart = -1;
    for (let e = 0; e < k; e++) {
      if (e > 0) day += 1 + Math.floor(-40 * Math.log(1 - rnd()));
      order.length = 0;
      if (prevStart >= 0 && day - times[ne - 1]! <= 90) {
        for (let j = prevStart; j < ni; j++) if (items[j]! < 300 && rnd() < 0.3) order.push((items[j]! + 1) % 300);
      }
      for (let m = 1 + poisson(1); order.length < m; ) order.push(zipf());
      const unique = [...new Set(order)].sort((x, y) => x - y);
      if (ne + 1 >= times.length) {
        times = grow(times, times.length * 2);
        eo = grow(eo, eo.length * 2);
      }
      if (ni + unique.length > items.length) items = grow(items, items.length * 2);
      prevStart = ni;
      for (const y of unique) items[ni++] = y;
      times[ne] = day;
      eo[++ne] = ni;
    }
  }
  co[n] = ne;
  co = co.slice();
  return { itemCount: ITEMS, customerOffsets: co, eventTimes: times.slice(0, ne), eventOffsets: eo.slice(0, ne + 1), items: items.slice(0, ni) };
}

function grow<T extends Int32Array | Uint32Array>(a: T, n: number): T {
  const b = new (a.constructor as new (n: number) => T)(n);
  b.set(a);
  return b;
}

const quest = readQuest(values.quest!);
const questCases: Array<[string, SequenceMiningOptions]> = [];
for (const minSupport of [0.05, 0.02, 0.01]) {
  questCases.push([`support ${minSupport}`, { minSupport }]);
  questCases.push([`support ${minSupport}, maxgap 3`, { minSupport, maxgap: 3 }]);
}
for (const [name, o] of questCases) time(`quest ${quest.customerOffsets.length - 1} customers`, name, () => mineSequences(quest, o).count);

if (!values["skip-synthetic"]) {
  const t0 = performance.now();
  const db = synthetic(customers, seed);
  const label = `synthetic ${customers} customers, ${db.eventTimes.length} orders, ${db.items.length} lines`;
  console.error(`${label}: made in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  const minCount = Math.ceil(0.005 * customers);
  time(label, "support 0.005, maxgap 90", () => mineSequences(db, { minSupport: 0.005, maxgap: 90 }).count);
  time(label, "support 0.01, maxgap 90", () => mineSequences(db, { minSupport: 0.01, maxgap: 90 }).count);
  time(label, "support 0.001, maxgap 90", () => mineSequences(db, { minSupport: 0.001, maxgap: 90 }).count);
  time(label, "support 0.005", () => mineSequences(db, { minSupport: 0.005 }).count);
  time(label, `followRates 90 days, min ${minCount} buyers and followers`, () => followRates(db, 90, { minBuyers: minCount, minFollowers: minCount }).count);
}

if (!values.json) {
  console.log("| data | case | seconds | CPU seconds | found | heap MB | array buffers MB | peak RSS MB |");
  console.log("|---|---|---|---|---|---|---|---|");
  for (const r of rows) console.log(`| ${r.data} | ${r.case} | ${r.seconds} | ${r.cpuSeconds} | ${r.found} | ${r.heapMB} | ${r.arrayBuffersMB} | ${r.peakRssMB} |`);
}
