/**
 * The one way the app talks to the server: JSON over fetch with the session cookie, the
 * CSRF header on every mutating request, and errors turned into `ApiError`.
 */
import { ApiError, type ApiErrorCode } from "./errors";

export { ApiError };
export type { ApiErrorCode };

export type QueryValue = string | number | boolean | null | undefined | readonly (string | number)[];
export type Query = Record<string, QueryValue>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PATCH" | "PUT" | "DELETE";
  query?: Query;
  /** A plain object is sent as JSON; FormData as multipart. */
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Sign-in and the session probe answer 401 themselves instead of leaving the page. */
  redirectOn401?: boolean;
}

// Kept in memory only: a script injected into the page cannot read it from storage.
let csrfToken: string | null = null;
let onUnauthenticated: () => void = () => {
  const next = encodeURIComponent(window.location.pathname + window.location.search);
  window.location.assign(`/login?next=${next}`);
};

export const setCsrfToken = (token: string | null): void => {
  csrfToken = token;
};

/** Replaces what happens when a request finds the session gone (the app routes to sign-in). */
export const setUnauthenticatedHandler = (handler: () => void): void => {
  onUnauthenticated = handler;
};

/** `a=1&state=x,y`: empty values are left out; lists are joined by commas as the API reads them. */
export function toQueryString(query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(","));
    } else {
      params.set(key, String(value));
    }
  }
  const s = params.toString();
  return s ? `?${s}` : "";
}

/** A URL for a plain link (downloads, exports): the cookie signs it in, no header needed. */
export const apiUrl = (path: string, query?: Query): string => `${path}${toQueryString(query)}`;

export async function apiRequest<T>(path: string, opts: RequestOptions = {}): Promise<T> {
  const method = opts.method ?? "GET";
  const headers: Record<string, string> = { Accept: "application/json", ...opts.headers };
  let body: BodyInit | undefined;
  if (opts.body instanceof FormData) {
    body = opts.body;
  } else if (opts.body !== undefined) {
    headers["Content-Type"] = "application/json";
    body = JSON.stringify(opts.body);
  }
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;

  let res: Response;
  try {
    res = await fetch(apiUrl(path, opts.query), { method, headers, body, credentials: "same-origin", signal: opts.signal });
  } catch (e) {
    if (e instanceof DOMException && e.name === "AbortError") throw e;
    throw new ApiError(0, "NETWORK", e instanceof Error ? e.message : String(e));
  }
  if (!res.ok) {
    const error = await ApiError.fromResponse(res);
    if (res.status === 401 && opts.redirectOn401 !== false) onUnauthenticated();
    throw error;
  }
  if (res.status === 204) return undefined as T;
  const type = res.headers.get("Content-Type") ?? "";
  return (type.includes("json") ? await res.json() : await res.text()) as T;
}

export const api = {
  get: <T>(path: string, query?: Query, signal?: AbortSignal) => apiRequest<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) => apiRequest<T>(path, { method: "POST", body, headers }),
  patch: <T>(path: string, body?: unknown, headers?: Record<string, string>) => apiRequest<T>(path, { method: "PATCH", body, headers }),
  delete: <T = void>(path: string) => apiRequest<T>(path, { method: "DELETE" }),
};

/** Some lists come bare (`[…]`), others wrapped (`{items}`): callers get the array either way. */
export const itemsOf = <T>(data: T[] | { items: T[] }): T[] => (Array.isArray(data) ? data : data.items);

/** A page of a cursor-paged list. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}
