import "@fastify/cookie";
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Actor } from "../audit/audit.repository.ts";
import { resolveSession, type Principal } from "../accounts/sessions.repository.ts";
import { resolveToken } from "../accounts/tokens.repository.ts";
import { RetainError } from "../errors.ts";
import { requirePermission, type Permission } from "./permissions.ts";
import { SlidingWindow } from "./rate-limit.ts";

export const SESSION_COOKIE = "retain_session";
export const CSRF_HEADER = "x-csrf-token";

declare module "fastify" {
  interface FastifyContextConfig {
    /** What the route needs; every /api route names one ("public" for none). */
    permission?: Permission | "public";
  }
  interface FastifyRequest {
    principal: Principal | null;
  }
}

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** The signed-in principal of a request; throws UNAUTHENTICATED for anonymous ones. */
export function principalOf(req: FastifyRequest): Principal {
  if (!req.principal) throw new RetainError("UNAUTHENTICATED", "Sign in first.");
  return req.principal;
}

/** The audit log's actor for a request. */
export function actorOf(req: FastifyRequest): Actor {
  const p = principalOf(req);
  return { userId: p.userId, label: p.email, ip: req.ip, requestId: String(req.id) };
}

/**
 * Resolves the session cookie or bearer token of every API request, checks the CSRF token
 * of cookie-authenticated changes, and enforces the route's permission. A route without a
 * declared permission is refused: forgetting one fails closed.
 */
export function registerAuth(app: FastifyInstance): void {
  app.decorateRequest("principal", null);
  app.addHook("onRequest", async (req) => {
    // Unknown routes fall through to the not-found handler; the API reference is public.
    if (!req.url.startsWith("/api/") || req.routeOptions.url === undefined || req.routeOptions.url.startsWith("/api/docs")) return;
    const permission = req.routeOptions.config?.permission;
    const header = req.headers.authorization;
    if (header) {
      const m = /^Bearer\s+(\S+)$/i.exec(header);
      req.principal = m ? await resolveToken(app.db, m[1]!) : null;
      if (!req.principal && permission !== "public") {
        throw new RetainError("UNAUTHENTICATED", "The API token is unknown, revoked or expired.", { hint: "Create a new token under Account → API tokens." });
      }
    } else {
      const sid = req.cookies[SESSION_COOKIE];
      req.principal = sid ? await resolveSession(app.db, sid) : null;
      if (req.principal && UNSAFE.has(req.method) && permission !== "public") {
        if (req.headers[CSRF_HEADER] !== req.principal.csrfToken) {
          throw new RetainError("FORBIDDEN", "This change lacks the CSRF token of your session.", { field: CSRF_HEADER, hint: "Reload the page and try again." });
        }
      }
    }
    if (permission === "public") return;
    if (!permission) throw new RetainError("FORBIDDEN", "This route declares no permission.");
    if (!req.principal) throw new RetainError("UNAUTHENTICATED", "Sign in first.", { hint: "POST /api/auth/login, or send an API token." });
    requirePermission(req.principal, permission);
  });
}

/** Failed sign-ins per key (e-mail and address) in a sliding window; five then a pause. */
export class LoginLimiter {
  readonly #failures: SlidingWindow;
  constructor(readonly max = 5, readonly windowMs = 15 * 60_000, readonly now: () => number = Date.now) {
    this.#failures = new SlidingWindow(max, windowMs, now);
  }

  /** Throws RATE_LIMITED while a key has had `max` failures within the window. */
  check(keys: string[]): void {
    for (const key of keys) {
      const waitMs = this.#failures.waitMs(key);
      if (waitMs > 0) {
        const wait = Math.ceil(waitMs / 60_000);
        throw new RetainError("RATE_LIMITED", `Too many failed sign-ins. Try again in ${wait} minute${wait === 1 ? "" : "s"}.`);
      }
    }
  }

  fail(keys: string[]): void {
    for (const key of keys) this.#failures.hit(key);
  }

  succeed(keys: string[]): void {
    for (const key of keys) this.#failures.clear(key);
  }
}
