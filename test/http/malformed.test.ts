import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STORE_KINDS } from "../support/stores.ts";
import { testApp, type TestApp } from "../support/app.ts";

/**
 * Bad input is the caller's fault and gets a 4xx with a message, never a 500: malformed ids,
 * query strings and bodies are sent to every route, signed in (so they reach validation and
 * the handlers) and anonymous.
 */
const NASTY = [
  "0", "-1", "1.5", "1e400", "9".repeat(40), "NaN", "Infinity", "%00", "%ZZ", "%", "..%2F..%2Fetc%2Fpasswd", "' or 1=1 --", "<img src=x onerror=alert(1)>",
  "😀", "null", "true", "[]", "{}", "x".repeat(5000), " ", "2026-02-31", "00000000-0000-0000-0000-000000000000", "\u0000", "eyJrIjoxfQ",
];
const QUERY_KEYS = ["q", "state", "kind", "tag", "ownerId", "lastPurchaseFrom", "lastPurchaseTo", "minSales", "maxSales", "sort", "order", "limit", "cursor",
  "format", "page", "from", "to", "userId", "customerId", "entityType", "action", "beforeId",
  "asOf", "months", "period", "lostCustomers", "ordersPerMonth", "orderValue", "marginRate", "fxRate", "churnRate", "reduction", "discountRate"];

const segment = fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 30 }).map(encodeURIComponent), fc.integer().map(String));
const query = fc.array(fc.tuple(fc.constantFrom(...QUERY_KEYS, "junk"), fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }))), { maxLength: 5 })
  .map((pairs) => pairs.map(([k, v]) => `${k}=${v.startsWith("%") ? v : encodeURIComponent(v)}`).join("&"));
const body = fc.oneof(
  fc.record({ kind: fc.constant("json" as const), value: fc.jsonValue({ maxDepth: 3 }) }),
  fc.record({ kind: fc.constant("json" as const), value: fc.dictionary(fc.constantFrom("email", "password", "name", "externalId", "version", "ids", "state", "tags", "profile", "month", "day", "url", "events", "uploadId", "confirm", "mergedId", "ownerId", "query", "page", "kind", "map", "occurredAt", "channel"), fc.oneof(fc.constantFrom(...NASTY), fc.jsonValue({ maxDepth: 2 }))) }),
  fc.record({ kind: fc.constant("raw" as const), value: fc.oneof(fc.constantFrom("{", "{\"a\":", "\u0000", "[1,2", "nul"), fc.string({ maxLength: 50 })) }),
);

describe.each(STORE_KINDS)("malformed input never makes a 5xx (%s)", (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await testApp(kind);
    await t.as.admin.post("/api/customers", { externalId: "C1", name: "Someone" });
  });
  afterAll(async () => t?.close());

  it("holds for every route, signed in and anonymous", async () => {
    const routes = t.app.apiRoutes.filter((r) => r.url !== "/api/auth/logout" && r.url !== "/api/auth/password");
    expect(routes.length).toBeGreaterThan(40);
    const seen = new Map<number, number>();
    for (const route of routes) {
      await fc.assert(
        fc.asyncProperty(fc.array(segment, { minLength: 3, maxLength: 3 }), query, body, fc.boolean(), async (segs, qs, b, anonymous) => {
          let i = 0;
          const url = route.url.replace(/:[A-Za-z]+/g, () => segs[i++ % segs.length]!) + (qs ? `?${qs}` : "");
          const payload = b.kind === "json" ? JSON.stringify(b.value) : b.value;
          const opts = { method: route.method as "GET", url, payload: route.method === "GET" ? undefined : payload, headers: { "content-type": "application/json" } };
          const res = anonymous ? await t.app.inject(opts) : await t.as.admin.request(opts);
          seen.set(res.statusCode, (seen.get(res.statusCode) ?? 0) + 1);
          if (res.statusCode >= 500) throw new Error(`${route.method} ${url} with ${payload.slice(0, 200)} → ${res.statusCode} ${res.body.slice(0, 300)}`);
          if (res.statusCode >= 400) {
            const err = res.json() as { code?: string; message?: string };
            if (!err.code || !err.message) throw new Error(`${route.method} ${url} → ${res.statusCode} without code and message: ${res.body.slice(0, 200)}`);
          }
        }),
        { numRuns: 25, seed: 20261122 },
      );
    }
    // The inputs reach validation (400), the handlers (404 …) and the sign-in check (401).
    for (const status of [400, 401, 404]) expect(seen.get(status) ?? 0, JSON.stringify([...seen])).toBeGreaterThan(10);
  });
});
