import { z } from "zod";
import { ROLES } from "../accounts/users.repository.ts";
import { RetainError } from "../errors.ts";

/** A row id in a URL or body: a positive safe integer. */
export const Id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
export const IdParams = z.object({ id: Id });

export const ErrorBody = z.object({
  code: z.string(),
  message: z.string(),
  field: z.string().optional(),
  hint: z.string().optional(),
  requestId: z.string(),
}).meta({ id: "Error" });

export const Role = z.enum(ROLES as unknown as ["admin", "manager", "agent", "analyst"]);

export const UserOut = z.object({
  id: z.number(),
  email: z.string(),
  name: z.string(),
  role: Role,
  team: z.string().nullable(),
  disabled: z.boolean(),
  createdAt: z.date(),
}).meta({ id: "User" });

/** A limit query parameter with a default and a ceiling. */
export const Limit = (def: number, max: number) => z.coerce.number().int().min(1).max(max).default(def);

/** Opaque keyset cursors: base64url JSON. A malformed one is a 400, never a 500. */
export function encodeCursor(v: unknown): string {
  return Buffer.from(JSON.stringify(v)).toString("base64url");
}

export function decodeCursor<T>(s: string | undefined, schema: z.ZodType<T>): T | undefined {
  if (!s) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(s, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new RetainError("BAD_INPUT", "The cursor is not one this server gave out; start again from the first page.", { field: "query.cursor" });
  return r.data;
}

/** Plain text fields: trimmed, bounded, and without control characters. */
export const Text = (max: number) => z.string().trim().max(max).refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/.test(s), "must not contain control characters");
