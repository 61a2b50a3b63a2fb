import type { Kysely } from "kysely";
import { customerFigures, shareOfWallet, type CostToServe, type CustomerFigures } from "../analytics/value/segments.ts";
import { dayNumber, isDay } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { customerSegmentHistory, serviceCounts, walletBudgets } from "../store/segments.repository.ts";
import { getSettings, type BusinessSettings } from "../store/settings.repository.ts";
import { customerValues } from "../store/value.repository.ts";
import { todayIn, windowStart } from "./value-report.service.ts";

/** A decimal amount ("2.5") in micro-units. */
export function decimalMicros(text: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,6}))?$/.exec(text.trim());
  if (!m) throw new RangeError(`not an amount with at most 6 decimals: "${text}"`);
  const v = BigInt(m[2]!) * 1_000_000n + BigInt((m[3] ?? "").padEnd(6, "0"));
  return m[1] ? -v : v;
}

export function costToServeOf(settings: BusinessSettings): CostToServe {
  const c = settings.costToServe;
  return { perOrder: decimalMicros(c.perOrder), perInteraction: decimalMicros(c.perInteraction), perComplaint: decimalMicros(c.perComplaint) };
}

export interface CustomerValue {
  window: { from: string; to: string };
  currency: string;
  costToServe: BusinessSettings["costToServe"];
  interactions: number;
  complaints: number;
  /** Null when the customer has no purchase or return by the as-of date. */
  figures: CustomerFigures | null;
  /** Net sales in the window against the recorded yearly budget prorated to it (profile value.annual_budget); null without one. */
  wallet: { budget: bigint; share: number | null } | null;
  /** The customer's segments on every snapshot date, newest first. */
  history: Awaited<ReturnType<typeof customerSegmentHistory>>;
}

/** One customer's value over a window ending on `asOf` (default today in the business's time zone), and their segment history. */
export async function customerValue(db: Kysely<Database>, customerId: number, o: { asOf?: string; window: string }): Promise<CustomerValue> {
  const settings = await getSettings(db);
  const to = o.asOf ?? todayIn(settings.timezone);
  if (!isDay(to)) throw new RetainError("BAD_INPUT", `as-of ${to}: not a date; give it as YYYY-MM-DD.`, { field: "asOf" });
  const from = windowStart(to, o.window);
  const [columns, counts, history, budgets] = await Promise.all([
    customerValues(db, { from, to, customerIds: [customerId] }),
    serviceCounts(db, { from, to, timezone: settings.timezone, customerIds: [customerId] }),
    customerSegmentHistory(db, customerId),
    walletBudgets(db, [customerId]),
  ]);
  const served = counts.get(customerId) ?? { interactions: 0, complaints: 0 };
  const figures = columns.ids.length
    ? customerFigures(columns, 0, { toDay: dayNumber(to), ...served, costToServe: costToServeOf(settings) })
    : null;
  const budget = budgets.get(customerId);
  const wallet = budget === undefined
    ? null
    : (({ budget: b, share }) => ({ budget: b, share }))(shareOfWallet(BigInt64Array.of(figures?.netSales ?? 0n), BigInt64Array.of(budget), dayNumber(to) - dayNumber(from) + 1));
  return { window: { from, to }, currency: settings.baseCurrency, costToServe: settings.costToServe, ...served, figures, wallet, history };
}
