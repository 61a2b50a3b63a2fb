import { Command } from "commander";
import { surveyResults } from "../../retention/surveys/survey-results.service.ts";
import { listSurveys } from "../../retention/surveys/surveys.service.ts";
import { withStore } from "../context.ts";
import { positiveInt } from "./customers.ts";
import { printJson, printTable } from "../output.ts";

const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null | undefined, digits = 1) => (x === null || x === undefined ? "—" : x.toFixed(digits));

/** `retain surveys`: the surveys and their results (docs/surveys.md). */
export function surveysCommand(): Command {
  const surveys = new Command("surveys").description("Satisfaction and loyalty surveys (满意度与忠诚度): CSAT, NPS, the satisfaction index, Kano, loyalty");
  surveys
    .command("list")
    .description("Every survey with how many customers were invited and answered")
    .action(async (_o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const items = await listSurveys(store.db);
        if (g.json) return printJson(items);
        if (!items.length) return void process.stdout.write("No survey yet. Create one in the web app (Surveys), or resolve a complaint: its follow-up survey is made on first use.\n");
        printTable(items.map((s) => ({ id: s.id, name: s.name, purpose: s.purpose, status: s.status, anonymous: s.anonymous ? "yes" : "", invited: s.invited, answered: s.answered })));
      }));
  surveys
    .command("results <id>")
    .description("A survey's CSAT, NPS, satisfaction index and loyalty index, by staff member, value tier and occasion (docs/surveys.md)")
    .option("--since <date>", "answers from this day, YYYY-MM-DD")
    .option("--until <date>", "answers up to this day, YYYY-MM-DD")
    .option("--grain <grain>", "month or quarter", "month")
    .action(async (id: string, o: { since?: string; until?: string; grain: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await surveyResults(store.db, positiveInt(id), { since: o.since, until: o.until, grain: o.grain === "quarter" ? "quarter" : "month" });
        if (g.json) return printJson(r);
        process.stdout.write(`${r.survey.name}: ${r.answered} answers, ${r.invited} invited (response rate ${pct(r.responseRate)})\n`);
        if (r.csat) process.stdout.write(`CSAT ${pct(r.csat.share)} (95% ${pct(r.csat.low)} … ${pct(r.csat.high)}, n = ${r.csat.n})\n`);
        if (r.nps) process.stdout.write(`NPS ${num(r.nps.score)} (95% ${num(r.nps.low)} … ${num(r.nps.high)}; ${r.nps.promoters} promoters, ${r.nps.detractors} detractors of ${r.nps.n})\n`);
        if (r.index) {
          process.stdout.write(`Satisfaction index ${num(r.index.value)} (weights ${r.index.method === "regression" ? `fitted on ${r.index.fittedOn} answers, R² ${num(r.index.r2, 2)}` : "equal"})\n`);
          printTable(r.index.factors.map((x) => ({ factor: x.factor, weight: pct(x.weight), "score 0–100": x.mean === null ? "—" : num(x.mean * 100) })));
        }
        if (r.loyalty) process.stdout.write(`Loyalty index ${num(r.loyalty.mean)} (${r.loyalty.n} respondents)\n`);
        for (const [title, rows] of [["By staff member", r.byStaff], ["By value tier", r.bySegment], ["By occasion", r.byTrigger], [`By ${o.grain === "quarter" ? "quarter" : "month"}`, r.byPeriod]] as const) {
          if (!rows.length) continue;
          process.stdout.write(`\n${title}:\n`);
          printTable(rows.map((x) => ({ group: x.label ?? x.key, answers: x.n, csat: pct(x.csat?.share), nps: num(x.nps?.score), index: num(x.index) })));
        }
        if (r.kano.length) {
          process.stdout.write("\nKano:\n");
          printTable(r.kano.map((k) => ({ feature: k.feature, answers: k.n, category: k.category ?? "—", better: num(k.better, 2), worse: num(k.worse, 2) })));
        }
      }));
  return surveys;
}
