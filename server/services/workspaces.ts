/** Workspaces (partnerships): listed only to their members; the creator becomes convener. */
import { and, asc, eq } from "drizzle-orm";
import type { Role } from "../../shared/api/workspaces.js";
import type { Db } from "../db/client.js";
import { workspaceMembers, workspaces } from "../db/schema.js";
import { notFound } from "../errors.js";
import type { Audit } from "./audit.js";
import type { Clock } from "./clock.js";
import type { Organizations } from "./organizations.js";

export interface WorkspaceView {
  id: string;
  name: string;
  description: string;
  role: Role;
  createdAt: Date;
}

const columns = {
  id: workspaces.id,
  name: workspaces.name,
  description: workspaces.description,
  role: workspaceMembers.role,
  createdAt: workspaces.createdAt,
};

export function createWorkspaces(db: Db, audit: Audit, organizations: Organizations, now: Clock) {
  async function get(userId: string, workspaceId: string): Promise<WorkspaceView> {
    const [row] = await db
      .select(columns)
      .from(workspaces)
      .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
      .where(and(eq(workspaces.id, workspaceId), eq(workspaceMembers.userId, userId)));
    if (!row) throw notFound("Workspace");
    return row;
  }

  return {
    get,

    listFor(userId: string): Promise<WorkspaceView[]> {
      return db
        .select(columns)
        .from(workspaces)
        .innerJoin(workspaceMembers, eq(workspaceMembers.workspaceId, workspaces.id))
        .where(eq(workspaceMembers.userId, userId))
        .orderBy(asc(workspaces.name));
    },

    async create(
      actorId: string,
      input: { name: string; description: string; organizationId?: string | undefined },
    ): Promise<WorkspaceView> {
      if (input.organizationId) await organizations.assertExists(input.organizationId);
      return db.transaction(async (tx) => {
        const [ws] = await tx
          .insert(workspaces)
          .values({ name: input.name, description: input.description, createdBy: actorId })
          .returning();
        if (!ws) throw new Error("insert returned no row");
        await tx.insert(workspaceMembers).values({
          workspaceId: ws.id,
          userId: actorId,
          organizationId: input.organizationId ?? null,
          role: "convener",
        });
        await audit(
          { action: "workspace.created", actorId, workspaceId: ws.id, targetType: "workspace", targetId: ws.id },
          tx,
        );
        return {
          id: ws.id,
          name: ws.name,
          description: ws.description,
          role: "convener" as const,
          createdAt: ws.createdAt,
        };
      });
    },

    async update(actorId: string, workspaceId: string, patch: { name?: string; description?: string }) {
      await db.transaction(async (tx) => {
        await tx
          .update(workspaces)
          .set({ ...patch, updatedAt: now() })
          .where(eq(workspaces.id, workspaceId));
        await audit(
          {
            action: "workspace.updated",
            actorId,
            workspaceId,
            targetType: "workspace",
            targetId: workspaceId,
            data: { fields: Object.keys(patch) },
          },
          tx,
        );
      });
      return get(actorId, workspaceId);
    },
  };
}

export type Workspaces = ReturnType<typeof createWorkspaces>;
