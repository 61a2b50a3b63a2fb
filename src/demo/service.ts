/**
 * The relationship around the orders: the contact log (follow-ups after a first order,
 * care at the Spring Festival, campaign messages before 618 and Double 11, after-sales
 * calls, key-account visits, surveys) and complaint records. Heavy buyers and
 * enterprises are contacted more, as a tiered contact plan would do (DOMAIN §5).
 */
import type { ComplaintInput, ComplaintSeverity, InteractionInput } from "../domain/inputs.ts";
import type { ComplaintEvent, SalesOrder } from "./behaviour.ts";
import type { Calendar } from "./calendar.ts";
import type { Rng } from "./rng.ts";

export interface Relationship {
  readonly ref: string;
  readonly ownerEmail: string;
  readonly enterprise: boolean;
  readonly createdDay: number;
  readonly orders: readonly SalesOrder[];
  readonly complaints: readonly ComplaintEvent[];
}

const PURPOSES = ["follow_up", "care", "promotion", "after_sales", "visit", "survey"] as const;
type Purpose = (typeof PURPOSES)[number];
const CONTACT_CHANNELS = ["phone", "email", "wechat", "visit", "sms"] as const;

/** [purpose weights], by kind of customer. */
const PURPOSE_PROSPECT = [50, 5, 25, 0, 15, 5];
const PURPOSE_INDIVIDUAL = [20, 15, 30, 15, 1, 10];
const PURPOSE_ENTERPRISE = [25, 12, 10, 15, 30, 8];
/** Channel weights over phone, email, wechat, visit, sms for each purpose. */
const CHANNELS: Record<Purpose, readonly number[]> = {
  follow_up: [50, 10, 35, 0, 5],
  care: [15, 5, 45, 0, 35],
  promotion: [5, 15, 40, 0, 40],
  after_sales: [60, 10, 30, 0, 0],
  visit: [0, 0, 0, 1, 0],
  survey: [10, 35, 30, 0, 25],
};
/** What happened and the note the agent wrote, kept together so they agree. */
type Entry = readonly [outcome: string, note: string];
const LOG: Record<Purpose, readonly Entry[]> = {
  follow_up: [
    ["reached", "首单后回访，确认商品已收到"], ["reached", "询问使用体验，客户表示满意"], ["no_answer", "电话未接通，改发微信"],
    ["interested", "介绍会员权益，客户有兴趣"], ["not_interested", "客户暂不需要，约下月再联系"], ["order_placed", "回访时客户追加下单"],
  ],
  care: [["thanked", "节日问候，客户回复感谢"], ["reached", "生日祝福并赠送优惠券"], ["reached", "天气转凉，提醒注意保暖"], ["no_answer", "问候短信已发送，未回复"]],
  promotion: [
    ["sent", "新品上市通知"], ["sent", "满减活动短信"], ["clicked", "会员日活动邀请，客户点击了链接"],
    ["not_interested", "客户表示暂无购买计划"], ["order_placed", "客户领取优惠券并下单"],
  ],
  after_sales: [
    ["resolved", "商品使用问题，远程指导解决"], ["resolved", "客户咨询安装事宜，已预约上门"],
    ["pending", "客户询问退换货流程，待寄回"], ["escalated", "故障无法远程解决，转技术部门"],
  ],
  visit: [
    ["completed", "拜访采购负责人，沟通年度需求"], ["completed", "上门演示新品，客户反馈良好"],
    ["rescheduled", "客户临时有事，拜访改期"], ["order_placed", "季度回访，客户签订补货订单"],
  ],
  survey: [
    ["completed", "满意度调查：非常满意"], ["completed", "满意度调查：一般，希望配送更快"], ["completed", "填写会员问卷，补充家庭信息"],
    ["declined", "客户拒绝参加调查"], ["no_answer", "调查未完成"],
  ],
};
/** Prospects have not bought: their follow-ups and visits are about winning them. */
const PROSPECT_LOG: readonly Entry[] = [
  ["interested", "介绍产品方案，客户有兴趣"], ["no_answer", "电话未接通"], ["not_interested", "客户暂无需求"], ["scheduled_visit", "约定下周上门演示"],
];
const SPRING_GREETING: Entry = ["thanked", "春节问候，送上新春祝福"];
const PRESALE_618: Entry = ["sent", "618大促预告，发送专属优惠券"];
const PRESALE_1111: Entry = ["sent", "双11预售提醒"];
const COMPLAINT_CALL: Entry = ["escalated", "客户来电投诉，已登记并转客服处理"];

