/**
 * A deterministic demo business: staff, a 150-SKU catalogue, USD rates, and customers with
 * their orders, contacts and complaints, generated one at a time from (seed, i) so any
 * slice can be produced alone and a million customers stream in bounded memory.
 * The story behind the numbers is in params.ts (the known truth analyses can be checked
 * against); the pieces are in traits/identity/profile (who), behaviour/basket (what they
 * bought) and service (how we talked to them).
 *
 * Each customer draws from independent Rng streams — 0 head (prospect, arrival day),
 * 1 identity, 2 traits and archive, 3 purchases, 4 contacts and complaints — so one part
 * can change without reshuffling the others, and a customer can peek at another's head
 * or identity (referrals, duplicates) cheaply.
 */
import type { ComplaintInput, CustomerInput, InteractionInput, OrderLineInput, ProductInput } from "../domain/inputs.ts";
import { RetainError } from "../errors.ts";
import { purchases, type Purchases, type Truth } from "./behaviour.ts";
import { calendarFor, type Calendar } from "./calendar.ts";
import { productInputs } from "./catalog.ts";
import { headOf, identityOf, type Identity } from "./identity.ts";
import { CITIES } from "./names.ts";
import { contactsOf, enterpriseKeyDates, enterpriseProfile, individualKeyDates, individualProfile } from "./profile.ts";
import { Rng } from "./rng.ts";
import { complaints, interactions, stamp } from "./service.ts";
import { traitsOf, type Traits } from "./traits.ts";
import { agentOf, DEMO_USERS, type Team } from "./users.ts";

export interface DemoOptions {
  customers: number;
  seed: number;
  /** 'YYYY-MM-DD', the last day of history. */
  end: string;
  /** Length of history; default 24. */
  months?: number;
}
export interface DemoUser {
  email: string;
  name: string;
  role: "admin" | "manager" | "agent" | "analyst";
  team: string | null;
}
export interface DemoWorld {
  users: DemoUser[];
  products: ProductInput[];
  baseCurrency: "CNY";
  fxRates: { currency: string; validFrom: string; rate: string }[];
}
/** The hidden truth behind a customer's purchases (null for prospects): for checking models, not for import. */
export interface DemoTruth extends Truth {
  readonly priceOnly: boolean;
  readonly baby: boolean;
}
/** One customer and everything they did. */
export interface DemoCustomer {
  customer: CustomerInput;
  lines: OrderLineInput[];
  interactions: InteractionInput[];
  complaints: ComplaintInput[];
  truth: DemoTruth | null;
}

/** Staff, catalogue and exchange rates of the demo business. */
export function demoWorld(opts: DemoOptions): DemoWorld {
  const cal = calendar(opts);
  return {
    users: DEMO_USERS.map((u) => ({ ...u })),
    products: productInputs(),
    baseCurrency: "CNY",
    fxRates: cal.usdRates.map((r) => ({ currency: "USD", validFrom: r.validFrom, rate: r.rate })),
  };
}

/** Customer i of the demo: depends only on (seed, end, months, i) and the world's users. */
export function demoCustomer(opts: DemoOptions, world: DemoWorld, i: number): DemoCustomer {
  if (!Number.isSafeInteger(i) || i < 0) throw new RetainError("BAD_INPUT", `A demo customer index must be a whole number ≥ 0 (got ${i}).`);
  const cal = calendar(opts);
  const seed = opts.seed;
  const endYear = +opts.end.slice(0, 4);
  const ref = externalId(i);
  const head = headOf(seed, cal, i);
  const id = identityOf(seed, i);
  const rng = new Rng(seed, i, 2);
  const traits = traitsOf(rng, id, endYear);
  const bought: Purchases | undefined = head.prospect
    ? undefined
    : purchases(new Rng(seed, i, 3), cal, { ref, seq: i + 1, taste: traits.taste, milk: traits.milk, acqDay: head.acqDay, channels: traits.channels });

  const enterprise = id.kind === "enterprise";
  const net = bought?.netCents ?? 0;
  const employees = enterprise ? (["1-49", "50-199", "200-999", "1000+"][rng.weighted([40, 35, 18, 7])] as string) : "";
  const keyAccount = enterprise ? employees === "200-999" || employees === "1000+" || net >= 10_000_000 : net >= 5_000_000;
  const prof = enterprise ? enterpriseProfile(rng, id, employees) : individualProfile(rng, id, traits, endYear, !!bought, (bought?.complaints.length ?? 0) > 0);
  const contacts = enterprise ? contactsOf(rng, seed, i, id) : [];
  const keyDates = enterprise ? enterpriseKeyDates(rng, id, contacts[0]) : individualKeyDates(rng, id, prof.married, endYear);
  const ownerEmail = agentOf(rng, world.users, teamOf(id, traits, keyAccount));
  const member = !enterprise && !head.prospect && rng.chance(0.45);
  // Optional fields are set only when present (no `undefined` values in the records).
  const customer: CustomerInput = { externalId: ref, kind: id.kind, name: id.name };
  if (id.email) customer.email = id.email;
  if (id.phone) customer.phone = id.phone;
  customer.state = stateOf(rng, cal, head.prospect, enterprise, bought);
  customer.tags = tagsOf(rng, id, traits, keyAccount, net, member);
  customer.profile = prof.profile;
  customer.fieldSources = prof.fieldSources;
  if (member) customer.custom = { memberLevel: net >= 2_000_000 ? "钻石会员" : net >= 800_000 ? "金卡会员" : net >= 200_000 ? "银卡会员" : "普通会员" };
  customer.sourceChannel = traits.source;
  customer.ownerEmail = ownerEmail;
  if (keyDates.length > 0) customer.keyDates = keyDates;
  if (contacts.length > 0) customer.contacts = contacts;
  const referredBy = referral(rng, seed, cal, i, head.acqDay, traits);
  if (referredBy) customer.referredBy = referredBy;
  customer.createdAt = stamp(cal, head.acqDay, rng.int(9 * 60, 21 * 60));
  const service = new Rng(seed, i, 4);
  return {
    customer,
    lines: bought?.lines ?? [],
    interactions: interactions(service, cal, {
      ref, ownerEmail, enterprise, createdDay: head.acqDay, orders: bought?.orders ?? [], complaints: bought?.complaints ?? [],
    }),
    complaints: bought ? complaints(service, cal, ref, bought.complaints) : [],
    truth: bought
      ? { lambda: bought.truth.lambda, p: bought.truth.p, alive: bought.truth.alive, droppedAt: bought.truth.droppedAt, priceOnly: traits.taste.priceOnly, baby: traits.baby }
      : null,
  };
}

