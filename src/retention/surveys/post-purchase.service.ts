import { sql, type Kysely } from "kysely";
import { SYSTEM_ACTOR, recordChange } from "../../audit/audit.repository.ts";
import { dayNumber, dayText } from "../../domain/days.ts";
import { dispatchEmails, emailReach, linkBase } from "../../messages/dispatch.ts";
import type { Database } from "../../store/schema.ts";
import { inTransaction } from "../../store/transaction.ts";
import { getJourneySettings } from "../journeys/journey-settings.ts";
import { postPurchaseTemplate, SURVEY_URL } from "./post-purchase-template.ts";
import { getSurvey, getSurveySettings, tokenFor } from "./surveys.service.ts";

/**
 * The post-purchase survey by e-mail (docs/surveys.md, "Invitations"): once a day, the
 * customers who bought `afterDays` days ago are invited to the survey named in the survey
 * settings, each with a link of their own, and e-mailed through the one path marketing
 * e-mail takes (consent, address, the template checked, queued once per invitation).
 *
 * - The days looked at are the 7 ending `afterDays` before the run's day, so a run missed
 *   (a server down over a weekend) is made up by the next.
 * - A customer invited to the same survey in the last `QUIET_DAYS` days (answered or not) is
 *   left alone, so a frequent buyer is not asked after every order and a run repeated adds
 *   nobody.
 * - Only customers e-mail can reach are invited: an invitation nobody receives would only
 *   count against the response rate.
 */
type Db = Kysely<Database>;

export const QUIET_DAYS = 90;
const CATCH_UP_DAYS = 7;
export interface PostPurchaseRun {
  surveyId: number | null;
  /** The purchase days looked at. */
  purchasedFrom: string | null;
  purchasedTo: string | null;
  invited: number;
  emails: { queued: number; held: number; skipped: number };
}

/** Invites and e-mails the customers who bought `afterDays` before `day` (see the module's note). */
export async function invitePostPurchase(db: Db, day: string, o: { baseUrl?: string; now?: Date } = {}): Promise<PostPurchaseRun> {
  const now = o.now ?? new Date();
  const { postPurchase: settings, linkValidDays } = await getSurveySettings(db);
  const none: PostPurchaseRun = { surveyId: settings.surveyId, purchasedFrom: null, purchasedTo: null, invited: 0, emails: { queued: 0, held: 0, skipped: 0 } };
  if (settings.surveyId === null) return none;
  const survey = await getSurvey(db, settings.surveyId);
  if (survey.status !== "open") return none;
  const baseUrl = await linkBase(db, o.baseUrl);
  if (!baseUrl) return none; // the links would lead nowhere: nothing is sent until the public address is set
  const to = dayText(dayNumber(day) - settings.afterDays);
  const from = dayText(dayNumber(to) - (CATCH_UP_DAYS - 1));
  const quietSince = new Date(now.getTime() - QUIET_DAYS * 86_400_000).toISOString();
  const buyers = (await sql<{ id: number }>`
    select distinct o.customer_id::float8 as id from orders o join customers c on c.customer_id = o.customer_id
    where o.order_date between ${from}::date and ${to}::date and c.merged_into is null and c.erased_at is null
      and not exists (select 1 from survey_invitations i where i.customer_id = o.customer_id and i.survey_id = ${settings.surveyId}
                      and i.created_at > ${quietSince}::timestamptz)
    order by 1`.execute(db)).rows.map((r) => Number(r.id));
  const reach = await emailReach(db, buyers);
  const reachable = buyers.filter((id) => reach.get(id)?.skip === null);
  const template = settings.subject && settings.body ? { subject: settings.subject, body: settings.body } : postPurchaseTemplate((await getJourneySettings(db)).language);
  const expires = new Date(now.getTime() + linkValidDays * 86_400_000).toISOString();
  const out: PostPurchaseRun = { ...none, purchasedFrom: from, purchasedTo: to };
  out.emails.skipped = buyers.length - reachable.length;
  if (!reachable.length) return out;
  await inTransaction(db, async (trx) => {
    const made: Array<{ customer_id: number; invitation_id: number }> = [];
    for (let i = 0; i < reachable.length; i += 1000) {
      made.push(...(await sql<{ customer_id: number; invitation_id: number }>`
        insert into survey_invitations (customer_id, survey_id, trigger, staff_user_id, created_by, created_at, expires_at)
        select c.customer_id, ${settings.surveyId}, 'purchase', c.owner_id, null, ${now.toISOString()}::timestamptz, ${expires}::timestamptz
        from customers c where c.customer_id in (${sql.join(reachable.slice(i, i + 1000))})
        returning customer_id::float8 as customer_id, invitation_id::float8 as invitation_id`.execute(trx)).rows);
    }
    out.invited = made.length;
    // one dispatch for all: each customer's own link is a field of this message
    const items = await Promise.all(made.map(async (m) => ({
      customerId: m.customer_id, key: `survey-${m.invitation_id}`,
      own: { [SURVEY_URL]: `${baseUrl.replace(/\/+$/, "")}/s/${await tokenFor(trx, m.customer_id, m.invitation_id)}` },
    })));
    for (const r of await dispatchEmails(trx, items, template, { baseUrl, now, ownFields: [SURVEY_URL] })) out.emails[r.status]++;
    await recordChange(trx, SYSTEM_ACTOR, {
      action: "survey.invited", entityType: "survey", entityId: settings.surveyId!,
      after: { audience: { kind: "purchased", from, to, automatic: true }, invited: made.length, emails: out.emails },
    });
  });
  return out;
}
