/**
 * Who customer i is: kind, name, phone, e-mail, city — and, for ~0.5% of customers, the
 * same person or company registered a second time with the same phone or e-mail and a
 * slightly different name, so the archive's duplicate finder has something to find.
 *
 * Everything depends only on (seed, i), and the head (prospect or not, acquisition day)
 * is a separate cheap stream, so one customer can look at another (a duplicate at its
 * original, a referral at its referrer) without generating it.
 */
import type { CustomerKind } from "../domain/inputs.ts";
import type { Calendar } from "./calendar.ts";
import {
  BRAND_PARTS, CITIES, CITY_WEIGHTS, ENGLISH_FEMALE, ENGLISH_MALE, FEMALE_CHARS, HOMOPHONES, INDUSTRIES,
  MALE_CHARS, SURNAMES, SURNAME_WEIGHTS, type Syllable,
} from "./names.ts";
import { Rng, cumulative, mix32 } from "./rng.ts";
import { SHARES } from "./params.ts";

export interface Identity {
  readonly kind: CustomerKind;
  readonly name: string;
  readonly gender: "male" | "female";
  readonly city: number;
  readonly birthYear: number;
  readonly phone: string | undefined;
  readonly email: string | undefined;
  /** Index of the customer this one duplicates, or −1. */
  readonly dupOf: number;
  /** Enterprises: industry index and founding year. */
  readonly industry: number;
  readonly founded: number;
}

export interface Head {
  readonly prospect: boolean;
  /** Day index of the first purchase (or of registration, for prospects). */
  readonly acqDay: number;
}

const SURNAME_CUM = cumulative(SURNAME_WEIGHTS);
const CITY_CUM = cumulative(CITY_WEIGHTS);
const MOBILE_PREFIXES = ["138", "139", "135", "136", "137", "150", "151", "152", "158", "159", "186", "185", "187", "188", "130", "131", "132", "133", "153", "180", "181", "189", "199"];
const AREA_CODES = ["021", "010", "0571", "0755", "020", "025", "0512", "028", "027", "023", "029", "022", "0574", "0592", "0731", "0532", "0551", "0371", "0510", "0769"];
const MAIL_DOMAINS = ["163.com", "126.com", "sina.com", "outlook.com", "gmail.com", "foxmail.com"];
const COMPANY_SUFFIX = ["有限公司", "有限公司", "有限公司", "有限公司", "有限公司", "股份有限公司", "股份有限公司", "有限责任公司"];

/** The cheap head of customer i: prospect or customer, and when they arrived. */
export function headOf(seed: number, cal: Calendar, i: number): Head {
  const rng = new Rng(seed, i, 0);
  const prospect = rng.chance(SHARES.prospect);
  return { prospect, acqDay: rng.fromCumulative(cal.acqCum) };
}

/**
 * An affine map x → (x·m + c) mod 10^k is a bijection when m is coprime to 10, so these
 * numbers are unique per customer index (below 10^k) without any bookkeeping.
 */
function perm(i: number, m: number, c: number, mod: number): number {
  return ((i % mod) * m + (c % mod)) % mod;
}

/** A mobile number no other customer has (contacts use another prefix range: 17x). */
export function mobileFor(seed: number, x: number, rng: Rng, contact = false): string {
  const prefix = contact ? rng.pick(["170", "171", "173", "175", "176", "178"]) : rng.pick(MOBILE_PREFIXES);
  return prefix + String(perm(x, 73_939_133, mix32(seed), 1e8)).padStart(8, "0");
}

export function identityOf(seed: number, i: number): Identity {
  const rng = new Rng(seed, i, 1);
  if (i > 0 && rng.chance(SHARES.duplicate)) {
    let orig = i - 1 - Math.floor(rng.uniform() * Math.min(i, 300));
    let o = identityOf(seed, orig);
    // A duplicate of a duplicate copies the original registration.
    if (o.dupOf >= 0) o = identityOf(seed, (orig = o.dupOf));
    return duplicate(rng, o, orig, seed, i);
  }
  return rng.chance(SHARES.enterprise) ? enterprise(rng, seed, i) : individual(rng, seed, i);
}

/** A Chinese personal name and its pinyin (surname first, as Chinese names are written). */
export function personName(rng: Rng, gender: "male" | "female"): { name: string; surPy: string; givenPy: string } {
  const [sur, surPy] = SURNAMES[rng.fromCumulative(SURNAME_CUM)] as Syllable;
  const chars = gender === "female" ? FEMALE_CHARS : MALE_CHARS;
  const g1 = rng.pick(chars);
  const g2 = rng.chance(0.7) ? rng.pick(chars) : undefined;
  return { name: sur + g1[0] + (g2 ? g2[0] : ""), surPy, givenPy: g1[1] + (g2 ? g2[1] : "") };
}

