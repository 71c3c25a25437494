/**
 * The daily digest of overdue actions: once a day, at the configured hour on Swedish clocks, each
 * person who owns overdue actions gets one notification (and one mail) listing them all. A row
 * per person and day in notification_digests makes it happen once, across restarts.
 */
import { and, asc, eq, isNull, lt, ne } from "drizzle-orm";
import { stockholmClock } from "../../shared/time/stockholm.js";
import type { Db } from "../db/client.js";
import { boards, notificationDigests, projectedActions, users, workspaceMembers } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { Clock } from "../services/clock.js";
import type { Notifier } from "./notifier.js";

const CHECK_MS = 60_000;

export function createDigest(deps: {
  db: Db;
  now: Clock;
  notifier: Notifier;
  hour: number;
  logger?: Logger | undefined;
}) {
  const { db, now, notifier, hour, logger } = deps;
  let timer: NodeJS.Timeout | null = null;
  let doneFor: string | null = null;
  let running: Promise<number> | null = null;

  /** Sends today's digests if the hour has come; returns how many people got one now. */
  async function runIfDue(): Promise<number> {
    const clock = stockholmClock(now());
    if (!clock || Number(clock.time.slice(0, 2)) < hour || doneFor === clock.date) return 0;
    if (running) return running;
    running = send(clock.date).finally(() => {
      running = null;
    });
    return running;
  }

  async function send(today: string): Promise<number> {
    const pa = projectedActions;
    const rows = await db
      .select({
        ownerId: pa.ownerId,
        boardId: pa.boardId,
        actionId: pa.actionId,
        title: pa.title,
        workspaceId: pa.workspaceId,
      })
      .from(pa)
      .innerJoin(boards, eq(boards.id, pa.boardId))
      .innerJoin(
        workspaceMembers,
        and(eq(workspaceMembers.workspaceId, pa.workspaceId), eq(workspaceMembers.userId, pa.ownerId)),
      )
      .innerJoin(users, eq(users.id, pa.ownerId))
      .where(and(lt(pa.dueDate, today), ne(pa.status, "done"), isNull(boards.archivedAt), isNull(users.deactivatedAt)))
      .orderBy(asc(pa.dueDate), asc(pa.title));
    const byOwner = new Map<string, typeof rows>();
    for (const row of rows) {
      if (!row.ownerId) continue;
      byOwner.set(row.ownerId, [...(byOwner.get(row.ownerId) ?? []), row]);
    }
    let sent = 0;
    for (const [ownerId, actions] of byOwner) {
      await db.transaction(async (tx) => {
        const claimed = await tx
          .insert(notificationDigests)
          .values({ userId: ownerId, day: today })
          .onConflictDoNothing()
          .returning({ userId: notificationDigests.userId });
        if (claimed.length === 0) return; // this day's digest went out already (before a restart)
        const items = actions.map((a) => ({
          title: a.title,
          link: `/boards/${encodeURIComponent(a.boardId)}?${new URLSearchParams({ action: a.actionId })}`,
        }));
        const first = items[0];
        if (!first) return;
        const single = actions.length === 1 ? actions[0] : undefined;
        await notifier.notify(
          [ownerId],
          {
            kind: "actions_overdue",
            // One partnership when they all are in one; the bell then says which.
            workspaceId:
              new Set(actions.map((a) => a.workspaceId)).size === 1
                ? (single?.workspaceId ?? actions[0]?.workspaceId ?? null)
                : null,
            link: single ? first.link : "/",
            title: actions
              .map((a) => a.title)
              .join(", ")
              .slice(0, 500),
            items,
          },
          tx,
        );
        sent++;
      });
    }
    doneFor = today;
    if (sent > 0) {
      logger?.info({ people: sent }, "overdue digest sent");
      notifier.flushMail();
    }
    return sent;
  }

  return {
    runIfDue,
    start() {
      if (timer) return;
      timer = setInterval(() => {
        void runIfDue().catch((err) => logger?.warn({ err }, "overdue digest failed; tried again in a minute"));
      }, CHECK_MS);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
    },
  };
}

export type Digest = ReturnType<typeof createDigest>;
