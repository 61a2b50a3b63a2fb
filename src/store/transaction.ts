import type { Kysely, Transaction } from "kysely";

/**
 * Runs `fn` in a transaction: the caller's, when `db` already is one (so a service can be
 * composed into a larger change and commit or roll back with it), or a new one.
 */
export async function inTransaction<DB, T>(db: Kysely<DB>, fn: (trx: Transaction<DB>) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Transaction<DB>);
  return db.transaction().execute(fn);
}
