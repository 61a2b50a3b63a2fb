import { sql, type Kysely } from "kysely";

/**
 * A contact plan's control group (docs/contact-plans.md): the share of each tier held out of
 * the quarter's contacts, and the seed of the draw, so generating the plan again holds out
 * the same customers and its results compare like with like.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_plans
    add column control_share numeric(7, 6) not null default 0 check (control_share >= 0 and control_share < 1),
    add column seed integer not null default 1`.execute(db);
}
