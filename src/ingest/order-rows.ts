/**
 * Order-line rows → OrderLineInput. Returns are normalized to one form: negative
 * quantity and amount, positive unit price, isReturn true.
 */
import type { CustomerKind, OrderLineInput } from "../domain/inputs.ts";
import { PRESETS, type ColumnMapping } from "./columns.ts";
import { currencyCode, unknownCurrency } from "./currencies.ts";
import type { PlatformView } from "./platforms.ts";
import type { TableRecord } from "./read/table.ts";
import { defined, recordProblem, rowReader, type RowReader } from "./row-reader.ts";
import type { RowContext, RowError } from "./rows.ts";
import { abs, isNegative, isZero, negate, type Money } from "./values.ts";

export const CUSTOMER_KINDS: Record<string, CustomerKind> = {
  individual: "individual", person: "individual", personal: "individual", consumer: "individual", b2c: "individual",
  个人: "individual", 自然人: "individual",
  enterprise: "enterprise", company: "enterprise", business: "enterprise", organization: "enterprise", organisation: "enterprise",
  b2b: "enterprise", 企业: "enterprise", 公司: "enterprise", 单位: "enterprise", 机构: "enterprise",
};
export const badKind = (v: string) => `unknown customer kind '${v}' (use individual or enterprise)`;

/**
 * Shopify writes order-level cells on an order's first row only: later rows of the same
 * order (consecutive, same order number) get the blank ones filled from the first row.
 * The raw cells are carried, so a bad first-row value fails on every row alike.
 */
function carryForward(mapping: ColumnMapping, fields: string[]): (cells: string[]) => string[] {
  const orderCol = mapping.fields.orderNo;
  const cols = [...new Set(fields.map((f) => mapping.fields[f]).filter((i): i is number => i !== undefined))];
  if (orderCol === undefined || cols.length === 0) return (cells) => cells;
  let current: { orderNo: string; values: Map<number, string> } | undefined;
  return (cells) => {
    const orderNo = cells[orderCol]?.trim() ?? "";
    if (orderNo === "" || current?.orderNo !== orderNo) {
      current = { orderNo, values: new Map(cols.map((i) => [i, cells[i] ?? ""])) };
      return cells;
    }
    const filled = [...cells];
    for (const [i, v] of current.values) if ((filled[i] ?? "").trim() === "") filled[i] = v;
    return filled;
  };
}

/** The line's currency: the currency cell, or a code written with the amounts; a conflict is an error. */
function lineCurrency(r: RowReader, amounts: [string, Money | undefined][]): string | undefined {
  const cell = r.raw("currency");
  const column = cell === undefined ? undefined : currencyCode(cell);
  if (cell !== undefined && column === undefined) r.fail("currency", unknownCurrency(cell));
  let currency = column;
  for (const [field, m] of amounts) {
    if (m?.currency === undefined) continue;
    if (currency !== undefined && currency !== m.currency) {
      r.fail(field, `${m.currency} amount on a line in ${currency}`);
    } else currency ??= m.currency;
  }
  return currency;
}

/**
 * An order row's result, with what platform presets add: a refund is a second line (the
 * return), a row that is no sale (unpaid, cancelled) is skipped with its reason rather
 * than rejected, and a row kept with a caveat carries warnings.
 */
export type OrderRowResult =
  | { ok: true; value: OrderLineInput; more?: OrderLineInput[]; warnings?: string[] }
  | { ok: false; errors: RowError[]; skipped?: string };

/** The return that undoes a refunded line: all of it, or the refunded amount (quantity 0). */
function refundLine(sale: OrderLineInput, refund: NonNullable<ReturnType<PlatformView["judge"]>["refund"]>): OrderLineInput {
  // No line number of its own: it takes the next one in its order.
  if ("all" in refund) {
    return defined({
      ...sale,
      lineNo: undefined,
      quantity: isZero(sale.quantity) ? sale.quantity : negate(sale.quantity),
      amount: sale.amount === undefined || isZero(sale.amount) ? sale.amount : negate(sale.amount),
      isReturn: true,
    });
  }
  return defined({ ...sale, lineNo: undefined, quantity: "0", unitPrice: undefined, discount: undefined, unitCost: undefined, amount: negate(refund.amount), isReturn: true });
}

/**
 * A platform's own reason for an empty cell ("no buyer: … export the orders with …") says
 * what the reader's "no customer id" / "no order date" for the same column would only repeat.
 */
function dropRestated(errors: RowError[], platform: readonly RowError[]): void {
  const said = new Set(platform.map((e) => e.column));
  for (let i = errors.length - 1; i >= 0; i--) {
    const e = errors[i]!;
    if (!platform.includes(e) && said.has(e.column) && (e.reason === "no customer id" || e.reason === "no order date")) errors.splice(i, 1);
  }
}

/**
 * The parser of one file's order rows. `platform` (a platform preset's view of the file)
 * cleans the cells, adds its virtual columns, and judges each row: no sale, refund, id damage.
 */
