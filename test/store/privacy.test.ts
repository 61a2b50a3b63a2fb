import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCustomer, mergeCustomers, searchCustomers } from "../../src/archive/customers.service.ts";
import { eraseCustomer, exportCustomerData, PERSONAL_DATA_FORMAT } from "../../src/archive/privacy.service.ts";
import { listAudit, recordChange, type Actor } from "../../src/audit/audit.repository.ts";
import type { Store } from "../../src/store/connect.ts";
import { enqueueEvent } from "../../src/webhooks/outbox.ts";
import { createWebhook } from "../../src/webhooks/webhooks.repository.ts";
import { importCustomers, importLines } from "../support/import-rows.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

/** Every string that identifies the person: none may survive an erasure. */
const PERSONAL = {
  name: "欧阳娜娜",
  email: "nana.ouyang@example.com",
  phone: "13912345678",
  oldName: "欧阳 娜娜",
  oldEmail: "nana@old.example.com",
  oldPhone: "139-1234-5678",
  contactName: "欧阳建国",
  contactPhone: "13800009999",
  wechat: "nana_wx_88",
  nickname: "小娜宝贝",
  birthdayLabel: "娜娜的生日",
};

describe.each(STORE_KINDS)("personal-data requests on %s", (kind) => {
  let store: Store;
  let actor: Actor;
  let id: number;
  let oldId: number;
  let otherId: number;

  const idOf = async (externalId: string) => (await searchCustomers(store.db, externalId))[0]!.customer_id;

  /** Every row held about the customers, plus the whole audit log and webhook outbox. */
  async function dumpRows(ids: number[]) {
    const db = store.db;
    const byCustomer = async (table: "customers" | "customer_identities" | "customer_key_dates" | "customer_contacts" | "customer_state_changes"
      | "orders" | "order_lines" | "interactions" | "complaints" | "customer_aggregates" | "customer_month_aggregates") =>
      db.selectFrom(table).selectAll().where("customer_id", "in", ids).execute();
    return {
      customers: await byCustomer("customers"),
      identities: await byCustomer("customer_identities"),
      keyDates: await byCustomer("customer_key_dates"),
      contacts: await byCustomer("customer_contacts"),
      states: await byCustomer("customer_state_changes"),
      merges: await db.selectFrom("customer_merges").selectAll()
        .where((eb) => eb.or([eb("customer_id", "in", ids), eb("merged_customer_id", "in", ids)])).execute(),
      orders: await byCustomer("orders"),
      lines: await byCustomer("order_lines"),
      interactions: await byCustomer("interactions"),
      complaints: await byCustomer("complaints"),
      aggregates: await byCustomer("customer_aggregates"),
      months: await byCustomer("customer_month_aggregates"),
      audit: await db.selectFrom("audit_log").selectAll().execute(),
      deliveries: await db.selectFrom("webhook_deliveries").selectAll().execute(),
    };
  }

  /** The order lines and aggregates, without the refresh time. */
  async function figures() {
    const ids = [id, oldId];
    return {
      lines: await store.db.selectFrom("order_lines").selectAll().where("customer_id", "in", ids).orderBy("order_id").orderBy("line_no").execute(),
      orders: await store.db.selectFrom("orders").selectAll().where("customer_id", "in", ids).orderBy("order_id").execute(),
      totals: await store.db.selectFrom("customer_aggregates").selectAll().where("customer_id", "in", ids).execute()
        .then((rows) => rows.map(({ updated_at: _, ...r }) => r)),
      months: await store.db.selectFrom("customer_month_aggregates").selectAll().where("customer_id", "in", ids).orderBy("month").execute(),
    };
  }

  beforeAll(async () => {
    store = await freshStore(kind);
    const admin = await store.db.insertInto("users").values({ email: "admin@shop.cn", name: "Admin", role: "admin", team: null })
      .returning("user_id").executeTakeFirstOrThrow();
    actor = { userId: admin.user_id, label: "admin@shop.cn" };
    await importCustomers(store.db, [
      { externalId: "REF", name: "Referrer" },
      {
        externalId: "P1",
        name: PERSONAL.name,
        email: PERSONAL.email,
        phone: PERSONAL.phone,
        tags: ["vip", "wechat"],
        profile: { basic: { city: "苏州", nickname: PERSONAL.nickname }, family: { children: 2 } },
        fieldSources: { "basic.city": "survey" },
        custom: { wechat: PERSONAL.wechat },
        sourceChannel: "referral",
        referredBy: "REF",
        keyDates: [{ kind: "birthday", label: PERSONAL.birthdayLabel, calendar: "lunar", year: 1990, month: 8, day: 15 }],
        contacts: [{ name: PERSONAL.contactName, phone: PERSONAL.contactPhone, title: "父亲" }],
      },
      { externalId: "P2", name: PERSONAL.oldName, email: PERSONAL.oldEmail, phone: PERSONAL.oldPhone, tags: ["old"] },
      { externalId: "Q1", name: "Someone Else", email: "else@example.com", phone: "13700000000" },
    ]);
    await importLines(store.db, [
      { customerRef: "P1", orderNo: "A-1", orderedAt: "2024-01-05T10:00:00", sku: "SCARF", description: "Silk scarf", quantity: "2", unitPrice: "50", discount: "5" },
      { customerRef: "P1", orderNo: "A-1", orderedAt: "2024-01-05T10:00:00", sku: "PIN", description: "Brooch", quantity: "1", unitPrice: "20" },
      { customerRef: "P1", orderNo: "A-2", orderedAt: "2024-03-02T10:00:00", sku: "SCARF", description: "Silk scarf", quantity: "-1", unitPrice: "50", isReturn: true },
      { customerRef: "P2", orderNo: "B-1", orderedAt: "2023-11-11T09:00:00", sku: "PIN", description: "Brooch", quantity: "3", unitPrice: "20" },
      { customerRef: "Q1", orderNo: "Q-1", orderedAt: "2024-02-01T09:00:00", sku: "PIN", quantity: "1", unitPrice: "20" },
    ]);
    [id, oldId, otherId] = [await idOf("P1"), await idOf("P2"), await idOf("Q1")];
    await mergeCustomers(store.db, id, oldId, { userId: actor.userId });

    await store.db.insertInto("interactions").values({
      customer_id: id, occurred_at: "2024-02-01T09:00:00Z", channel: "phone", direction: "outbound", purpose: "follow_up", outcome: "reached",
      notes: `Called ${PERSONAL.name} on ${PERSONAL.phone}`, user_id: actor.userId, external_ref: "i-1",
    }).execute();
    await store.db.insertInto("complaints").values({
      customer_id: id, opened_at: "2024-03-01T09:00:00Z", channel: "email", category: "quality", severity: "high",
      description: `Mail from ${PERSONAL.email}: the scarf tore`, status: "resolved", resolved_at: "2024-03-03T09:00:00Z", external_ref: "c-1",
    }).execute();
    await recordChange(store.db, actor, {
      action: "customer.updated", entityType: "customer", entityId: id, customerId: id,
      before: { email: PERSONAL.oldEmail }, after: { name: PERSONAL.name, email: PERSONAL.email, phone: PERSONAL.phone },
    });
    await recordChange(store.db, actor, { action: "customer.updated", entityType: "customer", entityId: otherId, customerId: otherId, before: { name: "Someone" }, after: { name: "Someone Else" } });
    await createWebhook(store.db, { url: "https://example.com/hook", events: ["*"] });
    await enqueueEvent(store.db, "customer.updated", { customerId: id, name: PERSONAL.name, email: PERSONAL.email });
    await enqueueEvent(store.db, "customer.updated", { customerId: otherId, name: "Someone Else" });
  });
  afterAll(async () => {
    await store?.close();
  });

  it("exports everything held about the customer", async () => {
    const data = await exportCustomerData(store.db, id);
    const json = JSON.stringify(data);
    expect(data.format).toBe(PERSONAL_DATA_FORMAT);
    expect(new Date(data.exportedAt).toISOString()).toBe(data.exportedAt);
    expect(data.customer).toMatchObject({
      customer_id: id, name: PERSONAL.name, email: PERSONAL.email, phone: PERSONAL.phone, tags: ["old", "vip", "wechat"],
      custom: { wechat: PERSONAL.wechat }, source_channel: "referral", erased_at: null,
    });
    expect(data.customer.referred_by).toBe(await idOf("REF"));
    expect(data.mergedCustomers).toMatchObject([{ customer_id: oldId, name: PERSONAL.oldName, merged_into: id }]);
    expect(data.identities.map((i) => i.external_id).sort()).toEqual(["P1", "P2"]);
    expect(data.keyDates).toMatchObject([{ kind: "birthday", label: PERSONAL.birthdayLabel, month: 8, day: 15, calendar: "lunar" }]);
    expect(data.contacts).toMatchObject([{ name: PERSONAL.contactName, phone: PERSONAL.contactPhone }]);
    expect(data.stateHistory.length).toBeGreaterThanOrEqual(2);
    expect(data.merges).toHaveLength(1);
    expect(JSON.stringify(data.merges[0]!.snapshot)).toContain(PERSONAL.oldEmail);
    expect(data.orders.map((o) => [o.order_no, o.lines.length])).toEqual([["B-1", 1], ["A-1", 2], ["A-2", 1]]);
    expect(data.interactions).toMatchObject([{ channel: "phone", notes: expect.stringContaining(PERSONAL.name) }]);
    expect(data.complaints).toMatchObject([{ category: "quality", description: expect.stringContaining(PERSONAL.email) }]);
    expect(data.aggregates.customer).toMatchObject({ orders: 2 });
    expect(data.aggregates.months.map((m) => m.month)).toEqual(["2023-11-01", "2024-01-01", "2024-03-01"]);
    expect(data.audit.map((a) => a.action)).toContain("customer.updated");
    for (const s of [PERSONAL.name, PERSONAL.email, PERSONAL.phone, PERSONAL.oldName, PERSONAL.contactName, PERSONAL.nickname]) expect(json).toContain(s);
    expect(json).not.toContain("Someone Else");
    await expect(exportCustomerData(store.db, 999_999)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("an erasure that rolls back with its caller's transaction changes nothing", async () => {
    const before = await dumpRows([id, oldId]);
    await expect(store.db.transaction().execute(async (trx) => {
      await eraseCustomer(trx, id, actor);
      throw new Error("the request failed later");
    })).rejects.toThrow("the request failed later");
    expect(await dumpRows([id, oldId])).toEqual(before);
  });

  it("erases every personal field, keeping orders and aggregates as they were", async () => {
    const figuresBefore = await figures();
    const before = await getCustomer(store.db, id);
    const other = await dumpRows([otherId]);
    const held = JSON.stringify(await dumpRows([id, oldId]));
    for (const s of Object.values(PERSONAL)) expect(held).toContain(s);

    const res = await eraseCustomer(store.db, id, actor);
    expect(res).toMatchObject({
      customerId: id,
      alreadyErased: false,
      removed: { mergedCustomers: 1, identities: 2, keyDates: 1, contacts: 1, interactionNotes: 1, complaintDescriptions: 1, complaintRecords: 0, praise: 0, surveyAnswers: 0, mergeSnapshots: 1, webhookPayloads: 1 },
    });
    if (res.alreadyErased) throw new Error("unreachable");
    expect(res.removed.auditEntries).toBeGreaterThanOrEqual(1);

    const after = await getCustomer(store.db, id);
    expect(after).toMatchObject({
      name: null, email: null, phone: null, profile: {}, field_sources: {}, custom: {}, tags: [], source_channel: null, referred_by: null,
      external_id: `erased-${id}`, state: before.state, kind: before.kind, version: before.version + 1, identities: [], keyDates: [], contacts: [],
    });
    expect(after.erased_at).toBeInstanceOf(Date);
    expect(after.stateHistory).toEqual(before.stateHistory);
    expect(await getCustomer(store.db, oldId)).toMatchObject({ name: null, email: null, phone: null, tags: [], external_id: `erased-${oldId}`, merged_into: id });

    const [interaction] = await store.db.selectFrom("interactions").selectAll().where("customer_id", "=", id).execute();
    expect(interaction).toMatchObject({ channel: "phone", direction: "outbound", purpose: "follow_up", outcome: "reached", notes: null });
    const [complaint] = await store.db.selectFrom("complaints").selectAll().where("customer_id", "=", id).execute();
    expect(complaint).toMatchObject({ channel: "email", category: "quality", severity: "high", status: "resolved", description: null });
    expect(await figures()).toEqual(figuresBefore);

    // Not a trace of the person in anything held about them, nor in the audit log or the outbox.
    const everything = JSON.stringify({ rows: await dumpRows([id, oldId]), export: await exportCustomerData(store.db, id) });
    for (const s of Object.values(PERSONAL)) expect(everything).not.toContain(s);
    const identities = await store.db.selectFrom("customer_identities").select("external_id").execute();
    expect(identities.map((i) => i.external_id)).not.toContain("P1");
    expect(identities.map((i) => i.external_id)).not.toContain("P2");

    // Someone else's data is untouched (apart from the erasure's own audit entry and event).
    const otherAfter = await dumpRows([otherId]);
    expect({ ...otherAfter, audit: undefined, deliveries: undefined }).toEqual({ ...other, audit: undefined, deliveries: undefined });
    expect(JSON.stringify(otherAfter.audit)).toContain("Someone Else");
    expect(JSON.stringify(otherAfter.deliveries)).toContain("Someone Else");

    const [entry] = await listAudit(store.db, { customerId: id, limit: 1 });
    expect(entry).toMatchObject({ action: "customer.erased", entity_type: "customer", entity_id: String(id), customer_id: id, actor: "admin@shop.cn", before: null });
    const erasedEvent = await store.db.selectFrom("webhook_deliveries").select("payload").where("event", "=", "customer.erased").executeTakeFirstOrThrow();
    expect(erasedEvent.payload).toMatchObject({ event: "customer.erased", data: { customerId: id } });
  });

  it("the audit log still refuses plain updates and deletes after an erasure", async () => {
    await expect(store.db.updateTable("audit_log").set({ after: null }).where("customer_id", "=", otherId).execute()).rejects.toThrow(/append-only/);
    await expect(store.db.deleteFrom("audit_log").where("customer_id", "=", id).execute()).rejects.toThrow(/append-only/);
    expect(JSON.stringify(await listAudit(store.db, { customerId: otherId }))).toContain("Someone Else");
  });

  it("erasing again changes nothing", async () => {
    const before = await dumpRows([id, oldId]);
    expect(await eraseCustomer(store.db, id, actor)).toEqual({ customerId: id, alreadyErased: true });
    expect(await dumpRows([id, oldId])).toEqual(before);
    await expect(eraseCustomer(store.db, 999_999, actor)).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("a re-import under the erased external id creates a new customer", async () => {
    expect(await importCustomers(store.db, [{ externalId: "P1", name: "Returning customer" }])).toMatchObject({ landed: 1 });
    const fresh = await idOf("P1");
    expect(fresh).not.toBe(id);
    expect((await getCustomer(store.db, id)).name).toBeNull();
  });

  it("a merged tombstone can be erased on its own", async () => {
    await importCustomers(store.db, [
      { externalId: "T1", name: "Tom Survivor", email: "tom@example.com" },
      { externalId: "T2", name: "Tommy Tombstone", email: "tommy@example.com" },
    ]);
    const [t1, t2] = [await idOf("T1"), await idOf("T2")];
    await mergeCustomers(store.db, t1, t2);
    const res = await eraseCustomer(store.db, t2, actor);
    expect(res).toMatchObject({ alreadyErased: false, removed: { mergedCustomers: 0, identities: 0, mergeSnapshots: 1 } });
    expect(await getCustomer(store.db, t2)).toMatchObject({ name: null, email: null, merged_into: t1, external_id: `erased-${t2}` });
    const survivor = await getCustomer(store.db, t1);
    expect(survivor).toMatchObject({ name: "Tom Survivor", email: "tom@example.com", erased_at: null });
    expect(survivor.identities.map((i) => i.external_id)).toEqual(["T1", "T2"]);
    const merges = await store.db.selectFrom("customer_merges").select("snapshot").where("merged_customer_id", "=", t2).execute();
    expect(merges).toEqual([{ snapshot: { erased: true } }]);
    expect(JSON.stringify(await dumpRows([t1, t2]))).not.toContain("Tommy");
  });
});
