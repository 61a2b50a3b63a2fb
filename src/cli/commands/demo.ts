import path from "node:path";
import { Command } from "commander";
import { loadDemo, type DemoStep } from "../../ingest/load-demo.ts";
import { loadDemoSurveys } from "../../retention/surveys/demo-surveys.ts";
import { RetainError } from "../../errors.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { progressBar, type Progress } from "../progress.ts";
import { positiveInt } from "./customers.ts";
import { serve, serveOptions } from "./serve.ts";
import { changeUser } from "../../accounts/accounts.service.ts";
import { randomPassword } from "../../accounts/secrets.ts";
import { findLogin } from "../../accounts/users.repository.ts";
import type { Kysely } from "kysely";
import type { Database } from "../../store/schema.ts";
import { DEMO_USERS } from "../../demo/users.ts";
import { addMonths, dayNumber, dayText, monthStart, nextMonthStart } from "../../domain/days.ts";
import { renderValueReportHtml } from "../../value/report-html/render.ts";
import { buildValueReport, snapshotSegments, todayIn } from "../../value/value-report.service.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { rootCommand, writeAtomically } from "./report.ts";
import { MEMORY } from "../../store/connect.ts";
import { analyzeBaskets, saveBasketRun } from "../../patterns/baskets.service.ts";
import { analyzeSequences, saveSequenceRun } from "../../patterns/sequences.service.ts";
import { latestRun } from "../../store/pattern-runs.repository.ts";
import { MODEL_STEPS, runModels } from "../../prediction/models.service.ts";
import { modelRun } from "../../store/model-runs.repository.ts";
import { getMessagingSettings, putMessagingSettings } from "../../messages/messaging-settings.ts";
import { closeFinishedCampaigns } from "../../retention/campaigns/campaigns.service.ts";
import { DEMO_CARE_DAYS, DEMO_PLAN_NAME, DEMO_WINBACK_NAME, lastWholeQuarter, loadDemoActions, workDemoCareMonth } from "../../retention/demo-actions.ts";
import { generateJourneySteps } from "../../retention/journeys/journeys.service.ts";
import { generateCareReminders } from "../../retention/journeys/reminders.service.ts";

/**
 * The demo company's admin can sign in: on the first run a random password is set and
 * returned (to be printed once); later runs leave it alone and return no password.
 */
/** The last day of the last complete month by `end` (or `end` itself when a month ends on it), and three, six and nine months before. */
/**
 * The demo's basket and sequence runs, over every order up to `end`, with thresholds that
 * suit a small shop (support 0.2% of baskets, confidence 20%; 1% of customers, 90 days);
 * a kind that already has a run keeps it. Returns the ids saved (null: kept).
 */
export async function saveDemoPatternRuns(db: Kysely<Database>, end: string): Promise<{ baskets: number | null; sequences: number | null }> {
  const scope = { asOf: end, window: "all" };
  const baskets = (await latestRun(db, "baskets"))
    ? null
    : await saveBasketRun(db, await analyzeBaskets(db, { ...scope, minSupport: 0.002, minConfidence: 0.2 }), null);
  const sequences = (await latestRun(db, "sequences"))
    ? null
    : await saveSequenceRun(db, await analyzeSequences(db, { ...scope, minSupport: 0.01, withinDays: 90 }), null);
  return { baskets, sequences };
}

export function demoSnapshotDates(end: string): string[] {
  const day = dayNumber(end);
  const last = nextMonthStart(day) === day + 1 ? day : monthStart(day) - 1;
  return [9, 6, 3, 0].map((k) => dayText(monthStart(addMonths(monthStart(last), -k + 1)) - 1));
}

export async function ensureDemoAdmin(db: Kysely<Database>): Promise<{ email: string; password: string | null }> {
  const email = DEMO_USERS.find((u) => u.role === "admin")!.email;
  const login = await findLogin(db, email);
  if (!login) throw new RetainError("INTERNAL", `The demo admin ${email} is missing.`);
  if (login.passwordHash) return { email, password: null };
  const password = randomPassword();
  await changeUser(db, login.user.id, { password }, { userId: null, label: "demo" });
  return { email, password };
}


