/**
 * API answers asked for before the page that reads them exists: opening a board, the app root asks
 * for the board's details while it finds out who is signed in, and the board page takes that answer
 * instead of asking again — one round trip less on a slow link, also when the service worker
 * answers (it asks the network first).
 */
import { get } from "../api/client.js";

const early = new Map<string, Promise<unknown>>();

export function askEarly(path: string): void {
  if (early.has(path)) return;
  const answer = get(path);
  // Read by take(), or never (signed out): either way not an unhandled rejection.
  answer.catch(() => {});
  early.set(path, answer);
}

/**
 * The early answer for this path (once), else a fresh request. A refused early answer is asked
 * again: it may have been asked signed out, before signing in brought the person here.
 */
export function take<T>(path: string): Promise<T> {
  const answer = early.get(path) as Promise<T> | undefined;
  early.delete(path);
  return answer ? answer.catch(() => get<T>(path)) : get<T>(path);
}

/** The API path of a board's details (the board page reads it; the app root asks for it early). */
export const boardDetailsPath = (boardId: string) => `/api/boards/${encodeURIComponent(boardId)}`;
