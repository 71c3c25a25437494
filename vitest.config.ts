import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite takes seconds to start on a 2-core machine; one instance is shared per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
