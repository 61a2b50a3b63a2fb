import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { customerTimeline, getCustomer } from "../../src/archive/customers.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { prospectRows } from "../../src/retention/prospects/prospects.repository.ts";
import { convertProspect, createProspect, getProspect, updateProspect } from "../../src/retention/prospects/prospects.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { errorOf } from "../support/errors.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("prospects on %s", (kind) => {
  let store: Store;
  let rep: number;

  /** Saves a model run as of `asOf` with these look-alike scores. */
  const run = async (asOf: string, scores: Array<[number, number | null]>) => {
    const r = await sql<{ run_id: string }>`insert into model_runs (as_of, unit, horizon_days, params, quality, summary, customers)
      values (${asOf}::date, 'day', 90, '{}', '{}', '{}', ${scores.length}) returning run_id`.execute(store.db);
    for (const [c, look] of scores) {
      await sql`insert into customer_scores (customer_id, run_id, p_alive, expected_purchases, expected_order_value, clv, clv_low, clv_high, lookalike)
        values (${c}, ${r.rows[0]!.run_id}, 0.5, 1, 10, 10, 5, 20, ${look})`.execute(store.db);
    }
  };

  beforeAll(async () => {
    store = await freshStore(kind);
    rep = (await addUser(store.db, { email: "rep@example.com", name: "销售小李", role: "agent", team: null, password: "correct horse battery" }, SYSTEM_ACTOR)).id;
  });
  afterAll(async () => store?.close());

  it("creates a prospect with its lead source, referrer and details, and computes readiness from the signals", async () => {
    const referrer = await createProspect(store.db, { state: "target", name: "老客户 陈先生", externalId: "REF-1", leadSource: "event" });
    const id = await createProspect(store.db, {
      state: "potential", name: "张女士", email: "zhang@example.com", ownerId: rep, leadSource: "referral", referredBy: referrer,
      signals: ["asks_for_details", "compares_terms", "asks_for_details"], persuasionType: "rational", persuasionNote: "带上对比表",
    }, { userId: rep });
    const p = await getProspect(store.db, id);
    expect(p).toMatchObject({
      state: "potential", name: "张女士", owner: { id: rep, name: "销售小李" }, referredBy: { id: referrer, name: "老客户 陈先生" }, leadSource: "referral",
      // the seed's order, without repeats
      signals: ["compares_terms", "asks_for_details"], persuasionType: "rational", persuasionNote: "带上对比表", lookAlike: null, convertedAt: null,
    });
    expect(p.readiness).toBeCloseTo(2 / 6, 12);
    expect(p.externalId).toMatch(/^P-/);
    const c = await getCustomer(store.db, id);
    expect(c.stateHistory.map((s) => [s.from_state, s.to_state])).toEqual([[null, "potential"]]);

    expect(await errorOf(createProspect(store.db, { state: "current" as never, name: "x" }))).toMatchObject({ code: "BAD_INPUT", field: "state" });
    expect(await errorOf(createProspect(store.db, { state: "potential", name: "x", signals: ["smiles" as never] }))).toMatchObject({ code: "BAD_INPUT", field: "signals[0]" });
    expect(await errorOf(createProspect(store.db, { state: "potential", name: "x", referredBy: 999_999 }))).toMatchObject({ code: "BAD_INPUT", field: "referredBy" });
    expect(await store.db.selectFrom("customers").select("customer_id").where("name", "=", "x").execute()).toEqual([]);
  });

  it("ticks and clears signals, records the move from potential to target, and refuses a customer that is not a prospect", async () => {
    const id = await createProspect(store.db, { state: "potential", name: "王总", kind: "enterprise", leadSource: "club" });
    let { after } = await updateProspect(store.db, id, { signals: ["warmer_reception", "introduces_to_manager", "asks_for_discount"] }, { userId: rep });
    expect(after.signals).toEqual(["asks_for_discount", "introduces_to_manager", "warmer_reception"]);
    expect(after.readiness).toBe(0.5);
    ({ after } = await updateProspect(store.db, id, { signals: ["asks_for_discount"], state: "target", persuasionType: "indecisive" }, { userId: rep }));
    expect(after).toMatchObject({ state: "target", signals: ["asks_for_discount"], persuasionType: "indecisive", leadSource: "club" });
    const moves = (await getCustomer(store.db, id)).stateHistory.map((s) => [s.from_state, s.to_state, s.user_id]);
    expect(moves).toEqual([[null, "potential", null], ["potential", "target", rep]]);

    const current = (await importLines(store.db, [{ customerRef: "BUYER", orderedAt: "2026-01-05", quantity: "1", amount: "99" }])).refused;
    expect(current).toEqual([]);
    const buyer = (await store.db.selectFrom("customers").select("customer_id").where("external_id", "=", "BUYER").executeTakeFirstOrThrow()).customer_id;
    expect(await errorOf(updateProspect(store.db, buyer, { signals: ["compares_terms"] }))).toMatchObject({ code: "CONFLICT", field: "id" });
    expect(await errorOf(updateProspect(store.db, id, { state: "current" as never }))).toMatchObject({ code: "BAD_INPUT", field: "state" });
  });

  it("converts a prospect to a customer that keeps its id and everything recorded while it was a prospect; a second conversion is refused", async () => {
    const id = await createProspect(store.db, { state: "target", name: "刘先生", externalId: "PR-CONVERT", ownerId: rep, leadSource: "phone", signals: ["compares_terms"] });
    // A first order and a call, both while still a prospect.
    expect((await importLines(store.db, [{ customerRef: "PR-CONVERT", orderNo: "PC-1", orderedAt: "2026-03-01", quantity: "1", amount: "250" }])).refused).toEqual([]);
    await store.db.insertInto("interactions").values({ customer_id: id, occurred_at: new Date("2026-03-02T09:00:00Z"), channel: "phone", notes: "回访", user_id: rep, external_ref: "call-1" }).execute();
    expect((await getProspect(store.db, id)).state).toBe("target");

    const { before, after } = await convertProspect(store.db, id, { userId: rep });
    expect(before.state).toBe("target");
    expect(after).toMatchObject({ id, state: "current", signals: ["compares_terms"], leadSource: "phone" });
    expect(after.convertedAt).toBeInstanceOf(Date);

    const c = await getCustomer(store.db, id);
    expect(c.state).toBe("current");
    expect(c.stateHistory.at(-1)).toMatchObject({ from_state: "target", to_state: "current", reason: "converted from prospect", user_id: rep });
    const kinds = (await customerTimeline(store.db, id)).map((e) => e.kind).sort();
    expect(kinds).toEqual(["interaction", "order", "state_change", "state_change"]);
    expect(c.aggregates?.orders).toBe(1);

    expect(await errorOf(convertProspect(store.db, id))).toMatchObject({ code: "CONFLICT", field: "id" });
    expect((await getCustomer(store.db, id)).stateHistory).toHaveLength(2);
    expect(await errorOf(convertProspect(store.db, 999_999))).toMatchObject({ code: "NOT_FOUND" });
    // It leaves the prospect list and shows among the converted ones.
    expect((await prospectRows(store.db, {}, { sort: "newest", limit: 100 })).rows.map((r) => r.customer_id)).not.toContain(id);
    expect((await prospectRows(store.db, { state: "converted" }, { sort: "newest", limit: 100 })).rows.map((r) => r.customer_id)).toEqual([id]);
  });

  it("shows the look-alike score of the latest model run only, and sorts and pages by it and by readiness", async () => {
    const a = await createProspect(store.db, { state: "potential", name: "A", leadSource: "web", signals: ["compares_terms"] });
    const b = await createProspect(store.db, { state: "potential", name: "B", leadSource: "web", signals: ["compares_terms", "asks_for_details", "warmer_reception"] });
    const c = await createProspect(store.db, { state: "potential", name: "C", leadSource: "web" });
    await run("2026-05-31", [[a, 0.2], [b, 0.9], [c, 0.7]]);
    await run("2026-06-30", [[a, 0.8], [b, 0.1], [c, null]]);
    expect((await getProspect(store.db, a)).lookAlike).toEqual({ score: 0.8, runId: expect.any(Number), asOf: "2026-06-30" });
    // c was in the older run only: it is not scored now, whatever it was then.
    expect((await getProspect(store.db, c)).lookAlike).toBeNull();

    const web = { leadSource: "web" };
    const byLook = (await prospectRows(store.db, web, { sort: "lookalike", limit: 10 })).rows.map((r) => r.name);
    expect(byLook).toEqual(["A", "B", "C"]);
    expect((await prospectRows(store.db, { ...web, minLookAlike: 0.5 }, { sort: "lookalike", limit: 10 })).rows.map((r) => r.name)).toEqual(["A"]);
    const byReady = (await prospectRows(store.db, web, { sort: "readiness", limit: 10 })).rows.map((r) => r.name);
    expect(byReady).toEqual(["B", "A", "C"]);

    const pages: string[][] = [];
    let after;
    for (;;) {
      const p = await prospectRows(store.db, web, { sort: "lookalike", limit: 2, after });
      pages.push(p.rows.map((r) => r.name!));
      if (!p.next) break;
      after = p.next;
    }
    expect(pages).toEqual([["A", "B"], ["C"]]);

    // Converting keeps the score the prospect had then.
    expect((await convertProspect(store.db, a)).after.lookAlikeAtConversion).toBe(0.8);
  });

  it("lists an agent's book only when scoped", async () => {
    const mine = await createProspect(store.db, { state: "potential", name: "Mine", ownerId: rep, leadSource: "mail" });
    await createProspect(store.db, { state: "potential", name: "Nobody's", leadSource: "mail" });
    const scoped = await prospectRows(store.db, { leadSource: "mail", scope: { userId: rep, team: null } }, { sort: "newest", limit: 10 });
    expect(scoped.rows.map((r) => r.customer_id)).toEqual([mine]);
    expect((await prospectRows(store.db, { leadSource: "mail", ownerId: "none" }, { sort: "newest", limit: 10 })).rows.map((r) => r.name)).toEqual(["Nobody's"]);
  });
});
