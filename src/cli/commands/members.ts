import { Command, InvalidArgumentError, Option } from "commander";
import type { Actor } from "../../audit/audit.repository.ts";
import { compareMembers, membersSummary } from "../../membership/members-report.service.ts";
import { applyMembership, customerMembership, getProgramme, recordManualEntry } from "../../membership/membership.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";
import { progressBar } from "../progress.ts";
import { resolveCustomer } from "./customers.ts";

const CLI_ACTOR: Actor = { userId: null, label: "cli" };

function wholePoints(v: string): number {
  const n = Number(v);
  if (!/^-?\d+$/.test(v) || !Number.isSafeInteger(n) || n === 0) throw new InvalidArgumentError("expected a whole number of points other than 0.");
  return n;
}

/** `retain members`: membership levels and points (docs/membership.md). */
export function membersCommand(): Command {
  const members = new Command("members").description("Member levels (会员等级) and points (积分): apply the programme, show a member, redeem or adjust points");

  members
    .command("apply")
    .description("Apply the programme to the orders in the store: every customer's points ledger, level history and standing (idempotent)")
    .option("--customer <ref>", "only this customer (our id, an external id or SOURCE:ID)")
    .option("--as-of <date>", "the day of evaluation, YYYY-MM-DD (default: today in the business's time zone)")
    .action(async (o: { customer?: string; asOf?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const customerId = o.customer === undefined ? undefined : await resolveCustomer(store, o.customer);
        let bar: ReturnType<typeof progressBar> | null = null;
        const r = await applyMembership(store.db, {
          customerId, asOf: o.asOf,
          onProgress: (done, total) => {
            bar ??= progressBar("Membership", total, { enabled: !g.json, unit: "customers" });
            bar.update(done);
          },
        }, CLI_ACTOR);
        (bar as ReturnType<typeof progressBar> | null)?.stop();
        if (g.json) return printJson(r);
        process.stdout.write(`Applied the programme as of ${r.asOf} to ${r.customers} customer${r.customers === 1 ? "" : "s"}: ${r.members} members, ${r.entries} ledger entries.\n`);
      }));

  members
    .command("show <customer>")
    .description("A member's level, points balance, points expiring next, ledger and level history")
    .option("--limit <n>", "at most this many ledger entries", Number, 50)
    .action(async (ref: string, o: { limit: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const m = await customerMembership(store.db, await resolveCustomer(store, ref), { limit: o.limit });
        if (g.json) return printJson(m);
        const s = m.standing;
        if (!s) {
          process.stdout.write(`Customer ${m.customerId} holds no level and no points (as of the last apply). Run: retain members apply --customer ${m.customerId}\n`);
          return;
        }
        process.stdout.write(`Level: ${m.levelName ?? "(none)"}${s.level_since ? ` since ${s.level_since}` : ""}${s.next_review ? `, next review ${s.next_review}` : ""}; rolling value ${s.value}\n`);
        process.stdout.write(`Points: ${s.balance} (earned ${s.earned}, returned ${s.returned}, redeemed ${s.redeemed}, expired ${s.expired}, adjusted ${s.adjusted}) as of ${s.as_of}\n`);
        if (s.expiring_on) process.stdout.write(`Expiring next: ${s.expiring_points} on ${s.expiring_on}\n`);
        process.stdout.write("\nledger (newest first):\n");
        printTable(m.entries.map((e) => ({ date: e.entry_date, kind: e.kind, points: e.points, balance: e.balance, order: e.order_id, level: e.level, expires: e.expires_on, reason: e.reason })));
        if (m.levels.length) {
          process.stdout.write("\nlevel history:\n");
          printTable(m.levels.map((l) => ({ date: l.changed_on, kind: l.kind, from: l.from_level, to: l.to_level, value: l.value })));
        }
      }));

  for (const kind of ["redeem", "adjust"] as const) {
    members
      .command(`${kind} <customer> <points>`)
      .description(kind === "redeem" ? "Redeem points today (never more than the balance)" : "Add (positive) or take away (negative) points today")
      .requiredOption("--reason <text>", "why (kept in the ledger and the audit log)")
      .action(async (ref: string, points: string, o: { reason: string }, c: Command) =>
        withStore(c, async (store, g) => {
          const m = await recordManualEntry(store.db, { customerId: await resolveCustomer(store, ref), kind, points: wholePoints(points), reason: o.reason }, CLI_ACTOR);
          if (g.json) return printJson(m);
          process.stdout.write(`${kind === "redeem" ? "Redeemed" : "Adjusted"} ${points} points for customer ${m.customerId}; balance ${m.standing?.balance ?? 0}.\n`);
        }));
  }

  members
    .command("summary")
    .description("Members per level, and members against non-members: retention, frequency and net sales in the year after")
    .addOption(new Option("--as-of <date>", "the end of the comparison's second year: the last day of a month (default: the end of the last complete month)"))
    .action(async (o: { asOf?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const [summary, comparison, { programme }] = await Promise.all([membersSummary(store.db), compareMembers(store.db, { asOf: o.asOf }), getProgramme(store.db)]);
        if (g.json) return printJson({ summary, comparison, programme });
        process.stdout.write(`Members by level (as of ${summary.asOf ?? "never applied"}; ${summary.customers} customers):\n`);
        printTable(summary.levels.map((l) => ({ level: l.name, members: l.members, points: l.balance })));
        process.stdout.write(`\nBuyers of ${comparison.baseFrom} … ${comparison.day} by their level on ${comparison.day}, and the year after (to ${comparison.asOf}):\n`);
        printTable(comparison.groups.map((x) => ({
          level: x.name ?? "(non-member)", customers: x.customers, "net/customer before": x.netBefore, "orders/customer after": x.frequency.toFixed(2),
          "net/customer after": x.netPerCustomer, retention: `${(x.retention * 100).toFixed(1)}%`,
        })));
        process.stdout.write("\nPoints and discounts are easy for competitors to copy; a relationship built on knowing each customer is not (seed 000).\n");
      }));
  return members;
}
