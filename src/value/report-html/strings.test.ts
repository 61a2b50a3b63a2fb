import { describe, expect, it } from "vitest";
import { PYRAMID_TIERS } from "../../analytics/value/ranking.ts";
import { RFM_SEGMENTS } from "../../analytics/value/rfm.ts";
import { entries, fill, LANGS, STRINGS } from "./strings.ts";

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe("the report's catalogue", () => {
  const english = new Map(entries(STRINGS.en));

  it.each(LANGS)("%s has every key, each with text and the same placeholders as English", (lang) => {
    const own = new Map(entries(STRINGS[lang]));
    expect([...own.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of own) {
      expect(text.trim(), `${lang} ${key}`).not.toBe("");
      expect(placeholders(text), `${lang} ${key}`).toEqual(placeholders(english.get(key)!));
    }
  });

  it("names every pyramid tier and every RFM segment the analyses produce", () => {
    for (const lang of LANGS) {
      expect(Object.keys(STRINGS[lang].tier).sort()).toEqual([...PYRAMID_TIERS].sort());
      expect(Object.keys(STRINGS[lang].treatment).sort()).toEqual([...PYRAMID_TIERS].sort());
      expect(Object.keys(STRINGS[lang].segment).sort()).toEqual(RFM_SEGMENTS.map((s) => s.segment).sort());
    }
  });

  it("fills placeholders, and refuses to leave one blank", () => {
    expect(fill("{from} – {to}", { from: "2024-01-01", to: "2024-12-31" })).toBe("2024-01-01 – 2024-12-31");
    expect(() => fill("{from} – {to}", { from: "2024-01-01" })).toThrow(/\{to\}/);
  });
});
