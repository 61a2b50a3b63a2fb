/**
 * The demo catalogue: 150 SKUs in 10 categories with list prices, unit costs (40–80% of
 * list) and replacement days for consumables. Fixed for every seed, so a demo's products
 * can be compared across runs. `group` marks the items the association and sequence
 * signals are built on (diapers + beer, TV → soundbar, …).
 */
import type { ProductInput } from "../domain/inputs.ts";
import { Rng, cumulative } from "./rng.ts";
import { cents } from "./money.ts";

export type Group = "diapers" | "milk_powder" | "bottle" | "beer" | "tv" | "soundbar" | "printer" | "ink" | "phone" | "phone_case";

export interface Product {
  readonly sku: string;
  readonly name: string;
  readonly category: string;
  readonly cat: number;
  readonly listCents: number;
  readonly costCents: number;
  /** The same as decimal strings, formatted once. */
  readonly listPrice: string;
  readonly unitCost: string;
  readonly replacementDays: number | undefined;
  readonly group: Group | undefined;
  /** Popularity within its category. */
  readonly weight: number;
}

/** [name, list price in yuan, popularity, replacement days, group] */
type Row = readonly [string, number, number, number?, Group?];

const CATEGORIES: readonly (readonly [string, string, readonly Row[]])[] = [
  ["母婴", "MY", [
    ["纸尿裤 S码 84片", 139, 3, 30, "diapers"], ["纸尿裤 M码 72片", 139, 3, 30, "diapers"],
    ["纸尿裤 L码 60片", 139, 3, 30, "diapers"], ["拉拉裤 XL码 48片", 129, 2, 30, "diapers"],
    ["婴儿配方奶粉 1段 800g", 298, 3, 25, "milk_powder"], ["婴儿配方奶粉 2段 800g", 288, 3, 25, "milk_powder"],
    ["幼儿配方奶粉 3段 800g", 268, 3, 25, "milk_powder"], ["宽口径玻璃奶瓶 240ml", 89, 1, undefined, "bottle"],
    ["PPSU奶瓶 300ml", 129, 0.8, undefined, "bottle"], ["婴儿湿巾 80抽×6包", 49, 3, 20],
    ["有机婴儿米粉 225g", 59, 1.5, 20], ["婴儿洗护套装", 159, 1, 60], ["轻便折叠婴儿推车", 1299, 0.5],
    ["儿童安全座椅", 1899, 0.4], ["婴儿连体衣 3件装", 119, 1],
  ]],
  ["食品", "SP", [
    ["每日坚果 30袋礼盒", 139, 3, 30], ["东北大米 5kg", 59, 3, 30], ["压榨花生油 5L", 109, 2, 45],
    ["手工挂面 2kg", 29, 1.5, 30], ["风干牛肉干 500g", 99, 1.5], ["黑巧克力礼盒", 128, 1.5],
    ["中秋月饼礼盒", 268, 1], ["年货大礼包", 398, 1], ["西湖龙井 250g", 368, 1, 90], ["土蜂蜜 500g", 88, 1, 60],
    ["即食燕麦片 1kg", 45, 2, 30], ["速冻水饺 1kg×3袋", 79, 2, 14], ["进口车厘子 2.5kg", 399, 0.8],
    ["零食大礼包", 99, 2], ["有机杂粮礼盒", 158, 0.8],
  ]],
  ["饮料", "YL", [
    ["精酿啤酒 500ml×12听", 89, 1.2, undefined, "beer"], ["纯生啤酒 500ml×12听", 69, 1.2, undefined, "beer"],
    ["天然矿泉水 550ml×24瓶", 45, 3, 14], ["NFC橙汁 1L×6瓶", 99, 1.5, 14], ["冷萃咖啡 270ml×15瓶", 119, 1.5, 20],
    ["可乐 330ml×24罐", 59, 2, 14], ["纯牛奶 250ml×24盒", 69, 3, 10], ["浓香型白酒 500ml", 599, 0.8],
    ["进口红酒 750ml×2瓶", 299, 0.8], ["无糖茶饮料 500ml×15瓶", 65, 2, 14], ["常温酸奶 200g×12盒", 59, 2, 10],
    ["苏打水 330ml×24罐", 55, 1.5, 14], ["挂耳咖啡 10g×50包", 129, 1, 30], ["柠檬茶 250ml×24盒", 49, 1],
    ["椰汁 1L×6瓶", 69, 1],
  ]],
  ["美妆", "MZ", [
    ["保湿面霜 50g", 299, 2, 60], ["修护精华液 30ml", 499, 2, 60], ["哑光口红", 169, 2], ["补水面膜 10片", 129, 3, 30],
    ["氨基酸洗面奶 120g", 89, 2.5, 45], ["清爽防晒霜 50ml", 159, 2, 60], ["控油洗发水 750ml", 79, 2.5, 45],
    ["香氛沐浴露 1L", 69, 2.5, 45], ["淡香水 50ml", 599, 0.8], ["护手霜 3支装", 59, 1.5], ["紧致眼霜 15g", 359, 1, 90],
    ["温和卸妆油 200ml", 149, 1.5, 60], ["持妆粉底液 30ml", 329, 1], ["保湿爽肤水 200ml", 189, 1.5, 60],
    ["男士洁面套装", 129, 1, 60],
  ]],
  ["家电", "JD", [
    ["65英寸4K大屏电视", 3999, 0.6, undefined, "tv"], ["75英寸4K大屏电视", 5999, 0.5, undefined, "tv"],
    ["85英寸Mini LED大屏电视", 8999, 0.3, undefined, "tv"], ["对开门冰箱 500L", 3999, 0.5], ["滚筒洗衣机 10kg", 2799, 0.5],
    ["变频空调 1.5匹", 2899, 0.5], ["微波炉 23L", 599, 1], ["IH电饭煲 4L", 799, 1.2], ["空气净化器", 1499, 0.8],
    ["扫地机器人", 2499, 0.8], ["无线吸尘器", 1999, 0.8], ["电热水壶 1.7L", 149, 2], ["破壁料理机", 699, 1],
    ["空气炸锅 5L", 399, 2], ["净水器滤芯", 299, 1, 180],
  ]],
  ["影音", "YY", [
    ["回音壁 5.1声道", 1999, 0.2, undefined, "soundbar"], ["回音壁 7.1.4声道", 3999, 0.1, undefined, "soundbar"],
    ["家庭影院音响套装", 5999, 0.08, undefined, "soundbar"], ["蓝牙音箱", 399, 2.5], ["真无线耳机", 699, 3],
    ["头戴式降噪耳机", 1999, 1.5], ["家用投影仪", 2999, 1], ["K歌麦克风", 299, 1], ["黑胶唱片机", 1299, 0.5],
    ["有线耳机", 99, 2], ["运动耳机", 399, 1.5], ["100英寸投影幕布", 399, 0.4], ["HDMI高清线 2米", 49, 1.5],
    ["便携音乐播放器", 899, 0.5], ["电视挂架", 199, 0.8],
  ]],
  ["服装", "FZ", [
    ["纯棉T恤", 99, 3], ["商务衬衫", 259, 2], ["直筒牛仔裤", 299, 2], ["轻薄羽绒服", 699, 1.5], ["跑步运动鞋", 599, 2],
    ["碎花连衣裙", 359, 1.5], ["棉袜 10双装", 59, 2.5, 90], ["休闲外套", 499, 1.5], ["连帽卫衣", 259, 2],
    ["内衣套装", 199, 1.5, 180], ["羊毛围巾", 199, 1], ["家居服套装", 229, 1.2], ["冲锋衣", 899, 0.8],
    ["帆布鞋", 269, 1.2], ["定制工作服", 159, 0.5],
  ]],
  ["家居", "JJ", [
    ["纯棉四件套", 499, 1.5], ["乳胶枕 2只装", 299, 1.2], ["纯棉毛巾 4条装", 79, 2, 120], ["收纳箱 3件套", 99, 1.5],
    ["陶瓷餐具套装", 299, 1], ["保温杯 500ml", 169, 2], ["护眼台灯", 259, 1], ["抽纸 24包", 59, 3, 30],
    ["洗衣液 3kg×2瓶", 89, 3, 45], ["垃圾袋 10卷", 29, 2.5, 45], ["香薰蜡烛", 129, 0.8], ["记忆棉床垫", 1999, 0.4],
    ["不粘锅套装", 399, 0.8], ["旋转拖把套装", 129, 1], ["厨房纸巾 12卷", 45, 2, 30],
  ]],
  ["数码", "SM", [
    ["智能手机 128G", 2999, 1, undefined, "phone"], ["智能手机 256G", 4999, 1, undefined, "phone"],
    ["旗舰手机 512G", 6999, 0.6, undefined, "phone"], ["硅胶手机壳", 59, 0.6, undefined, "phone_case"],
    ["防摔手机壳", 99, 0.5, undefined, "phone_case"], ["钢化手机膜 2片", 39, 1.5], ["10英寸平板电脑", 2499, 0.8],
    ["轻薄笔记本电脑", 5999, 0.6], ["充电宝 20000mAh", 149, 2], ["快充数据线 2条", 49, 2], ["智能手表", 1299, 1],
    ["双频无线路由器", 399, 1], ["移动硬盘 2TB", 499, 0.8], ["无线鼠标", 99, 1.5], ["机械键盘", 399, 1],
  ]],
  ["办公", "BG", [
    ["激光打印机", 1299, 0.6, undefined, "printer"], ["彩色喷墨打印机", 899, 0.6, undefined, "printer"],
    ["黑色墨盒", 159, 0.5, 60, "ink"], ["彩色墨盒", 229, 0.3, 60, "ink"], ["A4打印纸 500张×5包", 139, 3, 30],
    ["中性笔 12支", 29, 2.5, 60], ["文件夹 10个", 39, 1.5], ["人体工学办公椅", 1299, 0.5], ["碎纸机", 699, 0.4],
    ["订书机", 29, 1], ["计算器", 59, 1], ["白板 120×90", 259, 0.5], ["便利贴 10本", 25, 1.5, 60],
    ["激光硒鼓", 399, 0.4, 90], ["会议记录本 5本", 49, 1],
  ]],
];

