import type { Kysely } from "kysely";
import { recordChange, type Actor } from "../audit/audit.repository.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";
import { inTransaction } from "../store/transaction.ts";
import { checkPasswordRule, hashPassword } from "./passwords.ts";
import { deleteUserSessions } from "./sessions.repository.ts";
import { activeAdminCount, insertUser, updateUser, type Role, type User } from "./users.repository.ts";

type Db = Kysely<Database>;

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Creates an account (audited). The password is hashed here; it is never stored or logged. */
export async function addUser(db: Db, input: { email: string; name: string; role: Role; team?: string | null; password: string }, actor: Actor): Promise<User> {
  if (!EMAIL.test(input.email.trim())) throw new RetainError("BAD_INPUT", `"${input.email}" is not an e-mail address.`, { field: "email" });
  if (!input.name.trim()) throw new RetainError("BAD_INPUT", "A user needs a name.", { field: "name" });
  checkPasswordRule(input.password);
  const passwordHash = await hashPassword(input.password);
  return inTransaction(db, async (trx) => {
    const user = await insertUser(trx, { ...input, passwordHash });
    await recordChange(trx, actor, { action: "user.created", entityType: "user", entityId: user.id, after: user });
    return user;
  });
}

/** Changes an account (audited); disabling it or setting its password ends its sessions. */
export async function changeUser(
  db: Db,
  id: number,
  patch: { name?: string; role?: Role; team?: string | null; disabled?: boolean; password?: string },
  actor: Actor,
): Promise<User> {
  if (patch.password !== undefined) checkPasswordRule(patch.password);
  const passwordHash = patch.password !== undefined ? await hashPassword(patch.password) : undefined;
  return inTransaction(db, async (trx) => {
    const { before, after } = await updateUser(trx, id, { name: patch.name, role: patch.role, team: patch.team, disabled: patch.disabled, passwordHash });
    if (before.role === "admin" && (after.role !== "admin" || after.disabled) && (await activeAdminCount(trx)) === 0) {
      throw new RetainError("CONFLICT", "That would leave no admin who can sign in.", { field: "role", hint: "Make another user admin first." });
    }
    if (after.disabled || passwordHash) await deleteUserSessions(trx, id);
    await recordChange(trx, actor, {
      action: "user.updated", entityType: "user", entityId: id,
      before, after: { ...after, ...(passwordHash ? { password: "changed" } : {}) },
    });
    return after;
  });
}
