import { describe, expect, it } from "vitest";
import type { CustomerInput, InteractionInput, OrderLineInput, ProductInput } from "../domain/inputs.ts";
import { RetainError } from "../errors.ts";
import { mapColumns, type ImportKind, type InputOf } from "./columns.ts";
import type { TableRecord } from "./read/table.ts";
import { createRowParser, type RowContext, type RowError } from "./rows.ts";

const CTX: RowContext = { baseCurrency: "CNY" };

/** A parser for a file with these headers; rows are given as header → cell. */
function parser<K extends ImportKind>(kind: K, headers: string[], ctx: Partial<RowContext> = {}, preset?: string) {
  const mapping = mapColumns(kind, headers, preset ? { preset } : {});
  const parse = createRowParser(mapping, headers, { ...CTX, ...ctx });
  let line = 1;
  return (row: Record<string, string> | string[], extra: Partial<TableRecord> = {}) =>
    parse({ line: ++line, cells: Array.isArray(row) ? row : headers.map((h) => row[h] ?? ""), ...extra });
}
function value<T>(r: { ok: true; value: T } | { ok: false; errors: RowError[] }): T {
  if (!r.ok) throw new Error(`row rejected: ${JSON.stringify(r.errors)}`);
  return r.value;
}
function errors(r: { ok: boolean; errors?: RowError[] }): RowError[] {
  expect(r.ok).toBe(false);
  return r.errors ?? [];
}

const ORDER_HEADERS = ["customer_id", "order_no", "order_date", "sku", "qty", "unit_price", "amount", "discount", "unit_cost", "currency", "is_return", "email", "phone", "customer_type"];
const order = parser("orders", ORDER_HEADERS);
const base = { customer_id: "C1", order_no: "SO-1", order_date: "2024-03-01", qty: "2", unit_price: "10" };

