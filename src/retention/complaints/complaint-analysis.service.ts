import type { Kysely } from "kysely";
import { complaintVolumes, periodEnding, resolution, type ComplaintVolumes, type Resolution } from "../../analytics/complaints/complaints.ts";
import { baselineDays, complainerWindows, G_INCOMPLETE, repurchaseComparison, type RepurchaseComparison } from "../../analytics/complaints/repurchase.ts";
import { dayText } from "../../domain/days.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { periodMonths, reportMonth } from "../../value/cohorts.service.ts";
import { complaintsOpened, nextPurchaseDays, noComplaintCounts } from "./complaint-analysis.repository.ts";
import { getComplaintSettings, rootCausePlaces } from "./complaint-settings.ts";
import { serviceLevelsAndCost, type RecoveryCost, type ServiceLevels } from "./service-levels.ts";

export const DEFAULT_WINDOW_DAYS = 90;

export interface ComplaintAnalysisOptions {
  /** YYYY-MM-DD; default: the end of the last complete month in the business's time zone. */
  asOf?: string;
  /** W, the repurchase window in days (default 90). */
  windowDays?: number;
  /** The period's length in months, ending on the as-of date (default 12). */
  months?: number;
}

type Range = { from: string; to: string };

export interface ComplaintAnalysis {
  asOf: string;
  windowDays: number;
  /** The complaints read: opened in these days (business time zone). */
  period: Range & { months: number };
  volumes: ComplaintVolumes;
  resolution: Resolution;
  /** SLA attainment of the period's complaints, their clocks read at the end of the as-of day. */
  serviceLevels: ServiceLevels;
  /** The compensation given in their recovery. */
  recoveryCost: RecoveryCost;
  repurchase: RepurchaseComparison & {
    /** The complainers in a group: first complaint in the period opened in these days (t + W ≤ as-of). */
    complainersOpened: Range | null;
    /** r = as-of − W, and the no-complaint group's two ranges. */
    reference: string;
    noComplaintBought: Range;
    noComplaintRepurchase: Range;
  };
}

/**
 * The complaint analyses as of a date (docs/complaints.md): volumes (by category, channel,
 * severity, product and root cause, each per month), resolution, SLA attainment and recovery
 * cost, and the repurchase of resolved and unresolved complainers against customers who
 * never complained.
 */
export async function buildComplaintAnalysis(db: Kysely<Database>, o: ComplaintAnalysisOptions = {}): Promise<ComplaintAnalysis> {
  const windowDays = o.windowDays ?? DEFAULT_WINDOW_DAYS;
  if (!(Number.isInteger(windowDays) && windowDays >= 1 && windowDays <= 730)) {
    throw new RetainError("BAD_INPUT", `window ${windowDays}: give a whole number of days from 1 to 730.`, { field: "windowDays" });
  }
  const months = periodMonths(o.months, "months");
  const { asOf } = await reportMonth(db, o.asOf);
  const { timezone } = await getSettings(db);
  const period = periodEnding(asOf, months);

  const c = await complaintsOpened(db, { ...period, timezone });
  const settings = await getComplaintSettings(db);
  const rootCauseTop = new Map([...rootCausePlaces(settings)].map(([key, place]) => [key, place.top]));
  const levels = await serviceLevelsAndCost(db, { ...period, timezone, settings });
  const w = complainerWindows(c, period, windowDays);
  // Only complainers with a whole window are looked up: their lines in (t, t + W], no more.
  const whole = w.group.map((g) => (g === G_INCOMPLETE ? 0 : 1));
  const pick = <T extends Float64Array | Int32Array>(a: T): T => a.filter((_, k) => whole[k]) as T;
  const found = await nextPurchaseDays(db, pick(w.customer), pick(w.t), windowDays);
  const next = new Float64Array(w.t.length).fill(NaN);
  for (let k = 0, j = 0; k < w.t.length; k++) if (whole[k]) next[k] = found[j++] as number;

  const b = baselineDays(period.to, windowDays);
  const noComplaint = await noComplaintCounts(db, { bought: b.bought, repurchase: b.repurchase, asOf: period.to, timezone });
  const range = (r: { from: number; to: number }): Range => ({ from: dayText(r.from), to: dayText(r.to) });
  const lastT = period.to - windowDays;
  return {
    asOf,
    windowDays,
    period: { ...range(period), months },
    volumes: complaintVolumes(c, period, rootCauseTop),
    resolution: resolution(c, period),
    ...levels,
    repurchase: {
      ...repurchaseComparison(c, w, next, windowDays, noComplaint),
      complainersOpened: lastT >= period.from ? range({ from: period.from, to: lastT }) : null,
      reference: dayText(b.reference),
      noComplaintBought: range(b.bought),
      noComplaintRepurchase: range(b.repurchase),
    },
  };
}
