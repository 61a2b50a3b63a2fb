import type { Kysely } from "kysely";
import type { Principal } from "../accounts/sessions.repository.ts";
import type { Role } from "../accounts/users.repository.ts";
import { RetainError } from "../errors.ts";
import type { Database } from "../store/schema.ts";

/** What a route needs. Each route names one; `public` routes need no sign-in. */
export type Permission =
  | "signed-in"
  | "customers:read"
  | "customers:write"
  | "customers:merge"
  | "customers:privacy"
  | "imports:run"
  | "imports:read"
  | "users:manage"
  | "settings:manage"
  | "audit:read"
  | "webhooks:manage"
  | "reports:read"
  | "segments:write"
  | "complaints:read"
  | "complaints:write"
  | "surveys:manage"
  /** Contact plans, campaigns, journey and reminder settings, deciding and rewarding suggestions. */
  | "actions:manage"
  /** The team's agendas (a manager's view of every rep's tasks). */
  | "tasks:team";

/** The grants of each role (docs/http-api.md, "Roles"). */
export const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  admin: new Set<Permission>([
    "signed-in", "customers:read", "customers:write", "customers:merge", "customers:privacy", "imports:run", "imports:read",
    "users:manage", "settings:manage", "audit:read", "webhooks:manage", "reports:read", "segments:write",
    "complaints:read", "complaints:write", "surveys:manage", "actions:manage", "tasks:team",
  ]),
  manager: new Set<Permission>(["signed-in", "customers:read", "customers:write", "customers:merge", "customers:privacy", "imports:run", "imports:read", "reports:read", "segments:write",
    "complaints:read", "complaints:write", "surveys:manage", "actions:manage", "tasks:team"]),
  // Agents work on their book; reports cover the whole business.
  agent: new Set<Permission>(["signed-in", "customers:read", "customers:write", "complaints:read", "complaints:write"]),
  analyst: new Set<Permission>(["signed-in", "customers:read", "imports:read", "reports:read", "segments:write", "complaints:read"]),
};

export function can(p: Principal, permission: Permission): boolean {
  return GRANTS[p.role].has(permission);
}

export function requirePermission(p: Principal, permission: Permission): void {
  if (!can(p, permission)) {
    throw new RetainError("FORBIDDEN", `Your role (${p.role}) may not do this; it needs "${permission}".`, { hint: "Ask an admin to change your role if you need it." });
  }
}

/** Agents work on the customers of their book: owned by them or by someone in their team. */
export const isScoped = (p: Principal): boolean => p.role === "agent";

/** Refuses a customer outside the principal's book (403), or an unknown one (404). */
export async function assertCustomerAccess(db: Kysely<Database>, p: Principal, customerId: number): Promise<void> {
  const row = await db.selectFrom("customers").select(["customer_id", "owner_id"]).where("customer_id", "=", customerId).executeTakeFirst();
  if (!row) throw new RetainError("NOT_FOUND", `No customer with id ${customerId}.`, { field: "id" });
  if (!isScoped(p)) return;
  if (row.owner_id === p.userId) return;
  if (p.team && row.owner_id !== null) {
    const owner = await db.selectFrom("users").select("team").where("user_id", "=", row.owner_id).executeTakeFirst();
    if (owner?.team === p.team) return;
  }
  throw new RetainError("FORBIDDEN", `Customer ${customerId} is not in your book (owned by you or your team).`, {
    field: "id", hint: "Ask a manager to assign the customer to you.",
  });
}

/** An agent may assign customers only within their own book: to themselves or a teammate. */
export async function assertAssignable(db: Kysely<Database>, p: Principal, ownerId: number | null): Promise<void> {
  if (!isScoped(p)) return;
  if (ownerId === p.userId) return;
  if (ownerId !== null && p.team) {
    const owner = await db.selectFrom("users").select("team").where("user_id", "=", ownerId).executeTakeFirst();
    if (owner?.team === p.team) return;
  }
  throw new RetainError("FORBIDDEN", "Agents can assign customers only to themselves or a teammate.", { field: "ownerId" });
}
