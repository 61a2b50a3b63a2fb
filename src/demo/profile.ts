/**
 * The archive side of a customer (DOMAIN §2): profile groups, partially filled as real
 * archives are, with the channel each field came from; key dates (a third of birthdays in
 * the lunar calendar); enterprise contact people with a decision maker.
 */
import type { ContactPersonInput, KeyDateInput, Profile } from "../domain/inputs.ts";
import { CATEGORY_NAMES } from "./catalog.ts";
import { ORDER_CHANNELS } from "./behaviour.ts";
import { mobileFor, personName, type Identity } from "./identity.ts";
import { CITIES, CONTACT_TITLES, CONTACT_TITLES_DM, INDUSTRIES } from "./names.ts";
import type { Rng } from "./rng.ts";
import type { Traits } from "./traits.ts";

type Value = string | number | boolean | null;
type Group = Record<string, Value>;

export interface ProfileOut {
  profile: Profile;
  fieldSources: Record<string, string>;
  married: boolean;
}

const OCCUPATIONS = ["白领", "教师", "医生", "个体经营", "工程师", "公务员", "销售", "自由职业", "设计师", "会计", "退休"];
const JOB_INDUSTRIES = ["互联网", "金融", "教育", "医疗", "制造业", "零售", "政府机关", "房地产", "物流"];
const HOBBIES = ["旅行", "健身", "烹饪", "摄影", "阅读", "游戏", "钓鱼", "音乐", "跑步", "瑜伽"];
const EDUCATION = ["高中", "大专", "本科", "本科", "硕士", "博士"];
const PERSONALITY = ["rational", "impulsive", "stubborn", "indecisive", "easygoing"];

/**
 * Fills one group at a time and records where each field came from. Fields are listed
 * from the most to the least commonly known, and a group stops early at random (a form
 * left half done): a prefix of its fields. Besides being how archives look, prefixes keep
 * the number of distinct key sets — and so V8 hidden classes — small; independent gaps
 * made building these records the slowest part of the generator.
 */
class Filler {
  readonly profile: Profile = {};
  readonly fieldSources: Record<string, string> = {};
  private g: Group = {};
  private name = "";
  private source = "";
  private sources: readonly string[] = [];
  private stopped = false;
  private count = 0;
  constructor(private readonly rng: Rng) {}

  open(name: keyof Profile & string, chance: number, sources: readonly string[]): boolean {
    if (!this.rng.chance(chance)) return false;
    this.g = {};
    this.name = name;
    this.sources = sources;
    this.source = this.rng.pick(sources);
    this.stopped = false;
    this.count = 0;
    return true;
  }

  put(key: string, value: Value): void {
    if (this.stopped) return;
    // Any field but the first may be where the form was left.
    if (this.count > 0 && this.rng.chance(0.15)) {
      this.stopped = true;
      return;
    }
    this.count++;
    this.g[key] = value;
    // Mostly one source per group (one survey fills a page), sometimes another channel.
    this.fieldSources[sourceKey(this.name, key)] = this.rng.chance(0.9) ? this.source : this.rng.pick(this.sources);
  }

  close(): void {
    this.profile[this.name as keyof Profile] = this.g;
  }
}

/** "group.field" strings, built once: fresh concatenations would be re-hashed as keys for every customer. */
const SOURCE_KEYS = new Map<string, Map<string, string>>();
function sourceKey(group: string, field: string): string {
  let m = SOURCE_KEYS.get(group);
  if (!m) SOURCE_KEYS.set(group, (m = new Map()));
  let k = m.get(field);
  if (!k) m.set(field, (k = `${group}.${field}`));
  return k;
}

function ageBand(age: number): string {
  return age < 25 ? "18-24" : age < 35 ? "25-34" : age < 45 ? "35-44" : age < 55 ? "45-54" : "55+";
}

