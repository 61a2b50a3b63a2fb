import { describe, expect, it } from "vitest";
import { formField, isContact } from "./rules";

describe("the public form's checks", () => {
  it("takes an e-mail or a phone number in the spellings the server takes, and refuses the rest", () => {
    for (const ok of ["wang.fang@example.com", " Wang@Example.COM ", "138 0013 8000", "+86 (21) 6123-4567", "021.6123.4567"]) expect(isContact(ok), ok).toBe(true);
    for (const bad of ["", "12345", "wang@", "@example.com", "call me", "138 0013 8000 ext 5", "a@b.c"]) expect(isContact(bad), bad).toBe(false);
  });

  it("maps the server's field names onto the form's", () => {
    expect(formField("body.words")).toBe("words");
    expect(formField("category")).toBe("category");
    expect(formField("token")).toBeNull();
    expect(formField(undefined)).toBeNull();
  });
});
