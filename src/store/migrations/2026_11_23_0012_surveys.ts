import { sql, type Kysely } from "kysely";

/**
 * Satisfaction and loyalty surveys (DOMAIN §7): a survey and its questions; one invitation
 * per customer and occasion (after a resolved complaint, after a purchase, to a segment),
 * answered at most once, whose link is signed (accounts/link-signing.ts); and the answers.
 *
 * Answers are keyed by survey, not by customer: an anonymous survey's answers carry no
 * customer, so they cannot sit on a customer's shard. A linked answer keeps its customer in
 * `customer_id` (indexed, for the timeline, merges and erasure).
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table surveys (
    survey_id bigserial primary key,
    name text not null,
    purpose text not null,
    anonymous boolean not null default false,
    questions jsonb not null,
    status text not null default 'open',
    version integer not null default 1,
    created_by bigint,
    created_at timestamptz not null default now(),
    updated_at timestamptz not null default now()
  )`.execute(db);
  await sql`create table survey_invitations (
    customer_id bigint not null,
    invitation_id bigserial,
    survey_id bigint not null,
    trigger text not null,
    complaint_id bigint,
    order_no text,
    staff_user_id bigint,
    created_by bigint,
    created_at timestamptz not null default now(),
    expires_at timestamptz not null,
    answered_at timestamptz,
    primary key (customer_id, invitation_id)
  )`.execute(db);
  // one follow-up survey per complaint, however often the case is closed
  await sql`create unique index survey_invitations_complaint_idx on survey_invitations (customer_id, survey_id, complaint_id) where complaint_id is not null`.execute(db);
  await sql`create index survey_invitations_survey_idx on survey_invitations (survey_id, created_at)`.execute(db);
  await sql`create table survey_responses (
    survey_id bigint not null,
    response_id bigserial,
    customer_id bigint,
    staff_user_id bigint,
    trigger text not null,
    segment text,
    answers jsonb not null,
    answered_at timestamptz not null,
    primary key (survey_id, response_id)
  )`.execute(db);
  await sql`create index survey_responses_customer_idx on survey_responses (customer_id) where customer_id is not null`.execute(db);
  await sql`create index survey_responses_time_idx on survey_responses (survey_id, answered_at)`.execute(db);
}
