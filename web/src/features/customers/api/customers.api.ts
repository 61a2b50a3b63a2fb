import { api, apiUrl, itemsOf, type Page, type Query } from "../../../api/client";
import type { CustomerDetail, CustomerState, CustomerSummary, DuplicateCandidate, InteractionInput, TagCount, TimelineEvent, UserOption } from "./types";

export interface CustomerPage extends Page<CustomerSummary> {
  total: number;
  totalExact: boolean;
}

const base = (id: number) => `/api/customers/${id}`;

export const fetchCustomers = (query: Query, signal?: AbortSignal) => api.get<CustomerPage>("/api/customers", query, signal);

export const exportUrl = (format: "csv" | "xlsx", query: Query) => apiUrl("/api/customers/export", { ...query, format });

export const searchCustomers = async (q: string, signal?: AbortSignal) =>
  (await api.get<{ items: CustomerSummary[] }>("/api/search", { q }, signal)).items;

export interface NewCustomer {
  externalId: string;
  kind?: string;
  name?: string;
  email?: string;
  phone?: string;
  state?: CustomerState;
  tags?: string[];
  sourceChannel?: string;
  /** null: nobody's; absent: an agent's own, otherwise nobody's. */
  ownerId?: number | null;
}
export const createCustomer = (input: NewCustomer) => api.post<CustomerDetail>("/api/customers", input);

export interface BulkChange {
  ids: number[];
  addTags?: string[];
  removeTags?: string[];
  /** null unassigns. */
  ownerId?: number | null;
}
export const bulkChange = (change: BulkChange) => api.post<{ changed: number; unchanged: number }>("/api/customers/bulk", change);

export const fetchCustomer = (id: number) => api.get<CustomerDetail>(base(id));

export interface CustomerPatch {
  name?: string | null;
  email?: string | null;
  phone?: string | null;
  kind?: string;
  sourceChannel?: string | null;
  ownerId?: number | null;
  tags?: string[];
  profile?: Record<string, Record<string, string | null>>;
}
/** Saves a change to the version the user saw; a newer one on the server is a 409. */
export const patchCustomer = (id: number, version: number, patch: CustomerPatch) =>
  api.patch<CustomerDetail>(base(id), patch, { "If-Match": `"v${version}"` });

export const changeState = (id: number, state: CustomerState, reason?: string) => api.post<unknown>(`${base(id)}/state`, { state, reason });

/** The server's page size limit for the timeline. */
export const TIMELINE_MAX = 200;
export const fetchTimeline = (id: number, cursor: string | null, limit = 50) =>
  api.get<Page<TimelineEvent>>(`${base(id)}/timeline`, { cursor, limit: Math.min(limit, TIMELINE_MAX) });

export const logInteraction = (id: number, input: InteractionInput) => api.post<unknown>(`${base(id)}/interactions`, input);

export const addKeyDate = (id: number, input: object) => api.post<unknown>(`${base(id)}/key-dates`, input);
export const deleteKeyDate = (id: number, keyDateId: number) => api.delete(`${base(id)}/key-dates/${keyDateId}`);

export const addContact = (id: number, input: object) => api.post<unknown>(`${base(id)}/contacts`, input);
export const updateContact = (id: number, contactId: number, input: object) => api.patch<unknown>(`${base(id)}/contacts/${contactId}`, input);
export const deleteContact = (id: number, contactId: number) => api.delete(`${base(id)}/contacts/${contactId}`);

export const fetchDuplicates = async (id: number) =>
  itemsOf(await api.get<DuplicateCandidate[] | { items: DuplicateCandidate[] }>(`${base(id)}/duplicates`));

export const mergeInto = (survivorId: number, mergedId: number) => api.post<unknown>(`${base(survivorId)}/merge`, { mergedId });

export const personalDataUrl = (id: number) => apiUrl(`${base(id)}/personal-data`);
export const eraseCustomer = (id: number) => api.post<unknown>(`${base(id)}/erase`, { confirm: "ERASE" });

export const fetchTags = async () => itemsOf(await api.get<TagCount[] | { items: TagCount[] }>("/api/tags"));

export const fetchUserOptions = async () => itemsOf(await api.get<UserOption[] | { items: UserOption[] }>("/api/users/options"));
