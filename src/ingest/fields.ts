/**
 * The fields each kind of import fills (the keys of the types in domain/inputs.ts) and
 * the column headers, English and Chinese, that mean each one.
 */
import type { CustomerInput, InteractionInput, OrderLineInput, ProductInput } from "../domain/inputs.ts";

export type ImportKind = "orders" | "customers" | "products" | "interactions";

/** The record each kind of import produces. */
export interface InputOf {
  orders: OrderLineInput;
  customers: CustomerInput;
  products: ProductInput;
  interactions: InteractionInput;
}

export interface FieldDef {
  name: string;
  required?: boolean;
  /** Headers that mean this field, most specific first; compared by normalizeHeader. */
  synonyms: string[];
  /** What the field holds, as a message names it ("the order date"). */
  description: string;
}

/**
 * Header comparison ignores case, spaces, underscores and hyphens, and full-width forms:
 * "Order_Date", "order date", "ORDER-DATE" and "ｏｒｄｅｒ ｄａｔｅ" are one header.
 */
export const normalizeHeader = (h: string): string =>
  h.normalize("NFKC").replace(/^\uFEFF/, "").toLowerCase().replace(/[\s_\-]+/g, "");

/** The header without a trailing unit or note in brackets: "金额(元)", "Amount (USD)". */
export const stripHeaderNote = (normalized: string): string => normalized.replace(/[([{【][^)\]}】]*[)\]}】]$/, "");

const CUSTOMER_ID = [
  "customer_ref", "customer_id", "customerid", "customer id", "customer no", "customer number", "customer code",
  "customer", "client id", "client no", "client", "member id", "member no", "member number", "member", "account id",
  "buyer id", "user id", "cust id", "客户编号", "客户ID", "客户号", "客户代码", "客户编码", "会员编号", "会员ID",
  "会员号", "会员卡号", "顾客编号", "顾客ID", "买家ID", "用户ID", "用户编号", "客户",
];
const EMAIL = ["email", "e-mail", "email address", "mail", "邮箱", "电子邮箱", "邮件", "邮箱地址"];
const PHONE = [
  "phone", "mobile", "telephone", "tel", "phone number", "mobile phone", "mobile number", "cell", "手机", "手机号",
  "手机号码", "电话", "联系电话", "电话号码", "联系方式",
];
const SKU = [
  "sku", "product code", "product id", "stock code", "item code", "item id", "article no", "商品编码", "商品编号",
  "货号", "SKU编码", "商品ID", "产品编号", "产品编码", "物料编码", "款号",
];
const CATEGORY = ["category", "product category", "类别", "品类", "商品类别", "分类", "商品分类", "类目", "产品类别"];
const UNIT_COST = ["unit_cost", "unit cost", "cost", "cost price", "成本", "单位成本", "成本价", "进价", "进货价"];

const ORDERS: FieldDef[] = [
  { name: "customerRef", required: true, description: "the customer id", synonyms: CUSTOMER_ID },
  {
    name: "customerName", description: "the customer's name",
    synonyms: ["customer_name", "customer name", "name", "client name", "buyer name", "member name", "客户名称", "客户姓名", "客户名", "姓名", "顾客姓名", "会员姓名", "买家姓名", "买家"],
  },
  { name: "customerEmail", description: "the customer's email", synonyms: ["customer_email", "customer email", ...EMAIL, "客户邮箱"] },
  { name: "customerPhone", description: "the customer's phone", synonyms: ["customer_phone", "customer phone", ...PHONE, "客户电话"] },
  { name: "customerKind", description: "individual or enterprise customer", synonyms: ["customer_kind", "customer kind", "customer type", "客户类型", "客户性质"] },
  {
    name: "orderNo", description: "the order number",
    synonyms: ["order_no", "order no", "order number", "order id", "orderid", "order", "order #", "invoice", "invoice no", "invoice number", "receipt no", "transaction id", "订单号", "订单编号", "单号", "订单ID", "交易号", "流水号", "小票号", "发票号"],
  },
  { name: "lineNo", description: "the line number within the order", synonyms: ["line_no", "line no", "line number", "line", "行号", "明细行号"] },
  {
    name: "orderedAt", required: true, description: "the order date",
    synonyms: ["ordered_at", "order_date", "order date", "date", "invoice date", "purchase date", "transaction date", "order time", "order created", "created at", "订单日期", "下单时间", "下单日期", "日期", "交易时间", "交易日期", "付款时间", "购买日期", "购买时间", "订单时间", "成交时间", "销售日期", "创建时间"],
  },
  { name: "sku", description: "the product code", synonyms: SKU },
  {
    name: "description", description: "the product name",
    synonyms: ["description", "product", "product name", "item", "item name", "item description", "title", "商品名称", "品名", "商品", "产品名称", "产品", "商品标题", "宝贝标题"],
  },
  { name: "category", description: "the product category", synonyms: CATEGORY },
  { name: "quantity", description: "the quantity", synonyms: ["qty", "quantity", "units", "count", "数量", "购买数量", "商品数量", "件数", "销量"] },
  { name: "unitPrice", description: "the unit price", synonyms: ["unit_price", "unit price", "price", "单价", "价格", "商品单价", "销售单价", "售价", "成交单价"] },
  {
    name: "amount", description: "the line amount",
    synonyms: ["amount", "line total", "line amount", "total", "value", "sales", "revenue", "net amount", "金额", "实付金额", "订单金额", "总金额", "销售额", "成交金额", "实收金额", "实付款", "商品金额", "小计", "合计"],
  },
  { name: "discount", description: "the discount", synonyms: ["discount", "discount amount", "折扣", "优惠", "优惠金额", "折扣金额", "减免"] },
  { name: "unitCost", description: "the unit cost", synonyms: UNIT_COST },
  { name: "currency", description: "the currency", synonyms: ["currency", "currency code", "币种", "货币", "币别"] },
  { name: "channel", description: "the sales channel", synonyms: ["channel", "sales channel", "source", "store", "shop", "platform", "渠道", "销售渠道", "来源", "店铺", "门店", "平台"] },
  { name: "status", description: "the order status", synonyms: ["status", "order status", "状态", "订单状态", "交易状态"] },
  { name: "isReturn", description: "whether the line is a return", synonyms: ["is_return", "is return", "return", "returned", "refund", "是否退货", "退货", "退款"] },
];

