import { describe, expect, it } from "vitest";
import { parseRefs } from "./refs";

describe("parseRefs", () => {
  it("splits on lines, commas and semicolons, keeps each reference once and in order", () => {
    expect(parseRefs(" C000123\nC000456, 42;C000123\r\n\n")).toEqual(["C000123", "C000456", "42"]);
  });
  it("accepts the full-width separators of Chinese text", () => {
    expect(parseRefs("C1，C2；C3、C4")).toEqual(["C1", "C2", "C3", "C4"]);
  });
  it("finds nothing in blank text", () => {
    expect(parseRefs(" \n ,")).toEqual([]);
  });
});
