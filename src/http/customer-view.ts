import { z } from "zod";
import type { getCustomer } from "../archive/customers.service.ts";
import { CUSTOMER_STATES } from "../domain/inputs.ts";

export const CustomerState = z.enum(CUSTOMER_STATES as unknown as ["potential", "target", "current", "churned", "non_customer"]);
export const CustomerKind = z.enum(["individual", "enterprise"]);
const Scalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);

/** The fields a customer shows everywhere: in the list and at the head of the 360 view. */
const CustomerCore = {
  id: z.number(),
  kind: CustomerKind,
  name: z.string().nullable(),
  externalId: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  state: CustomerState,
  tags: z.array(z.string()),
};

export const CustomerSummary = z.object({
  ...CustomerCore,
  owner: z.object({ id: z.number(), name: z.string() }).nullable(),
  orders: z.number(),
  sales: z.string().meta({ description: "Net sales (sales − returns) in the base currency, a decimal string" }),
  lastPurchase: z.string().nullable(),
  firstPurchase: z.string().nullable(),
  createdAt: z.date(),
}).meta({ id: "CustomerSummary" });

const Aggregates = z.object({
  orders: z.number(), purchaseDays: z.number(), items: z.string(), gross: z.string(), discount: z.string(), sales: z.string(),
  returns: z.string(), cost: z.string(), costedNetSales: z.string(), firstPurchase: z.string().nullable(), lastPurchase: z.string().nullable(),
});

export const CustomerDetail = z.object({
  ...CustomerCore,
  profile: z.record(z.string(), z.record(z.string(), Scalar)),
  fieldSources: z.record(z.string(), z.unknown()),
  custom: z.record(z.string(), z.unknown()),
  owner: z.object({ id: z.number(), name: z.string(), email: z.string() }).nullable(),
  sourceChannel: z.string().nullable(),
  referredBy: z.number().nullable(),
  mergedInto: z.number().nullable(),
  erasedAt: z.date().nullable(),
  version: z.number(),
  createdAt: z.date(),
  updatedAt: z.date(),
  identities: z.array(z.object({ source: z.string(), externalId: z.string() })),
  keyDates: z.array(z.object({
    id: z.number(), kind: z.string(), label: z.string().nullable(), calendar: z.enum(["gregorian", "lunar"]), year: z.number().nullable(),
    month: z.number(), day: z.number(), leapMonth: z.boolean(),
  })),
  contacts: z.array(z.object({
    id: z.number(), name: z.string(), title: z.string().nullable(), phone: z.string().nullable(), email: z.string().nullable(),
    isDecisionMaker: z.boolean(), notes: z.string().nullable(),
  })),
  stateHistory: z.array(z.object({ id: z.number(), from: CustomerState.nullable(), to: CustomerState, at: z.date(), reason: z.string().nullable(), userId: z.number().nullable() })),
  aggregates: Aggregates.nullable(),
  /** The customer's monthly totals (customer_month_aggregates), oldest first; months without purchases are absent. */
  months: z.array(z.object({ month: z.string(), orders: z.number(), sales: z.string(), returns: z.string() })),
}).meta({ id: "CustomerDetail" });

type Stored = Awaited<ReturnType<typeof getCustomer>>;

/** The stored record in the API's shape (camelCase, money as decimal strings). */
export function customerDetail(c: Stored): z.infer<typeof CustomerDetail> {
  const a = c.aggregates;
  return {
    id: c.customer_id, kind: c.kind, name: c.name, externalId: c.external_id, email: c.email, phone: c.phone, state: c.state,
    tags: c.tags, profile: c.profile as Record<string, Record<string, string | number | boolean | null>>, fieldSources: c.field_sources,
    custom: c.custom, owner: c.owner ? { id: c.owner.user_id, name: c.owner.name, email: c.owner.email } : null,
    sourceChannel: c.source_channel, referredBy: c.referred_by, mergedInto: c.merged_into, erasedAt: c.erased_at, version: c.version,
    createdAt: c.created_at, updatedAt: c.updated_at,
    identities: c.identities.map((i) => ({ source: i.source, externalId: i.external_id })),
    keyDates: c.keyDates.map((k) => ({ id: k.key_date_id, kind: k.kind, label: k.label, calendar: k.calendar, year: k.year, month: k.month, day: k.day, leapMonth: k.leap_month })),
    contacts: c.contacts.map((k) => ({ id: k.contact_id, name: k.name, title: k.title, phone: k.phone, email: k.email, isDecisionMaker: k.is_decision_maker, notes: k.notes })),
    stateHistory: c.stateHistory.map((s) => ({ id: s.change_id, from: s.from_state, to: s.to_state, at: s.changed_at, reason: s.reason, userId: s.user_id })),
    aggregates: a ? {
      orders: a.orders, purchaseDays: a.purchase_days, items: a.items, gross: a.gross, discount: a.discount, sales: a.sales, returns: a.returns,
      cost: a.cost, costedNetSales: a.costed_net_sales, firstPurchase: a.first_purchase, lastPurchase: a.last_purchase,
    } : null,
    months: c.months.map((m) => ({ month: m.month.slice(0, 7), orders: m.orders, sales: m.sales, returns: m.returns })),
  };
}

/** A phone as people write it: digits with +, -, spaces, dots and brackets. */
export const Phone = z.string().trim().max(40).regex(/^\+?[0-9][0-9 ().-]{2,38}$/, "must be a phone number: digits, optionally +, spaces, -, ( )");
export const Email = z.string().trim().max(320).regex(/^[^\s@]+@[^\s@]+\.[^\s@]+$/, "must be an e-mail address like name@example.com");
export const ProfilePatch = z.record(
  z.string().regex(/^[a-z_]{1,40}$/, "profile groups are lower-case names like basic or family"),
  z.record(z.string().trim().min(1).max(64), z.union([z.string().max(2000), z.number().finite(), z.boolean(), z.null()])),
);
