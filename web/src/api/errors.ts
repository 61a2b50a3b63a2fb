/** The error codes of docs/http-api.md, plus NETWORK when the server could not be reached. */
export type ApiErrorCode =
  | "BAD_INPUT"
  | "UNAUTHENTICATED"
  | "FORBIDDEN"
  | "NOT_FOUND"
  | "CONFLICT"
  | "PAYLOAD_TOO_LARGE"
  | "BAD_FILE"
  | "RATE_LIMITED"
  | "STORE_UNAVAILABLE"
  | "INTERNAL"
  | "NETWORK";

const CODES: readonly ApiErrorCode[] = [
  "BAD_INPUT", "UNAUTHENTICATED", "FORBIDDEN", "NOT_FOUND", "CONFLICT", "PAYLOAD_TOO_LARGE",
  "BAD_FILE", "RATE_LIMITED", "STORE_UNAVAILABLE", "INTERNAL", "NETWORK",
];

const BY_STATUS: Record<number, ApiErrorCode> = {
  400: "BAD_INPUT", 401: "UNAUTHENTICATED", 403: "FORBIDDEN", 404: "NOT_FOUND", 409: "CONFLICT",
  413: "PAYLOAD_TOO_LARGE", 422: "BAD_FILE", 429: "RATE_LIMITED", 503: "STORE_UNAVAILABLE",
};

interface ErrorBody {
  code?: unknown;
  message?: unknown;
  field?: unknown;
  hint?: unknown;
  requestId?: unknown;
}

const str = (v: unknown): string | undefined => (typeof v === "string" && v !== "" ? v : undefined);

/** An answer other than 2xx, with the server's own words. */
export class ApiError extends Error {
  override readonly name = "ApiError";

  constructor(
    readonly status: number,
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly hint?: string,
    readonly requestId?: string,
  ) {
    super(message);
  }

  static async fromResponse(res: Response): Promise<ApiError> {
    let body: ErrorBody = {};
    try {
      body = (await res.json()) as ErrorBody;
    } catch {
      // A proxy or a crash can answer with HTML: the status alone still says what happened.
    }
    const code = CODES.find((c) => c === body.code) ?? BY_STATUS[res.status] ?? "INTERNAL";
    return new ApiError(res.status, code, str(body.message) ?? res.statusText, str(body.field), str(body.hint), str(body.requestId));
  }
}

export const isApiError = (e: unknown): e is ApiError => e instanceof ApiError;
