import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { setComplaintSettings, SETTINGS_KEY } from "../../src/retention/complaints/complaint-settings.ts";
import { putFeatureSetting } from "../../src/store/settings.repository.ts";
import { testApp, type TestApp } from "../support/app.ts";
import { errorOf } from "../support/errors.ts";
import { STORE_KINDS } from "../support/stores.ts";

/** The settings as they were saved before categories had names and before the root-cause tree. */
const OLD_SETTINGS = {
  authority: { limits: { agent: "300.00", manager: "2000.00", admin: null } },
  sla: {
    bySeverity: {
      critical: { firstResponseMinutes: 60, resolutionMinutes: 480 }, high: { firstResponseMinutes: 120, resolutionMinutes: 960 },
      normal: { firstResponseMinutes: 240, resolutionMinutes: 1440 }, low: { firstResponseMinutes: 480, resolutionMinutes: 2880 },
    },
    warnAtFraction: 0.8,
    hours: { 1: [[540, 720], [780, 1080]], 2: [[540, 720], [780, 1080]], 3: [[540, 720], [780, 1080]], 4: [[540, 720], [780, 1080]], 5: [[540, 720], [780, 1080]], 6: [], 7: [] },
    holidayOverrides: {},
  },
  categories: ["quality", "delivery", "installation"],
};

const label = (en: string, zh: string) => ({ en, "zh-CN": zh, "zh-TW": zh });

