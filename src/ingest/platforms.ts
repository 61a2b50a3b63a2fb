/**
 * Presets for the order exports of Chinese shop platforms (Taobao/Tmall, JD, Pinduoduo,
 * Douyin, Youzan, Weidian, AliExpress), and the rules those exports need beyond a column
 * layout: which orders are not sales, which are refunds, who the buyer is, and the
 * spreadsheet damage their ids suffer. docs/imports.md describes each one.
 */
import { decAdd, decSub } from "../domain/decimal.ts";
import type { Preset } from "./columns.ts";
import { normalizeHeader } from "./fields.ts";
import type { RowError } from "./rows.ts";
import { parseNumber } from "./values.ts";

export interface PlatformRules {
  /** The platform's name, as the summary shows it. */
  label: string;
  /** How the buyer is identified, as the import summary says it. */
  identity: string;
  /**
   * A buyer id built from several columns (platforms that give none): the non-empty,
   * unmasked cells of `parts`, joined with " / "; when one of them is masked or empty,
   * the cells of `orElse` are added (Pinduoduo: the receiver and the phone, else the address).
   */
  composite?: { parts: string[]; orElse?: string[] };
  /** Money columns whose sum minus `minus` is the line amount (a virtual column). */
  amount?: { base: string[]; minus?: string[] };
  /** Phone columns: a masked phone (138****1234) is blanked, never stored nor matched. */
  phones?: string[];
  /** Id columns that must not hold a number Excel turned into scientific notation. */
  ids: string[];
  /** The order status column and the statuses that mean the order never became a sale. */
  status?: string;
  notSale?: string[];
  /** Statuses that are no sale unless the order was paid (交易关闭 after a payment is a refund). */
  closed?: string[];
  /** The payment-time column that tells a paid closed order from an unpaid one. */
  paidAt?: string;
  /** After-sale status column and the statuses meaning the whole line was refunded. */
  afterSale?: string;
  refunded?: string[];
  /** A refund-amount column: a positive amount becomes a return of that amount. */
  refundAmount?: string;
  /** An order-level row that packs several items: the title and the number of kinds of item. */
  packed?: { title: string; kinds: string };
  /** Only the other file of a pair: importing it alone is refused with this hint. */
  pairOnly?: string;
}

/** A platform preset: a column layout with the platform's rules. */
export type PlatformPreset = Preset & { platform: PlatformRules };

/** The virtual columns a platform preset adds to the file's own. */
export const BUYER_COLUMN = "买家 (buyer)";
const amountColumn = (a: NonNullable<PlatformRules["amount"]>) => [a.base.join(" + "), ...(a.minus ?? [])].join(" − ");

const TAOBAO_ORDER_COLUMNS = {
  customerRef: "买家会员名",
  customerName: "收货人姓名",
  customerPhone: "联系手机",
  orderedAt: "订单创建时间",
  channel: "店铺名称",
};
/** Order-level money and ids of ExportOrderList that no synonym may pick up. */
const TAOBAO_ORDER_IGNORE = ["总金额", "买家实际支付金额", "买家应付邮费", "买家支付宝账号", "联系电话", "退款金额", "买家支付积分", "实际支付积分", "店铺Id"];
const TAOBAO_RULES = {
  label: "Taobao/Tmall",
  identity: "买家会员名 (the buyer's Taobao member name)",
  phones: ["联系手机", "联系电话"],
  status: "订单状态",
  notSale: ["等待买家付款"],
  closed: ["交易关闭"],
  paidAt: "订单付款时间",
  refundAmount: "退款金额",
} satisfies Partial<PlatformRules>;