describe("order rows", () => {
  it("produces a typed line with normalized values", () => {
    const v: OrderLineInput = value(order({ ...base, customer_id: " 17850.0 ", sku: "TEA", amount: "¥1,234.50", discount: "0.50", unit_cost: "4", currency: "usd", email: "A@B.CN", phone: "138 0013 8000", customer_type: "企业" }));
    expect(v).toEqual({
      customerRef: "17850", orderNo: "SO-1", orderedAt: "2024-03-01", sku: "TEA", quantity: "2", unitPrice: "10", amount: "1234.5",
      discount: "0.5", unitCost: "4", currency: "USD", customerEmail: "a@b.cn", customerPhone: "13800138000", customerKind: "enterprise",
    });
  });

  it("leaves the currency out when none is given", () => {
    expect(value(order(base)).currency).toBeUndefined();
  });

  it("takes the currency written with an amount, and rejects a conflicting one", () => {
    expect(value(order({ ...base, amount: "USD 20" })).currency).toBe("USD");
    expect(errors(order({ ...base, amount: "USD 20", currency: "CNY" }))).toEqual([{ column: "amount", value: "USD 20", reason: "USD amount on a line in CNY" }]);
  });

  it("defaults the quantity to 1 when only an amount is given", () => {
    const amountOnly = parser("orders", ["customer", "date", "total"]);
    expect(value(amountOnly(["C1", "2024-01-01", "99"]))).toEqual({ customerRef: "C1", orderedAt: "2024-01-01", quantity: "1", amount: "99" });
  });

  it.each<[string, Record<string, string>, RowError[]]>([
    ["a bad date", { order_date: "2024-13-45" }, [{ column: "order_date", value: "2024-13-45", reason: "no such date: 2024-13-45" }]],
    ["a text date", { order_date: "soon" }, [{ column: "order_date", value: "soon", reason: "not a date (expected e.g. 2024-03-01)" }]],
    ["a non-numeric price", { unit_price: "abc" }, [{ column: "unit_price", value: "abc", reason: "not a number (expected e.g. 1234.50)" }]],
    ["a negative price", { unit_price: "-10" }, [{ column: "unit_price", value: "-10", reason: "negative unit price on a line that is not a return" }]],
    ["a negative amount", { amount: "-20" }, [{ column: "amount", value: "-20", reason: "negative amount on a line that is not a return" }]],
    ["a negative discount", { discount: "-1" }, [{ column: "discount", value: "-1", reason: "negative discount (give the amount off as a positive number)" }]],
    ["a negative cost", { unit_cost: "-1" }, [{ column: "unit_cost", value: "-1", reason: "negative unit cost" }]],
    ["an unknown currency", { currency: "XYZ" }, [{ column: "currency", value: "XYZ", reason: "unknown currency 'XYZ' (use an ISO 4217 code such as CNY, USD)" }]],
    ["no customer", { customer_id: "" }, [{ column: "customer_id", reason: "no customer id" }]],
    ["no date", { order_date: " " }, [{ column: "order_date", reason: "no order date" }]],
    ["no price nor amount", { unit_price: "" }, [{ column: "amount", reason: "no amount or unit price" }]],
    ["no quantity with a price", { qty: "" }, [{ column: "qty", reason: "no quantity (needed with a unit price when there is no amount)" }]],
    ["a bad return flag", { is_return: "maybe" }, [{ column: "is_return", value: "maybe", reason: "not a yes/no value (use yes or no)" }]],
    ["a bad email", { email: "nobody" }, [{ column: "email", value: "nobody", reason: "not an email address (expected e.g. name@example.com)" }]],
    ["a bad phone", { phone: "n/a" }, [{ column: "phone", value: "n/a", reason: "not a phone number (digits, optionally starting with +)" }]],
    ["a bad customer kind", { customer_type: "alien" }, [{ column: "customer_type", value: "alien", reason: "unknown customer kind 'alien' (use individual or enterprise)" }]],
  ])("rejects %s", (_name, cells, expected) => {
    expect(errors(order({ ...base, ...cells }))).toEqual(expected);
  });

  it("reports every fault of a row at once", () => {
    const e = errors(order({ ...base, order_date: "x", unit_price: "y", currency: "ZZZ" }));
    expect(e.map((x) => x.column)).toEqual(["order_date", "unit_price", "currency"]);
  });

  it("rejects a record with the wrong number of fields", () => {
    expect(errors(order(["C1", "SO-1", "2024-03-01"]))).toEqual([{ reason: `row has 3 fields, the header has ${ORDER_HEADERS.length}` }]);
  });

  it("rejects a record with bad bytes, suggesting GBK", () => {
    const cells = ORDER_HEADERS.map(() => "x");
    expect(errors(order(cells, { invalidEncoding: true }))).toEqual([{ reason: "invalid UTF-8 bytes (is the file GBK? try --encoding gbk)" }]);
    const gbk = parser("orders", ORDER_HEADERS, { encoding: "gb18030" });
    expect(errors(gbk(cells, { invalidEncoding: true }))[0]?.reason).toBe("bytes that are not valid gb18030 (try another --encoding)");
  });

  describe("returns", () => {
    it("treats a negative quantity as a return", () => {
      expect(value(order({ ...base, qty: "-2", amount: "-20" }))).toMatchObject({ quantity: "-2", unitPrice: "10", amount: "-20", isReturn: true });
    });

    it("makes a flagged line negative whatever signs it was written with", () => {
      for (const flag of ["yes", "1", "是", "退货", "return", "TRUE"]) {
        expect(value(order({ ...base, is_return: flag, amount: "20" }))).toMatchObject({ quantity: "-2", amount: "-20", isReturn: true });
      }
      expect(value(order({ ...base, qty: "-2", unit_price: "-10", amount: "(20)" }))).toMatchObject({ quantity: "-2", unitPrice: "10", amount: "-20", isReturn: true });
    });

    it("reads a negative discount on a return as the sale's discount being reversed", () => {
      expect(value(order({ ...base, qty: "-2", amount: "-18", discount: "-2" }))).toMatchObject({ quantity: "-2", amount: "-18", discount: "2", isReturn: true });
    });

    it("leaves isReturn out of sales", () => {
      expect(value(order({ ...base, is_return: "no" })).isReturn).toBeUndefined();
    });
  });

  it("reads dates in the order asked for and adds the time zone", () => {
    const dmy = parser("orders", ORDER_HEADERS, { dateFormat: "dmy", timezone: "Asia/Shanghai" });
    expect(value(dmy({ ...base, order_date: "01/04/2024 09:30" })).orderedAt).toBe("2024-04-01T09:30:00+08:00");
    expect(value(order({ ...base, order_date: "01/04/2024" })).orderedAt).toBe("2024-01-04");
  });

  it("refuses a bad base currency or time zone when created", () => {
    const m = mapColumns("orders", ORDER_HEADERS);
    expect(() => createRowParser(m, ORDER_HEADERS, { baseCurrency: "EURO" })).toThrow(RetainError);
    expect(() => createRowParser(m, ORDER_HEADERS, { baseCurrency: "EUR", timezone: "Nowhere/City" })).toThrow(RetainError);
  });
});

