import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  createCustomer,
  customerTimeline,
  findDuplicates,
  getCustomer,
  mergeCustomers,
  searchCustomers,
  setCustomerState,
  updateCustomer,
} from "../../src/archive/customers.service.ts";
import type { Store } from "../../src/store/connect.ts";
import { aggregateSnapshot, importCustomers, importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

describe.each(STORE_KINDS)("customer archive on %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await store.db.insertInto("users").values({ email: "li@shop.cn", name: "李娜", role: "agent", team: "east" }).execute();
  });
  afterAll(async () => {
    await store?.close();
  });

  it("creates an enterprise customer with profile, key dates and contact people", async () => {
    const id = await createCustomer(store.db, {
      externalId: "E1",
      kind: "enterprise",
      name: "杭州明远科技有限公司",
      phone: "0571-88886666",
      profile: { basic: { industry: "software" }, business_status: { employees: 120 } },
      keyDates: [{ kind: "company_anniversary", calendar: "gregorian", year: 2009, month: 6, day: 18 }],
      contacts: [{ name: "王强", title: "采购经理", isDecisionMaker: true }],
      ownerEmail: "li@shop.cn",
    });
    const c = await getCustomer(store.db, id);
    expect(c).toMatchObject({ kind: "enterprise", name: "杭州明远科技有限公司", state: "current" });
    expect(c.profile).toEqual({ basic: { industry: "software" }, business_status: { employees: 120 } });
    expect(c.keyDates).toMatchObject([{ kind: "company_anniversary", month: 6, day: 18, year: 2009 }]);
    expect(c.contacts).toMatchObject([{ name: "王强", is_decision_maker: true }]);
    expect(c.owner).toMatchObject({ email: "li@shop.cn" });
    expect(c.identities).toEqual([{ source: "default", external_id: "E1" }]);
    await expect(createCustomer(store.db, { externalId: "E1" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("updates with a version check, so two editors never overwrite each other silently", async () => {
    const id = await createCustomer(store.db, { externalId: "V1", name: "Ann" });
    const { version } = await getCustomer(store.db, id);
    const first = await updateCustomer(store.db, id, { email: "ann@example.com", profile: { career: { title: "nurse" } } }, { expectedVersion: version });
    expect(first.version).toBe(version + 1);
    await expect(updateCustomer(store.db, id, { name: "Anne" }, { expectedVersion: version })).rejects.toMatchObject({ code: "CONFLICT" });
    const c = await getCustomer(store.db, id);
    expect(c).toMatchObject({ name: "Ann", email: "ann@example.com", profile: { career: { title: "nurse" } } });
  });

  it("keeps every state change with its reason, oldest first", async () => {
    const id = await createCustomer(store.db, { externalId: "S1", state: "potential" });
    await setCustomerState(store.db, id, "target", { reason: "asked for a quote" });
    await setCustomerState(store.db, id, "current", { reason: "first order" });
    expect(await setCustomerState(store.db, id, "current")).toEqual({ changed: false });
    await expect(setCustomerState(store.db, id, "gone" as never)).rejects.toMatchObject({ code: "BAD_INPUT" });
    const c = await getCustomer(store.db, id);
    expect(c.stateHistory.map((s) => [s.from_state, s.to_state, s.reason])).toEqual([
      [null, "potential", "created"],
      ["potential", "target", "asked for a quote"],
      ["target", "current", "first order"],
    ]);
  });

  it("merges orders, contacts and state changes into one timeline, newest first, and pages it", async () => {
    await importLines(store.db, [
      { customerRef: "T1", orderNo: "T-1", orderedAt: "2024-01-01T10:00:00", quantity: "1", unitPrice: "5" },
      { customerRef: "T1", orderNo: "T-2", orderedAt: "2024-03-01T10:00:00", quantity: "1", unitPrice: "7" },
    ]);
    const id = (await searchCustomers(store.db, "T1"))[0]!.customer_id;
    await store.db.insertInto("interactions").values({ customer_id: id!, occurred_at: "2024-02-01T09:00:00Z", channel: "phone", purpose: "follow_up", external_ref: "i1" }).execute();
    const events = await customerTimeline(store.db, id!);
    const kinds = events.map((e) => e.kind);
    // The customer was created (a state change) today, after its 2024 orders.
    expect(kinds).toEqual(["state_change", "order", "interaction", "order"]);
    for (let i = 1; i < events.length; i++) expect(events[i - 1]!.at.getTime()).toBeGreaterThanOrEqual(events[i]!.at.getTime());
    expect(events[1]!.data).toMatchObject({ orderNo: "T-2", lines: 1, baseAmount: "7" });
    const page2 = await customerTimeline(store.db, id!, { limit: 2, before: events[1]! });
    expect(page2.map((e) => e.ref)).toEqual(events.slice(2, 4).map((e) => e.ref));
  });

  it("finds likely duplicates and merges them keeping both histories", async () => {
    await importCustomers(store.db, [
      { externalId: "M1", name: "张伟", phone: "13800001111", tags: ["vip"], profile: { basic: { city: "杭州" } } },
      { externalId: "M2", name: "张 伟", phone: "138-0000-1111", email: "zw@example.com", tags: ["wechat"], profile: { basic: { city: "上海", gender: "男" } } },
    ]);
    await importLines(store.db, [
      { customerRef: "M1", orderNo: "X1", orderedAt: "2024-01-01", quantity: "1", unitPrice: "10" },
      { customerRef: "M2", orderNo: "X2", orderedAt: "2024-02-01", quantity: "1", unitPrice: "20" },
    ]);
    // Another system recorded order X1 under M2 as well (one file refuses that; two files may).
    await importLines(store.db, [{ customerRef: "M2", orderNo: "X1", orderedAt: "2024-01-01", quantity: "1", unitPrice: "10" }]);
    const [m1] = await searchCustomers(store.db, "M1");
    const [m2] = await searchCustomers(store.db, "M2");
    const dups = await findDuplicates(store.db);
    expect(dups).toContainEqual({ a: m1!.customer_id, b: m2!.customer_id, reasons: ["same phone 13800001111"] });

    await mergeCustomers(store.db, m1!.customer_id, m2!.customer_id);
    const merged = await getCustomer(store.db, m1!.customer_id);
    expect(merged).toMatchObject({ name: "张伟", email: "zw@example.com", tags: ["vip", "wechat"], profile: { basic: { city: "杭州", gender: "男" } } });
    expect(merged.identities.map((i) => i.external_id).sort()).toEqual(["M1", "M2"]);
    const orders = await store.db.selectFrom("orders").select("order_no").where("customer_id", "=", m1!.customer_id).orderBy("order_no").execute();
    expect(orders.map((o) => o.order_no)).toEqual(["X1", `X1~merged-${m2!.customer_id}`, "X2"]);
    expect(merged.aggregates).toMatchObject({ orders: 3, sales: "40" });
    const tomb = await getCustomer(store.db, m2!.customer_id);
    expect(tomb).toMatchObject({ merged_into: m1!.customer_id, state: "non_customer", aggregates: null });
    expect(await findDuplicates(store.db)).not.toContainEqual(expect.objectContaining({ b: m2!.customer_id }));
    await expect(mergeCustomers(store.db, m1!.customer_id, m2!.customer_id)).rejects.toMatchObject({ code: "CONFLICT" });
    // Orders for M2's external id now land on the survivor.
    await importLines(store.db, [{ customerRef: "M2", orderNo: "X3", orderedAt: "2024-03-01", quantity: "1", unitPrice: "5" }]);
    expect((await getCustomer(store.db, m1!.customer_id)).aggregates).toMatchObject({ orders: 4 });
    const snap = await aggregateSnapshot(store.db);
    expect(snap.totals.find((t) => t.external_id === "M2")).toBeUndefined();
  });

  it("searches by name, phone, e-mail and external id", async () => {
    expect((await searchCustomers(store.db, "杭州明远")).map((c) => c.external_id)).toEqual(["E1"]);
    expect((await searchCustomers(store.db, "ANN@")).map((c) => c.external_id)).toEqual(["V1"]);
    expect((await searchCustomers(store.db, "0571")).map((c) => c.external_id)).toEqual(["E1"]);
    expect(await searchCustomers(store.db, "%")).toEqual([]);
  });

  it("re-importing the same customers file changes nothing; a changed field updates and bumps the version", async () => {
    const rows = [{ externalId: "R1", name: "Bo", tags: ["a"], birthday: undefined, keyDates: [{ kind: "birthday" as const, calendar: "lunar" as const, month: 8, day: 15 }] }];
    expect(await importCustomers(store.db, rows)).toMatchObject({ landed: 1 });
    expect(await importCustomers(store.db, rows)).toMatchObject({ landed: 0, updated: 0, unchanged: 1 });
    expect(await importCustomers(store.db, [{ ...rows[0]!, name: "Bob" }])).toMatchObject({ updated: 1 });
    const [r1] = await searchCustomers(store.db, "R1");
    const c = await getCustomer(store.db, r1!.customer_id);
    expect(c).toMatchObject({ name: "Bob", version: 3 });
    expect(c.keyDates).toHaveLength(1);
  });
});
