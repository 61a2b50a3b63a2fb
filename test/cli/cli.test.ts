import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { retain } from "../support/cli.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-cli-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const SUBCOMMANDS = [
  ["demo"], ["import"], ["customers"], ["customers", "show"], ["customers", "search"], ["customers", "timeline"],
  ["customers", "duplicates"], ["customers", "merge"], ["customers", "set-state"], ["status"], ["rebuild-aggregates"],
  ["fx"], ["fx", "set"], ["settings"], ["migrate"], ["serve"], ["user"], ["user", "add"], ["user", "set-password"],
  ["report"], ["report", "value"],
];

describe("the retain command", () => {
  it("explains itself and every subcommand", () => {
    const top = retain(["--help"]);
    expect(top.status).toBe(0);
    for (const c of ["demo", "import", "customers", "status", "rebuild-aggregates"]) expect(top.stdout).toContain(c);
    for (const sub of SUBCOMMANDS) {
      const res = retain([...sub, "--help"]);
      expect(res.status, sub.join(" ")).toBe(0);
      expect(res.stdout, sub.join(" ")).toMatch(/^Usage: retain /);
    }
    expect(retain(["import", "--help"]).stdout).toContain("--dry-run");
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
    const again = JSON.parse(retain(["--data", data, "--json", "demo", "--customers", "200", "--end", "2026-06-30"]).stdout);
    expect(again.orderLines).toMatchObject({ landed: 0, updated: 0 });
    expect(again.admin.password).toBeNull();
    const status = JSON.parse(retain(["--data", data, "--json", "status"]).stdout);
    expect(status).toMatchObject({ store: "pglite", customers: 200 });
    const show = retain(["--data", data, "customers", "show", "demo:C000001"]);
    expect(show.status, show.stderr).toBe(0);
    expect(show.stdout).toContain("state history");
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
