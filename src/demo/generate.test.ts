import { describe, expect, it } from "vitest";
import type { OrderLineInput } from "../domain/inputs.ts";
import { DEFAULT_ROOT_CAUSES, rootCauseIndex } from "../domain/complaints/root-causes.ts";
import { DEFAULT_CATEGORY_LABELS } from "../retention/complaints/complaint-settings.ts";
import { STALE_DAYS } from "./behaviour.ts";
import { demoCustomer, demoCustomers, demoWorld, externalId, type DemoCustomer, type DemoOptions } from "./generate.ts";

const opts: DemoOptions = { customers: 2000, seed: 11, end: "2026-11-21" };
const world = demoWorld(opts);
const all: DemoCustomer[] = [...demoCustomers(opts, world)];
const lines = all.flatMap((c) => c.lines);
const START = "2024-11-21"; // end − 24 months

/** Exact decimal → integer cents, no floats on the way. */
function cents(s: string): bigint {
  const m = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(s);
  if (!m) throw new Error(`not a money string: ${s}`);
  const v = BigInt(m[2]!) * 100n + BigInt((m[3] ?? "").padEnd(2, "0"));
  return m[1] ? -v : v;
}

const share = (n: number) => n / all.length;

describe("determinism", () => {
  it("two runs give identical output, byte for byte", () => {
    const again = [...demoCustomers({ ...opts, customers: 300 })];
    expect(JSON.stringify(again)).toBe(JSON.stringify(all.slice(0, 300)));
  });

  it("customer i alone equals customer i in the stream", () => {
    for (const i of [0, 1, 17, 999, 1999]) {
      expect(JSON.stringify(demoCustomer(opts, demoWorld(opts), i))).toBe(JSON.stringify(all[i]));
    }
  });

  it("a different seed gives a different business", () => {
    const other = demoCustomer({ ...opts, seed: opts.seed + 1 }, world, 5);
    expect(JSON.stringify(other)).not.toBe(JSON.stringify(all[5]));
  });

  it("rejects a malformed end date", () => {
    expect(() => demoWorld({ ...opts, end: "2026-02-30" })).toThrow(/real date/);
  });
});

describe("world", () => {
  it("has ~150 products in 10 categories, costs 40–80% of list, consumables with replacement days", () => {
    expect(world.products.length).toBe(150);
    expect(new Set(world.products.map((p) => p.category)).size).toBe(10);
    expect(new Set(world.products.map((p) => p.sku)).size).toBe(150);
    for (const p of world.products) {
      const ratio = Number(cents(p.unitCost!)) / Number(cents(p.listPrice!));
      expect(ratio).toBeGreaterThanOrEqual(0.4);
      expect(ratio).toBeLessThanOrEqual(0.8);
    }
    const byName = (s: string) => world.products.find((p) => p.name!.includes(s))!;
    expect(byName("纸尿裤").replacementDays).toBe(30);
    expect(byName("奶粉").replacementDays).toBe(25);
    expect(byName("墨盒").replacementDays).toBe(60);
  });

  it("has monthly USD rates near 7.1–7.3 covering the whole period", () => {
    expect(world.baseCurrency).toBe("CNY");
    const usd = world.fxRates.filter((r) => r.currency === "USD");
    expect(usd[0]!.validFrom <= START).toBe(true);
    expect(usd[usd.length - 1]!.validFrom <= opts.end).toBe(true);
    expect(usd.length).toBe(25);
    for (const r of usd) expect(Number(r.rate)).toBeGreaterThanOrEqual(7.1), expect(Number(r.rate)).toBeLessThanOrEqual(7.3);
  });

  it("has staff with teams, including a key-account team, and owners are staff", () => {
    const emails = new Set(world.users.map((u) => u.email));
    expect(world.users.some((u) => u.team === "大客户组" && u.role === "agent")).toBe(true);
    for (const c of all) expect(emails.has(c.customer.ownerEmail!)).toBe(true);
  });
});

