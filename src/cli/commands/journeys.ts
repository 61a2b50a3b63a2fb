import { Command } from "commander";
import { isDay } from "../../domain/days.ts";
import { RetainError } from "../../errors.ts";
import { generateJourneySteps } from "../../retention/journeys/journeys.service.ts";
import { generateCareReminders } from "../../retention/journeys/reminders.service.ts";
import { upcoming } from "../../retention/journeys/upcoming.service.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { todayIn } from "../../value/value-report.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { positiveInt } from "./customers.ts";

async function dayOr(db: Parameters<typeof getSettings>[0], day: string | undefined): Promise<string> {
  if (day !== undefined && !isDay(day)) throw new RetainError("BAD_INPUT", `--day: give a date written YYYY-MM-DD (got "${day}").`, { field: "day" });
  return day ?? todayIn((await getSettings(db)).timezone);
}

/** `retain journeys`: post-purchase journeys and care reminders (docs/journeys.md). */
export function journeysCommand(): Command {
  const journeys = new Command("journeys").description("Post-purchase journeys and care reminders (购后旅程与关怀提醒)");
  journeys
    .command("run")
    .description("Make today's journey steps and care reminders now (what exists is not made again)")
    .option("--day <date>", "the business day to run for, YYYY-MM-DD (default today)")
    .action(async (o: { day?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const asOfDay = await dayOr(store.db, o.day);
        const j = await generateJourneySteps(store.db, asOfDay);
        const r = await generateCareReminders(store.db, asOfDay);
        if (g.json) return printJson({ asOfDay, journeys: j, reminders: r });
        process.stdout.write(`${asOfDay}: journeys ${j.enabled ? `${j.created} new (${j.tasks} tasks, ${j.emails.queued} e-mails queued, ${j.emails.held} held, ${j.emails.skipped} without consent or address), ${j.existing} already there` : "switched off"}\n`);
        process.stdout.write(`${asOfDay}: care reminders ${r.enabled ? `${r.created} new, ${r.existing} already there` : "switched off"}\n`);
      }));
  return journeys;
}

/** `retain reminders`: what care reminders and journeys will put on the agenda. */
export function remindersCommand(): Command {
  const reminders = new Command("reminders").description("Care reminders: birthdays, lunar birthdays, anniversaries, festivals, key-account visits");
  reminders
    .command("upcoming")
    .description("Reminders and journey steps due in the next days: tasks made and what the coming runs will make")
    .option("--days <n>", "how many days ahead", "30")
    .option("--day <date>", "the first day, YYYY-MM-DD (default today)")
    .action(async (o: { days: string; day?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const asOfDay = await dayOr(store.db, o.day);
        const r = await upcoming(store.db, { asOfDay, days: positiveInt(o.days) });
        if (g.json) return printJson({ asOfDay, ...r });
        if (!r.items.length) return void process.stdout.write(`Nothing due from ${asOfDay} in the next ${o.days} days.\n`);
        printTable(r.items.map((i) => ({
          due: i.dueOn, occasion: i.occasion?.date ?? "", customer: i.customerName ?? `#${i.customerId}`, what: i.title, owner: i.ownerName ?? "",
          state: i.state === "task" ? "on agenda" : i.state === "email" ? "e-mail queued" : i.state === "skipped" ? `skipped (${i.skipReason})` : "planned", channel: i.channel,
        })));
        if (r.truncated) process.stdout.write("(more are due than listed)\n");
      }));
  return reminders;
}
