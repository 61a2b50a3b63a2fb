/**
 * The API server for the customer-list benchmark, in a process of its own so the load
 * generator does not share its event loop: opens the store at DATABASE_URL (already
 * migrated and loaded by the benchmark), listens on a free loopback port, prints
 * `{"port": N}` on one line, and closes on SIGTERM or when stdin ends.
 *
 *   DATABASE_URL=postgres://… node --import tsx bench/customer-list.server.ts
 */
import { buildApp } from "../src/http/app.ts";
import { openStore } from "../src/store/connect.ts";

const url = process.env.DATABASE_URL;
if (!url) {
  console.error("DATABASE_URL is required.");
  process.exit(2);
}
const store = await openStore({ kind: "postgres", url }, { migrate: false });
const app = await buildApp({ db: store.db, webRoot: null });
await app.listen({ port: 0, host: "127.0.0.1" });
const address = app.server.address();
process.stdout.write(`${JSON.stringify({ port: typeof address === "object" && address ? address.port : null })}\n`);

let closing = false;
async function close() {
  if (closing) return;
  closing = true;
  await app.close();
  await store.close();
  process.exit(0);
}
process.on("SIGTERM", () => void close());
process.stdin.on("end", () => void close());
process.stdin.resume();
