/**
 * Taobao/Tmall's newer seller back-end (千牛) exports orders as one Excel workbook with
 * several sheets: 订单报表 (one row per order: the buyer, money, status), 销售明细 (one row per
 * item, keyed by 主订单编号) and 发货报表 (shipping). This finds the order sheet and the item
 * sheet in such a workbook, so the two are imported as the classic pair is, joined on the
 * order number; other sheets are not read.
 */
import { RetainError } from "../errors.ts";
import { detectPreset } from "./columns.ts";
import { normalizeHeader } from "./fields.ts";
import { openTable, type TableSource } from "./read/table.ts";

/** More sheets than a back-end export has: a workbook is not searched past this. */
const MAX_SHEETS = 12;

/** Whether a sheet's headers are an order list (ExportOrderList or 千牛's 订单报表). */
const isOrderSheet = (t: TableSource) => presetOf(t) === "taobao";

/**
 * Whether a sheet's headers are an item list: the classic ExportOrderDetailList, or 千牛's
 * 销售明细 (子订单编号, 主订单编号, 标题, 价格, 购买数量, …).
 */
function isItemSheet(t: TableSource): boolean {
  if (presetOf(t) === "taobao-detail") return true;
  const has = new Set(t.headers.map(normalizeHeader));
  return ["主订单编号", "子订单编号", "购买数量"].every((h) => has.has(normalizeHeader(h)));
}

function presetOf(t: TableSource): string {
  try {
    return detectPreset("orders", t.headers, t.file);
  } catch {
    return "ambiguous";
  }
}

/** Names a sheet in messages as its user sees it: the workbook, then the sheet. */
const named = (t: TableSource, position: number): TableSource => ({ ...t, file: `${t.file} [${t.sheet ?? `sheet ${position}`}]` });

/**
 * The order sheet and the item sheet of a Taobao/Tmall workbook, or null when `first` (the
 * workbook's first sheet, already open) is not part of one. Only a workbook whose first
 * sheet looks like Taobao's is searched, so other workbooks are read once, as before. A
 * workbook with two order sheets or two item sheets is refused, naming them.
 */
export async function taobaoWorkbook(first: TableSource): Promise<{ orders: TableSource; details: TableSource } | null> {
  if (first.format !== "xlsx" || !(isOrderSheet(first) || isItemSheet(first))) return null;
  const sheets: TableSource[] = [named(first, 1)];
  for (let i = 2; i <= MAX_SHEETS; i++) {
    try {
      sheets.push(named(await openTable(first.file, { sheet: String(i) }), i));
    } catch (e) {
      if (!(e instanceof RetainError)) throw e;
      // No such sheet: the workbook ends here. An empty sheet (发货报表 left blank) is passed over.
      if (e.details.field === "sheet") break;
      if (e.code === "BAD_FILE" && /no header row/.test(e.message)) continue;
      throw e;
    }
  }
  const orders = sheets.filter(isOrderSheet);
  const details = sheets.filter((t) => !isOrderSheet(t) && isItemSheet(t));
  if (orders.length === 0 || details.length === 0) return null;
  if (orders.length > 1 || details.length > 1) {
    const list = (ts: TableSource[]) => ts.map((t) => t.sheet ?? "?").join(", ");
    throw new RetainError("BAD_INPUT", `${first.file} has ${orders.length} order sheets (${list(orders)}) and ${details.length} item sheets (${list(details)}); one of each is imported together.`, {
      file: first.file,
      field: "sheet",
      hint: "Keep one order sheet and its item sheet in the workbook, or import one sheet with --sheet.",
    });
  }
  return { orders: orders[0]!, details: details[0]! };
}
