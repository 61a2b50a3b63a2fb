import { sql } from "kysely";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addUser } from "../../src/accounts/accounts.service.ts";
import { createCustomer } from "../../src/archive/customers.service.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { dayNumber, dayText } from "../../src/domain/days.ts";
import { todayIn } from "../../src/value/value-report.service.ts";
import { createTasks } from "../../src/retention/tasks/tasks.repository.ts";
import { AGENT, browserMissing, overlaysSettled, startBrowserEnv, type BrowserEnv } from "./harness.ts";

const missing = browserMissing();
const MANAGER = { email: "lead@retain.example", password: "browser test password" };
const REP = { email: "rep2@retain.example", name: "Second Rep" };

/**
 * Today (今日待办) and the team view in the browser (docs/agenda.md): the rep's tasks come
 * overdue first, then by value at stake with its basis; done with an outcome and a channel,
 * the contact shows on the customer's timeline; a manager sees the team's workload and opens
 * a rep's agenda.
 */
describe.skipIf(missing)("the agenda in Chromium", () => {
  let env: BrowserEnv;
  let agent: Page;
  let manager: Page;
  const id: Record<"high" | "mid" | "late", number> = { high: 0, mid: 0, late: 0 };
  const today = todayIn("Asia/Shanghai");
  const shift = (days: number) => dayText(dayNumber(today) + days);

  const order = (p: Page, list: string) =>
    p.getByTestId(list).getByTestId("agenda-task").evaluateAll((rows) => rows.map((r) => [Number(r.getAttribute("data-customer-id")), r.getAttribute("data-overdue")]));

  beforeAll(async () => {
    env = await startBrowserEnv();
    const db = env.store.db;
    await addUser(db, { email: MANAGER.email, name: "Team Lead", role: "manager", password: MANAGER.password }, SYSTEM_ACTOR);
    await addUser(db, { email: REP.email, name: REP.name, role: "agent", team: "华东组", password: MANAGER.password }, SYSTEM_ACTOR);
    const mk = (externalId: string, name: string) => createCustomer(db, { externalId, name, phone: "13912345678", ownerEmail: AGENT.email } as Parameters<typeof createCustomer>[1]);
    id.high = await mk("AG-1", "周女士");
    id.mid = await mk("AG-2", "吴先生");
    id.late = await mk("AG-3", "郑小姐");
    // A run newer than any other: the first two customers have a value at risk, the third none.
    const run = await sql<{ run_id: string }>`insert into model_runs (as_of, unit, horizon_days, params, quality, summary, customers)
      values (${shift(-1)}::date, 'day', 90, '{}', '{}', '{}', 2) returning run_id`.execute(db);
    for (const [c, v] of [[id.high, "800.00"], [id.mid, "300.00"]] as const) {
      await sql`insert into customer_scores (customer_id, run_id, p_alive, expected_purchases, expected_order_value, clv, clv_low, clv_high, churn_probability, value_at_risk)
        values (${c}, ${run.rows[0]!.run_id}, 0.4, 1, 100, 500, 300, 700, 0.6, ${v})`.execute(db);
    }
    await createTasks(db, [
      { customerId: id.mid, key: "t-mid", kind: "care.birthday", title: "生日问候", dueOn: today, sourceType: "reminder" },
      { customerId: id.high, key: "t-high", kind: "loyaltyRebate", title: "忠诚回馈", dueOn: today, sourceType: "plan", sourceId: 1 },
      { customerId: id.late, key: "t-late", kind: "call", title: "回访", dueOn: shift(-3), sourceType: "manual" },
      { customerId: id.high, key: "t-soon", kind: "journey.repurchaseOffer", title: "复购优惠", dueOn: shift(2), sourceType: "journey" },
    ]);
    ({ page: agent } = await env.page({ locale: "zh-CN", height: 1100 }));
    await env.signIn(agent, AGENT);
    ({ page: manager } = await env.page({ locale: "en", height: 1100 }));
    await env.signIn(manager, MANAGER);
  });
  afterAll(async () => env?.close());

  it("shows the rep today's tasks: overdue first, then by value at stake with its basis", async () => {
    await agent.getByTestId("nav-agenda").click();
    await agent.getByTestId("agenda-due").waitFor();
    expect(await order(agent, "agenda-due")).toEqual([[id.late, "true"], [id.high, "false"], [id.mid, "false"]]);
    const first = agent.getByTestId("agenda-due").getByTestId("agenda-task").first();
    expect(await first.getByTestId("agenda-overdue").textContent()).toBe("逾期 3 天");
    expect(await first.getByTestId("agenda-value").getAttribute("data-basis")).toBe("sales12m");
    expect(await first.getByTestId("agenda-value").textContent()).toContain("近 12 个月销售额");
    const second = agent.getByTestId("agenda-due").getByTestId("agenda-task").nth(1);
    expect(await second.getByTestId("agenda-value").getAttribute("data-value")).toBe("800.00");
    expect(await second.getByTestId("agenda-value").textContent()).toContain("风险价值");
    expect(await second.getByTestId("agenda-kind").textContent()).toBe("忠诚回馈");
    expect(await agent.getByTestId("agenda-due").getByTestId("agenda-task").nth(2).getByTestId("agenda-kind").textContent()).toBe("生日关怀");
    expect(await agent.getByTestId("agenda-summary").textContent()).toBe("待办 3 项 · 逾期 1 项");
    expect(await agent.getByTestId("agenda-definition").textContent()).toContain("流失概率");
    expect(await order(agent, "agenda-upcoming")).toEqual([[id.high, "false"]]);
    expect(await agent.getByTestId("agenda-upcoming").getByTestId("agenda-kind").textContent()).toBe("复购优惠");
    await env.shot(agent, "agenda-01-today-zh-CN");
  });

  it("completes a task with an outcome, and the contact shows on the customer's timeline", async () => {
    const row = agent.locator(`[data-testid=agenda-due] [data-testid=agenda-task][data-customer-id="${id.high}"]`);
    await row.getByTestId("agenda-done").click();
    await agent.getByTestId("agenda-done-modal").waitFor();
    await overlaysSettled(agent);
    await agent.getByTestId("agenda-done-submit").click();
    await expect.poll(() => agent.getByTestId("agenda-done-modal").textContent()).toContain("请填写结果");
    await agent.getByTestId("agenda-done-outcome").fill("约好周六来店试穿");
    await agent.getByTestId("agenda-done-notes").fill("喜欢浅色");
    await env.shot(agent, "agenda-02-done-zh-CN");
    await agent.getByTestId("agenda-done-submit").click();
    await agent.getByTestId("agenda-done-modal").waitFor({ state: "detached" });
    await expect.poll(() => order(agent, "agenda-due")).toEqual([[id.late, "true"], [id.mid, "false"]]);

    const task = await env.store.db.selectFrom("tasks").select(["status", "outcome"]).where("task_key", "=", "t-high").executeTakeFirstOrThrow();
    expect(task).toEqual({ status: "done", outcome: "约好周六来店试穿" });

    // Moving the birthday to tomorrow takes it off today's list.
    await agent.locator(`[data-testid=agenda-due] [data-testid=agenda-task][data-customer-id="${id.mid}"]`).getByTestId("agenda-snooze").click();
    await agent.getByTestId("agenda-snooze-1").click();
    await expect.poll(() => order(agent, "agenda-due")).toEqual([[id.late, "true"]]);
    expect((await order(agent, "agenda-upcoming")).map(([c]) => c)).toEqual([id.mid, id.high]);

    await agent.locator(`[data-testid=agenda-upcoming] [data-testid=agenda-task][data-customer-id="${id.high}"]`).getByTestId("agenda-customer").click();
    await agent.getByTestId("timeline").waitFor();
    const contact = agent.locator("[data-testid=timeline-event][data-kind=interaction]").first();
    await contact.waitFor();
    expect(await contact.textContent()).toContain("约好周六来店试穿");
    expect(await contact.textContent()).toContain("忠诚回馈");
    await env.shot(agent, "agenda-03-timeline-zh-CN");
  });

  it("gives the manager the team's workload and opens a rep's agenda", async () => {
    await manager.getByTestId("nav-agenda").click();
    await manager.getByTestId("agenda-empty").waitFor();
    expect(await manager.getByTestId("agenda-empty").textContent()).toContain("Nothing due today");

    await manager.getByTestId("nav-agenda-team").click();
    await manager.getByTestId("agenda-team-staff").waitFor();
    const rep = manager.locator("[data-testid=agenda-team-row]").filter({ hasText: "Browser Agent" });
    expect(await rep.getByTestId("open").textContent()).toBe("3");
    expect(await rep.getByTestId("overdue").textContent()).toBe("1");
    expect(await rep.getByTestId("done7").textContent()).toBe("1");
    expect(await manager.locator('[data-testid=agenda-team-team][data-team="华东组"]').getByTestId("open").textContent()).toBe("3");
    await env.shot(manager, "agenda-04-team-en");

    await rep.getByTestId("agenda-team-open").click();
    await manager.waitForURL((u) => u.pathname === "/agenda" && u.searchParams.has("owner"));
    await manager.getByTestId("agenda-due").waitFor();
    expect(await manager.locator("h3").first().textContent()).toBe("Browser Agent's agenda");
    expect(await order(manager, "agenda-due")).toEqual([[id.late, "true"]]);
    const due = manager.getByTestId("agenda-due");
    expect(await due.getByTestId("agenda-overdue").textContent()).toBe("3 d overdue");
    expect(await due.getByTestId("agenda-value").textContent()).toContain("12-month sales");
    expect(await manager.getByTestId("agenda-upcoming").getByTestId("agenda-kind").allTextContents()).toEqual(["Birthday", "Repurchase offer"]);
    await env.shot(manager, "agenda-05-drill-en");
    expect(env.problems).toEqual([]);
  });

  const userId = async (email: string) =>
    Number((await env.store.db.selectFrom("users").select("user_id").where("email", "=", email).executeTakeFirstOrThrow()).user_id);

  it("lets the rep add a task by hand for a customer of their book, refusing one outside it on the field", async () => {
    await agent.getByTestId("nav-agenda").click();
    await agent.getByTestId("agenda-due").waitFor();
    await agent.getByTestId("agenda-new").click();
    await agent.getByTestId("agenda-new-modal").waitFor();
    await overlaysSettled(agent);
    expect(await agent.getByTestId("agenda-new-owner-self").textContent()).toBe("Browser Agent（你）");

    // A customer owned outside the rep's team: the server refuses, and says so on the customer field.
    const db = env.store.db;
    const outside = await db.selectFrom("customers").select("customer_id")
      .where("owner_id", "not in", db.selectFrom("users").select("user_id").where("team", "=", "华东组"))
      .orderBy("customer_id").executeTakeFirstOrThrow();
    const picker = agent.getByTestId("agenda-new-form").getByTestId("complaint-form-customer");
    await picker.click();
    // The rep's search finds only their own book: the customer is typed as an id, offered last.
    const searched = agent.waitForResponse((r) => new URL(r.url()).pathname === "/api/search");
    await agent.keyboard.type(String(outside.customer_id));
    await searched;
    // The list comes whole once the search has answered; the id option, last, is scrolled to.
    await agent.getByTestId("complaint-form-customer-option").first().waitFor();
    await agent.keyboard.press("ArrowUp");
    await agent.locator(".ant-select-item-option-active").filter({ hasText: `客户 ID ${outside.customer_id}` }).waitFor();
    await agent.keyboard.press("Enter");
    await expect.poll(() => picker.textContent()).toBe(`客户 ID ${outside.customer_id}`);
    await agent.getByTestId("agenda-new-title").fill("试穿回访");
    await agent.getByTestId("agenda-new-submit").click();
    const customerField = agent.getByTestId("agenda-new-form").locator(".ant-form-item").filter({ has: agent.getByTestId("complaint-form-customer") });
    await expect.poll(() => customerField.locator(".ant-form-item-explain-error").textContent()).toContain("not in your book");
    expect(await agent.getByTestId("form-error").count()).toBe(0);

    // One of the rep's own customers, found by the search.
    await picker.click();
    await agent.keyboard.type("AG-1");
    await agent.getByTestId("complaint-form-customer-option").filter({ hasText: "周女士" }).click();
    await agent.getByTestId("agenda-new-kind").click();
    await agent.getByTestId("agenda-new-kind-visit").click();
    await env.shot(agent, "agenda-06-new-task-zh-CN");
    await agent.getByTestId("agenda-new-submit").click();
    await agent.getByTestId("agenda-new-modal").waitFor({ state: "detached" });

    const added = agent.locator(`[data-testid=agenda-due] [data-testid=agenda-task][data-customer-id="${id.high}"]`);
    await added.waitFor();
    expect(await added.getByTestId("agenda-title").textContent()).toBe("试穿回访");
    expect(await added.getByTestId("agenda-kind").textContent()).toBe("拜访");
    expect(await added.getByTestId("agenda-source").textContent()).toBe("手动添加");
    const row = await env.store.db.selectFrom("tasks").select(["customer_id", "kind", "owner_id", "created_by", "source_type", "status"])
      .where("title", "=", "试穿回访").execute();
    const me = await userId("agent@retain.example");
    expect(row.map((r) => ({ ...r, customer_id: Number(r.customer_id), owner_id: Number(r.owner_id), created_by: Number(r.created_by) }))).toEqual([
      { customer_id: id.high, kind: "visit", owner_id: me, created_by: me, source_type: "manual", status: "open" },
    ]);
    // The refused customer got no task.
    expect(await env.store.db.selectFrom("tasks").select("task_id").where("customer_id", "=", outside.customer_id).where("title", "=", "试穿回访").execute()).toEqual([]);
  });

  it("lets the manager give a rep's task to another rep, and it leaves the rep's list", async () => {
    const me = await userId("agent@retain.example");
    const rep = await userId(REP.email);
    await manager.goto(`/agenda?owner=${me}`);
    const late = manager.locator(`[data-testid=agenda-due] [data-testid=agenda-task][data-customer-id="${id.late}"]`);
    await late.waitFor();
    await late.getByTestId("agenda-reassign").click();
    await manager.getByTestId("agenda-reassign-modal").waitFor();
    await overlaysSettled(manager);
    await manager.getByTestId("agenda-reassign-submit").click();
    await expect.poll(() => manager.getByTestId("agenda-reassign-modal").textContent()).toContain("Choose who takes the task.");
    const offered = () => manager.getByTestId("agenda-owner-option").evaluateAll((os) => os.map((o) => Number(o.getAttribute("data-user-id"))));
    await manager.getByTestId("agenda-reassign-owner").click();
    // The task's present owner is not offered.
    await manager.keyboard.type("Browser");
    await expect.poll(offered).not.toContain(me);
    await manager.keyboard.press("ControlOrMeta+A");
    await manager.keyboard.type(REP.name);
    await expect.poll(offered).toEqual([rep]);
    await manager.locator(`[data-testid=agenda-owner-option][data-user-id="${rep}"]`).click();
    await env.shot(manager, "agenda-07-reassign-en");
    await manager.getByTestId("agenda-reassign-submit").click();
    await manager.getByTestId("agenda-reassign-modal").waitFor({ state: "detached" });
    await late.waitFor({ state: "detached" });

    const task = await env.store.db.selectFrom("tasks").select(["owner_id", "status"]).where("task_key", "=", "t-late").executeTakeFirstOrThrow();
    expect({ owner: Number(task.owner_id), status: task.status }).toEqual({ owner: rep, status: "open" });

    await agent.reload();
    await agent.getByTestId("agenda-due").waitFor();
    expect((await order(agent, "agenda-due")).map(([c]) => c)).toEqual([id.high]);
    expect(await agent.locator(`[data-customer-id="${id.late}"]`).count()).toBe(0);
    expect(env.problems).toEqual([]);
  });
});