describe("customers", () => {
  it("are ~90% individuals and ~10% enterprises with contacts and a decision maker", () => {
    const ent = all.filter((c) => c.customer.kind === "enterprise");
    expect(share(ent.length)).toBeGreaterThan(0.07);
    expect(share(ent.length)).toBeLessThan(0.13);
    for (const c of ent) {
      const contacts = c.customer.contacts ?? [];
      expect(contacts.length).toBeGreaterThanOrEqual(1);
      expect(contacts.length).toBeLessThanOrEqual(3);
      expect(contacts.filter((p) => p.isDecisionMaker).length).toBe(1);
      expect(c.customer.name).toMatch(/公司|）$/);
    }
  });

  it("~5% are prospects without orders; the rest are current except a few explicit churns", () => {
    const prospects = all.filter((c) => c.customer.state === "potential" || c.customer.state === "target");
    expect(share(prospects.length)).toBeGreaterThan(0.03);
    expect(share(prospects.length)).toBeLessThan(0.08);
    for (const c of prospects) expect(c.lines).toEqual([]);
    const buyers = all.filter((c) => c.lines.length > 0);
    expect(buyers.length + prospects.length).toBe(all.length);
    const churned = buyers.filter((c) => c.customer.state === "churned").length;
    expect(churned).toBeGreaterThan(0);
    expect(churned / buyers.length).toBeLessThan(0.05);
  });

  it("have unique external ids, most have phones, and phones repeat only for planted duplicates", () => {
    expect(new Set(all.map((c) => c.customer.externalId)).size).toBe(all.length);
    expect(all[122]!.customer.externalId).toBe("C000123");
    expect(share(all.filter((c) => c.customer.phone).length)).toBeGreaterThan(0.85);
    const byPhone = new Map<string, number>();
    const byEmail = new Map<string, number>();
    for (const c of all) {
      if (c.customer.phone) byPhone.set(c.customer.phone, (byPhone.get(c.customer.phone) ?? 0) + 1);
      if (c.customer.email) byEmail.set(c.customer.email, (byEmail.get(c.customer.email) ?? 0) + 1);
    }
    const pairs = [...byPhone.values(), ...byEmail.values()].filter((n) => n > 1).length;
    expect(pairs).toBeGreaterThanOrEqual(4); // ~0.5% of 2,000 = ~10 planted
    expect(pairs).toBeLessThan(30);
    // A duplicate's name differs slightly from the original's.
    const dupPhone = [...byPhone.entries()].find(([, n]) => n > 1)![0];
    const names = all.filter((c) => c.customer.phone === dupPhone).map((c) => c.customer.name);
    expect(names[0]).not.toBe(names[1]);
  });

  it("fill profiles partially, with a source per field, and key dates (some lunar)", () => {
    const ind = all.filter((c) => c.customer.kind === "individual");
    const withCareer = ind.filter((c) => c.customer.profile?.career).length / ind.length;
    expect(withCareer).toBeGreaterThan(0.2);
    expect(withCareer).toBeLessThan(0.6);
    for (const c of all.slice(0, 200)) {
      for (const [group, fields] of Object.entries(c.customer.profile ?? {})) {
        for (const field of Object.keys(fields ?? {})) expect(c.customer.fieldSources?.[`${group}.${field}`]).toBeTruthy();
      }
    }
    const birthdays = ind.flatMap((c) => c.customer.keyDates ?? []).filter((d) => d.kind === "birthday");
    expect(birthdays.length / ind.length).toBeGreaterThan(0.5);
    expect(birthdays.length / ind.length).toBeLessThan(0.7);
    const lunar = birthdays.filter((d) => d.calendar === "lunar").length / birthdays.length;
    expect(lunar).toBeGreaterThan(0.25);
    expect(lunar).toBeLessThan(0.42);
    expect(all.some((c) => c.customer.keyDates?.some((d) => d.kind === "company_anniversary"))).toBe(true);
  });

  it("refer only to earlier customers", () => {
    const referred = all.filter((c) => c.customer.referredBy);
    expect(referred.length).toBeGreaterThan(50);
    for (const c of referred) expect(c.customer.referredBy! < c.customer.externalId).toBe(true);
  });
});

