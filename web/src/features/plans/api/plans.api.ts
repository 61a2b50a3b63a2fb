import { api } from "../../../api/client";
import type { Effect } from "../../../api/effect";

export type { Effect };

/** Mirrors the server's contact plans (src/http/routes/plans.routes.ts); definitions in docs/contact-plans.md. */
export const CONTACT_TYPES = [
  "loyaltyRebate", "privateSalePreview", "personalGift", "seasonPreview", "mailing", "stockNotice",
  "specialService", "frequencyProgramme", "eventNotice", "prizePromotion", "coupon", "clearanceNotice", "visit", "call",
] as const;
export type ContactType = (typeof CONTACT_TYPES)[number];
/** The message types a plan may send as e-mail (EMAIL_CONTACT_TYPES); the personal ones are always tasks. */
export const EMAIL_CONTACT_TYPES = [
  "mailing", "seasonPreview", "stockNotice", "eventNotice", "prizePromotion", "coupon", "clearanceNotice", "frequencyProgramme",
] as const satisfies readonly ContactType[];
export type EmailContactType = (typeof EMAIL_CONTACT_TYPES)[number];
/** The merge fields a template may use (MERGE_FIELDS in src/domain/messages/template.ts). */
export const MERGE_FIELDS = [
  "name", "lastPurchase.date", "lastPurchase.product", "favouriteCategory", "nextBestOffer", "memberLevel", "points", "owner", "serviceNumber", "unsubscribeUrl",
] as const;
export interface EmailTemplate {
  subject: string;
  body: string;
}

export interface PlanTier {
  key: string;
  label: string | null;
  customerShare: string;
  budgetShare: string;
  contactsPerQuarter: number;
  contactTypes: ContactType[];
}
export interface Cap {
  max: number;
  windowDays: number;
}
export interface PlanInput {
  name: string;
  quarterStart: string;
  budget: string;
  tiers: PlanTier[];
  caps: Cap[];
  controlShare: string;
  /** Contact type → the e-mail that delivers it; types without one are tasks for the owners. */
  emails: Partial<Record<EmailContactType, EmailTemplate>>;
}
export interface Plan extends PlanInput {
  id: number;
  quarterEnd: string;
  seed: number;
  status: "draft" | "generated" | "archived";
  generatedAt: string | null;
  createdAt: string;
  updatedAt: string;
  campaignId: number | null;
}
export interface PlanLine {
  key: string;
  label: string | null;
  customerShare: string;
  customers: number;
  sales: string;
  salesShare: number | null;
  budget: string;
  budgetShare: number;
  budgetPerCustomer: string | null;
  intensity: number | null;
  contactsPerQuarter: number;
  contactTypes: ContactType[];
}
export interface PlanView extends Plan {
  reference: { from: string; to: string };
  lines: PlanLine[];
  totals: { customers: number; sales: string; budget: string; budgetPerCustomer: string | null; contacts: number };
}
export interface EmailCounts {
  queued: number;
  held: number;
  skipped: number;
}
export interface Generated {
  planId: number;
  campaignId: number;
  customers: number;
  control: number;
  proposed: number;
  kept: number;
  created: number;
  existing: number;
  emails: EmailCounts;
  dropped: number;
  droppedByCap: Array<Cap & { contacts: number }>;
  tiers: Array<{ key: string; customers: number; control: number; contacts: number; dropped: number; tasks: number; existing: number; emails: EmailCounts }>;
}
export interface Contacts {
  planned: number;
  done: number;
  open: number;
  overdue: number;
  cancelled: number;
}
export interface PlanResults {
  plan: Plan;
  window: { from: string; to: string } | null;
  tiers: Array<PlanLine & { contacts: Contacts; effect: Effect | null }>;
  totals: { customers: number; sales: string; budget: string; contacts: Contacts };
  effect: Effect | null;
  effectMissing: "no_control" | "not_generated" | "not_started" | null;
}

export const fetchPlans = () => api.get<{ items: Plan[] }>("/api/plans").then((r) => r.items);
export const fetchExample = () => api.get<PlanInput>("/api/plans/example");
export const fetchPlan = (id: number) => api.get<PlanView>(`/api/plans/${id}`);
export const createPlan = (input: PlanInput) => api.post<Plan>("/api/plans", input);
export const updatePlan = (id: number, patch: Partial<PlanInput>) => api.patch<Plan>(`/api/plans/${id}`, patch);
export const generatePlan = (id: number) => api.post<Generated>(`/api/plans/${id}/generate`);
export const fetchPlanResults = (id: number) => api.get<PlanResults>(`/api/plans/${id}/results`);
