import { api, apiRequest } from "../../../api/client";

/** Mirrors src/http/routes/journeys.routes.ts (docs/journeys.md). */
export const STEPS = ["welcome", "information", "checkIn", "repurchaseOffer"] as const;
export type Step = (typeof STEPS)[number];
export const LANGUAGES = ["zh-CN", "zh-TW", "en"] as const;
export type Language = (typeof LANGUAGES)[number];
export const TIERS = ["key", "secondary", "ordinary", "small"] as const;
export type Tier = (typeof TIERS)[number];

export interface CategoryJourney {
  infoAfterDays: number;
  checkInAfterDays: number;
  replacementCycleDays: number;
  offerLeadDays: number;
}
export interface StepTemplate {
  channel: "task" | "email";
  subject: string;
  body: string;
}
export interface JourneySettings {
  enabled: boolean;
  language: Language;
  welcomeWithinDays: number;
  default: CategoryJourney;
  categories: Array<CategoryJourney & { category: string }>;
  steps: Record<Step, StepTemplate>;
}
export interface JourneySettingsView {
  settings: JourneySettings;
  categories: Array<{ category: string; products: number; medianReplacementDays: number | null; custom: boolean; journey: CategoryJourney }>;
  defaultTemplates: Record<Language, Record<Step, { subject: string; body: string }>>;
  mergeFields: string[];
}

export type LeadKind = "birthday" | "lunarBirthday" | "weddingAnniversary" | "companyAnniversary" | "other" | "festival";
export interface ReminderSettings {
  enabled: boolean;
  language: Language;
  horizonDays: number;
  leadDays: Record<LeadKind, number>;
  feb29: "feb28" | "mar1";
  xiaonian: "north" | "south";
  festivals: Array<{ key: string; tiers: Tier[] }>;
  visits: { enabled: boolean; everyDays: number; tiers: Tier[] };
}
export interface ReminderSettingsView {
  settings: ReminderSettings;
  festivals: Array<{ key: string; names: Record<Language, string>; lunar: boolean }>;
}

export interface UpcomingItem {
  key: string;
  source: "journey" | "reminder" | "visit";
  kind: string;
  customerId: number;
  customerName: string | null;
  ownerId: number | null;
  ownerName: string | null;
  dueOn: string;
  title: string;
  channel: "task" | "email";
  /** "skipped": an e-mail step a run would skip, for `skipReason`. */
  state: "task" | "email" | "planned" | "skipped";
  skipReason: "not_live" | "no_consent" | "no_address" | null;
  taskId: number | null;
  step: Step | null;
  category: string | null;
  basis: "model" | "cycle" | null;
  occasion: { kind: string; date: string; lunar: { year: number; month: number; day: number; leap: boolean } | null; festival: string | null; years: number | null; label: string | null } | null;
}

export interface RunResult {
  asOfDay: string;
  journeys: { enabled: boolean; created: number; existing: number; tasks: number; byStep: Record<string, number>; emails: { queued: number; held: number; skipped: number } };
  reminders: { enabled: boolean; created: number; existing: number; byKind: Record<string, number> };
}

export const fetchJourneySettings = () => api.get<JourneySettingsView>("/api/journeys/settings");
export const saveJourneySettings = (s: JourneySettings) => apiRequest<JourneySettingsView>("/api/journeys/settings", { method: "PUT", body: s });
export const fetchReminderSettings = () => api.get<ReminderSettingsView>("/api/reminders/settings");
export const saveReminderSettings = (s: ReminderSettings) => apiRequest<ReminderSettingsView>("/api/reminders/settings", { method: "PUT", body: s });
export const fetchUpcoming = (q: { days: number; source?: "journey" | "reminder" }) =>
  api.get<{ asOfDay: string; days: number; items: UpcomingItem[]; truncated: boolean }>("/api/journeys/upcoming", q);
export const runJourneys = () => api.post<RunResult>("/api/journeys/run", {});