const CUSTOMERS: FieldDef[] = [
  { name: "externalId", required: true, description: "the customer id", synonyms: ["external_id", "external id", "id", "编号", ...CUSTOMER_ID] },
  { name: "kind", description: "individual or enterprise", synonyms: ["kind", "type", "customer type", "customer kind", "类型", "客户类型", "客户类别", "客户性质"] },
  {
    name: "name", description: "the customer's name",
    synonyms: ["name", "customer name", "full name", "company", "company name", "姓名", "客户名称", "客户姓名", "名称", "公司名称", "企业名称"],
  },
  { name: "email", description: "the email", synonyms: EMAIL },
  { name: "phone", description: "the phone", synonyms: PHONE },
  { name: "state", description: "the customer state", synonyms: ["state", "status", "customer state", "lifecycle", "stage", "状态", "客户状态", "阶段", "客户阶段"] },
  { name: "tags", description: "the tags", synonyms: ["tags", "tag", "labels", "label", "标签"] },
  {
    name: "sourceChannel", description: "where the customer came from",
    synonyms: ["source_channel", "source channel", "source", "channel", "acquisition channel", "来源", "客户来源", "渠道", "来源渠道", "获客渠道"],
  },
  { name: "ownerEmail", description: "the email of the owning salesperson", synonyms: ["owner_email", "owner email", "owner", "account manager email", "负责人邮箱", "客户经理邮箱", "销售邮箱"] },
  { name: "referredBy", description: "the id of the referring customer", synonyms: ["referred_by", "referred by", "referrer", "referrer id", "推荐人", "推荐人编号", "介绍人"] },
  { name: "birthday", description: "the birthday", synonyms: ["birthday", "birth date", "date of birth", "dob", "生日", "出生日期", "公历生日"] },
  { name: "lunarBirthday", description: "the lunar-calendar birthday", synonyms: ["lunar_birthday", "lunar birthday", "农历生日", "阴历生日"] },
  {
    name: "createdAt", description: "the date the customer was first recorded",
    synonyms: ["created_at", "created at", "created", "signup date", "join date", "registered at", "registration date", "customer since", "创建时间", "注册时间", "注册日期", "入会时间", "建档日期"],
  },
];

const PRODUCTS: FieldDef[] = [
  { name: "sku", required: true, description: "the product code", synonyms: [...SKU, "code", "编码"] },
  { name: "name", description: "the product name", synonyms: ["name", "product name", "title", "description", "商品名称", "名称", "品名", "产品名称"] },
  { name: "category", description: "the category", synonyms: CATEGORY },
  { name: "listPrice", description: "the list price", synonyms: ["list_price", "list price", "price", "retail price", "msrp", "标价", "零售价", "价格", "单价", "售价", "吊牌价"] },
  { name: "unitCost", description: "the unit cost", synonyms: UNIT_COST },
  {
    name: "replacementDays", description: "the days until the product is used up",
    synonyms: ["replacement_days", "replacement days", "repurchase days", "days to replace", "使用周期", "复购周期", "补货周期", "更换周期"],
  },
];

const INTERACTIONS: FieldDef[] = [
  { name: "customerRef", required: true, description: "the customer id", synonyms: CUSTOMER_ID },
  {
    name: "occurredAt", required: true, description: "the date of the interaction",
    synonyms: ["occurred_at", "occurred at", "date", "time", "datetime", "contact date", "contacted at", "时间", "日期", "联系时间", "沟通时间", "接触时间", "跟进时间"],
  },
  { name: "channel", required: true, description: "the channel (phone, visit, wechat…)", synonyms: ["channel", "medium", "via", "渠道", "方式", "沟通方式", "联系渠道", "跟进方式"] },
  { name: "direction", description: "inbound or outbound", synonyms: ["direction", "in/out", "方向", "呼入呼出"] },
  { name: "purpose", description: "the purpose", synonyms: ["purpose", "reason", "subject", "topic", "目的", "事由", "主题"] },
  { name: "outcome", description: "the outcome", synonyms: ["outcome", "result", "结果", "跟进结果"] },
  { name: "notes", description: "the notes", synonyms: ["notes", "note", "comment", "comments", "remarks", "memo", "content", "备注", "内容", "记录", "跟进内容"] },
  { name: "userEmail", description: "the email of the staff member", synonyms: ["user_email", "user email", "agent email", "staff email", "employee email", "员工邮箱", "客服邮箱"] },
  { name: "externalRef", description: "the interaction's own id", synonyms: ["external_ref", "external ref", "ref", "reference", "interaction id", "record id", "记录编号", "工单号"] },
];

export const FIELDS: Record<ImportKind, FieldDef[]> = {
  orders: ORDERS,
  customers: CUSTOMERS,
  products: PRODUCTS,
  interactions: INTERACTIONS,
};

export const IMPORT_KINDS = Object.keys(FIELDS) as ImportKind[];
