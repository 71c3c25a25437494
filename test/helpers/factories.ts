/** Builds the people and partnerships tests need, through the public API only. */
import type { ApiClient } from "./api-client.js";

export const PASSWORD = "korrekt häst batteri";

let counter = 0;
export const uniqueEmail = (who: string) => `${who}.${++counter}.${Date.now().toString(36)}@example.se`;

/** Creates the instance admin (first account) and returns a client signed in as them. */
export async function setupAdmin(client: ApiClient, email = "admin@lekeberg.example.se") {
  const res = await client.post("/api/auth/setup", { email, name: "Anna Admin", password: PASSWORD });
  if (res.status !== 201) throw new Error(`setup failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, user: res.body.user as { id: string; email: string } };
}

export async function createOrganization(admin: ApiClient, name: string, kind = "other") {
  const res = await admin.post("/api/organizations", { name, kind });
  if (res.status !== 201) throw new Error(`organization failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.organization as { id: string; name: string };
}

export async function createWorkspace(client: ApiClient, name = "Nära vård Lekeberg", organizationId?: string) {
  const res = await client.post("/api/workspaces", { name, ...(organizationId ? { organizationId } : {}) });
  if (res.status !== 201) throw new Error(`workspace failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.workspace as { id: string; name: string };
}

/** Invites a new person and accepts as them; returns their signed-in client. */
export async function inviteAndJoin(
  convener: ApiClient,
  workspaceId: string,
  role: "convener" | "member" | "observer",
  organizationId: string,
  name = `Person ${counter}`,
  email = uniqueEmail(role),
) {
  const inv = await convener.post(`/api/workspaces/${workspaceId}/invitations`, { email, role, organizationId });
  if (inv.status !== 201) throw new Error(`invite failed: ${inv.status} ${JSON.stringify(inv.body)}`);
  const person = convener.fresh();
  const accepted = await person.post(`/api/invitations/${inv.body.token}/accept`, { name, password: PASSWORD });
  if (accepted.status !== 201) throw new Error(`accept failed: ${accepted.status} ${JSON.stringify(accepted.body)}`);
  return { client: person, user: accepted.body.user as { id: string; email: string }, email };
}
