/**
 * The demo's calendar: the window [end − months, end] as day indices 0..days−1, the
 * Chinese retail seasonality that modulates purchase rates, the promotional windows that
 * deepen discounts, the acquisition curve (cohorts) and the monthly USD rate.
 * Built once per (seed, end, months) and shared by every customer.
 */
import { RetainError } from "../errors.ts";
import { Rng, cumulative } from "./rng.ts";

const DAY_MS = 86_400_000;
/** Rng stream of the calendar's own draws (customers use streams 0–4, see generate.ts). */
const STREAM_CALENDAR = 9;

/** Spring Festival (农历正月初一) by year. Outside the table we fall back to Feb 5. */
const SPRING_FESTIVAL: Record<number, string> = {
  2015: "02-19", 2016: "02-08", 2017: "01-28", 2018: "02-16", 2019: "02-05", 2020: "01-25",
  2021: "02-12", 2022: "02-01", 2023: "01-22", 2024: "02-10", 2025: "01-29", 2026: "02-17",
  2027: "02-06", 2028: "01-26", 2029: "02-13", 2030: "02-03", 2031: "01-23", 2032: "02-11",
  2033: "01-31", 2034: "02-19", 2035: "02-08",
};

/** Promotion level of a day: the big shopping festivals deepen discounts for everyone. */
export const PROMO_NONE = 0;
export const PROMO_MINOR = 1;
export const PROMO_MAJOR = 2;

export interface Calendar {
  /** Epoch day (days since 1970-01-01) of the first and last day of the window. */
  readonly start: number;
  readonly end: number;
  /** Number of days in the window; day indices run 0..days−1. */
  readonly days: number;
  /** 'YYYY-MM-DD' and 'YYYYMMDD' of each day index. */
  readonly iso: readonly string[];
  readonly compact: readonly string[];
  /** Purchase-rate multipliers (mean ≈ 1) and their maxima, for thinning. */
  readonly season: Float64Array;
  readonly seasonMax: number;
  /** Price-only customers: mostly asleep, wide awake during promotions. */
  readonly seasonPrice: Float64Array;
  readonly seasonPriceMax: number;
  /** Enterprises: only the Spring Festival shutdown and the year-end budget flush. */
  readonly seasonEnt: Float64Array;
  readonly promo: Uint8Array;
  /** Day indices of each Spring Festival in the window (for greetings). */
  readonly springFestivals: readonly number[];
  /** First day index of each 618 and Double 11 promotion window (for campaign messages). */
  readonly campaigns: readonly number[];
  /** Cumulative acquisition weights by day: cohorts of different sizes. */
  readonly acqCum: Float64Array;
  /** Month index of each day (0 = the month holding the first day) and the USD rate per month. */
  readonly monthOf: Uint16Array;
  readonly usdRates: readonly { validFrom: string; rate: string; value: number }[];
}

/** Epoch day of a 'YYYY-MM-DD' string. */
export function dayOf(iso: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  const t = m ? Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!) : NaN;
  if (!m || Number.isNaN(t) || new Date(t).toISOString().slice(0, 10) !== iso) {
    throw new RetainError("BAD_INPUT", `The demo end date must be a real date 'YYYY-MM-DD' (got "${iso}").`, { field: "end" });
  }
  return t / DAY_MS;
}

/** 'YYYY-MM-DD' of an epoch day. */
export function isoOf(day: number): string {
  return new Date(day * DAY_MS).toISOString().slice(0, 10);
}

/** The same calendar day `months` earlier, clamped to the month's last day (Mar 31 − 1 month = Feb 28). */
function minusMonths(day: number, months: number): number {
  const d = new Date(day * DAY_MS);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth() - months;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last)) / DAY_MS;
}

const cache = new Map<string, Calendar>();
let last: { seed: number; end: string; months: number; cal: Calendar } | undefined;

/** The calendar for one demo; memoised because every customer needs it. */
export function calendarFor(seed: number, end: string, months: number): Calendar {
  if (last && last.seed === seed && last.end === end && last.months === months) return last.cal;
  const key = `${seed}|${end}|${months}`;
  let cal = cache.get(key);
  if (!cal) {
    if (cache.size > 16) cache.clear();
    cal = build(seed, end, months);
    cache.set(key, cal);
  }
  last = { seed, end, months, cal };
  return cal;
}

