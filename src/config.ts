import path from "node:path";
import { RetainError } from "./errors.ts";

/** Where the store lives: a PGlite data folder, or a PostgreSQL server. */
export type StoreConfig =
  | { readonly kind: "pglite"; readonly dataDir: string }
  | { readonly kind: "postgres"; readonly url: string };

export interface Config {
  readonly store: StoreConfig;
}

/**
 * Reads the configuration once. `DATABASE_URL` selects a PostgreSQL server; otherwise the
 * embedded store lives in `--data DIR`, `RETAIN_DATA`, or `./.retain`.
 */
export function loadConfig(opts: { data?: string; env?: NodeJS.ProcessEnv } = {}): Config {
  const env = opts.env ?? process.env;
  const url = env.DATABASE_URL?.trim();
  if (url && !opts.data) {
    if (!/^postgres(ql)?:\/\//.test(url)) {
      throw new RetainError("BAD_CONFIG", `DATABASE_URL must start with postgres:// (got "${url.slice(0, 20)}…").`, {
        field: "DATABASE_URL",
        hint: "Unset DATABASE_URL to use the embedded store, or give a postgres:// URL.",
      });
    }
    return Object.freeze({ store: Object.freeze({ kind: "postgres", url }) });
  }
  const dataDir = path.resolve(opts.data ?? env.RETAIN_DATA ?? ".retain");
  return Object.freeze({ store: Object.freeze({ kind: "pglite", dataDir }) });
}
