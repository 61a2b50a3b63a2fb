import { spawn, spawnSync } from "node:child_process";
import path from "node:path";

export const RETAIN = path.resolve(import.meta.dirname, "../../bin/retain.js");

/** Runs `retain …` to completion. */
export function retain(args: string[], env: NodeJS.ProcessEnv = {}) {
  const res = spawnSync(process.execPath, [RETAIN, ...args], {
    encoding: "utf8",
    env: { ...process.env, DATABASE_URL: "", ...env },
    timeout: 300_000,
  });
  return { status: res.status, stdout: res.stdout, stderr: res.stderr };
}

/** Starts `retain …` and kills it (SIGKILL) as soon as its stderr matches `when`. */
export function retainKilledWhen(args: string[], when: RegExp, env: NodeJS.ProcessEnv = {}) {
  return new Promise<{ killed: boolean; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [RETAIN, ...args], { env: { ...process.env, DATABASE_URL: "", ...env } });
    let stderr = "";
    let killed = false;
    child.stderr.on("data", (d: Buffer) => {
      stderr += d.toString();
      if (!killed && when.test(stderr)) {
        killed = true;
        child.kill("SIGKILL");
      }
    });
    child.on("error", reject);
    child.on("exit", () => resolve({ killed, stderr }));
  });
}
