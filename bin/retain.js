#!/usr/bin/env node
// The `retain` command. The TypeScript sources are bundled by esbuild into dist/ the first
// time they are newer than the bundle (about a tenth of a second), so every run after that
// starts as plain JavaScript.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
const out = path.join(root, "dist", "retain.mjs");

function newestSource(dir) {
  let newest = 0;
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(p));
    else if (entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts")) newest = Math.max(newest, fs.statSync(p).mtimeMs);
  }
  return newest;
}

const builtAt = fs.existsSync(out) ? fs.statSync(out).mtimeMs : 0;
if (builtAt < newestSource(path.join(root, "src"))) {
  const { build } = await import("esbuild");
  // Built to a private name and renamed, so two commands starting at once never see half a file.
  const tmp = `${out}.${process.pid}.tmp`;
  await build({
    entryPoints: [path.join(root, "src", "cli", "main.ts")],
    outfile: tmp,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    sourcemap: "inline",
    logLevel: "error",
  });
  fs.renameSync(tmp, out);
}
await import(pathToFileURL(out).href);
