/** Which ways of signing in the server offers (GET /api/auth/methods), asked once per page load. */
import { get } from "./client.js";

export interface AuthMethods {
  /** Sign-in, setup and new accounts with a password (LOCAL_PASSWORDS). */
  password: boolean;
  /** Sign-in through the organisation's identity provider, named by its label. */
  oidc: { label: string } | null;
}

let methods: Promise<AuthMethods> | null = null;

export function authMethods(): Promise<AuthMethods> {
  methods ??= get<AuthMethods>("/api/auth/methods").catch((error) => {
    methods = null; // asked again next time (offline, a restart)
    throw error;
  });
  return methods;
}

/** Where the sign-in through the provider starts; a full page load, not a route of the app. */
export function oidcStart(next: string | null, invitation?: string): string {
  const q = new URLSearchParams();
  if (next) q.set("next", next);
  if (invitation) q.set("invitation", invitation);
  return `/api/auth/oidc/start?${q.toString()}`;
}
