import { randomUUID } from "node:crypto";
import { sql, type Kysely, type Transaction } from "kysely";
import { recordChange, type Actor } from "../../audit/audit.repository.ts";
import { approversFor, canHandle, type AuthorityPolicy } from "../../domain/complaints/authority.ts";
import {
  applyEvent, isPaused, liveProposal, nextStepsFor, RETAIN_CODE,
  type ComplaintCase, type RecoveryError, type RecoveryEvent, type Role,
} from "../../domain/complaints/recovery.ts";
import { RetainError } from "../../errors.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { inviteAfterComplaint } from "../surveys/surveys.service.ts";
import { caseClock, legacyClock, slaClock, type SlaClock, type SlaView } from "./complaint-sla.ts";
import { getComplaintSettings, policyOf, rootCauseOf, type Severity } from "./complaint-settings.ts";
import {
  complaintRow, customerState, eventsOf, insertComplaint, insertEvents, listRows, openClockRows, saveCase,
  type ComplaintRow, type EventRow, type Scope,
} from "./complaints.repository.ts";
import { PUBLIC_REF_PREFIX } from "./public-intake.service.ts";
import { stepSummary } from "./step-summary.ts";

/**
 * Complaints and their six-step service recovery (DOMAIN §6) as a service: open a complaint,
 * record recovery events (the domain's reducer decides; the store keeps every event, the new
 * case and the legacy status columns in one transaction with the audit entry), and read them
 * back with their SLA clocks. The routes are in docs/http-api.md.
 */
type Db = Kysely<Database>;

/** The signed-in user acting: id and role go on each event, the actor on the audit entry. */
export interface Staff {
  userId: number;
  role: Role;
  actor: Actor;
}

export interface ComplaintSummary {
  customerId: number;
  complaintId: number;
  customerName: string | null;
  customerExternalId: string | null;
  openedAt: string;
  channel: string;
  category: string | null;
  severity: Severity;
  description: string | null;
  orderNo: string | null;
  product: string | null;
  status: string;
  closure: null | { kind: "resolved" | "withdrawn" | "rejected"; at: string };
  handlerId: number | null;
  reopenings: number;
  paused: boolean;
  sla: { firstResponse: SlaView; resolution: SlaView };
  missingHolidayYears: number[];
  /** Where it came from: opened in retain, imported, or filed through the public form (not yet taken up). */
  origin: "retain" | "import" | "public_form";
  /** The root cause's key: the case's, or one imported with the complaint. */
  rootCause: string | null;
}

export interface ComplaintDetail extends ComplaintSummary {
  recovery: ComplaintCase | null;
  events: Array<{ seq: number; type: string; at: string; actorId: number | null; actorName: string | null; event: Record<string, unknown> }>;
  nextSteps: string[];
  approvers: string[];
  version: number;
}

/** An event as the API takes it: the domain's event without who and (optionally) when. */
export type EventInput = { type: string; at?: string } & Record<string, unknown>;

const STALE = "changed by someone else: reload";
/** A back-dated event may be recorded; one dated ahead of the clock would block every later step. */
const FUTURE_SLACK_MS = 5 * 60_000;

const refused = (e: RecoveryError): RetainError => new RetainError(RETAIN_CODE[e.code], e.message, e.field ? { field: e.field } : {});

const caseOf = (row: ComplaintRow): ComplaintCase | null => (row.recovery ?? null) as ComplaintCase | null;

/** The legacy columns other modules read, from the case: resolved, closed (withdrawn, rejected) or open. */
function legacyStatus(c: ComplaintCase): { status: ComplaintRow["status"]; resolvedAt: string | null } {
  if (c.closure?.kind === "resolved") return { status: "resolved", resolvedAt: c.closure.at };
  return { status: c.closure ? "closed" : "open", resolvedAt: null };
}

function instantOf(at: string | undefined, now: Date, field: string): string {
  if (at === undefined) return now.toISOString();
  if (Date.parse(at) > now.getTime() + FUTURE_SLACK_MS) {
    throw new RetainError("BAD_INPUT", `${field}: ${at} is in the future; record what happened, when it happened.`, { field });
  }
  return at;
}

/** The "opened" event an imported complaint gets when it is adopted (from its row), by whoever adopts it. */
const adoptionEvent = (row: ComplaintRow, who: Staff): RecoveryEvent => ({
  type: "opened", customerId: row.customer_id, channel: row.channel,
  summary: row.description?.trim() || `Imported complaint ${row.external_ref}`,
  actorId: who.userId, role: who.role, at: row.opened_at.toISOString(),
});

