/**
 * The fixture files end to end: read → map columns → validate rows, as an import does.
 */
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { mapColumns, type ImportKind, type InputOf } from "./columns.ts";
import { openTable } from "./read/table.ts";
import { createRowParser, type RowContext, type RowError } from "./rows.ts";

const fixture = (name: string) => fileURLToPath(new URL(`../../test/fixtures/ingest/${name}`, import.meta.url));

async function load<K extends ImportKind>(kind: K, name: string, ctx: Partial<RowContext> = {}) {
  const table = await openTable(fixture(name));
  const mapping = mapColumns(kind, table.headers, { file: name });
  const parse = createRowParser(mapping, table.headers, { baseCurrency: "CNY", encoding: table.encoding, ...ctx });
  const good: { line: number; value: InputOf[K] }[] = [];
  const bad: { line: number; errors: RowError[] }[] = [];
  for await (const rec of table.records()) {
    const r = parse(rec);
    if (r.ok) good.push({ line: rec.line, value: r.value });
    else bad.push({ line: rec.line, errors: r.errors });
  }
  return { table, mapping, good, bad };
}

describe("orders-mixed.csv (UTF-8, one fault per bad row)", () => {
  it("keeps the good rows and reports each bad one with its line, column and reason", async () => {
    const { good, bad } = await load("orders", "orders-mixed.csv");
    expect(good.map((g) => g.line)).toEqual([2, 3, 11, 13]);
    expect(bad).toEqual([
      { line: 4, errors: [{ column: "order_date", value: "2023-02-30", reason: "no such date: 2023-02-30" }] },
      { line: 5, errors: [{ column: "unit_price", value: "abc", reason: "not a number (expected e.g. 1234.50)" }] },
      { line: 6, errors: [{ column: "unit_price", value: "-5.00", reason: "negative unit price on a line that is not a return" }] },
      { line: 7, errors: [{ column: "currency", value: "XYZ", reason: "unknown currency 'XYZ' (use an ISO 4217 code such as CNY, USD)" }] },
      { line: 8, errors: [{ reason: "row has 9 fields, the header has 10" }] },
      { line: 10, errors: [{ reason: "invalid UTF-8 bytes (is the file GBK? try --encoding gbk)" }] },
    ]);
    expect(good.find((g) => g.line === 2)?.value).toMatchObject({ description: "Green tea, 250g", unitPrice: "1234.5", currency: "CNY" });
    expect(good.find((g) => g.line === 11)?.value).toMatchObject({ description: "Gift box\n(large)", quantity: "-1", amount: "-12", isReturn: true });
    expect(good.find((g) => g.line === 13)?.value).toMatchObject({ orderedAt: "2024-03-10", quantity: "12", unitPrice: "8" });
  });
});

describe("orders-gbk.csv (GBK, Chinese headers)", () => {
  it("maps the Chinese headers and reads every row", async () => {
    const { table, mapping, good, bad } = await load("orders", "orders-gbk.csv");
    expect(table.encoding).toBe("gb18030");
    expect(mapping.ignored).toEqual([]);
    expect(bad).toEqual([]);
    expect(good.map((g) => g.value)).toEqual([
      { customerRef: "K001", orderNo: "DD20240101", orderedAt: "2024-01-02", description: "铁观音", quantity: "2", unitPrice: "1200", amount: "2400", channel: "天猫" },
      { customerRef: "K002", orderNo: "DD20240102", orderedAt: "2024-01-03T14:05:00", description: "茉莉花茶", quantity: "1", unitPrice: "35", amount: "35", channel: "门店" },
      { customerRef: "K001", orderNo: "DD20240103", orderedAt: "2024-01-05", description: "紫砂壶", quantity: "-1", unitPrice: "680", amount: "-680", channel: "天猫", isReturn: true },
    ]);
  });
});

