import { describe, expect, it } from "vitest";
import type { TimelineEvent } from "../api/types";
import { ordersByMonth } from "./ordersByMonth";

const order = (at: string, isReturn = false): TimelineEvent => ({
  kind: "order",
  at,
  ref: 1,
  data: { orderNo: "A", channel: null, currency: "CNY", amount: "1", baseAmount: "1", lines: 1, isReturn },
});

describe("ordersByMonth", () => {
  it("counts orders and returns per month and fills the empty months", () => {
    const events: TimelineEvent[] = [
      order("2024-03-02T10:00:00Z"),
      order("2023-12-30T10:00:00Z"),
      order("2024-03-20T10:00:00Z", true),
      { kind: "interaction", at: "2024-01-10T00:00:00Z", ref: 2, data: { channel: "phone", direction: null, purpose: null, outcome: null, notes: null, userId: null } },
    ];
    expect(ordersByMonth(events)).toEqual([
      { month: "2023-12", orders: 1, returns: 0 },
      { month: "2024-01", orders: 0, returns: 0 },
      { month: "2024-02", orders: 0, returns: 0 },
      { month: "2024-03", orders: 1, returns: 1 },
    ]);
  });

  it("gives nothing for a customer without orders", () => {
    expect(ordersByMonth([])).toEqual([]);
  });
});
