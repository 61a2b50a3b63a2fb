import { Command, InvalidArgumentError, Option } from "commander";
import { IMPORT_KINDS, PRESETS, type ImportKind } from "../../ingest/columns.ts";
import { importFile, type ImportFileSummary } from "../../ingest/import-file.ts";
import { withStore } from "../context.ts";
import { printJson } from "../output.ts";
import { progressBar } from "../progress.ts";

const collectMap = (value: string, previous: Record<string, string>) => {
  const eq = value.indexOf("=");
  if (eq <= 0) throw new InvalidArgumentError(`expected field=column (e.g. orderedAt=下单时间), got "${value}".`);
  return { ...previous, [value.slice(0, eq).trim()]: value.slice(eq + 1).trim() };
};

export function importCommand(): Command {
  return new Command("import")
    .description("Import a CSV or Excel (.xlsx) file of orders, customers, products or interactions")
    .addArgument(new Command().createArgument("<kind>", "what the file holds").choices(IMPORT_KINDS))
    .argument("<file>", "a .csv/.txt/.tsv or .xlsx file")
    .argument("[paired-file]", "orders only: the other file of a Taobao/Tmall pair (ExportOrderList and ExportOrderDetailList, either order)")
    .addOption(new Option("--preset <name>", "column layout").choices(["auto", ...Object.keys(PRESETS)]).default("auto"))
    .option("--map <field=column>", "read a field from a column (header name or 1-based number); repeatable", collectMap, {})
    .option("--encoding <name>", "the file's encoding (default: detected): utf-8, gbk, gb18030, utf-16le, latin1")
    .option("--delimiter <char>", "CSV delimiter (default: detected): , ; tab | space")
    .option("--sheet <name|n>", "Excel sheet (default: the first)")
    .addOption(new Option("--date-format <order>", "day/month order of dates like 3/4/2024").choices(["auto", "ymd", "mdy", "dmy"]))
    .option("--source <name>", "the system the file's customer ids come from", "default")
    .option("--rejects <file>", "where to write rejected rows (default: FILE.rejects.csv)")
    .option("--dry-run", "validate and count everything, then store nothing")
    .addOption(new Option("--progress <mode>", "bar (on a terminal), log (a line per batch on stderr), none").choices(["bar", "log", "none"]).default("bar"))
    .addHelpText(
      "after",
      `
Examples:
  retain import orders sales-2024.csv
  retain import orders 订单导出.csv --encoding gbk --map orderedAt=下单时间
  retain import orders online_retail.xlsx --preset online-retail
  retain import orders ExportOrderList.csv ExportOrderDetailList.csv    # a Taobao/Tmall pair, joined on 订单编号
  retain import orders 拼多多订单.csv                                   # preset detected: pinduoduo
  retain import customers members.xlsx --sheet 会员 --dry-run

A bad row never stops an import: it is written with its line and reasons to the rejects
file, and every good row lands. Importing the same file again changes nothing. An import
is one transaction: if it fails or is killed, the store is left as it was.`,
    )
    .action(async (kind: ImportKind, file: string, paired: string | undefined, o: Record<string, any>, c: Command) =>
      withStore(c, async (store, g) => {
        const bar = progressBar(`import ${kind}`, 100, { enabled: !g.json && o.progress === "bar", unit: "%" });
        let total = 0;
        const summary = await importFile(store.db, {
          kind,
          file,
          ...(paired !== undefined ? { pairedFile: paired } : {}),
          preset: o.preset,
          map: o.map,
          encoding: o.encoding,
          delimiter: o.delimiter,
          sheet: o.sheet,
          source: o.source,
          dryRun: o.dryRun,
          rejectsFile: o.rejects,
          dateFormat: o.dateFormat,
          onProgress: (p) => {
            if (!total && p.totalBytes) total = p.totalBytes;
            bar.update(Math.round((p.bytes / Math.max(total, 1)) * 100), { rows: p.rowsRead, landed: p.landed, rejected: p.rejected });
            if (o.progress === "log") {
              process.stderr.write(`progress bytes=${p.bytes}/${p.totalBytes} rows=${p.rowsRead} landed=${p.landed} rejected=${p.rejected}\n`);
            }
          },
        });
        bar.stop();
        // Exit code 3: the import ran, but some rows were rejected (see the rejects file).
        if (summary.rejected > 0) process.exitCode = 3;
        // Peak memory of the whole process (resident set), as the benchmarks report it.
        const peakRssMb = Math.round(process.resourceUsage().maxRSS / 1024);
        g.json ? printJson({ ...summary, peakRssMb }) : printSummary(summary);
      }),
    );
}

function printSummary(s: ImportFileSummary): void {
  const w = (line = "") => process.stdout.write(`${line}\n`);
  w(`${s.dryRun ? "Dry run (nothing stored): " : ""}${s.kind} from ${s.file}`);
  if (s.pair) w(`  a Taobao/Tmall pair: orders from ${s.pair.orderFile}, items from ${s.pair.detailFile}, joined on 订单编号`);
  w(`  read as ${s.encoding}${s.delimiter ? `, delimiter ${JSON.stringify(s.delimiter)}` : ""}, preset ${s.preset}`);
  if (s.platform) w(`  ${s.platform.label} buyers are identified by ${s.platform.identity}`);
  w(`  columns: ${Object.entries(s.columns).map(([f, h]) => `${f}←${h}`).join(", ")}`);
  if (s.ignoredColumns.length) w(`  ignored columns: ${s.ignoredColumns.join(", ")}`);
  w();
  w(`  rows read   ${s.rowsRead}`);
  w(`  landed      ${s.landed}${s.dryRun ? " (would land)" : ""}`);
  w(`  updated     ${s.updated}`);
  w(`  unchanged   ${s.unchanged}`);
  w(`  rejected    ${s.rejected}`);
  if (s.skipped) w(`  skipped     ${s.skipped} (no sale: ${Object.entries(s.skippedReasons).map(([r, n]) => `${n} ${r}`).join(", ")})`);
  if (s.warned) {
    w(`  warnings    ${s.warned}`);
    for (const x of s.warnings.slice(0, 5)) w(`    line ${x.line}: ${x.reason}`);
  }
  if (s.customersCreated) w(`  new customers ${s.customersCreated}`);
  w(`  in ${(s.durationMs / 1000).toFixed(1)} s (${Math.round(s.rowsRead / Math.max(s.durationMs / 1000, 0.001))} rows/s)`);
  if (s.rejected > 0) {
    w();
    for (const r of s.firstRejections.slice(0, 10)) w(`  line ${r.line}${r.column ? `, ${r.column}` : ""}: ${r.reason}${r.value !== undefined ? ` (${JSON.stringify(r.value)})` : ""}`);
    if (s.rejected > 10) w(`  … and ${s.rejected - 10} more`);
    if (s.rejectsFile) w(`  All rejected rows, with their reasons, are in ${s.rejectsFile}: fix them there and import that file.`);
  }
}
