/**
 * A Taobao/Tmall 千牛 workbook (order sheet, item sheet, shipping sheet in one .xlsx) imports
 * as the classic pair does, joined on the order number, on PGlite and PostgreSQL.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getCustomer } from "../../src/archive/customers.service.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import type { Store } from "../../src/store/connect.ts";
import { writeQianniuWorkbook } from "../fixtures/ingest/qianniu-workbook.ts";
import { freshStore, STORE_KINDS } from "../support/stores.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-qianniu-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const dec = (v: unknown) => (typeof v === "string" && v.includes(".") ? v.replace(/\.?0+$/, "") : v);

describe.each(STORE_KINDS)("a 千牛 workbook into %s", (kind) => {
  let store: Store;
  const book = path.join(tmp, `${kind}-订单导出.xlsx`);
  beforeAll(async () => {
    store = await freshStore(kind);
    await writeQianniuWorkbook(book);
  });
  afterAll(async () => store?.close());

  async function linesOf(source: string) {
    const rows = await store.db.selectFrom("order_lines")
      .innerJoin("orders", (j) => j.onRef("orders.customer_id", "=", "order_lines.customer_id").onRef("orders.order_id", "=", "order_lines.order_id"))
      .innerJoin("customer_identities", "customer_identities.customer_id", "orders.customer_id")
      .select(["customer_identities.external_id", "orders.order_no", "order_lines.line_no", "order_lines.quantity", "order_lines.amount", "order_lines.sku", "order_lines.is_return"])
      .where("customer_identities.source", "=", source).orderBy("orders.order_no").orderBy("order_lines.line_no").execute();
    return rows.map((r) => [r.external_id, r.order_no, r.line_no, dec(r.quantity), dec(r.amount), r.sku, r.is_return]);
  }

  it("finds the order sheet and the item sheet, joins them on 主订单编号, and takes each item's own refund", async () => {
    const s = await importFile(store.db, { kind: "orders", file: book, source: "qianniu", rejectsFile: false });
    expect(s).toMatchObject({ preset: "taobao-items", rowsRead: 4, landed: 4, rejected: 0, skipped: 1 });
    expect(s.pair).toEqual({ orderFile: `${book} [订单报表]`, detailFile: `${book} [销售明细]` });
    expect(await linesOf("qianniu")).toEqual([
      ["tb_dan", "360000000000000001", 1, "2", "240", "LJ-250", false],
      ["tb_dan", "360000000000000001", 2, "1", "80", "BLC-100", false],
      ["tb_erin", "360000000000000002", 1, "1", "60", "PE-357", false],
      // The item's refund, once: the order sheet's 退款金额 for the same order is not added to it.
      ["tb_erin", "360000000000000002", 2, "0", "-30", "PE-357", true],
    ]);
    const erin = await store.db.selectFrom("customer_identities").select("customer_id").where("source", "=", "qianniu").where("external_id", "=", "tb_erin").executeTakeFirstOrThrow();
    const c = await getCustomer(store.db, erin.customer_id);
    // The masked phone is not stored.
    expect(c.phone).toBeNull();
    expect(dec(c.aggregates!.returns)).toBe("30");
    // A re-run changes nothing.
    expect(await importFile(store.db, { kind: "orders", file: book, source: "qianniu", rejectsFile: false })).toMatchObject({ landed: 0, unchanged: 4 });
  });

  it("reads a workbook with only the order sheet as the order list alone, and one sheet when --sheet names it", async () => {
    const orders = path.join(tmp, `${kind}-orders-only.xlsx`);
    await writeQianniuWorkbook(orders, ["订单报表", "发货报表"]);
    expect(await importFile(store.db, { kind: "orders", file: orders, source: "qianniu-orders", dryRun: true, rejectsFile: false }))
      .toMatchObject({ preset: "taobao", landed: 3, skipped: 1 });
    const s = await importFile(store.db, { kind: "orders", file: book, sheet: "订单报表", source: "qianniu-orders", dryRun: true, rejectsFile: false });
    expect(s).toMatchObject({ preset: "taobao", landed: 3, skipped: 1 });
    expect(s.pair).toBeUndefined();
  });

  it("refuses a workbook with two item sheets, naming them, and stores nothing", async () => {
    const two = path.join(tmp, `${kind}-two-items.xlsx`);
    await writeQianniuWorkbook(two, ["订单报表", "销售明细", "销售明细"]);
    await expect(importFile(store.db, { kind: "orders", file: two, source: "qianniu-two", rejectsFile: false }))
      .rejects.toThrow(/1 order sheets \(订单报表\) and 2 item sheets \(销售明细, 销售明细2\)/);
    expect(await store.db.selectFrom("customer_identities").select("customer_id").where("source", "=", "qianniu-two").execute()).toEqual([]);
  });
});
