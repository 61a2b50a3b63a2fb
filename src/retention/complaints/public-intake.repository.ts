import { sql, type Kysely, type Transaction } from "kysely";
import type { Database } from "../../store/schema.ts";

/**
 * What the public complaint form reads and writes: the contact points of an order's
 * customer, a customer a link names, and the complaint row it files.
 */
type Db = Kysely<Database> | Transaction<Database>;

/** One e-mail and phone on record for the customer of an order (the customer's own, or a contact person's). */
export interface ContactPoint {
  customer_id: number;
  email: string | null;
  phone: string | null;
}

/**
 * The contact points of the live customers (neither merged away nor erased) who have an
 * order with this number: the customer's own and their contact people's, newest order first.
 * Order numbers are unique per customer only, so several customers may come back.
 */
export async function contactPointsOfOrder(db: Db, orderNo: string, limit = 50): Promise<ContactPoint[]> {
  const r = await sql<ContactPoint>`select o.customer_id::float8 as customer_id, p.email, p.phone
    from orders o join customers c on c.customer_id = o.customer_id
    cross join lateral (select c.email, c.phone union all select k.email, k.phone from customer_contacts k where k.customer_id = c.customer_id) p
    where o.order_no = ${orderNo} and c.merged_into is null and c.erased_at is null
    order by o.ordered_at desc, o.customer_id limit ${limit}`.execute(db);
  return r.rows;
}


export interface FiledComplaint {
  customerId: number;
  openedAt: string;
  channel: string;
  category: string;
  description: string;
  orderNo: string | null;
  product: string | null;
  externalRef: string;
}

/**
 * Inserts an open complaint with no handler and no recovery case yet (its order linked by
 * number when the customer has it): the first recovery step a member of staff records adopts
 * it, as it does an imported one. Returns its id.
 */
export async function insertFiledComplaint(trx: Transaction<Database>, c: FiledComplaint): Promise<number> {
  const r = await sql<{ id: number }>`insert into complaints (customer_id, opened_at, channel, category, severity, description, order_id, order_no,
      product, status, external_ref, version, updated_at)
    values (${c.customerId}, ${c.openedAt}::timestamptz, ${c.channel}, ${c.category}, 'normal', ${c.description},
      (select order_id from orders where customer_id = ${c.customerId} and order_no = ${c.orderNo}), ${c.orderNo}, ${c.product}, 'open',
      ${c.externalRef}, 0, now())
    returning complaint_id::float8 as id`.execute(trx);
  return r.rows[0]!.id;
}
