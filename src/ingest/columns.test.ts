import { describe, expect, it } from "vitest";
import { RetainError } from "../errors.ts";
import { detectPreset, FIELDS, IMPORT_KINDS, mapColumns, normalizeHeader, PRESETS, type MapOptions } from "./columns.ts";
import type { ImportKind } from "./fields.ts";

function mapError(kind: ImportKind, headers: string[], opts: MapOptions = {}): RetainError {
  try {
    mapColumns(kind, headers, opts);
  } catch (e) {
    expect(e).toBeInstanceOf(RetainError);
    return e as RetainError;
  }
  throw new Error("expected mapColumns to throw");
}

describe("field definitions", () => {
  it("gives no header two meanings within a kind", () => {
    for (const kind of IMPORT_KINDS) {
      const owner = new Map<string, string>();
      for (const f of FIELDS[kind]) {
        for (const s of new Set([f.name, ...f.synonyms].map(normalizeHeader))) {
          expect(owner.get(s) ?? f.name, `${kind}: '${s}' is a synonym of ${owner.get(s)} and ${f.name}`).toBe(f.name);
          owner.set(s, f.name);
        }
      }
    }
  });

  it("uses the field names of the input types", () => {
    expect(FIELDS.orders.map((f) => f.name)).toEqual(expect.arrayContaining(["customerRef", "orderedAt", "quantity", "unitPrice", "amount", "isReturn"]));
    expect(FIELDS.interactions.filter((f) => f.required).map((f) => f.name)).toEqual(["customerRef", "occurredAt", "channel"]);
  });
});

describe("mapColumns by synonym", () => {
  it("matches English headers whatever their case, spaces, underscores or hyphens", () => {
    const m = mapColumns("orders", ["Customer_ID", "ORDER-DATE", "Product Name", "qty", "Unit Price", "Line Total", "Currency", "Notes"]);
    expect(m.fields).toEqual({ customerRef: 0, orderedAt: 1, description: 2, quantity: 3, unitPrice: 4, amount: 5, currency: 6 });
    expect(m.ignored).toEqual(["Notes"]);
    expect(m.preset).toBe("generic");
  });

  it("matches Chinese headers", () => {
    const m = mapColumns("orders", ["客户编号", "订单号", "订单日期", "商品名称", "数量", "单价", "实付金额", "商品编码", "品类", "优惠金额", "成本价", "币种", "销售渠道", "手机号", "邮箱", "客户姓名"]);
    expect(m.fields).toEqual({
      customerRef: 0, orderNo: 1, orderedAt: 2, description: 3, quantity: 4, unitPrice: 5, amount: 6, sku: 7, category: 8,
      discount: 9, unitCost: 10, currency: 11, channel: 12, customerPhone: 13, customerEmail: 14, customerName: 15,
    });
  });

  it("matches a header with a unit in brackets and full-width letters", () => {
    const m = mapColumns("orders", ["会员ID", "下单时间", "金额（元）", "ＱＴＹ"]);
    expect(m.fields).toEqual({ customerRef: 0, orderedAt: 1, amount: 2, quantity: 3 });
  });

  it("prefers the more specific synonym", () => {
    // "customer id" comes before "customer" for customerRef; "order date" before "date".
    const m = mapColumns("orders", ["customer", "date", "customer id", "order date", "amount"]);
    expect(m.fields).toMatchObject({ customerRef: 2, orderedAt: 3 });
  });

  it("maps the other kinds", () => {
    expect(mapColumns("customers", ["客户编号", "姓名", "类型", "状态", "标签", "生日", "农历生日", "basic.occupation"]).fields).toEqual({
      externalId: 0, name: 1, kind: 2, state: 3, tags: 4, birthday: 5, lunarBirthday: 6,
    });
    expect(mapColumns("products", ["货号", "商品名称", "零售价", "成本", "复购周期"]).fields).toEqual({
      sku: 0, name: 1, listPrice: 2, unitCost: 3, replacementDays: 4,
    });
    expect(mapColumns("interactions", ["客户编号", "联系时间", "沟通方式", "结果", "备注"]).fields).toEqual({
      customerRef: 0, occurredAt: 1, channel: 2, outcome: 3, notes: 4,
    });
  });
});

describe("--map overrides", () => {
  it("maps a field to a header name or a 1-based column number", () => {
    const m = mapColumns("orders", ["Kunde", "Datum", "Betrag", "Memo"], { overrides: { customerRef: "kunde", orderedAt: "2", amount: "Betrag" } });
    expect(m.fields).toEqual({ customerRef: 0, orderedAt: 1, amount: 2 });
    expect(m.ignored).toEqual(["Memo"]);
  });

  it("wins over synonyms, and an empty column unmaps a field", () => {
    const m = mapColumns("orders", ["customer_id", "order_date", "amount", "paid_amount", "channel"], {
      overrides: { amount: "paid_amount", channel: "" },
    });
    expect(m.fields).toEqual({ customerRef: 0, orderedAt: 1, amount: 3 });
    expect(m.ignored).toEqual(["amount", "channel"]);
  });

  it("rejects a column that is not in the file, listing the headers", () => {
    const e = mapError("orders", ["customer_id", "order_date", "amount"], { overrides: { orderedAt: "when" } });
    expect(e.code).toBe("BAD_INPUT");
    expect(e.message).toContain("customer_id, order_date, amount");
    expect(mapError("orders", ["a", "b"], { overrides: { orderedAt: "3" } }).code).toBe("BAD_INPUT");
  });

  it("rejects an unknown field name", () => {
    const e = mapError("orders", ["customer_id"], { overrides: { colour: "customer_id" } });
    expect(e.code).toBe("BAD_INPUT");
    expect(e.message).toContain("orderedAt");
  });
});

