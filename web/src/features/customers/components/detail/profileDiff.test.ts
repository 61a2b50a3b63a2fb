import { describe, expect, it } from "vitest";
import { profileDiff } from "./profileDiff";

describe("profileDiff", () => {
  it("sends changed and new keys, and null for removed ones", () => {
    const before = { city: "Hangzhou", children: 2, vip: true };
    const entries = [
      { key: "city", value: "Shanghai" },
      { key: "children", value: "2" },
      { key: " hobby ", value: "tea" },
    ];
    expect(profileDiff(before, entries)).toEqual({ city: "Shanghai", hobby: "tea", vip: null });
  });

  it("sends nothing when nothing changed", () => {
    expect(profileDiff({ a: "x" }, [{ key: "a", value: "x" }])).toEqual({});
  });
});
