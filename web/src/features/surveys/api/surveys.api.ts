import { api, apiRequest } from "../../../api/client";

/** Mirrors the server's surveys (src/http/routes/surveys.routes.ts); definitions in docs/surveys.md. */
export const SURVEY_LANGUAGES = ["en", "zh-CN", "zh-TW"] as const;
export type Wording = Partial<Record<(typeof SURVEY_LANGUAGES)[number], string>>;
export const PURPOSES = ["complaint_followup", "post_purchase", "segment", "general"] as const;
export type Purpose = (typeof PURPOSES)[number];
export const MEASURES = ["csat", "overall", "factor", "price_sensitivity"] as const;
export type Measure = (typeof MEASURES)[number];
export const QUESTION_TYPES = ["rating", "nps", "choice", "text", "percent", "kano"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

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

export interface SurveyInput {
  name: string;
  purpose: Purpose;
  anonymous: boolean;
  questions: Question[];
}

export interface Survey extends SurveyInput {
  id: number;
  status: "open" | "closed";
  version: number;
  createdAt: string;
  invited: number;
  answered: number;
}

export interface Invitation {
  customerId: number;
  invitationId: number;
  surveyId: number;
  trigger: string;
  complaintId: number | null;
  staffUserId: number | null;
  createdAt: string;
  expiresAt: string;
  answeredAt: string | null;
  state: "open" | "answered" | "expired";
  url: string;
}

export type Audience =
  | { kind: "customers"; customerIds: number[] }
  | { kind: "tier"; tier: string }
  | { kind: "purchased"; from: string; to: string };

interface Interval {
  low: number | null;
  high: number | null;
}
export interface Csat extends Interval {
  n: number;
  satisfied: number;
  share: number | null;
  mean: number | null;
}
export interface Nps extends Interval {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  score: number | null;
}
export interface GroupResult {
  key: string;
  label: string | null;
  n: number;
  csat: Csat | null;
  nps: Nps | null;
  index: number | null;
}
export type KanoCategory = "A" | "O" | "M" | "I" | "R" | "Q";

export interface SurveyResults {
  survey: Survey;
  since: string | null;
  until: string | null;
  invited: number;
  answered: number;
  responseRate: number | null;
  csat: (Csat & { question: string }) | null;
  nps: (Nps & { question: string }) | null;
  index: {
    value: number | null;
    method: "regression" | "equal";
    r2: number | null;
    fittedOn: number;
    factors: Array<{ factor: string; weight: number; mean: number | null; questions: string[] }>;
  } | null;
  loyalty: { mean: number | null; behaviour: number | null; attitude: number | null; n: number } | null;
  kano: Array<{ question: string; feature: string; n: number; counts: Record<KanoCategory, number>; category: KanoCategory | null; better: number | null; worse: number | null }>;
  questions: Array<{ key: string; type: QuestionType; answered: number; mean: number | null; counts: Record<string, number> }>;
  words: Array<{ question: string; text: string; answeredAt: string }>;
  byPeriod: GroupResult[];
  bySegment: GroupResult[];
  byStaff: GroupResult[];
  byTrigger: GroupResult[];
}

export interface PublicSurvey {
  name: string;
  anonymous: boolean;
  questions: Question[];
  state: "open" | "answered" | "expired" | "closed";
}

export type Answers = Record<string, number | string | string[] | [number, number]>;

export const fetchSurveys = () => api.get<{ items: Survey[] }>("/api/surveys").then((r) => r.items);
export const fetchTemplates = () => api.get<{ items: SurveyInput[] }>("/api/surveys/templates").then((r) => r.items);
export const fetchSurvey = (id: number) => api.get<Survey>(`/api/surveys/${id}`);
export const createSurvey = (input: SurveyInput) => api.post<Survey>("/api/surveys", input);
export const updateSurvey = (id: number, input: SurveyInput & { version: number; status: "open" | "closed" }) =>
  apiRequest<Survey>(`/api/surveys/${id}`, { method: "PUT", body: input });
export const inviteToSurvey = (id: number, audience: Audience) =>
  api.post<{ invited: Invitation[]; skipped: number }>(`/api/surveys/${id}/invitations`, { audience });
export const fetchResults = (id: number, q: { since?: string; until?: string; grain?: "month" | "quarter" }) =>
  api.get<SurveyResults>(`/api/surveys/${id}/results`, q);
export const fetchCustomerInvitations = (customerId: number, complaintId?: number) =>
  api.get<{ items: Invitation[] }>(`/api/customers/${customerId}/survey-invitations`, { complaintId }).then((r) => r.items);
export const fetchPublicSurvey = (token: string) => apiRequest<PublicSurvey>(`/api/public/surveys/${encodeURIComponent(token)}`, { redirectOn401: false });
export const answerSurvey = (token: string, answers: Answers) =>
  apiRequest<{ thanks: true }>(`/api/public/surveys/${encodeURIComponent(token)}/answers`, { method: "POST", body: { answers }, redirectOn401: false });

/** A question's wording in the reader's language, else English, else any. */
export function wordingIn(w: Wording, lang: string): string {
  return w[lang as keyof Wording] ?? w.en ?? Object.values(w).find((t) => t && t.trim()) ?? "";
}

/** The survey settings (server: SurveySettingsSchema in src/retention/surveys/surveys.service.ts). */
export interface SurveySettings {
  complaintFollowUpSurveyId: number | null;
  linkValidDays: number;
  /** The post-purchase survey by e-mail, once a day; off while surveyId is null. subject/body null: the built-in e-mail. */
  postPurchase: { surveyId: number | null; afterDays: number; subject: string | null; body: string | null };
}

export const fetchSurveySettings = () => api.get<SurveySettings>("/api/surveys/settings");
export const saveSurveySettings = (s: SurveySettings) => apiRequest<SurveySettings>("/api/surveys/settings", { method: "PUT", body: s });
