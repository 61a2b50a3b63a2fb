import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.ts";

/**
 * Links that let a customer do one thing without signing in (answer a survey) carry a
 * signature made with a key kept in the store: made on first use, the same for every
 * server on the store, so a link can be shown again later and checked without storing it.
 * Deleting the settings row `link_signing_key` invalidates every link given out.
 */
const KEY = "link_signing_key";
let cached: { db: unknown; key: Buffer } | null = null;

async function signingKey(db: Kysely<Database>): Promise<Buffer> {
  if (cached?.db === db) return cached.key;
  const fresh = randomBytes(32).toString("base64url");
  // two servers starting together both insert; the first one wins and both read it back
  await sql`insert into settings (key, value) values (${KEY}, ${JSON.stringify(fresh)}::jsonb) on conflict (key) do nothing`.execute(db);
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirstOrThrow();
  const key = Buffer.from(String(row.value), "base64url");
  cached = { db, key };
  return key;
}

/** The signature of `purpose:payload`, base64url (22 characters, 128 bits). */
export async function signLink(db: Kysely<Database>, purpose: string, payload: string): Promise<string> {
  return createHmac("sha256", await signingKey(db)).update(`${purpose}:${payload}`).digest().subarray(0, 16).toString("base64url");
}

/** Whether `signature` is the one of `purpose:payload`, compared in constant time. */
export async function verifyLink(db: Kysely<Database>, purpose: string, payload: string, signature: string): Promise<boolean> {
  const want = Buffer.from(await signLink(db, purpose, payload));
  const got = Buffer.from(signature);
  return want.length === got.length && timingSafeEqual(want, got);
}
