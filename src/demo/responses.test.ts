import { describe, expect, it } from "vitest";
import { PRODUCTS } from "./catalog.ts";
import { responseLines, type ContactedCustomer } from "./responses.ts";

const customers: ContactedCustomer[] = Array.from({ length: 4000 }, (_, i) => ({ customerId: i + 1, ref: `C${i + 1}`, enterprise: i % 10 === 0 }));
const FROM = 20_300;
const TO = FROM + 89;

describe("the demo's simulated responses to a contact", () => {
  it("has about `lift` of the contacted customers buy once in the window, at list price with cost", () => {
    const lines = responseLines(42, "winback-1", customers, FROM, TO, 0.12);
    const buyers = new Set(lines.map((l) => l.customerRef));
    // 4,000 draws at 12%: 480 expected, sd ≈ 20.6
    expect(buyers.size).toBeGreaterThan(480 - 4 * 21);
    expect(buyers.size).toBeLessThan(480 + 4 * 21);
    const bySku = new Map(PRODUCTS.map((p) => [p.sku, p]));
    for (const l of lines) {
      const p = bySku.get(l.sku!)!;
      expect(l.unitPrice).toBe(p.listPrice);
      expect(l.unitCost).toBe(p.unitCost);
      expect(Number(l.amount)).toBeCloseTo(Number(l.quantity) * Number(p.listPrice), 6);
      const day = Date.parse(l.orderedAt) / 86_400_000;
      expect(day).toBeGreaterThanOrEqual(FROM);
      expect(day).toBeLessThanOrEqual(TO);
    }
    // one order per buyer
    expect(new Set(lines.map((l) => l.orderNo)).size).toBe(buyers.size);
  });

  it("is the same for the same seed and tag, and independent across tags", () => {
    const a = responseLines(42, "winback-1", customers, FROM, TO, 0.12);
    expect(responseLines(42, "winback-1", customers, FROM, TO, 0.12)).toEqual(a);
    const b = new Set(responseLines(42, "plan-1", customers, FROM, TO, 0.12).map((l) => l.customerRef));
    const both = [...new Set(a.map((l) => l.customerRef))].filter((r) => b.has(r)).length;
    // independent draws: about 12% of 12% of 4,000 = 58 in both
    expect(both).toBeGreaterThan(20);
    expect(both).toBeLessThan(110);
    expect(responseLines(42, "winback-1", customers, FROM, TO, 0)).toEqual([]);
  });
});
