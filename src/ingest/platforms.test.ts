import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import iconv from "iconv-lite";
import { afterAll, describe, expect, it } from "vitest";
import {
  ALIEXPRESS_HEADERS, ALIEXPRESS_PRODUCTS, AMBIGUOUS_HEADERS, csv, DOUYIN_HEADERS, DOUYIN_ROWS, JD_HEADERS, JD_ROWS, PDD_2023_HEADERS, PDD_2023_ROWS,
  TAOBAO_ORDER_HEADERS, TAOBAO_ORDER_ROWS, writeAliExpressXlsx,
} from "../../test/fixtures/ingest/platforms/generate.ts";
import { RetainError } from "../errors.ts";
import { detectPreset } from "./columns.ts";
import { openParsedRows } from "./parse-file.ts";
import { cleanPlatformCell } from "./platforms.ts";
import { openTable } from "./read/table.ts";
import type { ParsedRow } from "./run.ts";

const FIXTURES = path.resolve(import.meta.dirname, "../../test/fixtures/ingest/platforms");
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-platform-unit-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

async function rowsOf(file: string, more: { pairedFile?: string; preset?: string } = {}) {
  const parsed = await openParsedRows({ kind: "orders", file, baseCurrency: "CNY", ...more });
  const rows: ParsedRow<any>[] = [];
  for await (const b of parsed.batches) rows.push(...b);
  return { meta: parsed.meta, rows };
}
const write = (name: string, text: string, encoding: "gbk" | "utf8" = "utf8") => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, encoding === "gbk" ? iconv.encode(text, "gbk") : Buffer.from(text, "utf8"));
  return file;
};