/** Customers 0..customers−1 in order; the world is built once if not given. */
export function* demoCustomers(opts: DemoOptions, world: DemoWorld = demoWorld(opts)): Generator<DemoCustomer> {
  if (!Number.isSafeInteger(opts.customers) || opts.customers < 0) {
    throw new RetainError("BAD_INPUT", `Demo customers must be a whole number ≥ 0 (got ${opts.customers}).`, { field: "customers" });
  }
  for (let i = 0; i < opts.customers; i++) yield demoCustomer(opts, world, i);
}

/** "C000123" for customer index 122. */
export function externalId(i: number): string {
  return `C${String(i + 1).padStart(6, "0")}`;
}

function calendar(opts: DemoOptions): Calendar {
  if (!Number.isSafeInteger(opts.seed)) throw new RetainError("BAD_INPUT", `The demo seed must be a whole number (got ${opts.seed}).`, { field: "seed" });
  return calendarFor(opts.seed, opts.end, opts.months ?? 24);
}

function teamOf(id: Identity, t: Traits, keyAccount: boolean): Team {
  if (keyAccount) return "大客户组";
  if (id.kind === "individual" && (t.source === "web" || t.source === "marketplace")) return "线上组";
  const region = (CITIES[id.city] as (typeof CITIES)[number])[2];
  return region === "north" ? "华北组" : region === "south" ? "华南组" : "华东组";
}

/**
 * Prospects are potential or target; everyone else is current. Drop-out is silent (the
 * state stays current): only a few long-gone customers were explicitly marked churned.
 */
function stateOf(rng: Rng, cal: Calendar, prospect: boolean, enterprise: boolean, b: Purchases | undefined): CustomerInput["state"] {
  if (prospect || !b) return rng.chance(enterprise ? 0.4 : 0.6) ? "potential" : "target";
  const lastDay = b.orders[b.orders.length - 1]?.day ?? 0;
  return !b.truth.alive && lastDay < cal.days - 270 && rng.chance(0.1) ? "churned" : "current";
}

function tagsOf(rng: Rng, id: Identity, t: Traits, keyAccount: boolean, net: number, member: boolean): string[] {
  const tags: string[] = [];
  if (keyAccount) tags.push("key_account");
  if (keyAccount || net >= 2_000_000) tags.push("vip");
  if ((t.channels[2] ?? 0) >= 25 || rng.chance(0.2)) tags.push("wechat");
  if (id.kind === "enterprise" && (id.industry === 1 || id.industry === 10 || id.industry === 11)) tags.push("wholesale");
  if (rng.chance(t.taste.priceOnly ? 0.8 : 0.03)) tags.push("price_sensitive");
  if (t.baby) tags.push("new_parent");
  if (member) tags.push("member");
  return tags;
}

/** Referred customers name an earlier customer who was already buying when they arrived. */
function referral(rng: Rng, seed: number, cal: Calendar, i: number, acqDay: number, t: Traits): string | undefined {
  if (t.source !== "referral" || i === 0) return undefined;
  for (let tries = 0; tries < 20; tries++) {
    const j = i - 1 - Math.floor(rng.uniform() * Math.min(i, 2000));
    const h = headOf(seed, cal, j);
    if (!h.prospect && h.acqDay <= acqDay) return externalId(j);
  }
  return undefined;
}
