/** Builds the web app into dist/web, which the server serves; `npm run dev:web` proxies the API to a running server. */
import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

const api = process.env.SAMVERKAN_URL ?? "http://127.0.0.1:8080";

export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
  },
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/ws": { target: api.replace(/^http/, "ws"), ws: true },
    },
  },
});