function summaryOf(row: ComplaintRow, clock: SlaClock): ComplaintSummary {
  const c = caseOf(row);
  const { firstResponse, resolution, missingHolidayYears } = clock.views({
    ...(c ? caseClock(c, row.opened_at, row.severity) : legacyClock(row.opened_at, row.severity, row.status, row.resolved_at)),
    channel: row.channel, tier: row.tier,
  });
  const closure = c
    ? (c.closure ? { kind: c.closure.kind, at: c.closure.at } : null)
    : (row.status === "resolved" ? { kind: "resolved" as const, at: (row.resolved_at ?? row.opened_at).toISOString() } : null);
  return {
    customerId: row.customer_id, complaintId: row.complaint_id, customerName: row.customer_name, customerExternalId: row.customer_external_id,
    openedAt: row.opened_at.toISOString(), channel: row.channel, category: row.category, severity: row.severity, description: row.description,
    orderNo: row.order_no, product: row.product, status: c ? c.status : `legacy_${row.status}`, closure, handlerId: row.handler_id,
    reopenings: c?.reopenings ?? 0, paused: c ? isPaused(c) : false, sla: { firstResponse, resolution }, missingHolidayYears,
    origin: row.external_ref.startsWith(PUBLIC_REF_PREFIX) ? "public_form" : row.external_ref.startsWith("retain:") ? "retain" : "import",
    rootCause: c?.rootCause?.key ?? row.root_cause,
  };
}

function nextStepsOf(row: ComplaintRow, who: Staff, policy: AuthorityPolicy): string[] {
  const c = caseOf(row);
  const me = { id: who.userId, role: who.role };
  if (c) return nextStepsFor(c, me, policy);
  if (row.status !== "open") return [];
  // An imported open complaint is adopted by its first event: what could follow its opening.
  const adopted = applyEvent(null, adoptionEvent(row, who), policy);
  return adopted.ok ? nextStepsFor(adopted.case, me, policy) : [];
}

async function detailOf(db: Db, row: ComplaintRow, who: Staff, clock: SlaClock, policy: AuthorityPolicy): Promise<ComplaintDetail> {
  const c = caseOf(row);
  const events = await eventsOf(db, row.customer_id, row.complaint_id);
  const live = c?.status === "awaiting_approval" ? liveProposal(c) : undefined;
  return {
    ...summaryOf(row, clock),
    recovery: c,
    events: events.map((e) => ({ seq: e.seq, type: e.type, at: new Date(e.at).toISOString(), actorId: e.actor_id, actorName: e.actor_name, event: e.event as Record<string, unknown> })),
    nextSteps: nextStepsOf(row, who, policy),
    approvers: live ? approversFor(live.compensation, policy) : [],
    version: row.version,
  };
}

/** One complaint with its case, events, SLA clocks and what the user may record next. */
export async function complaintDetail(db: Db, customerId: number, complaintId: number, who: Staff, now: Date = new Date()): Promise<ComplaintDetail> {
  const row = await complaintRow(db, customerId, complaintId);
  if (!row) throw new RetainError("NOT_FOUND", `Customer ${customerId} has no complaint ${complaintId}.`, { field: "complaintId" });
  const settings = await getComplaintSettings(db);
  return detailOf(db, row, who, slaClock(settings, now), policyOf(settings));
}

export interface OpenInput {
  customerId: number;
  channel: string;
  severity?: Severity;
  category?: string;
  description: string;
  orderNo?: string;
  product?: string;
  at?: string;
}

