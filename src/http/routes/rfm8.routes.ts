import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { RFM8_SEGMENTS } from "../../analytics/value/rfm8.ts";
import { recordChange } from "../../audit/audit.repository.ts";
import { rfm8Choice, rfm8Members } from "../../value/rfm8.service.ts";
import { microsText } from "../../value/value-report.service.ts";
import { actorOf } from "../auth.ts";
import { csvCell } from "../csv.ts";
import { Rfm8Query } from "./reports.routes.ts";

/**
 * The customers of one 8-segment RFM segment (docs/value.md, "The 8-segment RFM"), computed
 * over the window as the value report computes the segment counts, with the same cut-off
 * fields: a segment as an audience, listed a page at a time or exported as CSV.
 */
const MembersQuery = Rfm8Query.extend({
  asOf: z.iso.date().optional().describe("the window's last day (default: the end of the last complete month in the business's time zone)"),
  window: z.string().regex(/^\d{1,4}[dmy]$/, "a length such as 12m, 90d or 1y").default("12m"),
  by: z.enum(["sales", "margin"]).default("sales"),
  segment: z.enum(RFM8_SEGMENTS),
  after: z.coerce.number().int().positive().optional().describe("the last customer id of the page before"),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});

const Member = z.object({
  id: z.number(), name: z.string().nullable(), state: z.string().nullable(), recencyDays: z.number(), frequency: z.number(), monetary: z.string(),
});
const MembersOut = z.object({
  window: z.object({ from: z.string(), to: z.string() }),
  segment: z.enum(RFM8_SEGMENTS),
  treatment: z.string(),
  method: z.enum(["mean", "median", "custom"]),
  customers: z.number().describe("all the segment's customers, on every page"),
  items: z.array(Member),
  nextAfter: z.number().nullable(),
}).meta({ id: "Rfm8Members" });

const EXPORT_MAX = 200_000;

export const rfm8Routes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["reports"];

  app.get("/reports/value/rfm8/members", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "The customers of one 8-segment RFM segment over the window, by id, a page at a time", querystring: MembersQuery, response: { 200: MembersOut } },
  }, async (req) => {
    const q = req.query;
    const r = await rfm8Members(db, { ...q, rfm8: rfm8Choice(q) });
    return { ...r, items: r.items.map((m) => ({ ...m, monetary: microsText(m.monetary) })) };
  });

  app.get("/reports/value/rfm8/members/export", {
    config: { permission: "reports:read" },
    schema: { tags, summary: `The customers of one 8-segment RFM segment as CSV (at most ${EXPORT_MAX})`, querystring: MembersQuery.omit({ after: true, limit: true }) },
  }, async (req, reply) => {
    const q = req.query;
    const r = await rfm8Members(db, { ...q, rfm8: rfm8Choice(q), limit: EXPORT_MAX });
    await recordChange(db, actorOf(req), { action: "rfm8.exported", entityType: "segment", entityId: null, after: { ...q, customers: r.items.length } });
    const lines = r.items.map((m) => [m.id, m.name, m.state, m.recencyDays, m.frequency, microsText(m.monetary), r.segment].map(csvCell).join(","));
    const out = `\uFEFFid,name,state,recency_days,frequency,monetary,segment\r\n${lines.map((l) => `${l}\r\n`).join("")}`;
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="rfm8-${q.segment}-${r.window.to}.csv"`).send(out);
  });
};
