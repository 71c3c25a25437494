import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // PGlite takes seconds to start on a 2-core machine; one instance is shared per file.
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Tests that start the real server run it as `npm start` does: compiled into dist/server first.
    globalSetup: ["test/global-setup.ts"],
  },
});
