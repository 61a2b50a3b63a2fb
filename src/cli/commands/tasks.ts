import { Command } from "commander";
import { sql } from "kysely";
import { RetainError } from "../../errors.ts";
import { agenda, agendaDay, teamView, type AgendaTask, type ValueDefinition } from "../../retention/tasks/agenda.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const basis = (d: ValueDefinition): string =>
  `Value at stake: the value at risk of the model run of ${d.runAsOf ?? "(none yet)"}; without one, "12m" marks the net sales of ${d.salesFrom} … ${d.salesTo}.\n`;

const row = (t: AgendaTask) => ({
  due: t.dueOn, late: t.overdue ? `${t.daysOverdue}d` : "", customer: t.customer.name ?? `#${t.customerId}`, phone: t.customer.phone ?? "",
  tier: t.customer.tier ?? "", task: t.title, kind: t.kind, source: t.sourceId === null ? t.sourceType : `${t.sourceType} ${t.sourceId}`,
  "at stake": t.valueBasis === "risk" ? t.valueAtStake : `${t.valueAtStake} (12m)`,
});

/** `retain tasks`: a staff member's agenda and the team's workload (docs/agenda.md). */
export function tasksCommand(): Command {
  const tasks = new Command("tasks").description("Tasks and the agenda (今日待办): who to contact today, by value at stake; the team's workload");
  tasks
    .command("agenda")
    .description("A staff member's open tasks due by the day (overdue first, then by value at stake) and in the week after")
    .requiredOption("--user <email>", "the staff member's e-mail")
    .option("--day <date>", "YYYY-MM-DD (default: today in the business's time zone)")
    .action(async (o: { user: string; day?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const u = await store.db.selectFrom("users").select(["user_id", "name", "team"]).where(sql`lower(email)`, "=", o.user.trim().toLowerCase()).executeTakeFirst();
        if (!u) throw new RetainError("BAD_INPUT", `No user with e-mail ${o.user}.`, { field: "user", hint: "retain user list shows the users." });
        const { day } = await agendaDay(store.db, o.day);
        const a = await agenda(store.db, { ownerId: Number(u.user_id), day, scope: null });
        if (g.json) return printJson(a);
        process.stdout.write(`${u.name}, ${day}: ${a.due.length} due (${a.due.filter((t) => t.overdue).length} overdue), ${a.upcoming.length} in the next 7 days\n`);
        if (!a.due.length && !a.upcoming.length) return void process.stdout.write("Nothing due.\n");
        process.stdout.write(basis(a.definition));
        if (a.due.length) printTable(a.due.map(row));
        if (a.upcoming.length) {
          process.stdout.write("\nComing up:\n");
          printTable(a.upcoming.map(row));
        }
      }));
  tasks
    .command("team")
    .description("Per staff member and per team: open, due today, overdue, done in 7 and 30 days, value at stake")
    .option("--day <date>", "YYYY-MM-DD (default: today in the business's time zone)")
    .action(async (o: { day?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const v = await teamView(store.db, await agendaDay(store.db, o.day));
        if (g.json) return printJson(v);
        process.stdout.write(`Workload on ${v.day}\n`);
        process.stdout.write(basis(v.definition));
        const cols = (x: { open: number; dueToday: number; overdue: number; oldestOverdue: string | null; done7: number; done30: number; valueAtStake: string }) => ({
          open: x.open, today: x.dueToday, overdue: x.overdue, oldest: x.oldestOverdue ?? "", "done 7d": x.done7, "done 30d": x.done30, "at stake": x.valueAtStake,
        });
        printTable(v.staff.map((s) => ({ staff: s.name ?? "(unassigned)", team: s.team ?? "", ...cols(s) })));
        process.stdout.write("\nBy team:\n");
        printTable(v.teams.map((t) => ({ team: t.team ?? "(no team)", members: t.members, ...cols(t) })));
      }));
  return tasks;
}
