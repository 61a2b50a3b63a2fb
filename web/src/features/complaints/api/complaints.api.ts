import { api, apiRequest, type Page } from "../../../api/client";

/**
 * Mirrors the complaints API (docs/complaints.md; server: src/http/routes/complaints.routes.ts)
 * and the recovery events of src/domain/complaints/types.ts, without the actor, role and
 * instant the server sets itself.
 */
export type Severity = "low" | "normal" | "high" | "critical";
export const SEVERITIES: readonly Severity[] = ["low", "normal", "high", "critical"];

export type SlaState = "running" | "paused" | "warning" | "breached" | "met" | "missed";

export interface SlaView {
  state: SlaState;
  targetMinutes: number;
  elapsedMinutes: number;
  remainingMinutes: number;
  dueAt: string | null;
  warnAt: string | null;
}

export type RecoveryStatus =
  | "new" | "acknowledged" | "heard" | "awaiting_approval" | "fix_agreed" | "compensated" | "promised" | "promise_kept" | "closed";
export const RECOVERY_STATUSES: readonly RecoveryStatus[] = [
  "new", "acknowledged", "heard", "awaiting_approval", "fix_agreed", "compensated", "promised", "promise_kept", "closed",
];
export type LegacyStatus = "legacy_open" | "legacy_resolved" | "legacy_closed";

export interface ComplaintSummary {
  customerId: number;
  complaintId: number;
  customerName: string | null;
  customerExternalId: string | null;
  openedAt: string;
  channel: string;
  category: string | null;
  severity: Severity;
  /** The customer's own words. */
  description: string | null;
  orderNo: string | null;
  product: string | null;
  /** A RecoveryStatus, a LegacyStatus, or something newer this app does not know yet. */
  status: string;
  closure: null | { kind: "resolved" | "withdrawn" | "rejected"; at: string };
  handlerId: number | null;
  reopenings: number;
  paused: boolean;
  sla: { firstResponse: SlaView; resolution: SlaView };
  missingHolidayYears: number[];
  /** Opened in retain, imported, or filed through the public form. */
  origin: "retain" | "import" | "public_form";
  /** The root cause's key: the case's, or one imported with the complaint. */
  rootCause: string | null;
}

export type Finding = "founded" | "unfounded" | "partly" | "undetermined";
export const FINDINGS: readonly Finding[] = ["founded", "unfounded", "partly", "undetermined"];
export type Judgement = "reasonable" | "unreasonable";
export const JUDGEMENTS: readonly Judgement[] = ["reasonable", "unreasonable"];
export type CompensationKind = "refund" | "coupon" | "gift" | "service" | "other";
export const COMPENSATION_KINDS: readonly CompensationKind[] = ["refund", "coupon", "gift", "service", "other"];
export type FollowUpOutcome = "satisfied" | "not_satisfied" | "unreachable";
export const FOLLOW_UP_OUTCOMES: readonly FollowUpOutcome[] = ["satisfied", "not_satisfied", "unreachable"];
export type RejectionGround = "unfounded" | "unreasonable";
export const REJECTION_GROUNDS: readonly RejectionGround[] = ["unfounded", "unreasonable"];

/** A recovery event as the web app sends it: the server adds who, their role and when. */
export type EventInput =
  | { type: "apologised"; text: string }
  | { type: "heard"; account: string; openQuestions: string[] }
  | { type: "fix_proposed"; finding: Finding; demand: Judgement; demandReason: string; fix: string; compensation: string }
  | { type: "fix_approved" }
  | { type: "fix_rejected"; reason: string }
  | { type: "compensation_given"; items: { kind: CompensationKind; cost: string; note?: string | null }[] }
  | { type: "promise_made"; promise: string; dueAt: string }
  | { type: "promise_kept" }
  | { type: "promise_broken"; reason: string }
  | { type: "followed_up"; outcome: FollowUpOutcome; note?: string | null }
  | { type: "withdrawn"; reason: string }
  | { type: "rejected"; ground: RejectionGround; reason: string }
  | { type: "paused"; reason: string }
  | { type: "resumed" }
  | { type: "root_cause_set"; rootCause: string; note?: string | null };