export function individualProfile(rng: Rng, id: Identity, t: Traits, endYear: number, bought: boolean, complained: boolean): ProfileOut {
  const f = new Filler(rng);
  const age = endYear - id.birthYear;
  const married = t.baby || rng.chance(age < 28 ? 0.25 : 0.75);
  const topChannel = t.channels.indexOf(Math.max(...t.channels));
  if (f.open("basic", 0.95, ["pos", "sales", "website"])) {
    f.put("gender", id.gender);
    f.put("city", (CITIES[id.city] as (typeof CITIES)[number])[0]);
    f.put("ageBand", ageBand(age));
    f.close();
  }
  // Prospects have no purchases to describe.
  if (f.open("consumption", bought ? 0.6 : 0, ["pos", "sales", "website"])) {
    f.put("preferredCategory", CATEGORY_NAMES[t.favourite] ?? null);
    f.put("preferredChannel", ORDER_CHANNELS[topChannel] ?? null);
    f.put("paymentMethod", rng.pick(["wechat_pay", "wechat_pay", "alipay", "alipay", "bank_card", "cash"]));
    f.put("priceSensitivity", t.taste.priceOnly ? "high" : rng.pick(["low", "medium", "medium"]));
    f.close();
  }
  if (f.open("career", 0.4, ["survey", "sales"])) {
    f.put("occupation", age > 60 ? "退休" : rng.pick(OCCUPATIONS));
    f.put("industry", rng.pick(JOB_INDUSTRIES));
    f.put("incomeBand", rng.pick(["<5k", "5k-10k", "10k-20k", "10k-20k", "20k-50k", ">50k"]));
    f.close();
  }
  if (f.open("family", t.baby ? 0.85 : 0.45, ["survey", "service", "sales"])) {
    f.put("maritalStatus", married ? "married" : "single");
    f.put("children", t.baby ? 1 + (rng.chance(0.2) ? 1 : 0) : married ? rng.pick([0, 1, 1, 2]) : 0);
    f.put("hasBaby", t.baby);
    f.put("householdSize", (married ? 2 : 1) + (t.baby ? 1 : 0) + (rng.chance(0.3) ? 2 : 0));
    f.close();
  }
  if (f.open("life", 0.3, ["survey", "trade_fair", "website"])) {
    f.put("hobbies", [rng.pick(HOBBIES), rng.pick(HOBBIES)].filter((h, k, a) => a.indexOf(h) === k).join("、"));
    f.put("hasCar", rng.chance(0.45));
    f.put("pet", rng.pick(["猫", "狗", "无", "无"]));
    f.close();
  }
  if (f.open("education", 0.3, ["survey"])) {
    f.put("level", rng.pick(EDUCATION));
    f.close();
  }
  if (f.open("personality", 0.2, ["sales", "call_centre"])) {
    f.put("type", rng.pick(PERSONALITY));
    f.put("note", rng.pick(["做决定前会反复比价", "喜欢新品", "重视售后服务", "只在促销时购买", "偏好电话沟通"]));
    f.close();
  }
  if (f.open("social", 0.25, ["website", "survey"])) {
    f.put("wechatFriends", rng.pick(["<200", "200-500", "500-1000", ">1000"]));
    f.put("communityMember", rng.chance(0.3));
    f.put("influencer", rng.chance(0.05));
    f.close();
  }
  if (complained && rng.chance(0.5)) {
    // What a complaint taught us about the customer.
    f.profile.personality = { ...f.profile.personality, patience: rng.pick(["low", "medium"]) };
    f.fieldSources["personality.patience"] = "complaint";
  }
  return { profile: f.profile, fieldSources: f.fieldSources, married };
}

