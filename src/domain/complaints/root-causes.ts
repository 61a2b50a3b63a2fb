/**
 * The root-cause tree a business classifies its complaints by (DOMAIN §6: investigate whether
 * the complaint is true and why it happened): at most three levels, each node with a stable
 * key (stored on complaints, so never reused for something else) and a name in each language
 * the app speaks. A case records one node: a leaf, or an inner node while the finer cause is
 * not known.
 */

export const LANGUAGES = ["en", "zh-CN", "zh-TW"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A name in each language of the app. */
export type Labels = Record<Language, string>;

export interface RootCauseNode {
  key: string;
  label: Labels;
  children?: RootCauseNode[];
}

export const ROOT_CAUSE_LIMITS = { depth: 3, childrenPerNode: 50, nodes: 300, labelLength: 60 } as const;

/** A key: lower-case letters, digits, "_" and "-", starting with a letter or digit, at most 40 characters. */
export const ROOT_CAUSE_KEY = /^[a-z0-9][a-z0-9_-]{0,39}$/;

const node = (key: string, en: string, zhCN: string, zhTW: string, children?: RootCauseNode[]): RootCauseNode =>
  children ? { key, label: { en, "zh-CN": zhCN, "zh-TW": zhTW }, children } : { key, label: { en, "zh-CN": zhCN, "zh-TW": zhTW } };

/**
 * The tree a new business starts from: what seed 000 and 001 say customers complain about
 * (the product, its delivery, the service, price and billing, the rules), and the complaints
 * the investigation finds are the customer's side or not true.
 */
export const DEFAULT_ROOT_CAUSES: readonly RootCauseNode[] = [
  node("product", "Product", "产品问题", "產品問題", [
    node("product_design", "Design", "设计缺陷", "設計缺陷"),
    node("product_material", "Material", "材料问题", "材料問題"),
    node("product_manufacturing", "Manufacturing", "制造缺陷", "製造缺陷"),
  ]),
  node("logistics", "Logistics", "物流配送", "物流配送", [
    node("logistics_late", "Late delivery", "延迟送达", "延遲送達"),
    node("logistics_damaged", "Damaged in transit", "运输损坏", "運輸損壞"),
    node("logistics_wrong_item", "Wrong or missing item", "错发漏发", "錯發漏發"),
  ]),
  node("service", "Service", "服务问题", "服務問題", [
    node("service_attitude", "Attitude", "服务态度", "服務態度"),
    node("service_slow", "Slow response", "响应缓慢", "回應緩慢"),
    node("service_wrong_info", "Wrong information", "信息错误", "資訊錯誤"),
  ]),
  node("price_billing", "Price and billing", "价格与账单", "價格與帳單", [
    node("price_mismatch", "Price not as shown", "价格不符", "價格不符"),
    node("billing_error", "Billing error", "账单错误", "帳單錯誤"),
    node("refund_delay", "Refund delay", "退款延迟", "退款延遲"),
  ]),
  node("policy", "Policy and returns", "政策与退换", "政策與退換", [
    node("policy_returns", "Return policy", "退换货政策", "退換貨政策"),
    node("policy_warranty", "Warranty terms", "保修条款", "保固條款"),
  ]),
  node("customer_side", "Customer side or unfounded", "客户方原因或不实", "客戶方原因或不實", [
    node("customer_misuse", "Misuse", "使用不当", "使用不當"),
    node("customer_expectation", "Expectation beyond the offer", "期望超出承诺", "期望超出承諾"),
    node("unfounded", "Unfounded", "投诉不实", "投訴不實"),
  ]),
];

/** Where a node sits: its key path from the top ("product", "product_design"), and its top-level ancestor. */
export interface RootCausePlace {
  key: string;
  path: string[];
  top: string;
  label: Labels;
  leaf: boolean;
}

/** Every node of the tree by key, depth first. */
export function rootCauseIndex(tree: readonly RootCauseNode[]): Map<string, RootCausePlace> {
  const out = new Map<string, RootCausePlace>();
  const walk = (nodes: readonly RootCauseNode[], up: string[]) => {
    for (const n of nodes) {
      const path = [...up, n.key];
      if (!out.has(n.key)) out.set(n.key, { key: n.key, path, top: path[0]!, label: n.label, leaf: !n.children?.length });
      walk(n.children ?? [], path);
    }
  };
  walk(tree, []);
  return out;
}

export interface TreeIssue {
  /** Where, by index: "rootCauses.1.children.0.key". */
  field: string;
  message: string;
}

/**
 * What is wrong with a tree that already has the right shape (keys and labels are strings):
 * keys that are malformed or used twice, empty or long names, too deep, too wide, too big.
 * Each issue names the node by its index path and by its key path ("logistics › late").
 */
export function treeIssues(tree: readonly RootCauseNode[], base = "rootCauses"): TreeIssue[] {
  const issues: TreeIssue[] = [];
  const seen = new Map<string, string>();
  let count = 0;
  const walk = (nodes: readonly RootCauseNode[], field: string, keys: string[], depth: number) => {
    if (nodes.length > ROOT_CAUSE_LIMITS.childrenPerNode) {
      issues.push({ field, message: `${where(keys)}has ${nodes.length} children; at most ${ROOT_CAUSE_LIMITS.childrenPerNode} are allowed.` });
    }
    nodes.forEach((n, i) => {
      const at = `${field}.${i}`;
      const path = [...keys, n.key];
      count++;
      if (!ROOT_CAUSE_KEY.test(n.key)) {
        issues.push({ field: `${at}.key`, message: `${where(path)}the key ${JSON.stringify(n.key)} must be 1 to 40 lower-case letters, digits, "_" or "-" (such as "logistics_late").` });
      } else if (seen.has(n.key)) {
        issues.push({ field: `${at}.key`, message: `${where(path)}the key "${n.key}" is already used at ${seen.get(n.key)}; each node needs its own key.` });
      } else {
        seen.set(n.key, path.join(" › "));
      }
      for (const lang of LANGUAGES) {
        const text = n.label[lang].trim();
        if (text === "" || text.length > ROOT_CAUSE_LIMITS.labelLength) {
          issues.push({ field: `${at}.label.${lang}`, message: `${where(path)}the ${lang} name must have 1 to ${ROOT_CAUSE_LIMITS.labelLength} characters.` });
        }
      }
      if (n.children?.length) {
        if (depth >= ROOT_CAUSE_LIMITS.depth) {
          issues.push({ field: `${at}.children`, message: `${where(path)}the tree may be at most ${ROOT_CAUSE_LIMITS.depth} levels deep; move these causes up a level.` });
        } else {
          walk(n.children, `${at}.children`, path, depth + 1);
        }
      }
    });
  };
  walk(tree, base, [], 1);
  if (count > ROOT_CAUSE_LIMITS.nodes) issues.push({ field: base, message: `the tree has ${count} nodes; at most ${ROOT_CAUSE_LIMITS.nodes} are allowed.` });
  return issues;
}

const where = (keys: readonly string[]): string => (keys.length ? `(${keys.join(" › ")}) ` : "");

/** The tree with every name trimmed. */
export const trimTree = (tree: readonly RootCauseNode[]): RootCauseNode[] =>
  tree.map((n) => {
    const label = Object.fromEntries(LANGUAGES.map((l) => [l, n.label[l].trim()])) as Labels;
    return n.children?.length ? { key: n.key, label, children: trimTree(n.children) } : { key: n.key, label };
  });
