import { describe, expect, it } from "vitest";
import { changedMapping } from "./changedMapping";

describe("the overrides the wizard sends", () => {
  const guess = { customerRef: "买家 (buyer)", orderNo: "主订单编号", orderedAt: "订单提交时间" };

  it("sends nothing when the user kept the server's guess, even for computed columns", () => {
    expect(changedMapping(guess, { ...guess })).toEqual({});
  });

  it("sends a changed field, and a cleared one as empty (unmapped)", () => {
    const { orderNo: _dropped, ...rest } = guess;
    expect(changedMapping(guess, { ...rest, orderedAt: "支付完成时间", sku: "商家编码" })).toEqual({ orderedAt: "支付完成时间", sku: "商家编码", orderNo: "" });
  });
});
