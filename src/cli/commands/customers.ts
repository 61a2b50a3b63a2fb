import { Command, InvalidArgumentError } from "commander";
import {
  customerTimeline,
  findDuplicates,
  getCustomer,
  mergeCustomers,
  searchCustomers,
  setCustomerState,
  type TimelineEvent,
} from "../../archive/customers.service.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { CUSTOMER_STATES, type CustomerState } from "../../domain/inputs.ts";
import { RetainError } from "../../errors.ts";
import type { Store } from "../../store/connect.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

/** A customer is named by our id (123) or by an external id (C000123, optionally source:id). */
export async function resolveCustomer(store: Store, ref: string): Promise<number> {
  if (/^\d+$/.test(ref)) {
    const row = await store.db.selectFrom("customers").select("customer_id").where("customer_id", "=", Number(ref)).executeTakeFirst();
    if (row) return row.customer_id;
  }
  const [source, ext] = ref.includes(":") ? [ref.slice(0, ref.indexOf(":")), ref.slice(ref.indexOf(":") + 1)] : [null, ref];
  let q = store.db.selectFrom("customer_identities").select("customer_id").where("external_id", "=", ext);
  if (source) q = q.where("source", "=", source);
  const rows = await q.execute();
  if (rows.length === 1) return rows[0]!.customer_id;
  if (rows.length > 1) {
    throw new RetainError("BAD_INPUT", `External id ${ext} exists in several sources.`, { hint: "Name it as SOURCE:ID, e.g. default:" + ext });
  }
  throw new RetainError("NOT_FOUND", `No customer ${ref} (neither our id nor an external id).`, { hint: "Find it with: retain customers search TEXT" });
}

export function customersCommand(): Command {
  const cmd = new Command("customers").description("Look up, search, merge and change customers in the archive");

  cmd
    .command("show")
    .description("Everything held about one customer: profile, identities, key dates, contacts, states, totals")
    .argument("<customer>", "our id or an external id (SOURCE:ID when ambiguous)")
    .action(async (ref: string, _o, c: Command) =>
      withStore(c, async (store, g) => {
        const customer = await getCustomer(store.db, await resolveCustomer(store, ref));
        if (g.json) return printJson(customer);
        const { profile, identities, keyDates, contacts, stateHistory, aggregates, ...rest } = customer;
        printTable([rest], ["customer_id", "kind", "name", "external_id", "email", "phone", "state", "tags", "version"]);
        process.stdout.write(`\nprofile: ${JSON.stringify(profile)}\nidentities: ${identities.map((i) => `${i.source}:${i.external_id}`).join(", ")}\n`);
        if (aggregates) {
          process.stdout.write("\ntotals (base currency):\n");
          printTable([aggregates], ["orders", "purchase_days", "sales", "returns", "discount", "cost", "first_purchase", "last_purchase"]);
        }
        if (keyDates.length) {
          process.stdout.write("\nkey dates:\n");
          printTable(keyDates, ["kind", "calendar", "year", "month", "day", "leap_month", "label"]);
        }
        if (contacts.length) {
          process.stdout.write("\ncontact people:\n");
          printTable(contacts, ["name", "title", "phone", "email", "is_decision_maker"]);
        }
        process.stdout.write("\nstate history:\n");
        printTable(stateHistory, ["changed_at", "from_state", "to_state", "reason"]);
      }),
    );

  cmd
    .command("search")
    .description("Find customers by name, phone, e-mail or external id (prefix match)")
    .argument("<text>")
    .option("--limit <n>", "at most this many", (v) => positiveInt(v), 20)
    .action(async (text: string, o: { limit: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const rows = await searchCustomers(store.db, text, { limit: o.limit });
        g.json ? printJson(rows) : printTable(rows);
      }),
    );

  cmd
    .command("timeline")
    .description("A customer's orders, contacts, complaints and state changes, newest first")
    .argument("<customer>")
    .option("--limit <n>", "at most this many events", (v) => positiveInt(v), 30)
    .action(async (ref: string, o: { limit: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const events = await customerTimeline(store.db, await resolveCustomer(store, ref), { limit: o.limit });
        if (g.json) return printJson(events);
        const { timezone } = await getSettings(store.db);
        const at = new Intl.DateTimeFormat("sv-SE", { timeZone: timezone, dateStyle: "short", timeStyle: "short" });
        printTable(events.map((e) => ({ [`when (${timezone})`]: at.format(e.at), what: e.kind, detail: describeEvent(e) })));
      }),
    );

  cmd
    .command("duplicates")
    .description("Customers that are probably the same person or company (same e-mail, phone, or external id in two sources)")
    .option("--limit <n>", "at most this many pairs", (v) => positiveInt(v), 1000)
    .action(async (o: { limit: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const pairs = await findDuplicates(store.db, { limit: o.limit });
        if (g.json) return printJson(pairs);
        printTable(pairs.map((p) => ({ a: p.a, b: p.b, reasons: p.reasons.join("; ") })));
        if (pairs.length) process.stdout.write(`\n${pairs.length} likely duplicate pair(s). Merge one with: retain customers merge A B\n`);
      }),
    );

  cmd
    .command("merge")
    .description("Merge customer B into customer A: B's orders, contacts and history move to A; B points to A")
    .argument("<a>", "the customer that stays")
    .argument("<b>", "the customer merged into A")
    .action(async (a: string, b: string, _o, c: Command) =>
      withStore(c, async (store, g) => {
        const res = await mergeCustomers(store.db, await resolveCustomer(store, a), await resolveCustomer(store, b));
        g.json ? printJson(res) : process.stdout.write(`Merged customer ${res.mergedId} into ${res.survivorId}.\n`);
      }),
    );

  cmd
    .command("set-state")
    .description(`Move a customer to another state (${CUSTOMER_STATES.join(", ")}); the move is kept in its history`)
    .argument("<customer>")
    .argument("<state>")
    .option("--reason <text>", "why (kept in the history)")
    .action(async (ref: string, state: string, o: { reason?: string }, c: Command) =>
      withStore(c, async (store, g) => {
        const res = await setCustomerState(store.db, await resolveCustomer(store, ref), state as CustomerState, { reason: o.reason });
        g.json ? printJson(res) : process.stdout.write(res.changed ? `State set to ${state}.\n` : `Already ${state}; nothing changed.\n`);
      }),
    );
  return cmd;
}

