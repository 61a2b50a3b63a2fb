import { describe, expect, it } from "vitest";
import { filtersToParams, isFiltered, parseFilters } from "./filters";

describe("customer list filters", () => {
  it("round-trips through the URL", () => {
    const params = new URLSearchParams("q=wang&state=current,churned&tag=vip,b2b&ownerId=none&minSales=100.50&sort=sales&order=desc");
    const f = parseFilters(params);
    expect(f.state).toEqual(["current", "churned"]);
    expect(f.ownerId).toBe("none");
    expect(filtersToParams(f)).toEqual({
      q: "wang", state: "current,churned", tag: "vip,b2b", ownerId: "none", minSales: "100.50", sort: "sales", order: "desc",
    });
  });

  it("drops values the API would refuse", () => {
    const f = parseFilters(new URLSearchParams("state=current,bogus&kind=alien&sort=evil&order=sideways"));
    expect(f.state).toEqual(["current"]);
    expect(f.kind).toBeUndefined();
    expect(f.sort).toBeUndefined();
    expect(filtersToParams(f)).toEqual({ state: "current" });
  });

  it("tells a sorted list from a filtered one", () => {
    expect(isFiltered(parseFilters(new URLSearchParams("sort=name&order=asc")))).toBe(false);
    expect(isFiltered(parseFilters(new URLSearchParams("kind=enterprise")))).toBe(true);
  });
});
