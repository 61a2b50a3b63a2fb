#!/usr/bin/env node
// `npm test`: typecheck, then every test on the embedded store (PGlite) and, when the
// PostgreSQL binaries are here, on a throwaway PostgreSQL server as well. CI requires the
// server (RETAIN_TEST_REQUIRE_PG=1); a developer without one gets a clear note.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { buildWebIfStale } from "./build-web.js";
import { findPgBin, startThrowawayPostgres } from "./pg-throwaway.js";

const args = process.argv.slice(2);
const run = (cmd, argv, env = process.env) => spawnSync(cmd, argv, { stdio: "inherit", env }).status ?? 1;

console.log("> typecheck");
if (run("npx", ["tsc", "--noEmit"]) !== 0) process.exit(1);
if (run("npx", ["tsc", "--noEmit", "-p", "web"]) !== 0) process.exit(1);
console.log("> lint (layering)");
if (run("npx", ["eslint", "."]) !== 0) process.exit(1);

// The browser tests drive the built web app.
if (!buildWebIfStale()) process.exit(1);

const env = { ...process.env };
let pg = null;
if (findPgBin()) {
  pg = await startThrowawayPostgres();
  env.RETAIN_TEST_PG_URL = pg.url;
  console.log(`> PostgreSQL for the store tests: ${pg.url}`);
} else if (process.env.RETAIN_TEST_REQUIRE_PG === "1") {
  console.error("PostgreSQL binaries not found and RETAIN_TEST_REQUIRE_PG=1: install them (apt-get install -y postgresql).");
  process.exit(1);
} else {
  console.warn("! PostgreSQL binaries not found: store tests run on PGlite only (apt-get install -y postgresql to run both).");
}

fs.mkdirSync("test-results", { recursive: true });
const status = run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile.json=test-results/vitest.json", ...args], env);
pg?.stop();

try {
  const r = JSON.parse(fs.readFileSync("test-results/vitest.json", "utf8"));
  const skipped = (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0);
  console.log(`\n${r.numPassedTests} passed, ${r.numFailedTests} failed${skipped ? `, ${skipped} skipped` : ""}`);
  if (r.numTotalTests === 0) process.exit(1);
  if (status !== 0 && r.numFailedTests === 0) console.log("vitest reported errors outside the tests (unhandled errors, see above): the run fails.");
} catch {
  console.log("\n0 passed, 1 failed (the test run wrote no results)");
  process.exit(1);
}
process.exit(status);
