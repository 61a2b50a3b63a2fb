import type { Kysely } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { customerTimeline, mergeCustomers } from "../../src/archive/customers.service.ts";
import { eraseCustomer } from "../../src/archive/privacy.service.ts";
import { consentsOf, setConsent } from "../../src/messages/consent.ts";
import { sendOnce, type Sender } from "../../src/messages/outbox.ts";
import { closeTask, createTasks } from "../../src/retention/tasks/tasks.repository.ts";
import type { Store } from "../../src/store/connect.ts";
import type { Database } from "../../src/store/schema.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

/** The records acting on customers leaves (consents, tasks, messages, campaigns, prospects, suggestions) through the timeline, merges and erasure. */
describe.each(STORE_KINDS)("contact records of a customer on %s", (kind) => {
  let store: Store;
  let db: Kysely<Database>;
  const sender: Sender = { channel: "email", send: async () => ({ providerId: "p" }) };
  const mk = async (name: string) => Number((await db.insertInto("customers").values({ name, email: `${name}@example.com` }).returning("customer_id").executeTakeFirstOrThrow()).customer_id);
  const send = (customerId: number, key: string, subject: string) =>
    sendOnce(db, sender, { customerId, key, to: `${customerId}@example.com`, subject, text: "…" });
  beforeAll(async () => {
    store = await freshStore(kind);
    db = store.db;
  });
  afterAll(async () => store?.close());

  it("shows messages sent and tasks closed on the customer's timeline, newest first", async () => {
    const c = await mk("timeline");
    await send(c, "campaign-7", "Your spring preview, timeline");
    await createTasks(db, [
      { customerId: c, key: "call-1", kind: "call", title: "Call about the coat", dueOn: "2026-06-01", sourceType: "manual" },
      { customerId: c, key: "call-2", kind: "call", title: "Still open", dueOn: "2026-06-01", sourceType: "manual" },
    ]);
    const [task] = await db.selectFrom("tasks").select("task_id").where("customer_id", "=", c).where("task_key", "=", "call-1").execute();
    await closeTask(db, c, Number(task!.task_id), { status: "done", outcome: "reached, will visit", userId: null, at: new Date(Date.now() + 60_000) });

    const events = await customerTimeline(db, c);
    expect(events.map((e) => e.kind)).toEqual(["task", "message"]);
    expect(events[0]!.data).toMatchObject({ kind: "call", title: "Call about the coat", status: "done", outcome: "reached, will visit" });
    expect(events[1]!.data).toEqual({ channel: "email", subject: "Your spring preview, timeline", status: "sent", sendKey: "campaign-7" });
    // paging past the task gives the message
    const next = await customerTimeline(db, c, { before: { at: events[0]!.at, kind: "task", ref: Number(events[0]!.ref) } });
    expect(next.map((e) => e.kind)).toEqual(["message"]);
  });

  it("moves consents, tasks, campaign places, messages, prospect details and suggestions to the survivor of a merge", async () => {
    const survivor = await mk("survivor");
    const merged = await mk("merged");
    await setConsent(db, survivor, "email", "granted", "staff");
    await setConsent(db, merged, "email", "withdrawn", "unsubscribe_link");
    await setConsent(db, survivor, "sms", "withdrawn", "staff");
    await setConsent(db, merged, "sms", "granted", "staff");
    await setConsent(db, merged, "phone", "granted", "staff");
    await createTasks(db, [
      { customerId: survivor, key: "plan-1:q1", kind: "call", title: "Plan call", dueOn: "2026-06-01", sourceType: "plan" },
      { customerId: merged, key: "plan-1:q1", kind: "call", title: "Plan call", dueOn: "2026-06-01", sourceType: "plan" },
      { customerId: merged, key: "journey-9", kind: "journey.welcome", title: "Welcome", dueOn: "2026-06-01", sourceType: "journey" },
    ]);
    const campaign = Number((await db.insertInto("campaigns").values({ name: "Win back", kind: "winback", channel: "email", body: "…", audience: "{}", holdout_share: "0.1", seed: 1 })
      .returning("campaign_id").executeTakeFirstOrThrow()).campaign_id);
    const other = Number((await db.insertInto("campaigns").values({ name: "Preview", kind: "adhoc", channel: "email", body: "…", audience: "{}", holdout_share: "0", seed: 1 })
      .returning("campaign_id").executeTakeFirstOrThrow()).campaign_id);
    await db.insertInto("campaign_members").values([
      { customer_id: survivor, campaign_id: campaign, stratum: "key", control: true },
      { customer_id: merged, campaign_id: campaign, stratum: "small", control: false },
      { customer_id: merged, campaign_id: other, stratum: "small", control: false },
    ]).execute();
    await send(survivor, "campaign-1", "Survivor's copy");
    await send(merged, "campaign-1", "Merged's copy");
    await send(merged, "campaign-2", "Only the merged got this");
    await db.insertInto("prospect_details").values([{ customer_id: survivor, lead_source: "referral" }, { customer_id: merged, lead_source: "web" }]).execute();
    await db.insertInto("suggestions").values({ customer_id: merged, channel: "store", text: "Open on Sundays" }).execute();

    await mergeCustomers(db, survivor, merged);

    const consents = await db.selectFrom("contact_consents").select(["customer_id", "channel", "status"]).where("customer_id", "in", [survivor, merged]).orderBy("channel").execute();
    expect(consents.map((c) => [Number(c.customer_id), c.channel, c.status])).toEqual([
      [survivor, "email", "withdrawn"], [survivor, "phone", "granted"], [survivor, "sms", "withdrawn"],
    ]);
    const tasks = await db.selectFrom("tasks").select(["customer_id", "task_key", "status"]).where("customer_id", "in", [survivor, merged]).orderBy("task_key").execute();
    expect(tasks.map((t) => [Number(t.customer_id), t.task_key, t.status])).toEqual([
      [survivor, "journey-9", "open"], [survivor, "plan-1:q1", "open"], [survivor, `plan-1:q1~merged-${merged}`, "cancelled"],
    ]);
    const members = await db.selectFrom("campaign_members").select(["customer_id", "campaign_id", "control"]).where("customer_id", "in", [survivor, merged]).orderBy("campaign_id").execute();
    expect(members.map((m) => [Number(m.customer_id), Number(m.campaign_id), m.control])).toEqual([[survivor, campaign, true], [survivor, other, false]]);
    const sends = await db.selectFrom("message_sends").select(["customer_id", "send_key", "subject"]).where("customer_id", "in", [survivor, merged]).orderBy("send_key").execute();
    expect(sends.map((m) => [Number(m.customer_id), m.send_key, m.subject])).toEqual([[survivor, "campaign-1", "Survivor's copy"], [survivor, "campaign-2", "Only the merged got this"]]);
    const prospects = await db.selectFrom("prospect_details").select(["customer_id", "lead_source"]).where("customer_id", "in", [survivor, merged]).execute();
    expect(prospects.map((p) => [Number(p.customer_id), p.lead_source])).toEqual([[survivor, "referral"]]);
    expect((await db.selectFrom("suggestions").select("customer_id").where("text", "=", "Open on Sundays").executeTakeFirstOrThrow()).customer_id).toBe(survivor);
  });

  it("erases what contact records say of a customer but keeps the withdrawal that says not to contact them", async () => {
    const c = await mk("erased");
    await setConsent(db, c, "email", "withdrawn", "unsubscribe_link");
    await setConsent(db, c, "sms", "granted", "staff");
    await send(c, "campaign-3", "For erased, your size 38 coat");
    await createTasks(db, [{ customerId: c, key: "j", kind: "journey.welcome", title: "Welcome: erased", notes: "prefers evenings", dueOn: "2026-06-01", sourceType: "journey" }]);
    await db.insertInto("prospect_details").values({ customer_id: c, persuasion_type: "rational", persuasion_note: "compares prices at the mall" }).execute();
    await db.insertInto("suggestions").values({ customer_id: c, channel: "store", text: "My daughter wants smaller sizes", reward_note: "thanks, erased" }).execute();

    const res = await eraseCustomer(db, c, SYSTEM_ACTOR);
    expect(res).toMatchObject({ alreadyErased: false, removed: { contactRecords: 5 } });

    expect([...(await consentsOf(db, [c], "email"))]).toEqual([[c, "withdrawn"]]);
    expect((await consentsOf(db, [c], "sms")).size).toBe(0);
    const rows = JSON.stringify([
      await db.selectFrom("message_sends").selectAll().where("customer_id", "=", c).execute(),
      await db.selectFrom("tasks").selectAll().where("customer_id", "=", c).execute(),
      await db.selectFrom("prospect_details").selectAll().where("customer_id", "=", c).execute(),
      await db.selectFrom("suggestions").selectAll().where("customer_id", "=", c).execute(),
    ]);
    for (const secret of ["erased@", "size 38", "Welcome: erased", "prefers evenings", "compares prices", "smaller sizes", "thanks, erased"]) expect(rows).not.toContain(secret);
    const sent = await db.selectFrom("message_sends").select(["to_address", "subject"]).where("customer_id", "=", c).executeTakeFirstOrThrow();
    expect(sent).toEqual({ to_address: "", subject: null });
    // the send stays, so the same message is still never sent again
    expect((await send(c, "campaign-3", "again")).status).toBe("skipped");
  });
});
