import { sql, type Kysely } from "kysely";
import { RetainError } from "../errors.ts";
import type { Database } from "./schema.ts";

/** Business-wide settings, with their defaults. */
export interface BusinessSettings {
  /** ISO 4217 code every amount is converted to for analysis. */
  baseCurrency: string;
  /** IANA zone in which order times without a zone are read and dates are cut. */
  timezone: string;
  /**
   * What serving a customer costs, in the base currency, as exact decimals: per order, per
   * interaction, per complaint. All "0": not configured, and no net value is shown.
   */
  costToServe: { perOrder: string; perInteraction: string; perComplaint: string };
}

export const DEFAULT_SETTINGS: BusinessSettings = Object.freeze({
  baseCurrency: "CNY",
  timezone: "Asia/Shanghai",
  costToServe: Object.freeze({ perOrder: "0", perInteraction: "0", perComplaint: "0" }),
});

export async function getSettings(db: Kysely<Database>): Promise<BusinessSettings> {
  const rows = await db.selectFrom("settings").select(["key", "value"]).execute();
  // Only the business settings: other features keep their own keys in the table (complaints).
  const stored = Object.fromEntries(rows.filter((r) => Object.hasOwn(DEFAULT_SETTINGS, r.key)).map((r) => [r.key, r.value]));
  return { ...DEFAULT_SETTINGS, ...(stored as Partial<BusinessSettings>) };
}

/** A feature's own settings stored under `key` (validated by that feature), undefined when never saved. */
export async function getFeatureSetting(db: Kysely<Database>, key: string): Promise<unknown> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", key).executeTakeFirst();
  return row?.value;
}

/** Saves a feature's own settings under `key`; the caller has validated them. */
export async function putFeatureSetting(db: Kysely<Database>, key: string, value: unknown): Promise<void> {
  if (Object.hasOwn(DEFAULT_SETTINGS, key)) throw new RangeError(`"${key}" is a business setting: use setSetting`);
  await db
    .insertInto("settings")
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }))
    .execute();
}

export async function setSetting<K extends keyof BusinessSettings>(
  db: Kysely<Database>,
  key: K,
  value: BusinessSettings[K],
): Promise<void> {
  if (key === "baseCurrency" && !/^[A-Z]{3}$/.test(String(value))) {
    throw new RetainError("BAD_INPUT", `Base currency must be an ISO 4217 code such as CNY or USD (got "${value}").`, { field: key });
  }
  if (key === "costToServe") {
    const c = value as BusinessSettings["costToServe"];
    for (const k of ["perOrder", "perInteraction", "perComplaint"] as const) {
      if (typeof c?.[k] !== "string" || !/^\d{1,12}(\.\d{1,6})?$/.test(c[k])) {
        throw new RetainError("BAD_INPUT", `Cost to serve ${k}: give an amount of at least 0 with at most 6 decimals, such as 2.50 (got "${c?.[k]}").`, { field: `costToServe.${k}` });
      }
    }
  }
  if (key === "timezone") {
    try {
      new Intl.DateTimeFormat("en", { timeZone: String(value) });
    } catch {
      throw new RetainError("BAD_INPUT", `Unknown time zone "${value}" (use an IANA name such as Asia/Shanghai).`, { field: key });
    }
  }
  await db
    .insertInto("settings")
    .values({ key, value: JSON.stringify(value) })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value: JSON.stringify(value), updated_at: sql`now()` }))
    .execute();
}

/** Exchange rates: one rate per currency from a date on, in base-currency units per unit. */
export class FxTable {
  constructor(private readonly byCurrency: Map<string, { from: string; rate: string }[]>) {}

  /** The rate in force on `date` ('YYYY-MM-DD'), or undefined when none is known that early. */
  rateOn(currency: string, date: string): string | undefined {
    const rates = this.byCurrency.get(currency);
    if (!rates) return undefined;
    let found: string | undefined;
    for (const r of rates) {
      if (r.from <= date) found = r.rate;
      else break;
    }
    return found;
  }
}

export async function loadFxTable(db: Kysely<Database>): Promise<FxTable> {
  const rows = await db.selectFrom("fx_rates").select(["currency", "valid_from", "rate"]).orderBy("currency").orderBy("valid_from").execute();
  const map = new Map<string, { from: string; rate: string }[]>();
  for (const r of rows) {
    const list = map.get(r.currency) ?? [];
    list.push({ from: r.valid_from, rate: r.rate });
    map.set(r.currency, list);
  }
  return new FxTable(map);
}

export async function setFxRate(db: Kysely<Database>, currency: string, validFrom: string, rate: string): Promise<void> {
  if (!/^[A-Z]{3}$/.test(currency)) throw new RetainError("BAD_INPUT", `"${currency}" is not an ISO 4217 currency code.`, { field: "currency" });
  if (!/^\d{4}-\d{2}-\d{2}$/.test(validFrom)) throw new RetainError("BAD_INPUT", `"${validFrom}" is not a date (YYYY-MM-DD).`, { field: "validFrom" });
  if (!/^\d+(\.\d+)?$/.test(rate) || Number(rate) <= 0) {
    throw new RetainError("BAD_INPUT", `"${rate}" is not a positive rate (base-currency units per 1 ${currency}).`, { field: "rate" });
  }
  await db
    .insertInto("fx_rates")
    .values({ currency, valid_from: validFrom, rate })
    .onConflict((oc) => oc.columns(["currency", "valid_from"]).doUpdateSet({ rate }))
    .execute();
}
