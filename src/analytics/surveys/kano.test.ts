import { describe, expect, it } from "vitest";
import { kanoCategory, kanoFeature, type KanoAnswer } from "./kano.ts";

// Berger et al. 1993, the Kano evaluation table: rows = functional answer, columns =
// dysfunctional answer, each in the order like, must-be, neutral, live with, dislike.
const PUBLISHED = `
  Q A A A O
  R I I I M
  R I I I M
  R I I I M
  R R R R Q`;

describe("Kano classification", () => {
  it("follows the published evaluation table in all 25 cells", () => {
    const rows = PUBLISHED.trim().split("\n").map((r) => r.trim().split(/\s+/));
    for (let f = 1; f <= 5; f++) {
      for (let d = 1; d <= 5; d++) expect(kanoCategory(f as KanoAnswer, d as KanoAnswer), `functional ${f}, dysfunctional ${d}`).toBe(rows[f - 1]![d - 1]);
    }
  });

  it("reads the answers as the model means them", () => {
    expect(kanoCategory(1, 5)).toBe("O"); // like having it, dislike lacking it
    expect(kanoCategory(2, 5)).toBe("M"); // expect it, dislike lacking it: a basic expectation
    expect(kanoCategory(1, 3)).toBe("A"); // like having it, neutral without: a latent expectation
    expect(kanoCategory(3, 3)).toBe("I");
    expect(kanoCategory(5, 1)).toBe("R");
    expect(kanoCategory(1, 1)).toBe("Q"); // likes both having and lacking it: contradictory
    expect(() => kanoCategory(0 as KanoAnswer, 1)).toThrow(RangeError);
  });

  it("counts a feature's answers and gives Timko's Better and Worse", () => {
    const pairs: Array<[number, number]> = [
      [1, 3], [1, 4], [1, 2], // A × 3
      [1, 5], [1, 5], // O × 2
      [2, 5], [3, 5], [4, 5], [2, 5], // M × 4
      [3, 3], // I
      [5, 1], // R
      [1, 1], // Q
    ];
    const r = kanoFeature(pairs);
    expect(r.n).toBe(12);
    expect(r.counts).toEqual({ A: 3, O: 2, M: 4, I: 1, R: 1, Q: 1 });
    expect(r.category).toBe("M");
    expect(r.better).toBeCloseTo(5 / 10, 12); // (A + O)/(A + O + M + I)
    expect(r.worse).toBeCloseTo(-6 / 10, 12); // −(O + M)/(A + O + M + I)
  });

  it("breaks ties M > O > A > I", () => {
    const M: [number, number] = [2, 5];
    const O: [number, number] = [1, 5];
    const A: [number, number] = [1, 3];
    const I: [number, number] = [3, 3];
    const R: [number, number] = [5, 1];
    expect(kanoFeature([O, M, A, I]).category).toBe("M");
    expect(kanoFeature([A, O, I]).category).toBe("O");
    expect(kanoFeature([I, A]).category).toBe("A");
    expect(kanoFeature([R, I]).category).toBe("I");
    expect(kanoFeature([R, R, I]).category).toBe("R");
  });

  it("has no category nor coefficients without answers to classify", () => {
    expect(kanoFeature([])).toEqual({ n: 0, counts: { A: 0, O: 0, M: 0, I: 0, R: 0, Q: 0 }, category: null, better: null, worse: null });
    expect(kanoFeature([[5, 1], [1, 1]])).toMatchObject({ n: 2, category: "R", better: null, worse: null });
    expect(() => kanoFeature([[1, 6]])).toThrow(/pair 0/);
    expect(() => kanoFeature([[1.5, 2]])).toThrow(RangeError);
  });
});
