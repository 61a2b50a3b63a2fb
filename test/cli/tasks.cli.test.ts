import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { createTasks } from "../../src/retention/tasks/tasks.repository.ts";
import { openStore } from "../../src/store/connect.ts";
import { retain } from "../support/cli.ts";

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "retain-tasks-"));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

/** `retain tasks agenda` and `retain tasks team` (docs/agenda.md). */
describe("retain tasks", { timeout: 180_000 }, () => {
  const data = path.join(tmp, "store");

  beforeAll(async () => {
    const store = await openStore({ kind: "pglite", dataDir: data });
    try {
      const rep = await addUser(store.db, { email: "rep@example.com", name: "小李", role: "agent", team: "华东", password: "a long password 1" }, SYSTEM_ACTOR);
      const c = await store.db.insertInto("customers").values({ name: "王女士", phone: "13900000000", owner_id: rep.id } as never).returning("customer_id").executeTakeFirstOrThrow();
      await createTasks(store.db, [
        { customerId: Number(c.customer_id), key: "k1", kind: "call", title: "回访", dueOn: "2026-06-10", sourceType: "plan", sourceId: 3 },
        { customerId: Number(c.customer_id), key: "k2", kind: "visit", title: "拜访", dueOn: "2026-06-18", sourceType: "visit" },
      ]);
    } finally {
      await store.close();
    }
  });

  it("prints a rep's agenda, overdue flagged, and the week ahead", () => {
    const text = retain(["--data", data, "tasks", "agenda", "--user", "REP@example.com", "--day", "2026-06-15"]);
    expect(text.status, text.stderr).toBe(0);
    expect(text.stdout).toContain("小李, 2026-06-15: 1 due (1 overdue), 1 in the next 7 days");
    expect(text.stdout).toMatch(/2026-06-10\s+5d\s+王女士\s+13900000000\s+回访\s+call\s+plan 3\s+0\.00 \(12m\)/);
    expect(text.stdout).toMatch(/Coming up:[\s\S]*2026-06-18/);
    const json = retain(["--data", data, "--json", "tasks", "agenda", "--user", "rep@example.com", "--day", "2026-06-15"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ day: "2026-06-15", due: [{ title: "回访", overdue: true, daysOverdue: 5, valueBasis: "sales12m" }], upcoming: [{ title: "拜访" }] });
    const nobody = retain(["--data", data, "tasks", "agenda", "--user", "nobody@example.com"]);
    expect(nobody.status).not.toBe(0);
    expect(nobody.stderr).toContain("No user with e-mail nobody@example.com");
  });

  it("prints the team's workload", () => {
    const res = retain(["--data", data, "--json", "tasks", "team", "--day", "2026-06-15"]);
    expect(res.status, res.stderr).toBe(0);
    const v = JSON.parse(res.stdout);
    expect(v.staff.find((s: { name: string }) => s.name === "小李")).toMatchObject({ open: 2, overdue: 1, oldestOverdue: "2026-06-10", dueToday: 0 });
    expect(v.teams).toEqual([expect.objectContaining({ team: "华东", members: 1, open: 2 })]);
  });
});