export const CATEGORY_NAMES: readonly string[] = CATEGORIES.map((c) => c[0]);
export const CAT = { baby: 0, food: 1, drinks: 2, beauty: 3, appliances: 4, av: 5, apparel: 6, home: 7, digital: 8, office: 9 } as const;

/** How often each category is the reason for an order, for individuals and for enterprises. */
export const CATEGORY_WEIGHTS_INDIVIDUAL = [0.7, 1.4, 1.2, 1.2, 0.6, 0.5, 1.2, 1.1, 0.8, 0.35];
export const CATEGORY_WEIGHTS_ENTERPRISE = [0.05, 1.5, 1.2, 0.2, 0.5, 0.3, 0.5, 1, 1.2, 3];

export const PRODUCTS: readonly Product[] = buildProducts();

/** Products of each category, and their cumulative popularity, for fast weighted picks. */
export const BY_CATEGORY: readonly (readonly Product[])[] = CATEGORIES.map((_, c) => PRODUCTS.filter((p) => p.cat === c));
export const BY_CATEGORY_CUM: readonly Float64Array[] = BY_CATEGORY.map((ps) => cumulative(ps.map((p) => p.weight)));
/** Products of each association group. */
export const BY_GROUP: Readonly<Record<Group, readonly Product[]>> = groupIndex();