interface ContactEvent {
  at: number;
  minute: number;
  purpose: Purpose;
  inbound: boolean;
  entry: Entry | undefined;
}

export function interactions(rng: Rng, cal: Calendar, r: Relationship): InteractionInput[] {
  const last = cal.days - 1;
  const prospect = r.orders.length === 0;
  const mean = 0.6 + 0.3 * Math.min(r.orders.length, 25) + (r.enterprise ? 4 : 0) + (prospect ? 1.5 : 0);
  const n = Math.min(15, rng.poisson(mean) + r.complaints.length);
  const weights = prospect ? PURPOSE_PROSPECT : r.enterprise ? PURPOSE_ENTERPRISE : PURPOSE_INDIVIDUAL;
  const events: ContactEvent[] = [];
  // Each complaint brings an inbound call the day it is opened.
  for (const c of r.complaints.slice(0, n)) {
    events.push({ at: c.openedDay, minute: 0, purpose: "after_sales", inbound: true, entry: COMPLAINT_CALL });
  }
  while (events.length < n) {
    const purpose = PURPOSES[rng.weighted(weights)] as Purpose;
    const order = prospect ? undefined : rng.pick(r.orders);
    let at: number;
    let entry: Entry | undefined;
    switch (purpose) {
      case "follow_up":
        at = order ? (r.orders[0] as SalesOrder).day + rng.int(2, 10) : r.createdDay + rng.int(0, 60);
        if (order && rng.chance(0.5)) at = order.day + rng.int(2, 20);
        break;
      case "care":
        if (cal.springFestivals.length > 0 && rng.chance(0.6)) {
          at = rng.pick(cal.springFestivals) - rng.int(1, 5);
          entry = SPRING_GREETING;
        } else at = rng.int(r.createdDay, last);
        break;
      case "promotion":
        if (cal.campaigns.length > 0) {
          const start = rng.pick(cal.campaigns);
          at = start - rng.int(0, 7);
          entry = (cal.iso[start] as string).slice(5, 7) === "06" ? PRESALE_618 : PRESALE_1111;
        } else at = rng.int(r.createdDay, last);
        break;
      case "after_sales":
        at = order ? order.day + rng.int(1, 20) : rng.int(r.createdDay, last);
        break;
      case "survey":
        at = order ? order.day + rng.int(7, 30) : rng.int(r.createdDay, last);
        break;
      default:
        at = rng.int(r.createdDay, last);
    }
    if (at < r.createdDay) {
      // Not yet a customer then: the contact happened soon after they arrived instead.
      at = r.createdDay + rng.int(0, 14);
      entry = undefined;
    }
    const inbound = purpose === "after_sales" ? rng.chance(0.6) : rng.chance(0.08);
    events.push({ at: Math.min(at, last), minute: 0, purpose, inbound, entry });
  }
  for (const e of events) e.minute = rng.int(9 * 60, 20 * 60);
  events.sort((x, y) => x.at - y.at || x.minute - y.minute);
  return events.map((e, k) => {
    const w = CHANNELS[e.purpose];
    const channel = CONTACT_CHANNELS[rng.weighted(r.enterprise && e.purpose !== "visit" ? [w[0]!, w[1]! + 15, w[2]!, 8, w[4]!] : w)] as string;
    const [outcome, notes] = e.entry ?? (prospect && (e.purpose === "follow_up" || e.purpose === "visit") ? rng.pick(PROSPECT_LOG) : pickEntry(rng, e.purpose, prospect));
    return {
      customerRef: r.ref,
      occurredAt: stamp(cal, e.at, e.minute),
      channel,
      direction: e.inbound ? "inbound" : "outbound",
      purpose: e.purpose,
      outcome,
      notes,
      userEmail: r.ownerEmail,
      externalRef: `I${r.ref}-${String(k + 1).padStart(2, "0")}`,
    };
  });
}

