/**
 * Builds the web app into dist/web, which the server serves; `npm run dev:web` proxies the API to a running server.
 *
 * Besides the app itself the build writes:
 * - a `.br` and a `.gz` beside every text file (vite-plugin-compression2), which server/routes/web.ts
 *   sends to browsers that accept them — nothing is compressed per request;
 * - the service worker `sw.js` (vite-plugin-pwa, Workbox's generateSW): the app shell precached, index.html
 *   for every page address, and the API answers the partnership list, a partnership's home and a board
 *   page read kept on the device (network first, the device's copy after 3 s). See web/src/offline/.
 */
import { readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { brotliCompressSync, gzipSync } from "node:zlib";
import { defineConfig, type Plugin } from "vite";
import { compression, defineAlgorithm } from "vite-plugin-compression2";
import { VitePWA } from "vite-plugin-pwa";
import { API_CACHE } from "./src/offline/names.js";

const api = process.env.SAMVERKAN_URL ?? "http://127.0.0.1:8080";
const ALGORITHMS = [defineAlgorithm("brotliCompress"), defineAlgorithm("gzip", { level: 9 })];

/**
 * vite-plugin-pwa writes sw.js and Workbox's runtime after the bundle is closed, where the
 * compression plugin no longer looks: give them their .br and .gz the same way, right after.
 */
function compressServiceWorker(): Plugin {
  let outDir = "";
  return {
    name: "samverkan:compress-service-worker",
    apply: "build",
    enforce: "post",
    configResolved(config) {
      outDir = config.build.outDir;
    },
    closeBundle: {
      order: "post",
      sequential: true,
      async handler() {
        const files = (await readdir(outDir)).filter((name) => /^(sw|workbox-[\w-]+)\.js$/.test(name));
        for (const name of files) {
          const file = path.join(outDir, name);
          const source = await readFile(file);
          await writeFile(`${file}.br`, brotliCompressSync(source));
          await writeFile(`${file}.gz`, gzipSync(source, { level: 9 }));
        }
      },
    },
  };
}

export default defineConfig(({ command }) => ({
  root: fileURLToPath(new URL(".", import.meta.url)),
  // Only a build has a service worker (not `npm run dev:web`); see web/src/offline/service-worker.ts.
  define: { __SERVICE_WORKER__: JSON.stringify(command === "build") },
  build: {
    outDir: fileURLToPath(new URL("../dist/web", import.meta.url)),
    emptyOutDir: true,
    target: "es2022",
    sourcemap: true,
    rolldownOptions: {
      output: {
        // Libraries in chunks of their own, named for what they are: a new version of the app that
        // changes only our code leaves them cached. The home pages need lit and the texts; a board adds yjs and zod.
        codeSplitting: {
          groups: [
            { name: "lit", test: /node_modules[\\/](lit|lit-html|lit-element|@lit[\\/]reactive-element)[\\/]/ },
            { name: "yjs", test: /node_modules[\\/](yjs|lib0|y-protocols|y-websocket|y-indexeddb)[\\/]/ },
            { name: "zod", test: /node_modules[\\/]zod[\\/]/ },
            // English (en.ts) comes when chosen (i18n.ts), not with the first download.
            { name: "texts", test: /web[\\/]src[\\/](i18n[\\/](?!en\.ts)|styles[\\/]shared\.ts)/ },
            // The shell's routing and events, shared by every page: one chunk (left to itself the
            // bundler may split events.ts off as a file too small to be stored compressed).
            { name: "router", test: /web[\\/]src[\\/](router|events|offline[\\/]service-worker)\.ts$/ },
          ],
        },
      },
    },
  },
  plugins: [
    VitePWA({
      // generateSW: everything the worker does is Workbox configuration (precache, navigation
      // fallback, one runtime cache); nothing of ours runs in it, so there is no worker code to keep.
      strategies: "generateSW",
      filename: "sw.js",
      // A new version waits until the app asks it to take over (web/src/offline/service-worker.ts):
      // at the next in-app navigation, or when the person presses "Ladda om".
      registerType: "prompt",
      injectRegister: false,
      manifest: false,
      workbox: {
        globPatterns: ["**/*.{js,css,html,svg,png,ico,woff2}"],
        // index.html is served no-cache by the server; the precache keeps it by revision.
        navigateFallback: "index.html",
        // Server paths are never the app: the API, WebSockets, health checks, calendar feeds, files.
        navigateFallbackDenylist: [/^\/(api|ws|healthz|readyz|calendar|assets)(\/|$)/],
        cleanupOutdatedCaches: true,
        // The first worker takes over the open page at once, so the answers that page reads next are
        // kept for offline use; later versions wait (skipWaiting stays off, see registerType).
        clientsClaim: true,
        skipWaiting: false,
        runtimeCaching: [
          {
            // What the partnership list, a partnership's home and a board page read (GET only).
            // Workbox serialises this function into sw.js, so it must not refer to anything outside it.
            urlPattern: ({ url, sameOrigin }) =>
              sameOrigin &&
              /^\/api\/(auth\/(me|setup)|workspaces|workspaces\/[^/]+(\/(boards|members|overview))?|boards\/[^/]+(\/minutes(\/next-number)?)?|workspaces\/[^/]+\/minutes\/next-number)$/.test(
                url.pathname,
              ),
            handler: "NetworkFirst",
            method: "GET",
            options: {
              cacheName: API_CACHE,
              // Weak Wi-Fi: after 3 s without an answer the device's copy is shown instead.
              networkTimeoutSeconds: 3,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 300, maxAgeSeconds: 60 * 60 * 24 * 30 },
            },
          },
        ],
      },
    }),
    compression({
      algorithms: ALGORITHMS,
      // Source maps are fetched by developer tools only; compressing them would double the build time.
      include: /\.(html|css|js|mjs|json|svg)$/,
      // Every file, however small: a few hundred bytes shared by the shell and a part loaded on
      // demand become a chunk of their own, and it is served like the rest (brotli, never per request).
      threshold: 0,
      logLevel: "silent",
    }),
    compressServiceWorker(),
  ],
  server: {
    proxy: {
      "/api": { target: api, changeOrigin: false },
      "/ws": { target: api.replace(/^http/, "ws"), ws: true },
    },
  },
}));
