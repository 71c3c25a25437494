/**
 * The one authorisation policy: what each workspace role may do. HTTP routes and the
 * WebSocket route both ask it; nothing else decides access.
 */
import type { Role } from "../../shared/api/workspaces.js";

export type WorkspaceAction =
  | "workspace.read"
  | "workspace.update"
  | "members.read"
  | "members.manage"
  | "invitations.manage"
  | "boards.read"
  | "boards.manage"
  /** Change a board's collaborative content (Yjs updates). */
  | "board.edit"
  /** The partnership's audit events (händelselogg) and its whole data export. */
  | "records.read";

const READ: WorkspaceAction[] = ["workspace.read", "members.read", "boards.read"];

const GRANTS: Record<Role, ReadonlySet<WorkspaceAction>> = {
  convener: new Set<WorkspaceAction>([
    ...READ,
    "workspace.update",
    "members.manage",
    "invitations.manage",
    "boards.manage",
    "board.edit",
    "records.read",
  ]),
  member: new Set<WorkspaceAction>([...READ, "board.edit"]),
  observer: new Set<WorkspaceAction>(READ),
};

/** `role` is null for someone who is not a member: they may do nothing, and must not learn the workspace exists. */
export function can(role: Role | null, action: WorkspaceAction): boolean {
  return role !== null && GRANTS[role].has(action);
}

/** Instance-level actions, outside any workspace. */
export type InstanceAction =
  | "organizations.create"
  /** Rename, deactivate and reactivate organisations; list all of them, deactivated ones too. */
  | "organizations.manage"
  /** Every partnership of the instance: list them, set one up with its organisations and first convener. */
  | "partnerships.manage"
  | "users.manage"
  | "workspaces.create"
  /** Every audit event of the instance, and any partnership's audit events and data export (for its archive). */
  | "records.read";

export function canInstance(actor: { isAdmin: boolean }, action: InstanceAction): boolean {
  if (action === "workspaces.create") return true;
  return actor.isAdmin;
}
