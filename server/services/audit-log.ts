/**
 * Reading the audit trail (händelselogg): one partnership's events for its conveners, every
 * event for the instance admin; filtered by person, kind and dates in Swedish time; newest first
 * in pages with a cursor; and its retention (gallring): events older than the configured period
 * are deleted. Names are resolved per page, never stored in the events.
 */
import { and, desc, eq, gte, inArray, like, lt, or, type SQL, sql } from "drizzle-orm";
import type { AuditEventView, AuditFilters, AuditPage, AuditQuery, NamedRef } from "../../shared/api/records.js";
import type { Db } from "../db/client.js";
import {
  auditEvents,
  boards,
  decisionPoints,
  organizations,
  users,
  workspaceMembers,
  workspaces,
} from "../db/schema.js";
import type { Clock } from "./clock.js";

/** Whose events: one partnership's, or (the instance admin) everyone's, optionally one partnership's. */
export type AuditScope = { kind: "workspace"; workspaceId: string } | { kind: "instance" };

export type AuditFilter = Omit<AuditQuery, "limit" | "lang" | "cursor"> & { cursor?: string | undefined };

/** Facts of `data` that the description uses and that are safe to show; ids of other things and anything else stay out. */
const SHOWN_DETAILS = new Set([
  // Sign-in through the identity provider: "oidc", why it was refused, which provider.
  "method",
  "reason",
  "issuer",
  "role",
  "from",
  "to",
  "self",
  "complete",
  "artefact",
  // A decision point's decision (beslutspunkt): approved and closed, tabled, approved with changes.
  "outcome",
  "email",
  "kind",
  "registrationNumber",
  "carriedOver",
  "newAccount",
  "fields",
  "field",
  "found",
  "actions",
]);
const PURGE_BATCH = 5_000;
const STOCKHOLM_DAY = (day: string) => sql`(${day}::date)::timestamp at time zone 'Europe/Stockholm'`;

type Row = typeof auditEvents.$inferSelect & { micros: string };