export function createOrderRowParser(
  mapping: ColumnMapping<"orders">,
  headers: string[],
  ctx: RowContext,
  platform?: PlatformView,
): (rec: TableRecord) => OrderRowResult {
  const preset = PRESETS[mapping.preset];
  const dates = { order: ctx.dateFormat ?? preset?.dateOrder ?? "auto", ...(ctx.timezone ? { timezone: ctx.timezone } : {}) };
  const carry = carryForward(mapping, preset?.carry ?? []);
  const cancellationInvoices = mapping.preset === "online-retail";

  return (rec: TableRecord): OrderRowResult => {
    const problem = recordProblem(rec, platform?.fileHeaders ?? headers, ctx.encoding);
    if (problem) return { ok: false, errors: [problem] };
    const cells = platform ? platform.prepare(rec.cells) : rec.cells;
    const verdict = platform?.judge(cells);
    if (verdict?.skip) return { ok: false, errors: [], skipped: verdict.skip };
    const r = rowReader(mapping, headers, carry(cells), dates);
    if (verdict) r.errors.push(...verdict.errors);

    // Identified by email (Shopify): one customer whatever the case the email was typed in.
    const refIsEmail = mapping.fields.customerRef !== undefined && mapping.fields.customerRef === mapping.fields.customerEmail;
    const customerRef = r.need("customerRef", refIsEmail ? r.email("customerRef") : r.id("customerRef"), "no customer id");
    const orderedAt = r.need("orderedAt", r.date("orderedAt"), "no order date");
    if (verdict?.errors.length) dropRestated(r.errors, verdict.errors);
    const orderNo = r.text("orderNo");
    const flagged = r.bool("isReturn") === true;
    const quantity = r.number("quantity");
    let unitPrice = r.number("unitPrice");
    let amount = r.number("amount");
    let discount = r.number("discount");
    const unitCost = r.number("unitCost");
    const currency = lineCurrency(r, [["amount", amount], ["unitPrice", unitPrice], ["discount", discount], ["unitCost", unitCost]]);
    if (quantity?.currency) r.fail("quantity", "a quantity has no currency");

    const q = quantity?.value;
    const [hasAmount, hasPrice] = [r.raw("amount") !== undefined, r.raw("unitPrice") !== undefined];
    if (!hasAmount && !hasPrice) r.fail("amount", "no amount or unit price");
    // The quantity defaults to 1 beside an amount only: a price alone says nothing of the total.
    else if (!hasAmount && r.raw("quantity") === undefined) r.fail("quantity", "no quantity (needed with a unit price when there is no amount)");

    // A cancellation invoice (C536379) in the Online Retail layout is a return.
    const cancelled = cancellationInvoices && /^c/i.test(orderNo ?? "");
    const isReturn = flagged || cancelled || (q !== undefined && isNegative(q));
    if (!isReturn) {
      if (unitPrice && isNegative(unitPrice.value)) r.fail("unitPrice", "negative unit price on a line that is not a return");
      if (amount && isNegative(amount.value) && !isZero(q ?? "1")) {
        r.fail("amount", "negative amount on a line that is not a return");
      }
    }
    // A return reverses its sale's discount; some systems write that reversal as negative.
    if (discount && isNegative(discount.value) && !isReturn) r.fail("discount", "negative discount (give the amount off as a positive number)");
    if (unitCost && isNegative(unitCost.value)) r.fail("unitCost", "negative unit cost");
    const lineNo = r.whole("lineNo");
    if (lineNo !== undefined && lineNo < 1) r.fail("lineNo", "line number must be 1 or more");
    const customerEmail = refIsEmail ? customerRef : r.email("customerEmail");
    const customerPhone = r.phone("customerPhone");
    const customerKind = r.oneOf("customerKind", CUSTOMER_KINDS, badKind);

    if (r.errors.length > 0 || customerRef === undefined || orderedAt === undefined) {
      return { ok: false, errors: r.errors };
    }
    let qty = q ?? "1";
    if (isReturn) {
      qty = isZero(qty) ? qty : `-${abs(qty)}`;
      if (amount && !isZero(amount.value)) amount = { value: `-${abs(amount.value)}` };
      if (unitPrice && isNegative(unitPrice.value)) unitPrice = { value: negate(unitPrice.value) };
      if (discount && isNegative(discount.value)) discount = { value: abs(discount.value) };
    }
    const value: OrderLineInput = defined({
      customerRef,
      customerName: r.text("customerName"),
      customerEmail,
      customerPhone,
      customerKind,
      orderNo,
      lineNo,
      orderedAt,
      sku: r.text("sku"),
      description: r.text("description"),
      category: r.text("category"),
      quantity: qty,
      unitPrice: unitPrice?.value,
      amount: amount?.value,
      discount: discount?.value,
      unitCost: unitCost?.value,
      currency,
      channel: r.text("channel"),
      status: r.text("status"),
      isReturn: isReturn ? true : undefined,
    });
    const more = verdict?.refund && !isReturn ? [refundLine(value, verdict.refund)] : undefined;
    return { ok: true, value, ...(more ? { more } : {}), ...(verdict?.warnings.length ? { warnings: verdict.warnings } : {}) };
  };
}
