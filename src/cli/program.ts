import { Command } from "commander";
import { customersCommand } from "./commands/customers.ts";
import { demoCommand } from "./commands/demo.ts";
import { importCommand } from "./commands/import.ts";
import { fxCommand, migrateCommand, rebuildAggregatesCommand, settingsCommand, statusCommand } from "./commands/store.ts";
import { serveCommand } from "./commands/serve.ts";
import { userCommand } from "./commands/users.ts";
import { reportCommand } from "./commands/report.ts";
import { segmentsCommand } from "./commands/segments.ts";
import { basketsCommand, forecastCommand, sequencesCommand } from "./commands/patterns.ts";
import { modelsCommand } from "./commands/models.ts";
import { membersCommand } from "./commands/members.ts";
import { complaintsCommand } from "./commands/complaint-analysis.ts";
import { surveysCommand } from "./commands/surveys.ts";
import { journeysCommand, remindersCommand } from "./commands/journeys.ts";
import { campaignsCommand } from "./commands/campaigns.ts";
import { prospectsCommand } from "./commands/prospects.ts";
import { plansCommand } from "./commands/plans.ts";
import { tasksCommand } from "./commands/tasks.ts";

/** The `retain` command with every subcommand (main.ts runs it; tests read its help). */
export function buildProgram(): Command {
  const program = new Command("retain")
    .description("retain: know each customer, find who is worth keeping, see who is slipping away, act before they leave.")
    .version("0.1.0")
    .option("--data <dir>", "the embedded store's folder (default: $RETAIN_DATA or ./.retain); DATABASE_URL selects a PostgreSQL server instead")
    .option("--json", "print results as JSON")
    .option("--verbose", "print details of errors (stack traces)")
    .showHelpAfterError("(run with --help for usage)")
    .configureOutput({ writeErr: (s) => process.stderr.write(s) })
    .exitOverride();

  program.addCommand(demoCommand());
  program.addCommand(importCommand());
  program.addCommand(customersCommand());
  program.addCommand(statusCommand());
  program.addCommand(rebuildAggregatesCommand());
  program.addCommand(fxCommand());
  program.addCommand(settingsCommand());
  program.addCommand(migrateCommand());
  program.addCommand(serveCommand());
  program.addCommand(userCommand());
  program.addCommand(reportCommand());
  program.addCommand(segmentsCommand());
  program.addCommand(basketsCommand());
  program.addCommand(sequencesCommand());
  program.addCommand(forecastCommand());
  program.addCommand(modelsCommand());
  program.addCommand(membersCommand());
  program.addCommand(complaintsCommand());
  program.addCommand(surveysCommand());
  program.addCommand(journeysCommand());
  program.addCommand(remindersCommand());
  program.addCommand(campaignsCommand());
  program.addCommand(prospectsCommand());
  program.addCommand(plansCommand());
  program.addCommand(tasksCommand());
  // Subcommands built on their own do not inherit the override: set it all the way down.
  const overrideAll = (c: Command): void => {
    c.exitOverride();
    c.commands.forEach(overrideAll);
  };
  overrideAll(program);
  return program;
}
