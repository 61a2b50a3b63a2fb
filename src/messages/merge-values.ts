import { sql, type Kysely } from "kysely";
import type { MergeValues } from "../domain/messages/template.ts";
import { itemLabels } from "../store/order-items.repository.ts";
import { latestRun } from "../store/pattern-runs.repository.ts";
import type { Database } from "../store/schema.ts";
import { unsubscribeToken } from "./consent.ts";
import { getMessagingSettings } from "./messaging-settings.ts";

/**
 * The merge fields of many customers at once, from their own records (DOMAIN §1: a message
 * shows what we know of the customer). A handful of set-based queries per thousand
 * customers, never one per customer. A field the customer has no value for is left out, so
 * a template that uses it is held for that customer instead of going out with a blank.
 */
type Db = Kysely<Database>;

const CHUNK = 1000;

export async function mergeValuesFor(db: Db, customerIds: readonly number[], o: { baseUrl: string; channel: string }): Promise<Map<number, MergeValues>> {
  const out = new Map<number, MergeValues>();
  const ids = [...new Set(customerIds)];
  if (ids.length === 0) return out;
  const settings = await getMessagingSettings(db);
  const baskets = await latestRun(db, "baskets");
  // The address set in the messaging settings wins over the one the caller saw the request on.
  const baseUrl = (settings.publicUrl || o.baseUrl).replace(/\/+$/, "");
  for (let i = 0; i < ids.length; i += CHUNK) {
    const chunk = ids.slice(i, i + CHUNK);
    for (const [id, v] of await chunkValues(db, chunk, baskets ? { runId: Number(baskets.run_id), level: baskets.level } : null)) {
      if (settings.serviceNumber) v.serviceNumber = settings.serviceNumber;
      v.unsubscribeUrl = `${baseUrl}/u/${await unsubscribeToken(db, id, o.channel)}`;
      out.set(id, v);
    }
  }
  return out;
}

const set = (v: MergeValues, k: keyof MergeValues, x: string | null | undefined) => {
  if (x !== null && x !== undefined && x.trim()) v[k] = x.trim();
};

async function chunkValues(db: Db, ids: number[], run: { runId: number; level: "product" | "category" } | null): Promise<Map<number, MergeValues>> {
  const values = new Map<number, MergeValues>();
  const people = await db.selectFrom("customers as c").leftJoin("users as u", "u.user_id", "c.owner_id")
    .select(["c.customer_id", "c.name", "u.name as owner"]).where("c.customer_id", "in", ids).execute();
  for (const p of people) {
    const v: MergeValues = {};
    set(v, "name", p.name);
    set(v, "owner", p.owner);
    values.set(Number(p.customer_id), v);
  }
  const idArray = sql`${ids}::bigint[]`;

  // The latest order with a sale line, and that order's first sale line.
  const last = await sql<{ customer_id: number; day: string; product: string | null }>`
    select distinct on (l.customer_id) l.customer_id::float8 as customer_id, to_char(l.order_date, 'YYYY-MM-DD') as day,
      coalesce(nullif(btrim(l.description), ''), p.name, l.sku) as product
    from order_lines l join orders o on o.customer_id = l.customer_id and o.order_id = l.order_id
      left join products p on p.product_id = l.product_id
    where l.customer_id = any(${idArray}) and not l.is_return
    order by l.customer_id, o.ordered_at desc, o.order_id desc, l.line_no`.execute(db);
  for (const r of last.rows) {
    const v = values.get(r.customer_id);
    if (!v) continue;
    set(v, "lastPurchase.date", r.day);
    set(v, "lastPurchase.product", r.product);
  }

  // Net spend per category: return lines carry negative amounts, so a returned purchase does not count.
  const fav = await sql<{ customer_id: number; category: string }>`
    select distinct on (customer_id) customer_id::float8 as customer_id, category from (
      select l.customer_id, coalesce(l.category, p.category) as category, sum(l.base_amount) as net
      from order_lines l left join products p on p.product_id = l.product_id
      where l.customer_id = any(${idArray}) and coalesce(l.category, p.category) is not null
      group by 1, 2) x
    where net > 0 order by customer_id, net desc, category`.execute(db);
  for (const r of fav.rows) set(values.get(r.customer_id) ?? {}, "favouriteCategory", r.category);

  const members = await sql<{ customer_id: number; level: string | null; balance: string }>`
    select customer_id::float8 as customer_id, level, balance::text as balance from membership_members where customer_id = any(${idArray})`.execute(db);
  for (const r of members.rows) {
    const v = values.get(r.customer_id);
    if (!v) continue;
    set(v, "memberLevel", r.level);
    set(v, "points", r.balance);
  }

  if (run) await nextBestOffers(db, idArray, run, values);
  return values;
}

/**
 * The offer of the latest basket run's most confident rule whose antecedent the customer
 * bought and whose consequent they have not all bought (as docs/patterns.md's next best offer).
 */
async function nextBestOffers(db: Db, idArray: ReturnType<typeof sql>, run: { runId: number; level: "product" | "category" }, values: Map<number, MergeValues>): Promise<void> {
  const key = run.level === "category" ? sql`l.category` : sql`coalesce(l.product_id::text, 'd:' || nullif(btrim(l.description), ''))`;
  const rows = await sql<{ customer_id: number; consequent: string[]; owned: string[] }>`
    with owned as (
      select customer_id, array_agg(distinct k) as items from (
        select l.customer_id, ${key} as k from order_lines l where l.customer_id = any(${idArray}) and not l.is_return) x
      where k is not null group by customer_id)
    select distinct on (o.customer_id) o.customer_id::float8 as customer_id, r.consequent, o.items as owned
    from owned o join pattern_rules r on r.run_id = ${run.runId}
      and r.antecedent <@ o.items and not (r.consequent <@ o.items) and (r.lift is null or r.lift > 1)
    order by o.customer_id, r.confidence desc, r.rule_no`.execute(db);
  const picks = new Map<number, string>();
  for (const r of rows.rows) {
    const owned = new Set(r.owned);
    const k = r.consequent.find((c) => !owned.has(c));
    if (k !== undefined) picks.set(r.customer_id, k);
  }
  if (picks.size === 0) return;
  const labels = await itemLabels(db, run.level, [...new Set(picks.values())]);
  for (const [id, k] of picks) set(values.get(id) ?? {}, "nextBestOffer", labels.get(k) ?? k);
}
