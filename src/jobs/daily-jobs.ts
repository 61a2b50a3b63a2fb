import { getJourneySettings } from "../retention/journeys/journey-settings.ts";
import { generateJourneySteps } from "../retention/journeys/journeys.service.ts";
import { generateCareReminders } from "../retention/journeys/reminders.service.ts";
import { SYSTEM_ACTOR } from "../audit/audit.repository.ts";
import { closeFinishedCampaigns } from "../retention/campaigns/campaigns.service.ts";
import { createSlaWarningTasks } from "../retention/complaints/sla-warnings.ts";
import { invitePostPurchase } from "../retention/surveys/post-purchase.service.ts";
import { STALE_SEND_MS, staleSends } from "../messages/outbox.ts";
import type { DailyJob } from "./schedule.ts";

/**
 * Every job the server runs once a day, with its local time in the business's time zone
 * (docs/messaging.md, "Daily jobs"). Each runs through the job queue, once per local day.
 * The prediction run is on only when the server was given a time for it (--score-at).
 */
export function dailyJobs(o: { scoreAt?: string } = {}): DailyJob[] {
  const jobs: DailyJob[] = [
    {
      // a send left "sending" by a process that stopped: its outcome is unknown, and it is never sent again
      name: "stale-sends", at: "04:30",
      async run(db, _day, ctx) {
        const stale = await staleSends(db, STALE_SEND_MS);
        if (stale.length) ctx.log(`Sends of unknown outcome: ${stale.length} (listed under Settings → Messaging; not sent again).`);
      },
    },
    {
      // before the working day starts, so the morning agenda shows what falls due today
      name: "sla-warnings", at: "07:00",
      async run(db, _day, ctx) {
        const { language } = await getJourneySettings(db);
        const r = await createSlaWarningTasks(db, new Date(), language);
        if (r.created) ctx.log(`SLA warnings: ${r.created} task(s) added.`);
      },
    },
    {
      // a campaign whose measurement window has ended is done: its results no longer change
      name: "campaigns", at: "05:30",
      async run(db, day, ctx) {
        const ids = await closeFinishedCampaigns(db, day, SYSTEM_ACTOR);
        if (ids.length) ctx.log(`Campaigns finished: ${ids.join(", ")}.`);
      },
    },
    {
      name: "journeys", at: "06:00",
      async run(db, day, ctx) {
        const r = await generateJourneySteps(db, day, { baseUrl: ctx.baseUrl });
        if (r.created) ctx.log(`Post-purchase journeys: ${r.created} step(s) for ${day}.`);
      },
    },
    {
      // the post-purchase survey, at an hour a customer reads mail (off until a survey is chosen)
      name: "surveys", at: "10:00",
      async run(db, day, ctx) {
        const r = await invitePostPurchase(db, day, { baseUrl: ctx.baseUrl });
        if (r.invited) ctx.log(`Post-purchase survey: ${r.invited} customer(s) who bought ${r.purchasedFrom} … ${r.purchasedTo} invited (${r.emails.queued} e-mail(s) queued).`);
      },
    },
    {
      // birthdays, anniversaries, holidays and key-account visits, with their lead days
      name: "reminders", at: "06:05",
      async run(db, day, ctx) {
        const r = await generateCareReminders(db, day);
        if (r.created) ctx.log(`Care reminders: ${r.created} task(s) for ${day}.`);
      },
    },
  ];
  if (o.scoreAt) {
    jobs.push({
      name: "scoring", at: o.scoreAt,
      async run(_db, _day, ctx) {
        if (!ctx.startModelRun) return;
        const { started, jobId } = ctx.startModelRun();
        ctx.log(started ? `Nightly prediction run started (job ${jobId}).` : "Nightly prediction run skipped: a run is already going.");
      },
    });
  }
  return jobs;
}