/** Opens a complaint: the row and its "opened" event, recorded by the signed-in user. */
export async function openComplaint(db: Db, input: OpenInput, who: Staff, now: Date = new Date()): Promise<ComplaintDetail> {
  const settings = await getComplaintSettings(db);
  const policy = policyOf(settings);
  const customer = await customerState(db, input.customerId);
  if (!customer) throw new RetainError("NOT_FOUND", `No customer with id ${input.customerId}.`, { field: "customerId" });
  if (customer.merged_into !== null) {
    throw new RetainError("BAD_INPUT", `Customer ${input.customerId} was merged into ${customer.merged_into}.`, { field: "customerId", hint: `Use customer ${customer.merged_into}.` });
  }
  const category = input.category?.trim() || null;
  if (category !== null && !settings.categories.includes(category)) {
    throw new RetainError("BAD_INPUT", `category: "${category}" is not one of the complaint categories (${settings.categories.join(", ")}).`, { field: "category" });
  }
  const at = instantOf(input.at, now, "at");
  const opened: RecoveryEvent = { type: "opened", customerId: input.customerId, channel: input.channel, summary: input.description, actorId: who.userId, role: who.role, at };
  const r = applyEvent(null, opened, policy);
  if (!r.ok) throw refused(r.error);
  const complaintId = await inTransaction(db, async (trx) => {
    const id = await insertComplaint(trx, {
      customerId: input.customerId, openedAt: at, channel: r.case.channel, category, severity: input.severity ?? "normal",
      description: r.case.summary, orderNo: input.orderNo?.trim() || null, product: input.product?.trim() || null, handlerId: who.userId,
      externalRef: `retain:${randomUUID()}`,
    });
    await insertEvents(trx, input.customerId, id, [{ seq: 1, type: "opened", event: opened, at, actorId: who.userId, summary: stepSummary(opened, r.case) }]);
    await saveCase(trx, input.customerId, id, 0, { recovery: r.case, version: r.case.version, ...legacyStatus(r.case), handlerId: who.userId, rootCause: null });
    await recordChange(trx, who.actor, { action: "complaint.opened", entityType: "complaint", entityId: id, customerId: input.customerId, after: { ...input, at } });
    return id;
  });
  return complaintDetail(db, input.customerId, complaintId, who, now);
}

/**
 * Records one recovery event. The server stamps who and (unless back-dated) when; the
 * domain decides whether it may happen with the authority limits of the settings. A stale
 * `version` or a refused event stores nothing. An imported open complaint is adopted first:
 * its "opened" event is recorded from the row.
 */
export async function recordEvent(
  db: Db, customerId: number, complaintId: number, input: { version: number; event: EventInput }, who: Staff, now: Date = new Date(),
): Promise<ComplaintDetail> {
  const settings = await getComplaintSettings(db);
  const policy = policyOf(settings);
  const { actorId: _actorId, role: _role, at, ...fields } = input.event;
  const event = { ...fields, actorId: who.userId, role: who.role, at: instantOf(at, now, "event.at") } as RecoveryEvent;
  // The reducer checks a root cause's form; which causes exist is the settings' tree.
  if (event.type === "root_cause_set") rootCauseOf(settings, event.rootCause, "event.rootCause");
  await inTransaction(db, async (trx) => {
    const row = await complaintRow(trx, customerId, complaintId, { lock: true });
    if (!row) throw new RetainError("NOT_FOUND", `Customer ${customerId} has no complaint ${complaintId}.`, { field: "complaintId" });
    if (row.version !== input.version) throw new RetainError("CONFLICT", STALE, { field: "version", hint: `The complaint is at version ${row.version}.` });
    const before = caseOf(row);
    const stored: EventRow[] = [];
    let c = before;
    if (!c && row.status !== "open" && event.type === "root_cause_set") {
      // An imported complaint settled elsewhere has no case to adopt, but its cause can still be found.
      await noteImportedRootCause(trx, row, event, who, policy);
      return;
    }
    if (!c) {
      if (row.status !== "open") {
        throw new RetainError("CONFLICT", `This imported complaint was already ${row.status}; open a new complaint for a new grievance.`, { field: "event.type" });
      }
      const opened = adoptionEvent(row, who);
      const a = applyEvent(null, opened, policy);
      if (!a.ok) throw refused(a.error);
      c = a.case;
      stored.push({ seq: c.version, type: "opened", event: opened, at: opened.at, actorId: who.userId, summary: stepSummary(opened, c) });
    }
    const r = applyEvent(c, event, policy);
    if (!r.ok) throw refused(r.error);
    stored.push({ seq: r.case.version, type: event.type, event, at: event.at, actorId: who.userId, summary: stepSummary(event, r.case) });
    const legacy = legacyStatus(r.case);
    if (!(await saveCase(trx, customerId, complaintId, row.version, { recovery: r.case, version: r.case.version, ...legacy, handlerId: who.userId, rootCause: r.case.rootCause?.key ?? null }))) {
      throw new RetainError("CONFLICT", STALE, { field: "version" });
    }
    await insertEvents(trx, customerId, complaintId, stored);
    // a complaint resolved to the customer's satisfaction: ask how the recovery went (docs/surveys.md)
    if (r.case.closure?.kind === "resolved" && before?.closure?.kind !== "resolved") {
      await inviteAfterComplaint(trx, { customerId, complaintId, handlerId: who.userId }, who.actor, now);
    }
    await recordChange(trx, who.actor, {
      action: `complaint.${event.type}`, entityType: "complaint", entityId: complaintId, customerId,
      before: { status: before?.status ?? `legacy_${row.status}`, version: row.version },
      after: { status: r.case.status, version: r.case.version, legacyStatus: legacy.status, adopted: before === null, event },
    });
  });
  return complaintDetail(db, customerId, complaintId, who, now);
}

