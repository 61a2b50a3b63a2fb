/**
 * The platform presets themselves: each Chinese shop platform's export layout (the columns
 * read, the ones no synonym may pick up, how it is detected) and its rules (platforms.ts
 * says what each rule does). docs/imports.md gives each header row and its source.
 */
import { amountColumn, BUYER_COLUMN, CURRENCY_COLUMN, type PlatformPreset, type PlatformRules } from "./platforms.ts";

const TAOBAO_ORDER_COLUMNS = {
  customerRef: "买家会员名",
  customerName: "收货人姓名",
  customerPhone: "联系手机",
  orderedAt: "订单创建时间",
  channel: "店铺名称",
};
/** Order-level money and ids of ExportOrderList that no synonym may pick up. */
const TAOBAO_ORDER_IGNORE = ["总金额", "买家实际支付金额", "买家实付金额", "买家应付邮费", "买家支付宝账号", "联系电话", "退款金额", "买家支付积分", "实际支付积分", "店铺Id"];
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

const PDD_AMOUNT = { base: ["商品总价(元)"], minus: ["店铺优惠折扣(元)"] };
/** Pinduoduo money that is not the shop's: the platform's and the payment channel's promotions, what was paid, what the shop got. */
const PDD_IGNORE = ["平台优惠折扣(元)", "多多支付立减金额(元)", "用户实付金额(元)", "商家实收金额(元)", "邮费(元)", "商品总价(元)", "商品id", "商家编码-商品维度", "样式ID"];
const PDD_RULES = {
  label: "Pinduoduo",
  amount: PDD_AMOUNT,
  status: "订单状态",
  notSale: ["待支付", "已取消", "未支付"],
  afterSale: "售后状态",
  refunded: ["退款成功", "退货退款成功"],
} satisfies Partial<PlatformRules>;

const YOUZAN_RULES = { label: "Youzan", ids: ["订单号"] } satisfies Partial<PlatformRules>;

