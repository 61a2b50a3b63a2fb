import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testApp, type TestApp } from "../support/app.ts";
import { importLines } from "../support/import-rows.ts";
import { STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("membership over HTTP (%s)", (kind) => {
  let t: TestApp;
  let id: number;
  beforeAll(async () => {
    t = await testApp(kind);
    await importLines(t.store.db, [
      { customerRef: "M1", orderNo: "M1-1", orderedAt: "2026-01-05", quantity: "1", amount: "2500" },
      { customerRef: "M1", orderNo: "M1-2", orderedAt: "2026-02-05", quantity: "-1", amount: "-500" },
    ]);
    id = (await t.store.db.selectFrom("customers").select("customer_id").where("external_id", "=", "M1").executeTakeFirstOrThrow()).customer_id;
  });
  afterAll(async () => t?.close());

  it("refuses a wrong programme with the field named, and saves a right one", async () => {
    const bad = await t.as.admin.request({ method: "PUT", url: "/api/membership/programme", payload: { startsOn: null, basis: "spend", windowMonths: 0, review: "monthly", pointsPerUnit: "1", expiryYears: 1, levels: [] } });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().field).toMatch(/^body\.(windowMonths|levels)/);
    const order = await t.as.admin.request({
      method: "PUT", url: "/api/membership/programme",
      payload: { startsOn: null, basis: "spend", windowMonths: 12, review: "monthly", pointsPerUnit: "1", expiryYears: 1, levels: [
        { key: "a", name: "A", threshold: "100", multiplier: "1" }, { key: "b", name: "B", threshold: "50", multiplier: "1" },
      ] },
    });
    expect(order.statusCode).toBe(400);
    expect(order.json().field).toBe("levels[1].threshold");
    const ok = await t.as.admin.request({
      method: "PUT", url: "/api/membership/programme",
      payload: { startsOn: null, basis: "spend", windowMonths: 12, review: "monthly", pointsPerUnit: "1", expiryYears: 1, levels: [
        { key: "member", name: "会员", threshold: "0", multiplier: "1" }, { key: "gold", name: "金卡", threshold: "2000", multiplier: "2" },
      ] },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    expect((await t.as.admin.get("/api/membership/programme")).json().isDefault).toBe(false);
  });

  it("applies, shows a member, redeems and adjusts with the audit trail", async () => {
    const applied = await t.as.admin.post("/api/membership/apply", { asOf: "2026-11-01" });
    expect(applied.json()).toMatchObject({ customers: 1, members: 1 });
    const m = (await t.as.agent.get(`/api/customers/${id}/membership`));
    // Agents see only their book; this customer has no owner.
    expect(m.statusCode).toBe(403);
    const shown = (await t.as.manager.get(`/api/customers/${id}/membership`)).json();
    // 2500 at gold (×2) = 5000 points; the ¥500 return takes back 5000 × 500/2500 = 1000.
    expect(shown.standing).toMatchObject({ level: "gold", balance: 4000, earned: 5000, returned: 1000 });
    expect(shown.levelName).toBe("金卡");
    const over = await t.as.manager.post(`/api/customers/${id}/membership/redemptions`, { points: 4001, reason: "gift" });
    expect(over.statusCode).toBe(400);
    expect(over.json()).toMatchObject({ field: "points" });
    const noReason = await t.as.manager.post(`/api/customers/${id}/membership/redemptions`, { points: 10, reason: "" });
    expect(noReason.statusCode).toBe(400);
    expect(noReason.json().field).toBe("body.reason");
    const r = await t.as.manager.post(`/api/customers/${id}/membership/redemptions`, { points: 1500, reason: "voucher" });
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json().standing.balance).toBe(2500);
    const a = await t.as.manager.post(`/api/customers/${id}/membership/adjustments`, { points: -500, reason: "duplicate earning" });
    expect(a.json().standing.balance).toBe(2000);
    expect(a.json().entries[0]).toMatchObject({ kind: "adjust", points: -500, reason: "duplicate earning" });
    const audit = (await t.as.admin.get("/api/audit?entityType=membership_ledger")).json();
    expect(JSON.stringify(audit)).toContain("membership.points_redeemed");
    const summary = (await t.as.analyst.get("/api/membership/summary")).json();
    expect(summary.levels).toEqual([{ level: "member", name: "会员", members: 0, balance: 0 }, { level: "gold", name: "金卡", members: 1, balance: 2000 }]);
    expect((await t.as.analyst.get("/api/membership/comparison?asOf=2026-06-15")).json().field).toBe("asOf");
  });
});
