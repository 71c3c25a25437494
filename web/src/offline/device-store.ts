/**
 * What this device keeps of the signed-in person's work, and forgetting it.
 *
 * Two stores: the service worker's cache of API answers (`samverkan-api`: the partnership list, a
 * partnership's home, a board's details and members — see web/vite.config.ts) and one IndexedDB
 * database per board opened here (`samverkan-board-<id>`, written by collab/open-board.ts).
 *
 * Nobody sees another person's copy: signing out forgets both. When the session has ended on its
 * own (a 401 from /api/auth/me) the cached answers are forgotten at once; the boards' databases are
 * kept until someone signs in, because they may hold edits made offline that were never sent — if
 * the same person signs in again those are sent, if someone else signs in they are deleted first.
 * Until then nothing of them can be shown: every page needs the signed-in answers that are gone.
 */
import { ApiError } from "../api/client.js";
import { API_CACHE, BOARD_DB_PREFIX } from "./names.js";

const OWNER_KEY = "samverkan.device.owner";
const BOARDS_KEY = "samverkan.device.boards";

/** API paths to put through the service worker once it controls this page (see keepOnDevice). */
const pending = new Set<string>();
let waitingForController = false;

function storage(): Storage | null {
  try {
    return localStorage;
  } catch {
    return null;
  }
}

/** Whether a failed request means "not reachable and not on this device" (not an answer from the server). */
export function missingOffline(error: unknown): boolean {
  return error instanceof ApiError && error.status === 0;
}

function refetch(paths: Iterable<string>): void {
  for (const path of paths) {
    void fetch(path, { credentials: "same-origin", headers: { accept: "application/json" } }).catch(() => {});
  }
}

/**
 * Makes sure the answers at these API paths are kept on the device. Answers read through the service
 * worker are kept by it; on the very first visit the page loads before the worker takes control, so
 * they are fetched again (through it) as soon as it does. `refresh`: fetch them now in any case —
 * after signing in, when the device's copy of who is signed in is out of date.
 */
export function keepOnDevice(paths: string[], refresh = false): void {
  const sw = typeof navigator !== "undefined" ? navigator.serviceWorker : undefined;
  if (!sw) return;
  if (sw.controller) {
    if (refresh) refetch(paths);
    return;
  }
  for (const path of paths) pending.add(path);
  if (waitingForController) return;
  waitingForController = true;
  sw.addEventListener(
    "controllerchange",
    () => {
      waitingForController = false;
      const paths = [...pending];
      pending.clear();
      refetch(paths);
    },
    { once: true },
  );
}

/** Remembers that this board has a copy on the device (for browsers that cannot list their databases). */
export function rememberBoard(boardId: string): void {
  const store = storage();
  if (!store) return;
  const ids = new Set(remembered());
  if (ids.has(boardId)) return;
  ids.add(boardId);
  store.setItem(BOARDS_KEY, JSON.stringify([...ids]));
}

function remembered(): string[] {
  try {
    const value: unknown = JSON.parse(storage()?.getItem(BOARDS_KEY) ?? "[]");
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : [];
  } catch {
    return [];
  }
}

/** Ids of the boards with a database on this device. */
async function boardDatabases(): Promise<Set<string>> {
  const ids = new Set(remembered());
  try {
    for (const db of (await indexedDB.databases?.()) ?? []) {
      if (db.name?.startsWith(BOARD_DB_PREFIX)) ids.add(db.name.slice(BOARD_DB_PREFIX.length));
    }
  } catch {
    // No IndexedDB (private mode in some browsers): nothing is kept.
  }
  return ids;
}

/**
 * The boards that open without a network on this device: their content is in IndexedDB and their
 * details in the service worker's cache (and a service worker is there to serve the app itself).
 */
export async function boardsOnDevice(): Promise<Set<string>> {
  const found = new Set<string>();
  if (!navigator.serviceWorker?.controller || typeof caches === "undefined") return found;
  const cache = await caches.open(API_CACHE);
  for (const id of await boardDatabases()) {
    if (await cache.match(`/api/boards/${encodeURIComponent(id)}`)) found.add(id);
  }
  return found;
}

function deleteDatabase(name: string): Promise<void> {
  return new Promise((resolve) => {
    const request = indexedDB.deleteDatabase(name);
    request.onsuccess = () => resolve();
    request.onerror = () => resolve();
    // Still open somewhere (a board closing, another tab): deleted once it closes; do not wait for that.
    request.onblocked = () => setTimeout(resolve, 1000);
  });
}

async function forgetAnswers(): Promise<void> {
  pending.clear();
  if (typeof caches !== "undefined") await caches.delete(API_CACHE).catch(() => false);
}

async function forgetBoards(): Promise<void> {
  const ids = await boardDatabases();
  await Promise.all([...ids].map((id) => deleteDatabase(`${BOARD_DB_PREFIX}${id}`)));
  storage()?.removeItem(BOARDS_KEY);
}

/** Signing out: forget every answer and every board kept on this device. */
export async function clearDeviceStore(): Promise<void> {
  await Promise.all([forgetAnswers(), forgetBoards()]);
  storage()?.removeItem(OWNER_KEY);
}

/** The session ended without signing out (401 from /api/auth/me): forget the answers, keep the boards for now. */
export async function forgetEndedSession(): Promise<void> {
  await forgetAnswers();
}

/**
 * Someone is signed in: if the device holds another person's boards and answers, they are deleted
 * first (true then: what this person's pages read must be fetched again to be kept).
 */
export async function deviceBelongsTo(userId: string): Promise<boolean> {
  const store = storage();
  const owner = store?.getItem(OWNER_KEY) ?? null;
  store?.setItem(OWNER_KEY, userId);
  if (owner === null || owner === userId) return false;
  await forgetAnswers();
  await forgetBoards();
  return true;
}