export const PLATFORM_PRESETS: Record<string, PlatformPreset> = {
  taobao: {
    name: "taobao",
    kinds: ["orders"],
    columns: { ...TAOBAO_ORDER_COLUMNS, orderNo: "订单编号", description: "宝贝标题", quantity: "宝贝总数量", amount: "买家应付货款", status: "订单状态" },
    ignore: TAOBAO_ORDER_IGNORE,
    description:
      "Taobao/Tmall ExportOrderList alone: one line per order (the goods amount 买家应付货款, the titles as written); " +
      "give ExportOrderDetailList with it for one line per item.",
    signatures: [["订单编号", "买家会员名", "买家应付货款", "宝贝种类"]],
    platform: { ...TAOBAO_RULES, ids: ["订单编号"], packed: { title: "宝贝标题", kinds: "宝贝种类" } },
  },
  "taobao-items": {
    name: "taobao-items",
    kinds: ["orders"],
    // The joined record is the detail row, then its order's row: where both have a column
    // (订单编号, 订单状态), the detail's comes first and is the one read.
    columns: { ...TAOBAO_ORDER_COLUMNS, orderNo: "订单编号", description: "标题", quantity: "购买数量", unitPrice: "价格", sku: "商家编码", status: "订单状态" },
    ignore: [...TAOBAO_ORDER_IGNORE, "买家应付货款", "宝贝标题", "宝贝总数量", "外部系统编号"],
    description:
      "Taobao/Tmall ExportOrderList and ExportOrderDetailList imported together, joined on 订单编号: one line per item " +
      "(价格 × 购买数量), the buyer and dates from the order; the order's 退款金额 is one return on the order.",
    platform: { ...TAOBAO_RULES, ids: ["订单编号"] },
  },
  "taobao-detail": {
    name: "taobao-detail",
    kinds: ["orders"],
    columns: {},
    description: "Taobao/Tmall ExportOrderDetailList: only imported together with its ExportOrderList.",
    signatures: [["订单编号", "标题", "价格", "购买数量", "商品属性", "套餐信息"]],
    platform: {
      label: "Taobao/Tmall",
      identity: "买家会员名",
      ids: ["订单编号"],
      pairOnly: "ExportOrderDetailList has no buyer and no date: import it together with its ExportOrderList (retain import orders ExportOrderList.csv ExportOrderDetailList.csv).",
    },
  },
  jd: {
    name: "jd",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", sku: "商品ID", description: "商品名称", quantity: "订购数量", unitPrice: "京东价", orderedAt: "下单时间",
      customerRef: "下单帐号", customerName: "客户姓名", customerPhone: "联系电话", status: "订单状态", channel: "订单来源",
    },
    ignore: ["订单金额", "结算金额", "应付金额", "余额支付", "运费金额", "货号", "服务费"],
    description: "JD (京东) POP order export: one row per item; the buyer is 下单帐号; 京东价 × 订购数量 is the line.",
    signatures: [["订单号", "下单帐号", "京东价", "订购数量"]],
    platform: {
      label: "JD",
      identity: "下单帐号 (the buyer's JD account)",
      phones: ["联系电话"],
      ids: ["订单号", "商品ID"],
      status: "订单状态",
      notSale: ["等待付款", "已取消", "取消", "锁定"],
    },
  },
  pinduoduo: {
    name: "pinduoduo",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", description: "商品", sku: "商家编码-SKU维度", quantity: "商品数量(件)", amount: amountColumn({ base: ["商品总价(元)"], minus: ["店铺优惠折扣(元)"] }),
      discount: "店铺优惠折扣(元)", orderedAt: "支付时间", customerRef: BUYER_COLUMN, customerName: "收货人", customerPhone: "手机", status: "订单状态",
    },
    ignore: ["平台优惠折扣(元)", "用户实付金额(元)", "商家实收金额(元)", "邮费(元)", "商品总价(元)", "商品id", "商家编码-商品维度"],
    description:
      "Pinduoduo (拼多多) order export: one row per order; no buyer id, so the receiver (收货人 with 手机, or with the " +
      "address when the phone is masked) is the customer; only the shop's discount (店铺优惠折扣) is the customer's discount.",
    signatures: [["订单号", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)"]],
    platform: {
      label: "Pinduoduo",
      identity: "no buyer id in the file: 收货人 + 手机, or 收货人 + 省/市/区/街道 when the phone is masked",
      composite: { parts: ["收货人", "手机"], orElse: ["省", "市", "区", "街道"] },
      amount: { base: ["商品总价(元)"], minus: ["店铺优惠折扣(元)"] },
      phones: ["手机"],
      ids: ["订单号"],
      status: "订单状态",
      notSale: ["待支付", "已取消", "未支付"],
      afterSale: "售后状态",
      refunded: ["退款成功", "退货退款成功"],
    },
  },
  douyin: {
    name: "douyin",
    kinds: ["orders"],
    columns: {
      orderNo: "主订单编号", description: "选购商品", sku: "商家编码", quantity: "商品数量", unitPrice: "商品金额", discount: "商家优惠",
      orderedAt: "订单提交时间", customerRef: BUYER_COLUMN, customerName: "收件人", customerPhone: "收件人手机号", status: "订单状态", channel: "流量来源",
    },
    ignore: ["子订单编号", "订单应付金额", "优惠总金额", "平台优惠", "达人优惠", "支付优惠", "运费", "商品ID", "货号"],
    description:
      "Douyin shop (抖店) order export: one row per sub-order (子订单), grouped into its 主订单编号; the buyer is 买家昵称 with " +
      "the phone when it is not masked; only 商家优惠 is the customer's discount.",
    signatures: [["主订单编号", "子订单编号", "选购商品"]],
    platform: {
      label: "Douyin shop",
      identity: "买家昵称 + 收件人手机号 where it is not masked",
      composite: { parts: ["买家昵称", "收件人手机号"] },
      phones: ["收件人手机号"],
      ids: ["主订单编号", "子订单编号"],
      status: "订单状态",
      notSale: ["待支付", "已取消"],
      closed: ["已关闭"],
      paidAt: "支付完成时间",
      afterSale: "售后状态",
      refunded: ["退款成功", "售后完成", "退货退款成功"],
    },
  },
  youzan: {
    name: "youzan",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", orderedAt: "订单创建时间", customerRef: "买家手机号", customerName: "收货人/提货人", quantity: "商品总件数",
      amount: amountColumn({ base: ["订单商品总金额"], minus: ["店铺优惠合计"] }), discount: "店铺优惠合计", status: "订单状态", channel: "归属店铺",
    },
    ignore: ["订单实付金额", "运费", "收货人手机号/提货人手机号", "订单商品总金额"],
    description: "Youzan (有赞) order-level export: one line per order (goods total less the shop's discounts); the buyer is 买家手机号.",
    signatures: [["订单号", "订单商品总金额", "店铺优惠合计", "商品种类数"]],
    platform: {
      label: "Youzan",
      identity: "买家手机号 (the buyer's phone, as Youzan identifies members)",
      amount: { base: ["订单商品总金额"], minus: ["店铺优惠合计"] },
      phones: ["买家手机号", "收货人手机号/提货人手机号"],
      ids: ["订单号"],
      status: "订单状态",
      notSale: ["待付款", "已关闭"],
      refundAmount: "订单已退款金额",
    },
  },
  "youzan-items": {
    name: "youzan-items",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", orderedAt: "订单创建时间", customerRef: "买家手机号", customerName: "收货人/提货人", description: "商品名称",
      sku: "商品编码", quantity: "商品数量", unitPrice: "商品单价", discount: "商品优惠", status: "订单状态", channel: "归属店铺",
    },
    ignore: ["商品实际成交金额", "订单实付金额", "收货人手机号/提货人手机号", "规格编码"],
    description: "Youzan (有赞) item-level export: one row per item (商品单价 × 商品数量 − 商品优惠); the buyer is 买家手机号.",
    signatures: [["订单号", "商品名称", "商品单价", "商品优惠", "商品实际成交金额"]],
    platform: {
      label: "Youzan",
      identity: "买家手机号 (the buyer's phone, as Youzan identifies members)",
      phones: ["买家手机号", "收货人手机号/提货人手机号"],
      ids: ["订单号", "商品编码"],
      status: "订单状态",
      notSale: ["待付款", "已关闭"],
      refundAmount: "商品已退款金额",
    },
  },
  weidian: {
    name: "weidian",
    kinds: ["orders"],
    columns: {
      orderNo: "订单编号", orderedAt: "下单时间", customerRef: "买家ID", customerName: "收货人姓名", customerPhone: "收货人手机",
      description: "商品名称", sku: "商品编码", quantity: "商品数量", unitPrice: "商品单价", discount: "店铺优惠", status: "订单状态",
    },
    ignore: ["实付金额", "商品总价", "平台优惠", "运费"],
    description: "Weidian (微店) order export: one row per item; the buyer is 买家ID; only 店铺优惠 is the customer's discount.",
    signatures: [["订单编号", "买家ID", "商品单价", "店铺优惠", "平台优惠"]],
    platform: {
      label: "Weidian",
      identity: "买家ID (the buyer's Weidian id)",
      phones: ["收货人手机"],
      ids: ["订单编号", "买家ID"],
      status: "订单状态",
      notSale: ["待付款", "已关闭", "已取消"],
      afterSale: "退款状态",
      refunded: ["退款成功", "已退款"],
      refundAmount: "退款金额",
    },
  },
  aliexpress: {
    name: "aliexpress",
    kinds: ["orders"],
    columns: {
      orderNo: "Order ID", orderedAt: "Order Time", customerRef: "Buyer Login ID", customerName: "Buyer Name", customerEmail: "Buyer Email",
      description: "Product Name", sku: "SKU Code", quantity: "Quantity", unitPrice: "Unit Price", discount: "Store Discount",
      currency: "Currency", status: "Order Status",
    },
    ignore: ["Order Amount", "Platform Discount", "Shipping Cost", "Buyer Country"],
    description: "AliExpress (速卖通) seller order export (English headers): one row per item; the buyer is Buyer Login ID; only Store Discount is the customer's discount.",
    signatures: [["Order ID", "Buyer Login ID", "Store Discount", "Platform Discount"]],
    platform: {
      label: "AliExpress",
      identity: "Buyer Login ID",
      ids: ["Order ID"],
      status: "Order Status",
      notSale: ["Awaiting payment", "Closed", "Cancelled"],
      refundAmount: "Refund Amount",
    },
  },
};

