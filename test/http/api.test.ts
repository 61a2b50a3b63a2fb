import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.ts";
import { createDispatcher, verifySignature } from "../../src/webhooks/dispatcher.ts";
import { STORE_KINDS } from "../support/stores.ts";
import { PASSWORD, signIn, testApp, type TestApp } from "../support/app.ts";
import { writeQianniuWorkbook } from "../fixtures/ingest/qianniu-workbook.ts";
import { importLines } from "../support/import-rows.ts";

const multipart = (kind: string, name: string, content: string) => {
  const boundary = "----retain-test";
  return {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: [`--${boundary}`, 'Content-Disposition: form-data; name="kind"', "", kind,
      `--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${name}"`, "Content-Type: text/csv", "", content, `--${boundary}--`, ""].join("\r\n"),
  };
};

/** A multipart body with the bytes of a file as they are (a GBK export stays GBK), and a kind when given. */
const multipartBytes = (name: string, bytes: Buffer, kind?: string) => {
  const boundary = "----retain-test";
  const head = [...(kind ? [`--${boundary}`, 'Content-Disposition: form-data; name="kind"', "", kind] : []),
    `--${boundary}`, `Content-Disposition: form-data; name="file"; filename="${name}"`, "Content-Type: text/csv", "", ""].join("\r\n");
  return {
    headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
    payload: Buffer.concat([Buffer.from(head), bytes, Buffer.from(`\r\n--${boundary}--\r\n`)]),
  };
};
const PLATFORMS = path.resolve(import.meta.dirname, "../fixtures/ingest/platforms");

