import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from "fastify";
import { addUser } from "../../src/accounts/accounts.service.ts";
import type { Role } from "../../src/accounts/users.repository.ts";
import { SYSTEM_ACTOR } from "../../src/audit/audit.repository.ts";
import { buildApp } from "../../src/http/app.ts";
import { LoginLimiter } from "../../src/http/auth.ts";
import type { Store } from "../../src/store/connect.ts";
import { freshStore } from "./stores.ts";

export const PASSWORD = "correct horse battery";

/** A signed-in client: injects requests with the session cookie and CSRF token. */
export interface Client {
  userId: number;
  role: Role;
  request(opts: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown, headers?: Record<string, string>): Promise<LightMyRequestResponse>;
  del(url: string): Promise<LightMyRequestResponse>;
}

export interface TestApp {
  store: Store;
  app: FastifyInstance;
  /** One signed-in client per role; agents "agent" (team A) and "agent2" (team B). */
  as: Record<Role | "agent2", Client>;
  close(): Promise<void>;
}

/** Signs in through the API, as the browser does, and returns a client for that session. */
export async function signIn(app: FastifyInstance, email: string, password = PASSWORD): Promise<Client> {
  const res = await app.inject({ method: "POST", url: "/api/auth/login", payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`sign-in of ${email} failed: ${res.statusCode} ${res.body}`);
  const { user, csrfToken } = res.json() as { user: { id: number; role: Role }; csrfToken: string };
  const cookie = res.cookies.find((c) => c.name === "retain_session")!;
  const request = (opts: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({ ...opts, headers: { cookie: `retain_session=${cookie.value}`, "x-csrf-token": csrfToken, ...(opts.headers ?? {}) } });
  return {
    userId: user.id,
    role: user.role,
    request,
    get: (url) => request({ method: "GET", url }),
    post: (url, payload) => request({ method: "POST", url, payload: payload as InjectOptions["payload"] }),
    patch: (url, payload, headers) => request({ method: "PATCH", url, payload: payload as InjectOptions["payload"], headers }),
    del: (url) => request({ method: "DELETE", url }),
  };
}

/** A fresh store with one user per role, the app on it, and a signed-in client for each. */
export async function testApp(kind: "pglite" | "postgres"): Promise<TestApp> {
  const store = await freshStore(kind);
  const app = await buildApp({ db: store.db, webRoot: null, loginLimiter: new LoginLimiter(1000) });
  const users: Array<[Role | "agent2", string | null]> = [["admin", null], ["manager", null], ["agent", "Team A"], ["agent2", "Team B"], ["analyst", null]];
  const as = {} as Record<Role | "agent2", Client>;
  for (const [key, team] of users) {
    const role: Role = key === "agent2" ? "agent" : key;
    await addUser(store.db, { email: `${key}@example.com`, name: `The ${key}`, role, team, password: PASSWORD }, SYSTEM_ACTOR);
    as[key] = await signIn(app, `${key}@example.com`);
  }
  return {
    store, app, as,
    async close() {
      await app.close();
      await store.close();
    },
  };
}
