import { RetainError } from "../errors.ts";

/**
 * Events per key (an address, an e-mail, a customer) in a sliding window, kept in this
 * process's memory: a restart forgets them, and servers behind one load balancer count
 * apart. Enough to slow down guessing and spam; not an accounting of anything.
 */
export class SlidingWindow {
  readonly #hits = new Map<string, number[]>();
  #sweepAt = 0;

  constructor(readonly max: number, readonly windowMs: number, readonly now: () => number = Date.now) {}

  #recent(key: string): number[] {
    const since = this.now() - this.windowMs;
    const list = (this.#hits.get(key) ?? []).filter((t) => t > since);
    if (list.length) this.#hits.set(key, list);
    else this.#hits.delete(key);
    return list;
  }

  /** Milliseconds until `key` may act again: 0 while it has fewer than `max` events in the window. */
  waitMs(key: string): number {
    const list = this.#recent(key);
    return list.length < this.max ? 0 : Math.max(1, list[list.length - this.max]! + this.windowMs - this.now());
  }

  /** Counts one event of `key`. */
  hit(key: string): void {
    this.#hits.set(key, [...this.#recent(key), this.now()]);
    // Keys that never come back would stay forever: drop the stale ones once per window.
    if (this.now() >= this.#sweepAt) {
      this.#sweepAt = this.now() + this.windowMs;
      for (const k of [...this.#hits.keys()]) this.#recent(k);
    }
  }

  /** Forgets `key`'s events. */
  clear(key: string): void {
    this.#hits.delete(key);
  }

  /** How many keys are held (for tests of the sweep). */
  get size(): number {
    return this.#hits.size;
  }
}

/** Whole seconds to wait, for a Retry-After header: at least 1. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));

/** A RATE_LIMITED error whose message says how long to wait. */
export function rateLimited(message: string, ms: number): RetainError {
  const seconds = retryAfterSeconds(ms);
  const minutes = Math.ceil(seconds / 60);
  const wait = seconds < 60 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${minutes} minute${minutes === 1 ? "" : "s"}`;
  return new RetainError("RATE_LIMITED", `${message} Try again in ${wait}.`);
}
