import { PassThrough } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { listSnapshots, SEGMENT_SCHEMES, segmentMembers, snapshotSummary, type customerSegmentHistory, type SegmentScheme } from "../../store/segments.repository.ts";
import { customerValue } from "../../value/customer-value.service.ts";
import { rulesOfFields } from "../../value/segments.service.ts";
import { rfm8Choice } from "../../value/rfm8.service.ts";
import { microsText, snapshotSegments } from "../../value/value-report.service.ts";
import { RetainError } from "../../errors.ts";
import { actorOf, principalOf } from "../auth.ts";
import { csvCell } from "../csv.ts";
import { assertCustomerAccess } from "../permissions.ts";

const Money = z.string();
const SegmentRow = z.object({
  asOf: z.string(), netSales: Money, margin: Money, decile: z.number().nullable(), tier: z.string().nullable(), customerType: z.string().nullable(),
  profitGroup: z.string().nullable(), loyalty: z.string().nullable(), ladder: z.string(),
  rfm: z.object({ r: z.number(), f: z.number(), m: z.number(), segment: z.string() }).nullable(),
  rfm8: z.string().nullable().describe("the 8-segment RFM's segment (docs/value.md, \"The 8-segment RFM\"); empty outside the window's buyers and in snapshots before it"),
}).meta({ id: "CustomerSegments" });

type HistoryRow = Awaited<ReturnType<typeof customerSegmentHistory>>[number];
const segmentRow = (h: Omit<HistoryRow, "customer_id">): z.infer<typeof SegmentRow> => ({
  asOf: h.as_of, netSales: trimDecimal(h.net_sales), margin: trimDecimal(h.margin), decile: h.decile, tier: h.tier, customerType: h.customer_type,
  profitGroup: h.profit_group, loyalty: h.loyalty, ladder: h.ladder,
  rfm: h.rfm_segment === null ? null : { r: h.rfm_r!, f: h.rfm_f!, m: h.rfm_m!, segment: h.rfm_segment },
  rfm8: h.rfm8_segment,
});

/** "600.500000" → "600.5": the store's numeric text without trailing zeros. */
const trimDecimal = (s: string): string => (s.includes(".") ? s.replace(/0+$/, "").replace(/\.$/, "") : s);

export const Rules = z.object({
  topShare: z.coerce.number().min(0).max(1).optional().describe("three profitable groups: the best share of relationship customers on top (default 0.2)"),
  change: z.coerce.number().min(0).max(1).optional().describe("… and the change in value against the window before that makes rising or falling (default 0.25)"),
  churnDays: z.coerce.number().int().min(1).max(3650).optional().describe("loyalty classes: churned after this many days without a purchase (default 365)"),
  newDays: z.coerce.number().int().min(1).max(3650).optional().describe("… potential while the first purchase is this recent (default 180)"),
  loyalPurchaseDays: z.coerce.number().int().min(1).max(3650).optional().describe("… loyal from this many purchase days in the window (default 3)"),
  loyalTopShare: z.coerce.number().min(0).max(1).optional().describe("… among this best share of buyers by value (default 0.2)"),
  loyalMaxDiscount: z.coerce.number().min(0).max(1).optional().describe("… with a discount share below this (default 0.3)"),
  periodMonths: z.coerce.number().int().min(1).max(120).optional().describe("loyalty ladder: months per period (default 3)"),
  loyalPeriods: z.coerce.number().int().min(1).max(60).optional().describe("… loyal after a purchase in this many periods in a row (default 3)"),
  oldMonths: z.coerce.number().int().min(1).max(120).optional().describe("… old once the first purchase is this many months back (default 12)"),
});
const SnapshotOut = z.object({
  asOf: z.string(), windowFrom: z.string(), by: z.enum(["sales", "margin"]), rules: z.record(z.string(), z.unknown()), customers: z.number(), createdAt: z.string(),
}).meta({ id: "SegmentSnapshot" });

const MEMBERS_PAGE_MAX = 500;
const EXPORT_MAX = 200_000;