/**
 * The root cause of an imported complaint that was resolved or closed before it came here:
 * recorded as an event and in the `root_cause` column, the row's version moved on, audited;
 * the complaint stays without a recovery case.
 */
async function noteImportedRootCause(trx: Transaction<Database>, row: ComplaintRow, event: RecoveryEvent & { type: "root_cause_set" }, who: Staff, policy: AuthorityPolicy): Promise<void> {
  // the key is the tree's (checked before the transaction); the role is checked as for any event
  if (!canHandle(who.role, policy)) throw new RetainError("FORBIDDEN", `The role ${who.role} may not handle complaints; ask someone whose role does, or change the authority settings.`, { field: "role" });
  if (Date.parse(event.at) < row.opened_at.getTime()) {
    throw new RetainError("BAD_INPUT", `event.at: ${event.at} is before the complaint was opened; record when the cause was found.`, { field: "event.at" });
  }
  const version = row.version + 1;
  const r = await sql`update complaints set root_cause = ${event.rootCause}, version = ${version}, updated_at = now()
    where customer_id = ${row.customer_id} and complaint_id = ${row.complaint_id} and version = ${row.version}`.execute(trx);
  if (Number(r.numAffectedRows ?? 0n) !== 1) throw new RetainError("CONFLICT", STALE, { field: "version" });
  const last = await sql<{ seq: number | null }>`select max(seq)::int as seq from complaint_events
    where customer_id = ${row.customer_id} and complaint_id = ${row.complaint_id}`.execute(trx);
  const note = event.note?.trim() ? { note: event.note.trim() } : {};
  await insertEvents(trx, row.customer_id, row.complaint_id, [{
    seq: (last.rows[0]?.seq ?? 0) + 1, type: event.type, event: { ...event, ...note }, at: event.at, actorId: who.userId, summary: `root cause: ${event.rootCause}`,
  }]);
  await recordChange(trx, who.actor, {
    action: "complaint.root_cause_set", entityType: "complaint", entityId: row.complaint_id, customerId: row.customer_id,
    before: { status: `legacy_${row.status}`, version: row.version, rootCause: row.root_cause }, after: { status: `legacy_${row.status}`, version, event },
  });
}

export interface ListQuery {
  status: "open" | "closed" | "all";
  severity?: Severity;
  breached?: boolean;
  customerId?: number;
  limit: number;
  after?: { openedAt: string; complaintId: number };
  /** An agent's book, or null for everyone's complaints. */
  scope: Scope;
}

export interface ComplaintList {
  items: ComplaintSummary[];
  /** Where the next page starts, null on the last page. */
  next: { openedAt: string; complaintId: number } | null;
  counts: { open: number; breached: number; warning: number };
}

/**
 * Complaints newest first with their SLA clocks, and the counts of open, breached and
 * in-warning complaints the user may see (of one customer when `customerId` is given).
 * `breached` keeps only open complaints with a clock past due.
 */
export async function listComplaints(db: Db, q: ListQuery, now: Date = new Date()): Promise<ComplaintList> {
  const clock = slaClock(await getComplaintSettings(db), now);
  const open = (await openClockRows(db, q.scope, q.customerId)).map((r) => {
    // Only a case has a pauses list (maybe empty); an imported complaint has no case yet.
    const a = clock.alarm({
      ...(r.pauses !== null
        ? { openedAt: r.opened_at, severity: r.severity, firstResponseAt: r.first_response_at, closedAt: r.closed_at, pauses: r.pauses }
        : legacyClock(r.opened_at, r.severity, r.status, r.resolved_at)),
      channel: r.channel, tier: r.tier,
    });
    return { key: [r.customer_id, r.complaint_id] as const, ...a };
  });
  const counts = { open: open.length, breached: open.filter((o) => o.breached).length, warning: open.filter((o) => o.warning).length };
  const status = q.breached ? "open" : q.status;
  const only = q.breached ? open.filter((o) => o.breached).map((o) => o.key) : undefined;
  const rows = await listRows(db, { status, severity: q.severity, customerId: q.customerId, scope: q.scope, only, after: q.after, limit: q.limit + 1 });
  const page = rows.slice(0, q.limit);
  const last = page.at(-1);
  return {
    items: page.map((r) => summaryOf(r, clock)),
    next: rows.length > q.limit && last ? { openedAt: last.opened_at.toISOString(), complaintId: last.complaint_id } : null,
    counts,
  };
}
