import { describe, expect, it } from "vitest";
import { changedRules, DEFAULT_RULES, flatRules, reportQueryOf, RFM_SEGMENTS, rfmSegment, snapshotRules, windowOf } from "./rules";

describe("windowOf", () => {
  it("reads month windows back as the server starts them", () => {
    expect(windowOf("2026-10-31", "2025-11-01")).toBe("12m");
    expect(windowOf("2026-06-30", "2025-07-01")).toBe("12m");
    expect(windowOf("2026-06-30", "2026-04-01")).toBe("3m");
    expect(windowOf("2026-06-30", "2024-07-01")).toBe("24m");
    // Mid-month: 15 March + 1 day, 12 months back.
    expect(windowOf("2026-03-15", "2025-03-16")).toBe("12m");
  });

  it("falls back to days when no whole number of months fits", () => {
    expect(windowOf("2026-06-30", "2026-04-02")).toBe("90d");
  });
});

describe("the RFM grid", () => {
  it("puts each of the 25 cells in exactly one segment", () => {
    for (let r = 1; r <= 5; r++) {
      for (let f = 1; f <= 5; f++) {
        expect(RFM_SEGMENTS.filter((s) => (s.r as readonly number[]).includes(r) && (s.f as readonly number[]).includes(f))).toHaveLength(1);
      }
    }
    expect(rfmSegment(5, 5)).toBe("champions");
    expect(rfmSegment(1, 1)).toBe("hibernating");
    expect(rfmSegment(3, 3)).toBe("need_attention");
  });
});

describe("rules", () => {
  it("fills a snapshot's missing parts with the defaults", () => {
    expect(snapshotRules({})).toEqual(DEFAULT_RULES);
    expect(snapshotRules({ loyalty: { churnDays: 200 } }).loyalty).toEqual({ ...DEFAULT_RULES.loyalty, churnDays: 200 });
  });

  it("sends only the fields changed from the defaults", () => {
    expect(changedRules(flatRules(DEFAULT_RULES))).toEqual({});
    expect(changedRules({ ...flatRules(DEFAULT_RULES), churnDays: 200, transactionDays: 3 })).toEqual({ churnDays: 200, transactionDays: 3 });
  });

  it("asks the value report for a snapshot's date, window, measure and rules", () => {
    const q = reportQueryOf({ asOf: "2026-10-31", windowFrom: "2025-11-01", by: "margin", rules: { profitGroups: { topShare: 0.1, change: 0.25 } } });
    expect(q).toMatchObject({ asOf: "2026-10-31", window: "12m", by: "margin", topShare: 0.1, churnDays: 365, transactionDiscount: 0.3 });
  });
});
