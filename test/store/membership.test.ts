import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Programme } from "../../src/analytics/membership/programme.ts";
import { customerTimeline, mergeCustomers } from "../../src/archive/customers.service.ts";
import type { Actor } from "../../src/audit/audit.repository.ts";
import type { OrderLineInput } from "../../src/domain/inputs.ts";
import { compareMembers, membersSummary, perCustomer } from "../../src/membership/members-report.service.ts";
import { applyMembership, customerMembership, getProgramme, recordManualEntry, setProgramme } from "../../src/membership/membership.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { todayIn } from "../../src/value/value-report.service.ts";
import { importLines } from "../support/import-rows.ts";
import { errorOf } from "../support/errors.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const line = (customerRef: string, orderNo: string, orderedAt: string, amount: string): OrderLineInput => ({
  customerRef, orderNo, orderedAt, quantity: amount.startsWith("-") ? "-1" : "1", amount,
});

// W is the worked example of docs/membership.md (without its redemptions); U, V and X feed the comparison.
const LINES: OrderLineInput[] = [
  line("W", "W1", "2024-03-10", "1500.50"),
  line("W", "W2", "2024-05-20", "800"),
  line("W", "W3", "2024-06-15", "-200"),
  line("W", "W4", "2026-01-10", "-600"),
  line("W", "W5", "2026-02-01", "300"),
  line("U", "U1", "2025-02-01", "100"),
  line("V", "V1", "2025-01-15", "100"),
  line("V", "V2", "2025-12-05", "50"),
  line("X", "X1", "2025-03-01", "3000"),
  line("X", "X2", "2026-04-01", "500"),
];

const PROGRAMME: Programme = {
  startsOn: null, basis: "spend", windowMonths: 12, review: "monthly", pointsPerUnit: "1", expiryYears: 1,
  levels: [
    { key: "regular", name: "普通会员", threshold: "0", multiplier: "1" },
    { key: "silver", name: "银卡", threshold: "2000", multiplier: "1.2" },
    { key: "gold", name: "金卡", threshold: "10000", multiplier: "1.5" },
  ],
};
const ACTOR: Actor = { userId: null, label: "test" };
const AS_OF = "2026-11-23";


