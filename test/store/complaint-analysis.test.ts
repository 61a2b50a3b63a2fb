import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { buildComplaintAnalysis } from "../../src/retention/complaints/complaint-analysis.service.ts";
import { recordEvent } from "../../src/retention/complaints/complaints.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { importComplaints, importLines } from "../support/import-rows.ts";
import { WORKED_COMPLAINTS, WORKED_LINES } from "../support/complaint-worked-example.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const groups = (r: Awaited<ReturnType<typeof buildComplaintAnalysis>>) =>
  Object.fromEntries(r.repurchase.groups.map((g) => [g.group, [g.customers, g.repurchased]]));

describe.each(STORE_KINDS)("complaint analysis from the store on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, WORKED_LINES);
    const run = await importComplaints(store.db, WORKED_COMPLAINTS);
    expect(run.rejected).toBe(0);
  });
  afterAll(async () => {
    await store?.close();
  });

  it("as of 2024-06-30 with a 30-day window: the worked example's counts", async () => {
    const r = await buildComplaintAnalysis(store.db, { asOf: "2024-06-30", windowDays: 30 });
    expect(r.period).toEqual({ from: "2023-07-01", to: "2024-06-30", months: 12 });
    expect(r.volumes.complaints).toBe(10);
    expect(r.volumes.customers).toBe(9);
    expect(r.volumes.byCategory.map((c) => [c.key, c.complaints])).toEqual([["quality", 4], ["delivery", 3], [null, 3]]);
    expect(r.resolution).toEqual({ complaints: 10, resolved: 5, closed: 1, open: 4, resolvedShare: 0.5, undated: 1, medianDays: 7.5, p90Days: 31, meanDays: 14 });
    expect(r.repurchase).toMatchObject({
      complainers: 9, incomplete: 2, resolvedLate: 1, undatedResolved: 1,
      complainersOpened: { from: "2023-07-01", to: "2024-05-31" }, reference: "2024-05-31",
      noComplaintBought: { from: "2023-06-01", to: "2024-05-31" }, noComplaintRepurchase: { from: "2024-06-01", to: "2024-06-30" },
    });
    expect(groups(r)).toEqual({ resolved: [3, 2], unresolved: [4, 2], noComplaint: [4, 2] });
  });

  it("as of 2024-06-25 with a 10-day window: day-level edges inside a month and the time zone", async () => {
    const r = await buildComplaintAnalysis(store.db, { asOf: "2024-06-25", windowDays: 10 });
    expect(r.repurchase).toMatchObject({ complainers: 8, incomplete: 0, resolvedLate: 1, undatedResolved: 1, reference: "2024-06-15" });
    expect(groups(r)).toEqual({ resolved: [4, 2], unresolved: [4, 0], noComplaint: [7, 2] });
    expect(r.volumes.byMonth.at(-1)).toEqual({ month: "2024-06", complaints: 1 });
  });

  it("counts by product and by root cause of the settings' tree, top level and node, each per month", async () => {
    const ref = (customerRef: string, openedAt: string) => `${customerRef}-${openedAt}`;
    const set = (externalRef: string, column: "root_cause" | "product", value: string) =>
      sql`update complaints set ${sql.ref(column)} = ${value} where external_ref = ${externalRef}`.execute(store.db);
    await set(ref("8", "2023-08-01T09:00:00"), "root_cause", "product_material");
    await set(ref("1", "2024-01-10T09:00:00"), "root_cause", "product");
    await set(ref("5", "2024-04-10T09:00:00"), "root_cause", "logistics_late");
    await set(ref("4", "2024-04-01T09:00:00"), "root_cause", "unfounded");
    await set(ref("2", "2024-02-01T09:00:00"), "product", "保温杯");
    await set(ref("5", "2024-04-10T09:00:00"), "product", "保温杯");
    // Customer 3's open complaint gets its root cause the way staff record one: adopted by the event.
    const agent = await addUser(store.db, { email: `rc-${kind}@example.com`, name: "Root cause agent", role: "agent", password: "root cause password" }, SYSTEM_ACTOR);
    const row = await store.db.selectFrom("complaints").select(["customer_id", "complaint_id"]).where("external_ref", "=", ref("3", "2024-03-01T10:00:00")).executeTakeFirstOrThrow();
    await recordEvent(store.db, Number(row.customer_id), Number(row.complaint_id), { version: 0, event: { type: "root_cause_set", rootCause: "logistics_damaged" } },
      { userId: agent.id, role: "agent", actor: { userId: agent.id, label: agent.email } });

    const r = await buildComplaintAnalysis(store.db, { asOf: "2024-06-30", windowDays: 30 });
    const rows = <T extends { key: string | null; complaints: number }>(xs: T[]) => xs.map((x) => [x.key, x.complaints]);
    expect(rows(r.volumes.byRootCause)).toEqual([["logistics", 2], ["product", 2], ["customer_side", 1], [null, 5]]);
    expect(r.volumes.byRootCauseNode.map((x) => [x.key, x.top, x.complaints])).toEqual([
      ["logistics_damaged", "logistics", 1], ["logistics_late", "logistics", 1], ["product", "product", 1], ["product_material", "product", 1],
      ["unfounded", "customer_side", 1], [null, null, 5],
    ]);
    const months = (xs: Array<{ key: string | null; months: number[] }>, key: string | null) =>
      Object.fromEntries(xs.find((x) => x.key === key)!.months.flatMap((n, i) => (n ? [[r.volumes.byMonth[i]!.month, n]] : [])));
    expect(months(r.volumes.byRootCause, "logistics")).toEqual({ "2024-03": 1, "2024-04": 1 });
    expect(months(r.volumes.byRootCause, null)).toEqual({ "2023-09": 1, "2024-01": 1, "2024-02": 1, "2024-06": 2 });
    expect(rows(r.volumes.byProduct)).toEqual([["保温杯", 2], [null, 8]]);
    // The rest of the analysis does not move: customer 3's complaint is still open.
    expect(r.resolution).toMatchObject({ complaints: 10, resolved: 5, closed: 1, open: 4 });
  });

  it("refuses a window that is not a whole number of days", async () => {
    await expect(buildComplaintAnalysis(store.db, { asOf: "2024-06-30", windowDays: 0 })).rejects.toThrow(/window 0/);
  });
});
