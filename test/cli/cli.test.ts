import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Command } from "commander";
import { afterAll, describe, expect, it } from "vitest";
import { buildProgram } from "../../src/cli/program.ts";
import { retain } from "../support/cli.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// Each test runs the command several times, a process each (a second or two of start-up on 2 cores).
describe("the retain command", { timeout: 180_000 }, () => {
  it("explains itself and every subcommand", () => {
    const top = retain(["--help"]);
    expect(top.status).toBe(0);
    for (const c of ["demo", "import", "customers", "status", "rebuild-aggregates", "report", "segments"]) expect(top.stdout).toContain(c);
    expect(retain(["import", "--help"]).stdout).toContain("--dry-run");
    // Every command and subcommand, walked in-process (a process each takes a second or two): a usage line, and words for each option.
    const walk = (c: Command, path: string[]): string[][] => [path, ...c.commands.flatMap((s) => walk(s, [...path, s.name()]))];
    const program = buildProgram();
    const all = walk(program, []);
    expect(all.length).toBeGreaterThan(25);
    for (const p of all) {
      const cmd = p.reduce((c, name) => c.commands.find((s) => s.name() === name)!, program);
      expect(cmd.helpInformation(), p.join(" ")).toMatch(/^Usage: retain /);
      if (p.length) expect(cmd.description(), p.join(" ")).not.toBe("");
      for (const o of cmd.options) expect(o.description, `${p.join(" ")} ${o.flags}`).not.toBe("");
    }
  });

  it("reports errors in words, with a hint, and no stack trace unless --verbose", () => {
    const missing = retain(["--data", path.join(tmp, "s1"), "import", "orders", path.join(tmp, "nope.csv")]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/^error: .*nope\.csv/m);
    expect(missing.stderr).not.toMatch(/\n\s+at /);

    const verbose = retain(["--data", path.join(tmp, "s1"), "--verbose", "import", "orders", path.join(tmp, "nope.csv")]);
    expect(verbose.stderr).toMatch(/\n\s+at /);

    const badKind = retain(["import", "ordres", "x.csv"]);
    expect(badKind.status).toBe(1);
    expect(badKind.stderr).toMatch(/'ordres' is invalid/);

    const badUrl = retain(["status"], { DATABASE_URL: "mysql://x" });
    expect(badUrl.status).toBe(2);
    expect(badUrl.stderr).toMatch(/DATABASE_URL must start with postgres/);
  });

  it("names the missing column and how to map it", () => {
    const file = path.join(tmp, "no-date.csv");
    fs.writeFileSync(file, "客户编号,金额\nA,1\n");
    const res = retain(["--data", path.join(tmp, "s2"), "import", "orders", file]);
    expect(res.status).toBe(1);
    expect(res.stderr).toMatch(/order date/);
    expect(res.stderr).toMatch(/--map orderedAt=/);
  });

  it("writes a row refused after reading (a line given twice) to the rejects file as it was read", () => {
    const file = path.join(tmp, "twice.csv");
    const rejects = path.join(tmp, "twice.rejects.csv");
    fs.writeFileSync(file, "客户编号,订单号,行号,订单日期,金额,备注\nA,1,1,2024-01-05,10,\"有,逗号\"\nA,1,1,2024-01-05,12,second\nB,2,1,2024-01-06,5,\n");
    const res = retain(["--data", path.join(tmp, "s3"), "--json", "import", "orders", file, "--progress", "none", "--rejects", rejects]);
    expect(JSON.parse(res.stdout)).toMatchObject({ rowsRead: 3, landed: 2, rejected: 1 });
    const lines = fs.readFileSync(rejects, "utf8").replace(/^\uFEFF/, "").trim().split(/\r?\n/);
    expect(lines).toEqual(["客户编号,订单号,行号,订单日期,金额,备注,_line,_errors", "A,1,1,2024-01-05,12,second,3,line 1 of order 1 appears twice"]);
  });

  it("reports customer value as of a date, as JSON with exact money", () => {
    const file = path.join(tmp, "value.csv");
    // A buys 3 times in the window (one return), B once, C only before it, D after it.
    fs.writeFileSync(file, [
      "customer,order,date,amount,quantity,cost",
      "A,1,2024-01-15,100.00,1,60", "A,2,2024-02-01,50.50,1,20", "A,3,2024-03-31,-20.00,-1,", "A,4,2024-03-31,30,1,",
      "B,5,2024-02-29,10.25,1,5", "C,6,2023-12-31,99,1,", "D,7,2024-04-01,500,1,",
    ].join("\n"));
    const data = path.join(tmp, "s4");
    expect(retain(["--data", data, "import", "orders", file, "--map", "unitCost=cost"]).status).toBe(0);
    const res = retain(["--data", data, "--json", "report", "value", "--as-of", "2024-03-31", "--window", "3m"]);
    expect(res.status, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.window).toEqual({ from: "2024-01-01", to: "2024-03-31" });
    // Net: A 100 + 50.5 + 30 − 20 = 160.5, B 10.25. Margin of costed lines: A 40 + 30.5, B 5.25.
    expect(r.kpis).toMatchObject({ customers: 2, orders: 4, netSales: "170.75", margin: "75.75" });
    expect(r.deciles[0].sums.netSales.sum).toBe("160.5");
    expect(r.rfm.customers).toBe(3);
    // No discounts in the file: nobody buys on price alone, unless the rule asks for none.
    expect(r.customerTypes).toMatchObject({ rule: { minDiscountShare: 0.3, maxPurchaseDays: 2 }, transaction: { customers: 0 }, relationship: { customers: 2, netSales: "170.75" } });
    const none = JSON.parse(retain(["--data", data, "--json", "report", "value", "--as-of", "2024-03-31", "--window", "3m", "--transaction-discount", "0", "--transaction-days", "1"]).stdout);
    expect(none.customerTypes).toMatchObject({ transaction: { customers: 1, netSales: "10.25" }, relationship: { customers: 1 } });
    const text = retain(["--data", data, "report", "value", "--as-of", "2024-03-31", "--window", "3m"]);
    expect(text.stdout).toMatch(/net sales\s+170\.75/);
    expect(retain(["--data", data, "report", "value", "--window", "3x"]).stderr).toMatch(/window 3x: give a length such as 12m/);
  });

  it("writes the value report as an HTML page, and names a missing folder and what to do", () => {
    const file = path.join(tmp, "value-html.csv");
    fs.writeFileSync(file, ["customer,order,date,amount,quantity,cost", "A,1,2024-01-15,1500.25,1,500", "B,2,2024-02-29,10.25,1,5"].join("\n"));
    const data = path.join(tmp, "value-html");
    expect(retain(["--data", data, "import", "orders", file, "--map", "unitCost=cost"]).status).toBe(0);
    const out = path.join(tmp, "value.html");
    const res = retain(["--data", data, "report", "value", "--as-of", "2024-03-31", "--window", "3m", "--out", out]);
    expect(res.status, res.stderr).toBe(0);
    expect(res.stdout.trim()).toBe(`Wrote the value report to ${out}`);
    const page = fs.readFileSync(out, "utf8");
    expect(page).toContain("<dd>2024-01-01 – 2024-03-31 (3m)</dd>");
    // Deciles of 2 customers: A (net 1,500.25, margin 1,000.25) in the first, B (10.25, 5.25) in the sixth.
    const cells = (decile: number) => [...new RegExp(`<tr><th scope="row">${decile}</th>(.*?)</tr>`).exec(page)![1]!.matchAll(/<td class="num">(.*?)<\/td>/g)].map((m) => m[1]);
    expect(cells(1)).toEqual(["1", "50.0%", "50.0%", "1,500.25", "99.3%", "99.3%", "1,000.25", "99.5%", "99.5%"]);
    expect(cells(6)).toEqual(["1", "50.0%", "100.0%", "10.25", "0.7%", "100.0%", "5.25", "0.5%", "100.0%"]);
    expect(page.match(/<svg /g)).toHaveLength(2);
    expect(fs.readdirSync(tmp).filter((f) => f.endsWith(".tmp"))).toEqual([]);

    const zh = retain(["--data", data, "--json", "report", "value", "--as-of", "2024-03-31", "--window", "3m", "--out", out, "--lang", "zh-CN"]);
    expect(JSON.parse(zh.stdout)).toEqual({ file: out });
    expect(fs.readFileSync(out, "utf8")).toContain("<h2>货币十分位分析</h2>");

    const missing = path.join(tmp, "no-such-folder", "value.html");
    const bad = retain(["--data", data, "report", "value", "--out", missing]);
    expect(bad.status).toBe(2);
    expect(bad.stderr).toContain(`error: Cannot write the report to ${missing}: the folder ${path.dirname(missing)} does not exist.`);
    expect(bad.stderr).toMatch(/^hint: Create the folder first, or give --out a file in an existing folder\.$/m);
    expect(fs.existsSync(path.dirname(missing))).toBe(false);
  });

  it("reports cohorts and retention as of a date, never reading a later month", () => {
    const file = path.join(tmp, "cohorts.csv");
    // A buys in January and March, B in February, C in April (after the as-of month).
    fs.writeFileSync(file, ["customer,order,date,amount,quantity", "A,1,2024-01-15,100.00,1", "A,2,2024-03-02,50.50,1", "B,3,2024-02-29,10.25,1", "C,4,2024-04-01,500,1"].join("\n"));
    const data = path.join(tmp, "s5");
    expect(retain(["--data", data, "import", "orders", file]).status).toBe(0);
    const res = retain(["--data", data, "--json", "report", "cohorts", "--as-of", "2024-03-31", "--months", "1"]);
    expect(res.status, res.stderr).toBe(0);
    const r = JSON.parse(res.stdout);
    expect(r.month).toBe("2024-03");
    expect(r.cohorts).toEqual([
      { month: "2024-01", customers: 1, active: [1, 0, 1], retention: [1, 0, 1], revenue: ["100", "0", "50.5"] },
      { month: "2024-02", customers: 1, active: [1, 0], retention: [1, 0], revenue: ["10.25", "0"] },
    ]);
    // February's buyer (B) did not buy in March; A bought on two days.
    expect(r.kpis).toMatchObject({ previousCustomers: 1, retained: 0, churnRate: 1, customers: 2, repeatPurchaseRate: 0.5, periodNet: "50.5", returningShare: 1 });
    const text = retain(["--data", data, "report", "cohorts", "--as-of", "2024-03-31", "--months", "1"]);
    expect(text.stdout).toMatch(/churn rate\s+100\.0%/);
    expect(text.stdout).toMatch(/2024-01\s+1\s+100\.0%\s+0\.0%/);
    expect(retain(["--data", data, "report", "cohorts", "--months", "0"]).stderr).toMatch(/months 0: give a whole number of months/);
  });

  it("runs a small demo, then finds its likely duplicates and shows a customer", () => {
    const data = path.join(tmp, "demo");
    const demo = retain(["--data", data, "--json", "demo", "--customers", "200", "--end", "2026-06-30"]);
    expect(demo.status, demo.stderr).toBe(0);
    const summary = JSON.parse(demo.stdout);
    expect(summary.customers.landed).toBe(200);
    expect(summary.orderLines.landed).toBeGreaterThan(1000);
    // The demo admin gets a password on the first run only.
    expect(summary.admin.email).toBe("zhou.jianguo@retain.example");
    expect(summary.admin.password).toMatch(/^[\w-]{16,}$/);
    // Segments are saved at the last four quarter-ends, for every customer.
    expect(summary.snapshots).toEqual(["2025-09-30", "2025-12-31", "2026-03-31", "2026-06-30"].map((asOf) => ({ asOf, customers: 200 })));
    // …and the value report as of the last of them, beside the store.
    expect(summary.report).toBe(path.join(data, "value-report.html"));
    expect(fs.readFileSync(summary.report, "utf8")).toContain("2025-07-01 – 2026-06-30");
    const members = JSON.parse(retain(["--data", data, "--json", "segments", "members", "--as-of", "2026-06-30", "--scheme", "decile", "--segment", "1"]).stdout);
    expect(members.length).toBeGreaterThan(0);
    expect(members[0]).toMatchObject({ decile: 1, net_sales: expect.stringMatching(/^\d+(\.\d+)?$/) });
    // …and one basket run and one sequence run for the next best offers.
    expect(summary.patternRuns).toEqual({ baskets: expect.any(Number), sequences: expect.any(Number) });
    // …and one prediction run, scoring every customer who has bought.
    expect(summary.modelRun).toEqual(expect.any(Number));
    const again = JSON.parse(retain(["--data", data, "--json", "demo", "--customers", "200", "--end", "2026-06-30"]).stdout);
    expect(again.orderLines).toMatchObject({ landed: 0, updated: 0 });
    expect(again.patternRuns).toEqual({ baskets: null, sequences: null });
    expect(again.modelRun).toBeNull();
    const backtest = retain(["--data", data, "--json", "models", "backtest", "--horizon", "60"]);
    expect(backtest.status, backtest.stderr).toBe(0);
    const bt = JSON.parse(backtest.stdout);
    expect(bt).toMatchObject({ asOf: "2026-06-30", btyd: { days: 60, calibratedAsOf: "2026-05-01" } });
    expect(bt.churn.skipped ?? bt.churn.candidates.length).toBeTruthy();
    const badHorizon = retain(["--data", data, "models", "fit", "--horizon", "3"]);
    expect(badHorizon.status).not.toBe(0);
    expect(badHorizon.stderr).toContain("horizon 3 days");
    expect(again.admin.password).toBeNull();
    const status = JSON.parse(retain(["--data", data, "--json", "status"]).stdout);
    expect(status).toMatchObject({ store: "pglite", customers: 200 });
    const show = retain(["--data", data, "customers", "show", "demo:C000001"]);
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toContain("state history");
  });

  it("mines baskets and sequences and forecasts, as tables and as JSON that states its thresholds", () => {
    const data = path.join(tmp, "demo");
    const baskets = JSON.parse(retain(["--data", data, "--json", "baskets", "--as-of", "2026-06-30", "--window", "all", "--level", "category", "--min-support", "0.01", "--min-confidence", "0.2"]).stdout);
    expect(baskets).toMatchObject({ level: "category", scope: { to: "2026-06-30" }, thresholds: { minSupport: 0.01, minConfidence: 0.2 } });
    expect(baskets.thresholds.minCount).toBe(Math.ceil(0.01 * baskets.baskets));
    for (const r of baskets.rules) expect(r.confidence).toBeGreaterThanOrEqual(0.2);
    const text = retain(["--data", data, "baskets", "--as-of", "2026-06-30", "--level", "category", "--min-confidence", "0.2"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toMatch(/baskets, \d+ items; support ≥ 1\.0% \(\d+ baskets\)/);
    const sequences = JSON.parse(retain(["--data", data, "--json", "sequences", "--as-of", "2026-06-30", "--window", "all", "--within", "60"]).stdout);
    expect(sequences.thresholds).toMatchObject({ withinDays: 60, minSupport: 0.01 });
    for (const p of sequences.pairs) expect(p.followers).toBeLessThanOrEqual(p.buyers);
    const forecast = JSON.parse(retain(["--data", data, "--json", "forecast", "--as-of", "2026-06-30", "--horizon", "6"]).stdout);
    expect(forecast.history.starts.at(-1)).toBe("2026-06-01");
    expect(forecast.forecast.starts).toEqual(["2026-07-01", "2026-08-01", "2026-09-01", "2026-10-01", "2026-11-01", "2026-12-01"]);
    expect(forecast.model.name).toMatch(/^ETS\([AM],(N|A|Ad),[NAM]\)$/);
    expect(retain(["--data", data, "baskets", "--segment", "nonsense"]).stderr).toMatch(/segment nonsense: give it as scheme:value/);
  });

  it("adds the first admin with a password shown once, and resets a password", () => {
    const data = path.join(tmp, "users");
    const add = retain(["--data", data, "user", "add", "--email", "Boss@Example.com", "--name", "老板"]);
    expect(add.status, add.stderr).toBe(0);
    expect(add.stdout).toMatch(/Created admin boss@example.com[\s\S]*Password \(shown once\): \S{16,}/);
    const dup = retain(["--data", data, "user", "add", "--email", "boss@example.com", "--name", "Again"]);
    expect(dup.status).not.toBe(0);
    expect(dup.stderr).toContain("already exists");
    const weak = retain(["--data", data, "user", "add", "--email", "a@example.com", "--name", "A", "--role", "agent", "--password", "short"]);
    expect(weak.stderr).toContain("at least 10 characters");
    const reset = retain(["--data", data, "--json", "user", "set-password", "boss@example.com"]);
    expect(JSON.parse(reset.stdout).password).toMatch(/\S{16,}/);
    const list = JSON.parse(retain(["--data", data, "--json", "user", "list"]).stdout);
    expect(list).toEqual([expect.objectContaining({ email: "boss@example.com", role: "admin", name: "老板" })]);
  });
});
