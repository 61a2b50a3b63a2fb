import { describe, expect, it } from "vitest";
import { contactMatches, parseContact, samePhone } from "./public-intake.service.ts";

describe("the public form's contact check", () => {
  it("reads an e-mail in any case and a phone number in any spelling, and nothing else", () => {
    expect(parseContact("  Wang.Fang@Example.COM ")).toEqual({ kind: "email", value: "wang.fang@example.com" });
    expect(parseContact("+86 (138) 0013-8000")).toEqual({ kind: "phone", digits: "8613800138000" });
    expect(parseContact("021.6123.4567")).toEqual({ kind: "phone", digits: "02161234567" });
    for (const bad of ["", "12345", "wang@", "@example.com", "call me", "138 0013 8000 ext 5"]) expect(parseContact(bad), bad).toBeNull();
  });

  it("matches a phone with or without its country code or trunk zero, but not a different number or a short tail", () => {
    expect(samePhone("+86 138-0013-8000", "13800138000")).toBe(true);
    expect(samePhone("13800138000", "008613800138000")).toBe(true);
    expect(samePhone("021-6123-4567", "862161234567")).toBe(true);
    expect(samePhone("13800138000", "13800138001")).toBe(false);
    expect(samePhone("13800138000", "38000")).toBe(false);
    expect(samePhone("13800138000", "0138000")).toBe(false); // 7 digits: too few to match a tail
    expect(samePhone("", "13800138000")).toBe(false);
    expect(samePhone("441632960961", "1632960961999")).toBe(false);
  });

  it("compares e-mails without case and never matches a missing one", () => {
    const email = parseContact("office@li.example")!;
    expect(contactMatches({ email: " Office@LI.example", phone: null }, email)).toBe(true);
    expect(contactMatches({ email: null, phone: "office@li.example" }, email)).toBe(false);
    expect(contactMatches({ email: "other@li.example", phone: null }, email)).toBe(false);
    expect(contactMatches({ email: null, phone: "+86 138 0013 8000" }, parseContact("13800138000")!)).toBe(true);
  });
});
