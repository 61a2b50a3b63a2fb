import { api } from "../../../api/client";
import type { Effect, Interval } from "../../../api/effect";

export type { Effect, Interval };

/** Mirrors the server's campaigns (src/http/routes/campaigns.routes.ts); definitions in docs/campaigns.md. */
export const TIERS = ["key", "secondary", "ordinary", "small"] as const;
export type Tier = (typeof TIERS)[number];
export type Stratum = Tier | "none";
export const STRATA: readonly Stratum[] = [...TIERS, "none"];
/** The 8-segment RFM codes of a segment snapshot (src/analytics/value/rfm8.ts). */
export const RFM8 = [
  "important_value", "important_development", "important_retain", "important_winback",
  "general_value", "general_development", "general_retain", "general_winback",
] as const;
export const CUSTOMER_STATES = ["potential", "target", "current", "churned", "non_customer"] as const;
export const LOYALTY = ["loyal", "potential", "marginal", "churned"] as const;
export type CustomerStateCode = (typeof CUSTOMER_STATES)[number];

export type Audience =
  | { kind: "winback"; loyalty?: Array<"churned" | "marginal">; minChurnProbability?: number; tiers?: Tier[] }
  | { kind: "segment"; tiers?: Tier[]; loyalty?: string[]; rfm8?: string[]; states?: CustomerStateCode[] }
  | { kind: "customers"; ids: number[] };

export interface CampaignInput {
  name: string;
  kind: "winback" | "adhoc";
  channel: "email" | "task";
  subject: string | null;
  body: string;
  audience: Audience;
  holdoutShare: number;
  seed?: number;
  costPerContact: string;
  cost: string;
  measureDays: number;
}

export interface Campaign extends Omit<CampaignInput, "kind" | "seed" | "channel"> {
  id: number;
  /** "mixed": a contact plan's, by e-mail and as tasks, by contact type. */
  channel: CampaignInput["channel"] | "mixed";
  kind: "winback" | "adhoc" | "plan";
  seed: number;
  planId: number | null;
  status: "draft" | "running" | "done" | "cancelled";
  startedAt: string | null;
  startDay: string | null;
  createdAt: string;
  members: number;
  control: number;
  contacted: number;
  byStatus: Record<string, number>;
}

export interface Problem {
  part: "subject" | "body";
  code: "UNKNOWN_FIELD" | "MISSING_VALUE" | "GENERIC_SALUTATION" | "NOT_PERSONAL" | "NO_UNSUBSCRIBE" | "NO_SUBJECT";
  field?: string;
  text?: string;
}

export interface Sources {
  snapshot: { asOf: string; createdAt: string } | null;
  modelRun: { runId: number; asOf: string; createdAt: string } | null;
}

export interface Preview {
  total: number;
  byStratum: Record<Stratum, number>;
  sources: Sources;
}

export interface Results {
  campaign: Campaign;
  window: { from: string; to: string; day: number; days: number; open: boolean } | null;
  cost: string;
  effect: Effect | null;
  byStratum: Array<{ stratum: Stratum; contacted: number; control: number; effect: Effect | null }>;
  balance: Array<{ stratum: Stratum; members: number; control: number; share: number }>;
  delivery: {
    channel: string;
    contacted: number;
    held: number;
    skipped: number;
    reasons: Array<{ status: "held" | "skipped"; reason: string; n: number }>;
    sends: { waiting: number; sending: number; sent: number; failed: number; unknown: number } | null;
    tasks: { open: number; done: number; cancelled: number } | null;
  };
}

export const fetchCampaigns = () => api.get<{ items: Campaign[] }>("/api/campaigns").then((r) => r.items);
export const fetchCampaign = (id: number) => api.get<Campaign>(`/api/campaigns/${id}`);
export const fetchMergeFields = () => api.get<{ items: Array<{ field: string; description: string }> }>("/api/campaigns/merge-fields").then((r) => r.items);
export const createCampaign = (input: CampaignInput) => api.post<Campaign>("/api/campaigns", input);
export const updateCampaign = (id: number, input: Partial<CampaignInput>) => api.patch<Campaign>(`/api/campaigns/${id}`, input);
export const checkTemplate = (t: { channel: "email" | "task"; subject: string | null; body: string }) =>
  api.post<{ problems: Problem[] }>("/api/campaigns/check-template", t).then((r) => r.problems);
export const previewAudience = (audience: Audience) => api.post<Preview>("/api/campaigns/preview-audience", { audience });
export const startCampaign = (id: number) => api.post<Campaign>(`/api/campaigns/${id}/start`);
export const cancelCampaign = (id: number) => api.post<Campaign>(`/api/campaigns/${id}/cancel`);
export const fetchResults = (id: number) => api.get<Results>(`/api/campaigns/${id}/results`);
