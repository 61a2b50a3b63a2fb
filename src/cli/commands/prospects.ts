import { Command, InvalidArgumentError } from "commander";
import { LEAD_SOURCES, PROSPECT_STATES } from "../../retention/prospects/prospect-catalog.ts";
import { prospectRows, type ProspectCursor, type ProspectSort } from "../../retention/prospects/prospects.repository.ts";
import { toProspect, type Prospect } from "../../retention/prospects/prospects.service.ts";
import { withStore } from "../context.ts";
import { printJson, printTable } from "../output.ts";

const oneOf = <T extends string>(values: readonly T[], what: string) => (v: string): T => {
  if (!(values as readonly string[]).includes(v)) throw new InvalidArgumentError(`${what} is one of ${values.join(", ")}.`);
  return v as T;
};
const pct = (x: number) => `${Math.round(x * 100)}%`;

/** `retain prospects`: potential and target customers (docs/prospects.md). */
export function prospectsCommand(): Command {
  const prospects = new Command("prospects").description("Prospects (潜在客户 / 目标客户): lead source, buying signals, readiness, look-alike");
  prospects
    .command("list")
    .description("Potential and target customers, most ready first (or by look-alike, newest)")
    .option("--state <state>", `${PROSPECT_STATES.join(", ")} or converted`, oneOf([...PROSPECT_STATES, "converted"] as const, "--state"))
    .option("--lead-source <source>", LEAD_SOURCES.join(", "), oneOf(LEAD_SOURCES, "--lead-source"))
    .option("--sort <sort>", "readiness, lookalike or newest", oneOf(["readiness", "lookalike", "newest"] as const, "--sort"), "readiness")
    .option("--limit <n>", "at most this many (all when absent)", (v: string) => {
      if (!/^\d+$/.test(v) || Number(v) < 1) throw new InvalidArgumentError("--limit is a whole number above 0.");
      return Number(v);
    })
    .action(async (o: { state?: (typeof PROSPECT_STATES)[number] | "converted"; leadSource?: (typeof LEAD_SOURCES)[number]; sort: ProspectSort; limit?: number }, c: Command) =>
      withStore(c, async (store, g) => {
        const max = o.limit ?? Infinity;
        const items: Prospect[] = [];
        let after: ProspectCursor | undefined;
        while (items.length < max) {
          const page = await prospectRows(store.db, { state: o.state, leadSource: o.leadSource }, { sort: o.sort, limit: Math.min(500, max - items.length), after });
          items.push(...page.rows.map(toProspect));
          if (!page.next) break;
          after = page.next;
        }
        if (g.json) return printJson(items);
        if (!items.length) return void process.stdout.write("No prospect. Add one in the web app (Prospects) or import customers with state potential or target.\n");
        printTable(items.map((p) => ({
          id: p.id, name: p.name ?? "", state: p.state, "lead source": p.leadSource ?? "", signals: p.signals.length, readiness: pct(p.readiness),
          "look-alike": p.lookAlike ? p.lookAlike.score.toFixed(2) : "not scored", persuasion: p.persuasionType ?? "", owner: p.owner?.name ?? "",
        })));
      }));
  return prospects;
}
