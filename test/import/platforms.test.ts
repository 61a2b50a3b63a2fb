/**
 * Each platform preset imports its fixture (test/fixtures/ingest/platforms) into the store,
 * on PGlite and PostgreSQL: the customers, orders, lines, returns and discounts are asserted.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCustomer } from "../../src/archive/customers.service.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import type { Store } from "../../src/store/connect.ts";
import { setFxRate } from "../../src/store/settings.repository.ts";
import { writeAliExpressXlsx } from "../fixtures/ingest/platforms/generate.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../fixtures/ingest/platforms");
const fixture = (name: string) => path.join(FIXTURES, name);
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-platforms-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** A decimal string without trailing zeros (exact, no floats). */
const dec = (v: unknown) => (typeof v === "string" && v.includes(".") ? v.replace(/\.?0+$/, "") : v);

describe.each(STORE_KINDS)("platform exports into %s", (kind) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(kind);
    await setFxRate(store.db, "USD", "2000-01-01", "7.1");
  });
  afterAll(async () => {
    await store?.close();
  });

  /** Every customer of a source: external id → phone and totals. */
  async function customersOf(source: string) {
    const rows = await store.db.selectFrom("customer_identities").innerJoin("customers", "customers.customer_id", "customer_identities.customer_id")
      .select(["customer_identities.external_id", "customers.customer_id", "customers.phone", "customers.name"]).where("customer_identities.source", "=", source).execute();
    const out: Record<string, { phone: string | null; name: string | null; totals: Record<string, unknown> }> = {};
    for (const r of rows) {
      const a = (await getCustomer(store.db, r.customer_id)).aggregates!;
      out[r.external_id] = { phone: r.phone, name: r.name, totals: Object.fromEntries(Object.entries(a).map(([k, v]) => [k, dec(v)])) };
    }
    return out;
  }

  /** The lines of a source's orders, as [order no, quantity, amount, discount, is return]. */
  async function linesOf(source: string) {
    const rows = await store.db.selectFrom("order_lines")
      .innerJoin("orders", (j) => j.onRef("orders.customer_id", "=", "order_lines.customer_id").onRef("orders.order_id", "=", "order_lines.order_id"))
      .innerJoin("customer_identities", "customer_identities.customer_id", "orders.customer_id")
      .select(["orders.order_no", "order_lines.line_no", "order_lines.quantity", "order_lines.amount", "order_lines.discount", "order_lines.is_return"])
      .where("customer_identities.source", "=", source).orderBy("orders.order_no").orderBy("order_lines.line_no").execute();
    return rows.map((r) => [r.order_no, r.line_no, dec(r.quantity), dec(r.amount), dec(r.discount), r.is_return]);
  }

  it("Taobao ExportOrderList alone (GBK): one line per order, unpaid orders skipped, refunds as returns, masked phones dropped", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("taobao-ExportOrderList.csv"), source: "taobao", rejectsFile: false });
    expect(s).toMatchObject({ preset: "taobao", encoding: "gb18030", rowsRead: 5, landed: 5, rejected: 0, skipped: 2, warned: 1 });
    expect(s.skippedReasons).toEqual({ "not a sale (等待买家付款)": 1, "not a sale (交易关闭, never paid)": 1 });
    expect(s.warnings[0]).toMatchObject({ line: 2, reason: expect.stringContaining("2 kinds of item in one row (绿茶,乌龙茶)") });
    expect(s.platform).toEqual({ label: "Taobao/Tmall", identity: expect.stringContaining("买家会员名") });
    const c = await customersOf("taobao");
    expect(Object.keys(c).sort()).toEqual(["tb_alice", "tb_bob"]);
    expect(c.tb_alice).toMatchObject({ phone: "13800001111", totals: { sales: "200", returns: "0", orders: 1 } });
    expect(c.tb_bob!.totals).toMatchObject({ sales: "208", returns: "108", orders: 2 });
    // The customer's details come from their first row, whose phone is masked: none is stored.
    expect(c.tb_bob!.phone).toBeNull();
    expect(await linesOf("taobao")).toEqual([
      ["350000000000000001", 1, "3", "200", "0", false],
      ["350000000000000002", 1, "1", "88", "0", false],
      ["350000000000000002", 2, "0", "-88", "0", true],
      ["350000000000000005", 1, "2", "120", "0", false],
      ["350000000000000005", 2, "0", "-20", "0", true],
    ]);
  });

  it("Taobao pair: the two lists joined on 订单编号, one line per item, a detail row without its order rejected with file and line", async () => {
    const rejects = path.join(tmp, `${kind}-taobao.rejects.csv`);
    // Given in either order: the order list is told from the item list by its headers.
    const s = await importFile(store.db, {
      kind: "orders", file: fixture("taobao-ExportOrderDetailList.csv"), pairedFile: fixture("taobao-ExportOrderList.csv"), source: "taobao-pair", rejectsFile: rejects,
    });
    expect(s).toMatchObject({ preset: "taobao-items", rowsRead: 7, landed: 6, rejected: 1, skipped: 2 });
    expect(s.pair).toEqual({ orderFile: fixture("taobao-ExportOrderList.csv"), detailFile: fixture("taobao-ExportOrderDetailList.csv") });
    expect(s.firstRejections).toEqual([{
      line: 8, column: "订单编号", value: "350000000000000099",
      reason: expect.stringMatching(/^line 8 of taobao-ExportOrderDetailList\.csv: order 350000000000000099 is not in taobao-ExportOrderList\.csv/),
    }]);
    expect(fs.readFileSync(rejects, "utf8")).toContain("黄茶");
    const c = await customersOf("taobao-pair");
    expect(c.tb_alice!.totals).toMatchObject({ sales: "200", orders: 1 });
    expect(c.tb_bob!.totals).toMatchObject({ sales: "208", returns: "108", orders: 2 });
    expect(await linesOf("taobao-pair")).toEqual([
      ["350000000000000001", 1, "2", "100", "0", false],
      ["350000000000000001", 2, "1", "100", "0", false],
      ["350000000000000002", 1, "1", "88", "0", false],
      ["350000000000000002", 2, "0", "-88", "0", true],
      ["350000000000000005", 1, "2", "120", "0", false],
      ["350000000000000005", 2, "0", "-20", "0", true],
    ]);
    // A re-run changes nothing.
    const again = await importFile(store.db, {
      kind: "orders", file: fixture("taobao-ExportOrderList.csv"), pairedFile: fixture("taobao-ExportOrderDetailList.csv"), source: "taobao-pair", rejectsFile: false,
    });
    expect(again).toMatchObject({ landed: 0, updated: 0, unchanged: 6, rejected: 1 });
  });

  it("JD: 下单帐号 is the buyer; unpaid and cancelled orders are no sales; an order number in scientific notation is rejected", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("jd-orders.csv"), source: "jd", rejectsFile: false });
    expect(s).toMatchObject({ preset: "jd", rowsRead: 5, landed: 2, skipped: 2, rejected: 1 });
    expect(s.firstRejections).toEqual([{ line: 6, column: "订单号", value: "2.30000000004E+11", reason: expect.stringContaining("scientific notation") }]);
    const c = await customersOf("jd");
    expect(Object.keys(c)).toEqual(["jd_wang"]);
    expect(c.jd_wang!.totals).toMatchObject({ sales: "208", orders: 1 });
  });

  it("Pinduoduo (GBK, 2019 header): no buyer id, so the receiver is matched, and the summary says so; only the shop's discount counts", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("pinduoduo-orders.csv"), source: "pdd", rejectsFile: false });
    expect(s).toMatchObject({ preset: "pinduoduo", encoding: "gb18030", rowsRead: 4, landed: 4, skipped: 1, rejected: 0 });
    expect(s.platform!.identity).toMatch(/no buyer id/);
    const c = await customersOf("pdd");
    expect(Object.keys(c).sort()).toEqual(["张三 / 13900001111", "李四 / 广东省 / 深圳市 / 南山区 / 科技园"]);
    // 100 − 10 (shop) = 90, and 50 refunded in full; the platform's 5 is not the customer's discount.
    expect(c["张三 / 13900001111"]).toMatchObject({ phone: "13900001111", totals: { sales: "140", returns: "50", discount: "10" } });
    // The masked phone (139****2222) is neither stored nor part of the identity.
    expect(c["李四 / 广东省 / 深圳市 / 南山区 / 科技园"]).toMatchObject({ phone: null, totals: { sales: "72", discount: "8" } });
  });

  it("Pinduoduo 2023 (no receiver): 用户购买手机号 when unmasked, a masked one rejected; 多多支付立减 is not the shop's discount", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("pinduoduo-2023-orders.csv"), source: "pdd-2023", rejectsFile: false });
    expect(s).toMatchObject({ preset: "pinduoduo-2023", rowsRead: 4, landed: 3, skipped: 1, rejected: 1 });
    expect(s.firstRejections[0]).toMatchObject({ line: 4, column: "买家 (buyer)", reason: expect.stringContaining("用户购买手机号 is masked") });
    const c = await customersOf("pdd-2023");
    // Line 4 shares line 2's province, city, district and town: it is no customer of its own, nor theirs.
    expect(Object.keys(c)).toEqual(["13900003333"]);
    expect(c["13900003333"]).toMatchObject({ phone: "13900003333", totals: { sales: "140", returns: "50", discount: "10", orders: 2 } });
  });

  it("Douyin (UTF-8 with BOM, ids after a tab, - for no after-sale): the receiver is the buyer; 商家优惠 only; 退款成功 a return", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("douyin-orders.csv"), source: "douyin", rejectsFile: false });
    expect(s).toMatchObject({ preset: "douyin", encoding: "utf-8-bom", rowsRead: 4, landed: 4, skipped: 1, rejected: 0 });
    expect(s.platform!.identity).toMatch(/^no buyer id in the file: 收件人 \+ 收件人手机号/);
    const c = await customersOf("douyin");
    const zhou = "周强 / 浙江省 / 杭州市 / 西湖区 / 文新街道 / 文一路 8 号";
    expect(Object.keys(c).sort()).toEqual([zhou, "陈静 / 13800005678"].sort());
    // 2 × 39.90 − 5 + 99.
    expect(c["陈静 / 13800005678"]).toMatchObject({ phone: "13800005678", totals: { sales: "173.8", discount: "5", orders: 1 } });
    expect(c[zhou]).toMatchObject({ phone: null, totals: { sales: "39.9", returns: "39.9" } });
    expect((await linesOf("douyin")).filter((l) => l[0] === "6920000000000001")).toHaveLength(2);
  });

  it("Youzan order level: 买家手机号 the buyer, 店铺优惠合计 only (not 支付优惠合计), packed items kept with a warning", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("youzan-orders.csv"), source: "youzan", rejectsFile: false });
    expect(s).toMatchObject({ preset: "youzan", rowsRead: 3, landed: 3, skipped: 1, rejected: 0, warned: 1 });
    expect(s.warnings[0]).toMatchObject({ line: 2, reason: expect.stringContaining("2 kinds of item in one row (马克杯;茶叶)") });
    const c = await customersOf("youzan");
    expect(Object.keys(c)).toEqual(["13600001111"]);
    expect(c["13600001111"]!.totals).toMatchObject({ sales: "370", returns: "100", discount: "30", orders: 2 });
  });

  it("Youzan item level: the receiver is the customer, dated by 交易成功时间; an item without it is rejected", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("youzan-items.csv"), source: "youzan-items", rejectsFile: false });
    expect(s).toMatchObject({ preset: "youzan-items", rowsRead: 5, landed: 4, skipped: 1, rejected: 1 });
    expect(s.firstRejections[0]).toMatchObject({ line: 6, column: "交易成功时间" });
    const c = await customersOf("youzan-items");
    // Not the order file's customer (买家手机号): the item file knows only the receiver.
    expect(Object.keys(c)).toEqual(["孙悦 / 13600001111"]);
    expect(c["孙悦 / 13600001111"]!.totals).toMatchObject({ sales: "370", returns: "100", discount: "30", orders: 2 });
    expect((await linesOf("youzan-items")).filter((l) => l[0] === "E20240601000000001")).toEqual([
      ["E20240601000000001", 1, "2", "180", "20", false],
      ["E20240601000000001", 2, "1", "90", "10", false],
    ]);
  });

  it("Weidian, June 2020 layout: 下单账号 the buyer, `-` is empty, 退款成功 without an amount returns the whole line", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("weidian-orders.csv"), source: "weidian", rejectsFile: false });
    expect(s).toMatchObject({ preset: "weidian", rowsRead: 3, landed: 3, skipped: 1, rejected: 0 });
    const c = await customersOf("weidian");
    // 68 × 2 + 68; the masked phone is not kept.
    expect(c["13500001111"]).toMatchObject({ phone: null, name: "何静", totals: { sales: "204", returns: "68" } });
  });

  it("Weidian, 2018 layout (GBK): the older names read the same; a closed unpaid order is no sale; 退款金额 a return", async () => {
    const s = await importFile(store.db, { kind: "orders", file: fixture("weidian-2018-orders.csv"), source: "weidian-2018", rejectsFile: false });
    expect(s).toMatchObject({ preset: "weidian-2018", encoding: "gb18030", rowsRead: 3, landed: 3, skipped: 1, rejected: 0 });
    expect(s.skippedReasons).toEqual({ "not a sale (已关闭, never paid)": 1 });
    const c = await customersOf("weidian-2018");
    expect(c["13500003333"]).toMatchObject({ phone: "13500003333", totals: { sales: "174", returns: "20" } });
  });

  it("AliExpress (.xlsx, Chinese headers, $ amounts): one line per order in US dollars, 满立减 the discount, packed products warned", async () => {
    const file = path.join(tmp, `${kind}-aliexpress.xlsx`);
    await writeAliExpressXlsx(file);
    const s = await importFile(store.db, { kind: "orders", file, source: "aliexpress", rejectsFile: false });
    expect(s).toMatchObject({ preset: "aliexpress", encoding: "xlsx", rowsRead: 3, landed: 2, skipped: 1, rejected: 0, warned: 1 });
    const c = await customersOf("aliexpress");
    // (30 − 3) + 20 = 47 USD at 7.1; 3 USD discount.
    expect(c["John Smith"]!.totals).toMatchObject({ sales: "333.7", returns: "0", discount: "21.3", orders: 2 });
  });

  it("a failed pair import leaves the store as it was", async () => {
    const before = await store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    await expect(importFile(store.db, { kind: "orders", file: fixture("jd-orders.csv"), pairedFile: fixture("taobao-ExportOrderList.csv"), rejectsFile: false }))
      .rejects.toThrow(/only as a Taobao\/Tmall pair/);
    const after = await store.db.selectFrom("order_lines").select((eb) => eb.fn.countAll().as("n")).executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });
});
