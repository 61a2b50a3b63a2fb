import { PassThrough } from "node:stream";
import type { FastifyPluginAsyncZod } from "fastify-type-provider-zod";
import { z } from "zod";
import { recordChange } from "../../audit/audit.repository.ts";
import { countCustomers, LIST_SORTS, listCustomers, type CustomerSummary, type ListCursor } from "../../archive/customer-list.ts";
import { actorOf, principalOf } from "../auth.ts";
import { csvCell } from "../csv.ts";
import { FilterQuery, toFilter } from "./customers.routes.ts";

/** The most rows one export holds; a bigger set is narrowed with filters or exported by the CLI. */
export const EXPORT_MAX = 200_000;
const PAGE = 2000;

const COLUMNS: Array<[string, (c: CustomerSummary) => unknown]> = [
  ["id", (c) => c.id], ["external_id", (c) => c.externalId], ["name", (c) => c.name], ["kind", (c) => c.kind], ["state", (c) => c.state],
  ["email", (c) => c.email], ["phone", (c) => c.phone], ["tags", (c) => c.tags.join(";")], ["owner", (c) => c.owner?.name ?? ""],
  ["orders", (c) => c.orders], ["net_sales", (c) => c.sales], ["first_purchase", (c) => c.firstPurchase], ["last_purchase", (c) => c.lastPurchase],
  ["created_at", (c) => c.createdAt],
];

export const customerExportRoutes: FastifyPluginAsyncZod = async (app) => {
  const db = app.db;
  app.get("/customers/export", {
    config: { permission: "customers:read" },
    schema: {
      tags: ["customers"], summary: `The customer list as CSV or Excel, with the list's filters and sort (at most ${EXPORT_MAX} rows)`,
      querystring: FilterQuery.extend({ format: z.enum(["csv", "xlsx"]).default("csv"), sort: z.enum(LIST_SORTS).default("id"), order: z.enum(["asc", "desc"]).default("asc") }),
    },
  }, async (req, reply) => {
    const q = req.query;
    const filter = toFilter(q, principalOf(req));
    const count = await countCustomers(db, filter, EXPORT_MAX);
    // Exporting personal data is itself recorded.
    await recordChange(db, actorOf(req), { action: "customers.exported", entityType: "customer", entityId: null, after: { filter: q, rows: count.total, capped: !count.exact } });
    async function* pages() {
      let cursor: ListCursor | undefined;
      let sent = 0;
      do {
        const page = await listCustomers(db, filter, { sort: q.sort, order: q.order, limit: PAGE, cursor });
        yield page.items.slice(0, EXPORT_MAX - sent);
        sent += page.items.length;
        cursor = page.nextCursor ?? undefined;
      } while (cursor && sent < EXPORT_MAX);
    }
    const stamp = new Date().toISOString().slice(0, 10);
    if (q.format === "csv") {
      const out = new PassThrough();
      void (async () => {
        out.write(`\uFEFF${COLUMNS.map(([h]) => h).join(",")}\r\n`);
        for await (const items of pages()) out.write(items.map((c) => COLUMNS.map(([, f]) => csvCell(f(c))).join(",")).join("\r\n") + (items.length ? "\r\n" : ""));
        out.end();
      })().catch((e: unknown) => out.destroy(e as Error));
      return reply.type("text/csv; charset=utf-8").header("content-disposition", `attachment; filename="customers-${stamp}.csv"`).send(out);
    }
    const out = new PassThrough();
    // Loaded when a workbook is asked for: exceljs takes a third of a second to load.
    const { default: ExcelJS } = await import("exceljs");
    const wb = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: false, useSharedStrings: false });
    const ws = wb.addWorksheet("customers");
    ws.columns = COLUMNS.map(([h]) => ({ header: h, key: h }));
    void (async () => {
      for await (const items of pages()) {
        for (const c of items) ws.addRow(COLUMNS.map(([h, f]) => (h === "net_sales" ? Number(f(c)) : f(c)))).commit();
      }
      ws.commit();
      await wb.commit();
    })().catch((e: unknown) => out.destroy(e as Error));
    return reply.type("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
      .header("content-disposition", `attachment; filename="customers-${stamp}.xlsx"`).send(out);
  });
};
