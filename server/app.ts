/** createApp(deps): the whole HTTP surface as a Hono app. It never opens a port; main.ts and tests do. */
import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { requestId } from "hono/request-id";
import { secureHeaders } from "hono/secure-headers";
import { VERIFY_MAX_BYTES } from "../shared/api/minutes.js";
import { AppError } from "./errors.js";
import { clientIp } from "./middleware/client-ip.js";
import { csrf } from "./middleware/csrf.js";
import { onError, onNotFound } from "./middleware/error-handler.js";
import { requestLog } from "./middleware/request-log.js";
import { session } from "./middleware/session.js";
import { adminRoutes } from "./routes/admin.js";
import { authRoutes } from "./routes/auth.js";
import { boardRoutes, workspaceBoardRoutes } from "./routes/boards.js";
import { contentRoutes } from "./routes/content.js";
import { decisionPointRoutes } from "./routes/decision-points.js";
import { healthRoutes } from "./routes/health.js";
import { historyRoutes } from "./routes/history.js";
import { indicatorRoutes } from "./routes/indicators.js";
import { invitationTokenRoutes, myInvitationRoutes, workspaceInvitationRoutes } from "./routes/invitations.js";
import { memberRoutes } from "./routes/members.js";
import { metricsRoutes } from "./routes/metrics.js";
import { boardMinutesRoutes, calendarFeedRoutes, workspaceMinutesRoutes } from "./routes/minutes.js";
import { myWorkRoutes } from "./routes/my-work.js";
import { adminMailRoutes, myNotificationRoutes, unsubscribeRoutes } from "./routes/notifications.js";
import { organizationRoutes } from "./routes/organizations.js";
import { instanceAuditRoutes, workspaceRecordRoutes } from "./routes/records.js";
import { reportRoutes } from "./routes/reports.js";
import { userRoutes } from "./routes/users.js";
import { DEFAULT_WEB_DIR, webRoutes } from "./routes/web.js";
import { workspaceRoutes } from "./routes/workspaces.js";
import type { AppDeps, AppEnv } from "./types.js";

const FILE_UPLOAD = /^\/api\/workspaces\/[^/]+\/minutes\/verify$/;

export function createApp(deps: AppDeps) {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    c.set("deps", deps);
    await next();
  });
  app.use(requestId({ limitLength: 64 }));
  app.use(requestLog);
  app.use(
    secureHeaders({
      strictTransportSecurity: "max-age=31536000; includeSubDomains",
      contentSecurityPolicy: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'", "data:"],
        fontSrc: ["'self'"],
        connectSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'none'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
      },
      referrerPolicy: "same-origin",
      xFrameOptions: "DENY",
    }),
  );
  const limit = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        // The rest of the body is never read: say so, and close, rather than promise keep-alive and drop it.
        throw new AppError(413, "payload_too_large", `The request body is larger than ${maxSize} bytes.`, undefined, {
          Connection: "close",
        });
      },
    });
  const jsonLimit = limit(deps.config.bodyLimitBytes);
  const fileLimit = limit(VERIFY_MAX_BYTES);
  // A file checked against the sealed archive may be a whole PDF; everything else is small JSON.
  app.use((c, next) => (FILE_UPLOAD.test(c.req.path) ? fileLimit : jsonLimit)(c, next));

  app.route("/", healthRoutes);
  app.route("/", metricsRoutes);

  const api = new Hono<AppEnv>();
  // API answers are about one person at one moment: no shared or browser HTTP cache keeps them
  // (the service worker keeps what the app needs offline in its own store, and forgets it at sign-out).
  api.use(async (c, next) => {
    await next();
    if (!c.res.headers.has("Cache-Control")) c.res.headers.set("Cache-Control", "no-store");
  });
  api.use(csrf, clientIp, session);
  api.route("/auth", authRoutes);
  api.route("/admin", adminRoutes);
  api.route("/organizations", organizationRoutes);
  api.route("/users", userRoutes);
  api.route("/workspaces", workspaceRoutes);
  api.route("/workspaces", memberRoutes);
  api.route("/workspaces", workspaceInvitationRoutes);
  api.route("/workspaces", workspaceBoardRoutes);
  api.route("/workspaces", contentRoutes);
  api.route("/workspaces", myWorkRoutes);
  api.route("/workspaces", workspaceMinutesRoutes);
  api.route("/workspaces", workspaceRecordRoutes);
  api.route("/workspaces", decisionPointRoutes);
  api.route("/workspaces", reportRoutes);
  api.route("/audit", instanceAuditRoutes);
  api.route("/boards", boardMinutesRoutes);
  api.route("/boards", boardRoutes);
  api.route("/boards", historyRoutes);
  api.route("/boards", indicatorRoutes);
  api.route("/invitations", invitationTokenRoutes);
  api.route("/me", myInvitationRoutes);
  api.route("/me", myNotificationRoutes);
  api.route("/admin", adminMailRoutes);
  app.route("/api", api);
  app.route("/calendar", calendarFeedRoutes);
  app.route("/unsubscribe", unsubscribeRoutes);
  app.route("/", webRoutes(deps.webDir ?? DEFAULT_WEB_DIR));

  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

export type App = ReturnType<typeof createApp>;
