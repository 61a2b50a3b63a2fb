import { describe, expect, it } from "vitest";
import { jsonDiff } from "./jsonDiff";

describe("jsonDiff", () => {
  it("lists the fields that changed, added or removed", () => {
    expect(jsonDiff({ name: "A", tags: ["x"], phone: "1" }, { name: "B", tags: ["x"], email: "a@b.c" })).toEqual([
      { field: "email", before: undefined, after: "a@b.c" },
      { field: "name", before: "A", after: "B" },
      { field: "phone", before: "1", after: undefined },
    ]);
  });

  it("shows every field of a creation", () => {
    expect(jsonDiff(null, { id: 1 })).toEqual([{ field: "id", before: undefined, after: 1 }]);
  });
});
