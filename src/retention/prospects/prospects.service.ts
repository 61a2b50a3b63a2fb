import { randomUUID } from "node:crypto";
import type { Kysely } from "kysely";
import { createCustomer, setCustomerState, updateCustomer } from "../../archive/customers.service.ts";
import { RetainError } from "../../errors.ts";
import { loadCustomerRows, saveCustomerRow } from "../../store/customers.repository.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import {
  BUYING_SIGNALS, LEAD_SOURCES, PERSUASION_TYPES, PROSPECT_STATES, readinessOf, type BuyingSignal, type LeadSource, type PersuasionType, type ProspectState,
} from "./prospect-catalog.ts";
import { prospectRow, upsertDetails, type ProspectRow } from "./prospects.repository.ts";

/**
 * Prospects (DOMAIN §8): potential and target customers kept in the archive like any other
 * customer, with where the lead came from, the buying signals seen, the persuasion chosen
 * for the customer's type, and the latest look-alike score. Converting one moves the same
 * customer row to `current`, so everything recorded while it was a prospect stays with it.
 */
type Db = Kysely<Database>;

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
  /** From the latest model run; null: not scored. */
  lookAlike: { score: number; runId: number; asOf: string } | null;
  convertedAt: Date | null;
  /** The look-alike of the latest run when the prospect was converted, if it was scored. */
  lookAlikeAtConversion: number | null;
  createdAt: Date;
  updatedAt: Date;
}

export function toProspect(r: ProspectRow): Prospect {
  return {
    id: r.customer_id, kind: r.kind, name: r.name, externalId: r.external_id, email: r.email, phone: r.phone, state: r.state,
    owner: r.owner_id !== null ? { id: r.owner_id, name: r.owner_name ?? "" } : null,
    referredBy: r.referred_by !== null ? { id: r.referred_by, name: r.referrer_name } : null,
    sourceChannel: r.source_channel,
    leadSource: r.lead_source as LeadSource | null,
    signals: r.signals as BuyingSignal[],
    readiness: readinessOf(r.signals),
    persuasionType: r.persuasion_type as PersuasionType | null,
    persuasionNote: r.persuasion_note,
    lookAlike: r.look_alike !== null && r.look_alike_run !== null ? { score: r.look_alike, runId: r.look_alike_run, asOf: r.look_alike_as_of! } : null,
    convertedAt: r.converted_at,
    lookAlikeAtConversion: r.converted_look_alike,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export async function getProspect(db: Db, customerId: number): Promise<Prospect> {
  const row = await prospectRow(db, customerId);
  if (!row) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "id" });
  return toProspect(row);
}

export interface ProspectDetailsInput {
  leadSource?: LeadSource | null;
  /** The whole checklist: signals not given are cleared. */
  signals?: BuyingSignal[];
  persuasionType?: PersuasionType | null;
  persuasionNote?: string | null;
  /** The customer who introduced this one (lead source "referral"). */
  referredBy?: number | null;
}

export interface NewProspect extends ProspectDetailsInput {
  state: ProspectState;
  name: string;
  kind?: "individual" | "enterprise";
  /** None: one is made up (P-…), since the archive keys customers by it. */
  externalId?: string;
  email?: string;
  phone?: string;
  ownerId?: number | null;
  sourceChannel?: string;
}

function checkDetails(d: ProspectDetailsInput): void {
  if (d.leadSource != null && !LEAD_SOURCES.includes(d.leadSource)) {
    throw new RetainError("BAD_INPUT", `leadSource: "${d.leadSource}" is not one of ${LEAD_SOURCES.join(", ")}.`, { field: "leadSource" });
  }
  for (const [i, s] of (d.signals ?? []).entries()) {
    if (!BUYING_SIGNALS.includes(s)) throw new RetainError("BAD_INPUT", `signals[${i}]: "${s}" is not one of ${BUYING_SIGNALS.join(", ")}.`, { field: `signals[${i}]` });
  }
  if (d.persuasionType != null && !PERSUASION_TYPES.includes(d.persuasionType)) {
    throw new RetainError("BAD_INPUT", `persuasionType: "${d.persuasionType}" is not one of ${PERSUASION_TYPES.join(", ")}.`, { field: "persuasionType" });
  }
}

async function setReferrer(trx: Db, customerId: number, referredBy: number | null, userId: number | null): Promise<void> {
  if (referredBy === customerId) throw new RetainError("BAD_INPUT", "referredBy: a customer cannot refer itself.", { field: "referredBy" });
  if (referredBy !== null) {
    const ref = await trx.selectFrom("customers").select(["merged_into"]).where("customer_id", "=", referredBy).executeTakeFirst();
    if (!ref) throw new RetainError("BAD_INPUT", `referredBy: no customer with id ${referredBy}.`, { field: "referredBy" });
    if (ref.merged_into !== null) {
      throw new RetainError("BAD_INPUT", `referredBy: customer ${referredBy} was merged into ${ref.merged_into}.`, { field: "referredBy", hint: `Use customer ${ref.merged_into}.` });
    }
  }
  const before = (await loadCustomerRows(trx, [customerId])).get(customerId)!;
  if (before.referred_by !== referredBy) await saveCustomerRow(trx, before, { ...before, referred_by: referredBy }, { reason: "edited", userId });
}

