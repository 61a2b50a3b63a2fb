import argon2 from "argon2";
import { RetainError } from "../errors.ts";

/** argon2id with the library's defaults (m = 64 MiB, t = 3, p = 4): RFC 9106's second recommended option. */
export const hashPassword = (password: string): Promise<string> => argon2.hash(password, { type: argon2.argon2id });

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    return false; // a malformed hash signs no one in
  }
}

/** The rule a new password must meet; the message says what to do. */
export function checkPasswordRule(password: string, field = "password"): void {
  if (password.length < 10) {
    throw new RetainError("BAD_INPUT", "A password needs at least 10 characters.", { field, hint: "Use a longer passphrase." });
  }
  if (password.length > 200) throw new RetainError("BAD_INPUT", "A password can have at most 200 characters.", { field });
}