describe("detecting the platform from the headers", () => {
  const cases: Array<[string, string]> = [
    ["taobao-ExportOrderList.csv", "taobao"],
    ["taobao-ExportOrderDetailList.csv", "taobao-detail"],
    ["jd-orders.csv", "jd"],
    ["pinduoduo-orders.csv", "pinduoduo"],
    ["pinduoduo-2023-orders.csv", "pinduoduo-2023"],
    ["douyin-orders.csv", "douyin"],
    ["youzan-orders.csv", "youzan"],
    ["youzan-items.csv", "youzan-items"],
    ["weidian-orders.csv", "weidian"],
    ["weidian-2018-orders.csv", "weidian-2018"],
  ];
  it("every fixture file is in the list", () => {
    const csvs = fs.readdirSync(FIXTURES).filter((f) => f.endsWith(".csv") && f !== "ambiguous-orders.csv");
    expect(csvs.sort()).toEqual(cases.map(([f]) => f).sort());
  });
  it.each(cases)("%s is %s", async (name, preset) => {
    const t = await openTable(path.join(FIXTURES, name));
    expect(detectPreset("orders", t.headers)).toBe(preset);
  });

  it("the AliExpress workbook is aliexpress", async () => {
    const file = path.join(tmp, "aliexpress.xlsx");
    await writeAliExpressXlsx(file);
    expect(detectPreset("orders", (await openTable(file)).headers)).toBe("aliexpress");
  });

  it("refuses a file that fits two presets, naming them", async () => {
    const file = path.join(FIXTURES, "ambiguous-orders.csv");
    const err = await openParsedRows({ kind: "orders", file, baseCurrency: "CNY" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(RetainError);
    expect((err as RetainError).message).toBe(`${file} fits several presets (taobao, jd) and cannot be told apart by its headers.`);
    expect((err as RetainError).details).toMatchObject({ file, hint: "Choose one: --preset taobao or --preset jd." });
    // Naming the preset settles it.
    expect(detectPreset("orders", AMBIGUOUS_HEADERS.slice(0, 4))).toBe("taobao");
  });

  it("a wider signature wins over the one it contains (the detail list is not mistaken for a generic file)", () => {
    expect(detectPreset("orders", ["订单编号", "标题", "价格", "购买数量", "商品属性", "套餐信息"])).toBe("taobao-detail");
    expect(detectPreset("orders", ["order_no", "customer_id", "amount"])).toBe("generic");
  });

  it("refuses the item list alone, saying to give the order list with it", async () => {
    await expect(rowsOf(path.join(FIXTURES, "taobao-ExportOrderDetailList.csv"))).rejects.toThrow(/import it together with its ExportOrderList/);
  });
});

describe("quirks of platform exports", () => {
  it("cleans ids written as =\"…\", after an apostrophe or a tab, and reads - as empty", () => {
    expect(cleanPlatformCell('="350000000000000001"')).toBe("350000000000000001");
    expect(cleanPlatformCell("'13800001111")).toBe("13800001111");
    expect(cleanPlatformCell("\t6920000000000001")).toBe("6920000000000001");
    expect(cleanPlatformCell("-")).toBe("");
    expect(cleanPlatformCell(" 12.50 ")).toBe("12.50");
    expect(cleanPlatformCell("-12.50")).toBe("-12.50");
  });

  it("reads the GBK Taobao list: trailing spaces in headers, =\"…\" ids, apostrophe phones, masked phones dropped", async () => {
    const { meta, rows } = await rowsOf(path.join(FIXTURES, "taobao-ExportOrderList.csv"));
    expect(meta).toMatchObject({ preset: "taobao", encoding: "gb18030" });
    // "订单付款时间 " and "宝贝标题 " have a trailing space in the real export.
    expect(meta.headers).toContain("宝贝标题");
    expect(meta.fields.description).toBe(TAOBAO_ORDER_HEADERS.indexOf("宝贝标题 "));
    const values = rows.filter((r) => r.ok).map((r) => (r.ok ? r.value : null));
    expect(values.map((v) => v.orderNo)).toEqual(["350000000000000001", "350000000000000002", "350000000000000005"]);
    expect(values.map((v) => v.customerPhone)).toEqual(["13800001111", undefined, "13900002222"]);
  });

  it("keeps several items packed in one cell as one line with a warning", async () => {
    const { rows } = await rowsOf(path.join(FIXTURES, "taobao-ExportOrderList.csv"));
    const first = rows[0]!;
    expect(first).toMatchObject({ line: 2, ok: true, value: { description: "绿茶,乌龙茶", quantity: "3", amount: "200" } });
    expect(first.ok && first.warnings).toEqual([expect.stringContaining("2 kinds of item in one row")]);
  });

  it("reads a header with a line break inside, and a header written twice from its first column", async () => {
    const headers = TAOBAO_ORDER_HEADERS.map((h) => (h === "买家会员名" ? "买家\n会员名" : h === "店铺名称" ? "订单状态" : h));
    const file = write("taobao-quirks.csv", csv([headers, ...TAOBAO_ORDER_ROWS]), "gbk");
    const { meta, rows } = await rowsOf(file);
    expect(meta.preset).toBe("taobao");
    expect(meta.fields.customerRef).toBe(1);
    // 订单状态 is now also where 店铺名称 was: the first column of that name is the status.
    expect(meta.fields.status).toBe(TAOBAO_ORDER_HEADERS.indexOf("订单状态"));
    expect(rows.filter((r) => !r.ok && r.skipped).length).toBe(2);
    expect(rows.find((r) => r.ok)).toMatchObject({ value: { customerRef: "tb_alice", status: "交易成功" } });
  });

  it("rejects an id in scientific notation with its line, column and what to do, and never merges it", async () => {
    const rows = TAOBAO_ORDER_ROWS.map((r, i) => (i === 0 ? r.map((c, j) => (j === 0 ? "3.5E+17" : c)) : r));
    const file = write("taobao-sci.csv", csv([TAOBAO_ORDER_HEADERS, ...rows]), "gbk");
    const { rows: parsed } = await rowsOf(file);
    expect(parsed[0]).toMatchObject({
      line: 2, ok: false,
      errors: [{ column: "订单编号", value: "3.5E+17", reason: expect.stringMatching(/scientific notation.*export the file from Taobao\/Tmall again/) }],
    });
  });

  it("never uses a masked phone as the customer's phone nor as part of the identity", async () => {
    const { rows } = await rowsOf(path.join(FIXTURES, "douyin-orders.csv"));
    const values = rows.filter((r) => r.ok).map((r) => (r.ok ? r.value : null));
    // No buyer id in the export: the receiver with the phone, or with the address when the phone is masked.
    expect(values.map((v) => v.customerRef)).toEqual(["陈静 / 13800005678", "陈静 / 13800005678", "周强 / 浙江省 / 杭州市 / 西湖区 / 文新街道 / 文一路 8 号"]);
    expect(values.map((v) => v.customerPhone)).toEqual(["13800005678", "13800005678", undefined]);
    for (const f of ["pinduoduo-orders.csv", "pinduoduo-2023-orders.csv", "weidian-orders.csv", "youzan-orders.csv"]) {
      for (const r of (await rowsOf(path.join(FIXTURES, f))).rows) if (r.ok) expect(JSON.stringify(r.value), f).not.toContain("*");
    }
  });

  it("rejects a Douyin row whose receiver is masked throughout, saying why, rather than guessing", async () => {
    const masked = DOUYIN_ROWS[0]!.map((c, i) => {
      const h = DOUYIN_HEADERS[i]!;
      return h === "收件人" ? "陈*" : h === "收件人手机号" ? "138****5678" : h === "详细地址" ? "北山路***" : c;
    });
    const file = write("douyin-masked.csv", `\uFEFF${csv([DOUYIN_HEADERS, masked])}`);
    const { rows } = await rowsOf(file);
    // The platform's reason alone: the reader's "no customer id" would only repeat it.
    expect(rows[0]).toMatchObject({
      ok: false,
      errors: [{ column: "买家 (buyer)", reason: expect.stringMatching(/^no buyer: .*export the orders with the receiver's details/) }],
    });
  });

  it("Pinduoduo 2023: the buyer is an unmasked 用户购买手机号; a masked one is rejected, never merged on the district", async () => {
    const { meta, rows } = await rowsOf(path.join(FIXTURES, "pinduoduo-2023-orders.csv"));
    expect(meta.preset).toBe("pinduoduo-2023");
    expect(rows.filter((r) => r.ok).map((r) => (r.ok ? r.value.customerRef : ""))).toEqual(["13900003333", "13900003333"]);
    const masked = rows.find((r) => r.line === 4)!;
    expect(masked).toMatchObject({
      ok: false, errors: [{ column: "买家 (buyer)", reason: expect.stringContaining("用户购买手机号 is masked or empty") }],
    });
    // 多多支付立减金额 (3) is the payment channel's: the line is 100 − 10 (the shop's).
    expect(rows[0]).toMatchObject({ ok: true, value: { amount: "90", discount: "10", sku: "TISSUE-10" } });
    // A header written with a leading space, as one importer has it, reads the same.
    const spaced = PDD_2023_HEADERS.map((h) => (h === "用户购买手机号" ? " 用户购买手机号" : h));
    const again = await rowsOf(write("pdd-2023-spaced.csv", csv([spaced, ...PDD_2023_ROWS])));
    expect(again.rows.filter((r) => r.ok)).toHaveLength(2);
  });

  it("Youzan items: no order date in the file, so an item without 交易成功时间 is rejected naming the column and what to export", async () => {
    const { rows } = await rowsOf(path.join(FIXTURES, "youzan-items.csv"));
    expect(rows.find((r) => r.line === 6)).toMatchObject({
      ok: false, errors: [{ column: "交易成功时间", reason: expect.stringContaining("export the order-level file (订单维度)") }],
    });
    expect(rows.find((r) => r.line === 2)).toMatchObject({ ok: true, value: { orderedAt: "2024-06-05T09:00:00", customerRef: "孙悦 / 13600001111", amount: "180" } });
  });

  it("AliExpress: a header with a line break, $ amounts in US dollars unless the cells name a currency, products packed in one cell", async () => {
    const row = (amount: string, off: string) => ALIEXPRESS_HEADERS.map((h) => ({
      订单号: "8100000000000009", 订单状态: "交易完成", 买家名称: "Ann Lee", 下单时间: "2024-08-09 08:00:00", 付款时间: "2024-08-09 08:01:00",
      产品总金额: amount, 满立减: off, [ALIEXPRESS_PRODUCTS]: "【1】Tea infuser\n$10.00 x 1\n【2】Teapot\n$20.00 x 1",
    } as Record<string, string>)[h] ?? "");
    const file = write("aliexpress.csv", csv([ALIEXPRESS_HEADERS, row("$30.00", "$3.00"), row("EUR 30.00", "EUR 3.00")]));
    const { meta, rows } = await rowsOf(file);
    expect(meta.preset).toBe("aliexpress");
    expect(rows.map((r) => (r.ok ? [r.value.amount, r.value.discount, r.value.currency] : r.errors))).toEqual([["27", "3", "USD"], ["27", "3", "EUR"]]);
    expect(rows[0]!.ok && rows[0]!.warnings).toEqual([expect.stringMatching(/^2 kinds of item in one row \(【1】Tea infuser \$10\.00 x 1 【2】Teapot/)]);
  });

  it("names the file and line of a detail row whose order is missing, and of an order without items", async () => {
    const orders = write("ExportOrderList.csv", csv([TAOBAO_ORDER_HEADERS, ...TAOBAO_ORDER_ROWS]), "gbk");
    const details = write("ExportOrderDetailList.csv", csv([
      ["订单编号", "标题", "价格", "购买数量", "外部系统编号", "商品属性", "套餐信息", "备注", "订单状态", "商家编码"],
      ['="350000000000000001"', "绿茶", "50.00", "2", "", "", "", "", "交易成功", "TEA-G"],
      ['="350000000000000001"', "乌龙茶", "100.00", "1", "", "", "", "", "交易成功", "TEA-O"],
      ['="350000000000000077"', "黄茶", "40.00", "1", "", "", "", "", "交易成功", "TEA-Y"],
    ]), "gbk");
    const { rows } = await rowsOf(orders, { pairedFile: details });
    const problems = rows.filter((r) => !r.ok && !r.skipped).map((r) => (r.ok ? "" : r.errors[0]!.reason));
    expect(problems).toEqual([
      "line 4 of ExportOrderDetailList.csv: order 350000000000000077 is not in ExportOrderList.csv; export both lists for the same orders and import them again",
      "line 3 of ExportOrderList.csv: order 350000000000000002 has no items in ExportOrderDetailList.csv; export both lists for the same orders and import them again",
      "line 6 of ExportOrderList.csv: order 350000000000000005 has no items in ExportOrderDetailList.csv; export both lists for the same orders and import them again",
    ]);
    // The unpaid orders without items are no sales either way: skipped, not rejected.
    expect(rows.filter((r) => !r.ok && r.skipped)).toHaveLength(2);
  });

  it("a JD export saved as GBK by Excel reads the same", async () => {
    const file = write("jd-gbk.csv", csv([JD_HEADERS, ...JD_ROWS]), "gbk");
    const { meta, rows } = await rowsOf(file);
    expect(meta).toMatchObject({ preset: "jd", encoding: "gb18030" });
    expect(rows.filter((r) => r.ok)).toHaveLength(2);
  });
});
