import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "test/**/*.test.ts", "web/src/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Store tests open PGlite (WASM) instances and PostgreSQL databases: keep the
    // parallelism to the two cores CI has.
    maxWorkers: 2,
  },
});
