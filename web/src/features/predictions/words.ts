import type { TFunction } from "i18next";
import { formatMoney, formatNumber } from "../../i18n/format";
import type { FeatureContrast, ProfileFeature, Reason } from "./api/predictions.api";

/**
 * The models' findings in the reader's language: feature names, each customer's reasons to
 * leave, the clusters' profiles, what sets the leavers apart, and the reasons the server
 * gives (in English) for a model it chose or skipped. Built from the structured figures;
 * the server's English is shown only for a reason this file does not know.
 */

/** The features the models read (the server's FEATURES, plus BG/NBD's scores), labelled under prediction.feature. */
export const FEATURES = [
  "recencyDays", "tenureDays", "purchaseDays", "netSales", "averagePurchase", "meanGapDays", "overdueRatio",
  "purchaseDays365", "netSales365", "netSalesPrevious365", "discountShare365", "activeQuarters",
  "purchaseDays90", "netSales90", "returnShare", "marginRate",
  "complaints365", "openComplaints", "contactsIn90", "contactsOut90", "enterprise",
  "pAlive", "expectedPurchases", "pPurchase",
] as const;
export type FeatureName = (typeof FEATURES)[number];

export const isFeature = (name: string): name is FeatureName => (FEATURES as readonly string[]).includes(name);

type Kind = "days" | "count" | "money" | "share" | "ratio" | "decimal" | "flag";

const KIND: Record<FeatureName, Kind> = {
  recencyDays: "days", tenureDays: "days", purchaseDays: "count", netSales: "money", averagePurchase: "money", meanGapDays: "days",
  overdueRatio: "ratio", purchaseDays365: "count", netSales365: "money", netSalesPrevious365: "money", discountShare365: "share",
  activeQuarters: "count", purchaseDays90: "count", netSales90: "money", returnShare: "share", marginRate: "share",
  complaints365: "count", openComplaints: "count", contactsIn90: "count", contactsOut90: "count", enterprise: "flag",
  pAlive: "share", expectedPurchases: "decimal", pPurchase: "share",
};

/** Features whose value 0 reads better as its own sentence ("no purchase in the last 90 days"). */
const ZERO = ["purchaseDays365", "netSales365", "activeQuarters", "purchaseDays90", "netSales90", "complaints365", "openComplaints", "contactsIn90", "contactsOut90", "enterprise"] as const;
type ZeroFeature = (typeof ZERO)[number];
const hasZero = (f: FeatureName): f is ZeroFeature => (ZERO as readonly string[]).includes(f);

/** Where numbers are written and in which currency (the run's). */
export interface WordsFormat {
  locale: string;
  currency: string;
}

const num = (v: number, locale: string, digits = 1) => formatNumber(v, locale, { maximumFractionDigits: digits });

