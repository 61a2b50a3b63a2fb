import { describe, expect, it } from "vitest";
import { MONEY, toEvent } from "./toEvent";

describe("toEvent", () => {
  it("trims text, drops blank questions and keeps amounts as typed", () => {
    expect(toEvent("heard", { account: " late parcel ", openQuestions: [" when? ", " "] })).toEqual({ type: "heard", account: "late parcel", openQuestions: ["when?"] });
    expect(toEvent("fix_proposed", { finding: "founded", demand: "reasonable", demandReason: " fair ", fix: " refund ", compensation: "250.50" }))
      .toEqual({ type: "fix_proposed", finding: "founded", demand: "reasonable", demandReason: "fair", fix: "refund", compensation: "250.50" });
    expect(toEvent("compensation_given", { items: [{ kind: "coupon", cost: " 20 ", note: " " }] })).toEqual({ type: "compensation_given", items: [{ kind: "coupon", cost: "20", note: null }] });
    expect(toEvent("fix_approved", {})).toEqual({ type: "fix_approved" });
  });

  it("accepts decimal amounts only", () => {
    expect(["0", "50", "19.90", "250.123456"].every((m) => MONEY.test(m))).toBe(true);
    expect(["-1", "1,000", "1e3", "12.", ".5", "19.1234567"].some((m) => MONEY.test(m))).toBe(false);
  });
});
