import fs from "node:fs";
import path from "node:path";
import { Command } from "commander";
import { activeAdminCount } from "../../accounts/users.repository.ts";
import { SYSTEM_ACTOR } from "../../audit/audit.repository.ts";
import type { Store } from "../../store/connect.ts";
import { createDispatcher } from "../../webhooks/dispatcher.ts";
import { AT } from "../../http/nightly.ts";
import { startBackground } from "../../jobs/background.ts";
import { senderFromEnv } from "../../messages/senders.ts";
import { MEMORY } from "../../store/connect.ts";
import { RetainError } from "../../errors.ts";
import { withStore } from "../context.ts";
import { positiveInt } from "./customers.ts";

export interface ServeOptions {
  port: number;
  host: string;
  /** Mark the session cookie Secure: when the app is reached over HTTPS (behind a TLS proxy). */
  secureCookies?: boolean;
  /** HH:MM in the business's time zone: run the prediction models every day then. */
  scoreAt?: string;
}

/**
 * Serves the API and the web app until SIGINT/SIGTERM, with the webhook dispatcher running
 * beside it. Resolves when the server has stopped.
 */
export async function serve(store: Store, o: ServeOptions, say: (line: string) => void): Promise<void> {
  if (o.scoreAt !== undefined && !AT.test(o.scoreAt)) throw new RetainError("BAD_INPUT", `--score-at must be a time like 02:30 (got "${o.scoreAt}").`, { field: "scoreAt" });
  // The server's modules (Fastify and its plugins) load only for a command that serves.
  const { buildApp, packageRoot } = await import("../../http/app.ts");
  const webRoot = path.join(packageRoot(), "dist", "web");
  if (!fs.existsSync(path.join(webRoot, "index.html"))) say("The web app is not built (npm run build:web); serving the API only.");
  const app = await buildApp({ db: store.db, logger: { level: process.env.RETAIN_LOG_LEVEL ?? "warn" }, webRoot, secureCookies: o.secureCookies ?? false });
  const dispatcher = createDispatcher(store.db, { log: app.log });
  await app.listen({ port: o.port, host: o.host });
  dispatcher.start();
  const shown = o.host === "0.0.0.0" || o.host === "::" ? "127.0.0.1" : o.host.includes(":") ? `[${o.host}]` : o.host;
  const mail = senderFromEnv(process.env, store.kind === "pglite" && store.location !== MEMORY ? store.location : null);
  say(mail.description);
  const background = startBackground(store.db, {
    sender: mail.sender, scoreAt: o.scoreAt,
    ctx: {
      log: say, baseUrl: `http://${shown}:${o.port}`,
      startModelRun: () => {
        const { job, started } = app.modelJobs.start({}, { ...SYSTEM_ACTOR, label: "nightly" });
        return { started, jobId: job.jobId };
      },
    },
  });
  if (o.scoreAt) say(`The prediction models run every day at ${o.scoreAt} (the business's time zone).`);
  say(`retain is serving http://${shown}:${o.port}/  (API reference: /api/docs; stop with Ctrl+C)`);
  if ((await activeAdminCount(store.db)) === 0) say("No admin can sign in yet: create one with  npx retain user add --email you@example.com --name You --role admin");
  await new Promise<void>((resolve) => {
    const stop = () => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      void background.stop().then(() => dispatcher.stop()).then(() => app.close()).then(() => { mail.sender.close(); resolve(); });
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}

export const serveOptions = (c: Command): Command =>
  c.option("--port <n>", "port to listen on", (v) => positiveInt(v), Number(process.env.RETAIN_PORT ?? 4380))
    .option("--host <addr>", "address to listen on (0.0.0.0 for every interface)", process.env.RETAIN_HOST ?? "127.0.0.1")
    .option("--secure-cookies", "send the session cookie only over HTTPS (set when a TLS proxy is in front)", process.env.RETAIN_SECURE_COOKIES === "1")
    .option("--score-at <HH:MM>", "run the prediction models every day at this time, in the business's time zone (docs/prediction.md)", process.env.RETAIN_SCORE_AT);

export function serveCommand(): Command {
  return serveOptions(new Command("serve").description("Serve the web app and the HTTP API (OpenAPI at /api/openapi.json)"))
    .action(async (o: ServeOptions, c: Command) => withStore(c, (store) => serve(store, o, (l) => process.stdout.write(`${l}\n`))));
}
