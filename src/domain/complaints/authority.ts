/**
 * Who may handle complaints and how much compensation each role may grant on its own (seed
 * 000: "staff must have the authority and skill to act"). Above a handler's limit a fix
 * needs the approval of another person whose limit covers it.
 */
import { cmpMoney, isMoney } from "./money.ts";
import { ROLES, type RecoveryError, type Role } from "./types.ts";

/**
 * Per role: a decimal string = may authorise compensation up to it; null = no limit; a role
 * left out may not handle complaints at all.
 */
export interface AuthorityPolicy {
  readonly limits: Readonly<Partial<Record<Role, string | null>>>;
}

/** Agents up to 200.00, managers up to 2000.00, admins without limit; analysts only read. */
export const DEFAULT_AUTHORITY: AuthorityPolicy = Object.freeze({
  limits: Object.freeze({ agent: "200.00", manager: "2000.00", admin: null }),
});

/** What is wrong with a policy read from settings: one issue per bad entry, none when fine. */
export function validatePolicy(policy: AuthorityPolicy): RecoveryError[] {
  const issues: RecoveryError[] = [];
  for (const [role, limit] of Object.entries(policy.limits)) {
    if (!(ROLES as readonly string[]).includes(role)) {
      issues.push({ code: "BAD_INPUT", field: `limits.${role}`, message: `"${role}" is not a role; use one of ${ROLES.join(", ")}.` });
    } else if (limit !== null && !isMoney(limit)) {
      issues.push({ code: "BAD_INPUT", field: `limits.${role}`, message: `The limit for ${role} must be a non-negative amount such as "200.00", or null for no limit; got ${JSON.stringify(limit)}.` });
    }
  }
  return issues;
}

/** The role's limit: absent when it may not handle complaints, null when it has none. */
export function limitOf(role: Role, policy: AuthorityPolicy): { handles: false } | { handles: true; limit: string | null } {
  const limit = Object.hasOwn(policy.limits, role) ? policy.limits[role] : undefined;
  return limit === undefined ? { handles: false } : { handles: true, limit };
}

/** Whether the role may work on complaints at all. */
export const canHandle = (role: Role, policy: AuthorityPolicy): boolean => limitOf(role, policy).handles;

/** Whether the role may grant `amount` of compensation on its own authority. */
export function canAuthorise(role: Role, amount: string, policy: AuthorityPolicy): boolean {
  const l = limitOf(role, policy);
  return l.handles && (l.limit === null || cmpMoney(amount, l.limit) <= 0);
}

/** The roles that could approve `amount`, for the UI to say whom to ask. */
export const approversFor = (amount: string, policy: AuthorityPolicy): Role[] => ROLES.filter((r) => canAuthorise(r, amount, policy));

/**
 * Why `approver` may not approve (or refuse) a fix of `amount` proposed by `proposerId`, or
 * null when they may: never the proposer, and only a role whose limit covers the amount.
 */
export function approvalRefusal(
  approver: { id: number; role: Role },
  proposerId: number,
  amount: string,
  policy: AuthorityPolicy,
): RecoveryError | null {
  if (approver.id === proposerId) {
    return { code: "SELF_APPROVAL", field: "actorId", message: "The person who proposed a fix cannot decide on it; ask someone else whose limit covers it." };
  }
  if (!canAuthorise(approver.role, amount, policy)) {
    const who = approversFor(amount, policy).join(" or ") || "no role at all: lower the amount";
    return { code: "APPROVER_LIMIT", field: "role", message: `The role ${approver.role} may not decide on compensation of ${amount}; it needs ${who}.` };
  }
  return null;
}
