import { createHash, randomBytes } from "node:crypto";

/** base64url of `bytes` random bytes. */
export const randomToken = (bytes: number): string => randomBytes(bytes).toString("base64url");

/** A random password for a new account, printed once (base64url, 19 characters). */
export const randomPassword = (): string => randomToken(14);

/** Session ids and API tokens are stored as their SHA-256 only. */
export const sha256 = (s: string): string => createHash("sha256").update(s).digest("hex");
