import { sql, type Kysely } from "kysely";
import type { Database, PatternRulesTable } from "./schema.ts";

/**
 * Saved mining runs and their rules (docs/patterns.md, "Saved runs"): the next best offers
 * read the latest run of each kind instead of mining the order lines on every request.
 */
export type PatternRuleRow = Omit<PatternRulesTable, "run_id" | "rule_no">;

/** Rows per insert statement: bounds one statement's parameters. */
const CHUNK = 2_000;

export async function saveRun(
  db: Kysely<Database>,
  run: { kind: "baskets" | "sequences"; level: "product" | "category"; params: Record<string, unknown>; summary: Record<string, unknown>; createdBy: number | null },
  rules: readonly PatternRuleRow[],
): Promise<number> {
  return db.transaction().execute(async (trx) => {
    const { run_id } = await trx
      .insertInto("pattern_runs")
      .values({ kind: run.kind, level: run.level, params: JSON.stringify(run.params), summary: JSON.stringify(run.summary), created_by: run.createdBy })
      .returning("run_id")
      .executeTakeFirstOrThrow();
    for (let i = 0; i < rules.length; i += CHUNK) {
      const part = rules.slice(i, i + CHUNK);
      const col = <K extends keyof PatternRuleRow>(k: K) => part.map((r) => r[k]);
      // Arrays of arrays do not unnest as rows: the item lists travel as JSON text.
      await sql`insert into pattern_rules (run_id, rule_no, antecedent, consequent, support, confidence, lift, leverage, conviction, count, antecedent_count, within_days, mean_days)
        select ${run_id}, ${i} + r.n - 1, array(select json_array_elements_text(r.a::json)), array(select json_array_elements_text(r.c::json)),
          r.support, r.confidence, r.lift, r.leverage, r.conviction, r.count, r.antecedent_count, r.within_days, r.mean_days
        from unnest(${part.map((r) => JSON.stringify(r.antecedent))}::text[], ${part.map((r) => JSON.stringify(r.consequent))}::text[],
          ${col("support")}::float8[], ${col("confidence")}::float8[], ${col("lift")}::float8[], ${col("leverage")}::float8[], ${col("conviction")}::float8[],
          ${col("count")}::int[], ${col("antecedent_count")}::int[], ${col("within_days")}::int[], ${col("mean_days")}::float8[])
          with ordinality as r(a, c, support, confidence, lift, leverage, conviction, count, antecedent_count, within_days, mean_days, n)`.execute(trx);
    }
    return Number(run_id);
  });
}

export async function listRuns(db: Kysely<Database>, limit = 50) {
  return db.selectFrom("pattern_runs").selectAll().orderBy("run_id", "desc").limit(limit).execute();
}

/** The latest saved run of a kind, or undefined. */
export async function latestRun(db: Kysely<Database>, kind: "baskets" | "sequences") {
  return db.selectFrom("pattern_runs").selectAll().where("kind", "=", kind).orderBy("run_id", "desc").limit(1).executeTakeFirst();
}

/**
 * A run's rules whose antecedent lies within `owned` (item keys), whose consequent is not all
 * owned, and which raise the chance of their consequent (lift above 1, where there is one).
 */
export async function applicableRules(db: Kysely<Database>, runId: number, owned: readonly string[], limit: number) {
  return db
    .selectFrom("pattern_rules")
    .selectAll()
    .where("run_id", "=", runId)
    .where(sql<boolean>`antecedent <@ ${[...owned]}::text[]`)
    .where(sql<boolean>`not (consequent <@ ${[...owned]}::text[])`)
    .where(sql<boolean>`(lift is null or lift > 1)`)
    .orderBy("confidence", "desc")
    .orderBy("rule_no")
    .limit(limit)
    .execute();
}
