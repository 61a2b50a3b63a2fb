import { sql, type Kysely } from "kysely";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";

import type { Role } from "../domain/roles.ts";

export { ROLES, type Role } from "../domain/roles.ts";

export interface User {
  id: number;
  email: string;
  name: string;
  role: Role;
  team: string | null;
  disabled: boolean;
  createdAt: Date;
}

type Db = Kysely<Database>;

const COLUMNS = ["user_id", "email", "name", "role", "team", "disabled", "created_at"] as const;
const toUser = (r: { user_id: number; email: string; name: string; role: Role; team: string | null; disabled: boolean; created_at: Date }): User => ({
  id: r.user_id, email: r.email, name: r.name, role: r.role, team: r.team, disabled: r.disabled, createdAt: r.created_at,
});

export async function listUsers(db: Db): Promise<User[]> {
  return (await db.selectFrom("users").select(COLUMNS).orderBy("user_id").execute()).map(toUser);
}

export async function getUser(db: Db, id: number): Promise<User> {
  const r = await db.selectFrom("users").select(COLUMNS).where("user_id", "=", id).executeTakeFirst();
  if (!r) throw new RetainError("NOT_FOUND", `No user with id ${id}.`, { field: "id" });
  return toUser(r);
}

/** The user and password hash for a sign-in, by e-mail in any case. */
export async function findLogin(db: Db, email: string) {
  const r = await db.selectFrom("users").select([...COLUMNS, "password_hash"])
    .where(sql`lower(email)`, "=", email.trim().toLowerCase()).executeTakeFirst();
  return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
}

export async function insertUser(db: Db, u: { email: string; name: string; role: Role; team?: string | null; passwordHash: string | null }): Promise<User> {
  const email = u.email.trim().toLowerCase();
  const clash = await db.selectFrom("users").select("user_id").where(sql`lower(email)`, "=", email).executeTakeFirst();
  if (clash) throw new RetainError("CONFLICT", `A user with e-mail ${email} already exists.`, { field: "email" });
  const r = await db.insertInto("users")
    .values({ email, name: u.name.trim(), role: u.role, team: u.team?.trim() || null, password_hash: u.passwordHash })
    .returning(COLUMNS).executeTakeFirstOrThrow();
  return toUser(r);
}

export interface UserPatch {
  name?: string;
  role?: Role;
  team?: string | null;
  disabled?: boolean;
  passwordHash?: string;
}

export async function updateUser(db: Db, id: number, patch: UserPatch): Promise<{ before: User; after: User }> {
  const before = await getUser(db, id);
  const r = await db.updateTable("users").set({
    ...(patch.name !== undefined ? { name: patch.name.trim() } : {}),
    ...(patch.role !== undefined ? { role: patch.role } : {}),
    ...(patch.team !== undefined ? { team: patch.team?.trim() || null } : {}),
    ...(patch.disabled !== undefined ? { disabled: patch.disabled } : {}),
    ...(patch.passwordHash !== undefined ? { password_hash: patch.passwordHash } : {}),
    updated_at: sql`now()`,
  }).where("user_id", "=", id).returning(COLUMNS).executeTakeFirstOrThrow();
  return { before, after: toUser(r) };
}

/** Admins that can still sign in: the last one must not be demoted or disabled. */
export async function activeAdminCount(db: Db): Promise<number> {
  const r = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n"))
    .where("role", "=", "admin").where("disabled", "=", false).where("password_hash", "is not", null).executeTakeFirstOrThrow();
  return Number(r.n);
}
