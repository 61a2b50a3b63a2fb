/** The staff roles an account has: what it may see and do (accounts/, http/auth.ts) and what it may decide (complaints' authority). */
export type Role = "admin" | "manager" | "agent" | "analyst";
export const ROLES: readonly Role[] = ["admin", "manager", "agent", "analyst"];
