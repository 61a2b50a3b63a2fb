import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Role } from "../../src/accounts/users.repository.ts";
import { DEFAULT_COMPLAINT_SETTINGS } from "../../src/retention/complaints/complaint-settings.ts";
import { defaultJourneySettings } from "../../src/retention/journeys/journey-settings.ts";
import { DEFAULT_REMINDER_SETTINGS } from "../../src/retention/journeys/reminder-settings.ts";
import { STORE_KINDS } from "../support/stores.ts";
import { PASSWORD, testApp, type Client, type TestApp } from "../support/app.ts";

/**
 * The route × role matrix of docs/http-api.md, written out by hand: each route, who may use
 * it, and a request that is valid for it. Every registered route must be listed here.
 */
type Who = "public" | "everyone" | Role[];
interface Entry {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  who: Who;
  /** Agents may use it only on customers of their book: also checked on another team's customer. */
  scoped?: boolean;
  body?: (f: Fixtures) => unknown;
  path: (f: Fixtures) => string;
  /** The status an allowed call gets when it is not a 2xx (the request is refused on its merits). */
  status?: number;
}

interface Fixtures {
  /** Owned by the team-A agent, one per role so destructive calls do not collide. */
  own: Record<string, number>;
  /** Owned by the team-B agent. */
  other: number;
  mergeable: Record<string, number>;
  erasable: Record<string, number>;
  keyDate: Record<string, number>;
  /** The version of each `own` customer, for If-Match. */
  version: Record<string, number>;
  contact: Record<string, number>;
  webhook: Record<string, number>;
  jobId: string;
  uploadId: string;
  /** A complaint opened on each `own` customer, and a user to praise. */
  complaint: Record<string, number>;
  staffId: number;
}

const ALL: Role[] = ["admin", "manager", "agent", "analyst"];
const WRITERS: Role[] = ["admin", "manager", "agent"];
const MANAGERS: Role[] = ["admin", "manager"];

