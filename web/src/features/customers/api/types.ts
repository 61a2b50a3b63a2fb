/** The customer shapes of docs/http-api.md, as the server sends them (money as decimal strings). */

export type CustomerKind = "individual" | "enterprise";
export const CUSTOMER_KINDS: readonly CustomerKind[] = ["individual", "enterprise"];

export type CustomerState = "potential" | "target" | "current" | "churned" | "non_customer";
export const CUSTOMER_STATES: readonly CustomerState[] = ["potential", "target", "current", "churned", "non_customer"];

export const INDIVIDUAL_GROUPS = ["basic", "consumption", "career", "family", "life", "education", "personality", "social"] as const;
export const ENTERPRISE_GROUPS = ["basic", "characteristics", "business_status", "transaction_status"] as const;
export type ProfileGroup = (typeof INDIVIDUAL_GROUPS)[number] | (typeof ENTERPRISE_GROUPS)[number];

export type ProfileValue = string | number | boolean | null;

export interface OwnerRef {
  id: number;
  name: string;
}

export interface CustomerSummary {
  id: number;
  kind: CustomerKind;
  name: string | null;
  externalId: string;
  email: string | null;
  phone: string | null;
  state: CustomerState;
  tags: string[];
  owner: OwnerRef | null;
  orders: number;
  /** Net sales (sales − returns) in the base currency. */
  sales: string | null;
  lastPurchase: string | null;
  firstPurchase: string | null;
  createdAt: string;
}

export type KeyDateKind = "birthday" | "wedding" | "company_anniversary" | "other";
export const KEY_DATE_KINDS: readonly KeyDateKind[] = ["birthday", "wedding", "company_anniversary", "other"];

export interface KeyDate {
  id: number;
  kind: KeyDateKind;
  label: string | null;
  calendar: "gregorian" | "lunar";
  year: number | null;
  month: number;
  day: number;
  leapMonth: boolean;
}

export interface ContactPerson {
  id: number;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  isDecisionMaker: boolean;
  notes: string | null;
}

export interface StateChange {
  id: number;
  from: CustomerState | null;
  to: CustomerState;
  at: string;
  reason: string | null;
  userId: number | null;
}

export interface Aggregates {
  orders: number;
  purchaseDays: number;
  items: string;
  gross: string;
  discount: string;
  sales: string;
  returns: string;
  cost: string;
  costedNetSales: string;
  firstPurchase: string | null;
  lastPurchase: string | null;
}

export interface CustomerDetail {
  id: number;
  kind: CustomerKind;
  name: string | null;
  externalId: string;
  email: string | null;
  phone: string | null;
  state: CustomerState;
  tags: string[];
  profile: Partial<Record<ProfileGroup, Record<string, ProfileValue>>> & Record<string, Record<string, ProfileValue>>;
  fieldSources: Record<string, string>;
  custom: Record<string, ProfileValue>;
  owner: (OwnerRef & { email: string }) | null;
  sourceChannel: string | null;
  referredBy: number | null;
  mergedInto: number | null;
  erasedAt: string | null;
  version: number;
  createdAt: string;
  updatedAt: string;
  identities: { source: string; externalId: string }[];
  keyDates: KeyDate[];
  contacts: ContactPerson[];
  stateHistory: StateChange[];
  aggregates: Aggregates | null;
  /** Monthly totals from the server's aggregates, oldest first; months without purchases are absent. */
  months: Array<{ month: string; orders: number; sales: string; returns: string }>;
}

export interface OrderData {
  orderNo: string;
  channel: string | null;
  currency: string;
  amount: string;
  baseAmount: string;
  lines: number;
  isReturn: boolean;
}
export interface InteractionData {
  channel: string;
  direction: "inbound" | "outbound" | null;
  purpose: string | null;
  outcome: string | null;
  notes: string | null;
  userId: number | null;
}
export interface StateChangeData {
  from: CustomerState | null;
  to: CustomerState;
  reason: string | null;
  userId: number | null;
}
export interface ComplaintData {
  channel: string;
  category: string | null;
  severity: string | null;
  status: string;
  description: string | null;
  resolvedAt: string | null;
}
/** One recovery step of a complaint (ref = the complaint id); `summary` is the server's short English line. */
export interface ComplaintStepData {
  seq: number;
  type: string;
  summary: string | null;
  actorId: number | null;
}
/** A survey invitation (docs/surveys.md): sent, and answered or not. */
export interface SurveyData {
  surveyId: number;
  name: string;
  trigger: string;
  complaintId: number | null;
  answeredAt: string | null;
  expiresAt: string;
}
export interface MergeData {
  mergedCustomerId: number;
  userId: number | null;
}
/** A points ledger entry (docs/membership.md). */
export interface PointsData {
  kind: "earn" | "return" | "redeem" | "adjust" | "expire";
  points: number;
  balance: number;
  orderId: number | null;
  level: string | null;
  reason: string | null;
  expiresOn: string | null;
}
/** A membership level change (level keys of the programme). */
export interface LevelData {
  kind: "join" | "upgrade" | "downgrade";
  from: string | null;
  to: string;
  /** The levels' names when the change was computed. */
  fromName: string | null;
  toName: string;
  value: string;
}

/** A message sent (or tried) to the customer (docs/messaging.md). */
export interface MessageData {
  channel: string;
  subject: string | null;
  status: "sending" | "sent" | "failed" | "unknown";
  sendKey: string;
}
/** A task on the agenda that was done or cancelled. */
export interface TaskData {
  kind: string;
  title: string;
  status: "done" | "cancelled";
  outcome: string | null;
  doneBy: number | null;
  sourceType: string;
}

interface EventOf<K extends string, D> {
  kind: K;
  at: string;
  ref: number;
  data: D;
}
export type TimelineEvent =
  | EventOf<"order", OrderData>
  | EventOf<"interaction", InteractionData>
  | EventOf<"state_change", StateChangeData>
  | EventOf<"complaint", ComplaintData>
  | EventOf<"complaint_step", ComplaintStepData>
  | EventOf<"survey", SurveyData>
  | EventOf<"merge", MergeData>
  | EventOf<"points", PointsData>
  | EventOf<"level", LevelData>
  | EventOf<"message", MessageData>
  | EventOf<"task", TaskData>;

export const INTERACTION_CHANNELS = ["phone", "email", "wechat", "sms", "visit", "other"] as const;
export type InteractionChannel = (typeof INTERACTION_CHANNELS)[number];

export interface InteractionInput {
  channel: InteractionChannel;
  direction?: "inbound" | "outbound";
  purpose?: string;
  outcome?: string;
  notes?: string;
  occurredAt: string;
}

/** A likely duplicate of this customer and why it looks like one (same e-mail, phone, external id). */
export interface DuplicateCandidate {
  customerId: number;
  name: string | null;
  externalId: string | null;
  reasons: string[];
}

export interface TagCount {
  tag: string;
  customers: number;
}

export interface UserOption {
  id: number;
  name: string;
  team: string | null;
}

export interface SavedView {
  id: number;
  name: string;
  page: string;
  /** The list's URL parameters when the view was saved. */
  query: Record<string, string>;
  shared: boolean;
  /** Saved by the signed-in user (others' shared views cannot be deleted by them). */
  mine?: boolean;
  /** Name of the user who saved it. */
  owner?: string;
}