export type EventType = EventInput["type"];

/** An event of the history: what was sent, plus "opened" and whatever the server records. */
export interface HistoryEvent {
  seq: number;
  type: string;
  at: string;
  actorId: number | null;
  actorName: string | null;
  event: Record<string, unknown>;
}

/** The parts of the domain's ComplaintCase the pages read (src/domain/complaints/types.ts). */
export interface RecoveryCase {
  status: RecoveryStatus;
  acknowledgement: { text: string; at: string } | null;
  hearing: { account: string; openQuestions: string[]; at: string } | null;
  reopenings: number;
  pauses: { from: string; to: string | null; reason: string }[];
  /** The root cause recorded (a key of the settings' tree); absent on cases from before root causes. */
  rootCause?: { key: string; note: string | null; by: number; at: string } | null;
  rounds: {
    proposals: { by: number; compensation: string; fix: string; finding: Finding; authorisedBy: unknown; rejection: unknown }[];
    compensation: { total: string } | null;
    promise: { promise: string; dueAt: string; kept: unknown; broken: unknown } | null;
    followUps: { outcome: FollowUpOutcome }[];
    end: null | "reopened" | "resolved" | "withdrawn" | "rejected";
  }[];
}

export interface ComplaintDetail extends ComplaintSummary {
  recovery: RecoveryCase | null;
  events: HistoryEvent[];
  /** The event types the signed-in user may record now. */
  nextSteps: string[];
  /** Roles that could approve the live proposal; empty when none is pending. */
  approvers: string[];
  version: number;
}

export interface ComplaintCounts {
  open: number;
  breached: number;
  warning: number;
}

export interface ComplaintList extends Page<ComplaintSummary> {
  counts: ComplaintCounts;
}

/** A name in each language of the app. */
export interface Labels {
  en: string;
  "zh-CN": string;
  "zh-TW": string;
}

/** A node of the root-cause tree (at most three levels; keys unique across the tree). */
export interface RootCauseNode {
  key: string;
  label: Labels;
  children?: RootCauseNode[];
}

export interface ComplaintSettings {
  authority: { limits: Partial<Record<"admin" | "manager" | "agent" | "analyst", string | null>> };
  /** The SLA targets and calendar, sent back unchanged when the categories or causes are saved. */
  sla: unknown;
  /** The category keys, as stored on complaints. */
  categories: string[];
  /** A name per category key; a key without one is shown as it is. */
  categoryLabels: Record<string, Labels>;
  rootCauses: RootCauseNode[];
}

export interface ListParams {
  status: "open" | "closed" | "all";
  severity?: Severity;
  breached?: boolean;
  customerId?: number;
}

export interface NewComplaint {
  customerId: number;
  channel: string;
  severity?: Severity;
  category?: string;
  description: string;
  orderNo?: string;
  product?: string;
}

const base = (customerId: number, complaintId: number) => `/api/complaints/${customerId}/${complaintId}`;

export const fetchComplaints = (p: ListParams, limit: number, cursor: string | null, signal?: AbortSignal) =>
  api.get<ComplaintList>("/api/complaints", { status: p.status, severity: p.severity, breached: p.breached ? true : undefined, customerId: p.customerId, limit, cursor }, signal);
export const fetchComplaint = (customerId: number, complaintId: number) => api.get<ComplaintDetail>(base(customerId, complaintId));
export const openComplaint = (input: NewComplaint) => api.post<ComplaintDetail>("/api/complaints", input);
/** Records one event on the version the user saw; a newer one on the server is a 409. */
export const recordEvent = (customerId: number, complaintId: number, version: number, event: EventInput) =>
  api.post<ComplaintDetail>(`${base(customerId, complaintId)}/events`, { version, event });
export const fetchComplaintSettings = () => api.get<ComplaintSettings>("/api/complaints/settings");
/** Replaces the complaint settings as a whole (admins). */
export const saveComplaintSettings = (s: ComplaintSettings) => apiRequest<ComplaintSettings>("/api/complaints/settings", { method: "PUT", body: s });
