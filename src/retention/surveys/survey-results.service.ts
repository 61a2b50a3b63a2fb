import { sql, type Kysely } from "kysely";
import { csat, DEFAULT_CSAT_SCALE, deriveWeights, kanoFeature, loyaltyIndex, nps, periodOf, satisfactionIndex } from "../../analytics/surveys/index.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import type { Answers, Question } from "../../domain/surveys/questions.ts";
import type { Database } from "../../store/schema.ts";
import { getSurvey, type SurveyOut } from "./surveys.service.ts";

/**
 * A survey's results (docs/surveys.md): CSAT, NPS, the weighted satisfaction index over its
 * factors, Kano categories of its paired questions, and the loyalty index of its linked
 * respondents; each by period, by value tier, by staff member and by occasion; and every
 * question's answers. Computed from the answers each time (surveys are small).
 */
type Db = Kysely<Database>;

export interface ResultsQuery {
  since?: string;
  until?: string;
  grain?: "month" | "quarter";
}

interface ResponseRow {
  response_id: number;
  customer_id: number | null;
  staff_user_id: number | null;
  staff_name: string | null;
  trigger: string;
  segment: string | null;
  answers: Answers;
  answered_at: Date;
  orders: number | null;
  frequency_rank: number | null;
}

type Csat = ReturnType<typeof csat>;
type Nps = ReturnType<typeof nps>;

export interface GroupResult {
  key: string;
  label: string | null;
  n: number;
  csat: Csat | null;
  nps: Nps | null;
  index: number | null;
}

export interface SurveyResults {
  survey: SurveyOut;
  since: string | null;
  until: string | null;
  invited: number;
  answered: number;
  /** answered ÷ invited over the invitations made in the period, null without any. */
  responseRate: number | null;
  csat: (Csat & { question: string }) | null;
  nps: (Nps & { question: string }) | null;
  index: {
    value: number | null;
    method: "regression" | "equal";
    r2: number | null;
    /** Complete answers the weights were fitted on. */
    fittedOn: number;
    factors: Array<{ factor: string; weight: number; mean: number | null; questions: string[] }>;
  } | null;
  loyalty: { mean: number | null; behaviour: number | null; attitude: number | null; n: number } | null;
  kano: Array<{ question: string; feature: string } & ReturnType<typeof kanoFeature>>;
  questions: Array<{ key: string; type: Question["type"]; answered: number; mean: number | null; counts: Record<string, number> }>;
  words: Array<{ question: string; text: string; answeredAt: string }>;
  byPeriod: GroupResult[];
  bySegment: GroupResult[];
  byStaff: GroupResult[];
  byTrigger: GroupResult[];
}

const dayStart = (d: string) => `${d}T00:00:00+08:00`;

const num = (v: unknown): number => (typeof v === "number" ? v : NaN);

/** A rating as 0..1 of its scale (1 → 0, max → 1). */
const unit = (v: number, max: number) => (v - 1) / (max - 1);