function build(seed: number, endIso: string, months: number): Calendar {
  if (!Number.isInteger(months) || months < 1 || months > 120) {
    throw new RetainError("BAD_INPUT", `Demo months must be a whole number from 1 to 120 (got ${months}).`, { field: "months" });
  }
  const end = dayOf(endIso);
  const start = minusMonths(end, months);
  const days = end - start + 1;
  const iso: string[] = [];
  const compact: string[] = [];
  const season = new Float64Array(days);
  const seasonPrice = new Float64Array(days);
  const seasonEnt = new Float64Array(days);
  const promo = new Uint8Array(days);
  const monthOf = new Uint16Array(days);
  const springFestivals: number[] = [];
  const campaigns: number[] = [];
  const y0 = new Date(start * DAY_MS).getUTCFullYear();
  const m0 = new Date(start * DAY_MS).getUTCMonth();

  for (let k = 0; k < days; k++) {
    const s = isoOf(start + k);
    iso.push(s);
    compact.push(s.slice(0, 4) + s.slice(5, 7) + s.slice(8, 10));
    const y = +s.slice(0, 4);
    const mo = +s.slice(5, 7);
    const d = +s.slice(8, 10);
    monthOf[k] = (y - y0) * 12 + (mo - 1) - m0;
    // Days from this year's and next year's Spring Festival: the gift peak before it can
    // start in the previous calendar year when the festival falls in late January.
    const sf = sfDistance(start + k, y);
    let f = 1;
    let fp = 0.28;
    let fe = 1;
    if (mo === 12) f = 1.15;
    if (mo === 12 && d >= 10 && d <= 12) (f = 1.6), (fp = 1.5), (promo[k] = PROMO_MINOR);
    if (mo === 12) fe = 1.3; // year-end budget spending
    if (sf >= -24 && sf <= -4) (f = 1.5), (fp = 0.8), (promo[k] = PROMO_MINOR); // 年货节 gift peak
    else if (sf >= -3 && sf <= 7) (f = 0.45), (fp = 0.1), (fe = 0.25); // the holiday dip
    else if (sf >= 8 && sf <= 15) (f = 0.8), (fe = 0.7);
    if (mo === 6 && d <= 18) {
      f = d >= 16 ? 3 : 1.4;
      fp = d >= 16 ? 6 : 3;
      promo[k] = PROMO_MAJOR;
      if (d === 1) campaigns.push(k);
    }
    if ((mo === 10 && d >= 20) || (mo === 11 && d <= 11)) {
      f = mo === 11 && d >= 10 ? 4 : mo === 11 ? 1.6 : 1.3;
      fp = mo === 11 && d >= 10 ? 8 : 3;
      promo[k] = PROMO_MAJOR;
      if (mo === 10 && d === 20) campaigns.push(k);
    }
    if (mo === 11 && d >= 12 && d <= 14) f = 1.2;
    if (sf === 0) springFestivals.push(k);
    const dow = (start + k + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    if (dow === 0 || dow === 6) f *= 1.12;
    season[k] = f;
    seasonPrice[k] = fp;
    seasonEnt[k] = fe;
  }
  const seasonMax = normalise(season);
  const seasonPriceMax = normalise(seasonPrice);
  normalise(seasonEnt);

  // Cohorts: a little noise per month, and one month in five an acquisition campaign
  // that brings in 1.5–2× the usual number of new customers; the trend slopes down
  // gently so early cohorts have a long history to analyse.
  const rng = new Rng(seed, 0, STREAM_CALENDAR);
  const nMonths = (monthOf[days - 1] ?? 0) + 1;
  const monthFactor = Array.from({ length: nMonths }, () => rng.gamma(30, 30) * (rng.chance(0.2) ? rng.between(1.5, 2) : 1));
  const acq: number[] = [];
  for (let k = 0; k < days; k++) {
    acq.push((monthFactor[monthOf[k] as number] as number) * (1.3 - (0.5 * k) / days) * Math.sqrt(season[k] as number));
  }

  // USD/CNY: a monthly random walk kept inside 7.10–7.30.
  const usdRates: { validFrom: string; rate: string; value: number }[] = [];
  let rate = 7.15 + 0.1 * rng.uniform();
  for (let m = 0; m < nMonths; m++) {
    rate = Math.min(7.3, Math.max(7.1, rate + rng.normal(0, 0.025)));
    const value = Math.round(rate * 10_000) / 10_000;
    const validFrom = isoOf(Date.UTC(y0, m0 + m, 1) / DAY_MS);
    usdRates.push({ validFrom, rate: value.toFixed(4), value });
  }

  return {
    start, end, days, iso, compact, season, seasonMax, seasonPrice, seasonPriceMax, seasonEnt, promo,
    springFestivals, campaigns, acqCum: cumulative(acq), monthOf, usdRates,
  };
}

/** Signed days from the nearest Spring Festival (this year's or next year's). */
function sfDistance(day: number, year: number): number {
  const here = day - sfDay(year);
  const next = day - sfDay(year + 1);
  return Math.abs(next) < Math.abs(here) ? next : here;
}

function sfDay(year: number): number {
  const md = SPRING_FESTIVAL[year] ?? "02-05";
  return Date.UTC(year, +md.slice(0, 2) - 1, +md.slice(3, 5)) / DAY_MS;
}

/** Scales a series to mean 1 in place and returns its new maximum. */
function normalise(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  const k = xs.length / s;
  let max = 0;
  for (let i = 0; i < xs.length; i++) {
    xs[i] = (xs[i] as number) * k;
    if ((xs[i] as number) > max) max = xs[i] as number;
  }
  return max;
}