// `r` is the role making the call: fixtures that a call consumes exist once per role.
const MATRIX = (r: string): Entry[] => [
  { method: "GET", url: "/api/openapi.json", who: "public", path: () => "/api/openapi.json" },
  { method: "GET", url: "/api/health", who: "public", path: () => "/api/health" },
  { method: "POST", url: "/api/auth/login", who: "public", path: () => "/api/auth/login", body: () => ({ email: "manager@example.com", password: PASSWORD }) },
  { method: "GET", url: "/api/auth/me", who: "everyone", path: () => "/api/auth/me" },
  { method: "POST", url: "/api/auth/password", who: "everyone", path: () => "/api/auth/password", body: () => ({ currentPassword: "not it", newPassword: "another long password" }), status: 400 },
  { method: "GET", url: "/api/auth/tokens", who: "everyone", path: () => "/api/auth/tokens" },
  { method: "POST", url: "/api/auth/tokens", who: "everyone", path: () => "/api/auth/tokens", body: () => ({ name: "script" }) },
  { method: "DELETE", url: "/api/auth/tokens/:id", who: "everyone", path: () => "/api/auth/tokens/999999", status: 404 },
  { method: "GET", url: "/api/users", who: ["admin"], path: () => "/api/users" },
  { method: "GET", url: "/api/users/options", who: "everyone", path: () => "/api/users/options" },
  { method: "POST", url: "/api/users", who: ["admin"], path: () => "/api/users", body: () => ({ email: `new-${r}@example.com`, name: "New", role: "agent", password: "a long enough password" }) },
  { method: "PATCH", url: "/api/users/:id", who: ["admin"], path: () => "/api/users/1", body: () => ({ name: "The admin" }) },
  { method: "GET", url: "/api/customers", who: ALL, path: () => "/api/customers" },
  { method: "GET", url: "/api/reports/value", who: ["admin", "manager", "analyst"], path: () => "/api/reports/value?asOf=2026-06-30&window=12m" },
  { method: "GET", url: "/api/reports/value/rfm8/members", who: ["admin", "manager", "analyst"], path: () => "/api/reports/value/rfm8/members?asOf=2026-06-30&segment=important_value" },
  { method: "GET", url: "/api/reports/value/rfm8/members/export", who: ["admin", "manager", "analyst"], path: () => "/api/reports/value/rfm8/members/export?asOf=2026-06-30&segment=general_winback" },
  { method: "GET", url: "/api/segments/snapshots", who: ["admin", "manager", "analyst"], path: () => "/api/segments/snapshots" },
  { method: "POST", url: "/api/segments/snapshots", who: ["admin", "manager", "analyst"], path: () => "/api/segments/snapshots", body: () => ({ asOf: "2026-06-30" }) },
  { method: "GET", url: "/api/segments/summary", who: ["admin", "manager", "analyst"], path: () => "/api/segments/summary?asOf=2026-06-30" },
  { method: "GET", url: "/api/segments/members", who: ["admin", "manager", "analyst"], path: () => "/api/segments/members?asOf=2026-06-30&scheme=rfm&segment=champions" },
  { method: "GET", url: "/api/segments/members/export", who: ["admin", "manager", "analyst"], path: () => "/api/segments/members/export?asOf=2026-06-30&scheme=tier&segment=key" },
  { method: "GET", url: "/api/customers/:id/value", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/value` },
  { method: "GET", url: "/api/reports/cohorts", who: ["admin", "manager", "analyst"], path: () => "/api/reports/cohorts?asOf=2026-06-30&months=12" },
  { method: "GET", url: "/api/reports/churn-cost", who: ["admin", "manager", "analyst"], path: () => "/api/reports/churn-cost?asOf=2026-06-30&period=12&fxRate=6.3" },
  { method: "GET", url: "/api/reports/baskets", who: ["admin", "manager", "analyst"], path: () => "/api/reports/baskets?asOf=2026-06-30&window=all" },
  { method: "GET", url: "/api/reports/sequences", who: ["admin", "manager", "analyst"], path: () => "/api/reports/sequences?asOf=2026-06-30&window=all" },
  { method: "GET", url: "/api/reports/forecast", who: ["admin", "manager", "analyst"], path: () => "/api/reports/forecast?asOf=2026-06-30" },
  { method: "GET", url: "/api/complaints/analysis", who: ["admin", "manager", "analyst"], path: () => "/api/complaints/analysis?asOf=2026-06-30&windowDays=90" },
  { method: "GET", url: "/api/complaints/sensitivity", who: ["admin", "manager", "analyst"], path: () => "/api/complaints/sensitivity?asOf=2026-06-30&windowDays=90" },
  {
    method: "POST", url: "/api/complaints/sensitivity", who: ["admin", "manager", "analyst"], path: () => "/api/complaints/sensitivity",
    body: () => ({ inputs: { customers: "1000", problemShare: "0.2", complainShare: "0.25", resolvedShare: "0.6", rNone: "0.8", rSilent: "0.5", rResolved: "0.9", rUnresolved: "0.4", salesPerCustomer: "100" }, programmes: [{ name: "A", problemShare: "0.18" }] }),
  },
  { method: "GET", url: "/api/patterns/runs", who: ["admin", "manager", "analyst"], path: () => "/api/patterns/runs" },
  { method: "POST", url: "/api/patterns/runs", who: ["admin", "manager", "analyst"], path: () => "/api/patterns/runs", body: () => ({ kind: "baskets", asOf: "2026-06-30", window: "all" }) },
  { method: "GET", url: "/api/customers/:id/next-offers", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/next-offers` },
  { method: "POST", url: "/api/models/runs", who: ["admin", "manager", "analyst"], path: () => "/api/models/runs", body: () => ({ horizonDays: 30 }), status: 202 },
  { method: "GET", url: "/api/models/jobs/:jobId", who: ["admin", "manager", "analyst"], path: () => "/api/models/jobs/no-such-job", status: 404 },
  { method: "GET", url: "/api/models/runs", who: ["admin", "manager", "analyst"], path: () => "/api/models/runs" },
  { method: "GET", url: "/api/models/runs/:runId", who: ["admin", "manager", "analyst"], path: () => "/api/models/runs/999999", status: 404 },
  { method: "GET", url: "/api/models/at-risk", who: ["admin", "manager", "analyst"], path: () => "/api/models/at-risk?runId=999999", status: 404 },
  { method: "GET", url: "/api/customers/:id/scores", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/scores` },
  { method: "POST", url: "/api/customers", who: WRITERS, path: () => "/api/customers", body: () => ({ externalId: `NEW-${r}`, name: "New customer" }) },
  { method: "GET", url: "/api/customers/:id", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}` },
  { method: "PATCH", url: "/api/customers/:id", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}`, body: (f) => ({ phone: "+86 138 0000 0000", version: f.version[r] }) },
  { method: "POST", url: "/api/customers/:id/state", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/state`, body: () => ({ state: "target", reason: "test" }) },
  { method: "POST", url: "/api/customers/bulk", who: WRITERS, scoped: true, path: () => "/api/customers/bulk", body: (f) => ({ ids: [f.own[r]], addTags: ["vip"] }) },
  { method: "GET", url: "/api/search", who: ALL, path: () => "/api/search?q=Cust" },
  { method: "GET", url: "/api/tags", who: ALL, path: () => "/api/tags" },
  { method: "GET", url: "/api/customers/export", who: ALL, path: () => "/api/customers/export?format=csv" },
  { method: "GET", url: "/api/customers/:id/timeline", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/timeline` },
  { method: "POST", url: "/api/customers/:id/interactions", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/interactions`, body: () => ({ channel: "phone", notes: "called" }) },
  { method: "POST", url: "/api/customers/:id/key-dates", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/key-dates`, body: () => ({ kind: "wedding", month: 5, day: 20 }) },
  { method: "DELETE", url: "/api/customers/:id/key-dates/:keyDateId", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/key-dates/${f.keyDate[r]}` },
  { method: "POST", url: "/api/customers/:id/contacts", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/contacts`, body: () => ({ name: `Buyer ${r}` }) },
  { method: "PATCH", url: "/api/customers/:id/contacts/:contactId", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/contacts/${f.contact[r]}`, body: () => ({ title: "CFO" }) },
  { method: "DELETE", url: "/api/customers/:id/contacts/:contactId", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/contacts/${f.contact[r]}` },
  { method: "GET", url: "/api/customers/:id/duplicates", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/duplicates` },
  { method: "POST", url: "/api/customers/:id/merge", who: MANAGERS, path: (f) => `/api/customers/${f.own[r]}/merge`, body: (f) => ({ mergedId: f.mergeable[r] }) },
  { method: "GET", url: "/api/views", who: "everyone", path: () => "/api/views?page=customers" },
  { method: "POST", url: "/api/views", who: "everyone", path: () => "/api/views", body: () => ({ page: "customers", name: "Churned", query: { state: "churned" } }) },
  { method: "DELETE", url: "/api/views/:id", who: "everyone", path: () => "/api/views/999999", status: 404 },
  { method: "POST", url: "/api/imports/uploads", who: MANAGERS, path: () => "/api/imports/uploads", body: () => ({}), status: 400 },
  { method: "POST", url: "/api/imports/uploads/:uploadId/pair", who: MANAGERS, path: (f) => `/api/imports/uploads/${f.uploadId}/pair`, body: () => ({}), status: 400 },
  { method: "DELETE", url: "/api/imports/uploads/:uploadId/pair", who: MANAGERS, path: (f) => `/api/imports/uploads/${f.uploadId}/pair` },
  { method: "POST", url: "/api/imports/uploads/:uploadId/preview", who: MANAGERS, path: (f) => `/api/imports/uploads/${f.uploadId}/preview`, body: () => ({ kind: "orders" }) },
  { method: "POST", url: "/api/imports", who: MANAGERS, path: () => "/api/imports", body: (f) => ({ uploadId: f.uploadId, kind: "orders", dryRun: true }) },
  { method: "GET", url: "/api/imports/jobs/:jobId", who: MANAGERS, path: (f) => `/api/imports/jobs/${f.jobId}` },
  { method: "GET", url: "/api/imports/jobs/:jobId/rejects.csv", who: MANAGERS, path: (f) => `/api/imports/jobs/${f.jobId}/rejects.csv` },
  { method: "GET", url: "/api/imports", who: ["admin", "manager", "analyst"], path: () => "/api/imports" },
  { method: "GET", url: "/api/customers/:id/personal-data", who: MANAGERS, path: (f) => `/api/customers/${f.erasable[r]}/personal-data` },
  { method: "POST", url: "/api/customers/:id/erase", who: MANAGERS, path: (f) => `/api/customers/${f.erasable[r]}/erase`, body: () => ({ confirm: "ERASE" }) },
  { method: "GET", url: "/api/webhooks", who: ["admin"], path: () => "/api/webhooks" },
  { method: "POST", url: "/api/webhooks", who: ["admin"], path: () => "/api/webhooks", body: () => ({ url: "http://127.0.0.1:9/hook", events: ["customer.created"] }) },
  { method: "PATCH", url: "/api/webhooks/:id", who: ["admin"], path: (f) => `/api/webhooks/${f.webhook[r]}`, body: () => ({ active: false }) },
  { method: "GET", url: "/api/webhooks/:id/deliveries", who: ["admin"], path: (f) => `/api/webhooks/${f.webhook[r]}/deliveries` },
  { method: "DELETE", url: "/api/webhooks/:id", who: ["admin"], path: (f) => `/api/webhooks/${f.webhook[r]}` },
  { method: "GET", url: "/api/audit", who: ["admin"], path: () => "/api/audit" },
  { method: "GET", url: "/api/audit/export", who: ["admin"], path: () => "/api/audit/export" },
  { method: "GET", url: "/api/settings", who: "everyone", path: () => "/api/settings" },
  { method: "PATCH", url: "/api/settings", who: ["admin"], path: () => "/api/settings", body: () => ({ timezone: "Asia/Shanghai" }) },
  { method: "GET", url: "/api/membership/programme", who: ["admin"], path: () => "/api/membership/programme" },
  {
    method: "PUT", url: "/api/membership/programme", who: ["admin"], path: () => "/api/membership/programme",
    body: () => ({ startsOn: null, basis: "spend", windowMonths: 12, review: "monthly", pointsPerUnit: "1", expiryYears: 1, levels: [{ key: "regular", name: "普通会员", threshold: "0", multiplier: "1" }] }),
  },
  { method: "POST", url: "/api/membership/apply", who: ["admin"], path: () => "/api/membership/apply", body: () => ({}) },
  { method: "GET", url: "/api/membership/summary", who: ["admin", "manager", "analyst"], path: () => "/api/membership/summary" },
  { method: "GET", url: "/api/membership/comparison", who: ["admin", "manager", "analyst"], path: () => "/api/membership/comparison?asOf=2026-06-30" },
  { method: "GET", url: "/api/customers/:id/membership", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/membership` },
  { method: "POST", url: "/api/customers/:id/membership/adjustments", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/membership/adjustments`, body: () => ({ points: 5, reason: "welcome" }) },
  { method: "POST", url: "/api/customers/:id/membership/redemptions", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/membership/redemptions`, body: () => ({ points: 1000, reason: "gift" }), status: 400 },
  { method: "GET", url: "/api/complaints", who: ALL, path: () => "/api/complaints?status=all" },
  { method: "POST", url: "/api/complaints", who: WRITERS, path: () => "/api/complaints", body: (f) => ({ customerId: f.own[r], channel: "web", description: "Broken on arrival." }) },
  { method: "GET", url: "/api/complaints/settings", who: ALL, path: () => "/api/complaints/settings" },
  { method: "PUT", url: "/api/complaints/settings", who: ["admin"], path: () => "/api/complaints/settings", body: () => DEFAULT_COMPLAINT_SETTINGS },
  { method: "GET", url: "/api/complaints/:customerId/:complaintId", who: ALL, scoped: true, path: (f) => `/api/complaints/${f.own[r]}/${f.complaint[r]}` },
  {
    method: "POST", url: "/api/complaints/:customerId/:complaintId/events", who: WRITERS, scoped: true, path: (f) => `/api/complaints/${f.own[r]}/${f.complaint[r]}/events`,
    body: () => ({ version: 1, event: { type: "apologised", text: "We are sorry." } }),
  },
  { method: "POST", url: "/api/customers/:id/praise", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/praise`, body: (f) => ({ staffUserId: f.staffId, words: "Thank you!" }) },
  { method: "GET", url: "/api/praise", who: ALL, path: () => "/api/praise?since=2026-01-01" },
  { method: "GET", url: "/api/surveys", who: ["admin", "manager", "analyst"], path: () => "/api/surveys" },
  { method: "GET", url: "/api/surveys/templates", who: ["admin", "manager", "analyst"], path: () => "/api/surveys/templates" },
  {
    method: "POST", url: "/api/surveys", who: MANAGERS, path: () => "/api/surveys", status: 201,
    body: () => ({ name: `Survey ${r}`, purpose: "general", questions: [{ key: "csat", type: "rating", measure: "csat", text: { en: "How satisfied are you?" } }] }),
  },
  { method: "GET", url: "/api/surveys/settings", who: ["admin", "manager", "analyst"], path: () => "/api/surveys/settings" },
  { method: "PUT", url: "/api/surveys/settings", who: ["admin"], path: () => "/api/surveys/settings", body: () => ({ complaintFollowUpSurveyId: null, linkValidDays: 30 }) },
  { method: "GET", url: "/api/surveys/:id", who: ["admin", "manager", "analyst"], path: () => "/api/surveys/999999", status: 404 },
  {
    method: "PUT", url: "/api/surveys/:id", who: MANAGERS, path: () => "/api/surveys/999999", status: 404,
    body: () => ({ name: "x", purpose: "general", version: 1, status: "open", questions: [{ key: "q", type: "nps", text: { en: "Recommend?" } }] }),
  },
  { method: "POST", url: "/api/surveys/:id/invitations", who: MANAGERS, path: () => "/api/surveys/999999/invitations", body: (f) => ({ audience: { kind: "customers", customerIds: [f.own[r]] } }), status: 404 },
  { method: "GET", url: "/api/surveys/:id/results", who: ["admin", "manager", "analyst"], path: () => "/api/surveys/999999/results", status: 404 },
  { method: "GET", url: "/api/campaigns", who: ["admin", "manager", "analyst"], path: () => "/api/campaigns" },
  { method: "GET", url: "/api/campaigns/merge-fields", who: ["admin", "manager", "analyst"], path: () => "/api/campaigns/merge-fields" },
  {
    method: "POST", url: "/api/campaigns", who: MANAGERS, path: () => "/api/campaigns", status: 201,
    body: (f) => ({ name: `Win back ${r}`, kind: "adhoc", channel: "task", body: "Call {{name}}.", audience: { kind: "customers", ids: [f.own[r]] } }),
  },
  { method: "POST", url: "/api/campaigns/check-template", who: MANAGERS, path: () => "/api/campaigns/check-template", body: () => ({ channel: "email", subject: "Hi", body: "Dear customer" }) },
  { method: "POST", url: "/api/campaigns/preview-audience", who: MANAGERS, path: () => "/api/campaigns/preview-audience", body: (f) => ({ audience: { kind: "customers", ids: [f.own[r]] } }) },
  { method: "GET", url: "/api/campaigns/:id", who: ["admin", "manager", "analyst"], path: () => "/api/campaigns/999999", status: 404 },
  { method: "PATCH", url: "/api/campaigns/:id", who: MANAGERS, path: () => "/api/campaigns/999999", body: () => ({ name: "Renamed" }), status: 404 },
  { method: "POST", url: "/api/campaigns/:id/start", who: MANAGERS, path: () => "/api/campaigns/999999/start", status: 404 },
  { method: "POST", url: "/api/campaigns/:id/cancel", who: MANAGERS, path: () => "/api/campaigns/999999/cancel", status: 404 },
  { method: "GET", url: "/api/campaigns/:id/results", who: ["admin", "manager", "analyst"], path: () => "/api/campaigns/999999/results", status: 404 },
  { method: "GET", url: "/api/plans", who: ["admin", "manager", "analyst"], path: () => "/api/plans" },
  { method: "GET", url: "/api/plans/example", who: ["admin", "manager", "analyst"], path: () => "/api/plans/example" },
  {
    method: "POST", url: "/api/plans", who: MANAGERS, path: () => "/api/plans", status: 201,
    body: () => ({ name: `Plan ${r}`, quarterStart: "2026-10-01", budget: "1000", tiers: [{ key: "all", customerShare: "1", budgetShare: "1", contactsPerQuarter: 1, contactTypes: ["call"] }] }),
  },
  { method: "GET", url: "/api/plans/:id", who: ["admin", "manager", "analyst"], path: () => "/api/plans/999999", status: 404 },
  { method: "PATCH", url: "/api/plans/:id", who: MANAGERS, path: () => "/api/plans/999999", body: () => ({ name: "Renamed" }), status: 404 },
  { method: "POST", url: "/api/plans/:id/generate", who: MANAGERS, path: () => "/api/plans/999999/generate", status: 404 },
  { method: "GET", url: "/api/plans/:id/results", who: ["admin", "manager", "analyst"], path: () => "/api/plans/999999/results", status: 404 },
  { method: "GET", url: "/api/customers/:id/survey-invitations", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/survey-invitations` },
  { method: "GET", url: "/api/public/surveys/:token", who: "public", path: () => "/api/public/surveys/1.2.AAAAAAAAAAAAAAAAAAAAAA", status: 404 },
  { method: "POST", url: "/api/public/surveys/:token/answers", who: "public", path: () => "/api/public/surveys/1.2.AAAAAAAAAAAAAAAAAAAAAA/answers", body: () => ({ answers: {} }), status: 404 },
  { method: "GET", url: "/api/public/complaint-form", who: "public", path: () => "/api/public/complaint-form?t=1.2.AAAAAAAAAAAAAAAAAAAAAA" },
  // five calls in all (anonymous and each role), the most one address may send in ten minutes
  { method: "POST", url: "/api/public/complaints", who: "public", path: () => "/api/public/complaints", body: () => ({ orderNo: "NO-SUCH", contact: "someone@example.com", category: "other", words: "Late." }), status: 404 },
  { method: "POST", url: "/api/customers/:id/complaint-link", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/complaint-link`, status: 201 },
  { method: "GET", url: "/api/tasks/agenda", who: ALL, path: () => "/api/tasks/agenda?day=2026-06-15" },
  { method: "GET", url: "/api/tasks/team", who: MANAGERS, path: () => "/api/tasks/team?day=2026-06-15" },
  { method: "GET", url: "/api/tasks", who: ALL, path: () => "/api/tasks?status=open" },
  { method: "POST", url: "/api/tasks", who: WRITERS, path: () => "/api/tasks", body: (f) => ({ customerId: f.own[r], kind: "call", title: "Call back", dueOn: "2099-01-01" }), status: 201 },
  { method: "POST", url: "/api/tasks/:customerId/:taskId/complete", who: WRITERS, scoped: true, path: (f) => `/api/tasks/${f.own[r]}/999999/complete`, body: () => ({ outcome: "reached", channel: "phone" }), status: 404 },
  { method: "POST", url: "/api/tasks/:customerId/:taskId/cancel", who: WRITERS, scoped: true, path: (f) => `/api/tasks/${f.own[r]}/999999/cancel`, body: () => ({ reason: "not needed" }), status: 404 },
  { method: "POST", url: "/api/tasks/:customerId/:taskId/reassign", who: MANAGERS, path: (f) => `/api/tasks/${f.own[r]}/999999/reassign`, body: (f) => ({ ownerId: f.staffId }), status: 404 },
  { method: "POST", url: "/api/tasks/:customerId/:taskId/snooze", who: WRITERS, scoped: true, path: (f) => `/api/tasks/${f.own[r]}/999999/snooze`, body: () => ({ dueOn: "2099-01-01" }), status: 404 },
  { method: "GET", url: "/api/prospects", who: ALL, path: () => "/api/prospects?sort=readiness" },
  { method: "POST", url: "/api/prospects", who: WRITERS, path: () => "/api/prospects", body: () => ({ name: `Prospect ${r}`, leadSource: "web", signals: ["compares_terms"] }), status: 201 },
  { method: "GET", url: "/api/prospects/:id", who: ALL, scoped: true, path: (f) => `/api/prospects/${f.own[r]}` },
  // the customer state route above made each `own` customer a target
  { method: "PATCH", url: "/api/prospects/:id", who: WRITERS, scoped: true, path: (f) => `/api/prospects/${f.own[r]}`, body: () => ({ signals: ["asks_for_details"], persuasionType: "rational" }) },
  { method: "POST", url: "/api/prospects/:id/convert", who: WRITERS, scoped: true, path: (f) => `/api/prospects/${f.own[r]}/convert`, body: () => ({}) },
  { method: "GET", url: "/api/journeys/settings", who: MANAGERS, path: () => "/api/journeys/settings" },
  { method: "PUT", url: "/api/journeys/settings", who: MANAGERS, path: () => "/api/journeys/settings", body: () => defaultJourneySettings() },
  { method: "GET", url: "/api/reminders/settings", who: MANAGERS, path: () => "/api/reminders/settings" },
  { method: "PUT", url: "/api/reminders/settings", who: MANAGERS, path: () => "/api/reminders/settings", body: () => DEFAULT_REMINDER_SETTINGS },
  { method: "GET", url: "/api/journeys/upcoming", who: ALL, path: () => "/api/journeys/upcoming?days=30&from=2026-06-15" },
  { method: "POST", url: "/api/journeys/run", who: MANAGERS, path: () => "/api/journeys/run", body: () => ({ asOfDay: "2026-06-15" }) },
  { method: "GET", url: "/api/suggestions", who: ALL, path: () => "/api/suggestions?status=new" },
  { method: "GET", url: "/api/customers/:id/suggestions", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/suggestions` },
  { method: "POST", url: "/api/customers/:id/suggestions", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/suggestions`, body: () => ({ channel: "store", text: "More parking" }), status: 201 },
  { method: "POST", url: "/api/suggestions/:id/decision", who: MANAGERS, path: () => "/api/suggestions/999999/decision", body: () => ({ status: "declined" }), status: 404 },
  { method: "GET", url: "/api/customers/:id/consents", who: ALL, scoped: true, path: (f) => `/api/customers/${f.own[r]}/consents` },
  { method: "PUT", url: "/api/customers/:id/consents", who: WRITERS, scoped: true, path: (f) => `/api/customers/${f.own[r]}/consents`, body: () => ({ email: "granted" }) },
  { method: "GET", url: "/api/messages/problems", who: ["admin"], path: () => "/api/messages/problems" },
  { method: "GET", url: "/api/settings/messaging", who: ["admin"], path: () => "/api/settings/messaging" },
  { method: "PUT", url: "/api/settings/messaging", who: ["admin"], path: () => "/api/settings/messaging", body: () => ({ requireOptIn: false, serviceNumber: "400-820-8820", publicUrl: "" }) },
  { method: "GET", url: "/api/public/unsubscribe/:token", who: "public", path: () => "/api/public/unsubscribe/1.email.AAAAAAAAAAAAAAAAAAAAAA", status: 404 },
  { method: "POST", url: "/api/public/unsubscribe/:token", who: "public", path: () => "/api/public/unsubscribe/1.email.AAAAAAAAAAAAAAAAAAAAAA", body: () => ({}), status: 404 },
  { method: "POST", url: "/api/auth/logout", who: "everyone", path: () => "/api/auth/logout" },
];