export function demoCommand(): Command {
  return serveOptions(new Command("demo"))
    .description("Create a deterministic demo business in the store: customers, two years of orders, contacts, complaints")
    .option("--customers <n>", "how many customers", (v) => positiveInt(v), 5000)
    .option("--seed <n>", "random seed: the same seed gives the same business", (v) => positiveInt(v), 42)
    .option("--end <date>", "last day of the history, YYYY-MM-DD (default: yesterday in the business's time zone)")
    .option("--months <n>", "months of history", (v) => positiveInt(v), 24)
    .option("--no-serve", "only create the data; do not start the web app afterwards")
    .addHelpText("after", "\nAfterwards the web app is served (unless --no-serve or --json) until Ctrl+C.\nThe demo is deterministic: the same --customers, --seed, --end and --months give the same data,\nand loading it again changes nothing. It goes to the store chosen by --data / RETAIN_DATA / DATABASE_URL.")
    .action(async (o: { customers: number; seed: number; end?: string; months: number; serve: boolean; port: number; host: string; secureCookies: boolean }, c: Command) =>
      withStore(c, async (store, g) => {
        // Yesterday in the business's time zone (the demo's is Shanghai): the history's last day is
        // whole and none of it lies after now (its orders and complaints fall at any hour of a
        // day), and today is left to the daily jobs and the reps' agendas.
        const end = o.end ?? dayText(dayNumber(todayIn((await getSettings(store.db)).timezone)) - 1);
        if (!/^\d{4}-\d{2}-\d{2}$/.test(end) || Number.isNaN(Date.parse(end))) {
          throw new RetainError("BAD_INPUT", `--end must be a date like 2026-06-30 (got "${end}").`, { field: "end" });
        }
        let bar: Progress | null = null;
        let step: DemoStep | null = null;
        const summary = await loadDemo(store.db, { customers: o.customers, seed: o.seed, end, months: o.months }, (s, done) => {
          if (s !== step) {
            bar?.stop();
            step = s;
            bar = s === "products" ? null : progressBar(`demo ${s.padEnd(12)}`, o.customers, { enabled: !g.json, unit: "customers" });
          }
          bar?.update(done);
        });
        (bar as Progress | null)?.stop();
        // Segment snapshots at the last four quarter-ends of the history, so the segments page
        // and each customer's 360 view show where customers stand and how they moved.
        // The contact plan and the win-back (demo-actions.ts) come between the snapshots dated
        // before the plan's quarter, which choose the win-back's audience, and those after,
        // which then count the customers' simulated answers like any other order.
        const snapshotDates = demoSnapshotDates(end);
        const quarter = lastWholeQuarter(end);
        const snapBar = progressBar("demo segments    ", snapshotDates.length, { enabled: !g.json, unit: "snapshots" });
        const snapshots: Array<{ asOf: string; customers: number }> = [];
        const snapshot = async (asOf: string) => {
          snapshots.push(await snapshotSegments(store.db, { asOf, window: "12m", by: "sales" }, null));
          snapBar.update(snapshots.length);
        };
        for (const asOf of snapshotDates.filter((d) => d < quarter)) await snapshot(asOf);
        const actions = await loadDemoActions(store.db, { seed: o.seed, end, snapshotDates: snapshotDates.filter((d) => d < quarter) });
        await closeFinishedCampaigns(store.db, end, { userId: null, label: "demo" });
        for (const asOf of snapshotDates.filter((d) => d >= quarter)) await snapshot(asOf);
        snapBar.stop();
        // The post-purchase survey of the last three months, answered by about a third (once).
        const surveys = await loadDemoSurveys(store.db, { seed: o.seed, end });
        // One basket run and one sequence run over the whole history, so the customer 360
        // shows next best offers from the start (once: a run already saved is kept).
        const patternRuns = await saveDemoPatternRuns(store.db, end);
        // One prediction run as of the last day, so the Predictions page, the 360 scores and
        // the list's risk filters have something to show (once: a run already saved is kept).
        const modelBar = progressBar("demo predictions ", MODEL_STEPS.length, { enabled: !g.json, unit: "steps" });
        const modelRunId = (await modelRun(store.db)) ? null : (await runModels(store.db, { asOf: end }, (_s, done) => modelBar.update(done))).runId;
        modelBar.stop();
        // The journeys' steps and the care reminders due on the day after the history (by default
        // today), for the agenda: the server's daily jobs do the same each day from then on.
        // Their e-mails link to the app as this command serves it, unless a public address is set.
        const messaging = await getMessagingSettings(store.db);
        if (!messaging.publicUrl) await putMessagingSettings(store.db, { ...messaging, publicUrl: `http://${o.host === "0.0.0.0" ? "127.0.0.1" : o.host}:${o.port}`, serviceNumber: messaging.serviceNumber || "400-820-8820" });
        // The reps' last month of care reminders, worked (all but a few, now overdue), so Today and
        // the team view show a team at work; then the day after the history, as the daily job does.
        const care = await workDemoCareMonth(store.db, { seed: o.seed, end });
        const agendaDay = dayText(dayNumber(end) + 1);
        const journeys = await generateJourneySteps(store.db, agendaDay);
        const reminders = await generateCareReminders(store.db, agendaDay);
        // The value report as of the last snapshot, as one HTML page beside the embedded store (or here, for a server).
        const reportFile = path.join(store.kind === "pglite" && store.location !== MEMORY ? store.location : process.cwd(), "value-report.html");
        const report = await buildValueReport(store.db, { asOf: snapshotDates[snapshotDates.length - 1]!, window: "12m", by: "sales" });
        writeAtomically(reportFile, reportFile, await renderValueReportHtml(report, { lang: "zh-CN", generatedAt: new Date(), version: rootCommand(c).version() ?? "", windowLength: "12m" }));
        const admin = await ensureDemoAdmin(store.db);
        if (g.json) return printJson({ store: store.kind, location: store.location, ...summary, snapshots, surveys, patternRuns, modelRun: modelRunId, actions, care, journeys: journeys.created, reminders: reminders.created, report: reportFile, admin: { email: admin.email, password: admin.password } });
        const w = (line = "") => process.stdout.write(`${line}\n`);
        w(`Demo business (seed ${o.seed}, ${o.customers} customers, ${o.months} months to ${end}) is in ${store.location}`);
        w();
        printTable(
          (["products", "customers", "orderLines", "interactions", "complaints"] as const).map((k) => ({
            what: k, read: summary[k].rowsRead, landed: summary[k].landed, updated: summary[k].updated, unchanged: summary[k].unchanged,
          })),
        );
        w();
        w(`${summary.users} users; aggregates kept for ${summary.orderLines.aggregates.customers} customers; ${(summary.durationMs / 1000).toFixed(1)} s.`);
        w(`Segments saved as of ${snapshots.map((x) => x.asOf).join(", ")}.`);
        if (surveys.invited) w(`Post-purchase survey: ${surveys.invited} customers invited over the last three months, ${surveys.answered} answered (see Surveys, or: npx retain surveys list).`);
        if (patternRuns.baskets !== null || patternRuns.sequences !== null) w(`Basket and sequence rules saved for the next best offers (runs ${[patternRuns.baskets, patternRuns.sequences].filter((x) => x !== null).join(", ")}).`);
        if (actions.plan) w(`Contact plan "${DEMO_PLAN_NAME}" for the quarter from ${actions.plan.quarterStart}: ${actions.plan.tasks} contacts as tasks, ${actions.plan.control} customers held out (see Contact plans).`);
        if (actions.winback) w(`Win-back "${DEMO_WINBACK_NAME}" from ${actions.winback.startDay}: ${actions.winback.contacted} customers called, ${actions.winback.control} held out; ${actions.responses} simulated answering orders (see Campaigns).`);
        if (care) w(`Care reminders of the last ${DEMO_CARE_DAYS} days: ${care.due} due to the reps, ${care.done} done (on the customers' timelines), ${care.missed} missed and overdue (see Today and Team).`);
        w(`Post-purchase journeys for ${agendaDay}: ${journeys.tasks} steps as tasks, ${journeys.emails.queued} e-mails queued (sent by the server to its outbox folder unless SMTP is set: docs/messaging.md); ${reminders.created} care reminders as tasks (see Today).`);
        if (modelRunId !== null) w(`Predictions saved as of ${end} (run ${modelRunId}): P(alive), CLV and churn risk for every customer who has bought.`);
        w(`The value report as of ${snapshotDates[snapshotDates.length - 1]} (one HTML page, opens offline): ${reportFile}`);
        const data = store.kind === "pglite" && store.location !== path.resolve(".retain") ? ` --data ${store.location}` : "";
        w("Try:");
        for (const c of ["status", "customers search 王", "customers show demo:C000007", "customers timeline demo:C000007", "customers duplicates", "models backtest"]) {
          w(`  npx retain${data} ${c}`);
        }
        w();
        w(admin.password
          ? `Sign in to the web app as ${admin.email} with the password ${admin.password} (shown this once).`
          : `Sign in to the web app as ${admin.email} (its password was printed when the demo was first made; reset it with: npx retain${data} user set-password ${admin.email}).`);
        if (o.serve) {
          w();
          await serve(store, { port: o.port, host: o.host, secureCookies: o.secureCookies }, w);
        }
      }),
    );
}
