import { sql, type Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { randomToken, sha256 } from "./secrets.ts";
import type { Role } from "./users.repository.ts";

type Db = Kysely<Database>;

/** How long a session lives without use, and at most. */
export const SESSION_IDLE_MS = 12 * 3600_000;
export const SESSION_MAX_MS = 30 * 24 * 3600_000;

export interface Principal {
  userId: number;
  email: string;
  name: string;
  role: Role;
  team: string | null;
  /** Present for a browser session: the token mutating requests must echo. */
  csrfToken?: string;
  via: "session" | "token";
}

export async function createSession(db: Db, userId: number, meta: { userAgent?: string | null; ip?: string | null }) {
  const id = randomToken(32);
  const csrfToken = randomToken(24);
  await db.insertInto("sessions").values({
    session_hash: sha256(id), user_id: userId, csrf_token: csrfToken,
    expires_at: new Date(Date.now() + SESSION_MAX_MS), user_agent: meta.userAgent?.slice(0, 300) ?? null, ip: meta.ip ?? null,
  }).execute();
  return { id, csrfToken };
}

/** The signed-in user of a session id, or null when unknown, expired, idle too long or disabled. */
export async function resolveSession(db: Db, id: string): Promise<Principal | null> {
  const hash = sha256(id);
  const r = await db.selectFrom("sessions as s").innerJoin("users as u", "u.user_id", "s.user_id")
    .select(["u.user_id", "u.email", "u.name", "u.role", "u.team", "u.disabled", "s.csrf_token", "s.expires_at", "s.last_seen_at"])
    .where("s.session_hash", "=", hash).executeTakeFirst();
  if (!r || r.disabled) return null;
  const now = Date.now();
  if (r.expires_at.getTime() < now || r.last_seen_at.getTime() + SESSION_IDLE_MS < now) {
    await db.deleteFrom("sessions").where("session_hash", "=", hash).execute();
    return null;
  }
  // Touch at most once a minute: a page load makes many requests.
  if (r.last_seen_at.getTime() + 60_000 < now) {
    await db.updateTable("sessions").set({ last_seen_at: sql`now()` }).where("session_hash", "=", hash).execute();
  }
  return { userId: r.user_id, email: r.email, name: r.name, role: r.role, team: r.team, csrfToken: r.csrf_token, via: "session" };
}

export async function deleteSession(db: Db, id: string): Promise<void> {
  await db.deleteFrom("sessions").where("session_hash", "=", sha256(id)).execute();
}

/** Signs a user out everywhere (password change, account disabled). */
export async function deleteUserSessions(db: Db, userId: number, exceptId?: string): Promise<void> {
  let q = db.deleteFrom("sessions").where("user_id", "=", userId);
  if (exceptId) q = q.where("session_hash", "<>", sha256(exceptId));
  await q.execute();
}
