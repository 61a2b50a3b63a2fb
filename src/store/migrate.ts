import { Migrator, sql, type Kysely, type Migration, type MigrationResult } from "kysely";
import { RetainError } from "../errors.ts";
import * as m0001 from "./migrations/2026_11_22_0001_archive.ts";
import * as m0002 from "./migrations/2026_11_22_0002_server.ts";
import * as m0003 from "./migrations/2026_11_22_0003_name_initials.ts";
import * as m0004 from "./migrations/2026_11_22_0004_search_indexes.ts";
import * as m0005 from "./migrations/2026_11_22_0005_segment_snapshots.ts";
import * as m0006 from "./migrations/2026_11_22_0006_pattern_runs.ts";
import * as m0007 from "./migrations/2026_11_23_0007_month_money_micros.ts";
import * as m0008 from "./migrations/2026_11_23_0008_model_runs.ts";
import * as m0009 from "./migrations/2026_11_23_0009_membership.ts";
import * as m0010 from "./migrations/2026_11_23_0010_rfm8.ts";
import * as m0011 from "./migrations/2026_11_23_0011_complaint_recovery.ts";
import * as m0012 from "./migrations/2026_11_23_0012_surveys.ts";
import * as m0013 from "./migrations/2026_11_23_0013_jobs.ts";
import * as m0014 from "./migrations/2026_11_23_0014_message_sends.ts";
import * as m0015 from "./migrations/2026_11_23_0015_actions.ts";
import * as m0017 from "./migrations/2026_11_23_0017_plan_control.ts";
import * as m0018 from "./migrations/2026_11_23_0018_plan_emails.ts";

/** All migrations, in order. Forward-only: a released migration is never edited. */
const migrations: Record<string, Migration> = {
  "2026_11_22_0001_archive": m0001,
  "2026_11_22_0002_server": m0002,
  "2026_11_22_0003_name_initials": m0003,
  "2026_11_22_0004_search_indexes": m0004,
  "2026_11_22_0005_segment_snapshots": m0005,
  "2026_11_22_0006_pattern_runs": m0006,
  "2026_11_23_0007_month_money_micros": m0007,
  "2026_11_23_0008_model_runs": m0008,
  "2026_11_23_0009_membership": m0009,
  "2026_11_23_0010_rfm8": m0010,
  "2026_11_23_0011_complaint_recovery": m0011,
  "2026_11_23_0012_surveys": m0012,
  "2026_11_23_0013_jobs": m0013,
  "2026_11_23_0014_message_sends": m0014,
  "2026_11_23_0015_actions": m0015,
  "2026_11_23_0017_plan_control": m0017,
  "2026_11_23_0018_plan_emails": m0018,
};

const LATEST = Object.keys(migrations).sort().at(-1)!;

/** Whether the newest migration has run: one query, so opening an up-to-date store stays quick. */
async function isCurrent(db: Kysely<any>): Promise<boolean> {
  try {
    const res = await sql<{ name: string }>`select name from retain_migration where name = ${LATEST}`.execute(db);
    return res.rows.length === 1;
  } catch {
    return false; // a new store: no migration table yet
  }
}

/** Brings the schema to the latest migration and returns what ran. */
export async function migrateToLatest(db: Kysely<any>): Promise<MigrationResult[]> {
  if (await isCurrent(db)) return [];
  return migrate(db, (m) => m.migrateToLatest());
}

/**
 * Brings the schema up to the named migration only (a store as an older version left it,
 * for testing what a later migration does to it).
 */
export async function migrateUpTo(db: Kysely<any>, name: string): Promise<MigrationResult[]> {
  if (!(name in migrations)) throw new RangeError(`no migration named ${name}`);
  return migrate(db, (m) => m.migrateTo(name));
}

async function migrate(db: Kysely<any>, run: (m: Migrator) => ReturnType<Migrator["migrateToLatest"]>): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: "retain_migration",
    migrationLockTableName: "retain_migration_lock",
  });
  const { error, results = [] } = await run(migrator);
  if (error) {
    const failed = results.find((r) => r.status === "Error")?.migrationName ?? "unknown";
    throw new RetainError("STORE_UNAVAILABLE", `Migration ${failed} failed: ${(error as Error).message}`, {}, { cause: error });
  }
  return results;
}
