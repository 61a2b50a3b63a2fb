import { describe, expect, it } from "vitest";
import { rateLimited, retryAfterSeconds, SlidingWindow } from "./rate-limit.ts";

describe("SlidingWindow", () => {
  it("lets max events through per key, then says how long until the oldest one leaves the window", () => {
    let now = 1_000_000;
    const w = new SlidingWindow(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) {
      expect(w.waitMs("a")).toBe(0);
      w.hit("a");
      now += 10_000;
    }
    // hits at 0 s, 10 s, 20 s; now 30 s: the first leaves at 60 s
    expect(w.waitMs("a")).toBe(30_000);
    expect(w.waitMs("b")).toBe(0);
    now += 20_000;
    expect(w.waitMs("a")).toBe(10_000);
    now += 10_000;
    expect(w.waitMs("a")).toBe(0);
    w.clear("a");
    w.hit("a");
    w.hit("a");
    expect(w.waitMs("a")).toBe(0);
  });

  it("forgets keys that do not come back", () => {
    let now = 0;
    const w = new SlidingWindow(5, 1000, () => now);
    for (let i = 0; i < 100; i++) w.hit(`ip:${i}`);
    expect(w.size).toBe(100);
    now += 2000;
    w.hit("later");
    expect(w.size).toBe(1);
  });
});

describe("rateLimited", () => {
  it("says the wait in seconds below a minute and in whole minutes above", () => {
    expect(rateLimited("Slow down.", 1500).message).toBe("Slow down. Try again in 2 seconds.");
    expect(rateLimited("Slow down.", 7 * 60_000 - 5).message).toBe("Slow down. Try again in 7 minutes.");
    expect(rateLimited("Slow down.", 1).code).toBe("RATE_LIMITED");
    expect(retryAfterSeconds(1)).toBe(1);
    expect(retryAfterSeconds(60_001)).toBe(61);
  });
});
