import { sql, type Kysely } from "kysely";

/**
 * A contact plan's e-mail templates (docs/contact-plans.md): contact type → {subject, body}.
 * A contact whose type has a template goes to the customer as an e-mail rather than as a task
 * for the owner; plans made before this have none, so all their contacts stay tasks.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`alter table contact_plans add column emails jsonb not null default '{}'::jsonb`.execute(db);
}
