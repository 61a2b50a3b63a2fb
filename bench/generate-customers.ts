/**
 * A customer archive of any size for the customer-list benchmark, generated row by row
 * from (seed, i) and loaded with COPY: customers, their identities, and purchase
 * aggregates for the ~70% who bought. No orders are written — the list reads only
 * `customers` and `customer_aggregates`, and generating a million customers' order lines
 * would take the import's minutes instead of seconds.
 *
 * Names, e-mails and phones follow the demo generator (src/demo): Chinese names with
 * Zipf-weighted surnames, ~8% English names, QQ and pinyin e-mail addresses, mobile
 * numbers for people and city landlines for companies; name_initials is written with the
 * name, as the repositories do. Customer i has id i + 1 and
 * external id C000…(i + 1); the same (seed, i) always gives the same row.
 *
 * The aggregates are consistent with the definitions in src/store/aggregates.ts:
 * gross = sales + discount, 0 ≤ returns ≤ sales, returned items ≤ items, purchase days ≤
 * orders ≤ lines ≤ items, created date ≤ first purchase ≤ last purchase ≤ the end date.
 */
import { sql, type Kysely } from "kysely";
import { externalId } from "../src/demo/generate.ts";
import { mobileFor, personName } from "../src/demo/identity.ts";
import { BRAND_PARTS, CITIES, CITY_WEIGHTS, ENGLISH_FEMALE, ENGLISH_MALE, INDUSTRIES } from "../src/demo/names.ts";
import { Rng, cumulative, mix32 } from "../src/demo/rng.ts";
import { SOURCE_CHANNELS } from "../src/demo/traits.ts";
import { nameInitials } from "../src/domain/initials.ts";
import { copyInto, type CopyRow } from "../src/store/copy.ts";
import type { Database } from "../src/store/schema.ts";

/** The last day of history; customers arrived over the two years before it. */
export const END = "2026-06-30";
const END_MS = Date.parse(`${END}T00:00:00Z`);
const DAY_MS = 86_400_000;
const HISTORY_DAYS = 730;
/** The identity source the generated customers come from. */
export const SOURCE = "shop";

/** Sales teams and their share of the book (key accounts go to 大客户组). */
export const TEAMS = ["华东组", "华北组", "华南组", "线上组", "大客户组"] as const;
export type Team = (typeof TEAMS)[number];
/** Agents per team: 5 × 4 = 20 owners. */
export const AGENTS_PER_TEAM = 4;
/** Tags in use, with the rule that hands each out (see tagsOf). */
export const TAGS = ["vip", "key_account", "wechat", "member", "price_sensitive", "new_parent", "wholesale"] as const;

