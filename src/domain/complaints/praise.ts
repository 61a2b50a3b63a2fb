/**
 * Praise and thanks are not complaints: they are kept apart, against the staff member
 * praised, so it can be recognised in front of colleagues (seed 000, recovery standards).
 */
import type { RecoveryError, Stamp } from "./types.ts";
import { isInstant } from "./validate.ts";

export interface Praise {
  /** The user praised. */
  staffId: number;
  customerId: number | null;
  channel: string;
  /** What the customer said, in their words. */
  words: string;
  recorded: Stamp;
}

const isId = (v: unknown): boolean => Number.isSafeInteger(v) && (v as number) > 0;
const bad = (field: string, message: string) => ({ ok: false as const, error: { code: "BAD_INPUT" as const, field, message } });

/** A praise record from its fields, or the first field that is wrong. */
export function recordPraise(input: Praise): { ok: true; praise: Praise } | { ok: false; error: RecoveryError } {
  const { staffId, customerId, channel, words, recorded } = input;
  if (!isId(staffId)) return bad("staffId", "staffId must be the id of the user praised.");
  if (customerId !== null && !isId(customerId)) return bad("customerId", "customerId must be a customer id, or null when the customer is not known.");
  if (typeof channel !== "string" || channel.trim() === "") return bad("channel", "channel is required: say where the praise came from (phone, letter, review…).");
  if (typeof words !== "string" || words.trim() === "") return bad("words", "words is required: write what the customer said.");
  if (!isId(recorded.by)) return bad("recorded.by", "recorded.by must be the id of the user recording the praise.");
  if (!isInstant(recorded.at)) return bad("recorded.at", "recorded.at must be an ISO instant with its zone, such as \"2026-03-01T09:30:00+08:00\".");
  return { ok: true, praise: { staffId, customerId, channel: channel.trim(), words: words.trim(), recorded: { ...recorded } } };
}