function individual(rng: Rng, seed: number, i: number): Identity {
  const gender = rng.chance(0.52) ? "female" : "male";
  const { name: cn, surPy, givenPy } = personName(rng, gender);
  const english = rng.chance(SHARES.englishName);
  const first = rng.pick(gender === "female" ? ENGLISH_FEMALE : ENGLISH_MALE);
  const name = english ? `${first} ${cap(surPy)}` : cn;
  const birthYear = 2006 - Math.floor(rng.gamma(3, 0.16)); // mode ~12 years below 2006, long tail to the elderly
  const phone = rng.chance(0.92) ? mobileFor(seed, i, rng) : undefined;
  let email: string | undefined;
  if (rng.chance(0.65)) {
    // QQ mail addresses are the QQ number; the rest are pinyin plus a number.
    email = rng.chance(0.4)
      ? `${10_000_000 + perm(i, 48_271, mix32(seed ^ 0x51), 1e8)}@qq.com`
      : `${english ? first.toLowerCase() : ""}${surPy}${english ? "" : givenPy}${perm(i, 7919, mix32(seed ^ 0xe1), 1e7)}@${rng.pick(MAIL_DOMAINS)}`;
  }
  return {
    kind: "individual", name, gender, city: rng.fromCumulative(CITY_CUM), birthYear: Math.max(1940, birthYear),
    phone, email, dupOf: -1, industry: -1, founded: 0,
  };
}

function enterprise(rng: Rng, seed: number, i: number): Identity {
  const city = rng.fromCumulative(CITY_CUM);
  const a = rng.pick(BRAND_PARTS);
  let b = rng.pick(BRAND_PARTS);
  if (b === a) b = BRAND_PARTS[(BRAND_PARTS.indexOf(a) + 7) % BRAND_PARTS.length] as Syllable;
  const c = rng.chance(0.2) ? rng.pick(BRAND_PARTS) : undefined;
  const industry = Math.floor(rng.uniform() * INDUSTRIES.length);
  const [cityName, cityPy] = CITIES[city] as (typeof CITIES)[number];
  const brand = a[0] + b[0] + (c ? c[0] : "");
  const brandPy = a[1] + b[1] + (c ? c[1] : "");
  const founded = 2000 + Math.floor(rng.uniform() * 23);
  const name = `${cityName}${brand}${(INDUSTRIES[industry] as readonly [string, string])[0]}${rng.pick(COMPANY_SUFFIX)}`;
  const phone = rng.chance(0.95)
    ? `${AREA_CODES[city]}-${String(perm(i, 73_939_133, mix32(seed), 1e8)).padStart(8, "0")}`
    : undefined;
  const email = rng.chance(0.8) ? `${rng.pick(["info", "sales", "service", "contact"])}@${cityPy}${brandPy}${founded}.com` : undefined;
  return { kind: "enterprise", name, gender: "male", city, birthYear: 0, phone, email, dupOf: -1, industry, founded };
}

/** The same customer registered again: same phone and/or e-mail, a slightly different name. */
function duplicate(rng: Rng, o: Identity, orig: number, seed: number, i: number): Identity {
  const r = rng.uniform();
  let sharePhone = r < 0.5 || r >= 0.75;
  let shareEmail = r >= 0.5;
  if (sharePhone && !o.phone) (sharePhone = false), (shareEmail = true);
  if (shareEmail && !o.email) (shareEmail = false), (sharePhone = true);
  const phone = sharePhone ? o.phone : rng.chance(0.5) && o.kind === "individual" ? mobileFor(seed, i, rng) : undefined;
  return { ...o, name: variant(rng, o), phone, email: shareEmail ? o.email : undefined, dupOf: orig };
}

function variant(rng: Rng, o: Identity): string {
  const n = o.name;
  if (o.kind === "enterprise") {
    if (rng.chance(0.5)) return n.replace(/有限(责任)?公司$/, "公司"); // 杭州明远科技公司
    const city = (CITIES[o.city] as (typeof CITIES)[number])[0];
    const rest = n.slice(city.length);
    const at = rest.search(/(股份)?有限/);
    return at < 0 ? `${n}（${city}）` : `${rest.slice(0, at)}（${city}）${rest.slice(at)}`; // 明远科技（杭州）有限公司
  }
  if (/^[A-Za-z]/.test(n)) return rng.chance(0.5) ? n.toUpperCase() : n.split(" ").reverse().join(" ");
  const chars = [...n];
  for (let k = chars.length - 1; k >= 1; k--) {
    const h = HOMOPHONES[chars[k] as string];
    if (h) {
      chars[k] = h;
      return chars.join("");
    }
  }
  // No same-sounding character: the clerk put a space between surname and given name.
  return `${chars[0]} ${chars.slice(1).join("")}`;
}

function cap(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