export async function surveyResults(db: Db, surveyId: number, q: ResultsQuery = {}): Promise<SurveyResults> {
  const survey = await getSurvey(db, surveyId);
  const since = q.since ? dayStart(q.since) : null;
  const until = q.until ? dayStart(dayText(dayNumber(q.until) + 1)) : null;
  const inRange = (col: string) => sql`${since === null ? sql`true` : sql`${sql.ref(col)} >= ${since}::timestamptz`} and ${until === null ? sql`true` : sql`${sql.ref(col)} < ${until}::timestamptz`}`;
  const rows = (await sql<ResponseRow>`
    with ranks as (
      select customer_id, percent_rank() over (order by orders) as frequency_rank, orders from customer_aggregates where orders > 0
    )
    select r.response_id::float8 as response_id, r.customer_id::float8 as customer_id, r.staff_user_id::float8 as staff_user_id, u.name as staff_name,
      r.trigger, r.segment, r.answers, r.answered_at, k.orders, k.frequency_rank
    from survey_responses r
    left join users u on u.user_id = r.staff_user_id
    left join ranks k on k.customer_id = r.customer_id
    where r.survey_id = ${surveyId} and ${inRange("r.answered_at")}
    order by r.answered_at, r.response_id`.execute(db)).rows;
  const inv = (await sql<{ invited: number; answered: number }>`select count(*)::int as invited, count(answered_at)::int as answered
    from survey_invitations i where i.survey_id = ${surveyId} and ${inRange("i.created_at")}`.execute(db)).rows[0]!;

  const questions = survey.questions;
  const csatQ = questions.find((x) => x.type === "rating" && x.measure === "csat") as Extract<Question, { type: "rating" }> | undefined;
  const npsQ = questions.find((x) => x.type === "nps");
  const overallQ = questions.find((x) => x.type === "rating" && x.measure === "overall") as Extract<Question, { type: "rating" }> | undefined;
  const factorQs = questions.filter((x): x is Extract<Question, { type: "rating" }> => x.type === "rating" && x.measure === "factor" && !!x.factor);
  const factors = [...new Set(factorQs.map((x) => x.factor!))];
  const priceQ = questions.find((x) => x.type === "rating" && x.measure === "price_sensitivity") as Extract<Question, { type: "rating" }> | undefined;
  const walletQ = questions.find((x) => x.type === "percent" && x.measure === "share_of_wallet");

  const csatScale = csatQ ? { min: 1, max: csatQ.max, satisfiedFrom: csatQ.max === 5 ? DEFAULT_CSAT_SCALE.satisfiedFrom : Math.ceil(csatQ.max * 0.8) } : null;
  const csatOf = (rs: ResponseRow[]) => (csatQ && csatScale ? csat(rs.map((r) => num(r.answers[csatQ.key])), csatScale) : null);
  const npsOf = (rs: ResponseRow[]) => (npsQ ? nps(rs.map((r) => num(r.answers[npsQ.key]))) : null);
  /** One respondent's score per factor, 0..1: the mean of the factor's questions they answered. */
  const factorScores = (r: ResponseRow) => factors.map((f) => {
    const vs = factorQs.filter((x) => x.factor === f).map((x) => unit(num(r.answers[x.key]), x.max)).filter((v) => !Number.isNaN(v));
    return vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : NaN;
  });

  // weights fitted once on every complete answer of the period, then applied to each group
  let index: SurveyResults["index"] = null;
  let weights: number[] | null = null;
  if (factors.length) {
    const scores = rows.map(factorScores);
    const overall = rows.map((r) => (overallQ ? unit(num(r.answers[overallQ.key]), overallQ.max) : NaN));
    const complete = scores.filter((s, i) => s.every((v) => !Number.isNaN(v)) && !Number.isNaN(overall[i]!)).length;
    let fit: { weights: number[]; r2: number | null; method: "regression" | "equal" } = { weights: factors.map(() => 1 / factors.length), r2: null, method: "equal" };
    if (overallQ && complete > factors.length + 1) {
      try {
        const d = deriveWeights(scores, overall);
        fit = { weights: d.weights, r2: d.r2, method: d.method };
      } catch (e) {
        if (!(e instanceof RangeError)) throw e; // singular (everyone answered alike): equal weights
      }
    }
    weights = fit.weights;
    const means = meansOf(scores, factors.length);
    index = {
      value: indexOf(means, weights), method: fit.method, r2: fit.r2, fittedOn: fit.method === "regression" ? complete : 0,
      factors: factors.map((f, i) => ({ factor: f, weight: weights![i]!, mean: means[i]!, questions: factorQs.filter((x) => x.factor === f).map((x) => x.key) })),
    };
  }
  const indexOfGroup = (rs: ResponseRow[]) => (weights ? indexOf(meansOf(rs.map(factorScores), factors.length), weights) : null);

  const loyaltyRows = rows.map((r) => loyaltyIndex({
    repeatPurchase: r.orders === null ? (r.customer_id === null ? null : false) : r.orders >= 2,
    frequencyPercentile: r.frequency_rank === null ? null : Number(r.frequency_rank),
    shareOfWallet: walletQ && typeof r.answers[walletQ.key] === "number" ? (r.answers[walletQ.key] as number) / 100 : null,
    recommend: npsQ && typeof r.answers[npsQ.key] === "number" ? (r.answers[npsQ.key] as number) : null,
    priceSensitivity: priceQ && typeof r.answers[priceQ.key] === "number" ? 1 + 4 * unit(r.answers[priceQ.key] as number, priceQ.max) : null,
  }));
  const meanOf = (xs: Array<number | null>) => {
    const v = xs.filter((x): x is number => x !== null);
    return v.length ? v.reduce((a, b) => a + b, 0) / v.length : null;
  };
  const withIndex = loyaltyRows.filter((l) => l.index !== null);
  const loyalty = npsQ || priceQ || walletQ || rows.some((r) => r.customer_id !== null)
    ? { mean: meanOf(withIndex.map((l) => l.index)), behaviour: meanOf(loyaltyRows.map((l) => l.behaviour)), attitude: meanOf(loyaltyRows.map((l) => l.attitude)), n: withIndex.length }
    : null;

  const group = (key: (r: ResponseRow) => string, label: (r: ResponseRow) => string | null = () => null): GroupResult[] => {
    const m = new Map<string, ResponseRow[]>();
    for (const r of rows) {
      const k = key(r);
      const list = m.get(k);
      if (list) list.push(r);
      else m.set(k, [r]);
    }
    return [...m].map(([k, rs]) => ({ key: k, label: label(rs[0]!), n: rs.length, csat: csatOf(rs), nps: npsOf(rs), index: indexOfGroup(rs) }));
  };
  const day = (r: ResponseRow) => new Date(new Date(r.answered_at).getTime() + 8 * 3_600_000).toISOString().slice(0, 10);

  return {
    survey, since: q.since ?? null, until: q.until ?? null,
    invited: inv.invited, answered: rows.length, responseRate: inv.invited ? inv.answered / inv.invited : null,
    csat: csatQ ? { ...csatOf(rows)!, question: csatQ.key } : null,
    nps: npsQ ? { ...npsOf(rows)!, question: npsQ.key } : null,
    index,
    loyalty,
    kano: questions.filter((x) => x.type === "kano").map((x) => ({
      question: x.key, feature: (x as Extract<Question, { type: "kano" }>).feature,
      ...kanoFeature(rows.map((r) => r.answers[x.key]).filter((a): a is [number, number] => Array.isArray(a) && a.length === 2 && typeof a[0] === "number") as Array<[number, number]>),
    })),
    questions: questions.map((x) => distribution(x, rows)),
    words: rows.flatMap((r) => questions.filter((x) => x.type === "text" && typeof r.answers[x.key] === "string")
      .map((x) => ({ question: x.key, text: r.answers[x.key] as string, answeredAt: new Date(r.answered_at).toISOString() }))).reverse().slice(0, 100),
    byPeriod: group((r) => periodOf(day(r), q.grain ?? "month")).sort((a, b) => a.key.localeCompare(b.key)),
    bySegment: group((r) => r.segment ?? "unknown").sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)),
    byStaff: group((r) => (r.staff_user_id === null ? "none" : String(r.staff_user_id)), (r) => r.staff_name).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)),
    byTrigger: group((r) => r.trigger).sort((a, b) => b.n - a.n || a.key.localeCompare(b.key)),
  };
}