/** Weidian's June 2020 layout renamed eight columns of the 2018 one (see docs/imports.md). */
const WEIDIAN_2020 = {
  paidAt: "支付时间", productId: "商品ID", quantity: "商品件数", unitPrice: "单品折扣后价格", listPrice: "商品原始单价",
  receiver: "收件人/提货人姓名", receiverPhone: "收件人/提货人手机号", address: "收货/提货详细地址",
};
const WEIDIAN_2018: typeof WEIDIAN_2020 = {
  paidAt: "付款时间", productId: "商品id", quantity: "购买数量", unitPrice: "商品价格", listPrice: "商品原价",
  receiver: "收件人姓名", receiverPhone: "收件人手机", address: "收货详细地址",
};
function weidian(name: string, v: typeof WEIDIAN_2020, layout: string): PlatformPreset {
  return {
    name,
    kinds: ["orders"],
    columns: {
      orderNo: "订单编号", orderedAt: "下单时间", customerRef: "下单账号", customerName: v.receiver, customerPhone: v.receiverPhone,
      description: "商品名称", sku: "商品编码", quantity: v.quantity, unitPrice: v.unitPrice, status: "订单状态",
    },
    ignore: [v.listPrice, v.productId, "商品积分", "运费退款", "分销佣金", "分销商手机号", "分销商店铺ID", "分销商注册姓名", "分销店铺名称"],
    description:
      `Weidian (微店) order export, ${layout} layout: one row per item; the buyer is 下单账号; ` +
      `${v.unitPrice} (the price after the item's own discount) × ${v.quantity} is the line.`,
    signatures: [["订单编号", "下单账号", v.quantity, v.unitPrice]],
    platform: {
      label: "Weidian",
      identity: "下单账号 (the account the order was placed with)",
      phones: [v.receiverPhone, "下单账号", "分销商手机号"],
      ids: ["订单编号", v.productId],
      status: "订单状态",
      notSale: ["待付款", "已取消"],
      closed: ["已关闭"],
      paidAt: v.paidAt,
      afterSale: "退款状态",
      refunded: ["退款成功", "已退款"],
      refundAmount: "退款金额",
    },
  };
}

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
    platform: {
      ...TAOBAO_RULES, ids: ["订单编号"],
      packed: { title: "宝贝标题", kinds: "宝贝种类", hint: "import the ExportOrderDetailList with it for one line per item" },
    },
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
      orderNo: "订单号", description: "商品", sku: "商家编码-SKU维度", quantity: "商品数量(件)", amount: amountColumn(PDD_AMOUNT),
      discount: "店铺优惠折扣(元)", orderedAt: "支付时间", customerRef: BUYER_COLUMN, customerName: "收货人", customerPhone: "手机", status: "订单状态",
    },
    ignore: PDD_IGNORE,
    description:
      "Pinduoduo (拼多多) order export up to 2022 (收货人, 手机, 商家编码-SKU维度): one row per order; no buyer id, so the receiver " +
      "(收货人 with 手机, or with the street address when the phone is masked) is the customer; only the shop's discount (店铺优惠折扣) is the customer's discount.",
    signatures: [["订单号", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "商家编码-SKU维度"]],
    platform: {
      ...PDD_RULES,
      identity: "no buyer id in the file: 收货人 + 手机, or 收货人 + 省/市/区/街道 when the phone is masked",
      composite: [
        { columns: ["收货人", "手机"], need: ["收货人", "手机"] },
        { columns: ["收货人", "省", "市", "区", "街道"], need: ["收货人", "街道"] },
      ],
      required: [{
        column: BUYER_COLUMN,
        reason: "no buyer: the file has no buyer id, and the receiver (收货人) with an unmasked 手机 or street address (街道) is missing; export the orders again with the receiver's details",
      }],
      phones: ["手机", "用户购买手机号"],
      ids: ["订单号"],
    },
  },
  "pinduoduo-2023": {
    name: "pinduoduo-2023",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", description: "商品", sku: "商家编码-规格维度", quantity: "商品数量(件)", amount: amountColumn(PDD_AMOUNT),
      discount: "店铺优惠折扣(元)", orderedAt: "支付时间", customerRef: BUYER_COLUMN, customerPhone: "用户购买手机号", status: "订单状态",
    },
    ignore: [...PDD_IGNORE, "配送员手机号", "充值号码", "订单成交时间", "消费者资料"],
    description:
      "Pinduoduo (拼多多) order export from 2023 (商家编码-规格维度, no 收货人 nor 手机): one row per order; the only buyer column is " +
      "用户购买手机号, so a row is the customer with that phone when it is not masked, and is rejected when it is (a district is no customer); " +
      "only the shop's discount (店铺优惠折扣) is the customer's discount, not 多多支付立减金额.",
    signatures: [["订单号", "商品总价(元)", "店铺优惠折扣(元)", "平台优惠折扣(元)", "商家编码-规格维度"]],
    platform: {
      ...PDD_RULES,
      identity: "no buyer id nor receiver in the file: 用户购买手机号 where it is not masked; rows with it masked are rejected",
      composite: [{ columns: ["用户购买手机号"], need: ["用户购买手机号"] }],
      required: [{
        column: BUYER_COLUMN,
        reason: "no buyer: this export has no receiver (收货人, 手机) and 用户购买手机号 is masked or empty, so the buyer cannot be told from others " +
          "(a province, city, district and town are no customer); export the orders with the receiver's name and phone, or with 用户购买手机号 unmasked",
      }],
      phones: ["用户购买手机号", "配送员手机号"],
      ids: ["订单号"],
    },
  },
  douyin: {
    name: "douyin",
    kinds: ["orders"],
    columns: {
      orderNo: "主订单编号", description: "选购商品", sku: "商家编码", quantity: "商品数量", unitPrice: "商品单价", discount: "商家优惠",
      orderedAt: "订单提交时间", customerRef: BUYER_COLUMN, customerName: "收件人", customerPhone: "收件人手机号", status: "订单状态", channel: "流量来源",
    },
    ignore: [
      "子订单编号", "订单应付金额", "优惠总金额", "平台优惠", "达人优惠", "商家改价", "支付优惠", "红包抵扣", "降价类优惠", "手续费", "运费", "商品ID",
      "平台实际承担优惠金额", "商家实际承担优惠金额", "达人实际承担优惠金额", "所属门店ID", "仓库ID", "仓库名称", "APP渠道", "广告渠道", "流量渠道", "商品69码",
    ],
    description:
      "Douyin shop (抖店) order export: one row per sub-order (子订单), grouped into its 主订单编号; no buyer id, so the receiver " +
      "(收件人 with 收件人手机号, or with the address when the phone is masked) is the customer; 商品单价 × 商品数量 − 商家优惠 is the line.",
    signatures: [["主订单编号", "子订单编号", "选购商品"]],
    platform: {
      label: "Douyin shop",
      identity: "no buyer id in the file: 收件人 + 收件人手机号, or 收件人 + 省/市/区/街道/详细地址 when the phone is masked",
      composite: [
        { columns: ["收件人", "收件人手机号"], need: ["收件人", "收件人手机号"] },
        { columns: ["收件人", "省", "市", "区", "街道", "详细地址"], need: ["收件人", "详细地址"] },
      ],
      required: [{
        column: BUYER_COLUMN,
        reason: "no buyer: the file has no buyer id, and the receiver (收件人) with an unmasked 收件人手机号 or 详细地址 is missing or masked; " +
          "export the orders with the receiver's details shown",
      }],
      phones: ["收件人手机号"],
      ids: ["主订单编号", "子订单编号", "商品ID", "达人ID"],
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
      orderNo: "订单号", orderedAt: "订单创建时间", customerRef: BUYER_COLUMN, customerName: "收货人/提货人", customerPhone: "买家手机号",
      description: "全部商品名称", amount: amountColumn({ base: ["商品金额合计"], minus: ["店铺优惠合计"] }), discount: "店铺优惠合计",
      status: "订单状态", channel: "销售渠道",
    },
    ignore: [
      "商品金额合计", "运费", "应收订单金额", "订单实付金额", "支付优惠合计", "订单实收金额", "订单抵用积分数", "订单已退款金额", "收货人手机号/提货人手机号",
      "归属店铺", "分销员手机号", "挂账手机号", "订单佣金金额", "订单下级卖货提成金额", "买家昵称",
    ],
    description:
      "Youzan (有赞) order-level export (订单维度): one line per order (商品金额合计 less the shop's 店铺优惠合计; 支付优惠合计 is the payment " +
      "channel's), all items named in 全部商品名称; the buyer is 买家手机号.",
    signatures: [["订单号", "商品金额合计", "店铺优惠合计", "全部商品名称"]],
    platform: {
      ...YOUZAN_RULES,
      identity: "买家手机号 (the buyer's phone, as Youzan identifies members)",
      composite: [{ columns: ["买家手机号"], need: ["买家手机号"] }],
      required: [{ column: BUYER_COLUMN, reason: "no buyer: 买家手机号 is empty or masked; export the orders with the buyer's phone shown" }],
      amount: { base: ["商品金额合计"], minus: ["店铺优惠合计"] },
      phones: ["买家手机号", "收货人手机号/提货人手机号", "分销员手机号", "挂账手机号"],
      status: "订单状态",
      notSale: ["待付款"],
      closed: ["已关闭", "交易关闭"],
      paidAt: "买家付款时间",
      refundAmount: "订单已退款金额",
      packed: { title: "全部商品名称", kinds: "商品种类数", hint: "import the item-level export (商品维度) for one line per item" },
    },
  },
  "youzan-items": {
    name: "youzan-items",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", orderedAt: "交易成功时间", customerRef: BUYER_COLUMN, customerName: "收货人/提货人", customerPhone: "收货人手机号/提货人手机号",
      description: "商品名称", sku: "商品编码", quantity: "商品数量", unitPrice: "商品单价",
      amount: amountColumn({ base: ["商品金额小计"], minus: ["店铺优惠（分摊）"] }), discount: "店铺优惠（分摊）", status: "订单商品状态",
    },
    ignore: ["商品金额小计", "商品实际成交金额", "商品成本价", "商品优惠后价格", "商品已退款金额", "规格编码", "商品抵用积分数", "商品发货时间", "外部订单号"],
    description:
      "Youzan (有赞) item-level export (商品维度): one row per item (商品金额小计 less the shop's 店铺优惠（分摊）); it has no buyer and no order " +
      "date, so the receiver is the customer and an item is dated by 交易成功时间 (an item without it is rejected: export the order-level file).",
    signatures: [["订单号", "商品名称", "商品金额小计", "店铺优惠（分摊）", "商品实际成交金额"]],
    platform: {
      ...YOUZAN_RULES,
      identity: "no buyer in the file: 收货人/提货人 + 收货人手机号/提货人手机号 (the receiver)",
      composite: [{ columns: ["收货人/提货人", "收货人手机号/提货人手机号"], need: ["收货人/提货人", "收货人手机号/提货人手机号"] }],
      required: [
        {
          column: BUYER_COLUMN,
          reason: "no buyer: the item-level export has no buyer, and the receiver (收货人/提货人 with an unmasked 收货人手机号/提货人手机号) is missing; " +
            "export the order-level file (订单维度), whose buyer is 买家手机号",
        },
        {
          column: "交易成功时间",
          reason: "no 交易成功时间: the item-level export has no order date, so an item is dated by when its trade succeeded; " +
            "export the order-level file (订单维度) for orders not yet completed, or import this file again once they are",
        },
      ],
      amount: { base: ["商品金额小计"], minus: ["店铺优惠（分摊）"] },
      phones: ["收货人手机号/提货人手机号"],
      ids: ["订单号"],
      status: "订单商品状态",
      // A closed item never succeeded: it has no date to be read by, and nets to nothing.
      notSale: ["待付款", "已关闭", "交易关闭"],
      afterSale: "商品退款状态",
      refunded: ["退款成功"],
      refundAmount: "商品已退款金额",
    },
  },
  weidian: weidian("weidian", WEIDIAN_2020, "June 2020 and later"),
  "weidian-2018": weidian("weidian-2018", WEIDIAN_2018, "2018"),
  aliexpress: {
    name: "aliexpress",
    kinds: ["orders"],
    columns: {
      orderNo: "订单号", orderedAt: "下单时间", customerRef: "买家名称", customerName: "收货人名称", customerPhone: "手机",
      description: "产品信息\n（双击单元格展开所有产品信息！）", amount: amountColumn({ base: ["产品总金额"], minus: ["满立减"] }), discount: "满立减",
      currency: CURRENCY_COLUMN, status: "订单状态",
    },
    ignore: ["产品总金额", "物流费用", "订单金额", "联系电话", "负责人(业务员)", "实际发货物流:运单号"],
    description:
      "AliExpress (速卖通) seller order export (Chinese headers, about 2019): one row per order, every product in one cell; the buyer is 买家名称; " +
      "产品总金额 less the shop's 满立减 is the line, in US dollars unless the amounts say otherwise.",
    signatures: [["订单号", "买家名称", "产品总金额", "满立减", "产品信息\n（双击单元格展开所有产品信息！）"]],
    platform: {
      label: "AliExpress",
      identity: "买家名称 (the buyer's name on AliExpress)",
      amount: { base: ["产品总金额"], minus: ["满立减"] },
      currency: "USD",
      phones: ["手机", "联系电话"],
      ids: ["订单号"],
      status: "订单状态",
      notSale: ["等待买家付款"],
      closed: ["订单关闭"],
      paidAt: "付款时间",
      packed: { title: "产品信息\n（双击单元格展开所有产品信息！）", marker: "【", hint: "the export has no item-level file; the products stay as written" },
    },
  },
};