/** A share as a percentage to one decimal: 0.4444 → "44.4%". Probabilities are shown this way everywhere. */
export const percent = (v: number | null | undefined, locale: string): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "—" : formatNumber(v, locale, { style: "percent", minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** An amount in the run's currency, from a number (the reports) or a decimal string (a customer's scores). */
export const money = (v: number | string | null | undefined, f: WordsFormat): string => {
  if (v === null || v === undefined) return "—";
  if (typeof v === "number") return Number.isFinite(v) ? formatMoney(v.toFixed(2), f.currency || undefined, f.locale) : "—";
  return formatMoney(v, f.currency || undefined, f.locale);
};

/** A feature's value as its kind is written: days, counts, money, shares. */
export function featureValue(feature: string, v: number, f: WordsFormat): string {
  const kind = isFeature(feature) ? KIND[feature] : "decimal";
  switch (kind) {
    case "money": return money(v, f);
    case "share": case "flag": return percent(v, f.locale);
    case "decimal": return num(v, f.locale, 2);
    default: return num(v, f.locale);
  }
}

/** A feature's name in the reader's language; one the catalogue does not know shows as it came. */
export const featureLabel = (t: TFunction, feature: string): string => (isFeature(feature) ? t(`prediction.feature.${feature}`) : feature);

/**
 * Why a customer may leave, in words: "no purchase for 120 days", "only one purchase". A
 * missing mean gap or overdue ratio means the customer has bought only once.
 */
export function reasonText(t: TFunction, r: Reason, f: WordsFormat, horizonDays: number): string {
  const feature = r.feature;
  if (!isFeature(feature)) return r.value === null ? t("prediction.reason.missing", { feature }) : t("prediction.reason.other", { feature, value: num(r.value, f.locale, 2) });
  if (r.value === null) {
    if (feature === "meanGapDays" || feature === "overdueRatio") return t("prediction.reason.onlyOnce");
    if (feature === "discountShare365") return t("prediction.reason.discountShare365Missing");
    if (feature === "marginRate") return t("prediction.reason.marginRateMissing");
    return t("prediction.reason.missing", { feature: featureLabel(t, feature) });
  }
  if (feature === "purchaseDays" && r.value === 1) return t("prediction.reason.onePurchase");
  if (r.value === 0 && hasZero(feature)) return t(`prediction.reason.zero.${feature}`);
  return t(`prediction.reason.${feature}`, { value: featureValue(feature, r.value, f), days: num(horizonDays, f.locale, 0) });
}

/** One feature of a cluster's profile: "much higher net sales (last 365 days)". */
export function profilePart(t: TFunction, p: ProfileFeature): string | null {
  if ((p.direction !== "higher" && p.direction !== "lower") || (p.size !== "much" && p.size !== "somewhat" && p.size !== "slightly")) return null;
  return t(`prediction.profile.${p.direction}`, { size: t(`prediction.size.${p.size}`), feature: featureLabel(t, p.feature) });
}

/** A cluster's profile in words, from its most distinguishing features. */
export function profileText(t: TFunction, top: ProfileFeature[], locale: string): string {
  const parts = top.map((p) => profilePart(t, p)).filter((s): s is string => s !== null);
  if (parts.length === 0) return t("prediction.profile.average");
  return t("prediction.profile.text", { parts: new Intl.ListFormat(locale, { style: "long", type: "conjunction" }).format(parts) });
}

/** Cohen's (1988) conventions for a standardised difference: large, medium, small (the server's profiles use the same). */
export const effectSize = (d: number): "much" | "somewhat" | "slightly" | null => {
  const a = Math.abs(d);
  return a >= 0.8 ? "much" : a >= 0.5 ? "somewhat" : a >= 0.2 ? "slightly" : null;
};

/** How the customers who left differed in one feature: "much higher days since the last purchase: 110.5 against 45.1". */
export function contrastText(t: TFunction, c: FeatureContrast, f: WordsFormat): string | null {
  if (c.d === null || c.meanA === null || c.meanB === null) return null;
  const size = effectSize(c.d);
  if (!size) return null;
  return t(c.d > 0 ? "prediction.contrast.higher" : "prediction.contrast.lower", {
    size: t(`prediction.size.${size}`),
    feature: featureLabel(t, c.feature),
    a: featureValue(c.feature, c.meanA, f),
    b: featureValue(c.feature, c.meanB, f),
  });
}

/** A cluster by its number, counted from 1 for people ("Cluster 1" is the server's cluster 0). */
export const clusterName = (t: TFunction, cluster: number): string => t("prediction.cluster", { n: cluster + 1 });

/** A CLV segment's name: a pyramid tier of a snapshot ("tier@2026-06-30"), a cluster, or the customers in none. */
export function clvSegmentName(t: TFunction, scheme: string, segment: string, tierLabel: (tier: string) => string): string {
  if (scheme.startsWith("tier")) return tierLabel(segment);
  if (segment === "inactive") return t("prediction.inactive");
  const n = Number(segment);
  return Number.isInteger(n) ? clusterName(t, n) : segment;
}

/**
 * Why the server skipped a model, in the reader's language. The server says it in English;
 * the known reasons are matched, any other is shown as it came.
 */
export function skippedText(t: TFunction, why: string, locale: string, dateText: (d: string) => string): string {
  const n = (s: string | undefined) => formatNumber(Number(s), locale);
  let m: RegExpExecArray | null;
  if ((m = /^no history before (\d{4}-\d{2}-\d{2})$/.exec(why))) return t("prediction.skipped.noHistory", { date: dateText(m[1]!) });
  if ((m = /^too few customers to learn from: (\d+) active on (\d{4}-\d{2}-\d{2}), (\d+) of them left \(need (\d+), and (\d+) of each\)$/.exec(why))) {
    return t("prediction.skipped.tooFewChurn", { n: n(m[1]), date: dateText(m[2]!), left: n(m[3]), need: n(m[4]), each: n(m[5]) });
  }
  if ((m = /^less than a year and a half of history before (\d{4}-\d{2}-\d{2})$/.exec(why))) return t("prediction.skipped.shortHistory", { date: dateText(m[1]!) });
  if ((m = /^too few customers to learn from: (\d+) with a purchase by (\d{4}-\d{2}-\d{2}) \(need (\d+)\)$/.exec(why))) {
    return t("prediction.skipped.tooFewValue", { n: n(m[1]), date: dateText(m[2]!), need: n(m[3]) });
  }
  if ((m = /^fewer than (\d+) repeat buyers: no spend model, CLV without an interval$/.exec(why))) return t("prediction.skipped.noSpendModel", { n: n(m[1]) });
  return why;
}

/** Why the server chose a model (its validation AUC or RMSE against the other's), in the reader's language. */
export function chosenText(t: TFunction, why: string, locale: string): string {
  const n = (s: string | undefined) => formatNumber(Number(s), locale, { maximumSignificantDigits: 4 });
  const tie = why.endsWith("(a tie goes to the simpler model)") ? t("prediction.chosen.tie") : "";
  let m: RegExpExecArray | null;
  if ((m = /^logistic regression: validation AUC ([\d.]+) against ([\d.]+) for boosted trees/.exec(why))) return t("prediction.chosen.logistic", { a: n(m[1]), b: n(m[2]) }) + tie;
  if ((m = /^boosted trees: validation AUC ([\d.]+) against ([\d.]+) for logistic regression/.exec(why))) return t("prediction.chosen.treesAuc", { a: n(m[1]), b: n(m[2]) }) + tie;
  if ((m = /^ridge regression: validation RMSE ([\d.e+-]+) against ([\d.e+-]+) for boosted trees/.exec(why))) return t("prediction.chosen.ridge", { a: n(m[1]), b: n(m[2]) }) + tie;
  if ((m = /^boosted trees: validation RMSE ([\d.e+-]+) against ([\d.e+-]+) for ridge regression/.exec(why))) return t("prediction.chosen.treesRmse", { a: n(m[1]), b: n(m[2]) }) + tie;
  return why;
}

/** The look-alike score's reference group, in the reader's language. */
export const lookalikeReference = (t: TFunction, reference: string): string =>
  reference === "bought in each of the last four quarters" ? t("prediction.lookalikeReference") : reference;

const PARAMS = { bgnbd: ["r", "alpha", "a", "b"], gammaGamma: ["p", "q", "gamma"] } as const;
type ParamModel = keyof typeof PARAMS;

/** What a model's parameter means (BG/NBD: r, α, a, b; Gamma-Gamma: p, q, γ). */
export function paramHelp(t: TFunction, model: ParamModel, name: string): string {
  if (model === "bgnbd") {
    const n = PARAMS.bgnbd.find((x) => x === name);
    return n ? t(`prediction.params.bgnbd.${n}`) : "";
  }
  const n = PARAMS.gammaGamma.find((x) => x === name);
  return n ? t(`prediction.params.gammaGamma.${n}`) : "";
}