describe.each(STORE_KINDS)("membership on %s", (kind) => {
  let store: Store;
  const id: Record<string, number> = {};
  const ledger = async (c: number) =>
    (await sql<{ entry_key: string; kind: string; points: string; balance: string; reason: string | null }>`
      select entry_key, kind, points::text, balance::text, reason from membership_ledger where customer_id = ${c} order by entry_no`.execute(store.db)).rows;

  beforeAll(async () => {
    store = await freshStore(kind);
    await importLines(store.db, LINES);
    for (const r of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) id[r.external_id!] = r.customer_id;
  });
  afterAll(async () => {
    await store?.close();
  });

  it("starts from the default programme and refuses a wrong one, naming the field", async () => {
    expect((await getProgramme(store.db)).isDefault).toBe(true);
    const e = await errorOf(setProgramme(store.db, { ...PROGRAMME, levels: [PROGRAMME.levels[1]!, PROGRAMME.levels[0]!] }, ACTOR));
    expect(e).toMatchObject({ code: "BAD_INPUT", field: "levels[1].threshold" });
    await setProgramme(store.db, PROGRAMME, ACTOR);
    expect((await getProgramme(store.db)).programme).toEqual(PROGRAMME);
  });

  it("applies the programme to the orders: the worked example's ledger and levels", async () => {
    const progress: number[] = [];
    const s = await applyMembership(store.db, { asOf: AS_OF, onProgress: (done) => progress.push(done) });
    expect(s).toMatchObject({ asOf: AS_OF, customers: 4, members: 4 });
    expect(progress.at(-1)).toBe(4);
    // W2's lot (720 after the ¥200 return) expired on 2025-12-31, so the 2026 return of the rest takes nothing more.
    expect((await ledger(id.W!)).map((e) => [e.kind, Number(e.points), Number(e.balance)])).toEqual([
      ["earn", 1500, 1500], ["earn", 960, 2460], ["return", -240, 2220], ["expire", -2220, 0], ["earn", 300, 300],
    ]);
    const w = await customerMembership(store.db, id.W!);
    expect(w.standing).toMatchObject({ level: "regular", balance: 300, earned: 2760, returned: 240, expired: 2220, expiring_points: 300, expiring_on: "2027-12-31" });
    expect(w.levelName).toBe("普通会员");
    expect(w.levels.map((c) => [c.changed_on, c.kind, c.to_level])).toEqual([
      ["2025-04-01", "downgrade", "regular"], ["2024-05-20", "upgrade", "silver"], ["2024-03-10", "join", "regular"],
    ]);
  });

  it("is idempotent: applying again changes nothing", async () => {
    const before = await ledger(id.W!);
    await applyMembership(store.db, { asOf: AS_OF });
    await applyMembership(store.db, { asOf: AS_OF, customerId: id.W! });
    expect(await ledger(id.W!)).toEqual(before);
    const n = await sql<{ n: number }>`select count(*)::int as n from membership_ledger`.execute(store.db);
    expect(n.rows[0]!.n).toBe(5 + 1 + 2 + 2);
  });

  it("records a redemption with its reason, refuses one that would overdraw, and keeps it through a re-apply", async () => {
    expect(await errorOf(recordManualEntry(store.db, { customerId: id.W!, kind: "redeem", points: 301, reason: "gift" }, ACTOR))).toMatchObject({ code: "BAD_INPUT", field: "points" });
    expect(await errorOf(recordManualEntry(store.db, { customerId: id.W!, kind: "redeem", points: 10, reason: " " }, ACTOR))).toMatchObject({ field: "reason" });
    expect(await errorOf(recordManualEntry(store.db, { customerId: id.W!, kind: "redeem", points: -5, reason: "x" }, ACTOR))).toMatchObject({ field: "points" });
    expect(await errorOf(recordManualEntry(store.db, { customerId: 999_999, kind: "redeem", points: 5, reason: "x" }, ACTOR))).toMatchObject({ code: "NOT_FOUND" });
    const after = await recordManualEntry(store.db, { customerId: id.W!, kind: "redeem", points: 100, reason: "gift card", date: AS_OF }, ACTOR);
    expect(after.standing!.balance).toBe(200);
    expect(after.entries[0]).toMatchObject({ kind: "redeem", points: -100, balance: 200, reason: "gift card" });
    expect(await errorOf(recordManualEntry(store.db, { customerId: id.W!, kind: "adjust", points: -201, reason: "correction" }, ACTOR))).toMatchObject({ field: "points" });
    await recordManualEntry(store.db, { customerId: id.W!, kind: "adjust", points: 50, reason: "birthday bonus", date: AS_OF }, ACTOR);
    await applyMembership(store.db, { asOf: AS_OF });
    await applyMembership(store.db, { asOf: AS_OF });
    const w = await customerMembership(store.db, id.W!);
    expect(w.standing!.balance).toBe(250);
    expect((await ledger(id.W!)).filter((e) => e.reason !== null).map((e) => [e.kind, Number(e.points), e.reason])).toEqual([
      ["redeem", -100, "gift card"], ["adjust", 50, "birthday bonus"],
    ]);
    const audit = await store.db.selectFrom("audit_log").select(["action", "customer_id"]).where("action", "like", "membership.%").orderBy("audit_id").execute();
    expect(audit.map((a) => a.action)).toEqual(["membership.programme_updated", "membership.points_redeemed", "membership.points_adjusted"]);
    expect(audit[1]!.customer_id).toBe(id.W);
  });

  it("shows points and level changes on the customer's timeline", async () => {
    const events = await customerTimeline(store.db, id.W!, { limit: 100 });
    const kinds = events.filter((e) => e.kind === "points" || e.kind === "level").map((e) => `${e.kind}:${(e.data as { kind: string }).kind}`);
    expect(kinds).toContain("points:redeem");
    expect(kinds).toContain("level:downgrade");
    expect(kinds.filter((k) => k === "points:earn")).toHaveLength(3);
    const down = events.find((e) => e.kind === "level" && (e.data as { kind: string }).kind === "downgrade")!;
    expect(down.data).toMatchObject({ from: "silver", fromName: "银卡", to: "regular", toName: "普通会员" });
  });

  it("counts members by level and compares them with non-members", async () => {
    await setProgramme(store.db, { ...PROGRAMME, levels: [{ ...PROGRAMME.levels[0]!, threshold: "120" }, ...PROGRAMME.levels.slice(1)] }, ACTOR);
    await applyMembership(store.db, { asOf: AS_OF });
    const summary = await membersSummary(store.db);
    expect(summary).toMatchObject({ asOf: AS_OF, customers: 4 });
    expect(summary.levels.map((l) => [l.level, l.members])).toEqual([["regular", 3], ["silver", 0], ["gold", 0]]);
    // U (¥100) never reaches ¥120: no level, no points.
    expect((await customerMembership(store.db, id.U!)).standing).toBeNull();

    expect(await errorOf(compareMembers(store.db, { asOf: "2026-10-30" }))).toMatchObject({ field: "asOf" });
    const c = await compareMembers(store.db, { asOf: "2026-10-31" });
    expect([c.day, c.baseFrom]).toEqual(["2025-10-31", "2024-11-01"]);
    // Buyers of Nov 2024 – Oct 2025: U and V held no level on 2025-10-31 (V joined in December), X held silver.
    expect(c.groups).toEqual([
      { level: null, name: null, customers: 2, ordersBefore: 1, netBefore: "100.00", frequency: 0.5, netPerCustomer: "25.00", retained: 1, retention: 0.5 },
      { level: "silver", name: "银卡", customers: 1, ordersBefore: 1, netBefore: "3000.00", frequency: 1, netPerCustomer: "500.00", retained: 1, retention: 1 },
    ]);
  });

  it("divides money per customer exactly, rounding half away from zero", () => {
    expect([perCustomer(1_005_000n, 1), perCustomer(10_000_000n, 3), perCustomer(-5_000n, 1), perCustomer(0n, 0)]).toEqual(["1.01", "3.33", "-0.01", "0.00"]);
  });
});

