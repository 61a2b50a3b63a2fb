import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { buildComplaintAnalysis } from "../../src/retention/complaints/complaint-analysis.service.ts";
import { getComplaintSettings, setComplaintSettings, slaTarget } from "../../src/retention/complaints/complaint-settings.ts";
import { openComplaint, recordEvent, type ComplaintDetail, type EventInput, type Staff } from "../../src/retention/complaints/complaints.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { setSetting } from "../../src/store/settings.repository.ts";
import { importComplaints, importCustomers } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

// Tuesday 7 April 2026, 10:00 in China, a working day; the SLA targets are the defaults
// (normal: first response 240, resolution 1,440 business minutes; high: 120 and 960).
const T0 = Date.parse("2026-04-07T10:00:00+08:00");
const at = (minutes: number): Date => new Date(T0 + minutes * 60_000);

describe.each(STORE_KINDS)("SLA attainment and recovery cost in the complaint analysis on %s", (kind) => {
  let store: Store;
  let agent: Staff;
  const customer: Record<string, number> = {};

  beforeAll(async () => {
    store = await freshStore(kind);
    await setSetting(store.db, "timezone", "Asia/Shanghai");
    const u = await addUser(store.db, { email: "agent@example.com", name: "The agent", role: "manager", team: null, password: "correct horse battery" }, SYSTEM_ACTOR);
    agent = { userId: u.id, role: "manager", actor: { userId: u.id, label: "agent@example.com" } };
    await importCustomers(store.db, ["A", "B", "C"].map((externalId) => ({ externalId, name: `Customer ${externalId}` })));
    for (const r of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) if (r.external_id) customer[r.external_id] = r.customer_id;
    await importComplaints(store.db, [{ customerRef: "C", openedAt: "2026-04-01T10:00:00+08:00", channel: "phone", severity: "normal", status: "open", externalRef: "OLD-1", category: "delivery" }]);
    const walk = async (d: ComplaintDetail, steps: Array<[number, EventInput]>) => {
      for (const [minutes, event] of steps) d = await recordEvent(store.db, d.customerId, d.complaintId, { version: d.version, event }, agent, at(minutes));
      return d;
    };
    // A: answered in 10 minutes and resolved the same morning, with a 50.00 coupon and a 12.50 gift
    const a = await openComplaint(store.db, { customerId: customer.A!, channel: "phone", severity: "normal", category: "delivery", description: "Late.", at: at(0).toISOString() }, agent, at(1));
    await walk(a, [
      [10, { type: "apologised", text: "Sorry." }],
      [20, { type: "heard", account: "Late.", openQuestions: ["What would help?"] }],
      [30, { type: "fix_proposed", finding: "founded", demand: "reasonable", demandReason: "Ours.", fix: "Coupon", compensation: "62.50" }],
      [40, { type: "compensation_given", items: [{ kind: "coupon", cost: "50.00" }, { kind: "gift", cost: "12.50" }] }],
      [50, { type: "promise_made", promise: "Ship today", dueAt: at(300).toISOString() }],
      [60, { type: "promise_kept" }],
      [70, { type: "followed_up", outcome: "satisfied" }],
    ]);
    // B: high severity, first answered after five hours (past its 120 business minutes), then left open
    const b = await openComplaint(store.db, { customerId: customer.B!, channel: "phone", severity: "high", category: "product quality", description: "Broken.", at: at(0).toISOString() }, agent, at(1));
    await walk(b, [[300, { type: "apologised", text: "Sorry." }]]);
  });
  afterAll(async () => store?.close());

  it("counts each clock as met, missed, breached or still running at the end of the as-of day, and sums the compensation given", async () => {
    const r = await buildComplaintAnalysis(store.db, { asOf: "2026-04-30", months: 1 });
    expect(r.serviceLevels.at).toBe("2026-04-30T16:00:00.000Z");
    expect(r.serviceLevels.complaints).toBe(3);
    // first response: A met, B missed; the imported C has no record of one
    expect(r.serviceLevels.firstResponse).toEqual({ met: 1, missed: 1, breached: 0, running: 0, unknown: 1, attainment: 1 / 2 });
    // resolution: A met; B and C still open, past due
    expect(r.serviceLevels.resolution).toEqual({ met: 1, missed: 0, breached: 2, running: 0, unknown: 0, attainment: 1 / 3 });
    expect(r.serviceLevels.bySeverity.map((s) => [s.severity, s.complaints, s.firstResponse.met, s.firstResponse.missed])).toEqual([["high", 1, 0, 1], ["normal", 2, 1, 0]]);
    expect(r.recoveryCost).toMatchObject({ cases: 2, compensated: 1, meanPerCompensated: "62.50" });
    expect(Number(r.recoveryCost.total)).toBe(62.5);
    expect(r.recoveryCost.byKind.map((k) => [k.kind, k.items, Number(k.total)])).toEqual([["coupon", 1, 50], ["gift", 1, 12.5]]);
    expect(r.recoveryCost.byCategory.map((c) => [c.key, c.cases, c.compensated, Number(c.total)])).toEqual([["delivery", 1, 1, 62.5], ["product quality", 1, 0, 0]]);
  });

  it("reads the clocks as they stood on an earlier as-of day: later answers had not happened yet", async () => {
    // at the end of 7 April, B's first answer (15:00) had come; on 6 April nothing had been opened
    const r = await buildComplaintAnalysis(store.db, { asOf: "2026-04-07", months: 1 });
    expect(r.serviceLevels.firstResponse).toMatchObject({ met: 1, missed: 1, breached: 0, unknown: 1 });
    // B's resolution (960 business minutes = two working days) was still running
    expect(r.serviceLevels.resolution).toMatchObject({ met: 1, breached: 1, running: 1 });
  });

  it("holds a complaint to the first SLA rule that matches its channel, value tier and severity", async () => {
    const before = await getComplaintSettings(store.db);
    const rules = [
      { channel: "phone", tier: "key", severity: null, firstResponseMinutes: 30, resolutionMinutes: 240 },
      { channel: "phone", tier: null, severity: "high" as const, firstResponseMinutes: 600, resolutionMinutes: 9600 },
    ];
    await setComplaintSettings(store.db, { ...before, sla: { ...before.sla, rules } }, SYSTEM_ACTOR);
    const s = await getComplaintSettings(store.db);
    expect(slaTarget(s, { severity: "high", channel: "phone", tier: "key" })).toMatchObject({ firstResponseMinutes: 30 });
    expect(slaTarget(s, { severity: "high", channel: "phone", tier: null })).toMatchObject({ firstResponseMinutes: 600 });
    expect(slaTarget(s, { severity: "high", channel: "web_form", tier: "key" })).toEqual(s.sla.bySeverity.high);
    // B (high, by phone, no tier) now had 600 business minutes to answer: 300 was in time
    const r = await buildComplaintAnalysis(store.db, { asOf: "2026-04-30", months: 1 });
    expect(r.serviceLevels.firstResponse).toMatchObject({ met: 2, missed: 0, unknown: 1 });
    expect(r.serviceLevels.resolution).toMatchObject({ met: 1, breached: 1, running: 1 });
    await setComplaintSettings(store.db, before, SYSTEM_ACTOR);
  });
});