function buildProducts(): Product[] {
  // A fixed seed: the catalogue is the same in every demo.
  const rng = new Rng(20_240_618, 0, 7);
  const out: Product[] = [];
  CATEGORIES.forEach(([category, code, rows], cat) => {
    rows.forEach(([name, yuan, weight, replacementDays, group], k) => {
      const listCents = yuan * 100;
      const costCents = Math.round(listCents * rng.between(0.4, 0.8));
      out.push({
        sku: `${code}-${String(k + 1).padStart(3, "0")}`,
        name, category, cat, listCents, costCents, listPrice: cents(listCents), unitCost: cents(costCents),
        replacementDays, group, weight,
      });
    });
  });
  return out;
}

function groupIndex(): Record<Group, Product[]> {
  const idx: Record<string, Product[]> = {};
  for (const p of PRODUCTS) if (p.group) (idx[p.group] ??= []).push(p);
  return idx as Record<Group, Product[]>;
}

/** The catalogue as import records. */
export function productInputs(): ProductInput[] {
  return PRODUCTS.map((p) => ({
    sku: p.sku,
    name: p.name,
    category: p.category,
    listPrice: p.listPrice,
    unitCost: p.unitCost,
    ...(p.replacementDays !== undefined ? { replacementDays: p.replacementDays } : {}),
  }));
}
