/** Builds every service over one database; main.ts and tests call this, routes receive the result. */
import type { RedisLink } from "../cluster/redis-link.js";
import type { Config } from "../config.js";
import type { Db } from "../db/client.js";
import { createBoardEditor } from "../docs/board-editor.js";
import { createHistory } from "../history/history-service.js";
import type { Logger } from "../logger.js";
import { createArchive } from "../minutes/archive.js";
import { createDigest } from "../notifications/digest.js";
import { createNotificationEvents } from "../notifications/events.js";
import { createNotifier } from "../notifications/notifier.js";
import { createOutbox } from "../notifications/outbox.js";
import { createOidcAccounts } from "../oidc/accounts.js";
import { createPendingSignIns } from "../oidc/pending.js";
import { createProjector } from "../projections/projector.js";
import { createRecordsExport } from "../records/export.js";
import { createReports } from "../reports/service.js";
import { createAccess } from "./access.js";
import { createAccessEvents } from "./access-events.js";
import { createAudit } from "./audit.js";
import { createAuditLog } from "./audit-log.js";
import { createAuthService } from "./auth-service.js";
import { createBoards } from "./boards.js";
import { createCalendarFeeds } from "./calendar-feeds.js";
import { type Clock, systemClock } from "./clock.js";
import { createContentQueries } from "./content-queries.js";
import { createDecisionPoints } from "./decision-points.js";
import { createHandover } from "./handover.js";
import { createInvitations } from "./invitations.js";
import { createLoginThrottle } from "./login-throttle.js";
import { createMeetings } from "./meetings.js";
import { createMembers } from "./members.js";
import { createMinutes } from "./minutes.js";
import { createMyWork } from "./my-work.js";
import { createOrganizations } from "./organizations.js";
import { createPartnerships } from "./partnerships.js";
import { createRateLimiter } from "./rate-limiter.js";
import { createSessions } from "./sessions.js";
import { createUsers } from "./users.js";
import { createWorkspaces } from "./workspaces.js";

/** Sign-in, setup and invitation acceptance share one budget per client address. */
export const CREDENTIAL_ATTEMPTS_PER_MINUTE = 20;

export function createServices(
  db: Db,
  config: Config,
  now: Clock = systemClock,
  logger?: Logger,
  /** Several processes (REDIS_URL): rate limits counted in Redis, projections under a per-board lock. */
  redis?: RedisLink,
) {
  const audit = createAudit(db, now);
  const events = createAccessEvents();
  const sessions = createSessions(db, now, { idleMs: config.sessionIdleMs, absoluteMs: config.sessionAbsoluteMs });
  // The sessions cached for WebSocket upgrades end with the notices, from this process or another.
  events.subscribe((event) => {
    if (event.type === "session") sessions.forget(event.sessionId);
    else if (event.type === "user") sessions.forgetUser(event.userId);
    else if (event.type === "recheck") sessions.forgetAll();
  });
  const organizations = createOrganizations(db, audit, now);
  const projections = createProjector({ db, ...(logger ? { logger } : {}), shared: redis !== undefined });
  const archive = createArchive(db);
  const boardEditor = createBoardEditor(db);
  /** Reading the audit trail (the händelselogg), its gallring, and a partnership's whole data export. */
  const auditLog = createAuditLog(db, now, config.auditRetentionMs);
  const records = createRecordsExport({ db, projections, auditLog, auditRetentionMs: config.auditRetentionMs });
  const invitations = createInvitations({
    db,
    audit,
    organizations,
    sessions,
    now,
    ttlMs: config.invitationTtlMs,
    publicOrigin: config.publicOrigin,
  });
  /** Notifications: the bell, the mail outbox (when SMTP_URL is set) and the daily overdue digest. */
  const outbox = createOutbox({ db, now, audit, smtpUrl: config.smtpUrl, from: config.mailFrom, logger });
  const notifier = createNotifier({ db, now, outbox, publicOrigin: config.publicOrigin });
  const notices = createNotificationEvents({ db, notifier, logger });
  const digest = createDigest({ db, now, notifier, hour: config.digestHour, logger });
  projections.onOwnersChanged((board, changes, authors) => void notices.ownersChanged(board, changes, authors));
  projections.onMentionsAdded((board, mentions) => void notices.mentioned(board, mentions));
  const minutes = createMinutes({
    db,
    audit,
    now,
    events,
    projections,
    archive,
    notices: { closed: notices.minutesClosed, sealed: notices.minutesSealed },
  });
  return {
    now,
    audit,
    auditLog,
    events,
    sessions,
    access: createAccess(db),
    auth: createAuthService({ db, sessions, throttle: createLoginThrottle(db, now), audit, events }),
    credentialLimiter: createRateLimiter({
      limit: CREDENTIAL_ATTEMPTS_PER_MINUTE,
      windowMs: 60_000,
      now,
      ...(redis ? { shared: { link: redis, name: "credentials" } } : {}),
    }),
    organizations,
    workspaces: createWorkspaces(db, audit, organizations, now),
    members: createMembers(db, audit, organizations, now, events),
    invitations,
    /** The instance admin's partnerships: all of them, and setting one up with its organisations. */
    partnerships: createPartnerships({ db, audit, organizations, invitations }),
    /** Sign-in through the OpenID provider: accounts linked by issuer + subject, and sign-ins under way. */
    oidcAccounts: createOidcAccounts({ db, audit, sessions, invitations, now }),
    oidcPending: createPendingSignIns(now, redis),
    boards: createBoards(db, audit, now, events, projections),
    projections,
    /** Server-side changes to board content, live when the realtime layer runs. */
    boardEditor,
    handover: createHandover(db, audit, boardEditor, projections),
    archive,
    records,
    calendarFeeds: createCalendarFeeds(db, audit),
    minutes,
    /** Decision points (beslutspunkter): checklist, decision, lock and reopen. */
    decisionPoints: createDecisionPoints({ db, audit, now, projections }),
    /** Board versions kept by compaction: list, read, restore (through boardEditor), forget. */
    history: createHistory({
      db,
      audit,
      boardEditor,
      isLocked: (boardId) => minutes.isLocked(boardId),
      retentionMs: config.historyRetentionMs,
    }),
    meetings: createMeetings(db, projections),
    content: createContentQueries(db, now),
    /** Follow-up reports (uppföljningsrapport, slutrapport): generated, edited, frozen with their PDF. */
    reports: createReports(db, audit, now),
    myWork: createMyWork(db, now, createContentQueries(db, now)),
    users: createUsers(db, audit, sessions, now, events),
    outbox,
    notifier,
    notices,
    digest,
    /** Resending an invitation's mail: a few times an hour per invitation. */
    resendLimiter: createRateLimiter({
      limit: 3,
      windowMs: 3_600_000,
      now,
      ...(redis ? { shared: { link: redis, name: "resend" } } : {}),
    }),
  };
}

export type Services = ReturnType<typeof createServices>;
