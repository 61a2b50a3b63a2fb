import { sql, type Kysely } from "kysely";

/**
 * Prediction runs (docs/prediction.md): each run fits the models as of a date, keeps their
 * parameters and back-test quality, and scores every customer. The scores are
 * customer-scoped (customer_id leads the primary key, for Citus); the runs are a reference
 * table. Money is rounded to cents: these are expectations, not ledger amounts.
 */
export async function up(db: Kysely<any>): Promise<void> {
  await sql`create table model_runs (
    run_id bigserial primary key,
    as_of date not null,
    unit text not null check (unit in ('day', 'week')),
    horizon_days integer not null check (horizon_days > 0),
    params jsonb not null,
    quality jsonb not null,
    summary jsonb not null,
    customers integer not null,
    created_at timestamptz not null default now(),
    created_by bigint
  )`.execute(db);
  await sql`create table customer_scores (
    customer_id bigint not null,
    run_id bigint not null references model_runs (run_id) on delete cascade,
    p_alive float8 not null,
    expected_purchases float8 not null,
    next_purchase_days float8,
    expected_order_value numeric(18, 2) not null,
    clv numeric(18, 2) not null,
    clv_low numeric(18, 2) not null,
    clv_high numeric(18, 2) not null,
    churn_probability float8,
    churn_reasons jsonb,
    value_at_risk numeric(18, 2),
    predicted_value numeric(18, 2),
    cluster smallint,
    lookalike float8,
    primary key (customer_id, run_id)
  )`.execute(db);
  await sql`create index customer_scores_risk_idx on customer_scores (run_id, value_at_risk desc nulls last, customer_id)`.execute(db);
  await sql`create index customer_scores_churn_idx on customer_scores (run_id, churn_probability desc nulls last, customer_id)`.execute(db);
  await sql`create index customer_scores_clv_idx on customer_scores (run_id, clv desc, customer_id)`.execute(db);
}
