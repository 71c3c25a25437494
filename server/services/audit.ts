/** Appends security-relevant events to audit_events. Callers pass ids and facts, never secrets. */
import type { Db } from "../db/client.js";
import { auditEvents } from "../db/schema.js";
import { countAuditEvent } from "../metrics/instruments.js";
import type { Clock } from "./clock.js";

export interface AuditEvent {
  action: string;
  actorId?: string | null;
  workspaceId?: string | null;
  targetType?: string;
  targetId?: string;
  ip?: string | null;
  data?: Record<string, unknown>;
}

export type Audit = (event: AuditEvent, tx?: Db) => Promise<void>;

export function createAudit(db: Db, now: Clock): Audit {
  return async (event, tx = db) => {
    await tx.insert(auditEvents).values({
      at: now(),
      action: event.action,
      actorId: event.actorId ?? null,
      workspaceId: event.workspaceId ?? null,
      targetType: event.targetType ?? null,
      targetId: event.targetId ?? null,
      ip: event.ip ?? null,
      data: event.data ?? {},
    });
    countAuditEvent(event.action);
  };
}
