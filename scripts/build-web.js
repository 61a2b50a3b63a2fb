#!/usr/bin/env node
// Builds the web app (web/ → dist/web) when its sources are newer than the build, so that
// `npm run demo` and `npm test` always serve the current app and rebuild only when needed.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");

const newest = (dir) => fs.readdirSync(dir, { withFileTypes: true }).reduce((m, e) => {
  const p = path.join(dir, e.name);
  return Math.max(m, e.isDirectory() ? newest(p) : fs.statSync(p).mtimeMs);
}, 0);

/** Returns false when the build failed (vite has printed why). */
export function buildWebIfStale() {
  const index = path.join(root, "dist", "web", "index.html");
  const builtAt = fs.existsSync(index) ? fs.statSync(index).mtimeMs : 0;
  if (builtAt >= newest(path.join(root, "web"))) return true;
  console.log("> build the web app (dist/web)");
  const r = spawnSync("npx", ["vite", "build", "--config", "web/vite.config.ts", "--logLevel", "warn"], { cwd: root, stdio: "inherit" });
  return r.status === 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  process.exit(buildWebIfStale() ? 0 : 1);
}
