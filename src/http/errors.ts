import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isRetainError, type RetainErrorCode } from "../errors.ts";

/** The one table from error code to HTTP status. */
export const HTTP_STATUS: Record<RetainErrorCode, number> = {
  BAD_INPUT: 400,
  BAD_FILE: 422,
  BAD_CONFIG: 500,
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  STORE_UNAVAILABLE: 503,
  INTERNAL: 500,
};

export interface ErrorBody {
  code: RetainErrorCode;
  message: string;
  field?: string;
  hint?: string;
  requestId: string;
}

/** Where in the request a validation issue sits, as a user reads it: "body.email", "query.limit". */
function issueField(context: string, path: readonly PropertyKey[]): string {
  // Fastify calls the query string "querystring"; a user knows it as the query.
  return [context === "querystring" ? "query" : context, ...path.map(String)].join(".");
}

/** Postgres errors that are the caller's fault (a value out of range, a broken constraint) are 400/409, not 500. */
function storeError(e: { code?: unknown; message: string }): { code: RetainErrorCode; message: string } | null {
  const c = typeof e.code === "string" ? e.code : "";
  if (c === "23505") return { code: "CONFLICT", message: "That would duplicate an existing record." };
  if (c.startsWith("22") || c === "23514" || c === "23502") return { code: "BAD_INPUT", message: `A value is out of range or malformed: ${e.message}` };
  if (c === "23503") return { code: "BAD_INPUT", message: "The request refers to a record that does not exist." };
  return null;
}

/** Normalises anything thrown into one error body; unknown errors are logged and become INTERNAL. */
export function toErrorBody(err: unknown, req: FastifyRequest): { status: number; body: ErrorBody } {
  const requestId = String(req.id);
  if (isRetainError(err)) {
    const { field, hint } = err.details;
    return { status: HTTP_STATUS[err.code], body: { code: err.code, message: err.message, ...(field ? { field } : {}), ...(hint ? { hint } : {}), requestId } };
  }
  const fe = err as FastifyError & { validation?: unknown; validationContext?: string };
  if (hasZodFastifySchemaValidationErrors(fe)) {
    const first = fe.validation[0];
    const field = issueField(fe.validationContext ?? "request", (first?.instancePath ?? "").split("/").filter(Boolean));
    const message = fe.validation.slice(0, 3).map((v) => `${issueField(fe.validationContext ?? "request", v.instancePath.split("/").filter(Boolean))}: ${v.message}`).join("; ");
    return { status: 400, body: { code: "BAD_INPUT", message, field, requestId } };
  }
  if (typeof fe.statusCode === "number" && fe.statusCode >= 400 && fe.statusCode < 500) {
    const code: RetainErrorCode = fe.statusCode === 413 ? "PAYLOAD_TOO_LARGE" : fe.statusCode === 404 ? "NOT_FOUND" : fe.statusCode === 429 ? "RATE_LIMITED" : "BAD_INPUT";
    return { status: fe.statusCode === 415 || fe.statusCode === 406 ? 400 : HTTP_STATUS[code], body: { code, message: fe.message, requestId } };
  }
  const store = storeError(fe);
  if (store) return { status: HTTP_STATUS[store.code], body: { ...store, requestId } };
  return { status: 500, body: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged. Try again, and report the request id if it persists.", requestId } };
}

export function sendError(err: unknown, req: FastifyRequest, reply: FastifyReply) {
  const { status, body } = toErrorBody(err, req);
  if (status >= 500) req.log.error({ err }, "request failed");
  return reply.status(status).type("application/json").send(body);
}
