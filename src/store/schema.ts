import type { ColumnType, Generated } from "kysely";

/** Exact decimal: `numeric` travels as a string in both directions, never as a float. */
export type Decimal = string;
type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>;
/** `date` travels as 'YYYY-MM-DD' (the connection turns the date parser off). */
type DateOnly = string;
/** jsonb: read as an object, written as JSON text. */
type Json = ColumnType<Record<string, unknown>, string, string>;
type JsonWithDefault = ColumnType<Record<string, unknown>, string | undefined, string>;

export interface SettingsTable {
  key: string;
  value: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface UsersTable {
  user_id: Generated<number>;
  email: string;
  name: string;
  role: Generated<"admin" | "manager" | "agent" | "analyst">;
  team: string | null;
  created_at: Generated<Date>;
  password_hash: string | null;
  disabled: Generated<boolean>;
  updated_at: Generated<Date>;
}

export type CustomerKind = "individual" | "enterprise";
export type CustomerState = "potential" | "target" | "current" | "churned" | "non_customer";

export interface CustomersTable {
  customer_id: Generated<number>;
  kind: Generated<CustomerKind>;
  name: string | null;
  external_id: string | null;
  email: string | null;
  phone: string | null;
  state: Generated<CustomerState>;
  owner_id: number | null;
  tags: Generated<string[]>;
  profile: JsonWithDefault;
  field_sources: JsonWithDefault;
  custom: JsonWithDefault;
  source_channel: string | null;
  referred_by: number | null;
  merged_into: number | null;
  erased_at: Date | null;
  /** Pinyin initials of the name, for search (domain/initials.ts). */
  name_initials: string | null;
  version: Generated<number>;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface CustomerIdentitiesTable {
  source: string;
  external_id: string;
  customer_id: number;
  created_at: Generated<Date>;
}

export interface CustomerStateChangesTable {
  customer_id: number;
  change_id: Generated<number>;
  from_state: CustomerState | null;
  to_state: CustomerState;
  changed_at: Generated<Date>;
  reason: string | null;
  user_id: number | null;
}

export interface CustomerKeyDatesTable {
  customer_id: number;
  key_date_id: Generated<number>;
  kind: "birthday" | "wedding" | "company_anniversary" | "other";
  label: string | null;
  calendar: Generated<"gregorian" | "lunar">;
  year: number | null;
  month: number;
  day: number;
  leap_month: Generated<boolean>;
}

export interface CustomerContactsTable {
  customer_id: number;
  contact_id: Generated<number>;
  name: string;
  title: string | null;
  phone: string | null;
  email: string | null;
  is_decision_maker: Generated<boolean>;
  notes: string | null;
}

export interface CustomerMergesTable {
  customer_id: number;
  merge_id: Generated<number>;
  merged_customer_id: number;
  merged_at: Generated<Date>;
  user_id: number | null;
  snapshot: Json;
}

export interface ProductsTable {
  product_id: Generated<number>;
  sku: string;
  name: string | null;
  category: string | null;
  list_price: Decimal | null;
  unit_cost: Decimal | null;
  replacement_days: number | null;
  updated_at: Generated<Date>;
}

export interface FxRatesTable {
  currency: string;
  valid_from: DateOnly;
  rate: Decimal;
}

export interface ImportRunsTable {
  import_id: Generated<number>;
  kind: string;
  file_name: string;
  file_sha256: string | null;
  preset: string | null;
  source: string;
  status: Generated<"running" | "done" | "failed" | "dry_run">;
  started_at: Generated<Date>;
  finished_at: Date | null;
  rows_read: Generated<number>;
  landed: Generated<number>;
  updated: Generated<number>;
  unchanged: Generated<number>;
  rejected: Generated<number>;
  options: JsonWithDefault;
  error: string | null;
}

export interface OrdersTable {
  customer_id: number;
  order_id: Generated<number>;
  order_no: string;
  ordered_at: Timestamp;
  order_date: DateOnly;
  channel: string | null;
  currency: string;
  fx_rate: Decimal;
  status: string | null;
  import_id: number | null;
}

export interface OrderLinesTable {
  customer_id: number;
  order_id: number;
  line_no: number;
  order_date: DateOnly;
  product_id: number | null;
  sku: string | null;
  description: string | null;
  category: string | null;
  quantity: Decimal;
  unit_price: Decimal | null;
  discount: Decimal;
  unit_cost: Decimal | null;
  amount: Decimal;
  base_amount: Decimal;
  base_discount: Decimal;
  base_cost: Decimal | null;
  is_return: boolean;
}

export interface InteractionsTable {
  customer_id: number;
  interaction_id: Generated<number>;
  occurred_at: Timestamp;
  channel: string;
  direction: Generated<"inbound" | "outbound">;
  purpose: string | null;
  outcome: string | null;
  notes: string | null;
  user_id: number | null;
  external_ref: string;
  import_id: number | null;
}

export interface ComplaintsTable {
  customer_id: number;
  complaint_id: Generated<number>;
  opened_at: Timestamp;
  channel: string;
  category: string | null;
  severity: Generated<"low" | "normal" | "high" | "critical">;
  description: string | null;
  order_id: number | null;
  status: Generated<"open" | "resolved" | "closed">;
  resolved_at: Timestamp | null;
  external_ref: string;
  /** The recovery case of src/domain/complaints (migration 0011); null for an imported complaint not yet adopted. */
  recovery: ColumnType<unknown, string | null | undefined, string | null>;
  version: Generated<number>;
  handler_id: number | null;
  product: string | null;
  order_no: string | null;
  root_cause: string | null;
  updated_at: Timestamp | null;
}

/** Every recovery event of a complaint, in order (seq = the case version after it). */
export interface ComplaintEventsTable {
  customer_id: number;
  complaint_id: number;
  seq: number;
  type: string;
  event: ColumnType<unknown, string, string>;
  at: Timestamp;
  actor_id: number | null;
  /** A short English line for the customer timeline. */
  summary: string;
  recorded_at: Generated<Date>;
}

/** Praise from a customer for a staff member (DOMAIN §6, recovery standards). */
export interface PraiseTable {
  customer_id: number;
  praise_id: Generated<number>;
  staff_user_id: number;
  channel: string;
  words: string;
  at: Timestamp;
  recorded_by: number | null;
  recorded_at: Generated<Date>;
}

/** A satisfaction or loyalty survey (migration 0012); questions as in retention/surveys. */
export interface SurveysTable {
  survey_id: Generated<number>;
  name: string;
  purpose: string;
  anonymous: Generated<boolean>;
  questions: ColumnType<unknown, string, string>;
  status: Generated<"open" | "closed">;
  version: Generated<number>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One customer's invitation to a survey; its link is signed (accounts/link-signing.ts). */
export interface SurveyInvitationsTable {
  customer_id: number;
  invitation_id: Generated<number>;
  survey_id: number;
  trigger: string;
  complaint_id: number | null;
  order_no: string | null;
  staff_user_id: number | null;
  created_by: number | null;
  created_at: Generated<Date>;
  expires_at: Timestamp;
  answered_at: Timestamp | null;
}

/** One answer to a survey; customer_id is null when the survey is anonymous. */
export interface SurveyResponsesTable {
  survey_id: number;
  response_id: Generated<number>;
  customer_id: number | null;
  staff_user_id: number | null;
  trigger: string;
  segment: string | null;
  answers: ColumnType<unknown, string, string>;
  answered_at: Timestamp;
}

/** A job of the durable queue (migration 0013, src/jobs/queue.ts). */
export interface JobsTable {
  job_id: Generated<number>;
  queue: string;
  key: string | null;
  payload: ColumnType<unknown, string, string>;
  run_at: Generated<Date>;
  state: Generated<"queued" | "running" | "done" | "failed">;
  attempts: Generated<number>;
  max_attempts: Generated<number>;
  locked_by: string | null;
  locked_until: Timestamp | null;
  last_error: string | null;
  created_at: Generated<Date>;
  finished_at: Timestamp | null;
}

/** A message to a customer, written before it leaves (migration 0014, src/messages/outbox.ts). */
export interface MessageSendsTable {
  customer_id: number;
  send_key: string;
  channel: string;
  to_address: string;
  subject: string | null;
  status: "sending" | "sent" | "failed" | "unknown";
  provider_id: string | null;
  error: string | null;
  created_at: Generated<Date>;
  sent_at: Timestamp | null;
}

/** A customer's consent to be contacted on a channel (migration 0015); no row = never asked. */
export interface ContactConsentsTable {
  customer_id: number;
  channel: string;
  status: "granted" | "withdrawn";
  source: string;
  changed_at: Generated<Date>;
}

export type TaskStatus = "open" | "done" | "cancelled";

/** A task on a staff member's agenda (migration 0015): from a plan, a journey, a reminder, a win-back … */
export interface TasksTable {
  customer_id: number;
  task_id: Generated<number>;
  /** Natural key of what made the task (e.g. "plan:3:2026-10-01:0"): one task per key per customer. */
  task_key: string | null;
  kind: string;
  title: string;
  notes: string | null;
  due_on: DateOnly;
  owner_id: number | null;
  status: Generated<TaskStatus>;
  source_type: string;
  source_id: number | null;
  outcome: string | null;
  created_at: Generated<Date>;
  created_by: number | null;
  done_at: Timestamp | null;
  done_by: number | null;
}

/** A tiered contact plan for a quarter (migration 0015). */
export interface ContactPlansTable {
  plan_id: Generated<number>;
  name: string;
  quarter_start: DateOnly;
  budget: Decimal;
  tiers: ColumnType<unknown, string, string>;
  caps: ColumnType<unknown, string, string>;
  status: Generated<"draft" | "generated" | "archived">;
  generated_at: Timestamp | null;
  /** Share of each tier held out as the control group (migration 0017); "0" = none. */
  control_share: Generated<Decimal>;
  seed: Generated<number>;
  /** Contact type → e-mail template {subject, body} (migration 0018): those types go out as e-mails. */
  emails: ColumnType<unknown, string | undefined, string>;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** A campaign with its control group (migration 0015). */
export interface CampaignsTable {
  campaign_id: Generated<number>;
  name: string;
  kind: "winback" | "plan" | "adhoc";
  channel: string;
  subject: string | null;
  body: string;
  audience: ColumnType<unknown, string, string>;
  holdout_share: Decimal;
  seed: number;
  cost: Generated<Decimal>;
  cost_per_contact: Generated<Decimal>;
  measure_days: Generated<number>;
  plan_id: number | null;
  status: Generated<"draft" | "running" | "done" | "cancelled">;
  started_at: Timestamp | null;
  start_day: DateOnly | null;
  created_by: number | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

/** One customer of a campaign's audience: contacted or held out (migration 0015). */
export interface CampaignMembersTable {
  customer_id: number;
  campaign_id: number;
  stratum: string;
  control: boolean;
  status: Generated<"pending" | "queued" | "sent" | "held" | "skipped" | "failed" | "control">;
  reason: string | null;
  assigned_at: Generated<Date>;
}

/** What only a prospect has (migration 0015); the prospect itself is a customer in state potential/target. */
export interface ProspectDetailsTable {
  customer_id: number;
  lead_source: string | null;
  signals: Generated<string[]>;
  persuasion_type: string | null;
  persuasion_note: string | null;
  look_alike: Decimal | null;
  look_alike_at: Timestamp | null;
  converted_at: Timestamp | null;
  updated_at: Generated<Date>;
}

/** A customer's suggestion under the community plan (migration 0015). */
export interface SuggestionsTable {
  customer_id: number;
  suggestion_id: Generated<number>;
  received_at: Generated<Date>;
  channel: string;
  text: string;
  status: Generated<"new" | "accepted" | "implemented" | "declined">;
  reward_points: number | null;
  reward_note: string | null;
  decided_by: number | null;
  decided_at: Timestamp | null;
  created_by: number | null;
}

/**
 * Money as bigint micro-units (10⁻⁶ of the base currency). The connection reads int8 as a
 * JavaScript number, exact only up to 2⁵³: read money as text (`x::text`) and decode it
 * with BigInt, never through a float.
 */
export type Micros = ColumnType<number, bigint | string, bigint | string>;

/** The aggregate columns shared by the per-customer and per-customer-month tables. */
interface AggregateCounts {
  orders: number;
  purchase_days: number;
  lines: number;
  items: Decimal;
  returned_items: Decimal;
  first_purchase: DateOnly | null;
  last_purchase: DateOnly | null;
}

/** Per customer and month; money in micro-units (store/aggregates.ts). */
export interface CustomerMonthAggregatesTable extends AggregateCounts {
  customer_id: number;
  month: DateOnly;
  gross: Micros;
  discount: Micros;
  sales: Micros;
  returns: Micros;
  cost: Micros;
  costed_net_sales: Micros;
  /** The sales on the month's first purchase day. */
  first_day_sales: Micros;
  /** The customer's first month with a sale. */
  is_first_month: boolean;
}

/** Per customer: the sums of their months, money as exact decimals in the base currency. */
export interface CustomerAggregatesTable extends AggregateCounts {
  customer_id: number;
  gross: Decimal;
  discount: Decimal;
  sales: Decimal;
  returns: Decimal;
  cost: Decimal;
  costed_net_sales: Decimal;
  updated_at: Generated<Date>;
}

/** One saved segmentation: the date, the window and measure, the rules in force. */
export interface SegmentSnapshotsTable {
  as_of: DateOnly;
  window_from: DateOnly;
  measure: "sales" | "margin";
  rules: ColumnType<Record<string, unknown>, string, string>;
  customers: number;
  created_at: Generated<Date>;
  created_by: number | null;
}

/** A customer's segments on a snapshot's date (null: not in that analysis's population). */
export interface CustomerSegmentsTable {
  customer_id: number;
  as_of: DateOnly;
  net_sales: Decimal;
  margin: Decimal;
  decile: number | null;
  tier: string | null;
  customer_type: string | null;
  profit_group: string | null;
  loyalty: string | null;
  ladder: string;
  rfm_r: number | null;
  rfm_f: number | null;
  rfm_m: number | null;
  rfm_segment: string | null;
  /** The 8-segment RFM's segment (migration 0010; empty in older snapshots). */
  rfm8_segment: string | null;
}

/** One saved mining run: baskets or sequences, its parameters and what it found. */
export interface PatternRunsTable {
  run_id: Generated<number>;
  kind: "baskets" | "sequences";
  level: "product" | "category";
  params: ColumnType<Record<string, unknown>, string, string>;
  summary: ColumnType<Record<string, unknown>, string, string>;
  created_at: Generated<Date>;
  created_by: number | null;
}

/** A rule of a saved run: antecedent ⇒ consequent (item keys), with its measures. */
export interface PatternRulesTable {
  run_id: number;
  rule_no: number;
  antecedent: string[];
  consequent: string[];
  support: number;
  confidence: number;
  lift: number | null;
  leverage: number | null;
  conviction: number | null;
  count: number;
  antecedent_count: number;
  within_days: number | null;
  mean_days: number | null;
}

export interface SessionsTable {
  session_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: Generated<Date>;
  last_seen_at: Generated<Date>;
  expires_at: Date;
  user_agent: string | null;
  ip: string | null;
}

export interface ApiTokensTable {
  token_id: Generated<number>;
  user_id: number;
  name: string;
  token_hash: string;
  prefix: string;
  created_at: Generated<Date>;
  last_used_at: Date | null;
  expires_at: Date | null;
  revoked_at: Date | null;
}

export interface AuditLogTable {
  audit_id: Generated<number>;
  at: Generated<Date>;
  user_id: number | null;
  actor: string;
  action: string;
  entity_type: string;
  entity_id: string | null;
  customer_id: number | null;
  before: ColumnType<unknown, string | null, string | null>;
  after: ColumnType<unknown, string | null, string | null>;
  ip: string | null;
  request_id: string | null;
}

export interface SavedViewsTable {
  view_id: Generated<number>;
  user_id: number;
  page: string;
  name: string;
  query: Json;
  shared: Generated<boolean>;
  created_at: Generated<Date>;
}

export interface WebhooksTable {
  webhook_id: Generated<number>;
  url: string;
  secret: string;
  events: string[];
  active: Generated<boolean>;
  description: string | null;
  created_at: Generated<Date>;
  updated_at: Generated<Date>;
}

export interface WebhookDeliveriesTable {
  delivery_id: Generated<number>;
  webhook_id: number;
  event_id: string;
  event: string;
  payload: Json;
  status: Generated<"pending" | "delivered" | "failed">;
  attempts: Generated<number>;
  next_attempt_at: Generated<Date>;
  last_status: number | null;
  last_error: string | null;
  created_at: Generated<Date>;
  delivered_at: Date | null;
}

export interface Database {
  settings: SettingsTable;
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  audit_log: AuditLogTable;
  saved_views: SavedViewsTable;
  webhooks: WebhooksTable;
  webhook_deliveries: WebhookDeliveriesTable;
  customers: CustomersTable;
  customer_identities: CustomerIdentitiesTable;
  customer_state_changes: CustomerStateChangesTable;
  customer_key_dates: CustomerKeyDatesTable;
  customer_contacts: CustomerContactsTable;
  customer_merges: CustomerMergesTable;
  products: ProductsTable;
  fx_rates: FxRatesTable;
  import_runs: ImportRunsTable;
  orders: OrdersTable;
  order_lines: OrderLinesTable;
  interactions: InteractionsTable;
  complaints: ComplaintsTable;
  complaint_events: ComplaintEventsTable;
  praise: PraiseTable;
  surveys: SurveysTable;
  survey_invitations: SurveyInvitationsTable;
  survey_responses: SurveyResponsesTable;
  jobs: JobsTable;
  message_sends: MessageSendsTable;
  contact_consents: ContactConsentsTable;
  tasks: TasksTable;
  contact_plans: ContactPlansTable;
  campaigns: CampaignsTable;
  campaign_members: CampaignMembersTable;
  prospect_details: ProspectDetailsTable;
  suggestions: SuggestionsTable;
  customer_month_aggregates: CustomerMonthAggregatesTable;
  customer_aggregates: CustomerAggregatesTable;
  segment_snapshots: SegmentSnapshotsTable;
  customer_segments: CustomerSegmentsTable;
  pattern_runs: PatternRunsTable;
  pattern_rules: PatternRulesTable;
}
