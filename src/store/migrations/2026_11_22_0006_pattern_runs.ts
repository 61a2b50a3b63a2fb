import { sql, type Kysely } from "kysely";

/**
 * Saved pattern runs (docs/patterns.md, "Saved runs"): the basket rules and the "A then B
 * within N days" rules of one mining run, with its parameters, so the next best offers on
 * the customer 360 and in campaigns read a run instead of mining the order lines again.
 * Not customer-scoped (a reference table under Citus). Items are kept by their keys (a
 * product id, "d:" + a description, or a category), labelled when read.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table pattern_runs (
    run_id bigserial primary key,
    kind text not null check (kind in ('baskets', 'sequences')),
    level text not null check (level in ('product', 'category')),
    params jsonb not null,
    summary jsonb not null,
    created_at timestamptz not null default now(),
    created_by bigint
  )`.execute(db);
  await sql`create table pattern_rules (
    run_id bigint not null references pattern_runs (run_id) on delete cascade,
    rule_no integer not null,
    antecedent text[] not null,
    consequent text[] not null,
    support float8 not null,
    confidence float8 not null,
    lift float8,
    leverage float8,
    conviction float8,
    count integer not null,
    antecedent_count integer not null,
    within_days integer,
    mean_days float8,
    primary key (run_id, rule_no)
  )`.execute(db);
  await sql`create index pattern_runs_kind_idx on pattern_runs (kind, run_id)`.execute(db);
}
