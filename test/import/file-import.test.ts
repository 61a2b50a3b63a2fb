import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCustomer, searchCustomers } from "../../src/archive/customers.service.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import type { Store } from "../../src/store/connect.ts";
import { setFxRate } from "../../src/store/settings.repository.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/ingest");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-import-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A decimal string without trailing zeros, so "2469.0" and "2469" compare equal (exactly, no floats). */
const dec = (v: unknown) => (typeof v === "string" && v.includes(".") ? v.replace(/\.?0+$/, "") : v);

async function customerTotals(store: Store, ref: string) {
  const [c] = await searchCustomers(store.db, ref);
  expect(c, `customer ${ref}`).toBeDefined();
  const a = (await getCustomer(store.db, c!.customer_id)).aggregates!;
  return Object.fromEntries(Object.entries(a).map(([k, v]) => [k, dec(v)]));
}

describe.each(STORE_KINDS)("importing files into %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await setFxRate(store.db, "USD", "2000-01-01", "7.1");
  });
  afterAll(async () => {
    await store?.close();
  });

  it("lands every good row of a file with mixed bad rows and reports each bad one with its line", async () => {
    const rejects = path.join(tmp, `${kind}-mixed.rejects.csv`);
    const s = await importFile(store.db, { kind: "orders", file: path.join(FIXTURES, "orders-mixed.csv"), rejectsFile: rejects });
    expect(s).toMatchObject({ rowsRead: 10, landed: 4, rejected: 6, encoding: "utf-8", preset: "generic" });
    expect(s.firstRejections.map((r) => [r.line, r.column ?? null])).toEqual([
      [4, "order_date"], // 2023-02-30
      [5, "unit_price"], // abc
      [6, "unit_price"], // negative price, not a return
      [7, "currency"], // XYZ
      [8, null], // wrong column count
      [10, null], // invalid UTF-8 bytes
    ]);
    const lines = fs.readFileSync(rejects, "utf8").replace(/^\uFEFF/, "").trim().split("\n");
    expect(lines[0]).toBe("customer_id,order_no,order_date,sku,product,quantity,unit_price,amount,currency,channel,_line,_errors");
    expect(lines).toHaveLength(7);
    expect(lines[1]).toContain("no such date");

    // Thousands separators and full-width digits are exact: 2 × 1,234.50 and １２ × ￥８.
    expect(await customerTotals(store, "C001")).toMatchObject({ sales: "2469" });
    expect(await customerTotals(store, "C010")).toMatchObject({ sales: "96" });
    // The quoted multi-line record on line 11 is a return of 12.00.
    expect(await customerTotals(store, "C009")).toMatchObject({ returns: "12", orders: 0 });

    // Fix the bad date in the rejects file and import it: only that row lands now.
    fs.writeFileSync(rejects, fs.readFileSync(rejects, "utf8").replace("2023-02-30", "2023-02-28"));
    const again = await importFile(store.db, { kind: "orders", file: rejects, rejectsFile: false });
    expect(again).toMatchObject({ landed: 1, rejected: 5 });
    expect(again.ignoredColumns).toEqual(expect.arrayContaining(["_line", "_errors"]));
  });

  it("re-importing a file changes nothing", async () => {
    const s = await importFile(store.db, { kind: "orders", file: path.join(FIXTURES, "orders-mixed.csv"), rejectsFile: false });
    expect(s).toMatchObject({ landed: 0, updated: 0, unchanged: 4, rejected: 6 });
  });

  it("reads a GBK file with Chinese headers as Chinese Excel writes it", async () => {
    const s = await importFile(store.db, { kind: "orders", file: path.join(FIXTURES, "orders-gbk.csv"), rejectsFile: false });
    expect(s).toMatchObject({ encoding: "gb18030", landed: 3, rejected: 0 });
    expect(s.columns).toMatchObject({ customerRef: "客户编号", orderNo: "订单号", orderedAt: "订单日期", amount: "金额" });
    expect(await customerTotals(store, "K001")).toMatchObject({ sales: "2400", returns: "680", first_purchase: "2024-01-02" });
  });

  it("reads an Excel export with date and number cells", async () => {
    const file = path.join(tmp, `${kind}-orders.xlsx`);
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet("订单");
    ws.addRow(["会员编号", "订单编号", "下单时间", "商品编码", "数量", "单价", "优惠金额", "币种"]);
    ws.addRow(["X1", "XL-1", new Date(Date.UTC(2024, 4, 20, 9, 30)), "TEA-1", 3, 19.9, 0.7, "CNY"]);
    ws.addRow(["X1", "XL-1", new Date(Date.UTC(2024, 4, 20, 9, 30)), "TEA-2", 1, 0.1, 0, "CNY"]);
    ws.addRow(["X2", "XL-2", new Date(Date.UTC(2024, 5, 1)), "TEA-1", 2, 10, 0, "USD"]);
    await wb.xlsx.writeFile(file);
    const s = await importFile(store.db, { kind: "orders", file, rejectsFile: false });
    expect(s).toMatchObject({ encoding: "xlsx", landed: 3, rejected: 0 });
    // 3 × 19.9 − 0.7 + 0.1: exact, no float noise.
    expect(await customerTotals(store, "X1")).toMatchObject({ sales: "59.1", discount: "0.7", orders: 1, first_purchase: "2024-05-20" });
    expect(await customerTotals(store, "X2")).toMatchObject({ sales: "142" });
  });

  it("reads the UCI Online Retail layout: cancellations become returns, rows without a customer are rejected", async () => {
    await setFxRate(store.db, "GBP", "2000-01-01", "9");
    const s = await importFile(store.db, { kind: "orders", file: path.join(FIXTURES, "online-retail.csv"), rejectsFile: false });
    expect(s).toMatchObject({ preset: "online-retail", landed: 10, rejected: 3 });
    expect(s.firstRejections.filter((r) => r.reason === "no customer id")).toHaveLength(3);
    const returns = await store.db.selectFrom("order_lines").innerJoin("orders", (j) => j.onRef("orders.customer_id", "=", "order_lines.customer_id").onRef("orders.order_id", "=", "order_lines.order_id"))
      .select(["orders.order_no", "order_lines.quantity", "order_lines.is_return"]).where("orders.order_no", "like", "C%").execute();
    expect(returns.length).toBeGreaterThan(0);
    for (const r of returns) expect(r).toMatchObject({ is_return: true, quantity: expect.stringMatching(/^-/) });
  });

  it("reads a Shopify export, carrying order fields to the order's later rows", async () => {
    const s = await importFile(store.db, { kind: "orders", file: path.join(FIXTURES, "shopify-orders.csv"), rejectsFile: false });
    expect(s).toMatchObject({ preset: "shopify", landed: 4 });
    const order = await store.db.selectFrom("orders").innerJoin("customers", "customers.customer_id", "orders.customer_id")
      .select(["customers.external_id", "orders.currency", "orders.order_date"]).where("orders.order_no", "=", "#1001").execute();
    expect(order).toEqual([{ external_id: "ava@example.com", currency: "USD", order_date: "2024-03-01" }]);
    const lines = await store.db.selectFrom("order_lines").innerJoin("orders", (j) => j.onRef("orders.customer_id", "=", "order_lines.customer_id").onRef("orders.order_id", "=", "order_lines.order_id"))
      .select("order_lines.line_no").where("orders.order_no", "=", "#1001").execute();
    expect(lines).toHaveLength(2);
  });

  it("a dry run validates everything and stores nothing", async () => {
    const before = await store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    const file = path.join(tmp, `${kind}-dry.csv`);
    fs.writeFileSync(file, "客户编号,订单日期,金额\nD1,2024-01-01,10\nD2,2024-13-01,5\n");
    const s = await importFile(store.db, { kind: "orders", file, dryRun: true, rejectsFile: false });
    expect(s).toMatchObject({ dryRun: true, landed: 1, rejected: 1, customersCreated: 1 });
    expect(await store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow()).toEqual(before);
    expect(await searchCustomers(store.db, "D1")).toEqual([]);
  });

  it("imports customers with profile groups, key dates and custom fields", async () => {
    const file = path.join(tmp, `${kind}-customers.csv`);
    fs.writeFileSync(file, "客户编号,姓名,类型,手机,邮箱,生日,农历生日,标签,career.company,会员卡号\nP1,刘洋,个人,138 0013 8000,LY@Example.com,1990-05-04,闰04-12,vip;wechat,星辰文化,A-77\nP2,远航物流有限公司,企业,,,,,,,\n");
    const s = await importFile(store.db, { kind: "customers", file, rejectsFile: false });
    expect(s).toMatchObject({ landed: 2, rejected: 0 });
    const [p1] = await searchCustomers(store.db, "P1");
    const c = await getCustomer(store.db, p1!.customer_id);
    expect(c).toMatchObject({ name: "刘洋", kind: "individual", phone: "13800138000", email: "ly@example.com", tags: ["vip", "wechat"] });
    expect(c.profile).toMatchObject({ career: { company: "星辰文化" } });
    expect(c.custom).toMatchObject({ 会员卡号: "A-77" });
    expect(c.keyDates.map((k) => [k.calendar, k.month, k.day, k.leap_month])).toEqual(expect.arrayContaining([["gregorian", 5, 4, false], ["lunar", 4, 12, true]]));
    const [p2] = await searchCustomers(store.db, "P2");
    expect(p2).toMatchObject({ kind: "enterprise" });
    expect(await importFile(store.db, { kind: "customers", file, rejectsFile: false })).toMatchObject({ landed: 0, unchanged: 2 });
  });

  it("imports products (costs then drive margin) and the contact log, idempotently", async () => {
    const products = path.join(tmp, `${kind}-products.csv`);
    fs.writeFileSync(products, "商品编码,商品名称,品类,单价,成本价,补货周期\nPRD-1,纸尿裤 L码,母婴,129,70.5,30\nPRD-2,啤酒 6罐,饮料,39.9,21,\n");
    expect(await importFile(store.db, { kind: "products", file: products, rejectsFile: false })).toMatchObject({ landed: 2, rejected: 0 });
    expect(await importFile(store.db, { kind: "products", file: products, rejectsFile: false })).toMatchObject({ landed: 0, unchanged: 2 });
    const p1 = await store.db.selectFrom("products").selectAll().where("sku", "=", "PRD-1").executeTakeFirstOrThrow();
    expect(p1).toMatchObject({ name: "纸尿裤 L码", category: "母婴", list_price: "129", unit_cost: "70.5", replacement_days: 30 });

    // A line without its own cost takes the product's: margin = 2 × 129 − 2 × 70.5.
    const orders = path.join(tmp, `${kind}-costed.csv`);
    fs.writeFileSync(orders, "customer_id,order_no,order_date,sku,quantity,unit_price\nPC1,PO-1,2024-07-01,PRD-1,2,129\n");
    await importFile(store.db, { kind: "orders", file: orders, rejectsFile: false });
    const totals = await customerTotals(store, "PC1");
    expect(totals).toMatchObject({ sales: "258", cost: "141", costed_net_sales: "258" });

    const contacts = path.join(tmp, `${kind}-contacts.csv`);
    fs.writeFileSync(contacts, "客户编号,联系时间,渠道,方向,目的,结果,备注\nPC1,2024-07-03 10:00,电话,outbound,follow_up,reached,问使用感受\nPC1,2024-07-03 10:00,电话,outbound,follow_up,reached,问使用感受\nPC1,2024-13-01,电话,,,,\n");
    const first = await importFile(store.db, { kind: "interactions", file: contacts, rejectsFile: false });
    expect(first).toMatchObject({ landed: 2, rejected: 1 });
    expect(await importFile(store.db, { kind: "interactions", file: contacts, rejectsFile: false })).toMatchObject({ landed: 0, unchanged: 2 });
    const [pc1] = await searchCustomers(store.db, "PC1");
    const logged = await store.db.selectFrom("interactions").selectAll().where("customer_id", "=", pc1!.customer_id).execute();
    expect(logged).toHaveLength(2);
    expect(logged[0]).toMatchObject({ direction: "outbound", purpose: "follow_up", outcome: "reached", notes: "问使用感受" });
  });
});
