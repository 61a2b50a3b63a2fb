/**
 * A big file must stream: memory stays flat while 200k records go by.
 */
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { once } from "node:events";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openTable } from "./table.ts";

const LINES = 200_000;
const dir = mkdtempSync(join(tmpdir(), "retain-stream-"));
const file = join(dir, "big.csv");
afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeAll(async () => {
  const out = createWriteStream(file);
  out.write("customer_id,order_no,order_date,sku,description,quantity,unit_price,notes\n");
  for (let i = 0; i < LINES; i++) {
    const line = `C${i % 5000},SO-${i},2024-03-${String((i % 28) + 1).padStart(2, "0")},SKU-${i % 300},"乌龙茶, 茶叶 ${i}",${(i % 7) + 1},${(i % 97) + 0.5},notes for line ${i} padded to take room\n`;
    if (!out.write(line)) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");
});

describe("streaming", () => {
  it("reads a 200k-line file with little memory growth", async () => {
    setFlagsFromString("--expose-gc");
    const gc = runInNewContext("gc") as () => void;
    gc();
    const used = () => {
      const m = process.memoryUsage();
      return m.heapUsed + m.arrayBuffers;
    };
    const baseline = used();
    let growth = 0;
    let count = 0;
    let lastLine = 0;
    const table = await openTable(file);
    for await (const rec of table.records()) {
      count++;
      lastLine = rec.line;
      if (count % 20_000 === 0) {
        gc();
        growth = Math.max(growth, used() - baseline);
      }
    }
    expect(count).toBe(LINES);
    expect(lastLine).toBe(LINES + 1);
    expect(table.progress().done).toBe(table.progress().total);
    // The file is ~25 MB; held in memory as records it would take several times that.
    expect(table.progress().total).toBeGreaterThan(20 * 1024 * 1024);
    expect(growth).toBeLessThan(16 * 1024 * 1024);
  });
});
