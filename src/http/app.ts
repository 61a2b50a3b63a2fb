import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyMultipart from "@fastify/multipart";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import fastifySwaggerUi from "@fastify/swagger-ui";
import Fastify, { type FastifyInstance } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { Kysely } from "kysely";
import type { Database } from "../store/schema.ts";
import { LoginLimiter, registerAuth } from "./auth.ts";
import { sendError } from "./errors.ts";
import { ImportJobs } from "./import-jobs.ts";
import { ModelJobs } from "./model-jobs.ts";
import { registerRoutes } from "./routes/index.ts";

declare module "fastify" {
  interface FastifyInstance {
    db: Kysely<Database>;
    loginLimiter: LoginLimiter;
    importJobs: ImportJobs;
    modelJobs: ModelJobs;
    /** Every API route with the permission it declares (for the route × role test and docs). */
    apiRoutes: Array<{ method: string; url: string; permission: string | undefined }>;
  }
}

export interface AppOptions {
  db: Kysely<Database>;
  /** pino logging: false in tests, true (info) for `retain serve`. */
  logger?: boolean | { level: string };
  /** The built web app (index.html and assets); default dist/web of the package, if built. */
  webRoot?: string | null;
  /** Where uploads wait between preview and import; default a folder in the OS temp dir. */
  uploadsDir?: string;
  /** Secure cookies (HTTPS only); on when serving behind TLS. */
  secureCookies?: boolean;
  loginLimiter?: LoginLimiter;
}

/** The package root: the folder holding package.json above this file (src/http or dist). */
export function packageRoot(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  while (!fs.existsSync(path.join(dir, "package.json")) && path.dirname(dir) !== dir) dir = path.dirname(dir);
  return dir;
}

export const MAX_UPLOAD_BYTES = 512 * 1024 * 1024;

/** Builds the server: the API under /api, its OpenAPI document and reference, and the web app. */
export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const app = Fastify({
    logger: opts.logger ?? false,
    bodyLimit: 2 * 1024 * 1024,
    trustProxy: false,
    genReqId: () => crypto.randomUUID(),
    // Ids in URLs are numbers: a huge or odd path segment must reach validation, not crash.
    routerOptions: { maxParamLength: 500 },
  });
  app.decorate("db", opts.db);
  app.decorate("loginLimiter", opts.loginLimiter ?? new LoginLimiter());
  app.decorate("importJobs", new ImportJobs(opts.db, opts.uploadsDir));
  app.decorate("modelJobs", new ModelJobs(opts.db));
  app.decorate("apiRoutes", []);
  app.addHook("onRoute", (r) => {
    if (!r.url.startsWith("/api/") || r.url.startsWith("/api/docs")) return;
    for (const method of [r.method].flat()) {
      if (method !== "HEAD") app.apiRoutes.push({ method, url: r.url, permission: (r.config as { permission?: string } | undefined)?.permission });
    }
  });
  app.addHook("onClose", async () => {
    await app.modelJobs.idle();
    await app.importJobs.close();
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler((err, req, reply) => sendError(err, req, reply));
  app.setNotFoundHandler((req, reply) => {
    if (req.url.startsWith("/api/") || !webIndex) {
      return sendError(Object.assign(new Error(`No route ${req.method} ${req.url.split("?")[0]}.`), { statusCode: 404 }), req, reply);
    }
    // The web app routes in the browser: any other GET gets its page.
    return reply.type("text/html").header("cache-control", "no-cache").send(webIndex);
  });

  await app.register(fastifyCookie);
  await app.register(fastifyMultipart, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 20 } });
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.1.0",
      info: { title: "retain", version: "0.1.0", description: "The retain CRM API. Conventions: docs/http-api.md." },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "retain_session" },
          token: { type: "http", scheme: "bearer" },
        },
      },
      security: [{ session: [] }, { token: [] }],
    },
    transform: jsonSchemaTransform,
  });
  await app.register(fastifySwaggerUi, { routePrefix: "/api/docs", uiConfig: { docExpansion: "list", deepLinking: true } });
  app.get("/api/openapi.json", { config: { permission: "public" }, schema: { hide: true } }, async () => app.swagger());

  app.addHook("onSend", async (_req, reply, payload) => {
    reply.header("x-content-type-options", "nosniff");
    reply.header("referrer-policy", "same-origin");
    if (!reply.getHeader("content-security-policy") && String(reply.getHeader("content-type") ?? "").startsWith("text/html")) {
      reply.header("content-security-policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self' 'unsafe-inline'; frame-ancestors 'none'");
    }
    return payload;
  });

  registerAuth(app);
  await app.register(registerRoutes, { prefix: "/api", secureCookies: opts.secureCookies ?? false });

  const webRoot = opts.webRoot === undefined ? path.join(packageRoot(), "dist", "web") : opts.webRoot;
  const indexFile = webRoot ? path.join(webRoot, "index.html") : null;
  const webIndex = indexFile && fs.existsSync(indexFile) ? fs.readFileSync(indexFile) : null;
  if (webRoot && webIndex) {
    await app.register(fastifyStatic, { root: webRoot, prefix: "/", wildcard: false, index: false, maxAge: "1h" });
    app.get("/", { schema: { hide: true } }, async (_req, reply) => reply.type("text/html").header("cache-control", "no-cache").send(webIndex));
  }
  return app;
}