describe.each(STORE_KINDS)("complaint root causes and the recognition report over HTTP (%s)", (kind) => {
  let t: TestApp;
  let mine: number;
  let theirs: number;
  beforeAll(async () => {
    t = await testApp(kind);
    const mk = async (externalId: string, name: string, ownerId: number) => (await t.as.admin.post("/api/customers", { externalId, name, ownerId })).json().id as number;
    mine = await mk("RC-MINE", "王先生", t.as.agent.userId);
    theirs = await mk("RC-THEIRS", "李女士", t.as.agent2.userId);
  });
  afterAll(async () => t?.close());

  const put = (body: unknown) => t.as.admin.request({ method: "PUT", url: "/api/complaints/settings", payload: body as object });
  const settings = async () => (await t.as.agent.get("/api/complaints/settings")).json();

  it("loads settings saved before names and root causes with the defaults filled in, and saves them back", async () => {
    await putFeatureSetting(t.store.db, SETTINGS_KEY, OLD_SETTINGS);
    const s = await settings();
    expect(s.categories).toEqual(["quality", "delivery", "installation"]);
    expect(s.authority.limits.agent).toBe("300.00");
    expect(s.categoryLabels.delivery).toEqual({ en: "Delivery", "zh-CN": "物流配送", "zh-TW": "物流配送" });
    expect(s.rootCauses.map((n: { key: string }) => n.key)).toEqual(["product", "logistics", "service", "price_billing", "policy", "customer_side"]);
    const saved = await put({ ...s, categoryLabels: { ...s.categoryLabels, installation: label("Installation", "安装") } });
    expect(saved.statusCode, saved.body).toBe(200);
    expect((await settings()).categoryLabels.installation).toEqual(label("Installation", "安装"));
    // A client that knows nothing of names and root causes still replaces the rest.
    const { categoryLabels: _labels, rootCauses: _tree, ...older } = s;
    const bare = await put({ ...older, categories: ["quality"] });
    expect(bare.statusCode, bare.body).toBe(200);
    expect(bare.json().rootCauses).toHaveLength(6);
  });

  it("refuses a bad tree or name, naming the node by its path", async () => {
    const s = await settings();
    const logistics = s.rootCauses[1];
    const dup = await put({ ...s, rootCauses: [s.rootCauses[0], { ...logistics, children: [...logistics.children, { key: "product_design", label: label("Design", "设计") }] }] });
    expect(dup.statusCode).toBe(400);
    expect(dup.json()).toMatchObject({ code: "BAD_INPUT", field: "rootCauses.1.children.3.key" });
    expect(dup.json().message).toContain("logistics › product_design");
    expect(dup.json().message).toContain("already used at product › product_design");

    const deep = { key: "a", label: label("A", "甲"), children: [{ key: "b", label: label("B", "乙"), children: [{ key: "c", label: label("C", "丙"), children: [{ key: "d", label: label("D", "丁") }] }] }] };
    const tooDeep = await put({ ...s, rootCauses: [deep] });
    expect(tooDeep.json()).toMatchObject({ field: "rootCauses.0.children.0.children.0.children" });
    expect(tooDeep.json().message).toContain("(a › b › c) the tree may be at most 3 levels deep");

    const blank = await put({ ...s, rootCauses: [{ ...logistics, children: [{ key: "late", label: { en: "Late", "zh-CN": "  ", "zh-TW": "延遲" } }] }] });
    expect(blank.json()).toMatchObject({ field: "rootCauses.0.children.0.label.zh-CN" });
    expect(blank.json().message).toContain("(logistics › late)");
    const noLabel = await put({ ...s, rootCauses: [{ key: "x", label: { en: "X" } }] });
    expect(noLabel.statusCode).toBe(400);
    expect(noLabel.json().field).toBe("body.rootCauses.0.label.zh-CN");
    const badKey = await put({ ...s, rootCauses: [{ key: "Late Delivery", label: label("Late", "迟") }] });
    expect(badKey.json()).toMatchObject({ field: "rootCauses.0.key" });
    const badName = await put({ ...s, categoryLabels: { quality: { en: "Quality", "zh-CN": "质量" } } });
    expect(badName.json()).toMatchObject({ code: "BAD_INPUT", field: "body.categoryLabels.quality.zh-TW" });
    expect(await settings()).toEqual(s);
    // Saved without the HTTP schema in front (the service itself), a missing name is named by its node's keys too.
    const direct = await errorOf(setComplaintSettings(t.store.db, { ...s, rootCauses: [logistics, { key: "x", label: { en: "X" } }] }, SYSTEM_ACTOR));
    expect(direct).toMatchObject({ code: "BAD_INPUT", field: "rootCauses.1.label.zh-CN" });
    expect(direct.message).toContain("rootCauses.1.label.zh-CN: (x)");
  });

  it("records a case's root cause from the tree, refuses one not in it, and shows it in the case, the timeline, the audit log and the analysis", async () => {
    const s = await settings();
    await put({ ...s, rootCauses: [...s.rootCauses, { key: "installation", label: label("Installation", "安装"), children: [{ key: "installer_late", label: label("Installer late", "师傅迟到") }] }] });
    const opened = await t.as.agent.post("/api/complaints", { customerId: mine, channel: "phone", category: "quality", description: "The fitter came two days late.", at: "2026-03-10T10:00:00+08:00" });
    expect(opened.statusCode, opened.body).toBe(201);
    const d = opened.json();
    const url = `/api/complaints/${mine}/${d.complaintId}/events`;

    const unknown = await t.as.agent.post(url, { version: 1, event: { type: "root_cause_set", rootCause: "weather" } });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({ code: "BAD_INPUT", field: "event.rootCause" });
    expect(unknown.json().message).toContain('"weather" is not a root cause');
    expect((await t.as.analyst.post(url, { version: 1, event: { type: "root_cause_set", rootCause: "installation" } })).statusCode).toBe(403);

    const top = await t.as.agent.post(url, { version: 1, event: { type: "root_cause_set", rootCause: "installation", at: "2026-03-10T11:00:00+08:00" } });
    expect(top.statusCode, top.body).toBe(200);
    expect(top.json()).toMatchObject({ status: "new", version: 2, recovery: { rootCause: { key: "installation", note: null, by: t.as.agent.userId } } });
    const leaf = await t.as.manager.post(url, { version: 2, event: { type: "root_cause_set", rootCause: "installer_late", note: "The fitter's schedule was double-booked.", at: "2026-03-10T12:00:00+08:00" } });
    expect(leaf.json()).toMatchObject({ version: 3, recovery: { rootCause: { key: "installer_late", note: "The fitter's schedule was double-booked." } } });
    expect(leaf.json().events.map((e: { type: string }) => e.type)).toEqual(["opened", "root_cause_set", "root_cause_set"]);

    const timeline = (await t.as.agent.get(`/api/customers/${mine}/timeline`)).json().items;
    expect(timeline.filter((e: { kind: string }) => e.kind === "complaint_step").map((e: { data: { summary: string } }) => e.data.summary))
      .toEqual(["root cause: installer_late", "root cause: installation"]);
    const audit = (await t.as.admin.get("/api/audit?limit=200")).json().items.filter((a: { action: string }) => a.action === "complaint.root_cause_set");
    expect(audit).toHaveLength(2);

    const a = (await t.as.analyst.get("/api/complaints/analysis?asOf=2026-03-31&months=1")).json();
    expect(a.volumes.byRootCause).toEqual([{ key: "installation", complaints: 1, customers: 1, months: [1] }]);
    expect(a.volumes.byRootCauseNode).toEqual([{ key: "installer_late", top: "installation", complaints: 1, customers: 1, months: [1] }]);
    expect(a.volumes.byCategory.map((c: { key: string }) => c.key)).toEqual(["quality"]);

    // The cause found after the case closed still goes on it; no other step does.
    await t.as.agent.post(url, { version: 3, event: { type: "apologised", text: "We are sorry for the wait.", at: "2026-03-10T13:00:00+08:00" } });
    await t.as.agent.post(url, { version: 4, event: { type: "heard", account: "The fitter came two days late.", openQuestions: ["Which day would suit you for a new visit?"], at: "2026-03-10T14:00:00+08:00" } });
    const closed = await t.as.agent.post(url, { version: 5, event: { type: "withdrawn", reason: "The customer fitted it themselves.", at: "2026-03-11T10:00:00+08:00" } });
    expect(closed.json()).toMatchObject({ version: 6, recovery: { status: "closed" } });
    const later = await t.as.agent.post(url, { version: 6, event: { type: "root_cause_set", rootCause: "installation", note: "Not the fitter: the booking system.", at: "2026-03-20T10:00:00+08:00" } });
    expect(later.statusCode, later.body).toBe(200);
    expect(later.json()).toMatchObject({ version: 7, recovery: { status: "closed", closure: { kind: "withdrawn" }, rootCause: { key: "installation" } } });
    const step = await t.as.agent.post(url, { version: 7, event: { type: "paused", reason: "Waiting for the customer." } });
    expect(step.statusCode).toBe(409);
    expect(step.json().message).toContain("only its root cause may still be set");
    const after = (await t.as.analyst.get("/api/complaints/analysis?asOf=2026-03-31&months=1")).json();
    expect(after.volumes.byRootCauseNode).toEqual([{ key: "installation", top: "installation", complaints: 1, customers: 1, months: [1] }]);
  });

  it("takes the root cause of a complaint imported already resolved, without making it a case", async () => {
    const row = await t.store.db.insertInto("complaints").values({
      customer_id: mine, opened_at: "2026-02-01T10:00:00+08:00", channel: "phone", category: "quality", severity: "normal", description: "Old kettle leaked.",
      status: "resolved", resolved_at: "2026-02-03T10:00:00+08:00", external_ref: "legacy-77",
    } as never).returning(["complaint_id", "version"]).executeTakeFirstOrThrow();
    const url = `/api/complaints/${mine}/${row.complaint_id}/events`;
    const v = Number(row.version);
    const step = await t.as.agent.post(url, { version: v, event: { type: "apologised", text: "Sorry." } });
    expect(step.statusCode).toBe(409);
    const set = await t.as.agent.post(url, { version: v, event: { type: "root_cause_set", rootCause: "installer_late", note: "From the old ticket." } });
    expect(set.statusCode, set.body).toBe(200);
    expect(set.json()).toMatchObject({ status: "legacy_resolved", recovery: null, rootCause: "installer_late", version: v + 1 });
    expect(set.json().events).toMatchObject([{ type: "root_cause_set", actorId: t.as.agent.userId, event: { rootCause: "installer_late", note: "From the old ticket." } }]);
    expect((await t.as.agent.post(url, { version: v, event: { type: "root_cause_set", rootCause: "installation" } })).statusCode).toBe(409); // stale
    const again = await t.as.manager.post(url, { version: v + 1, event: { type: "root_cause_set", rootCause: "installation" } });
    expect(again.json()).toMatchObject({ rootCause: "installation", version: v + 2 });
    expect(again.json().events.map((e: { seq: number }) => e.seq)).toEqual([1, 2]);
    const audit = (await t.as.admin.get("/api/audit?limit=200")).json().items.filter((a: { action: string; entityId: string }) => a.action === "complaint.root_cause_set" && String(a.entityId) === String(row.complaint_id));
    expect(audit).toHaveLength(2);
    const a = (await t.as.analyst.get("/api/complaints/analysis?asOf=2026-02-28&months=1")).json();
    expect(a.volumes.byRootCause).toEqual([{ key: "installation", complaints: 1, customers: 1, months: [1] }]);
  });

  it("reports praise per staff member over a period, most praised first, with the customers' words", async () => {
    const praise = (customerId: number, staff: number, words: string, at: string) =>
      t.as.manager.post(`/api/customers/${customerId}/praise`, { staffUserId: staff, words, channel: "phone", at });
    const { agent, agent2 } = { agent: t.as.agent.userId, agent2: t.as.agent2.userId };
    for (const [c, staff, words, at] of [
      [mine, agent, "耐心解答，谢谢！", "2026-02-03T10:00:00+08:00"],
      [theirs, agent, "Quick and kind.", "2026-02-10T10:00:00+08:00"],
      [mine, agent, "Again, thank you.", "2026-02-20T10:00:00+08:00"],
      [theirs, agent2, "Sorted my refund.", "2026-02-15T10:00:00+08:00"],
      [mine, agent2, "Before the period.", "2026-01-31T23:59:00+08:00"],
    ] as const) {
      expect((await praise(c, staff, words, at)).statusCode).toBe(201);
    }
    const r = (await t.as.analyst.get("/api/praise?since=2026-02-01&until=2026-02-28")).json();
    expect(r).toMatchObject({ since: "2026-01-31T16:00:00.000Z", until: "2026-02-28T16:00:00.000Z", total: 4 });
    expect(r.items.map((i: { staffName: string; count: number; customers: number }) => [i.staffName, i.count, i.customers])).toEqual([["The agent", 3, 2], ["The agent2", 1, 1]]);
    expect(r.items[0].praise.map((p: { words: string; customerName: string }) => [p.words, p.customerName]))
      .toEqual([["Again, thank you.", "王先生"], ["Quick and kind.", "李女士"], ["耐心解答，谢谢！", "王先生"]]);
    expect((await t.as.analyst.get("/api/praise?since=2026-02-01&until=2026-02-28&words=1")).json().items[0].praise).toHaveLength(1);

    // An agent reads every colleague's praise, but not who the customers outside their book are.
    const seen = (await t.as.agent.get("/api/praise?since=2026-02-01&until=2026-02-28")).json();
    expect(seen.items[0].praise.map((p: { customerId: number | null; customerName: string | null }) => [p.customerId, p.customerName]))
      .toEqual([[mine, "王先生"], [null, null], [mine, "王先生"]]);
    const reversed = await t.as.analyst.get("/api/praise?since=2026-03-01&until=2026-02-01");
    expect(reversed.statusCode).toBe(400);
    expect(reversed.json().field).toBe("since");
    expect((await t.as.analyst.get("/api/praise?since=2027-01-01")).json()).toMatchObject({ total: 0, items: [] });
  });
});