describe("order lines", () => {
  it("amount = quantity × unitPrice − sign(quantity) × discount exactly, on every line", () => {
    // Discounts are positive amounts off (inputs.ts); a return gives its share of the discount back.
    // Collected, then asserted once: an expect() per line would dominate the test's time.
    const bad = lines.filter((l) => {
      const q = BigInt(l.quantity);
      const sign = q < 0n ? -1n : 1n;
      return cents(l.amount!) !== q * cents(l.unitPrice!) - sign * cents(l.discount!) || cents(l.discount!) < 0n || !/^\d+\.\d{2}$/.test(l.unitCost!);
    });
    expect(bad).toEqual([]);
    expect(lines.length).toBeGreaterThan(10_000);
  });

  it("sales carry positive quantities and discounts; returns are negative, flagged and in an -R1 order", () => {
    const sold = new Map<string, OrderLineInput>();
    for (const l of lines) if (!l.isReturn) sold.set(`${l.orderNo}|${l.sku}`, l);
    const returns = lines.filter((l) => l.isReturn);
    expect(returns.length / sold.size).toBeGreaterThan(0.015);
    expect(returns.length / sold.size).toBeLessThan(0.045);
    expect(lines.filter((l) => !l.isReturn && (Number(l.quantity) <= 0 || cents(l.discount!) < 0n))).toEqual([]);
    for (const r of returns) {
      expect(Number(r.quantity)).toBeLessThan(0);
      expect(cents(r.amount!) < 0n).toBe(true);
      expect(r.orderNo).toMatch(/-R1$/);
      const orig = sold.get(`${r.orderNo!.slice(0, -3)}|${r.sku}`)!;
      expect(r.unitPrice).toBe(orig.unitPrice);
      expect(-Number(r.quantity)).toBeLessThanOrEqual(Number(orig.quantity));
      const days = (Date.parse(r.orderedAt) - Date.parse(orig.orderedAt)) / 86_400_000;
      expect(days).toBeGreaterThanOrEqual(1);
      expect(days).toBeLessThanOrEqual(30);
    }
  });

  it("have unique order numbers across the business, 1–5 lines numbered 1..n", () => {
    const owner = new Map<string, string>();
    const numbers = new Map<string, number[]>();
    const bad: string[] = [];
    for (const l of lines) {
      const no = l.orderNo!;
      if (!/^SO\d{8}\d{5,}(-R1)?$/.test(no)) bad.push(`format ${no}`);
      if ((owner.get(no) ?? l.customerRef) !== l.customerRef) bad.push(`shared ${no}`);
      owner.set(no, l.customerRef);
      const list = numbers.get(no) ?? [];
      list.push(l.lineNo!);
      numbers.set(no, list);
      // The number carries the sale's date; a return comes later under the sale's number.
      const dated = `${no.slice(2, 6)}-${no.slice(6, 8)}-${no.slice(8, 10)}`;
      if (l.isReturn ? dated >= l.orderedAt : dated !== l.orderedAt) bad.push(`date ${no} ${l.orderedAt}`);
    }
    for (const [no, nums] of numbers) {
      if (!no.endsWith("-R1") && nums.length > 5) bad.push(`size ${no}`);
      if (nums.some((n, k) => n !== k + 1)) bad.push(`lineNo ${no}`);
    }
    expect(bad).toEqual([]);
  });

  it("are dated within [end − months, end], as are contacts and complaints", () => {
    const inside = (s: string) => s.slice(0, 10) >= START && s.slice(0, 10) <= opts.end;
    const bad: string[] = [];
    for (const c of all) {
      for (const l of c.lines) if (!inside(l.orderedAt)) bad.push(l.orderedAt);
      for (const x of c.interactions) if (!inside(x.occurredAt)) bad.push(x.occurredAt);
      for (const x of c.complaints) {
        if (!inside(x.openedAt)) bad.push(x.openedAt);
        if (x.resolvedAt && (x.resolvedAt < x.openedAt || !inside(x.resolvedAt))) bad.push(x.resolvedAt);
      }
      const created = c.customer.createdAt!;
      if (!inside(created)) bad.push(created);
      // The first purchase is the arrival.
      if (c.lines[0] && c.lines[0].orderedAt !== created.slice(0, 10)) bad.push(`first ${c.customer.externalId}`);
    }
    expect(bad).toEqual([]);
  });

  it("are mostly CNY; a few enterprise orders are in USD", () => {
    const usd = lines.filter((l) => l.currency === "USD");
    expect(usd.length).toBeGreaterThan(0);
    expect(usd.length / lines.length).toBeLessThan(0.01);
    const ent = new Set(all.filter((c) => c.customer.kind === "enterprise").map((c) => c.customer.externalId));
    for (const l of usd) expect(ent.has(l.customerRef)).toBe(true);
  });
});

