import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ComplaintInput } from "../../src/domain/inputs.ts";
import { runImport } from "../../src/ingest/run.ts";
import { ComplaintSink } from "../../src/ingest/sinks/complaints.ts";
import { openStore } from "../../src/store/connect.ts";
import { getSettings } from "../../src/store/settings.repository.ts";
import { retain } from "../support/cli.ts";
import { importLines } from "../support/import-rows.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-sensitivity-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const data = path.join(tmp, "store");

/**
 * `retain complaints sensitivity` on the data of test/http/complaint-sensitivity.test.ts: as
 * of 2030-06-30, 4 buyers, 2 of them complainers (A resolved and bought again, B not); C
 * never complained and bought again; A and B, retained from the year before, bought 400 net.
 */
describe("retain complaints sensitivity", { timeout: 180_000 }, () => {
  beforeAll(async () => {
    const store = await openStore({ kind: "pglite", dataDir: data });
    try {
      await importLines(store.db, [
        { customerRef: "A", orderNo: "A-0", orderedAt: "2029-05-01", quantity: "1", amount: "50" },
        { customerRef: "A", orderNo: "A-1", orderedAt: "2030-02-20", quantity: "1", amount: "100" },
        { customerRef: "A", orderNo: "A-2", orderedAt: "2030-03-20", quantity: "1", amount: "200" },
        { customerRef: "B", orderNo: "B-0", orderedAt: "2029-06-01", quantity: "1", amount: "80" },
        { customerRef: "B", orderNo: "B-1", orderedAt: "2030-03-25", quantity: "1", amount: "100" },
        { customerRef: "C", orderNo: "C-1", orderedAt: "2029-09-01", quantity: "1", amount: "40" },
        { customerRef: "C", orderNo: "C-2", orderedAt: "2030-06-10", quantity: "1", amount: "60" },
        { customerRef: "D", orderNo: "D-1", orderedAt: "2030-06-05", quantity: "1", amount: "30" },
      ]);
      const settings = await getSettings(store.db);
      const rows: ComplaintInput[] = [
        { customerRef: "A", openedAt: "2030-03-01T09:00:00", status: "resolved", resolvedAt: "2030-03-02T09:00:00", channel: "phone", externalRef: "A-c" },
        { customerRef: "B", openedAt: "2030-04-01T09:00:00", status: "open", channel: "web", externalRef: "B-c" },
      ];
      await runImport(store.db, {
        kind: "complaints", fileName: "test", source: "default",
        batches: (async function* () {
          yield rows.map((value, i) => ({ line: i + 2, ok: true as const, value }));
        })(),
        makeSink: (importId) => new ComplaintSink({ source: "default", importId, settings, reason: "test" }),
      });
    } finally {
      await store.close();
    }
  });

  it("gives the inputs with their sources and the baseline as JSON, and takes the user's figures", () => {
    const res = retain(["--data", data, "--json", "complaints", "sensitivity", "--as-of", "2030-06-30", "--window", "30", "--set", "complainShare=0.8"]);
    expect(res.status, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.inputs.problemShare).toMatchObject({ value: "0.625", source: "derived" });
    expect(r.inputs.salesPerCustomer).toMatchObject({ value: "200", source: "measured" });
    expect(r.result.baseline.lostSales.total).toBe("300");
    expect(r.result.programmes.map((p: { name: string }) => p.name)).toEqual(["A", "B"]);

    const mine = JSON.parse(retain(["--data", data, "--json", "complaints", "sensitivity", "--as-of", "2030-06-30", "--window", "30", "--set", "complainShare=0.8", "--set", "salesPerCustomer=10"]).stdout);
    expect(mine.inputs.salesPerCustomer).toMatchObject({ value: "10", source: "given" });
    expect(mine.result.baseline.lostSales.total).toBe("15");
  });

  it("prints the inputs and the programmes as tables, and names a wrong input", () => {
    const text = retain(["--data", data, "complaints", "sensitivity", "--as-of", "2030-06-30", "--window", "30"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/customers and complaints of 2029-07-01 … 2030-06-30, repurchase within 30 days/);
    expect(text.stdout).toMatch(/complainShare\s+0\.25\s+assumed/);
    expect(text.stdout).toMatch(/rResolved\s+1\s+measured\s+1 of 1 resolved complainers bought again within 30 days/);
    expect(text.stdout).toMatch(/^baseline\s+1\s+0\.25\s+0\.5\s/m);
    expect(text.stdout).toMatch(/^B\s+0\.9\s+0\.50\s+0\.75\s/m);
    const bad = retain(["--data", data, "complaints", "sensitivity", "--set", "rNone=2"]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toMatch(/inputs\.rNone 2: give a share from 0 to 1/);
    const unknown = retain(["--data", data, "complaints", "sensitivity", "--set", "margin=2"]);
    expect(unknown.status).not.toBe(0);
    expect(unknown.stderr).toMatch(/a name among customers, problemShare/);
  });
});
