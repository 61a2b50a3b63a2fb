import { api } from "../../../api/client";

/** The lists of src/retention/prospects/prospect-catalog.ts (seed 002), in the seed's order. */
export const LEAD_SOURCES = ["referral", "event", "club", "directory", "door_to_door", "phone", "mail", "web", "competitor", "other"] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];
export const BUYING_SIGNALS = ["compares_terms", "complains_about_other_brand", "asks_for_discount", "asks_for_details", "introduces_to_manager", "warmer_reception"] as const;
export type BuyingSignal = (typeof BUYING_SIGNALS)[number];
export const PERSUASION_TYPES = ["rational", "impulsive", "stubborn", "combative", "indecisive", "self_admiring", "domineering", "suspicious", "taciturn", "haggler"] as const;
export type PersuasionType = (typeof PERSUASION_TYPES)[number];
export const PROSPECT_STATES = ["potential", "target"] as const;
export type ProspectState = (typeof PROSPECT_STATES)[number];

/** Mirrors the Prospect schema of src/http/routes/prospects.routes.ts. */
export interface Prospect {
  id: number;
  kind: "individual" | "enterprise";
  name: string | null;
  externalId: string | null;
  email: string | null;
  phone: string | null;
  state: string;
  owner: { id: number; name: string } | null;
  referredBy: { id: number; name: string | null } | null;
  sourceChannel: string | null;
  leadSource: LeadSource | null;
  signals: BuyingSignal[];
  /** Share of the buying signals seen, 0..1. */
  readiness: number;
  persuasionType: PersuasionType | null;
  persuasionNote: string | null;
  /** The latest model run's score; null: not scored. */
  lookAlike: { score: number; runId: number; asOf: string } | null;
  convertedAt: string | null;
  lookAlikeAtConversion: number | null;
  createdAt: string;
  updatedAt: string;
}

export type ProspectSort = "newest" | "readiness" | "lookalike";

export interface ProspectQuery {
  state?: ProspectState | "converted";
  leadSource?: LeadSource;
  ownerId?: number | "none";
  minLookAlike?: number;
  sort: ProspectSort;
}

export interface ProspectPage {
  items: Prospect[];
  total: number;
  nextCursor: string | null;
}

export interface ProspectDetails {
  leadSource?: LeadSource | null;
  signals?: BuyingSignal[];
  persuasionType?: PersuasionType | null;
  persuasionNote?: string | null;
  referredBy?: number | null;
}

export interface NewProspect extends ProspectDetails {
  state: ProspectState;
  name: string;
  kind?: "individual" | "enterprise";
  phone?: string;
  email?: string;
  ownerId?: number | null;
}

export const fetchProspects = (q: ProspectQuery, cursor: string | null, signal?: AbortSignal) =>
  api.get<ProspectPage>("/api/prospects", { ...q, limit: 25, cursor }, signal);
export const createProspect = (body: NewProspect) => api.post<Prospect>("/api/prospects", body);
export const updateProspect = (id: number, body: ProspectDetails & { state?: ProspectState }) => api.patch<Prospect>(`/api/prospects/${id}`, body);
export const convertProspect = (id: number, reason?: string) => api.post<Prospect>(`/api/prospects/${id}/convert`, { reason: reason || undefined });
export const fetchProspect = (id: number, signal?: AbortSignal) => api.get<Prospect>(`/api/prospects/${id}`, undefined, signal);