describe("customers-semicolon-bom.csv (BOM, semicolons, day-first dates)", () => {
  it("reads customers with profile and custom columns", async () => {
    const { good, bad } = await load("customers", "customers-semicolon-bom.csv");
    expect(good[0]?.value).toEqual({
      externalId: "E-01", name: "Anna Müller", email: "anna@example.de", phone: "+49301234567", tags: ["vip", "newsletter"],
      keyDates: [{ kind: "birthday", calendar: "gregorian", year: 1985, month: 3, day: 15 }],
      profile: { basic: { occupation: "teacher" } }, custom: { "Loyalty Card": "G-778" },
    });
    expect(good[1]?.value.keyDates).toEqual([{ kind: "birthday", calendar: "gregorian", year: 1992, month: 2, day: 29 }]);
    expect(bad).toEqual([{ line: 3, errors: [{ column: "E-Mail", value: "jean@example", reason: "not an email address (expected e.g. name@example.com)" }] }]);
  });
});

describe("online-retail.csv (UCI layout)", () => {
  it("detects the layout, reads M/D/YYYY dates, cancellations as returns, and rejects rows without a customer", async () => {
    const { mapping, good, bad } = await load("orders", "online-retail.csv");
    expect(mapping.preset).toBe("online-retail");
    expect(mapping.ignored).toEqual(["Country"]);
    expect(good[0]?.value).toEqual({
      customerRef: "17850", orderNo: "536365", orderedAt: "2010-12-01T08:26:00", sku: "85123A",
      description: "WHITE HANGING HEART T-LIGHT HOLDER", quantity: "6", unitPrice: "2.55",
    });
    expect(good.find((g) => g.value.sku === "22728")?.value.customerRef).toBe("12583");
    expect(good.find((g) => g.value.orderNo === "C536379")?.value).toMatchObject({ quantity: "-1", unitPrice: "27.5", isReturn: true });
    expect(good.at(-1)?.value.orderedAt).toBe("2011-12-09T12:50:00");
    expect(bad.map((b) => [b.line, b.errors.map((e) => e.reason)])).toEqual([
      [11, ["no customer id"]],
      [12, ["no customer id"]],
      [13, ["no customer id", "negative unit price on a line that is not a return"]],
    ]);
    expect(good).toHaveLength(10);
  });
});

describe("shopify-orders.csv (Shopify export)", () => {
  it("carries order fields to the later rows of an order and keeps the refund status", async () => {
    const { mapping, good, bad } = await load("orders", "shopify-orders.csv");
    expect(mapping.preset).toBe("shopify");
    const order1001 = {
      customerRef: "ava@example.com", customerEmail: "ava@example.com", customerName: "Ava Chen", customerPhone: "+15550102000",
      orderNo: "#1001", orderedAt: "2024-03-01T10:15:22-05:00", currency: "USD", channel: "web", status: "paid",
    };
    expect(good[0]?.value).toEqual({ ...order1001, sku: "TEA-SEN-100", description: "Sencha 100g", quantity: "2", unitPrice: "18", discount: "0" });
    expect(good[1]?.value).toEqual({ ...order1001, sku: "POT-GLS", description: "Glass Teapot", quantity: "1", unitPrice: "18", discount: "2" });
    expect(good[2]?.value).toMatchObject({ orderNo: "#1002", customerRef: "ben@example.com", status: "refunded", channel: "pos" });
    expect(good[2]?.value.amount).toBeUndefined(); // Total is the order's, not the line's
    // The same customer whatever the case of the email.
    expect(good[3]?.value).toMatchObject({ orderNo: "#1003", customerRef: "ava@example.com", status: "partially_refunded" });
    expect(bad).toEqual([{ line: 6, errors: [{ column: "Lineitem price", value: "-4.00", reason: "negative unit price on a line that is not a return" }] }]);
  });

  it("does not carry fields across orders", async () => {
    const headers = ["Name", "Email", "Created at", "Lineitem quantity", "Lineitem name", "Lineitem price"];
    const mapping = mapColumns("orders", headers);
    const parse = createRowParser(mapping, headers, { baseCurrency: "USD" });
    expect(parse({ line: 2, cells: ["#1", "a@x.com", "2024-01-01", "1", "A", "5"] }).ok).toBe(true);
    const next = parse({ line: 3, cells: ["#2", "", "", "1", "B", "5"] });
    expect(next.ok ? [] : next.errors.map((e) => e.reason)).toEqual(["no customer id", "no order date"]);
  });
});