const SCIENTIFIC = /^[-+]?\d+(?:\.\d+)?e[-+]?\d+$/i;
const MASKED = /\*/;
const EMPTY_MARKS = new Set(["-", "--", "—", "－"]);

/**
 * A platform cell as a person means it: `="123"` (Excel's keep-as-text trick) is 123, a
 * leading apostrophe or tab (another such trick) is dropped, and `-` means empty.
 */
export function cleanPlatformCell(raw: string): string {
  let t = raw.trim();
  const formula = /^="(.*)"$/s.exec(t);
  if (formula) t = formula[1]!.replace(/""/g, '"').trim();
  if (t.startsWith("'")) t = t.slice(1).trim();
  return EMPTY_MARKS.has(t) ? "" : t;
}

export interface PlatformVerdict {
  /** Why the row is no sale (it is skipped, not rejected). */
  skip?: string;
  /** The row's line is also returned: "all" of it, or the refund amount as written. */
  refund?: { all: true } | { amount: string; column: string };
  warnings: string[];
  errors: RowError[];
}

/** How one platform preset reads a file: the headers with its virtual columns, and per-record rules. */
export interface PlatformView {
  /** The file's headers, then the virtual columns. */
  headers: string[];
  fileHeaders: string[];
  /** Cleans the cells and appends the virtual columns. */
  prepare(cells: string[]): string[];
  /** Reads the prepared cells: skip, refund, warnings, errors. */
  judge(cells: string[]): PlatformVerdict;
}

