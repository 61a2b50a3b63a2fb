/**
 * The records that enter the store: from an import file (after column mapping and
 * validation), from the demo generator, or from the API. All money and quantities are
 * decimal strings ("12.50", "-3"): they go into `numeric` columns untouched and are never
 * parsed into floats on the way in.
 */

export type CustomerKind = "individual" | "enterprise";
export type CustomerState = "potential" | "target" | "current" | "churned" | "non_customer";
export const CUSTOMER_STATES: readonly CustomerState[] = ["potential", "target", "current", "churned", "non_customer"];

/** The profile groups of DOMAIN §2; each group is free-form key → value. */
export const INDIVIDUAL_PROFILE_GROUPS = [
  "basic",
  "consumption",
  "career",
  "family",
  "life",
  "education",
  "personality",
  "social",
] as const;
export const ENTERPRISE_PROFILE_GROUPS = [
  "basic",
  "characteristics",
  "business_status",
  "transaction_status",
] as const;
export type ProfileGroup = (typeof INDIVIDUAL_PROFILE_GROUPS)[number] | (typeof ENTERPRISE_PROFILE_GROUPS)[number];
export type Profile = Partial<Record<ProfileGroup, Record<string, string | number | boolean | null>>>;

export type KeyDateKind = "birthday" | "wedding" | "company_anniversary" | "other";
export interface KeyDateInput {
  kind: KeyDateKind;
  label?: string;
  calendar: "gregorian" | "lunar";
  /** Known year of the original event (birth year…), if any. */
  year?: number;
  month: number;
  day: number;
  /** Lunar calendar only: the date falls in the leap (闰) month. */
  leapMonth?: boolean;
}

export interface ContactPersonInput {
  name: string;
  title?: string;
  phone?: string;
  email?: string;
  isDecisionMaker?: boolean;
  notes?: string;
}

export interface CustomerInput {
  /** The customer's id in the source system (unique within the import's source). */
  externalId: string;
  kind?: CustomerKind;
  name?: string;
  email?: string;
  phone?: string;
  state?: CustomerState;
  tags?: string[];
  profile?: Profile;
  /** Where each profile field came from, keyed "group.field" (survey, sales, service, pos, …). */
  fieldSources?: Record<string, string>;
  custom?: Record<string, string | number | boolean | null>;
  sourceChannel?: string;
  ownerEmail?: string;
  keyDates?: KeyDateInput[];
  contacts?: ContactPersonInput[];
  /** External id of the customer who referred this one. */
  referredBy?: string;
  createdAt?: string;
}

export interface ProductInput {
  sku: string;
  name?: string;
  category?: string;
  listPrice?: string;
  unitCost?: string;
  /** Typical days until the product is used up or replaced (for repurchase timing). */
  replacementDays?: number;
}

export interface OrderLineInput {
  /** The customer's external id in the import's source; unknown ids create customers. */
  customerRef: string;
  customerName?: string;
  customerEmail?: string;
  customerPhone?: string;
  customerKind?: CustomerKind;
  /** Order number. Absent: each line is its own order, identified by its content. */
  orderNo?: string;
  /** Line number within the order; absent: its occurrence within the order in the file. */
  lineNo?: number;
  /** 'YYYY-MM-DD' or an ISO timestamp ('YYYY-MM-DDTHH:mm:ss' with optional zone). */
  orderedAt: string;
  sku?: string;
  description?: string;
  category?: string;
  /** Negative for a returned quantity. */
  quantity: string;
  unitPrice?: string;
  /** Line total after discount, in the order currency; computed from quantity × price − discount when absent. */
  amount?: string;
  /** Discount given on the line (a positive amount off). */
  discount?: string;
  unitCost?: string;
  /** ISO 4217; the base currency when absent. */
  currency?: string;
  channel?: string;
  status?: string;
  isReturn?: boolean;
}

export type InteractionDirection = "inbound" | "outbound";
export interface InteractionInput {
  customerRef: string;
  occurredAt: string;
  channel: string;
  direction?: InteractionDirection;
  purpose?: string;
  outcome?: string;
  notes?: string;
  userEmail?: string;
  /** Identity for idempotent re-import; derived from the content when absent. */
  externalRef?: string;
}

export type ComplaintSeverity = "low" | "normal" | "high" | "critical";
export interface ComplaintInput {
  customerRef: string;
  openedAt: string;
  channel: string;
  category?: string;
  severity?: ComplaintSeverity;
  description?: string;
  orderNo?: string;
  status?: "open" | "resolved" | "closed";
  resolvedAt?: string;
  externalRef?: string;
  /** A node key of the complaint settings' root-cause tree, as the source system recorded it. */
  rootCause?: string;
}