export const segmentRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  const tags = ["segments"];

  app.get("/segments/snapshots", {
    config: { permission: "reports:read" },
    schema: { tags, summary: "The saved segment snapshots, newest first", response: { 200: z.object({ items: z.array(SnapshotOut) }) } },
  }, async () => ({
    items: (await listSnapshots(db)).map((s) => ({
      asOf: s.as_of, windowFrom: s.window_from, by: s.measure, rules: s.rules, customers: s.customers, createdAt: new Date(s.created_at).toISOString(),
    })),
  }));

  app.post("/segments/snapshots", {
    config: { permission: "segments:write" },
    schema: {
      tags,
      summary: "Compute every customer's segments as of a date and save them (replaces a snapshot of the same date)",
      body: Rules.extend({
        asOf: z.iso.date().optional().describe("default: the end of the last complete month in the business's time zone"),
        window: z.string().regex(/^\d{1,4}[dmy]$/, "a length such as 12m, 90d or 1y").default("12m"),
        by: z.enum(["sales", "margin"]).default("sales"),
        transactionDiscount: z.number().min(0).max(1).optional(),
        transactionDays: z.number().int().min(1).max(366).optional(),
        rfm8Cutoff: z.enum(["mean", "median", "custom"]).optional().describe("8-segment RFM: cut at the buyers' mean (default), median, or the values given"),
        rfm8R: z.string().max(40).optional().describe("… custom: R is high at most this many days since the last purchase"),
        rfm8F: z.string().max(40).optional().describe("… custom: F is high from this many purchase days"),
        rfm8M: z.string().max(40).optional().describe("… custom: M is high from this much (base currency, the measure)"),
      }),
      response: { 200: z.object({ asOf: z.string(), customers: z.number() }) },
    },
  }, async (req) => {
    const b = req.body;
    const result = await snapshotSegments(db, { ...b, rules: rulesOfFields(b), rfm8: rfm8Choice(b) }, principalOf(req).userId);
    await recordChange(db, actorOf(req), { action: "segments.snapshot", entityType: "segment_snapshot", entityId: null, after: { ...b, ...result } });
    return result;
  });

  app.get("/segments/summary", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "A snapshot's segments: each one's customers, net sales and margin, and the RFM grid",
      querystring: z.object({ asOf: z.iso.date().describe("a snapshot's date") }),
      response: {
        200: z.object({
          snapshot: SnapshotOut,
          groups: z.array(z.object({ scheme: z.string(), segment: z.string(), customers: z.number(), netSales: Money, margin: Money })),
          grid: z.array(z.object({ r: z.number(), f: z.number(), customers: z.number(), netSales: Money })),
        }).meta({ id: "SegmentSummary" }),
      },
    },
  }, async (req) => {
    const snap = (await listSnapshots(db)).find((s) => s.as_of === req.query.asOf);
    if (!snap) throw new RetainError("NOT_FOUND", `No segment snapshot as of ${req.query.asOf}.`, { field: "asOf", hint: "Take one first (POST /api/segments/snapshots, or retain segments snapshot)." });
    const { groups, grid } = await snapshotSummary(db, req.query.asOf);
    return {
      snapshot: { asOf: snap.as_of, windowFrom: snap.window_from, by: snap.measure, rules: snap.rules, customers: snap.customers, createdAt: new Date(snap.created_at).toISOString() },
      groups: groups.map((g) => ({ scheme: g.scheme, segment: g.segment, customers: g.customers, netSales: trimDecimal(g.net_sales), margin: trimDecimal(g.margin) })),
      grid: grid.map((c) => ({ r: c.r, f: c.f, customers: c.customers, netSales: trimDecimal(c.net_sales) })),
    };
  });

  const MembersQuery = z.object({
    asOf: z.iso.date().describe("a snapshot's date"),
    scheme: z.enum(Object.keys(SEGMENT_SCHEMES) as [SegmentScheme, ...SegmentScheme[]]),
    segment: z.string().min(1).max(40),
    after: z.coerce.number().int().positive().optional().describe("the last customer id of the page before"),
    limit: z.coerce.number().int().min(1).max(MEMBERS_PAGE_MAX).default(50),
  });
  const Member = z.object({
    id: z.number(), name: z.string().nullable(), externalId: z.string().nullable(), state: z.string(), segments: SegmentRow.omit({ asOf: true }),
  });
  const memberOf = (m: Awaited<ReturnType<typeof segmentMembers>>[number]) => ({
    id: Number(m.customer_id), name: m.name, externalId: m.external_id, state: m.state,
    segments: (({ asOf: _a, ...rest }) => rest)(segmentRow({ ...m, as_of: "" })),
  });

  app.get("/segments/members", {
    config: { permission: "reports:read" },
    schema: {
      tags, summary: "The customers of one segment on a snapshot's date, by id, a page at a time",
      querystring: MembersQuery,
      response: { 200: z.object({ items: z.array(Member), nextAfter: z.number().nullable() }) },
    },
  }, async (req) => {
    const q = req.query;
    const rows = await segmentMembers(db, { ...q, limit: q.limit + 1 });
    const items = rows.slice(0, q.limit).map(memberOf);
    return { items, nextAfter: rows.length > q.limit ? items[items.length - 1]!.id : null };
  });

  app.get("/segments/members/export", {
    config: { permission: "reports:read" },
    schema: { tags, summary: `The customers of one segment as CSV (at most ${EXPORT_MAX})`, querystring: MembersQuery.omit({ after: true, limit: true }) },
  }, async (req, reply) => {
    const q = req.query;
    await recordChange(db, actorOf(req), { action: "segments.exported", entityType: "segment_snapshot", entityId: null, after: q });
    const header = ["id", "external_id", "name", "state", "net_sales", "margin", "decile", "tier", "customer_type", "profit_group", "loyalty", "ladder", "rfm_r", "rfm_f", "rfm_m", "rfm_segment", "rfm8_segment"];
    const out = new PassThrough();
    void (async () => {
      out.write(`\uFEFF${header.join(",")}\r\n`);
      let after: number | undefined;
      let sent = 0;
      for (;;) {
        const rows = await segmentMembers(db, { ...q, after, limit: 2000 });
        if (rows.length === 0) break;
        const lines = rows.slice(0, EXPORT_MAX - sent).map((m) =>
          [m.customer_id, m.external_id, m.name, m.state, trimDecimal(m.net_sales), trimDecimal(m.margin), m.decile, m.tier, m.customer_type, m.profit_group, m.loyalty, m.ladder, m.rfm_r, m.rfm_f, m.rfm_m, m.rfm_segment, m.rfm8_segment]
            .map(csvCell).join(","));
        out.write(lines.join("\r\n") + "\r\n");
        sent += lines.length;
        after = Number(rows[rows.length - 1]!.customer_id);
        if (sent >= EXPORT_MAX) break;
      }
      out.end();
    })().catch((e: unknown) => out.destroy(e as Error));
    return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="segment-${q.scheme}-${q.segment}-${q.asOf}.csv"`).send(out);
  });

  app.get("/customers/:id/value", {
    config: { permission: "customers:read" },
    schema: {
      tags: ["customers"],
      summary: "One customer's value over a window (tenure, time between purchases, net value after the cost to serve) and their segments on every snapshot date",
      params: z.object({ id: z.coerce.number().int().positive() }),
      querystring: z.object({
        asOf: z.iso.date().optional().describe("the window's last day (default: today in the business's time zone)"),
        window: z.string().regex(/^\d{1,4}[dmy]$/, "a length such as 12m, 90d or 1y").default("12m"),
      }),
      response: {
        200: z.object({
          window: z.object({ from: z.string(), to: z.string() }), currency: z.string(),
          costToServe: z.object({ perOrder: z.string(), perInteraction: z.string(), perComplaint: z.string() }),
          interactions: z.number(), complaints: z.number(),
          figures: z.object({
            orders: z.number(), purchaseDays: z.number(), sales: Money, returns: Money, netSales: Money, margin: Money, discountShare: z.number().nullable(),
            averageOrderValue: Money.nullable(), tenureDays: z.number().nullable(), meanInterPurchaseDays: z.number().nullable(), costToServe: Money.nullable(), netValue: Money.nullable(),
          }).nullable(),
          wallet: z.object({ budget: Money, share: z.number().nullable() }).nullable().describe("share of wallet: net sales in the window against the yearly budget recorded in the profile (value.annual_budget), prorated to the window"),
          history: z.array(SegmentRow),
        }).meta({ id: "CustomerValue" }),
      },
    },
  }, async (req) => {
    await assertCustomerAccess(db, principalOf(req), req.params.id);
    const v = await customerValue(db, req.params.id, req.query);
    const f = v.figures;
    return {
      ...v,
      figures: f && {
        ...f, sales: microsText(f.sales), returns: microsText(f.returns), netSales: microsText(f.netSales), margin: microsText(f.margin),
        averageOrderValue: f.averageOrderValue === null ? null : microsText(f.averageOrderValue),
        costToServe: f.costToServe === null ? null : microsText(f.costToServe), netValue: f.netValue === null ? null : microsText(f.netValue),
      },
      wallet: v.wallet && { budget: microsText(v.wallet.budget), share: v.wallet.share },
      history: v.history.map(segmentRow),
    };
  });
};