/** The computed columns a preset adds after the file's own (the composite buyer, the net amount). */
export function virtualColumns(preset: Preset): string[] {
  const rules = (preset as Partial<PlatformPreset>).platform;
  return [...(rules?.composite ? [BUYER_COLUMN] : []), ...(rules?.amount ? [amountColumn(rules.amount)] : [])];
}

export function platformView(preset: Preset, fileHeaders: string[]): PlatformView | undefined {
  const rules = (preset as Partial<PlatformPreset>).platform;
  if (!rules) return undefined;
  const norm = fileHeaders.map(normalizeHeader);
  // The first column of that name: a header written twice is read from its first column.
  const col = (h: string | undefined) => {
    if (h === undefined) return undefined;
    const i = norm.indexOf(normalizeHeader(h));
    return i === -1 ? undefined : i;
  };
  const cols = (hs: string[] | undefined) => (hs ?? []).map(col).filter((i): i is number => i !== undefined);
  const phoneCols = new Set(cols(rules.phones));
  const idCols = cols(rules.ids);
  const headers = [...fileHeaders, ...virtualColumns(preset)];
  const [status, paidAt, afterSale, refundAmount] = [col(rules.status), col(rules.paidAt), col(rules.afterSale), col(rules.refundAmount)];
  const packed = rules.packed ? { title: col(rules.packed.title), kinds: col(rules.packed.kinds) } : undefined;
  const inList = (v: string, list: string[] | undefined) => !!list?.some((s) => normalizeHeader(s) === normalizeHeader(v));

  const compositeOf = (cells: string[]): string => {
    const c = rules.composite!;
    const parts: string[] = [];
    let short = false;
    for (const i of c.parts.map(col)) {
      const v = i === undefined ? "" : (cells[i] ?? "");
      if (v === "" || MASKED.test(v)) short = true;
      else parts.push(v);
    }
    if (short && c.orElse) for (const i of cols(c.orElse)) if (cells[i]) parts.push(cells[i]!);
    return parts.join(" / ");
  };
  const amountOf = (cells: string[]): string => {
    const a = rules.amount!;
    let sum = "0";
    for (const [sign, hs] of [[1, a.base], [-1, a.minus ?? []]] as const) {
      for (const i of cols(hs)) {
        const v = cells[i] ?? "";
        if (v === "") continue;
        const p = parseNumber(v);
        if (!p.ok) return v; // read (and rejected) as written, naming this column
        sum = sign === 1 ? decAdd(sum, p.value.value) : decSub(sum, p.value.value);
      }
    }
    return sum;
  };

  return {
    headers,
    fileHeaders,
    prepare(raw) {
      const cells = raw.map(cleanPlatformCell);
      // A masked phone is no phone: never stored, never matched.
      for (const i of phoneCols) if (MASKED.test(cells[i] ?? "")) cells[i] = "";
      if (rules.composite) cells.push(compositeOf(raw.map(cleanPlatformCell)));
      if (rules.amount) cells.push(amountOf(cells));
      return cells;
    },
    judge(cells) {
      const verdict: PlatformVerdict = { warnings: [], errors: [] };
      for (const i of idCols) {
        const v = cells[i] ?? "";
        if (SCIENTIFIC.test(v)) {
          verdict.errors.push({
            column: fileHeaders[i], value: v,
            reason: `the id was turned into scientific notation (by Excel) and its last digits are lost, so it cannot be matched: ` +
              `export the file from ${rules.label} again and import it without opening and saving it in Excel (or format the column as text first)`,
          });
        }
      }
      const st = status === undefined ? "" : (cells[status] ?? "");
      if (inList(st, rules.notSale)) verdict.skip = `not a sale (${st})`;
      else if (inList(st, rules.closed) && (paidAt === undefined || (cells[paidAt] ?? "") === "")) verdict.skip = `not a sale (${st}, never paid)`;
      if (verdict.skip) return verdict;
      const after = afterSale === undefined ? "" : (cells[afterSale] ?? "");
      const refund = refundAmount === undefined ? "" : (cells[refundAmount] ?? "");
      if (refund !== "") {
        const p = parseNumber(refund);
        if (!p.ok) verdict.errors.push({ column: fileHeaders[refundAmount!], value: refund, reason: p.reason });
        else if (!p.value.value.startsWith("-") && p.value.value !== "0") verdict.refund = { amount: p.value.value, column: fileHeaders[refundAmount!]! };
      }
      if (!verdict.refund && inList(after, rules.refunded)) verdict.refund = { all: true };
      if (packed?.kinds !== undefined) {
        const kinds = Number(cells[packed.kinds] ?? "");
        if (kinds > 1) {
          const title = packed.title === undefined ? "" : (cells[packed.title] ?? "");
          verdict.warnings.push(
            `${kinds} kinds of item in one row (${title}): kept as one line with the packed title; import the ExportOrderDetailList with it for one line per item`,
          );
        }
      }
      return verdict;
    },
  };
}
