import type { Kysely } from "kysely";
import { addBusinessMinutes } from "../../domain/calendar/index.ts";
import { localDayAndTime } from "../../jobs/schedule.ts";
import type { Database } from "../../store/schema.ts";
import { getSettings } from "../../store/settings.repository.ts";
import { createTasks, type NewTask } from "../tasks/tasks.repository.ts";
import { getComplaintSettings } from "./complaint-settings.ts";
import { legacyClock, slaClock, type SlaView } from "./complaint-sla.ts";
import { openClockRows } from "./complaints.repository.ts";

/**
 * The daily SLA warnings: an open complaint whose first response or resolution falls due
 * within the next business day, or is already overdue, becomes a task on the agenda of the
 * person handling it (else the customer's owner), one per complaint and clock, ever
 * (`sla:<complaint>:<stage>`), so the nightly run adds no duplicate.
 */
type Db = Kysely<Database>;
type Language = "zh-CN" | "zh-TW" | "en";

const STAGE: Record<Language, Record<"firstResponse" | "resolution", string>> = {
  "zh-CN": { firstResponse: "首次回复", resolution: "解决" },
  "zh-TW": { firstResponse: "首次回覆", resolution: "解決" },
  en: { firstResponse: "first response", resolution: "resolution" },
};
const TITLE: Record<Language, (id: number, stage: string, due: string, overdue: boolean) => string> = {
  "zh-CN": (id, stage, due, overdue) => `投诉 #${id}：${stage}${overdue ? "已超时" : "即将到期"}（${due}）`,
  "zh-TW": (id, stage, due, overdue) => `投訴 #${id}：${stage}${overdue ? "已逾時" : "即將到期"}（${due}）`,
  en: (id, stage, due, overdue) => `Complaint #${id}: ${stage} ${overdue ? "overdue" : "due"} (${due})`,
};

/** Tasks for the SLA clocks due within a business day of `now`; how many were added. */
export async function createSlaWarningTasks(db: Db, now: Date, language: Language = "zh-CN"): Promise<{ created: number; existing: number }> {
  const settings = await getComplaintSettings(db);
  const { timezone } = await getSettings(db);
  const clock = slaClock(settings, now);
  // One business day: the longest working day of the week (8 hours in the standard week).
  const dayMinutes = Math.max(...Object.values(settings.sla.hours).map((iv) => iv.reduce((s, [a, b]) => s + Math.max(0, b - a), 0)), 60);
  const horizon = addBusinessMinutes(clock.cal, now.getTime(), dayMinutes);
  const rows = await openClockRows(db, null);
  const due: Array<{ row: (typeof rows)[number]; stage: "firstResponse" | "resolution"; view: SlaView }> = [];
  for (const r of rows) {
    const views = clock.views({
      ...(r.pauses !== null
        ? { openedAt: r.opened_at, severity: r.severity, firstResponseAt: r.first_response_at, closedAt: r.closed_at, pauses: r.pauses }
        : legacyClock(r.opened_at, r.severity, r.status, r.resolved_at)),
      channel: r.channel, tier: r.tier,
    });
    for (const stage of ["firstResponse", "resolution"] as const) {
      const v = views[stage];
      if (v.dueAt === null || v.state === "met" || v.state === "missed") continue;
      if (Date.parse(v.dueAt) <= horizon) due.push({ row: r, stage, view: v });
    }
  }
  if (due.length === 0) return { created: 0, existing: 0 };
  const handlers = new Map<number, number | null>();
  const ids = [...new Set(due.map((d) => d.row.complaint_id))];
  for (const h of await db.selectFrom("complaints").select(["complaint_id", "handler_id"]).where("complaint_id", "in", ids).execute()) {
    handlers.set(Number(h.complaint_id), h.handler_id === null ? null : Number(h.handler_id));
  }
  const [today] = localDayAndTime(now, timezone);
  const tasks: NewTask[] = due.map(({ row, stage, view }) => {
    const dueAt = new Date(view.dueAt!);
    const [day, time] = localDayAndTime(dueAt, timezone);
    const overdue = dueAt.getTime() <= now.getTime();
    const handler = handlers.get(row.complaint_id) ?? null;
    return {
      customerId: row.customer_id, key: `sla:${row.complaint_id}:${stage}`, kind: "complaint.sla",
      title: TITLE[language](row.complaint_id, STAGE[language][stage], `${day} ${time}`, overdue),
      dueOn: day < today ? today : day,
      ...(handler === null ? {} : { ownerId: handler }),
      sourceType: "complaint", sourceId: row.complaint_id,
    };
  });
  return createTasks(db, tasks);
}
