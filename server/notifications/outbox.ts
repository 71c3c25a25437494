/**
 * The mail outbox and its sender. Enqueueing only writes a row, so nothing a person does waits
 * for or fails with the SMTP server. The sender sends what is due, one mail at a time; a failure
 * is retried after 1 min, 5 min, 30 min and 2 h, then the mail is marked failed, an audit event
 * `mail.failed` is written, and the admin sees it in GET /api/admin/mail-outbox.
 */
import { and, asc, desc, eq, inArray, lt, lte, ne, or } from "drizzle-orm";
import type { Transporter } from "nodemailer";
import type { Db } from "../db/client.js";
import { mailOutbox } from "../db/schema.js";
import type { Logger } from "../logger.js";
import type { Audit } from "../services/audit.js";
import type { Clock } from "../services/clock.js";

/** Wait before retry number n (after the n-th failed attempt); past the end the mail has failed. */
export const RETRY_DELAYS_MS = [60_000, 5 * 60_000, 30 * 60_000, 2 * 3_600_000];
const POLL_MS = 30_000;
/** Sent and failed mail (addresses and titles) is deleted this long after; the audit trail keeps failures. */
export const OUTBOX_KEEP_MS = 30 * 86_400_000;
const BATCH = 20;
/**
 * With several processes each sends what it claimed: claimed mail is not due for another sender
 * for this long (if the claiming process dies before sending, another sends it after that).
 */
const CLAIM_MS = 5 * 60_000;

export interface OutgoingMail {
  to: string;
  recipientId: string | null;
  kind: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
}

export function createOutbox(deps: {
  db: Db;
  now: Clock;
  audit: Audit;
  smtpUrl: string | null;
  from: string;
  logger?: Logger | undefined;
}) {
  const { db, now, audit, logger } = deps;
  const smtpUrl = deps.smtpUrl;
  // nodemailer is loaded with the first mail: an instance without SMTP never loads it.
  let transporter: Promise<Transporter> | null = null;
  const transport = () =>
    (transporter ??= import("nodemailer").then(({ default: nodemailer }) =>
      nodemailer.createTransport({
        url: smtpUrl as string,
        connectionTimeout: 10_000,
        greetingTimeout: 10_000,
        socketTimeout: 20_000,
      } as Parameters<typeof nodemailer.createTransport>[0]),
    ));
  let running: Promise<number> | null = null;
  let again = false;
  let timer: NodeJS.Timeout | null = null;

  async function attempt(row: typeof mailOutbox.$inferSelect): Promise<boolean> {
    if (!smtpUrl) return false;
    try {
      await (await transport()).sendMail({
        from: deps.from,
        to: row.toAddress,
        subject: row.subject,
        text: row.text,
        html: row.html,
        headers: row.headers,
      });
      await db
        .update(mailOutbox)
        .set({ status: "sent", sentAt: now(), attempts: row.attempts + 1, lastError: null })
        .where(eq(mailOutbox.id, row.id));
      return true;
    } catch (err) {
      const attempts = row.attempts + 1;
      const message = err instanceof Error ? err.message : String(err);
      const delay = RETRY_DELAYS_MS[attempts - 1];
      if (delay === undefined) {
        await db
          .update(mailOutbox)
          .set({ status: "failed", attempts, lastError: message })
          .where(eq(mailOutbox.id, row.id));
        await audit({
          action: "mail.failed",
          targetType: "mail",
          targetId: row.id,
          data: { kind: row.kind, attempts, error: message.slice(0, 300) },
        });
        logger?.warn({ mailId: row.id, attempts }, "mail given up after retries");
      } else {
        await db
          .update(mailOutbox)
          .set({ attempts, lastError: message, nextAttemptAt: new Date(now().getTime() + delay) })
          .where(eq(mailOutbox.id, row.id));
        logger?.info({ mailId: row.id, attempts, err: message }, "mail not sent; retried later");
      }
      return false;
    }
  }

  /** Sends every mail that is due now; returns how many were sent. One run at a time. */
  async function sendDue(): Promise<number> {
    if (!smtpUrl) return 0;
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      let sent = 0;
      do {
        again = false;
        const due = await db.transaction(async (tx) => {
          const rows = await tx
            .select()
            .from(mailOutbox)
            .where(and(eq(mailOutbox.status, "pending"), lte(mailOutbox.nextAttemptAt, now())))
            .orderBy(asc(mailOutbox.nextAttemptAt))
            .limit(BATCH)
            .for("update", { skipLocked: true });
          if (rows.length > 0) {
            await tx
              .update(mailOutbox)
              .set({ nextAttemptAt: new Date(now().getTime() + CLAIM_MS) })
              .where(
                inArray(
                  mailOutbox.id,
                  rows.map((r) => r.id),
                ),
              );
          }
          return rows;
        });
        for (const row of due) if (await attempt(row)) sent++;
        if (due.length === BATCH) again = true;
      } while (again);
      return sent;
    })().finally(() => {
      running = null;
    });
    return running;
  }

  function kick() {
    void sendDue().catch((err) => logger?.warn({ err }, "mail sender failed; it runs again shortly"));
  }

  return {
    enabled: smtpUrl !== null,

    /** Writes mail to the outbox (in `tx` when given) — nothing is sent here. */
    async enqueue(mails: OutgoingMail[], tx: Db = db): Promise<void> {
      if (!smtpUrl || mails.length === 0) return;
      const at = now();
      await tx.insert(mailOutbox).values(
        mails.map((m) => ({
          toAddress: m.to,
          recipientId: m.recipientId,
          kind: m.kind,
          subject: m.subject,
          text: m.text,
          html: m.html,
          headers: m.headers ?? {},
          nextAttemptAt: at,
          createdAt: at,
        })),
      );
    },

    /** Starts sending soon, in the background. */
    kick,
    sendDue,

    /** Mail that is not sent (yet): failed first, then waiting for a retry; for the admin. */
    async unsent(limit = 100) {
      return db
        .select({
          id: mailOutbox.id,
          to: mailOutbox.toAddress,
          kind: mailOutbox.kind,
          subject: mailOutbox.subject,
          status: mailOutbox.status,
          attempts: mailOutbox.attempts,
          lastError: mailOutbox.lastError,
          nextAttemptAt: mailOutbox.nextAttemptAt,
          createdAt: mailOutbox.createdAt,
        })
        .from(mailOutbox)
        .where(ne(mailOutbox.status, "sent"))
        .orderBy(asc(mailOutbox.status), desc(mailOutbox.createdAt))
        .limit(limit);
    },

    /** Deletes sent and failed mail older than OUTBOX_KEEP_MS (hourly, with the other purges). */
    async purge(): Promise<number> {
      const before = new Date(now().getTime() - OUTBOX_KEEP_MS);
      const gone = await db
        .delete(mailOutbox)
        .where(
          or(
            and(eq(mailOutbox.status, "sent"), lt(mailOutbox.createdAt, before)),
            and(eq(mailOutbox.status, "failed"), lt(mailOutbox.createdAt, before)),
          ),
        )
        .returning({ id: mailOutbox.id });
      return gone.length;
    },

    /** Polls for due retries every 30 s until stop(). */
    start() {
      if (!smtpUrl || timer) return;
      timer = setInterval(kick, POLL_MS);
      timer.unref();
      kick();
    },

    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await running?.catch(() => {});
      await transporter?.then((t) => t.close()).catch(() => {});
    },
  };
}

export type Outbox = ReturnType<typeof createOutbox>;
