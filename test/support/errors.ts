import { isRetainError } from "../../src/errors.ts";

/** The RetainError a promise rejects with, as { code, field, message }; fails when it resolves or rejects with anything else. */
export async function errorOf(p: Promise<unknown>): Promise<{ code: string; field: string | undefined; message: string }> {
  try {
    await p;
  } catch (e) {
    if (isRetainError(e)) return { code: e.code, field: e.details.field, message: e.message };
    throw e;
  }
  throw new Error("expected an error");
}