/** An outcome and note for the purpose; prospects cannot have placed an order. */
function pickEntry(rng: Rng, purpose: Purpose, prospect: boolean): Entry {
  const log = LOG[purpose];
  for (;;) {
    const e = rng.pick(log);
    if (!prospect || e[0] !== "order_placed") return e;
  }
}

/** The default complaint settings' category keys, so the demo's cases are named in each language. */
const COMPLAINT_CATEGORIES = ["product quality", "delivery", "service attitude", "price/billing", "after-sales"];
/** What each complaint says, and the root cause (default tree) an investigation finds behind it. */
const DESCRIPTIONS: Record<string, ReadonlyArray<readonly [string, string]>> = {
  "product quality": [["收到的商品有划痕，要求换货", "logistics_damaged"], ["使用一周后出现故障，无法开机", "product_manufacturing"], ["产品与描述不符，质量很差", "customer_expectation"], ["包装内缺少配件", "logistics_wrong_item"]],
  "delivery": [["快递延误五天仍未送达", "logistics_late"], ["包装破损，部分商品丢失", "logistics_damaged"], ["送货上门时间与约定不符", "logistics_late"], ["物流信息长时间不更新", "service_wrong_info"]],
  "service attitude": [["门店店员态度冷淡", "service_attitude"], ["客服电话长时间无人接听", "service_slow"], ["客服回复敷衍，答非所问", "service_wrong_info"]],
  "price/billing": [["购买后第二天降价，要求补差价", "policy_returns"], ["促销价格与结算价格不一致", "price_mismatch"], ["优惠券无法使用", "price_mismatch"], ["发票抬头开错，需重开", "billing_error"], ["同一笔订单被重复扣款", "billing_error"]],
  "after-sales": [["售后推诿，问题迟迟未处理", "service_slow"], ["安装师傅迟到且未道歉", "service_attitude"], ["退款迟迟未到账", "refund_delay"], ["维修后问题依旧", "policy_warranty"]],
};
const SEVERITIES: readonly ComplaintSeverity[] = ["low", "normal", "high", "critical"];

export function complaints(rng: Rng, cal: Calendar, ref: string, events: readonly ComplaintEvent[]): ComplaintInput[] {
  return events.map((c, k) => {
    const category = COMPLAINT_CATEGORIES[rng.weighted([30, 25, 20, 15, 10])] as string;
    const ch = c.orderChannel;
    const channel =
      ch === "marketplace" ? (rng.chance(0.7) ? "platform_dispute" : "web_form")
      : ch === "online" ? rng.pick(["web_form", "web_form", "phone", "platform_dispute"])
      : ch === "store" ? (rng.chance(0.6) ? "store" : "phone")
      : rng.chance(0.7) ? "phone" : "web_form";
    const opened = rng.int(9 * 60, 20 * 60);
    const severity = SEVERITIES[rng.weighted([25, 50, 20, 5])] as ComplaintSeverity;
    const [description, cause] = rng.pick(DESCRIPTIONS[category]!);
    const out: ComplaintInput = {
      customerRef: ref,
      openedAt: stamp(cal, c.openedDay, opened),
      channel,
      category,
      severity,
      description,
      orderNo: c.orderNo,
      status: c.status,
      externalRef: `K${ref}-${k + 1}`,
      // a case that was settled had its cause found; one still open is under investigation, and
      // one closed as it stood never had its cause found
      ...(c.status === "open" || c.stale ? {} : { rootCause: cause }),
    };
    if (c.stale) out.resolvedAt = stamp(cal, c.resolvedDay, 18 * 60);
    else if (c.resolvedDay >= 0) {
      out.resolvedAt = stamp(cal, c.resolvedDay, c.resolvedDay === c.openedDay ? Math.min(opened + 120, 1439) : rng.int(9 * 60, 20 * 60));
    }
    return out;
  });
}

/** Local time in China: 'YYYY-MM-DDTHH:mm:00+08:00'. */
export function stamp(cal: Calendar, day: number, minute: number): string {
  const h = Math.floor(minute / 60);
  const m = minute % 60;
  return `${cal.iso[day]}T${h < 10 ? "0" : ""}${h}:${m < 10 ? "0" : ""}${m}:00+08:00`;
}
