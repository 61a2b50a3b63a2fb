import { sql, type Kysely } from "kysely";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { randomToken, sha256 } from "./secrets.ts";
import type { Principal } from "./sessions.repository.ts";

type Db = Kysely<Database>;

export const TOKEN_PREFIX = "rt_";

export interface ApiToken {
  id: number;
  name: string;
  prefix: string;
  createdAt: Date;
  lastUsedAt: Date | null;
  expiresAt: Date | null;
}

const COLUMNS = ["token_id", "name", "prefix", "created_at", "last_used_at", "expires_at"] as const;
const toToken = (r: { token_id: number; name: string; prefix: string; created_at: Date; last_used_at: Date | null; expires_at: Date | null }): ApiToken => ({
  id: r.token_id, name: r.name, prefix: r.prefix, createdAt: r.created_at, lastUsedAt: r.last_used_at, expiresAt: r.expires_at,
});

/** A new personal token; the secret is returned here once and stored only as its hash. */
export async function createToken(db: Db, userId: number, name: string, expiresInDays?: number) {
  const token = `${TOKEN_PREFIX}${randomToken(30)}`;
  const r = await db.insertInto("api_tokens").values({
    user_id: userId, name: name.trim(), token_hash: sha256(token), prefix: token.slice(0, 10),
    expires_at: expiresInDays ? new Date(Date.now() + expiresInDays * 86_400_000) : null,
  }).returning(COLUMNS).executeTakeFirstOrThrow();
  return { ...toToken(r), token };
}

export async function listTokens(db: Db, userId: number): Promise<ApiToken[]> {
  const rows = await db.selectFrom("api_tokens").select(COLUMNS).where("user_id", "=", userId).where("revoked_at", "is", null)
    .orderBy("token_id", "desc").execute();
  return rows.map(toToken);
}

export async function revokeToken(db: Db, userId: number, tokenId: number): Promise<ApiToken> {
  const r = await db.updateTable("api_tokens").set({ revoked_at: sql`now()` })
    .where("token_id", "=", tokenId).where("user_id", "=", userId).where("revoked_at", "is", null)
    .returning(COLUMNS).executeTakeFirst();
  if (!r) throw new RetainError("NOT_FOUND", `You have no active token with id ${tokenId}.`, { field: "id" });
  return toToken(r);
}

export async function resolveToken(db: Db, token: string): Promise<Principal | null> {
  if (!token.startsWith(TOKEN_PREFIX)) return null;
  const hash = sha256(token);
  const r = await db.selectFrom("api_tokens as t").innerJoin("users as u", "u.user_id", "t.user_id")
    .select(["t.token_id", "t.expires_at", "t.last_used_at", "u.user_id", "u.email", "u.name", "u.role", "u.team", "u.disabled"])
    .where("t.token_hash", "=", hash).where("t.revoked_at", "is", null).executeTakeFirst();
  if (!r || r.disabled || (r.expires_at && r.expires_at.getTime() < Date.now())) return null;
  if (!r.last_used_at || r.last_used_at.getTime() + 60_000 < Date.now()) {
    await db.updateTable("api_tokens").set({ last_used_at: sql`now()` }).where("token_id", "=", r.token_id).execute();
  }
  return { userId: r.user_id, email: r.email, name: r.name, role: r.role, team: r.team, via: "token" };
}
