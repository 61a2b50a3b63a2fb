import type { Command } from "commander";
import { loadConfig } from "../config.ts";
import { openStore, type Store } from "../store/connect.ts";
import type { GlobalOptions } from "./output.ts";

/** The global flags, wherever the subcommand sits. */
export function globals(cmd: Command): GlobalOptions {
  return cmd.optsWithGlobals<GlobalOptions>();
}

/** Opens the configured store for one command and always closes it. */
export async function withStore<T>(cmd: Command, fn: (store: Store, opts: GlobalOptions) => Promise<T>): Promise<T> {
  const opts = globals(cmd);
  const config = loadConfig({ data: opts.data });
  const store = await openStore(config.store);
  try {
    return await fn(store, opts);
  } finally {
    await store.close();
  }
}
