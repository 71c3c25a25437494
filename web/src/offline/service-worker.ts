/**
 * The service worker (built by vite-plugin-pwa from web/vite.config.ts): registered once the page has
 * loaded, so it never competes with the first download, and kept up to date.
 *
 * Updates: a new version installs in the background and waits. It takes over at the next in-app
 * navigation — the router then loads the new page in full instead of swapping it in place, after
 * asking the waiting worker to take over — or at once when the person presses "Ladda om" in the
 * banner. A tab whose worker was replaced by another tab (its code is now older than the worker's
 * files) says so in the banner and also loads its next page in full. Nothing reloads on its own:
 * half-typed words in a form are never thrown away, and board edits are on the device either way.
 */
import type { Workbox } from "workbox-window";

/** True in a build (web/vite.config.ts): `vite` dev mode has no service worker. */
declare const __SERVICE_WORKER__: boolean;

let workbox: Workbox | null = null;
/** A new version is installed and waiting for this page to let it take over. */
let waiting = false;
/** Another tab let a new version take over: this page runs older code than the worker serves. */
let outdated = false;
/** Where to go once the waiting worker has taken over (set by loadNewVersion). */
let leaveTo: { path: string; replace: boolean } | null = null;
const listeners = new Set<() => void>();

function notify(): void {
  for (const listener of listeners) listener();
}

function go(to: { path: string; replace: boolean }): void {
  if (to.replace) location.replace(to.path);
  else location.assign(to.path);
}

async function register(): Promise<void> {
  const sw = navigator.serviceWorker;
  let hadController = sw.controller !== null;
  sw.addEventListener("controllerchange", () => {
    // The first worker claiming a page that had none changes nothing the page runs.
    if (!hadController) {
      hadController = true;
      return;
    }
    if (leaveTo) go(leaveTo);
    else {
      outdated = true;
      notify();
    }
  });
  const { Workbox } = await import("workbox-window");
  workbox = new Workbox("/sw.js", { scope: "/" });
  workbox.addEventListener("waiting", () => {
    waiting = true;
    notify();
  });
  await workbox.register();
  // A page that is never reloaded would never look for a new version: look when it is shown again, and hourly.
  document.addEventListener("visibilitychange", () => {
    if (document.visibilityState === "visible") void workbox?.update().catch(() => {});
  });
  setInterval(() => void workbox?.update().catch(() => {}), 60 * 60 * 1000);
}

/** Registers the worker after the page's own load (never in `vite` dev mode, where there is none). */
export function startServiceWorker(): void {
  if (!("serviceWorker" in navigator) || !__SERVICE_WORKER__) return;
  const start = () => void register().catch((error: unknown) => console.error("service worker", error));
  if (document.readyState === "complete") start();
  else window.addEventListener("load", start, { once: true });
}

/** Whether the next page should be loaded in full, on the new version. */
export function newVersionReady(): boolean {
  return waiting || outdated;
}

export function onNewVersion(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Loads `path` (by default this page again) on the new version. */
export function loadNewVersion(path = location.pathname + location.search + location.hash, replace = false): void {
  const to = { path, replace };
  if (!waiting || !workbox) {
    go(to);
    return;
  }
  leaveTo = to;
  workbox.messageSkipWaiting();
  // Should the new worker never take over (it failed, another tab replaced it), go all the same.
  setTimeout(() => go(to), 3000);
}