const allowed = (who: Who, role: Role) => who === "public" || who === "everyone" || who.includes(role);
const ROLES_UNDER_TEST: Role[] = ["admin", "manager", "agent", "analyst"];

describe.each(STORE_KINDS)("route × role matrix (%s)", (kind) => {
  let t: TestApp;
  let f: Fixtures;

  beforeAll(async () => {
    t = await testApp(kind);
    const admin = t.as.admin;
    const mk = async (externalId: string, ownerId: number | null) => {
      const r = await admin.post("/api/customers", { externalId, name: `Customer ${externalId}`, ownerId });
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as number;
    };
    f = { own: {}, other: await mk("OTHER", t.as.agent2.userId), mergeable: {}, erasable: {}, keyDate: {}, version: {}, contact: {}, webhook: {}, jobId: "", uploadId: "", complaint: {}, staffId: t.as.admin.userId };
    for (const r of ROLES_UNDER_TEST) {
      f.own[r] = await mk(`OWN-${r}`, t.as.agent.userId);
      f.mergeable[r] = await mk(`MERGE-${r}`, null);
      f.erasable[r] = await mk(`ERASE-${r}`, null);
      const kd = await admin.post(`/api/customers/${f.own[r]}/key-dates`, { kind: "birthday", month: 3, day: 8 });
      f.keyDate[r] = kd.json().keyDates[0].id;
      const ct = await admin.post(`/api/customers/${f.own[r]}/contacts`, { name: "Buyer" });
      f.contact[r] = ct.json().contacts[0].id;
      const wh = await admin.post("/api/webhooks", { url: "http://127.0.0.1:9/hook", events: ["*"] });
      f.webhook[r] = wh.json().id;
      f.version[r] = (await admin.get(`/api/customers/${f.own[r]}`)).json().version;
      f.complaint[r] = (await admin.post("/api/complaints", { customerId: f.own[r], channel: "phone", description: "Late." })).json().complaintId;
    }
    const boundary = "----retain";
    const up = await admin.request({
      method: "POST", url: "/api/imports/uploads",
      headers: { "content-type": `multipart/form-data; boundary=${boundary}` },
      payload: [`--${boundary}`, 'Content-Disposition: form-data; name="kind"', "", "orders",
        `--${boundary}`, 'Content-Disposition: form-data; name="file"; filename="o.csv"', "Content-Type: text/csv", "",
        "customer,date,amount\nC1,2026-01-02,10\nC2,not a date,5", `--${boundary}--`, ""].join("\r\n"),
    });
    expect(up.statusCode, up.body).toBe(201);
    f.uploadId = up.json().uploadId;
    const job = await admin.post("/api/imports", { uploadId: f.uploadId, kind: "orders", dryRun: true });
    f.jobId = job.json().jobId;
    await t.app.importJobs.idle();
  });
  afterAll(async () => t?.close());

  it("lists every registered route, and nothing else", async () => {
    const registered = t.app.apiRoutes.map((r) => `${r.method} ${r.url}`).sort();
    const listed = MATRIX("admin").map((e) => `${e.method} ${e.url}`).sort();
    expect(listed).toEqual(registered);
    for (const r of t.app.apiRoutes) expect(r.permission, `${r.method} ${r.url}`).toBeDefined();
  });

  it("refuses anonymous callers everywhere but the public routes", async () => {
    for (const e of MATRIX("anon")) {
      const res = await t.app.inject({ method: e.method, url: e.path(f), payload: e.body?.(f) as object | undefined });
      if (e.who === "public") expect(res.statusCode, `${e.method} ${e.url}`).not.toBe(401);
      else expect(res.statusCode, `${e.method} ${e.url}: ${res.body}`).toBe(401);
    }
  });

  it.each(ROLES_UNDER_TEST)("lets %s do exactly what its role allows", async (role) => {
    const c: Client = t.as[role];
    for (const e of MATRIX(role)) {
      if (e.url === "/api/auth/logout") continue; // would end the session used by the other checks
      const res = await c.request({ method: e.method, url: e.path(f), payload: e.body?.(f) as object | undefined });
      const what = `${role} ${e.method} ${e.url} → ${res.statusCode} ${res.body.slice(0, 200)}`;
      if (allowed(e.who, role)) {
        if (e.status) expect(res.statusCode, what).toBe(e.status);
        else expect(res.statusCode, what).toBeLessThan(300);
      } else {
        expect(res.statusCode, what).toBe(403);
        expect(res.json().code, what).toBe("FORBIDDEN");
      }
    }
  });

  it("keeps agents to their own book: another team's customer is refused", async () => {
    const scoped = MATRIX("agent").filter((e) => e.scoped);
    expect(scoped.length).toBeGreaterThan(8);
    for (const e of scoped) {
      const url = e.path({ ...f, own: { agent: f.other } });
      const body = e.url === "/api/customers/bulk" ? { ids: [f.other], addTags: ["x"] } : e.body?.(f);
      const res = await t.as.agent.request({ method: e.method, url, payload: body as object | undefined });
      expect(res.statusCode, `${e.method} ${url} → ${res.body}`).toBe(403);
    }
    // …and the list and search do not show it.
    const list = await t.as.agent.get("/api/customers?limit=500");
    expect(list.json().items.map((c: { id: number }) => c.id)).not.toContain(f.other);
    expect((await t.as.agent2.get("/api/customers?limit=500")).json().items.map((c: { id: number }) => c.id)).toEqual([f.other]);
  });

  it("ends a session at sign-out", async () => {
    const res = await t.as.analyst.post("/api/auth/logout");
    expect(res.statusCode).toBe(204);
    expect((await t.as.analyst.get("/api/auth/me")).statusCode).toBe(401);
  });
});