/** Creates a customer in state potential or target, with its prospect details; returns its id. */
export async function createProspect(db: Db, input: NewProspect, opts: { userId?: number | null } = {}): Promise<number> {
  if (!PROSPECT_STATES.includes(input.state)) {
    throw new RetainError("BAD_INPUT", `state: a prospect is potential or target, not "${input.state}".`, { field: "state" });
  }
  checkDetails(input);
  const userId = opts.userId ?? null;
  return inTransaction(db, async (trx) => {
    const id = await createCustomer(trx, {
      externalId: input.externalId ?? `P-${randomUUID().slice(0, 8).toUpperCase()}`,
      kind: input.kind, name: input.name, email: input.email, phone: input.phone, state: input.state, sourceChannel: input.sourceChannel,
    }, { userId });
    if (input.ownerId != null) await updateCustomer(trx, id, { ownerId: input.ownerId }, { userId });
    if (input.referredBy != null) await setReferrer(trx, id, input.referredBy, userId);
    await upsertDetails(trx, id, input);
    return id;
  });
}

export interface ProspectPatch extends ProspectDetailsInput {
  /** Moves the prospect between potential and target. */
  state?: ProspectState;
}

/** Changes a prospect's details or moves it between potential and target; refuses a customer that is not a prospect. */
export async function updateProspect(db: Db, customerId: number, patch: ProspectPatch, opts: { userId?: number | null } = {}): Promise<{ before: Prospect; after: Prospect }> {
  checkDetails(patch);
  if (patch.state !== undefined && !PROSPECT_STATES.includes(patch.state)) {
    throw new RetainError("BAD_INPUT", `state: a prospect moves between potential and target; to make it a customer, convert it.`, { field: "state" });
  }
  const userId = opts.userId ?? null;
  return inTransaction(db, async (trx) => {
    const before = await lockedProspect(trx, customerId, "changed");
    if (patch.state && patch.state !== before.state) {
      await setCustomerState(trx, customerId, patch.state, { reason: `prospect moved to ${patch.state}`, userId });
    }
    if (patch.referredBy !== undefined) await setReferrer(trx, customerId, patch.referredBy, userId);
    await upsertDetails(trx, customerId, patch);
    return { before, after: await getProspect(trx, customerId) };
  });
}

/**
 * Makes a prospect a customer (state current) through the archive's state change, so the
 * move is in the customer's history; the customer keeps its id and everything recorded on it.
 */
export async function convertProspect(db: Db, customerId: number, opts: { userId?: number | null; reason?: string } = {}): Promise<{ before: Prospect; after: Prospect }> {
  return inTransaction(db, async (trx) => {
    const before = await lockedProspect(trx, customerId, "converted");
    await setCustomerState(trx, customerId, "current", { reason: opts.reason?.trim() || "converted from prospect", userId: opts.userId ?? null });
    await upsertDetails(trx, customerId, {});
    await trx.updateTable("prospect_details").set({
      converted_at: new Date(),
      look_alike: before.lookAlike ? String(before.lookAlike.score) : null,
      look_alike_at: before.lookAlike ? new Date(`${before.lookAlike.asOf}T00:00:00Z`) : null,
    }).where("customer_id", "=", customerId).execute();
    return { before, after: await getProspect(trx, customerId) };
  });
}

/** The prospect, its customer row locked against a concurrent change; CONFLICT when it is not (or no longer) a prospect. */
async function lockedProspect(trx: Db, customerId: number, verb: "changed" | "converted"): Promise<Prospect> {
  const row = await trx.selectFrom("customers").select(["state", "merged_into", "erased_at"]).where("customer_id", "=", customerId).forUpdate().executeTakeFirst();
  if (!row) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "id" });
  if (row.merged_into !== null) throw new RetainError("CONFLICT", `Customer ${customerId} was merged into ${row.merged_into}.`, { field: "id", hint: `Use customer ${row.merged_into}.` });
  if (row.erased_at !== null) throw new RetainError("CONFLICT", `Customer ${customerId} was erased.`, { field: "id" });
  if (!(PROSPECT_STATES as readonly string[]).includes(row.state)) {
    throw new RetainError("CONFLICT", `Customer ${customerId} is ${row.state}, not a prospect (potential or target): it cannot be ${verb} as one.`, {
      field: "id", hint: verb === "converted" ? "It is already a customer." : "Change the customer on its own page instead.",
    });
  }
  return getProspect(trx, customerId);
}
