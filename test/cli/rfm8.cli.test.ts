import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { retain } from "../support/cli.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-rfm8-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/**
 * `retain report value` with the 8-segment RFM, and `retain report rfm8-members`. The data of
 * test/http/rfm8.test.ts: as of 2030-12-31, R days 1, 30, 274, 350; F 2, 1, 3, 1; M 600, 50, 600, 20.
 */
describe("retain report: the 8-segment RFM", { timeout: 180_000 }, () => {
  const data = path.join(tmp, "store");
  const file = path.join(tmp, "orders.csv");
  fs.writeFileSync(file, [
    "customer,order,date,amount,quantity",
    "A,1,2030-06-01,100,1", "A,2,2030-12-30,500,1", "B,3,2030-12-01,50,1",
    "C,4,2030-02-01,400,1", "C,5,2030-03-01,100,1", "C,6,2030-04-01,100,1", "D,7,2030-01-15,20,1", "E,8,2029-05-01,1000,1",
  ].join("\n"));

  it("gives the eight segments with mean, median or custom cut-offs, as JSON and as a table", () => {
    expect(retain(["--data", data, "import", "orders", file]).status).toBe(0);
    const json = (args: string[]) => {
      const res = retain(["--data", data, "--json", "report", "value", "--as-of", "2030-12-31", ...args]);
      expect(res.status, res.stderr).toBe(0);
      const r = JSON.parse(res.stdout) as { rfm8: { method: string; cutoffs: unknown; segments: Array<{ segment: string; customers: number }> } };
      return { ...r.rfm8, counts: Object.fromEntries(r.rfm8.segments.filter((s) => s.customers > 0).map((s) => [s.segment, s.customers])) };
    };
    expect(json([])).toMatchObject({ method: "mean", cutoffs: { recencyDays: 163.75, frequency: 1.75, monetary: "317.5" } });
    expect(json(["--rfm8-cutoff", "median"]).cutoffs).toEqual({ recencyDays: 152, frequency: 1.5, monetary: "325" });
    expect(json(["--rfm8-cutoff", "custom", "--rfm8-r", "30", "--rfm8-f", "1", "--rfm8-m", "50"]).counts).toEqual({ important_value: 2, important_retain: 1, general_retain: 1 });
    const text = retain(["--data", data, "report", "value", "--as-of", "2030-12-31"]);
    expect(text.stdout).toMatch(/8-segment RFM \(4 customers who bought in the window; mean cut-offs: R high at ≤ 163\.75 days/);
    expect(text.stdout).toMatch(/important_winback/);
  });

  it("lists a segment's customers, and names the flag that is wrong", () => {
    const res = retain(["--data", data, "--json", "report", "rfm8-members", "--as-of", "2030-12-31", "--segment", "general_winback"]);
    expect(res.status, res.stderr).toBe(0);
    expect(JSON.parse(res.stdout)).toMatchObject({ segment: "general_winback", customers: 1, items: [{ name: null, recency_days: 350, frequency: 1, monetary: "20" }] });
    const missing = retain(["--data", data, "report", "value", "--as-of", "2030-12-31", "--rfm8-cutoff", "custom", "--rfm8-r", "30"]);
    expect(missing.status).toBe(2);
    expect(missing.stderr).toMatch(/rfm8F is missing/);
    // Saved in a snapshot: the scheme rfm8 of the member lists.
    const snap = retain(["--data", data, "--json", "segments", "snapshot", "--as-of", "2030-12-31", "--rfm8-cutoff", "custom", "--rfm8-r", "30", "--rfm8-f", "1", "--rfm8-m", "50"]);
    expect(snap.status, snap.stderr).toBe(0);
    const saved = JSON.parse(retain(["--data", data, "--json", "segments", "members", "--as-of", "2030-12-31", "--scheme", "rfm8", "--segment", "important_value"]).stdout) as Array<{ rfm8: string; net_sales: string }>;
    expect(saved.map((m) => [m.rfm8, m.net_sales])).toEqual([["important_value", "600"], ["important_value", "50"]]);
    const stray = retain(["--data", data, "report", "value", "--rfm8-m", "10"]);
    expect(stray.status).toBe(2);
    expect(stray.stderr).toMatch(/rfm8M is used only with custom cut-offs/);
  });
});