describe.each(STORE_KINDS)("membership after a merge on %s", (kind) => {
  let store: Store;
  afterAll(async () => {
    await store?.close();
  });

  it("moves the merged customer's redemptions to the survivor and drops the rest of its rows", async () => {
    store = await freshStore(kind);
    await importLines(store.db, [line("Y", "Y1", "2026-01-05", "500"), line("Z", "Z1", "2026-02-05", "300")]);
    const ids = Object.fromEntries((await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()).map((r) => [r.external_id!, r.customer_id]));
    await applyMembership(store.db, { asOf: AS_OF });
    await recordManualEntry(store.db, { customerId: ids.Z!, kind: "redeem", points: 100, reason: "voucher", date: AS_OF }, ACTOR);
    await mergeCustomers(store.db, ids.Y!, ids.Z!);
    await applyMembership(store.db, { asOf: AS_OF });
    const y = await customerMembership(store.db, ids.Y!);
    // Z's order moved with the merge: 500 + 300 earned, less Z's 100 redeemed.
    expect(y.standing).toMatchObject({ earned: 800, redeemed: 100, balance: 700 });
    expect(y.entries.find((e) => e.kind === "redeem")).toMatchObject({ points: -100, reason: "voucher" });
    const left = await sql<{ n: number }>`select count(*)::int as n from membership_ledger where customer_id = ${ids.Z!}`.execute(store.db);
    expect(left.rows[0]!.n).toBe(0);
  });

  it("keeps a redemption recorded after the day the programme is applied as of, and refuses one dated in the future", async () => {
    const y = (await store.db.selectFrom("customers").select("customer_id").where("external_id", "=", "Y").executeTakeFirstOrThrow()).customer_id;
    const nextWeek = dayText(dayNumber(todayIn("Asia/Shanghai")) + 7);
    expect(await errorOf(recordManualEntry(store.db, { customerId: y, kind: "redeem", points: 50, reason: "early voucher", date: nextWeek }, ACTOR))).toMatchObject({ code: "BAD_INPUT", field: "date" });
    await recordManualEntry(store.db, { customerId: y, kind: "redeem", points: 50, reason: "later voucher", date: "2026-11-23" }, ACTOR);
    await applyMembership(store.db, { asOf: "2026-06-30" });
    const m = await customerMembership(store.db, y);
    expect(m.entries.filter((e) => e.kind === "redeem").map((e) => e.reason).sort()).toEqual(["later voucher", "voucher"]);
    expect(m.standing).toMatchObject({ redeemed: 150, balance: 650 });
  });
});
