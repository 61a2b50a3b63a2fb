/**
 * The shape of an event, checked field by field. Events are re-read from JSON and come from
 * the API, so nothing is trusted because the type says so.
 */
import { isMoney } from "./money.ts";
import { ROOT_CAUSE_KEY } from "./root-causes.ts";
import {
  COMPENSATION_KINDS, EVENT_TYPES, FINDINGS, FOLLOW_UP_OUTCOMES, JUDGEMENTS, REJECTION_GROUNDS, ROLES,
  type RecoveryError, type RecoveryEvent,
} from "./types.ts";

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** Whether `s` is an ISO 8601 instant with its zone ("2026-03-01T09:30:00+08:00", "…Z"). */
export function isInstant(s: unknown): s is string {
  const m = typeof s === "string" ? INSTANT.exec(s) : null;
  if (!m) return false;
  // Date.parse rolls 2026-02-30 over to March: insist the calendar day exists.
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  return mo >= 1 && mo <= 12 && d >= 1 && new Date(Date.UTC(y, mo - 1, d)).getUTCDate() === d;
}

/** Milliseconds since the epoch of a valid instant. */
export const instantMs = (s: string): number => Date.parse(s);

const bad = (field: string, message: string): RecoveryError => ({ code: "BAD_INPUT", field, message });

const text = (field: string, v: unknown): RecoveryError | null =>
  typeof v === "string" && v.trim() !== "" ? null : bad(field, `${field} is required: write it out (blank text is not enough).`);

const optionalText = (field: string, v: unknown): RecoveryError | null =>
  v === undefined || v === null || typeof v === "string" ? null : bad(field, `${field} must be text or left out.`);

const oneOf = (field: string, v: unknown, allowed: readonly string[]): RecoveryError | null =>
  typeof v === "string" && allowed.includes(v) ? null : bad(field, `${field} must be one of ${allowed.join(", ")}; got ${JSON.stringify(v)}.`);

const money = (field: string, v: unknown): RecoveryError | null =>
  isMoney(v) ? null : bad(field, `${field} must be a non-negative amount such as "50" or "19.90" (at most 6 decimals); got ${JSON.stringify(v)}.`);

const id = (field: string, v: unknown): RecoveryError | null =>
  Number.isSafeInteger(v) && (v as number) > 0 ? null : bad(field, `${field} must be a positive whole number (an id); got ${JSON.stringify(v)}.`);

const instant = (field: string, v: unknown): RecoveryError | null =>
  isInstant(v) ? null : bad(field, `${field} must be an ISO instant with its zone, such as "2026-03-01T09:30:00+08:00"; got ${JSON.stringify(v)}.`);

/** The first thing wrong with the fields every event carries, or null. */
export function checkBase(e: RecoveryEvent): RecoveryError | null {
  const type = (e as { type?: unknown }).type;
  if (typeof type !== "string" || !(EVENT_TYPES as readonly string[]).includes(type)) {
    return bad("type", `Unknown event type ${JSON.stringify(type)}; use one of ${EVENT_TYPES.join(", ")}.`);
  }
  return id("actorId", e.actorId) ?? oneOf("role", e.role, ROLES) ?? instant("at", e.at);
}

/** The first thing wrong with the event's own fields, or null. */
export function checkPayload(e: RecoveryEvent): RecoveryError | null {
  switch (e.type) {
    case "opened":
      return id("customerId", e.customerId) ?? text("channel", e.channel) ?? text("summary", e.summary);
    case "apologised":
      return text("text", e.text);
    case "heard":
      if (!Array.isArray(e.openQuestions) || e.openQuestions.length === 0) {
        return bad("openQuestions", "List the open questions asked (at least one): step 2 is listening, not only recording.");
      }
      return text("account", e.account) ?? e.openQuestions.reduce<RecoveryError | null>((err, q, i) => err ?? text(`openQuestions.${i}`, q), null);
    case "fix_proposed":
      return oneOf("finding", e.finding, FINDINGS) ?? oneOf("demand", e.demand, JUDGEMENTS)
        ?? text("demandReason", e.demandReason) ?? text("fix", e.fix) ?? money("compensation", e.compensation);
    case "fix_rejected":
    case "promise_broken":
    case "withdrawn":
    case "paused":
      return text("reason", e.reason);
    case "rejected":
      return oneOf("ground", e.ground, REJECTION_GROUNDS) ?? text("reason", e.reason);
    case "compensation_given":
      if (!Array.isArray(e.items) || e.items.length === 0) {
        return bad("items", "List what was given (at least one item, each with its kind and cost).");
      }
      return e.items.reduce<RecoveryError | null>((err, it, i) =>
        err ?? oneOf(`items.${i}.kind`, it?.kind, COMPENSATION_KINDS) ?? money(`items.${i}.cost`, it?.cost) ?? optionalText(`items.${i}.note`, it?.note), null);
    case "promise_made":
      return text("promise", e.promise) ?? instant("dueAt", e.dueAt);
    case "followed_up":
      return oneOf("outcome", e.outcome, FOLLOW_UP_OUTCOMES) ?? optionalText("note", e.note);
    case "root_cause_set":
      return (typeof e.rootCause === "string" && ROOT_CAUSE_KEY.test(e.rootCause)
        ? null : bad("rootCause", `rootCause must be the key of a node of the root-cause tree, such as "logistics_late"; got ${JSON.stringify(e.rootCause)}.`))
        ?? optionalText("note", e.note);
    case "fix_approved":
    case "promise_kept":
    case "resumed":
      return null;
  }
}