/** Per factor, the mean of the scores given (NaN = not answered), null where none. */
function meansOf(scores: number[][], k: number): Array<number | null> {
  return Array.from({ length: k }, (_, j) => {
    const vs = scores.map((s) => s[j]!).filter((v) => !Number.isNaN(v));
    return vs.length ? vs.reduce((a, b) => a + b, 0) / vs.length : null;
  });
}

/** The index over the factors answered, their weights renormalised; null when none was. */
function indexOf(means: Array<number | null>, weights: number[]): number | null {
  const present = means.map((m, i) => (m === null ? null : i)).filter((i): i is number => i !== null && weights[i]! > 0);
  const total = present.reduce((a, i) => a + weights[i]!, 0);
  if (!present.length || total <= 0) return null;
  return satisfactionIndex(present.map((i) => means[i]!), present.map((i) => weights[i]! / total), { min: 0, max: 1 });
}

function distribution(x: Question, rows: ResponseRow[]): SurveyResults["questions"][number] {
  const counts: Record<string, number> = {};
  let answered = 0;
  let sum = 0;
  let numeric = 0;
  for (const r of rows) {
    const a = r.answers[x.key];
    if (a === undefined) continue;
    answered++;
    if (x.type === "text") continue;
    const keys = x.type === "kano" ? [(a as number[]).join("/")] : Array.isArray(a) ? (a as string[]) : [String(a)];
    for (const k of keys) counts[k] = (counts[k] ?? 0) + 1;
    if (typeof a === "number") {
      sum += a;
      numeric++;
    }
  }
  return { key: x.key, type: x.type, answered, mean: numeric ? sum / numeric : null, counts };
}
