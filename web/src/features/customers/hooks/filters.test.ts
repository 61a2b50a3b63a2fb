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

  it("keeps the prediction filters as shares from 0 to 1", () => {
    const f = parseFilters(new URLSearchParams("minChurn=0.5&maxAlive=0.25"));
    expect(f.minChurn).toBe("0.5");
    expect(f.maxAlive).toBe("0.25");
    expect(filtersToParams(f)).toEqual({ minChurn: "0.5", maxAlive: "0.25" });
    expect(isFiltered(f)).toBe(true);
    for (const bad of ["50", "-0.1", "1.5", "half", "0.5.1"]) expect(parseFilters(new URLSearchParams(`minChurn=${bad}`)).minChurn).toBeUndefined();
    expect(parseFilters(new URLSearchParams("maxAlive=1")).maxAlive).toBe("1");
    expect(parseFilters(new URLSearchParams("maxAlive=0")).maxAlive).toBe("0");
  });

  it("tells a sorted list from a filtered one", () => {
    expect(isFiltered(parseFilters(new URLSearchParams("sort=name&order=asc")))).toBe(false);
    expect(isFiltered(parseFilters(new URLSearchParams("kind=enterprise")))).toBe(true);
  });
});
