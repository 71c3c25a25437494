/** Sets up our server over its HTTP API: an admin, a partnership, member users for the sockets, and boards. */

export interface OursAccess {
  /** Admin and convener; creates boards. */
  adminCookie: string;
  workspaceId: string;
  organizationId: string;
  /** One cookie per member user; each user may hold at most 20 sockets. */
  userCookies: string[];
}

let forwardedFor = 0;
/** A new client address per credential request: the server allows 20 such requests per address per minute. */
function nextAddress(): string {
  forwardedFor++;
  return `10.${(forwardedFor >> 16) & 255}.${(forwardedFor >> 8) & 255}.${forwardedFor & 255}`;
}

async function post<T>(baseUrl: string, path: string, body: unknown, cookie?: string, credential = false) {
  const headers: Record<string, string> = { "content-type": "application/json", origin: baseUrl };
  if (cookie) headers.cookie = cookie;
  if (credential) headers["x-forwarded-for"] = nextAddress();
  const res = await fetch(`${baseUrl}${path}`, { method: "POST", headers, body: JSON.stringify(body) });
  if (res.status !== 200 && res.status !== 201) {
    throw new Error(`POST ${path} → ${res.status}: ${(await res.text()).slice(0, 300)}`);
  }
  const session = res.headers.getSetCookie().find((c) => c.includes("samverkan_session="));
  return { json: (await res.json()) as T, cookie: session?.split(";")[0] };
}

const PASSWORD = "bench-password-1";

/** First run on an empty database: creates everything. Later restarts reuse it (sessions live in the database). */
export async function setupOurs(baseUrl: string, users: number): Promise<OursAccess> {
  const admin = await post(
    baseUrl,
    "/api/auth/setup",
    { email: "admin@bench.test", name: "Bench Admin", password: PASSWORD },
    undefined,
    true,
  );
  if (!admin.cookie) throw new Error("setup did not set a session cookie");
  const adminCookie = admin.cookie;
  const org = await post<{ organization: { id: string } }>(
    baseUrl,
    "/api/organizations",
    { name: "Bench kommun" },
    adminCookie,
  );
  const organizationId = org.json.organization.id;
  const ws = await post<{ workspace: { id: string } }>(
    baseUrl,
    "/api/workspaces",
    { name: "Bench partnership", organizationId },
    adminCookie,
  );
  const workspaceId = ws.json.workspace.id;
  const access: OursAccess = { adminCookie, workspaceId, organizationId, userCookies: [] };
  await addUsers(baseUrl, access, users);
  return access;
}

/**
 * Invites and signs up member users until there are `total`. A few at a time: each accept hashes a password.
 * Returns how many it added.
 */
export async function addUsers(baseUrl: string, access: OursAccess, total: number): Promise<number> {
  const wanted = Array.from(
    { length: Math.max(0, total - access.userCookies.length) },
    (_, i) => access.userCookies.length + i,
  );
  for (let i = 0; i < wanted.length; i += 4) {
    const batch = await Promise.all(
      wanted.slice(i, i + 4).map(async (n) => {
        const invitation = await post<{ token: string }>(
          baseUrl,
          `/api/workspaces/${access.workspaceId}/invitations`,
          { email: `member${n}@bench.test`, role: "member", organizationId: access.organizationId },
          access.adminCookie,
        );
        const accepted = await post(
          baseUrl,
          `/api/invitations/${invitation.json.token}/accept`,
          { name: `Member ${n}`, password: PASSWORD },
          undefined,
          true,
        );
        if (!accepted.cookie) throw new Error("accepting an invitation did not set a session cookie");
        return accepted.cookie;
      }),
    );
    access.userCookies.push(...batch);
  }
  return wanted.length;
}

export async function createBoards(
  baseUrl: string,
  access: OursAccess,
  count: number,
  label: string,
): Promise<string[]> {
  const ids: string[] = [];
  // Sequential in small groups: PGlite serialises writes anyway, and this keeps the server responsive.
  for (let i = 0; i < count; i += 10) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(10, count - i) }, async (_, j) => {
        const res = await post<{ board: { id: string } }>(
          baseUrl,
          `/api/workspaces/${access.workspaceId}/boards`,
          { kind: "focus", title: `${label} ${i + j}` },
          access.adminCookie,
        );
        return res.json.board.id;
      }),
    );
    ids.push(...batch);
  }
  return ids;
}
