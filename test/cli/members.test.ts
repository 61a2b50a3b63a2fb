import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { retain } from "../support/cli.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-members-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

// The worked example's customer W (docs/membership.md), through the command.
describe("retain members", { timeout: 180_000 }, () => {
  it("applies, shows, redeems (refusing an overdraft) and adjusts, with --json", () => {
    const data = ["--data", path.join(tmp, "store")];
    const csv = path.join(tmp, "orders.csv");
    fs.writeFileSync(csv, "customer_id,order_no,order_date,quantity,amount\nW,W1,2024-03-10,1,1500.50\nW,W2,2024-05-20,1,800\nW,W3,2024-06-15,-1,-200\nW,W5,2026-02-01,1,300\n");
    expect(retain([...data, "import", "orders", csv]).status).toBe(0);
    const applied = retain([...data, "--json", "members", "apply", "--as-of", "2026-11-23"]);
    expect(applied.status, applied.stderr).toBe(0);
    expect(JSON.parse(applied.stdout)).toMatchObject({ asOf: "2026-11-23", customers: 1, members: 1, entries: 5 });
    const shown = JSON.parse(retain([...data, "--json", "members", "show", "W"]).stdout);
    expect(shown.standing).toMatchObject({ level: "regular", balance: 300, earned: 2760, expired: 2220 });
    expect(shown.levelName).toBe("普通会员");

    const over = retain([...data, "members", "redeem", "W", "301", "--reason", "gift"]);
    expect(over.status).not.toBe(0);
    expect(over.stderr).toContain("holds 300 points");
    const noReason = retain([...data, "members", "redeem", "W", "10"]);
    expect(noReason.status).not.toBe(0);
    expect(noReason.stderr).toContain("--reason");

    const ok = retain([...data, "--json", "members", "redeem", "W", "100", "--reason", "gift"]);
    expect(JSON.parse(ok.stdout).standing.balance).toBe(200);
    const adj = retain([...data, "--json", "members", "adjust", "W", "--reason", "fix", "--", "-50"]);
    expect(adj.status, adj.stderr).toBe(0);
    expect(JSON.parse(adj.stdout).entries[0]).toMatchObject({ kind: "adjust", points: -50, reason: "fix" });
    const text = retain([...data, "members", "show", "W"]).stdout;
    expect(text).toContain("Points: 150");
    const summary = retain([...data, "members", "summary", "--as-of", "2026-10-31"]);
    expect(summary.status, summary.stderr).toBe(0);
    expect(summary.stdout).toContain("普通会员");
    expect(summary.stdout).toContain("competitors");
  });
});
