import { describe, expect, it } from "vitest";
import { fillMonths } from "./fillMonths";

describe("fillMonths", () => {
  it("fills the months without purchases with zeros, across a year end", () => {
    expect(fillMonths([
      { month: "2024-02", orders: 1, sales: "10", returns: "0" },
      { month: "2023-11", orders: 2, sales: "30.5", returns: "5" },
    ])).toEqual([
      { month: "2023-11", orders: 2, sales: "30.5", returns: "5" },
      { month: "2023-12", orders: 0, sales: "0", returns: "0" },
      { month: "2024-01", orders: 0, sales: "0", returns: "0" },
      { month: "2024-02", orders: 1, sales: "10", returns: "0" },
    ]);
  });

  it("gives nothing for a customer without purchases", () => {
    expect(fillMonths([])).toEqual([]);
  });
});