export function enterpriseProfile(rng: Rng, id: Identity, employees: string): ProfileOut {
  const f = new Filler(rng);
  const industry = INDUSTRIES[id.industry] as readonly [string, string];
  if (f.open("basic", 0.97, ["sales", "trade_fair", "website"])) {
    f.put("industry", industry[1]);
    f.put("city", (CITIES[id.city] as (typeof CITIES)[number])[0]);
    f.put("employees", employees);
    f.put("founded", id.founded);
    f.put("registeredCapital", `${rng.pick([100, 200, 500, 1000, 2000, 5000])}万元`);
    f.close();
  }
  if (f.open("characteristics", 0.7, ["sales", "trade_fair"])) {
    f.put("ownership", rng.pick(["private", "private", "private", "state", "foreign", "joint_venture"]));
    f.put("scale", employees === "1-49" ? "small" : employees === "1000+" ? "large" : "medium");
    f.put("decisionProcess", rng.pick(["owner", "purchasing_committee", "department_head"]));
    f.put("purchaseCycle", rng.pick(["monthly", "monthly", "quarterly", "project"]));
    f.close();
  }
  if (f.open("business_status", 0.55, ["sales", "website"])) {
    f.put("annualRevenue", rng.pick(["<1000万", "1000万-5000万", "5000万-1亿", ">1亿"]));
    f.put("trend", rng.pick(["growing", "growing", "stable", "stable", "declining"]));
    f.put("mainBusiness", industry[1]);
    f.close();
  }
  if (f.open("transaction_status", 0.75, ["sales", "service"])) {
    f.put("creditRating", rng.pick(["A", "A", "B", "B", "C"]));
    f.put("paymentTerms", rng.pick(["net30", "net30", "net60", "prepaid", "cod"]));
    f.put("invoiceType", rng.pick(["vat_special", "vat_special", "vat_normal"]));
    f.close();
  }
  return { profile: f.profile, fieldSources: f.fieldSources, married: false };
}

/** 1–3 contact people; the first is the decision maker. */
export function contactsOf(rng: Rng, seed: number, i: number, id: Identity): ContactPersonInput[] {
  const n = 1 + rng.weighted([40, 40, 20]);
  const domain = id.email?.split("@")[1];
  const out: ContactPersonInput[] = [];
  for (let k = 0; k < n; k++) {
    const { name, surPy, givenPy } = personName(rng, rng.chance(0.5) ? "female" : "male");
    const c: ContactPersonInput = { name, title: k === 0 ? rng.pick(CONTACT_TITLES_DM) : rng.pick(CONTACT_TITLES), phone: mobileFor(seed, i * 3 + k, rng, true) };
    if (domain) c.email = `${givenPy}.${surPy}@${domain}`;
    c.isDecisionMaker = k === 0;
    if (k === 0) c.notes = rng.pick(["负责年度采购预算审批", "重视交期和售后响应", "每季度末集中采购", "关注价格与发票合规"]);
    out.push(c);
  }
  return out;
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function daysIn(year: number, month: number): number {
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return month === 2 && leap ? 29 : (MONTH_DAYS[month - 1] as number);
}

/** Birthdays for ~60% of individuals (a third lunar), weddings for some married ones. */
export function individualKeyDates(rng: Rng, id: Identity, married: boolean, endYear: number): KeyDateInput[] {
  const out: KeyDateInput[] = [];
  if (rng.chance(0.6)) {
    const known = rng.chance(0.7);
    if (rng.chance(1 / 3)) {
      // Lunar months have 29 or 30 days; the generator does not convert, it records.
      const d: KeyDateInput = { kind: "birthday", calendar: "lunar", month: rng.int(1, 12), day: rng.int(1, 29) };
      if (known) d.year = id.birthYear;
      out.push(d);
    } else {
      const month = rng.int(1, 12);
      const d: KeyDateInput = { kind: "birthday", calendar: "gregorian", month, day: rng.int(1, daysIn(id.birthYear, month)) };
      if (known) d.year = id.birthYear;
      out.push(d);
    }
  }
  if (married && rng.chance(0.25)) {
    const year = Math.min(endYear, id.birthYear + rng.int(23, 32));
    const month = rng.int(1, 12);
    out.push({ kind: "wedding", label: "结婚纪念日", calendar: "gregorian", year, month, day: rng.int(1, daysIn(year, month)) });
  }
  return out;
}

export function enterpriseKeyDates(rng: Rng, id: Identity, dm: ContactPersonInput | undefined): KeyDateInput[] {
  const out: KeyDateInput[] = [];
  if (rng.chance(0.85)) {
    const month = rng.int(1, 12);
    out.push({ kind: "company_anniversary", label: "公司成立纪念日", calendar: "gregorian", year: id.founded, month, day: rng.int(1, daysIn(id.founded, month)) });
  }
  if (dm && rng.chance(0.3)) {
    const lunar = rng.chance(1 / 3);
    const month = rng.int(1, 12);
    out.push({ kind: "birthday", label: `${dm.name}生日`, calendar: lunar ? "lunar" : "gregorian", month, day: rng.int(1, lunar ? 29 : daysIn(2001, month)) });
  }
  return out;
}
