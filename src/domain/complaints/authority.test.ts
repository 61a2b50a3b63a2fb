import { describe, expect, it } from "vitest";
import { approvalRefusal, approversFor, canAuthorise, canHandle, DEFAULT_AUTHORITY, limitOf, validatePolicy, type AuthorityPolicy } from "./authority.ts";

const policy = DEFAULT_AUTHORITY;

describe("authority limits", () => {
  it.each([
    ["agent", "0", true], ["agent", "200", true], ["agent", "200.00", true], ["agent", "200.000001", false], ["agent", "201", false],
    ["manager", "2000.00", true], ["manager", "2000.01", false], ["admin", "99999999999.99", true],
    ["analyst", "0", false], ["analyst", "1", false],
  ] as const)("%s may authorise %s: %s", (role, amount, yes) => {
    expect(canAuthorise(role, amount, policy)).toBe(yes);
  });

  it("says who handles complaints and with what limit", () => {
    expect(limitOf("agent", policy)).toEqual({ handles: true, limit: "200.00" });
    expect(limitOf("admin", policy)).toEqual({ handles: true, limit: null });
    expect(limitOf("analyst", policy)).toEqual({ handles: false });
    expect(canHandle("analyst", policy)).toBe(false);
    // A prototype key is not a role's limit.
    expect(limitOf("constructor" as never, policy)).toEqual({ handles: false });
  });

  it("names the roles that could approve an amount", () => {
    expect(approversFor("150", policy)).toEqual(["admin", "manager", "agent"]);
    expect(approversFor("1500", policy)).toEqual(["admin", "manager"]);
    expect(approversFor("1500", { limits: { agent: "200" } })).toEqual([]);
  });

  it("refuses approval by the proposer or by a role whose limit is below the amount", () => {
    expect(approvalRefusal({ id: 3, role: "manager" }, 1, "500", policy)).toBeNull();
    expect(approvalRefusal({ id: 1, role: "admin" }, 1, "500", policy)?.code).toBe("SELF_APPROVAL");
    expect(approvalRefusal({ id: 2, role: "agent" }, 1, "500", policy)).toMatchObject({ code: "APPROVER_LIMIT", message: expect.stringContaining("admin or manager") });
    expect(approvalRefusal({ id: 5, role: "analyst" }, 1, "0", policy)?.code).toBe("APPROVER_LIMIT");
  });

  it("validates a policy read from settings", () => {
    expect(validatePolicy(policy)).toEqual([]);
    const bad = { limits: { agent: "-5", manager: "lots", boss: "1" } } as unknown as AuthorityPolicy;
    expect(validatePolicy(bad).map((i) => i.field)).toEqual(["limits.agent", "limits.manager", "limits.boss"]);
  });

  it("keeps the default frozen", () => {
    expect(Object.isFrozen(DEFAULT_AUTHORITY) && Object.isFrozen(DEFAULT_AUTHORITY.limits)).toBe(true);
  });
});
