/**
 * One error type for the whole library, with a closed set of codes. The HTTP edge maps
 * codes to statuses; the CLI prints the message (and the stack only with --verbose).
 * Messages say what was wrong and what to do.
 */
export type RetainErrorCode =
  | "BAD_INPUT"
  | "BAD_FILE"
  | "BAD_CONFIG"
  | "NOT_FOUND"
  | "CONFLICT"
  | "STORE_UNAVAILABLE"
  | "FORBIDDEN"
  | "UNAUTHENTICATED"
  | "RATE_LIMITED"
  | "PAYLOAD_TOO_LARGE"
  | "INTERNAL";

export class RetainError extends Error {
  override readonly name = "RetainError";
  constructor(
    readonly code: RetainErrorCode,
    message: string,
    readonly details: { field?: string; file?: string; line?: number; hint?: string } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export const isRetainError = (e: unknown): e is RetainError => e instanceof RetainError;

/** A 400 that names the field first, as "field: what is wrong", with what to do when given. */
export const badInput = (field: string, message: string, hint?: string): RetainError =>
  new RetainError("BAD_INPUT", `${field}: ${message}`, { field, ...(hint ? { hint } : {}) });
