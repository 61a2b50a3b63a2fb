import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/audit/audit.repository.ts";
import { applyMembership } from "../../src/membership/membership.service.ts";
import { decideSuggestion, listSuggestions, recordSuggestion, suggestionCounts } from "../../src/retention/community/suggestions.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { errorOf } from "../support/errors.ts";
import { importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const MANAGER: Actor = { userId: null, label: "manager@example.com" };

describe.each(STORE_KINDS)("community plan suggestions on %s", (kind) => {
  let store: Store;
  const id: Record<string, number> = {};
  const ledger = async (c: number) =>
    (await sql<{ kind: string; points: number; reason: string | null }>`select kind, points::int as points, reason from membership_ledger
      where customer_id = ${c} and kind = 'adjust' order by entry_no`.execute(store.db)).rows;

  beforeAll(async () => {
    store = await freshStore(kind);
    // MEMBER buys and so joins the default programme's first level; GUEST has no orders.
    expect((await importLines(store.db, [{ customerRef: "MEMBER", orderNo: "M1", orderedAt: "2026-06-01", quantity: "1", amount: "500" }])).refused).toEqual([]);
    await store.db.insertInto("customers").values({ name: "GUEST", external_id: "GUEST" }).execute();
    for (const r of await store.db.selectFrom("customers").select(["customer_id", "external_id"]).execute()) id[r.external_id!] = r.customer_id;
    await applyMembership(store.db, { asOf: "2026-06-30" });
  });
  afterAll(async () => store?.close());

  it("records a suggestion as new and lists it by status", async () => {
    const s = await recordSuggestion(store.db, id.MEMBER!, { channel: "wechat", text: "  周末能不能延长营业时间？ " });
    expect(s).toMatchObject({ customerId: id.MEMBER, channel: "wechat", text: "周末能不能延长营业时间？", status: "new", rewarded: false, member: true, decidedBy: null });
    expect(await errorOf(recordSuggestion(store.db, id.MEMBER!, { channel: "wechat", text: "   " }))).toMatchObject({ code: "BAD_INPUT", field: "text" });
    expect(await errorOf(recordSuggestion(store.db, id.MEMBER!, { channel: "pigeon" as never, text: "x" }))).toMatchObject({ code: "BAD_INPUT", field: "channel" });
    expect(await errorOf(recordSuggestion(store.db, 999_999, { channel: "store", text: "x" }))).toMatchObject({ code: "NOT_FOUND" });
    expect((await listSuggestions(store.db, { status: "new", limit: 10 })).items.map((x) => x.id)).toEqual([s.id]);
    expect((await listSuggestions(store.db, { status: "accepted", limit: 10 })).items).toEqual([]);
  });

  it("rewards an accepted suggestion once, with points in the ledger naming it, in the same change as the decision", async () => {
    const s = await recordSuggestion(store.db, id.MEMBER!, { channel: "store", text: "收银台加一个扫码枪" });
    const { before, after } = await decideSuggestion(store.db, s.id, { status: "accepted", rewardPoints: 200, rewardNote: "感谢卡" }, MANAGER);
    expect(before.status).toBe("new");
    expect(after).toMatchObject({ status: "accepted", rewardPoints: 200, rewardNote: "感谢卡", rewarded: true });
    expect(after.decidedAt).toBeInstanceOf(Date);
    expect(await ledger(id.MEMBER!)).toEqual([{ kind: "adjust", points: 200, reason: `Community plan: reward for suggestion #${s.id}` }]);

    // Implemented later: the status moves, no second reward.
    expect((await decideSuggestion(store.db, s.id, { status: "implemented" }, MANAGER)).after).toMatchObject({ status: "implemented", rewardPoints: 200 });
    expect(await errorOf(decideSuggestion(store.db, s.id, { status: "implemented", rewardPoints: 50 }, MANAGER))).toMatchObject({ code: "CONFLICT", field: "rewardPoints" });
    expect(await errorOf(decideSuggestion(store.db, s.id, { status: "implemented", rewardNote: "再送一张" }, MANAGER))).toMatchObject({ code: "CONFLICT", field: "rewardNote" });
    expect(await errorOf(decideSuggestion(store.db, s.id, { status: "declined" }, MANAGER))).toMatchObject({ code: "CONFLICT", field: "status" });
    expect(await ledger(id.MEMBER!)).toHaveLength(1);
  });

  it("gives a customer who is not a member a note-only reward, and refuses points without deciding anything", async () => {
    const s = await recordSuggestion(store.db, id.GUEST!, { channel: "phone", text: "希望有送货上门" });
    expect(s.member).toBe(false);
    const refused = await errorOf(decideSuggestion(store.db, s.id, { status: "accepted", rewardPoints: 100 }, MANAGER));
    expect(refused).toMatchObject({ code: "CONFLICT", field: "rewardPoints" });
    expect(refused.message).toContain("not a member");
    // The refusal rolled back the decision too.
    expect((await listSuggestions(store.db, { customerId: id.GUEST!, limit: 10 })).items[0]).toMatchObject({ status: "new", decidedAt: null });
    const { after } = await decideSuggestion(store.db, s.id, { status: "accepted", rewardNote: "赠送保温杯一只" }, MANAGER);
    expect(after).toMatchObject({ status: "accepted", rewardPoints: null, rewardNote: "赠送保温杯一只", rewarded: true });
    expect(await ledger(id.GUEST!)).toEqual([]);
  });

  it("declines without a reward, refuses bad points, and counts by status", async () => {
    const s = await recordSuggestion(store.db, id.MEMBER!, { channel: "email", text: "全部商品打五折" });
    expect(await errorOf(decideSuggestion(store.db, s.id, { status: "declined", rewardPoints: 10 }, MANAGER))).toMatchObject({ code: "BAD_INPUT", field: "rewardPoints" });
    expect(await errorOf(decideSuggestion(store.db, s.id, { status: "accepted", rewardPoints: 1.5 }, MANAGER))).toMatchObject({ code: "BAD_INPUT", field: "rewardPoints" });
    expect(await errorOf(decideSuggestion(store.db, s.id, { status: "new" as never }, MANAGER))).toMatchObject({ code: "BAD_INPUT", field: "status" });
    expect((await decideSuggestion(store.db, s.id, { status: "declined" }, MANAGER)).after).toMatchObject({ status: "declined", rewarded: false });
    expect(await suggestionCounts(store.db)).toEqual({ new: 1, accepted: 1, implemented: 1, declined: 1 });
    const page1 = await listSuggestions(store.db, { limit: 3 });
    const page2 = await listSuggestions(store.db, { limit: 3, beforeId: page1.nextBeforeId! });
    expect([...page1.items, ...page2.items].map((x) => x.text)).toEqual(["全部商品打五折", "希望有送货上门", "收银台加一个扫码枪", "周末能不能延长营业时间？"]);
    expect(page2.nextBeforeId).toBeNull();
  });
});
