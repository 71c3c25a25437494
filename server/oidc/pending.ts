/**
 * Sign-ins under way at the provider: PKCE verifier, state and nonce, kept in this process (never
 * in the browser). The browser holds only a random key to its entry, in an HttpOnly cookie; an
 * entry is used once and forgotten after ten minutes. A restart forgets them: people start again.
 */
import type { Clock } from "../services/clock.js";
import { newToken } from "../services/tokens.js";

export const PENDING_TTL_MS = 10 * 60_000;
/** Enough for a whole region signing in at once; beyond it the oldest entries go. */
const MAX_PENDING = 10_000;

export interface PendingSignIn {
  codeVerifier: string;
  state: string;
  nonce: string;
  next: string;
  invitation: string | null;
  expiresAt: number;
}

export function createPendingSignIns(now: Clock) {
  const entries = new Map<string, PendingSignIn>();
  return {
    add(entry: Omit<PendingSignIn, "expiresAt">): string {
      const at = now().getTime();
      for (const [key, value] of entries) {
        if (value.expiresAt <= at || entries.size >= MAX_PENDING) entries.delete(key);
        else break; // in insertion order: the rest are younger
      }
      const key = newToken();
      entries.set(key, { ...entry, expiresAt: at + PENDING_TTL_MS });
      return key;
    },
    /** The entry for this key, once; null if unknown, used or expired. */
    take(key: string): PendingSignIn | null {
      const entry = entries.get(key);
      entries.delete(key);
      return entry && entry.expiresAt > now().getTime() ? entry : null;
    },
  };
}

export type PendingSignIns = ReturnType<typeof createPendingSignIns>;
