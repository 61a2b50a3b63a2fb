/**
 * PostgreSQL on a data folder kept between benchmark runs (bench/out/…), started with the
 * throwaway test server's settings (fsync off) and stopped when the process exits.
 */
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { findPgBin } from "../scripts/pg-throwaway.js";


async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.on("error", reject);
    srv.listen(0, "127.0.0.1", () => {
      const { port } = srv.address() as net.AddressInfo;
      srv.close(() => resolve(port));
    });
  });
}

/** Starts PostgreSQL on `dir` (initdb first when empty) with the throwaway server's settings. */
export async function startPostgres(dir: string): Promise<{ url: string; stop: () => void }> {
  const bin = findPgBin();
  if (!bin) throw new Error("PostgreSQL's binaries (initdb, pg_ctl) were not found: apt-get install -y postgresql");
  const asRoot = process.getuid?.() === 0;
  const data = path.join(dir, "data");
  const run = (cmd: string, args: string[], check = true) => {
    const full = path.join(bin, cmd);
    const res = asRoot ? spawnSync("runuser", ["-u", "postgres", "--", full, ...args], { encoding: "utf8" }) : spawnSync(full, args, { encoding: "utf8" });
    if (check && res.status !== 0) throw new Error(`${cmd} failed: ${res.stderr || res.stdout}`);
    return res;
  };
  if (!fs.existsSync(path.join(data, "PG_VERSION"))) {
    fs.rmSync(dir, { recursive: true, force: true });
    fs.mkdirSync(dir, { recursive: true });
    if (asRoot) spawnSync("chown", ["-R", "postgres", dir]);
    run("initdb", ["-D", data, "-A", "trust", "-U", "retain", "-E", "UTF8", "--locale=C", "--no-sync"]);
  }
  // A server left running by an interrupted run of this benchmark is stopped first.
  if (run("pg_ctl", ["-D", data, "status"], false).status === 0) run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"]);
  const port = await freePort();
  const opts = [
    `-p ${port}`, `-k ${dir}`, "-c listen_addresses=127.0.0.1", "-c fsync=off", "-c synchronous_commit=off",
    "-c full_page_writes=off", "-c max_connections=200", "-c shared_buffers=256MB", "-c max_wal_size=4GB",
  ].join(" ");
  run("pg_ctl", ["-D", data, "-o", opts, "-l", path.join(dir, "server.log"), "-w", "-t", "300", "start"]);
  let stopped = false;
  const stop = () => {
    if (stopped) return;
    stopped = true;
    run("pg_ctl", ["-D", data, "-m", "fast", "-w", "stop"], false);
  };
  process.once("exit", stop);
  return { url: `postgres://retain@127.0.0.1:${port}/postgres`, stop };
}

