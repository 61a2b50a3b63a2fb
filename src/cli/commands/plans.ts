import { Command } from "commander";
import type { Actor } from "../../audit/audit.repository.ts";
import { generatePlan } from "../../retention/plans/plan-generate.ts";
import { planResults } from "../../retention/plans/plan-results.service.ts";
import { listPlans, viewPlan } from "../../retention/plans/plans.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { positiveInt } from "./customers.ts";

const CLI_ACTOR: Actor = { userId: null, label: "cli" };
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "—" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined ? "—" : x.toFixed(digits));

/** `retain plans`: tiered contact plans (docs/contact-plans.md). */
export function plansCommand(): Command {
  const plans = new Command("plans").description("Tiered contact plans (分级联系计划): budget and contacts by customer tier, spend against sales");
  plans
    .command("list")
    .description("Every contact plan, latest quarter first")
    .action(async (_o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const items = await listPlans(store.db);
        if (g.json) return printJson(items);
        if (!items.length) return void process.stdout.write("No contact plan yet. Create one in the web app (Contact plans), starting from the apparel-chain example.\n");
        printTable(items.map((p) => ({ id: p.id, name: p.name, quarter: `${p.quarterStart} … ${p.quarterEnd}`, budget: p.budget, tiers: p.tiers.length, control: pct(Number(p.controlShare)), status: p.status })));
      }));
  plans
    .command("show <id>")
    .description("A plan's tiers: customers, sales over the 12 months before the quarter, budget per tier and per customer, intensity")
    .action(async (id: string, _o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const v = await viewPlan(store.db, positiveInt(id));
        if (g.json) return printJson(v);
        process.stdout.write(`${v.name}: ${v.quarterStart} … ${v.quarterEnd}, budget ${v.budget}, ${v.status}; customers ranked by net sales ${v.reference.from} … ${v.reference.to}\n`);
        printTable(v.lines.map((l) => ({
          tier: l.label ?? l.key, customers: l.customers, sales: l.sales, "sales share": pct(l.salesShare), budget: l.budget, "budget share": pct(l.budgetShare),
          "per customer": l.budgetPerCustomer ?? "—", intensity: num(l.intensity), contacts: l.contactsPerQuarter, types: l.contactTypes.join(" "),
        })));
        process.stdout.write(`Total: ${v.totals.customers} customers, sales ${v.totals.sales}, ${v.totals.contacts} contacts a quarter\n`);
      }));
  plans
    .command("generate <id>")
    .description("Make the quarter's contacts tasks for the customers' owners or e-mails (types with a template), within the frequency caps; again: only what is missing")
    .action(async (id: string, _o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await generatePlan(store.db, positiveInt(id), CLI_ACTOR);
        if (g.json) return printJson(r);
        process.stdout.write(`${r.kept} contacts within the caps: ${r.created} new tasks, ${r.emails.queued} e-mails queued, ${r.emails.held} held as tasks, ${r.emails.skipped} skipped (no consent or address), ${r.existing} already there; ${r.dropped} dropped by the caps; ${r.control} of ${r.customers} customers held out\n`);
        printTable(r.droppedByCap.map((x) => ({ cap: `${x.max} in ${x.windowDays} days`, dropped: x.contacts })));
      }));
  plans
    .command("results <id>")
    .description("Spend against sales per tier this quarter, contacts done and overdue, and the effect against the control group")
    .action(async (id: string, _o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await planResults(store.db, positiveInt(id));
        if (g.json) return printJson(r);
        process.stdout.write(`${r.plan.name}: ${r.window ? `${r.window.from} … ${r.window.to}` : "the quarter has not begun"}\n`);
        printTable(r.tiers.map((t) => ({
          tier: t.label ?? t.key, customers: t.customers, budget: t.budget, sales: t.sales, "sales share": pct(t.salesShare), planned: t.contacts.planned,
          done: t.contacts.done, overdue: t.contacts.overdue, "revenue/customer vs control": t.effect ? num(t.effect.revenue.difference) : "—",
        })));
        if (r.effect) {
          const e = r.effect;
          const ci = e.revenue.incrementalInterval ? ` (95% ${num(e.revenue.incrementalInterval[0])} … ${num(e.revenue.incrementalInterval[1])})` : "";
          process.stdout.write(`Incremental revenue ${num(e.revenue.incremental)}${ci}; retained ${pct(e.response.treated)} vs ${pct(e.response.control)} in control; ROI ${e.roi ? pct(e.roi.value) : "—"}\n`);
        } else if (r.effectMissing) {
          process.stdout.write({ no_control: "No control group: the effect cannot be measured.", not_generated: "Not generated yet.", not_started: "The quarter has not begun." }[r.effectMissing] + "\n");
        }
      }));
  return plans;
}