describe("contacts and complaints", () => {
  it("log 0–15 contacts per customer, owned by the customer's owner, with unique refs", () => {
    for (const c of all) {
      expect(c.interactions.length).toBeLessThanOrEqual(15);
      expect(new Set(c.interactions.map((x) => x.externalRef)).size).toBe(c.interactions.length);
      for (const x of c.interactions) expect(x.userEmail).toBe(c.customer.ownerEmail);
    }
    const mean = (xs: DemoCustomer[]) => xs.reduce((s, c) => s + c.interactions.length, 0) / xs.length;
    expect(mean(all.filter((c) => c.customer.kind === "enterprise"))).toBeGreaterThan(mean(all.filter((c) => c.customer.kind === "individual")));
  });

  it("~6% of buyers complain, ~70% of complaints resolved, each linked to one of their orders", () => {
    const buyers = all.filter((c) => c.lines.length > 0);
    const complainers = buyers.filter((c) => c.complaints.length > 0);
    expect(complainers.length / buyers.length).toBeGreaterThan(0.04);
    expect(complainers.length / buyers.length).toBeLessThan(0.09);
    const complaints = complainers.flatMap((c) => c.complaints);
    const resolved = complaints.filter((x) => x.status === "resolved").length / complaints.length;
    expect(resolved).toBeGreaterThan(0.6);
    expect(resolved).toBeLessThan(0.8);
    for (const c of complainers) {
      expect(c.complaints.length).toBeLessThanOrEqual(2);
      const orders = new Set(c.lines.map((l) => l.orderNo));
      for (const x of c.complaints) expect(orders.has(x.orderNo)).toBe(true);
    }
  });

  it("files complaints under the categories the default settings name in every language, settled ones with a root cause of the default tree", () => {
    const complaints = all.flatMap((c) => c.complaints);
    const used = new Set(complaints.map((x) => x.category));
    expect([...used].sort()).toEqual(Object.keys(DEFAULT_CATEGORY_LABELS).filter((k) => k !== "other").sort());
    const tree = rootCauseIndex(DEFAULT_ROOT_CAUSES);
    const days = (from: string, to: string) => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);
    const stale = (x: (typeof complaints)[number]) => x.status === "closed" && x.resolvedAt !== undefined && x.resolvedAt.endsWith("T18:00:00+08:00")
      && days(x.openedAt.slice(0, 10), x.resolvedAt.slice(0, 10)) === STALE_DAYS;
    for (const x of complaints) {
      if (x.status === "open" || stale(x)) expect(x.rootCause).toBeUndefined();
      else expect(tree.has(x.rootCause!), x.rootCause).toBe(true);
    }
    expect(new Set(complaints.map((x) => x.rootCause).filter(Boolean)).size).toBeGreaterThan(8);
  });

  it("leaves open only the complaints of the last STALE_DAYS: older unfixed ones were closed as they stood", () => {
    const complaints = all.flatMap((c) => c.complaints);
    const open = complaints.filter((x) => x.status === "open");
    expect(open.length).toBeGreaterThan(0);
    for (const x of open) expect(Date.parse(opts.end) - Date.parse(x.openedAt.slice(0, 10))).toBeLessThanOrEqual(STALE_DAYS * 86_400_000);
    const closedAsTheyStood = complaints.filter((x) => x.status === "closed" && x.rootCause === undefined);
    expect(closedAsTheyStood.length).toBeGreaterThan(0);
    for (const x of closedAsTheyStood) expect(Date.parse(x.resolvedAt!) - Date.parse(x.openedAt)).toBeGreaterThan((STALE_DAYS - 1) * 86_400_000);
  });

  it("externalId formats index + 1 with six digits", () => {
    expect(externalId(0)).toBe("C000001");
    expect(externalId(1_234_567)).toBe("C1234568");
  });
});