export function createAuditLog(db: Db, now: Clock, retentionMs: number | null) {
  function conditions(scope: AuditScope, f: AuditFilter): SQL[] {
    const where: SQL[] = [];
    const workspaceId = scope.kind === "workspace" ? scope.workspaceId : f.workspace;
    if (workspaceId) where.push(eq(auditEvents.workspaceId, workspaceId));
    if (f.person) {
      const person = or(
        eq(auditEvents.actorId, f.person),
        and(eq(auditEvents.targetType, "user"), eq(auditEvents.targetId, f.person)),
      );
      if (person) where.push(person);
    }
    if (f.kind) {
      const kind = or(eq(auditEvents.action, f.kind), like(auditEvents.action, `${f.kind.replaceAll("_", "\\_")}.%`));
      if (kind) where.push(kind);
    }
    if (f.from) where.push(gte(auditEvents.at, STOCKHOLM_DAY(f.from)));
    if (f.to) where.push(lt(auditEvents.at, sql`(${f.to}::date + 1)::timestamp at time zone 'Europe/Stockholm'`));
    if (f.cursor) {
      const [micros, id] = f.cursor.split(".");
      where.push(
        sql`(${auditEvents.at}, ${auditEvents.id}) < (timestamptz 'epoch' + ${micros}::bigint * interval '1 microsecond', ${id}::bigint)`,
      );
    }
    return where;
  }

  async function page(scope: AuditScope, f: AuditFilter, limit: number): Promise<{ rows: Row[]; more: boolean }> {
    const rows = await db
      .select({
        id: auditEvents.id,
        at: auditEvents.at,
        actorId: auditEvents.actorId,
        workspaceId: auditEvents.workspaceId,
        action: auditEvents.action,
        targetType: auditEvents.targetType,
        targetId: auditEvents.targetId,
        ip: auditEvents.ip,
        data: auditEvents.data,
        micros: sql<string>`((extract(epoch from ${auditEvents.at}) * 1000000)::bigint)::text`,
      })
      .from(auditEvents)
      .where(and(...conditions(scope, f)))
      .orderBy(desc(auditEvents.at), desc(auditEvents.id))
      .limit(limit + 1);
    return { rows: rows.slice(0, limit), more: rows.length > limit };
  }

  /** Names of the people, boards, organisations and partnerships a page mentions, in four small queries. */
  async function views(rows: Row[], scope: AuditScope): Promise<AuditEventView[]> {
    const ids = (type: string) => [
      ...new Set(rows.filter((r) => r.targetType === type && isUuidLike(r.targetId)).map((r) => r.targetId as string)),
    ];
    // A handover names whom the actions went to: `data.to`, a person.
    const recipients = rows.flatMap((r) => (isUuidLike(recipient(r)) ? [recipient(r) as string] : []));
    const personIds = [
      ...new Set([...rows.flatMap((r) => (r.actorId ? [r.actorId] : [])), ...ids("user"), ...recipients]),
    ];
    const workspaceIds = [
      ...new Set([...rows.flatMap((r) => (r.workspaceId ? [r.workspaceId] : [])), ...ids("workspace")]),
    ];
    const [people, boardRows, orgRows, wsRows] = await Promise.all([
      names(db, users, personIds),
      names(db, boards, ids("board")),
      names(db, organizations, ids("organization")),
      names(db, workspaces, workspaceIds),
    ]);
    const pointIds = ids("decision_point");
    const pointRows = pointIds.length
      ? await db
          .select({ id: decisionPoints.id, name: decisionPoints.title })
          .from(decisionPoints)
          .where(inArray(decisionPoints.id, pointIds))
      : [];
    const byType: Record<string, Map<string, string>> = {
      decision_point: new Map(pointRows.map((p) => [p.id, p.name])),
      user: people,
      board: boardRows,
      organization: orgRows,
      workspace: wsRows,
    };
    return rows.map((r) => {
      const ref = (id: string | null, map: Map<string, string>): NamedRef | null =>
        id ? { id, name: map.get(id) ?? "" } : null;
      return {
        id: r.id,
        at: r.at.toISOString(),
        action: r.action,
        actor: ref(r.actorId, people),
        workspace: ref(r.workspaceId, wsRows),
        target:
          r.targetType && r.targetId
            ? { type: r.targetType, id: r.targetId, name: byType[r.targetType]?.get(r.targetId) ?? null }
            : null,
        details: {
          ...shownDetails(r.data),
          ...(recipient(r) && people.has(recipient(r) as string)
            ? { toName: people.get(recipient(r) as string) ?? "" }
            : {}),
        },
        ...(scope.kind === "instance" ? { ip: r.ip } : {}),
      };
    });
  }

  return {
    async list(scope: AuditScope, q: AuditFilter & { limit: number }): Promise<AuditPage> {
      const { rows, more } = await page(scope, q, q.limit);
      const last = rows.at(-1);
      return { events: await views(rows, scope), nextCursor: more && last ? `${last.micros}.${last.id}` : null };
    },

    /** Every matching event, newest first, a page at a time (for the CSV; memory stays bounded). */
    async *all(scope: AuditScope, q: AuditFilter, pageSize = 500): AsyncGenerator<AuditEventView[]> {
      let cursor: string | undefined;
      for (;;) {
        const { rows, more } = await page(scope, { ...q, cursor }, pageSize);
        if (rows.length) yield await views(rows, scope);
        const last = rows.at(-1);
        if (!more || !last) return;
        cursor = `${last.micros}.${last.id}`;
      }
    },

    /** The people and kinds of event the filter can offer: those that occur, and the partnership's members. */
    async filters(scope: AuditScope): Promise<AuditFilters> {
      const inScope = scope.kind === "workspace" ? eq(auditEvents.workspaceId, scope.workspaceId) : undefined;
      const kinds = await db
        .selectDistinct({ action: auditEvents.action })
        .from(auditEvents)
        .where(inScope)
        .orderBy(auditEvents.action);
      let people: NamedRef[];
      if (scope.kind === "instance") {
        people = await db.select({ id: users.id, name: users.name }).from(users).orderBy(users.name);
      } else {
        const actors = db
          .selectDistinct({ id: auditEvents.actorId })
          .from(auditEvents)
          .where(eq(auditEvents.workspaceId, scope.workspaceId));
        people = await db
          .select({ id: users.id, name: users.name })
          .from(users)
          .where(
            or(
              inArray(users.id, actors),
              inArray(
                users.id,
                db
                  .select({ id: workspaceMembers.userId })
                  .from(workspaceMembers)
                  .where(eq(workspaceMembers.workspaceId, scope.workspaceId)),
              ),
            ),
          )
          .orderBy(users.name);
      }
      return { people, kinds: kinds.map((k) => k.action) };
    },

    /** Gallring: deletes events older than the retention period, in batches; returns how many. */
    async purgeExpired(): Promise<number> {
      if (retentionMs === null) return 0;
      const cutoff = new Date(now().getTime() - retentionMs);
      let total = 0;
      for (;;) {
        const oldest = db
          .select({ id: auditEvents.id })
          .from(auditEvents)
          .where(lt(auditEvents.at, cutoff))
          .limit(PURGE_BATCH);
        const deleted = await db
          .delete(auditEvents)
          .where(inArray(auditEvents.id, oldest))
          .returning({ id: auditEvents.id });
        total += deleted.length;
        if (deleted.length < PURGE_BATCH) return total;
      }
    },
  };
}

export type AuditLog = ReturnType<typeof createAuditLog>;

function recipient(row: Row): string | null {
  const to = row.action === "member.actions_handed_over" ? row.data?.to : null;
  return typeof to === "string" ? to : null;
}

function isUuidLike(value: string | null): boolean {
  return value !== null && /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}

async function names(
  db: Db,
  table: typeof users | typeof boards | typeof organizations | typeof workspaces,
  ids: string[],
): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const name = table === boards ? boards.title : (table as typeof users).name;
  const rows = await db
    .select({ id: table.id, name: sql<string>`${name}` })
    .from(table as typeof users)
    .where(inArray(table.id, ids));
  return new Map(rows.map((r) => [r.id, r.name]));
}

function shownDetails(data: Record<string, unknown>): AuditEventView["details"] {
  const shown: AuditEventView["details"] = {};
  for (const [key, value] of Object.entries(data ?? {})) {
    if (!SHOWN_DETAILS.has(key)) continue;
    if (typeof value === "string" || typeof value === "number" || typeof value === "boolean" || value === null)
      shown[key] = value;
    else if (Array.isArray(value) && value.every((v) => typeof v === "string")) shown[key] = value.join(", ");
  }
  return shown;
}
