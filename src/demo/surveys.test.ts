import { describe, expect, it } from "vitest";
import { deriveWeights } from "../analytics/surveys/satisfaction-index.ts";
import { checkAnswers } from "../domain/surveys/questions.ts";
import { POST_PURCHASE } from "../domain/surveys/templates.ts";
import { demoSurveyAnswer, RESPONSE_RATE, TRUE_WEIGHTS } from "./surveys.ts";

describe("the demo's survey answers", () => {
  const answers = Array.from({ length: 6000 }, (_, i) => demoSurveyAnswer(7, i + 1, 1 + (i % 8)));
  const given = answers.filter((a) => a !== null);

  it("are deterministic, answered at the stated rate, and valid for the post-purchase survey", () => {
    expect(demoSurveyAnswer(7, 42, 3)).toEqual(demoSurveyAnswer(7, 42, 3));
    expect(given.length / answers.length).toBeGreaterThan(RESPONSE_RATE - 0.03);
    expect(given.length / answers.length).toBeLessThan(RESPONSE_RATE + 0.03);
    for (const a of given) expect(checkAnswers(POST_PURCHASE.questions, a)).toMatchObject({ ok: true });
  });

  it("let the regression find the weights they were drawn with", () => {
    const keys = { service_content: "content", attitude: "attitude", procedures: "procedures", image: "image", care: "care" } as const;
    const factors = Object.keys(TRUE_WEIGHTS) as Array<keyof typeof TRUE_WEIGHTS>;
    const fit = deriveWeights(given.map((a) => factors.map((f) => a[keys[f]] as number)), given.map((a) => a.overall as number));
    expect(fit.method).toBe("regression");
    // ratings are rounded and clamped to 1–5, which blurs the truth a little
    factors.forEach((f, i) => expect(Math.abs(fit.weights[i]! - TRUE_WEIGHTS[f]), f).toBeLessThan(0.06));
  });
});