describe.each(STORE_KINDS)("the API as a user relies on it (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
  });
  afterAll(async () => t?.close());

  it("signs in with a cookie that scripts cannot read, and refuses changes without the CSRF token", async () => {
    const res = await t.app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "Manager@Example.com", password: PASSWORD } });
    expect(res.statusCode).toBe(200);
    const cookie = res.cookies.find((c) => c.name === "retain_session")!;
    expect(cookie.httpOnly).toBe(true);
    expect(cookie.sameSite).toBe("Strict");
    const noCsrf = await t.app.inject({ method: "POST", url: "/api/customers", cookies: { retain_session: cookie.value }, payload: { externalId: "X" } });
    expect(noCsrf.statusCode).toBe(403);
    expect(noCsrf.json().field).toBe("x-csrf-token");
    const read = await t.app.inject({ method: "GET", url: "/api/customers", cookies: { retain_session: cookie.value } });
    expect(read.statusCode).toBe(200);
  });

  it("limits failed sign-ins", async () => {
    // testApp's limiter is lenient; a second app on the same store has the default one.
    const app = await buildApp({ db: t.store.db, webRoot: null });
    try {
      const attempt = (password: string) => app.inject({ method: "POST", url: "/api/auth/login", payload: { email: "analyst@example.com", password } });
      for (let i = 0; i < 5; i++) expect((await attempt("wrong password")).statusCode).toBe(401);
      const blocked = await attempt(PASSWORD);
      expect(blocked.statusCode).toBe(429);
      expect(blocked.json().code).toBe("RATE_LIMITED");
      expect(blocked.json().message).toMatch(/Try again in 15 minutes/);
    } finally {
      await app.close();
    }
  });

  it("accepts a personal API token until it is revoked", async () => {
    const created = await t.as.analyst.post("/api/auth/tokens", { name: "report script" });
    expect(created.statusCode).toBe(201);
    const { token, id } = created.json();
    expect(token).toMatch(/^rt_/);
    const auth = { authorization: `Bearer ${token}` };
    expect((await t.app.inject({ method: "GET", url: "/api/customers", headers: auth })).statusCode).toBe(200);
    // A token carries its user's role: an analyst's token changes nothing.
    expect((await t.app.inject({ method: "POST", url: "/api/customers", headers: auth, payload: { externalId: "T1" } })).statusCode).toBe(403);
    const list = await t.as.analyst.get("/api/auth/tokens");
    expect(JSON.stringify(list.json())).not.toContain(token);
    expect((await t.as.analyst.del(`/api/auth/tokens/${id}`)).statusCode).toBe(204);
    expect((await t.app.inject({ method: "GET", url: "/api/customers", headers: auth })).statusCode).toBe(401);
  });

  it("refuses a stale edit with 409 and a message saying what to do", async () => {
    const c = (await t.as.manager.post("/api/customers", { externalId: "V1", name: "Before" })).json();
    const a = await t.as.manager.patch(`/api/customers/${c.id}`, { name: "First edit" }, { "if-match": `"v${c.version}"` });
    expect(a.statusCode).toBe(200);
    expect(a.headers.etag).toBe(`"v${c.version + 1}"`);
    const b = await t.as.admin.patch(`/api/customers/${c.id}`, { name: "Second edit" }, { "if-match": `"v${c.version}"` });
    expect(b.statusCode).toBe(409);
    expect(b.json()).toMatchObject({ code: "CONFLICT", field: "version" });
    expect(b.json().message).toMatch(/changed by someone else.*Reload/);
    expect((await t.as.admin.get(`/api/customers/${c.id}`)).json().name).toBe("First edit");
  });

  it("records every change in the audit log with who, what, before and after; the log cannot be edited", async () => {
    const c = (await t.as.agent.post("/api/customers", { externalId: "AUD1", name: "张三" })).json();
    await t.as.agent.patch(`/api/customers/${c.id}`, { phone: "13800000000", version: c.version });
    await t.as.agent.post(`/api/customers/${c.id}/interactions`, { channel: "wechat", notes: "asked about delivery" });
    const log = (await t.as.admin.get(`/api/audit?customerId=${c.id}`)).json().items as Array<{ action: string; actor: string; before: unknown; after: Record<string, unknown> }>;
    expect(log.map((e) => e.action)).toEqual(["interaction.created", "customer.updated", "customer.created"]);
    expect(log.every((e) => e.actor === "agent@example.com")).toBe(true);
    expect(log[1]!.before).toMatchObject({ phone: null });
    expect(log[1]!.after).toMatchObject({ phone: "13800000000" });
    const csv = await t.as.admin.get(`/api/audit/export?customerId=${c.id}`);
    expect(csv.headers["content-type"]).toMatch(/text\/csv/);
    expect(csv.body).toContain("interaction.created");
    await expect(t.store.db.updateTable("audit_log").set({ actor: "someone else" }).execute()).rejects.toThrow(/append-only/);
    await expect(t.store.db.deleteFrom("audit_log").execute()).rejects.toThrow(/append-only/);
  });

  it("imports an upload: preview, validation with the bad row reported and downloadable, then the run", async () => {
    const csv = "客户编号,订单日期,金额\nC100,2026-03-01,120.50\nC101,2026-03-02,abc\nC102,2026-03-03,88\n";
    const up = await t.as.manager.request({ method: "POST", url: "/api/imports/uploads", ...multipart("orders", "订单.csv", csv) });
    expect(up.statusCode, up.body).toBe(201);
    const preview = up.json();
    expect(preview).toMatchObject({ fileName: "订单.csv", format: "csv", encoding: "utf-8", preset: "generic", missingFields: [] });
    expect(preview.mapping).toMatchObject({ customerRef: "客户编号", orderedAt: "订单日期", amount: "金额" });
    expect(preview.sample).toHaveLength(3);
    const check = await t.as.manager.post("/api/imports", { uploadId: preview.uploadId, kind: "orders", dryRun: true });
    await t.app.importJobs.idle();
    const checked = (await t.as.manager.get(`/api/imports/jobs/${check.json().jobId}`)).json();
    expect(checked).toMatchObject({ status: "done", dryRun: true, summary: { rowsRead: 3, landed: 2, rejected: 1 } });
    expect(checked.summary.firstRejections[0]).toMatchObject({ line: 3, column: "金额" });
    // A second check of the same upload, read another way (the customer number as the
    // amount: every row rejected), keeps the first check's rejects as they were.
    const again = await t.as.manager.post("/api/imports", { uploadId: preview.uploadId, kind: "orders", dryRun: true, map: { amount: "客户编号", customerRef: "客户编号" } });
    await t.app.importJobs.idle();
    expect((await t.as.manager.get(`/api/imports/jobs/${again.json().jobId}`)).json()).toMatchObject({ status: "done", summary: { rejected: 3 } });
    // A check that cannot start names the uploaded file as its user knows it, never the server's copy.
    const unmapped = await t.as.manager.post("/api/imports", { uploadId: preview.uploadId, kind: "orders", dryRun: true, map: { amount: "订单日期" } });
    await t.app.importJobs.idle();
    const failed = (await t.as.manager.get(`/api/imports/jobs/${unmapped.json().jobId}`)).json();
    expect(failed).toMatchObject({ status: "failed", error: { code: "BAD_FILE", hint: "Columns in the file: 客户编号, 订单日期, 金额." } });
    expect(failed.error.message).toMatch(/^订单\.csv has no column for the order date/);
    const rejects = await t.as.manager.get(`/api/imports/jobs/${check.json().jobId}/rejects.csv`);
    expect(rejects.statusCode).toBe(200);
    const lines = rejects.body.replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines[0]).toMatch(/_line,_errors$/);
    expect(lines.slice(1).map((l) => l.split(",")[0])).toEqual(["C101"]);
    expect((await t.as.manager.get("/api/customers?q=C100")).json().items).toHaveLength(0); // the dry run stored nothing
    const run = await t.as.manager.post("/api/imports", { uploadId: preview.uploadId, kind: "orders" });
    await t.app.importJobs.idle();
    expect((await t.as.manager.get(`/api/imports/jobs/${run.json().jobId}`)).json()).toMatchObject({ status: "done", summary: { landed: 2, rejected: 1 } });
    const found = (await t.as.manager.get("/api/customers?q=C100")).json().items;
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ orders: 1, sales: "120.5" });
    const audit = (await t.as.admin.get("/api/audit?action=import.")).json().items;
    expect(audit[0]).toMatchObject({ action: "import.completed", actor: "manager@example.com", after: { file: "订单.csv", landed: 2, rejected: 1 } });
  });

  it("exports the current view as CSV and as Excel", async () => {
    await t.as.admin.post("/api/customers", { externalId: "EXP1", name: "=HYPERLINK(\"x\")", tags: ["vip"] });
    const csv = await t.as.admin.get("/api/customers/export?format=csv&tag=vip");
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, "").trim().split("\r\n");
    expect(lines[0]).toMatch(/^id,external_id,name/);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toContain("'=HYPERLINK"); // a formula stays text in a spreadsheet
    const xlsx = await t.as.admin.get("/api/customers/export?format=xlsx&tag=vip");
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe("PK");
  });

  it("sends signed webhooks for customer changes", async () => {
    const received: Array<{ event: string; body: string; signature: string }> = [];
    const server = http.createServer((req, res) => {
      let body = "";
      req.on("data", (c: Buffer) => (body += c));
      req.on("end", () => {
        received.push({ event: String(req.headers["x-retain-event"]), body, signature: String(req.headers["x-retain-signature"]) });
        res.end("ok");
      });
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`;
      const hook = (await t.as.admin.post("/api/webhooks", { url, events: ["customer.created", "customer.state_changed"] })).json();
      const c = (await t.as.manager.post("/api/customers", { externalId: "WH1", name: "Hooked" })).json();
      await t.as.manager.post(`/api/customers/${c.id}/state`, { state: "churned", reason: "moved away" });
      await createDispatcher(t.store.db).runOnce();
      expect(received.map((r) => r.event)).toEqual(["customer.created", "customer.state_changed"]);
      for (const r of received) expect(verifySignature(hook.secret, r.signature, r.body)).toBe(true);
      expect(JSON.parse(received[1]!.body).data).toMatchObject({ customerId: c.id, from: "current", to: "churned" });
    } finally {
      server.close();
    }
  });

  it("imports a Taobao/Tmall pair: the second file joins the upload, previewed and imported as one, named as uploaded", async () => {
    const detail = fs.readFileSync(path.join(PLATFORMS, "taobao-ExportOrderDetailList.csv"));
    const list = fs.readFileSync(path.join(PLATFORMS, "taobao-ExportOrderList.csv"));
    const first = (await t.as.manager.request({ method: "POST", url: "/api/imports/uploads", ...multipartBytes("宝贝报表.csv", detail, "orders") })).json();
    expect(first).toMatchObject({ preset: "taobao-detail", pair: null });
    // Not a pair: a JD export beside it is refused, and the upload stays the one file.
    const jd = fs.readFileSync(path.join(PLATFORMS, "jd-orders.csv"));
    const wrong = await t.as.manager.request({ method: "POST", url: `/api/imports/uploads/${first.uploadId}/pair`, ...multipartBytes("jd.csv", jd) });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().message).toMatch(/宝贝报表\.csv looks like 'taobao-detail' and jd\.csv like 'jd'/);
    expect(wrong.body).not.toContain(os.tmpdir());
    const paired = await t.as.manager.request({ method: "POST", url: `/api/imports/uploads/${first.uploadId}/pair`, ...multipartBytes("订单报表.csv", list) });
    expect(paired.statusCode, paired.body).toBe(201);
    const preview = paired.json();
    expect(preview).toMatchObject({
      fileName: "宝贝报表.csv + 订单报表.csv", preset: "taobao-items", presets: ["taobao-items"], encoding: "gb18030", missingFields: [],
      pair: { orderFile: "订单报表.csv", detailFile: "宝贝报表.csv" },
    });
    expect(preview.mapping).toMatchObject({ customerRef: "买家会员名", description: "标题", quantity: "购买数量", unitPrice: "价格" });
    expect(preview.sample.length).toBeGreaterThan(0);
    const run = await t.as.manager.post("/api/imports", { uploadId: preview.uploadId, kind: "orders", preset: preview.preset, encoding: preview.encoding, dryRun: false });
    await t.app.importJobs.idle();
    const job = (await t.as.manager.get(`/api/imports/jobs/${run.json().jobId}`)).json();
    expect(job).toMatchObject({ status: "done", summary: { preset: "taobao-items", rowsRead: 7, landed: 6, rejected: 1, skipped: 2, pair: { orderFile: "订单报表.csv", detailFile: "宝贝报表.csv" } } });
    expect(job.summary.firstRejections[0].reason).toMatch(/^line 8 of 宝贝报表\.csv: order 350000000000000099 is not in 订单报表\.csv/);
    expect(JSON.stringify(job)).not.toContain(os.tmpdir());
    // Removing the second file makes it one file again: the item list alone, which cannot be imported.
    const single = (await t.as.manager.del(`/api/imports/uploads/${first.uploadId}/pair`)).json();
    expect(single).toMatchObject({ fileName: "宝贝报表.csv", preset: "taobao-detail", pair: null });
  });

  it("previews and imports a 千牛 workbook as its order sheet joined with its item sheet", async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "retain-api-qianniu-"));
    const book = path.join(dir, "book.xlsx");
    await writeQianniuWorkbook(book);
    try {
      const up = await t.as.manager.request({ method: "POST", url: "/api/imports/uploads", ...multipartBytes("千牛订单.xlsx", fs.readFileSync(book), "orders") });
      expect(up.statusCode, up.body).toBe(201);
      expect(up.json()).toMatchObject({ format: "xlsx", preset: "taobao-items", pair: { orderFile: "千牛订单.xlsx [订单报表]", detailFile: "千牛订单.xlsx [销售明细]" } });
      const run = await t.as.manager.post("/api/imports", { uploadId: up.json().uploadId, kind: "orders", preset: "taobao-items", dryRun: true });
      await t.app.importJobs.idle();
      const job = (await t.as.manager.get(`/api/imports/jobs/${run.json().jobId}`)).json();
      expect(job).toMatchObject({ status: "done", summary: { landed: 4, skipped: 1, rejected: 0, pair: { orderFile: "千牛订单.xlsx [订单报表]", detailFile: "千牛订单.xlsx [销售明细]" } } });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it("exports and erases one customer's personal data; the orders stay, anonymous", async () => {
    const csv = "customer,name,email,date,amount\nPD1,李四,lisi@example.com,2026-01-05,300\n";
    const up = (await t.as.admin.request({ method: "POST", url: "/api/imports/uploads", ...multipart("orders", "o.csv", csv) })).json();
    await t.as.admin.post("/api/imports", { uploadId: up.uploadId, kind: "orders" });
    await t.app.importJobs.idle();
    const id = (await t.as.admin.get("/api/customers?q=PD1")).json().items[0].id;
    const data = await t.as.admin.get(`/api/customers/${id}/personal-data`);
    expect(data.statusCode).toBe(200);
    expect(data.body).toContain("lisi@example.com");
    expect((await t.as.admin.post(`/api/customers/${id}/erase`, { confirm: "yes" })).statusCode).toBe(400);
    expect((await t.as.admin.post(`/api/customers/${id}/erase`, { confirm: "ERASE" })).statusCode).toBe(200);
    const after = (await t.as.admin.get(`/api/customers/${id}`)).json();
    expect(after).toMatchObject({ name: null, email: null, aggregates: { orders: 1, sales: "300" } });
    expect(after.erasedAt).not.toBeNull();
    expect((await t.as.admin.get(`/api/audit?customerId=${id}`)).body).not.toContain("lisi@example.com");
  });

  it("edits an enterprise's contact people; a field sent as null is cleared", async () => {
    const c = (await t.as.manager.post("/api/customers", { externalId: "ENT1", name: "杭州某某科技有限公司", kind: "enterprise" })).json();
    const added = (await t.as.manager.post(`/api/customers/${c.id}/contacts`, { name: "赵经理", title: "采购经理", phone: "0571-8888 6666", isDecisionMaker: true })).json();
    const contact = added.contacts[0];
    expect(contact).toMatchObject({ name: "赵经理", title: "采购经理", isDecisionMaker: true });
    const edited = await t.as.manager.patch(`/api/customers/${c.id}/contacts/${contact.id}`, { title: null, email: "zhao@example.com" });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().contacts[0]).toMatchObject({ title: null, email: "zhao@example.com", phone: "0571-8888 6666" });
    expect((await t.as.manager.post(`/api/customers/${c.id}/contacts`, { name: "赵经理" })).statusCode).toBe(409);
    expect((await t.as.manager.del(`/api/customers/${c.id}/contacts/${contact.id}`)).statusCode).toBe(204);
  });

  it("finds customers by pinyin initials, with the name changed and after an erasure", async () => {
    const c = (await t.as.manager.post("/api/customers", { externalId: "PY1", name: "单田芳" })).json();
    const search = async (q: string) => (await t.as.manager.get(`/api/search?q=${q}`)).json().items.map((x: { id: number }) => x.id);
    expect(await search("stf")).toContain(c.id);
    expect(await search("STF")).toContain(c.id);
    await t.as.manager.patch(`/api/customers/${c.id}`, { name: "王小明", version: c.version });
    expect(await search("stf")).not.toContain(c.id);
    expect(await search("wx")).toContain(c.id);
    await t.as.manager.post(`/api/customers/${c.id}/erase`, { confirm: "ERASE" });
    expect(await search("wxm")).not.toContain(c.id);
  });

  it("counts the list once, on the first page, and carries the total through the walk", async () => {
    for (const n of [1, 2, 3]) await t.as.admin.post("/api/customers", { externalId: `WALK${n}`, tags: ["walk"] });
    const first = (await t.as.admin.get("/api/customers?tag=walk&limit=2")).json();
    expect(first).toMatchObject({ total: 3, totalExact: true });
    await t.as.admin.post("/api/customers", { externalId: "WALK4", tags: ["walk"] });
    const second = (await t.as.admin.get(`/api/customers?tag=walk&limit=2&cursor=${first.nextCursor}`)).json();
    expect(second).toMatchObject({ total: 3, totalExact: true }); // the count when the walk began
    expect(second.items.map((c: { externalId: string }) => c.externalId)).toEqual(["WALK3", "WALK4"]);
    expect((await t.as.admin.get("/api/customers?tag=walk&limit=2")).json().total).toBe(4);
  });

  it("reports customer value as of a date, with money as exact strings; a bad window is a 400 naming it", async () => {
    await importLines(t.store.db, [
      { customerRef: "V1", orderNo: "V1-1", orderedAt: "2025-05-05", quantity: "1", amount: "120.50", unitCost: "70" },
      { customerRef: "V2", orderNo: "V2-1", orderedAt: "2026-02-01", quantity: "2", unitPrice: "10", unitCost: "4" },
    ]);
    const res = await t.as.analyst.get("/api/reports/value?asOf=2026-12-31&window=3y&by=margin");
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ currency: "CNY", window: { from: "2024-01-01", to: "2026-12-31" }, by: "margin" });
    expect(r.kpis.customers).toBeGreaterThanOrEqual(2);
    expect(r.kpis.netSales).toMatch(/^-?\d+(\.\d+)?$/);
    // Ranked by margin: V1's 50.5 is the best.
    expect(r.deciles[0].sums.margin.sum).toBe("50.5");
    expect(r.deciles).toHaveLength(10);
    expect(r.deciles.reduce((s: number, d: { customers: number }) => s + d.customers, 0)).toBe(r.kpis.customers);
    expect(r.customerTypes.rule).toEqual({ minDiscountShare: 0.3, maxPurchaseDays: 2 });
    const everyone = (await t.as.analyst.get("/api/reports/value?asOf=2026-12-31&window=3y&transactionDiscount=0&transactionDays=366")).json();
    expect(everyone.customerTypes.transaction.customers).toBe(everyone.kpis.customers);
    expect((await t.as.analyst.get("/api/reports/value?transactionDiscount=2")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.transactionDiscount" });
    const bad = await t.as.analyst.get("/api/reports/value?window=3x");
    expect(bad.statusCode).toBe(400);
    expect(bad.json()).toMatchObject({ code: "BAD_INPUT", field: "query.window" });
    expect((await t.as.agent.get("/api/reports/value")).statusCode).toBe(403);
  });

  it("saves every customer's segments as of a date, lists a segment's customers, and shows one customer's value and history", async () => {
    await importLines(t.store.db, [
      { customerRef: "S1", orderNo: "S1-1", orderedAt: "2033-01-10", quantity: "1", amount: "900", unitCost: "500" },
      { customerRef: "S1", orderNo: "S1-2", orderedAt: "2033-04-10", quantity: "1", amount: "100", unitCost: "50" },
      { customerRef: "S1", orderNo: "S1-3", orderedAt: "2033-08-10", quantity: "1", amount: "100", unitCost: "50" },
    ]);
    const s1 = Number((await t.store.db.selectFrom("customers").select("customer_id").where("external_id", "=", "S1").executeTakeFirstOrThrow()).customer_id);
    const snap = await t.as.analyst.post("/api/segments/snapshots", { asOf: "2033-09-30", loyalPeriods: 2 });
    expect(snap.statusCode, snap.body).toBe(200);
    expect(snap.json().asOf).toBe("2033-09-30");
    expect((await t.as.analyst.get("/api/segments/snapshots")).json().items[0]).toMatchObject({ asOf: "2033-09-30", windowFrom: "2032-10-01", by: "sales", rules: { ladder: { loyalPeriods: 2 } } });
    const summary = (await t.as.analyst.get("/api/segments/summary?asOf=2033-09-30")).json();
    expect(summary.snapshot.customers).toBe(snap.json().customers);
    for (const scheme of ["ladder", "rfm"]) {
      expect(summary.groups.filter((g: { scheme: string }) => g.scheme === scheme).reduce((n: number, g: { customers: number }) => n + g.customers, 0)).toBe(scheme === "ladder" ? summary.snapshot.customers : summary.grid.reduce((n: number, c: { customers: number }) => n + c.customers, 0));
    }
    expect((await t.as.analyst.get("/api/segments/summary?asOf=2001-01-31")).json()).toMatchObject({ code: "NOT_FOUND", field: "asOf" });
    // S1 bought in the last two quarters (Jul–Sep, Apr–Jun): loyal on a ladder of two periods in a row.
    const loyal = (await t.as.analyst.get("/api/segments/members?asOf=2033-09-30&scheme=ladder&segment=loyal&limit=500")).json();
    expect(loyal.items.map((m: { id: number }) => m.id)).toContain(s1);
    expect(loyal.items.find((m: { id: number }) => m.id === s1).segments).toMatchObject({ netSales: "1100", decile: 1, tier: "key", ladder: "loyal" });
    const csv = await t.as.analyst.get("/api/segments/members/export?asOf=2033-09-30&scheme=ladder&segment=loyal");
    expect(csv.headers["content-type"]).toContain("text/csv");
    expect(csv.body.split("\r\n")[0]).toBe("\uFEFFid,external_id,name,state,net_sales,margin,decile,tier,customer_type,profit_group,loyalty,ladder,rfm_r,rfm_f,rfm_m,rfm_segment,rfm8_segment");
    expect(csv.body).toContain(`${s1},S1,`);
    expect((await t.as.analyst.get("/api/segments/members?asOf=2033-09-30&scheme=nope&segment=x")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.scheme" });

    // One customer's value: without a cost to serve, no net value; with one, margin less orders × 2.
    const before = (await t.as.manager.get(`/api/customers/${s1}/value?asOf=2033-09-30`)).json();
    expect(before.figures).toMatchObject({ orders: 3, netSales: "1100", margin: "500", tenureDays: 263, meanInterPurchaseDays: 106, costToServe: null, netValue: null });
    expect(before.history[0]).toMatchObject({ asOf: "2033-09-30", ladder: "loyal", rfm: { segment: expect.any(String) } });
    expect((await t.as.admin.patch("/api/settings", { costToServe: { perOrder: "2", perInteraction: "0.5", perComplaint: "30" } })).statusCode).toBe(200);
    const after = (await t.as.manager.get(`/api/customers/${s1}/value?asOf=2033-09-30`)).json();
    expect(after.figures).toMatchObject({ costToServe: "6", netValue: "494" });
    expect(after.wallet).toBeNull();
    // A yearly budget of 4,400 recorded in the profile: 1,100 over the 365 days is a quarter of the wallet.
    const { version } = (await t.as.admin.get(`/api/customers/${s1}`)).json();
    const patched = await t.as.admin.patch(`/api/customers/${s1}`, { profile: { value: { annual_budget: 4400 } }, version });
    expect(patched.statusCode, patched.body).toBe(200);
    expect((await t.as.manager.get(`/api/customers/${s1}/value?asOf=2033-09-30`)).json().wallet).toEqual({ budget: "4400", share: 0.25 });
    const report = (await t.as.analyst.get("/api/reports/value?asOf=2033-09-30")).json();
    expect(report.shareOfWallet).toEqual({ customers: 1, netSales: "1100", budget: "4400", share: 0.25 });
    expect((await t.as.admin.patch("/api/settings", { costToServe: { perOrder: "-1", perInteraction: "0", perComplaint: "0" } })).json()).toMatchObject({ code: "BAD_INPUT", field: "costToServe.perOrder" });
    await t.as.admin.patch("/api/settings", { costToServe: { perOrder: "0", perInteraction: "0", perComplaint: "0" } });
  });

  it("reports cohorts and retention as of a month, and the churn cost from measured inputs the caller may replace", async () => {
    // Years after every other test's orders: P1 buys in January and March, P2 in February only, P3 in April.
    await importLines(t.store.db, [
      { customerRef: "P1", orderNo: "P1-1", orderedAt: "2031-01-05", quantity: "1", amount: "100", unitCost: "40" },
      { customerRef: "P1", orderNo: "P1-2", orderedAt: "2031-03-05", quantity: "1", amount: "60" },
      { customerRef: "P2", orderNo: "P2-1", orderedAt: "2031-02-10", quantity: "1", amount: "250.50", unitCost: "100" },
      { customerRef: "P3", orderNo: "P3-1", orderedAt: "2031-04-01", quantity: "1", amount: "30" },
    ]);
    const res = await t.as.analyst.get("/api/reports/cohorts?asOf=2031-04-30&months=2");
    expect(res.statusCode, res.body).toBe(200);
    const r = res.json();
    expect(r).toMatchObject({ currency: "CNY", asOf: "2031-04-30", month: "2031-04" });
    const cohort = (m: string) => r.cohorts.find((c: { month: string }) => c.month === m);
    expect(cohort("2031-01")).toEqual({ month: "2031-01", customers: 1, active: [1, 0, 1, 0], retention: [1, 0, 1, 0], revenue: ["100", "0", "60", "0"] });
    expect(cohort("2031-02")).toEqual({ month: "2031-02", customers: 1, active: [1, 0, 0], retention: [1, 0, 0], revenue: ["250.5", "0", "0"] });
    // January–February's buyers P1 and P2; P1 came back. March–April: 60 + 30, of which P1's 60 from a returning customer.
    expect(r.kpis).toMatchObject({
      period: { from: "2031-03", to: "2031-04", previousFrom: "2031-01", previousTo: "2031-02" },
      previousCustomers: 2, retained: 1, retentionRate: 0.5, churnRate: 0.5, periodNet: "90", returningNet: "60", returningShare: 60 / 90,
    });
    // A date inside a month reads up to the month before.
    expect((await t.as.analyst.get("/api/reports/cohorts?asOf=2031-04-15")).json().month).toBe("2031-03");
    expect((await t.as.analyst.get("/api/reports/cohorts?months=0")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.months" });
    expect((await t.as.analyst.get("/api/reports/cohorts?asOf=2031-02-30")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.asOf" });
    expect((await t.as.agent.get("/api/reports/cohorts")).statusCode).toBe(403);

    // Lost: P2, 1 order of 250.50 at a cost of 100 over two months.
    const cost = await t.as.manager.get("/api/reports/churn-cost?asOf=2031-04-30&period=2");
    expect(cost.statusCode, cost.body).toBe(200);
    expect(cost.json()).toMatchObject({
      period: { from: "2031-03", to: "2031-04", previousFrom: "2031-01", previousTo: "2031-02", months: 2 },
      measured: { lost: 1, basis: "lost", orders: 1, netSales: "250.5", cost: "100" },
      inputs: { lostCustomers: { value: "1", source: "measured" }, ordersPerMonth: { value: "0.5" }, orderValue: { value: "250.5" }, marginRate: { value: "0.6008" }, fxRate: { value: "1", source: "default" }, months: { value: "12", source: "default" } },
      churnCost: { total: "903.002400" },
      formula: "1 × 0.5 × 250.5 × 0.6008 × 1 × 12 = 903.002400",
      sensitivity: { churnRate: 0.5, reduction: 0.05, discountRate: 0.1 },
    });
    const seed = (await t.as.manager.get("/api/reports/churn-cost?asOf=2031-04-30&period=2&lostCustomers=7&ordersPerMonth=10&orderValue=150&marginRate=0.20&fxRate=6.3&months=12&reduction=0.1&discountRate=0.2")).json();
    expect(seed).toMatchObject({ churnCost: { total: "158760.000" }, inputs: { orderValue: { value: "150", measured: "250.5", source: "given" } }, sensitivity: { reduction: 0.1, discountRate: 0.2 } });
    expect((await t.as.manager.get("/api/reports/churn-cost?orderValue=1e3")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.orderValue" });
    expect((await t.as.manager.get("/api/reports/churn-cost?reduction=2")).json()).toMatchObject({ code: "BAD_INPUT", field: "query.reduction" });
    expect((await t.as.agent.get("/api/reports/churn-cost")).statusCode).toBe(403);
  });

  it("answers unknown routes and bad ids with JSON errors", async () => {
    const missing = await t.as.admin.get("/api/nothing-here");
    expect(missing.statusCode).toBe(404);
    expect(missing.json().code).toBe("NOT_FOUND");
    const badId = await t.as.admin.get("/api/customers/abc");
    expect(badId.statusCode).toBe(400);
    expect(badId.json()).toMatchObject({ code: "BAD_INPUT", field: "params.id" });
    const c = await signIn(t.app, "admin@example.com");
    expect((await c.get("/api/customers/999999")).json()).toMatchObject({ code: "NOT_FOUND" });
  });
});