const CITY_CUM = cumulative(CITY_WEIGHTS);
const CITY_LANDLINE = ["021", "010", "0571", "0755", "020", "025", "0512", "028", "027", "023", "029", "022", "0574", "0592", "0731", "0532", "0551", "0371", "0510", "0769"];
const MAIL_DOMAINS = ["163.com", "126.com", "sina.com", "outlook.com", "gmail.com", "foxmail.com"];
const COMPANY_SUFFIX = ["有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "有限责任公司"];
const SOURCE_WEIGHTS = [12, 8, 25, 30, 8, 17];

export const CUSTOMER_COLUMNS = ["customer_id", "kind", "name", "name_initials", "external_id", "email", "phone", "state", "owner_id", "tags", "source_channel", "created_at", "updated_at"] as const;
export const IDENTITY_COLUMNS = ["source", "external_id", "customer_id"] as const;
export const AGGREGATE_COLUMNS = [
  "customer_id", "orders", "purchase_days", "lines", "items", "gross", "discount", "sales", "returns", "returned_items",
  "cost", "costed_net_sales", "first_purchase", "last_purchase",
] as const;

export interface Rows {
  customers: CopyRow[];
  identities: CopyRow[];
  aggregates: CopyRow[];
}

const money = (cents: number) => (cents / 100).toFixed(2);
/** 'YYYY-MM-DD' of each day of history (day HISTORY_DAYS − 1 is the day before END). */
const DATES = Array.from({ length: HISTORY_DAYS }, (_, day) => new Date(END_MS - (HISTORY_DAYS - day) * DAY_MS).toISOString().slice(0, 10));
const dateOf = (day: number) => DATES[day]!;
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
/** A bijection on [0, mod) for m coprime to mod: unique numbers per customer without bookkeeping. */
const perm = (i: number, m: number, c: number, mod: number) => ((i % mod) * m + (c % mod)) % mod;

/**
 * Customers i in [from, to) as COPY rows. `owners` maps each team to its agents' user ids;
 * about 10% of customers are left unassigned.
 */
export function customerRows(seed: number, from: number, to: number, owners: Readonly<Record<Team, readonly number[]>>): Rows {
  const out: Rows = { customers: [], identities: [], aggregates: [] };
  for (let i = from; i < to; i++) {
    const rng = new Rng(seed, i, 0);
    const id = i + 1;
    const ref = externalId(i);
    const enterprise = rng.chance(0.08);
    const city = rng.fromCumulative(CITY_CUM);
    const [cityName, cityPy, region] = CITIES[city]!;
    let name: string;
    let email: string | null = null;
    let phone: string | null = null;
    let english = false;
    if (enterprise) {
      const a = rng.pick(BRAND_PARTS);
      let b = rng.pick(BRAND_PARTS);
      if (b === a) b = BRAND_PARTS[(BRAND_PARTS.indexOf(a) + 7) % BRAND_PARTS.length]!;
      const founded = 2000 + rng.int(0, 22);
      name = `${cityName}${a[0]}${b[0]}${rng.pick(INDUSTRIES)[0]}${rng.pick(COMPANY_SUFFIX)}`;
      if (rng.chance(0.95)) phone = `${CITY_LANDLINE[city]}-${String(perm(i, 73_939_133, mix32(seed), 1e8)).padStart(8, "0")}`;
      if (rng.chance(0.8)) email = `${rng.pick(["info", "sales", "service", "contact"])}@${cityPy}${a[1]}${b[1]}${founded}.com`;
    } else {
      const gender = rng.chance(0.52) ? "female" : "male";
      const p = personName(rng, gender);
      english = rng.chance(0.08);
      const first = rng.pick(gender === "female" ? ENGLISH_FEMALE : ENGLISH_MALE);
      name = english ? `${first} ${cap(p.surPy)}` : p.name;
      if (rng.chance(0.92)) phone = mobileFor(seed, i, rng);
      if (rng.chance(0.65)) {
        email = rng.chance(0.4)
          ? `${10_000_000 + perm(i, 48_271, mix32(seed ^ 0x51), 1e8)}@qq.com`
          : `${english ? first.toLowerCase() : ""}${p.surPy}${english ? "" : p.givenPy}${perm(i, 7919, mix32(seed ^ 0xe1), 1e7)}@${rng.pick(MAIL_DOMAINS)}`;
      }
    }
    const source = SOURCE_CHANNELS[rng.weighted(SOURCE_WEIGHTS)]!;
    // Arrivals grow over time (density rising linearly towards the end), 09:00–21:00 local.
    const createdDay = Math.min(HISTORY_DAYS - 1, Math.floor(HISTORY_DAYS * Math.sqrt(rng.uniform())));
    // China is UTC+8: 09:00–21:00 there is 01:00–13:00 UTC, the same calendar day.
    const minute = rng.int(1 * 60, 13 * 60 - 1);
    const createdAt = `${dateOf(createdDay)}T${pad2(Math.floor(minute / 60))}:${pad2(minute % 60)}:${pad2(rng.int(0, 59))}Z`;

    // Purchases: ~70% of customers bought (a few more among companies).
    const bought = rng.chance(enterprise ? 0.8 : 0.69);
    let netCents = 0;
    let lastDay = -1;
    if (bought) {
      const firstDay = createdDay + Math.min(HISTORY_DAYS - 1 - createdDay, Math.floor(rng.exponential(1 / 20)));
      const orders = 1 + Math.floor(rng.gamma(0.7, enterprise ? 0.12 : 0.25));
      lastDay = orders === 1 ? firstDay : firstDay + Math.floor((HISTORY_DAYS - 1 - firstDay) * Math.pow(rng.uniform(), 0.6));
      const purchaseDays = Math.max(1, Math.min(orders, lastDay - firstDay + 1, orders - Math.floor(orders * 0.05 * rng.uniform())));
      let lines = 0;
      let items = 0;
      for (let k = 0; k < Math.min(orders, 50); k++) lines += 1 + Math.floor(rng.exponential(0.9));
      if (orders > 50) lines = Math.round((lines * orders) / 50);
      items = lines + Math.floor(lines * rng.exponential(enterprise ? 0.3 : 2));
      const avgOrderCents = Math.round(Math.exp(rng.normal(enterprise ? 8.2 : 5.7, 0.7)) * 100);
      const salesCents = orders * avgOrderCents;
      const discountCents = rng.chance(0.6) ? Math.round(salesCents * rng.between(0, 0.15)) : 0;
      const returnsCents = rng.chance(0.15) ? Math.round(salesCents * rng.between(0.02, 0.3)) : 0;
      const returnedItems = returnsCents > 0 ? Math.max(1, Math.round(items * (returnsCents / salesCents))) : 0;
      netCents = salesCents - returnsCents;
      const costedShare = rng.chance(0.9) ? 1 : rng.between(0, 1);
      const costedNetCents = Math.round(netCents * costedShare);
      const costCents = Math.round(costedNetCents * rng.between(0.55, 0.8));
      out.aggregates.push([
        id, orders, purchaseDays, lines, items, money(salesCents + discountCents), money(discountCents), money(salesCents),
        money(returnsCents), returnedItems, money(costCents), money(costedNetCents), dateOf(firstDay), dateOf(lastDay),
      ]);
    }

    // State: prospects are potential or target; long-silent buyers are often marked churned.
    let state: string;
    if (!bought) {
      const u = rng.uniform();
      state = u < 0.5 ? "potential" : u < 0.9 ? "target" : u < 0.97 ? "non_customer" : "current";
    } else {
      state = lastDay < HISTORY_DAYS - 270 && rng.chance(0.45) ? "churned" : "current";
    }

    const keyAccount = enterprise ? rng.chance(0.25) || netCents >= 20_000_000 : netCents >= 5_000_000;
    const tags: string[] = [];
    if (netCents >= 500_000 || keyAccount) tags.push("vip");
    if (keyAccount) tags.push("key_account");
    if (rng.chance(0.22)) tags.push("wechat");
    if (!enterprise && bought && rng.chance(0.35)) tags.push("member");
    if (!enterprise && rng.chance(0.1)) tags.push("price_sensitive");
    if (!enterprise && rng.chance(0.06)) tags.push("new_parent");
    if (enterprise && rng.chance(0.3)) tags.push("wholesale");

    let owner: number | null = null;
    if (rng.chance(0.9)) {
      const team: Team = keyAccount ? "大客户组"
        : !enterprise && (source === "web" || source === "marketplace") ? "线上组"
        : region === "north" ? "华北组" : region === "south" ? "华南组" : "华东组";
      owner = rng.pick(owners[team]);
    }
    out.customers.push([id, enterprise ? "enterprise" : "individual", name, nameInitials(name), ref, email, phone, state, owner, `{${tags.join(",")}}`, source, createdAt, createdAt]);
    out.identities.push([SOURCE, ref, id]);
  }
  return out;
}

/** Rows per COPY statement. */
const CHUNK = 25_000;

/**
 * Loads customers 0..n−1 into an empty store. The secondary indexes of the three tables
 * are dropped for the load and rebuilt from their own definitions afterwards (faster than
 * maintaining them row by row); the id sequence is moved past the explicit ids; then
 * VACUUM ANALYZE, so the planner has statistics and the visibility map is set, as on a
 * store that has been running for a while. Returns the seconds spent in each phase.
 */
export async function loadCustomers(
  db: Kysely<Database>,
  opts: { customers: number; seed: number; owners: Readonly<Record<Team, readonly number[]>>; progress?: (done: number) => void },
): Promise<{ copySeconds: number; indexSeconds: number; vacuumSeconds: number }> {
  const tables = ["customers", "customer_identities", "customer_aggregates"];
  const t0 = performance.now();
  const restoreIndexes = await dropSecondaryIndexes(db, tables);

  // Generating a chunk (JavaScript) overlaps with COPYing the previous one (the server).
  let pending: Promise<unknown> = Promise.resolve();
  for (let from = 0; from < opts.customers; from += CHUNK) {
    const rows = customerRows(opts.seed, from, Math.min(opts.customers, from + CHUNK), opts.owners);
    await pending;
    opts.progress?.(from);
    pending = Promise.all([
      copyInto(db, "customers", CUSTOMER_COLUMNS, rows.customers),
      copyInto(db, "customer_identities", IDENTITY_COLUMNS, rows.identities),
      copyInto(db, "customer_aggregates", AGGREGATE_COLUMNS, rows.aggregates),
    ]);
  }
  await pending;
  await sql`select setval('customers_customer_id_seq', ${opts.customers}::bigint)`.execute(db);
  const t1 = performance.now();

  await restoreIndexes();
  const t2 = performance.now();
  for (const t of tables) await sql.raw(`vacuum (analyze) ${t}`).execute(db);
  const t3 = performance.now();
  return { copySeconds: (t1 - t0) / 1000, indexSeconds: (t2 - t1) / 1000, vacuumSeconds: (t3 - t2) / 1000 };
}

/**
 * Drops the secondary indexes of `tables` (neither primary keys nor unique: those guard the
 * data) for a bulk load; returns the function that rebuilds them from their own definitions.
 */
export async function dropSecondaryIndexes(db: Kysely<Database>, tables: readonly string[]): Promise<() => Promise<void>> {
  const indexes = await sql<{ name: string; def: string }>`
    select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def
    from pg_index i join pg_class t on t.oid = i.indrelid
    where t.relname = any(${tables}::text[]) and not i.indisprimary and not i.indisunique`.execute(db);
  for (const ix of indexes.rows) await sql.raw(`drop index ${ix.name}`).execute(db);
  return () =>
    db.connection().execute(async (conn) => {
      await sql`set maintenance_work_mem = '512MB'`.execute(conn);
      for (const ix of indexes.rows) await sql.raw(ix.def).execute(conn);
    });
}
