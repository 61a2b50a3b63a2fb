/**
 * Writes a demo orders CSV of a given size for import benchmarks, in the generic layout:
 *
 *   node --import tsx bench/generate-orders.ts --lines 1000000 --out bench/out/orders-1m.csv [--seed 7] [--end 2026-06-30]
 *
 * Streams customers from the demo generator until the line count is reached (the last
 * order may be cut short), honouring the file stream's backpressure, so memory stays flat
 * at any size. The same arguments always give the same file.
 */
import { once } from "node:events";
import { createWriteStream, mkdirSync, statSync } from "node:fs";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import type { OrderLineInput } from "../src/domain/inputs.ts";
import { demoCustomers } from "../src/demo/generate.ts";

const HEADER = "customer_id,order_no,line_no,order_date,sku,description,category,quantity,unit_price,discount,unit_cost,amount,currency,channel\n";
/** Flush to the stream in chunks of about this many characters. */
const CHUNK = 1 << 16;

const { values } = parseArgs({
  options: {
    lines: { type: "string", default: "1000000" },
    out: { type: "string" },
    seed: { type: "string", default: "7" },
    end: { type: "string", default: "2026-06-30" },
  },
});
const lines = Number(values.lines);
const seed = Number(values.seed);
if (!Number.isSafeInteger(lines) || lines < 1) fail(`--lines must be a whole number ≥ 1 (got "${values.lines}").`);
if (!Number.isSafeInteger(seed)) fail(`--seed must be a whole number (got "${values.seed}").`);
const out = values.out ?? `bench/out/orders-${lines}.csv`;

/** RFC 4180: quote a field holding a comma, a quote or a line break, doubling inner quotes. */
function field(s: string | undefined): string {
  if (s === undefined) return "";
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

function row(l: OrderLineInput): string {
  return `${field(l.customerRef)},${field(l.orderNo)},${l.lineNo ?? ""},${l.orderedAt.slice(0, 10)},${field(l.sku)},${field(l.description)},${field(l.category)},${l.quantity},${l.unitPrice ?? ""},${l.discount ?? ""},${l.unitCost ?? ""},${l.amount ?? ""},${l.currency ?? ""},${field(l.channel)}\n`;
}

function fail(message: string): never {
  console.error(message);
  process.exit(2);
}

mkdirSync(dirname(out), { recursive: true });
const file = createWriteStream(out, { encoding: "utf8" });
const t0 = performance.now();
let written = 0;
let customers = 0;
let buf = HEADER;
// Far more customers than any run needs: the loop stops at the line count.
outer: for (const c of demoCustomers({ customers: 2 ** 40, seed, end: values.end })) {
  customers++;
  for (const l of c.lines) {
    buf += row(l);
    if (++written === lines) break outer;
  }
  if (buf.length >= CHUNK) {
    if (!file.write(buf)) await once(file, "drain");
    buf = "";
  }
}
file.end(buf);
await once(file, "finish");

const seconds = (performance.now() - t0) / 1000;
const bytes = statSync(out).size;
console.log(
  `${written.toLocaleString("en")} lines from ${customers.toLocaleString("en")} customers → ${out}\n` +
    `${seconds.toFixed(1)} s, ${Math.round(written / seconds).toLocaleString("en")} lines/s, ${(bytes / 1e6).toFixed(1)} MB`,
);
