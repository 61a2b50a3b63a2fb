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
  // Built into a private folder and moved, so two commands starting at once never see half a
  // file; the reader's worker first, since the CLI looks for it beside itself.
  const tmp = path.join(root, "dist", `.build-${process.pid}`);
  await build({
    entryPoints: { retain: path.join(root, "src", "cli", "main.ts"), "read-worker": path.join(root, "src", "ingest", "read-worker.ts") },
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    // What only `serve` needs (the server and its plugins) goes in a chunk of its own, loaded
    // when a command serves: other commands start without it.
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    // Packages load from node_modules, except kysely: bundled, its few hundred files load in
    // a twentieth of the time (0.2 s less at every start), and no other package imports it.
    plugins: [{
      name: "external-packages",
      setup(b) {
        b.onResolve({ filter: /^[^./]/ }, (a) => (a.path === "kysely" || a.path.startsWith("kysely/") ? undefined : { path: a.path, external: true }));
      },
    }],
    sourcemap: "inline",
    logLevel: "error",
  });
  // Chunks first (named by their content, so a build racing this one writes the same files),
  // then the worker, then the entry the CLI runs.
  fs.mkdirSync(path.join(root, "dist", "chunks"), { recursive: true });
  for (const name of fs.readdirSync(path.join(tmp, "chunks"))) fs.renameSync(path.join(tmp, "chunks", name), path.join(root, "dist", "chunks", name));
  fs.renameSync(path.join(tmp, "read-worker.mjs"), path.join(root, "dist", "read-worker.mjs"));
  fs.renameSync(path.join(tmp, "retain.mjs"), out);
  fs.rmSync(tmp, { recursive: true, force: true });
}
await import(pathToFileURL(out).href);
