import { Command } from "commander";
import type { Interval } from "../../analytics/stats/proportions.ts";
import { campaignResults } from "../../retention/campaigns/campaign-results.service.ts";
import { getCampaign, listCampaigns } from "../../retention/campaigns/campaigns.service.ts";
import { withStore } from "../context.ts";
import { positiveInt } from "./customers.ts";
import { printJson, printTable } from "../output.ts";

const pct = (x: number | null | undefined) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : `${(x * 100).toFixed(1)}%`);
const num = (x: number | null | undefined, digits = 2) => (x === null || x === undefined || !Number.isFinite(x) ? "—" : x.toFixed(digits));
const ci = (i: Interval | null, f: (x: number) => string) => (i ? `${f(i[0])} … ${f(i[1])}` : "—");

/** `retain campaigns`: campaigns and win-backs with their control groups, and what they returned (docs/campaigns.md). */
export function campaignsCommand(): Command {
  const campaigns = new Command("campaigns").description("Campaigns and win-backs (营销活动、挽回流失客户) measured against a random control group");
  campaigns
    .command("list")
    .description("Every campaign with its status, audience, contacted and control group")
    .action(async (_o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const items = await listCampaigns(store.db);
        if (g.json) return printJson(items);
        if (!items.length) return void process.stdout.write("No campaign yet. Create one in the web app (Campaigns).\n");
        printTable(items.map((x) => ({ id: x.id, name: x.name, kind: x.kind, channel: x.channel, status: x.status, start: x.startDay ?? "—", audience: x.members, contacted: x.contacted, control: x.control })));
      }));
  campaigns
    .command("show <id>")
    .description("One campaign: its template, audience and how its contacts went")
    .action(async (id: string, _o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const x = await getCampaign(store.db, positiveInt(id));
        if (g.json) return printJson(x);
        process.stdout.write(`${x.name} (${x.kind}, ${x.channel}, ${x.status}${x.startDay ? ` since ${x.startDay}` : ""})\n`);
        process.stdout.write(`Holdout ${pct(x.holdoutShare)}, seed ${x.seed}, measured over ${x.measureDays} days; cost ${x.cost} + ${x.costPerContact} per contact\n`);
        process.stdout.write(`Audience ${JSON.stringify(x.audience)}: ${x.members} customers, ${x.contacted} contacted, ${x.control} control\n`);
        if (x.subject) process.stdout.write(`Subject: ${x.subject}\n`);
        process.stdout.write(`\n${x.body}\n`);
        if (Object.keys(x.byStatus).length) printTable(Object.entries(x.byStatus).map(([status, n]) => ({ status, customers: n })));
      }));
  campaigns
    .command("results <id>")
    .description("The campaign's effect against its control group, per tier, with balance, delivery and ROI (docs/campaigns.md)")
    .action(async (id: string, _o: object, c: Command) =>
      withStore(c, async (store, g) => {
        const r = await campaignResults(store.db, positiveInt(id));
        if (g.json) return printJson(r);
        process.stdout.write(`${r.campaign.name}: ${r.campaign.contacted} contacted, ${r.campaign.control} control; cost ${r.cost}\n`);
        if (!r.window) return void process.stdout.write("Not started yet: there is nothing to measure.\n");
        process.stdout.write(`Measured ${r.window.from} … ${r.window.to} (day ${r.window.day} of ${r.window.days}${r.window.open ? ", still running" : ""})\n`);
        const e = r.effect;
        if (!e) return void process.stdout.write("No control group (holdout 0): the effect cannot be measured.\n");
        printTable([
          { measure: "bought (retained)", contacted: pct(e.response.treated), control: pct(e.response.control), difference: pct(e.response.difference), "95% CI": ci(e.response.interval, pct), incremental: num(e.response.incremental, 1) },
          { measure: "revenue per customer", contacted: num(e.revenue.treated), control: num(e.revenue.control), difference: num(e.revenue.difference), "95% CI": ci(e.revenue.interval, num), incremental: num(e.revenue.incremental) },
          ...(e.margin ? [{ measure: "margin per customer", contacted: num(e.margin.treated), control: num(e.margin.control), difference: num(e.margin.difference), "95% CI": ci(e.margin.interval, num), incremental: num(e.margin.incremental) }] : []),
        ]);
        if (e.roi) process.stdout.write(`ROI ${pct(e.roi.value)} (95% ${ci(e.roi.interval, pct)})\n`);
        process.stdout.write("\nBy tier:\n");
        printTable(r.byStratum.map((s) => ({ tier: s.stratum, contacted: s.contacted, control: s.control, "bought diff": pct(s.effect?.response.difference), "revenue diff": num(s.effect?.revenue.difference), "95% CI": ci(s.effect?.revenue.interval ?? null, num) })));
        const d = r.delivery;
        process.stdout.write(`\nDelivery: ${d.held} held, ${d.skipped} skipped${d.sends ? `; e-mails ${d.sends.sent} sent, ${d.sends.failed} failed, ${d.sends.waiting} waiting` : ""}${d.tasks ? `; calls ${d.tasks.done} done, ${d.tasks.open} open` : ""}\n`);
      }));
  return campaigns;
}