/** One line per timeline event, in words. */
function describeEvent(e: TimelineEvent): string {
  const d = e.data as Record<string, string | number | boolean | null>;
  const parts = (...xs: Array<string | number | boolean | null | undefined>) => xs.filter((x) => x !== null && x !== undefined && x !== "").join(" ");
  switch (e.kind) {
    case "order":
      return parts(d.orderNo, `${d.lines} line${d.lines === 1 ? "" : "s"},`, d.amount, d.currency, d.isReturn ? "(return)" : null, d.channel ? `via ${d.channel}` : null);
    case "interaction":
      return parts(d.channel, d.direction, d.purpose, d.outcome ? `→ ${d.outcome}` : null, d.notes ? `: ${d.notes}` : null);
    case "state_change":
      return parts(d.from ?? "(new)", "→", d.to, d.reason ? `(${d.reason})` : null);
    case "complaint":
      return parts(d.category, d.severity, d.status, d.channel ? `via ${d.channel}` : null, d.description ? `: ${d.description}` : null);
    case "merge":
      return `customer ${d.mergedCustomerId} merged in`;
    case "points":
      return parts(d.kind, `${Number(d.points) > 0 ? "+" : ""}${d.points} points, balance ${d.balance}`, d.reason ? `(${d.reason})` : null);
    case "level":
      return parts(d.kind, d.fromName ?? d.from ?? "", d.from ? "→" : null, d.toName ?? d.to);
    case "complaint_step":
      return parts(`complaint ${e.ref}:`, d.summary);
    case "survey":
      return parts(`survey "${d.name}"`, d.complaintId ? `after complaint ${d.complaintId}` : `(${d.trigger})`, d.answeredAt ? `answered ${d.answeredAt}` : "sent, not answered");
    case "message":
      return parts(d.channel, d.subject ? `"${d.subject}"` : null, d.status, `(${d.sendKey})`);
    case "task":
      return parts(`task ${d.kind}`, d.status, d.title ? `: ${d.title}` : null, d.outcome ? `→ ${d.outcome}` : null);
  }
}

export function positiveInt(v: string): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n <= 0) throw new InvalidArgumentError("expected a positive whole number.");
  return n;
}