describe("customer rows", () => {
  const headers = ["客户编号", "姓名", "类型", "状态", "邮箱", "手机", "标签", "生日", "农历生日", "推荐人", "注册日期", "负责人邮箱", "basic.occupation", "家庭.子女数", "会员等级", "备注"];
  const customer = parser("customers", headers);

  it("produces a typed customer with profile and custom fields", () => {
    const v: CustomerInput = value(customer({
      客户编号: "K001", 姓名: "王芳", 类型: "个人", 状态: "流失", 邮箱: "Wang@Example.com", 手机: "+86 138-0013-8000",
      标签: "VIP、老客户; 茶叶|VIP", 生日: "1990-05-20", 农历生日: "闰04-12", 推荐人: "1000.0", 注册日期: "2020/1/1",
      负责人邮箱: "sales@tea.cn", "basic.occupation": "教师", "家庭.子女数": "2", 会员等级: "金卡", 备注: "",
    }));
    expect(v).toEqual({
      externalId: "K001", name: "王芳", kind: "individual", state: "churned", email: "wang@example.com", phone: "+8613800138000",
      tags: ["VIP", "老客户", "茶叶"], referredBy: "1000", createdAt: "2020-01-01", ownerEmail: "sales@tea.cn",
      keyDates: [
        { kind: "birthday", calendar: "gregorian", year: 1990, month: 5, day: 20 },
        { kind: "birthday", calendar: "lunar", month: 4, day: 12, leapMonth: true },
      ],
      profile: { basic: { occupation: "教师" }, family: { 子女数: "2" } },
      custom: { 会员等级: "金卡" },
    });
  });

  it("accepts each state and kind spelling", () => {
    const states: Record<string, string> = { potential: "potential", 潜在: "potential", 目标: "target", 现实: "current", 当前: "current", churned: "churned", "non-customer": "non_customer", 非客户: "non_customer" };
    for (const [raw, state] of Object.entries(states)) expect(value(customer({ 客户编号: "K", 状态: raw })).state).toBe(state);
    for (const [raw, kind] of [["enterprise", "enterprise"], ["公司", "enterprise"], ["企业", "enterprise"], ["Individual", "individual"]]) {
      expect(value(customer({ 客户编号: "K", 类型: raw! })).kind).toBe(kind);
    }
  });

  it.each<[string, Record<string, string>, string]>([
    ["no id", { 姓名: "x" }, "no customer id"],
    ["a bad state", { 客户编号: "K", 状态: "asleep" }, "unknown state 'asleep' (use potential, target, current, churned or non_customer)"],
    ["a bad email", { 客户编号: "K", 邮箱: "wang@" }, "not an email address (expected e.g. name@example.com)"],
    ["a bad birthday", { 客户编号: "K", 生日: "1990-02-30" }, "no such date: 1990-02-30"],
    ["a bad lunar birthday", { 客户编号: "K", 农历生日: "04-31" }, "no such lunar date: month 4, day 31"],
    ["a bad owner", { 客户编号: "K", 负责人邮箱: "张经理" }, "not an email address (expected e.g. name@example.com)"],
  ])("rejects %s", (_name, row, reason) => {
    expect(errors(customer(row)).map((e) => e.reason)).toEqual([reason]);
  });
});

describe("product rows", () => {
  const product = parser("products", ["sku", "name", "category", "list price", "cost", "replacement days"]);

  it("produces a typed product", () => {
    const v: ProductInput = value(product(["TEA-1", "Sencha", "Green", "¥88.00", "30", "45"]));
    expect(v).toEqual({ sku: "TEA-1", name: "Sencha", category: "Green", listPrice: "88", unitCost: "30", replacementDays: 45 });
  });

  it("rejects bad values", () => {
    expect(errors(product(["", "x", "", "", "", ""]))[0]?.reason).toBe("no product code");
    expect(errors(product(["T", "x", "", "-1", "", ""]))[0]?.reason).toBe("negative list price");
    expect(errors(product(["T", "x", "", "", "", "1.5"]))[0]?.reason).toBe("not a whole number");
    expect(errors(product(["T", "x", "", "", "", "0"]))[0]?.reason).toBe("replacement days must be 1 or more");
  });
});

describe("interaction rows", () => {
  const interaction = parser("interactions", ["客户编号", "时间", "方式", "方向", "目的", "结果", "备注", "员工邮箱", "记录编号"]);

  it("produces a typed interaction", () => {
    const v: InteractionInput = value(interaction(["K1", "2024-03-01 10:00", "电话", "呼出", "回访", "满意", "喜欢新茶", "li@tea.cn", "R-9"]));
    expect(v).toEqual({
      customerRef: "K1", occurredAt: "2024-03-01T10:00:00", channel: "电话", direction: "outbound", purpose: "回访",
      outcome: "满意", notes: "喜欢新茶", userEmail: "li@tea.cn", externalRef: "R-9",
    });
  });

  it("rejects missing and bad values", () => {
    expect(errors(interaction(["K1", "", "", "sideways", "", "", "", "", ""])).map((e) => e.reason)).toEqual([
      "no date",
      "no channel (phone, visit, wechat…)",
      "unknown direction 'sideways' (use inbound or outbound)",
    ]);
  });
});

describe("createRowParser types", () => {
  it("returns the input type of the kind", () => {
    const m = mapColumns("products", ["sku"]);
    const parse = createRowParser(m, ["sku"], CTX);
    const r = parse({ line: 2, cells: ["A"] });
    const typed: InputOf["products"] | undefined = r.ok ? r.value : undefined;
    expect(typed).toEqual({ sku: "A" });
  });
});
