/**
 * Customer rows → CustomerInput. Headers "group.field" (basic.occupation, 家庭.子女数)
 * fill the profile; every other unmapped header is kept in `custom`.
 */
import { REJECTS_COLUMNS } from "./columns.ts";
import {
  ENTERPRISE_PROFILE_GROUPS,
  INDIVIDUAL_PROFILE_GROUPS,
  type CustomerInput,
  type CustomerState,
  type KeyDateInput,
  type Profile,
  type ProfileGroup,
} from "../domain/inputs.ts";
import type { ColumnMapping } from "./columns.ts";
import { parseGregorianKeyDate, parseLunarKeyDate } from "./key-dates.ts";
import { badKind, CUSTOMER_KINDS } from "./order-rows.ts";
import type { TableRecord } from "./read/table.ts";
import { defined, recordProblem, rowReader } from "./row-reader.ts";
import type { RowContext, RowParser } from "./rows.ts";

const STATES: Record<string, CustomerState> = {
  potential: "potential", prospect: "potential", lead: "potential", 潜在: "potential", 潜在客户: "potential",
  target: "target", 目标: "target", 目标客户: "target",
  current: "current", active: "current", customer: "current", 现实: "current", 当前: "current", 现实客户: "current",
  当前客户: "current", 现有客户: "current", 活跃: "current",
  churned: "churned", lost: "churned", inactive: "churned", 流失: "churned", 流失客户: "churned",
  non_customer: "non_customer", noncustomer: "non_customer", none: "non_customer", 非客户: "non_customer",
};

const PROFILE_GROUPS = new Set<string>([...INDIVIDUAL_PROFILE_GROUPS, ...ENTERPRISE_PROFILE_GROUPS]);
/** Chinese names of the profile groups, as Chinese templates head them. */
const GROUP_ALIASES: Record<string, ProfileGroup> = {
  基本: "basic", 基本信息: "basic", 消费: "consumption", 职业: "career", 家庭: "family", 生活: "life", 教育: "education",
  个性: "personality", 性格: "personality", 社交: "social", 特征: "characteristics", 经营: "business_status",
  经营状况: "business_status", 交易: "transaction_status", 交易状况: "transaction_status",
};

function profileGroup(name: string): ProfileGroup | undefined {
  const g = name.trim().toLowerCase().replace(/[\s-]+/g, "_");
  return PROFILE_GROUPS.has(g) ? (g as ProfileGroup) : GROUP_ALIASES[name.trim()];
}

/** Where each unmapped column goes: a profile group and key, or a custom key. */
type Extra = { index: number; group: ProfileGroup; key: string } | { index: number; custom: string };

function extraColumns(mapping: ColumnMapping, headers: string[]): Extra[] {
  const used = new Set(Object.values(mapping.fields));
  const extras: Extra[] = [];
  headers.forEach((h, index) => {
    if (used.has(index) || h === "" || REJECTS_COLUMNS.includes(h)) return;
    const dot = h.indexOf(".");
    const group = dot > 0 ? profileGroup(h.slice(0, dot)) : undefined;
    const key = h.slice(dot + 1).trim();
    extras.push(group && key !== "" ? { index, group, key } : { index, custom: h });
  });
  return extras;
}

const splitTags = (s: string) => [...new Set(s.split(/[,;、|，；]/).map((t) => t.trim()).filter((t) => t !== ""))];

export function createCustomerRowParser(mapping: ColumnMapping<"customers">, headers: string[], ctx: RowContext): RowParser<CustomerInput> {
  const order = ctx.dateFormat ?? "auto";
  const dates = { order, ...(ctx.timezone ? { timezone: ctx.timezone } : {}) };
  const extras = extraColumns(mapping, headers);

  return (rec: TableRecord) => {
    const problem = recordProblem(rec, headers, ctx.encoding);
    if (problem) return { ok: false, errors: [problem] };
    const r = rowReader(mapping, headers, rec.cells, dates);

    const externalId = r.need("externalId", r.id("externalId"), "no customer id");
    const keyDates: KeyDateInput[] = [];
    const birthday = r.parsed("birthday", (s) => parseGregorianKeyDate(s, "birthday", order));
    if (birthday) keyDates.push(birthday);
    const lunar = r.parsed("lunarBirthday", (s) => parseLunarKeyDate(s, "birthday"));
    if (lunar) keyDates.push(lunar);
    const tags = r.text("tags");

    let profile: Profile | undefined;
    let custom: Record<string, string> | undefined;
    for (const x of extras) {
      const v = rec.cells[x.index]?.trim();
      if (!v) continue;
      if ("group" in x) ((profile ??= {})[x.group] ??= {})[x.key] = v;
      else (custom ??= {})[x.custom] = v;
    }

    const value = defined<CustomerInput>({
      externalId: externalId ?? "",
      kind: r.oneOf("kind", CUSTOMER_KINDS, badKind),
      name: r.text("name"),
      email: r.email("email"),
      phone: r.phone("phone"),
      state: r.oneOf("state", STATES, (v) => `unknown state '${v}' (use potential, target, current, churned or non_customer)`),
      tags: tags !== undefined ? splitTags(tags) : undefined,
      profile,
      custom,
      sourceChannel: r.text("sourceChannel"),
      ownerEmail: r.email("ownerEmail"),
      keyDates: keyDates.length > 0 ? keyDates : undefined,
      referredBy: r.id("referredBy"),
      createdAt: r.date("createdAt"),
    });
    return r.errors.length > 0 ? { ok: false, errors: r.errors } : { ok: true, value };
  };
}
