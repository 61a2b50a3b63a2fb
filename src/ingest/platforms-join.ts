/**
 * Taobao/Tmall exports an order list (ExportOrderList: the buyer, dates, money, status)
 * and an item list (ExportOrderDetailList: title, price, quantity per item) as two files.
 * This joins them on 订单编号: each item row followed by its order's row is one record.
 */
import { basename } from "node:path";
import { RetainError } from "../errors.ts";
import { detectPreset } from "./columns.ts";
import { normalizeHeader } from "./fields.ts";
import { cleanPlatformCell } from "./platforms.ts";
import type { TableRecord, TableSource } from "./read/table.ts";
import type { RowError } from "./rows.ts";

export interface JoinedRecord {
  rec: TableRecord;
  /** Set when the record cannot be joined: it is rejected with this reason. */
  problem?: RowError;
  /** An order without items that was no sale anyway (unpaid): skipped with this reason. */
  skipped?: string;
}

export interface JoinedTable {
  /** The item file's headers, then the order file's. */
  headers: string[];
  orderFile: string;
  detailFile: string;
  encoding: string;
  delimiter?: string;
  batches(): AsyncIterable<JoinedRecord[]>;
  progress(): { done: number; total: number };
}

const ORDER_NO = "订单编号";
const MAIN_ORDER_NO = "主订单编号";
const REFUND = "退款金额";

/** Which of the two tables is the order list and which the item list; anything else is an error naming both files. */
export function pairRoles(a: TableSource, b: TableSource): { orders: TableSource; details: TableSource } {
  const kinds = [a, b].map((t) => {
    try {
      return detectPreset("orders", t.headers, t.file);
    } catch {
      return "ambiguous";
    }
  });
  if (kinds[0] === "taobao" && kinds[1] === "taobao-detail") return { orders: a, details: b };
  if (kinds[1] === "taobao" && kinds[0] === "taobao-detail") return { orders: b, details: a };
  throw new RetainError(
    "BAD_INPUT",
    `Two files are imported together only as a Taobao/Tmall pair (ExportOrderList and ExportOrderDetailList); ` +
      `${a.file} looks like '${kinds[0]}' and ${b.file} like '${kinds[1]}'.`,
    { file: b.file, hint: "Give the order list and its detail list, or import each file on its own." },
  );
}

/**
 * Reads the order list into memory (one row per order) and streams the item list, each item
 * row followed by its order's cells. An item whose order is not in the order list, and an
 * order no item names, are rejected with the file and line they come from: both files must
 * be exported for the same orders. The order's refund amount goes on its first item only,
 * so it is one return per order.
 */
export async function joinTaobaoPair(orders: TableSource, details: TableSource): Promise<JoinedTable> {
  const col = (t: TableSource, h: string) => t.headers.findIndex((x) => normalizeHeader(x) === normalizeHeader(h));
  const orderCol = col(orders, ORDER_NO);
  // 千牛's item sheet (销售明细) names its order 主订单编号 beside the item's own 子订单编号.
  const detailCol = col(details, ORDER_NO) !== -1 ? col(details, ORDER_NO) : col(details, MAIN_ORDER_NO);
  const refundCol = col(orders, REFUND);
  const statusCol = col(orders, "订单状态");
  const paidCol = col(orders, "订单付款时间");
  const byNo = new Map<string, { line: number; cells: string[]; used: boolean }>();
  const duplicate: TableRecord[] = [];
  for await (const rec of orders.records()) {
    const no = cleanPlatformCell(rec.cells[orderCol] ?? "");
    if (byNo.has(no)) duplicate.push(rec);
    else byNo.set(no, { line: rec.line, cells: rec.cells, used: false });
  }
  const blankDetail = details.headers.map(() => "");
  const [orderName, detailName] = [basename(orders.file), basename(details.file)];

  async function* batches(): AsyncIterable<JoinedRecord[]> {
    for await (const recs of details.batches()) {
      yield recs.map((rec): JoinedRecord => {
        const no = cleanPlatformCell(rec.cells[detailCol] ?? "");
        const order = byNo.get(no);
        if (!order) {
          return {
            rec: { ...rec, cells: [...rec.cells, ...orders.headers.map(() => "")] },
            problem: {
              column: ORDER_NO, ...(no ? { value: no } : {}),
              reason: `line ${rec.line} of ${detailName}: order ${no || "(none)"} is not in ${orderName}; export both lists for the same orders and import them again`,
            },
          };
        }
        const orderCells = [...order.cells];
        if (order.used && refundCol !== -1) orderCells[refundCol] = "";
        order.used = true;
        return { rec: { ...rec, cells: [...rec.cells, ...orderCells] } };
      });
    }
    const orphans: JoinedRecord[] = [];
    for (const [no, o] of byNo) {
      if (o.used) continue;
      const status = cleanPlatformCell(o.cells[statusCol] ?? "");
      const paid = paidCol !== -1 && cleanPlatformCell(o.cells[paidCol] ?? "") !== "";
      if (status === "等待买家付款" || (status === "交易关闭" && !paid)) {
        orphans.push({ rec: { line: o.line, cells: [...blankDetail, ...o.cells] }, skipped: `not a sale (${status}${paid ? "" : ", never paid"})` });
        continue;
      }
      orphans.push({
        rec: { line: o.line, cells: [...blankDetail, ...o.cells] },
        problem: { column: ORDER_NO, value: no, reason: `line ${o.line} of ${orderName}: order ${no} has no items in ${detailName}; export both lists for the same orders and import them again` },
      });
    }
    for (const rec of duplicate) {
      const no = cleanPlatformCell(rec.cells[orderCol] ?? "");
      orphans.push({
        rec: { line: rec.line, cells: [...blankDetail, ...rec.cells] },
        problem: { column: ORDER_NO, value: no, reason: `line ${rec.line} of ${orderName}: order ${no} appears twice in the order list (the first is used)` },
      });
    }
    if (orphans.length) yield orphans;
  }
  return {
    headers: [...details.headers, ...orders.headers],
    orderFile: orders.file,
    detailFile: details.file,
    encoding: details.encoding === orders.encoding ? details.encoding : `${details.encoding}+${orders.encoding}`,
    ...(details.delimiter !== undefined ? { delimiter: details.delimiter } : {}),
    batches,
    progress: () => details.progress(),
  };
}
