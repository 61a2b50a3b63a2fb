import { describe, expect, it } from "vitest";
import { journeysFor, planJourney } from "./post-purchase.ts";

const tea = new Map([["茶叶", { infoAfterDays: 3, checkInAfterDays: 20, replacementCycleDays: 60, offerLeadDays: 7 }]]);

describe("the post-purchase journey", () => {
  it("welcomes within a day, informs, checks in, and offers a repurchase before the tea runs out", () => {
    const steps = planJourney({ customer: 1, day: 1000, categories: ["茶叶"] }, tea);
    expect(steps.map((s) => [s.step, s.due, s.basis])).toEqual([
      ["welcome", 1001, undefined], ["information", 1003, undefined], ["checkIn", 1020, undefined], ["repurchaseOffer", 1053, "cycle"],
    ]);
  });

  it("times the offer by the models' expected next order when there is one, never before the check-in", () => {
    expect(planJourney({ customer: 1, day: 1000, categories: ["茶叶"], expectedNextOrderDay: 1040 }, tea).at(-1)).toMatchObject({ step: "repurchaseOffer", due: 1033, basis: "model" });
    expect(planJourney({ customer: 1, day: 1000, categories: ["茶叶"], expectedNextOrderDay: 1010 }, tea).at(-1)).toMatchObject({ due: 1021, basis: "model" });
  });

  it("sends one welcome per purchase and a journey per category, with the defaults for an unset category", () => {
    const steps = planJourney({ customer: 1, day: 0, categories: ["茶叶", "茶具", "茶叶"] }, tea);
    expect(steps.filter((s) => s.step === "welcome")).toHaveLength(1);
    expect(steps.filter((s) => s.step === "repurchaseOffer").map((s) => [s.category, s.due])).toEqual([["茶叶", 53], ["茶具", 166]]);
  });

  it("drops the earlier journey's offer and same-category check-in once the customer buys again", () => {
    const steps = journeysFor([{ customer: 1, day: 0, categories: ["茶叶"] }, { customer: 1, day: 15, categories: ["茶叶"] }], tea);
    const first = steps.filter((s) => s.orderDay === 0).map((s) => s.step);
    expect(first).toEqual(["welcome", "information"]);
    expect(steps.filter((s) => s.orderDay === 15).map((s) => s.step)).toEqual(["welcome", "information", "checkIn", "repurchaseOffer"]);
  });
});

describe("the welcome's delay", () => {
  it("is the one given, for every purchase of a customer", () => {
    const steps = journeysFor([{ customer: 1, day: 100, categories: ["tea"] }, { customer: 1, day: 200, categories: ["tea"] }], new Map(), 3);
    expect(steps.filter((s) => s.step === "welcome").map((s) => s.due)).toEqual([103, 203]);
  });
});
