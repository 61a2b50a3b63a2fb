import { sql, type Kysely } from "kysely";
import { SYSTEM_ACTOR } from "../../audit/audit.repository.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import { POST_PURCHASE } from "../../domain/surveys/templates.ts";
import { demoSurveyAnswer } from "../../demo/surveys.ts";
import type { Database } from "../../store/schema.ts";
import { answerByToken, createSurvey, getSurveySettings, inviteAudience, setSurveySettings } from "./surveys.service.ts";

/**
 * The demo's post-purchase survey: in each of the last three months, the customers who
 * bought that month are invited at its end and about a third answer within a week
 * (demo/surveys.ts), through the same service a real answer goes through. The survey is
 * then the one the post-purchase e-mail invites to (post-purchase.service.ts). Loading the
 * demo again finds the survey and adds nothing.
 */
export async function loadDemoSurveys(db: Kysely<Database>, opts: { seed: number; end: string }): Promise<{ invited: number; answered: number }> {
  const exists = await db.selectFrom("surveys").select("survey_id").where("purpose", "=", "post_purchase").where("name", "=", POST_PURCHASE.name).executeTakeFirst();
  if (exists) return { invited: 0, answered: 0 };
  const survey = await createSurvey(db, POST_PURCHASE, SYSTEM_ACTOR);
  const orders = new Map((await sql<{ id: number; orders: number }>`select customer_id::float8 as id, orders from customer_aggregates`.execute(db)).rows.map((r) => [r.id, r.orders]));
  let invited = 0;
  let answered = 0;
  const end = dayNumber(opts.end);
  for (let back = 2; back >= 0; back--) {
    const monthEnd = monthEndBefore(end, back);
    const from = `${dayText(monthEnd).slice(0, 7)}-01`;
    const to = dayText(monthEnd);
    const sent = new Date(`${to}T12:00:00+08:00`);
    const r = await inviteAudience(db, survey.id, { kind: "purchased", from, to }, SYSTEM_ACTOR, sent);
    invited += r.invited.length;
    for (const inv of r.invited) {
      const answers = demoSurveyAnswer(opts.seed, inv.customerId, orders.get(inv.customerId) ?? 1);
      if (!answers) continue;
      const at = new Date(sent.getTime() + (1 + (inv.customerId % 6)) * 86_400_000 + (inv.customerId % 600) * 60_000);
      await answerByToken(db, inv.token, answers, { ip: null }, at);
      answered++;
    }
  }
  // From now on the server's morning job invites each week's buyers by e-mail.
  const settings = await getSurveySettings(db);
  await setSurveySettings(db, { ...settings, postPurchase: { ...settings.postPurchase, surveyId: survey.id } }, SYSTEM_ACTOR);
  return { invited, answered };
}

/** The last day of the month `back` months before the month of day `end` (0: that month, up to `end`). */
function monthEndBefore(end: number, back: number): number {
  if (back === 0) return end;
  let d = dayNumber(`${dayText(end).slice(0, 7)}-01`) - 1; // end of the previous month
  for (let i = 1; i < back; i++) d = dayNumber(`${dayText(d).slice(0, 7)}-01`) - 1;
  return d;
}
