import type { Kysely } from "kysely";
import { DEFAULT_RFM8, rfm8Analysis, type Rfm8Choice, type ValueMeasure } from "../analytics/value/report.ts";
import { decimalCutoff, RFM8_SEGMENTS, RFM8_TREATMENT, type Cutoff, type CutoffMethod, type Rfm8Segment } from "../analytics/value/rfm8.ts";
import { dayNumber } from "../domain/days.ts";
import { RetainError } from "../errors.ts";
import { loadCustomerRows } from "../store/customers.repository.ts";
import type { Database } from "../store/schema.ts";
import { getSettings } from "../store/settings.repository.ts";
import { customerValues } from "../store/value.repository.ts";
import { reportWindow } from "./value-report.service.ts";

/**
 * The 8-segment RFM as a service (docs/value.md, "The 8-segment RFM"): the cut-off choice
 * read from the API's fields and the CLI's flags, and the members of one segment, for the
 * route and the command alike. The segment summary itself is part of the value report.
 */

/** The cut-off fields as the API's query names them (the CLI's --rfm8-cutoff, --rfm8-r, --rfm8-f, --rfm8-m). */
export interface Rfm8Fields {
  rfm8Cutoff?: CutoffMethod;
  /** Custom cut-offs: recency days, purchase days, money in the base currency, as decimals. */
  rfm8R?: string;
  rfm8F?: string;
  rfm8M?: string;
}

const CUSTOM_FIELDS = [
  ["rfm8R", "the recency cut-off in days (R is high when the last purchase is at most this many days before the as-of date)", 1n, false],
  ["rfm8F", "the frequency cut-off in purchase days (F is high from this many)", 1n, false],
  ["rfm8M", "the monetary cut-off in the base currency (M is high from this much)", 1_000_000n, true],
] as const;

/** The cut-off choice of the fields, checked: custom needs all three values, and values need custom. */
export function rfm8Choice(f: Rfm8Fields): Rfm8Choice {
  const method = f.rfm8Cutoff ?? DEFAULT_RFM8.method;
  if (method !== "mean" && method !== "median" && method !== "custom") {
    throw new RetainError("BAD_INPUT", `rfm8Cutoff ${String(method)}: give mean, median or custom.`, { field: "rfm8Cutoff" });
  }
  if (method !== "custom") {
    const given = CUSTOM_FIELDS.find(([field]) => f[field] !== undefined);
    if (given) {
      throw new RetainError("BAD_INPUT", `${given[0]} is used only with custom cut-offs.`, {
        field: given[0], hint: "Set rfm8Cutoff to custom (--rfm8-cutoff custom) with rfm8R, rfm8F and rfm8M, or leave the values out.",
      });
    }
    return { method };
  }
  const cut = CUSTOM_FIELDS.map(([field, what, scale, signed]): Cutoff => {
    const text = f[field];
    if (text === undefined || text.trim() === "") {
      throw new RetainError("BAD_INPUT", `${field} is missing: custom cut-offs need ${what}.`, { field, hint: "Give rfm8R, rfm8F and rfm8M (--rfm8-r, --rfm8-f, --rfm8-m) together." });
    }
    const c = decimalCutoff(String(text), scale);
    if (!c || (!signed && c.num < 0n)) {
      throw new RetainError("BAD_INPUT", `${field} ${text}: give ${what} as a ${signed ? "" : "non-negative "}decimal number, such as ${field === "rfm8M" ? "199.99" : "30"}.`, { field });
    }
    return c;
  });
  return { method: "custom", cutoffs: { r: cut[0]!, f: cut[1]!, m: cut[2]! } };
}

/** A segment's name, checked. */
export function rfm8SegmentOf(name: string): Rfm8Segment {
  if (!(RFM8_SEGMENTS as readonly string[]).includes(name)) {
    throw new RetainError("BAD_INPUT", `segment ${name}: not one of the 8 RFM segments.`, { field: "segment", hint: `Give one of ${RFM8_SEGMENTS.join(", ")}.` });
  }
  return name as Rfm8Segment;
}

export interface Rfm8MemberOptions {
  asOf?: string;
  window: string;
  by: ValueMeasure;
  rfm8?: Rfm8Choice;
  segment: Rfm8Segment;
  /** The last customer id of the page before (keyset). */
  after?: number;
  limit: number;
}

export interface Rfm8Members {
  window: { from: string; to: string };
  segment: Rfm8Segment;
  treatment: string;
  method: CutoffMethod;
  /** All the segment's customers (every page). */
  customers: number;
  items: Array<{ id: number; name: string | null; state: string | null; recencyDays: number; frequency: number; monetary: bigint }>;
  nextAfter: number | null;
}

/**
 * The customers of one 8-segment RFM segment over the window, by id, a page at a time: each
 * with their R (days), F (purchase days) and M (micro-units). Computed as the value report
 * computes the segments, so a list matches the count beside it.
 */
export async function rfm8Members(db: Kysely<Database>, o: Rfm8MemberOptions): Promise<Rfm8Members> {
  const settings = await getSettings(db);
  const { from, to } = reportWindow(o, settings.timezone);
  const choice = o.rfm8 ?? DEFAULT_RFM8;
  const columns = await customerValues(db, { from, to });
  const { members, input, codes } = rfm8Analysis(columns, { toDay: dayNumber(to), by: o.by, choice });
  const code = RFM8_SEGMENTS.indexOf(o.segment);
  // The columns come sorted by id, so the members do: a page is the next `limit` past `after`.
  const page: number[] = [];
  let total = 0;
  let more = false;
  for (let k = 0; k < members.length; k++) {
    if (codes[k] !== code) continue;
    total++;
    if (o.after !== undefined && columns.ids[members[k]!]! <= o.after) continue;
    if (page.length < o.limit) page.push(k);
    else more = true;
  }
  const rows = await loadCustomerRows(db, page.map((k) => columns.ids[members[k]!]!));
  const items = page.map((k) => {
    const id = columns.ids[members[k]!]!;
    const row = rows.get(id);
    return { id, name: row?.name ?? null, state: row?.state ?? null, recencyDays: input.recencyDays[k]!, frequency: input.frequency[k]!, monetary: input.monetary[k]! };
  });
  return {
    window: { from, to },
    segment: o.segment,
    treatment: RFM8_TREATMENT[o.segment],
    method: choice.method,
    customers: total,
    items,
    nextAfter: more ? items[items.length - 1]!.id : null,
  };
}
