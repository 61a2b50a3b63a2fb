/**
 * A survey's questions and the check of one set of answers against them (DOMAIN §7). Plain
 * JSON, stored as it is. Each question may say what it measures, so the indices know where
 * to look: CSAT, the overall satisfaction the factor weights are fitted to, a satisfaction
 * factor (service content, image, care, attitude, procedures, …), price sensitivity, share
 * of wallet; an NPS question is the recommendation; a Kano pair asks about one feature
 * twice (if present / if absent).
 */

export const SURVEY_LANGUAGES = ["en", "zh-CN", "zh-TW"] as const;
export type SurveyLanguage = (typeof SURVEY_LANGUAGES)[number];
/** A question's wording in one or more languages; the reader's language, else the first given. */
export type Wording = Partial<Record<SurveyLanguage, string>>;

export type Measure = "csat" | "overall" | "factor" | "price_sensitivity";

interface Base {
  key: string;
  text: Wording;
  required: boolean;
}

export type Question =
  | (Base & { type: "rating"; max: 5 | 7 | 10; measure: Measure | null; factor: string | null })
  | (Base & { type: "nps" })
  | (Base & { type: "choice"; options: Array<{ key: string; text: Wording }>; multiple: boolean })
  | (Base & { type: "text"; maxLength: number })
  | (Base & { type: "percent"; measure: "share_of_wallet" | null })
  | (Base & { type: "kano"; feature: string; functional: Wording; dysfunctional: Wording });

export type QuestionType = Question["type"];

/** Kano answers, Berger et al. 1993: 1 like, 2 must-be, 3 neutral, 4 live with, 5 dislike. */
export const KANO_ANSWERS = [1, 2, 3, 4, 5] as const;

export type Answer = number | string | string[] | [number, number];
export type Answers = Record<string, Answer>;

export interface AnswerProblem {
  key: string;
  message: string;
}

/** The wording for a language: that language, else English, else the first one given. */
export function wordingIn(w: Wording, lang: string): string {
  return w[lang as SurveyLanguage] ?? w.en ?? Object.values(w).find((t) => t && t.trim()) ?? "";
}

/** Problems with a survey's questions as a whole (the shape of each is checked by the caller's schema). */
export function checkQuestions(questions: Question[]): AnswerProblem[] {
  const problems: AnswerProblem[] = [];
  const seen = new Set<string>();
  for (const [i, q] of questions.entries()) {
    const at = `questions[${i}]`;
    if (seen.has(q.key)) problems.push({ key: `${at}.key`, message: `the key "${q.key}" is used twice; give each question its own key` });
    seen.add(q.key);
    if (!Object.values(q.text).some((t) => t && t.trim())) problems.push({ key: `${at}.text`, message: "the question has no wording in any language" });
    if (q.type === "rating" && q.measure === "factor" && !q.factor) problems.push({ key: `${at}.factor`, message: "a factor rating names its factor (e.g. \"attitude\")" });
    if (q.type === "choice") {
      const keys = new Set(q.options.map((o) => o.key));
      if (keys.size !== q.options.length) problems.push({ key: `${at}.options`, message: "two options share a key" });
      if (q.options.length < 2) problems.push({ key: `${at}.options`, message: "a choice needs at least two options" });
    }
  }
  const overall = questions.filter((q) => q.type === "rating" && q.measure === "overall").length;
  if (overall > 1) problems.push({ key: "questions", message: "only one question can be the overall satisfaction" });
  const csat = questions.filter((q) => q.type === "rating" && q.measure === "csat").length;
  if (csat > 1) problems.push({ key: "questions", message: "only one question can be the CSAT question" });
  if (questions.filter((q) => q.type === "nps").length > 1) problems.push({ key: "questions", message: "a survey has at most one NPS question" });
  return problems;
}

/**
 * Checks one respondent's answers: every required question answered, each answer of its
 * question's type and range, no answer to a question the survey does not have. Returns the
 * answers kept (text trimmed, empty answers dropped) or the problems, each naming its question.
 */
export function checkAnswers(questions: Question[], answers: Record<string, unknown>): { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] } {
  const problems: AnswerProblem[] = [];
  const kept: Answers = {};
  const byKey = new Map(questions.map((q) => [q.key, q]));
  for (const key of Object.keys(answers)) if (!byKey.has(key)) problems.push({ key, message: "this survey has no such question" });
  for (const q of questions) {
    const raw = answers[q.key];
    const empty = raw === undefined || raw === null || raw === "" || (Array.isArray(raw) && raw.length === 0);
    if (empty) {
      if (q.required) problems.push({ key: q.key, message: "an answer is required" });
      continue;
    }
    const r = checkOne(q, raw);
    if (typeof r === "string") problems.push({ key: q.key, message: r });
    else kept[q.key] = r.value;
  }
  return problems.length ? { ok: false, problems } : { ok: true, answers: kept };
}

const isInt = (v: unknown, lo: number, hi: number): v is number => typeof v === "number" && Number.isInteger(v) && v >= lo && v <= hi;

function checkOne(q: Question, v: unknown): { value: Answer } | string {
  switch (q.type) {
    case "rating":
      return isInt(v, 1, q.max) ? { value: v } : `a whole number from 1 to ${q.max}`;
    case "nps":
      return isInt(v, 0, 10) ? { value: v } : "a whole number from 0 to 10";
    case "percent":
      return typeof v === "number" && Number.isFinite(v) && v >= 0 && v <= 100 ? { value: v } : "a number from 0 to 100";
    case "text": {
      if (typeof v !== "string") return "text";
      const t = v.trim();
      if (t.length > q.maxLength) return `at most ${q.maxLength} characters`;
      return { value: t };
    }
    case "choice": {
      const keys = new Set(q.options.map((o) => o.key));
      const list = Array.isArray(v) ? v : [v];
      if (!q.multiple && list.length !== 1) return "choose one option";
      if (!list.every((x) => typeof x === "string" && keys.has(x))) return `one of ${[...keys].join(", ")}`;
      if (new Set(list).size !== list.length) return "an option is chosen twice";
      return { value: q.multiple ? (list as string[]) : (list[0] as string) };
    }
    case "kano":
      return Array.isArray(v) && v.length === 2 && isInt(v[0], 1, 5) && isInt(v[1], 1, 5)
        ? { value: [v[0], v[1]] as [number, number] }
        : "two answers from 1 (I like it) to 5 (I dislike it): if the feature is present, and if it is absent";
  }
}