describe("required columns", () => {
  it("names the missing field, what was looked for and the --map to give", () => {
    const e = mapError("orders", ["客户编号", "金额"], { file: "sales.csv" });
    expect(e.code).toBe("BAD_FILE");
    expect(e.details).toMatchObject({ field: "orderedAt", file: "sales.csv" });
    expect(e.message).toBe(
      "sales.csv has no column for the order date (looked for: ordered_at, order_date, order date, date, invoice date, purchase date, …). Choose the column that holds it (on the command line: --map orderedAt=<column>).",
    );
    expect(e.details.hint).toContain("客户编号, 金额");
  });

  it("needs an amount or a unit price for orders, but not a quantity", () => {
    expect(mapError("orders", ["customer_id", "date", "qty"]).details.field).toBe("amount");
    expect(mapColumns("orders", ["customer_id", "date", "total"]).fields).toEqual({ customerRef: 0, orderedAt: 1, amount: 2 });
    expect(mapColumns("orders", ["customer_id", "date", "qty", "price"]).fields).toEqual({ customerRef: 0, orderedAt: 1, quantity: 2, unitPrice: 3 });
    const e = mapError("orders", ["customer_id", "date", "price"]);
    expect(e.details.field).toBe("quantity");
    expect(e.message).toContain("has no column for the quantity to go with the unit price");
  });

  it("needs a customer id", () => {
    expect(mapError("customers", ["name", "email"]).details.field).toBe("externalId");
    expect(mapError("products", ["name"]).details.field).toBe("sku");
  });

  it("suggests GBK when the header did not decode", () => {
    expect(mapError("orders", ["\uFFFD\uFFFD", "\uFFFD"]).details.hint).toMatch(/--encoding gbk/);
  });
});

describe("presets", () => {
  const uci = ["InvoiceNo", "StockCode", "Description", "Quantity", "InvoiceDate", "UnitPrice", "CustomerID", "Country"];
  const uci2 = ["Invoice", "StockCode", "Description", "Quantity", "InvoiceDate", "Price", "Customer ID", "Country"];
  const shopify = ["Name", "Email", "Financial Status", "Currency", "Subtotal", "Total", "Discount Amount", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price", "Lineitem sku", "Billing Name", "Billing Phone", "Id", "Source", "Lineitem discount"];

  it("detects a layout by its signature headers", () => {
    expect(detectPreset("orders", uci)).toBe("online-retail");
    expect(detectPreset("orders", uci2)).toBe("online-retail");
    expect(detectPreset("orders", shopify)).toBe("shopify");
    expect(detectPreset("orders", ["customer_id", "date", "amount"])).toBe("generic");
    expect(detectPreset("customers", uci)).toBe("generic");
  });

  it("maps the Online Retail layout, leaving Country out", () => {
    for (const headers of [uci, uci2]) {
      const m = mapColumns("orders", headers);
      expect(m.preset).toBe("online-retail");
      expect(m.fields).toEqual({ orderNo: 0, sku: 1, description: 2, quantity: 3, orderedAt: 4, unitPrice: 5, customerRef: 6 });
      expect(m.ignored).toEqual(["Country"]);
    }
  });

  it("maps the Shopify layout: email as the customer, order totals never as line amounts", () => {
    const m = mapColumns("orders", shopify);
    expect(m.preset).toBe("shopify");
    expect(m.fields).toEqual({
      customerRef: 1, customerEmail: 1, orderNo: 0, status: 2, currency: 3, orderedAt: 7, quantity: 8, description: 9,
      unitPrice: 10, sku: 11, customerName: 12, customerPhone: 13, channel: 15, discount: 16,
    });
    expect(m.fields.amount).toBeUndefined();
  });

  it("uses a customer id column over the email when a Shopify export has one", () => {
    const m = mapColumns("orders", [...shopify, "Customer ID"]);
    expect(m.fields.customerRef).toBe(shopify.length);
    expect(m.fields.customerEmail).toBe(1);
  });

  it("can be forced or refused", () => {
    expect(mapColumns("orders", ["InvoiceNo", "InvoiceDate", "Quantity", "UnitPrice", "CustomerID"], { preset: "generic" }).preset).toBe("generic");
    expect(mapError("orders", uci, { preset: "magento" }).code).toBe("BAD_INPUT");
    expect(mapError("customers", uci, { preset: "shopify" }).code).toBe("BAD_INPUT");
    expect(Object.keys(PRESETS)).toEqual([
      "generic", "online-retail", "shopify",
      "taobao", "taobao-items", "taobao-detail", "jd", "pinduoduo", "pinduoduo-2023", "douyin", "youzan", "youzan-items", "weidian", "weidian-2018",
      "aliexpress",
    ]);
  });
});
