/**
 * Product and interaction rows → ProductInput, InteractionInput.
 */
import type { InteractionDirection, InteractionInput, ProductInput } from "../domain/inputs.ts";
import type { ColumnMapping } from "./columns.ts";
import type { TableRecord } from "./read/table.ts";
import { defined, recordProblem, rowReader } from "./row-reader.ts";
import type { RowContext, RowParser } from "./rows.ts";
import { isNegative } from "./values.ts";

export function createProductRowParser(mapping: ColumnMapping<"products">, headers: string[], ctx: RowContext): RowParser<ProductInput> {
  return (rec: TableRecord) => {
    const problem = recordProblem(rec, headers, ctx.encoding);
    if (problem) return { ok: false, errors: [problem] };
    const r = rowReader(mapping, headers, rec.cells, {});
    const sku = r.need("sku", r.text("sku"), "no product code");
    const money = (field: string, what: string) => {
      const m = r.number(field);
      if (m && isNegative(m.value)) return r.fail(field, `negative ${what}`);
      return m?.value;
    };
    const listPrice = money("listPrice", "list price");
    const unitCost = money("unitCost", "unit cost");
    const days = r.whole("replacementDays");
    if (days !== undefined && days < 1) r.fail("replacementDays", "replacement days must be 1 or more");
    if (r.errors.length > 0 || sku === undefined) return { ok: false, errors: r.errors };
    return {
      ok: true,
      value: defined<ProductInput>({ sku, name: r.text("name"), category: r.text("category"), listPrice, unitCost, replacementDays: days }),
    };
  };
}

const DIRECTIONS: Record<string, InteractionDirection> = {
  inbound: "inbound", in: "inbound", incoming: "inbound", 呼入: "inbound", 来电: "inbound", 打入: "inbound", 客户来访: "inbound",
  outbound: "outbound", out: "outbound", outgoing: "outbound", 呼出: "outbound", 去电: "outbound", 打出: "outbound", 回访: "outbound",
};

export function createInteractionRowParser(mapping: ColumnMapping<"interactions">, headers: string[], ctx: RowContext): RowParser<InteractionInput> {
  const dates = { order: ctx.dateFormat ?? "auto", ...(ctx.timezone ? { timezone: ctx.timezone } : {}) };
  return (rec: TableRecord) => {
    const problem = recordProblem(rec, headers, ctx.encoding);
    if (problem) return { ok: false, errors: [problem] };
    const r = rowReader(mapping, headers, rec.cells, dates);
    const customerRef = r.need("customerRef", r.id("customerRef"), "no customer id");
    const occurredAt = r.need("occurredAt", r.date("occurredAt"), "no date");
    const channel = r.need("channel", r.text("channel"), "no channel (phone, visit, wechat…)");
    const direction = r.oneOf("direction", DIRECTIONS, (v) => `unknown direction '${v}' (use inbound or outbound)`);
    const userEmail = r.email("userEmail");
    if (r.errors.length > 0 || customerRef === undefined || occurredAt === undefined || channel === undefined) {
      return { ok: false, errors: r.errors };
    }
    return {
      ok: true,
      value: defined<InteractionInput>({
        customerRef,
        occurredAt,
        channel,
        direction,
        purpose: r.text("purpose"),
        outcome: r.text("outcome"),
        notes: r.text("notes"),
        userEmail,
        externalRef: r.text("externalRef"),
      }),
    };
  };
}
