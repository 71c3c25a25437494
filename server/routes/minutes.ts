/**
 * Minutes approval (close, reopen, approve, seal), the sealed artefacts, verification of a file
 * against the archive, the next § number, and meetings as iCalendar.
 */
import { type Context, Hono } from "hono";
import { z } from "zod";
import {
  ARTEFACT_KINDS,
  type ArtefactKind,
  nextNumberQuery,
  registrationNumberBody,
} from "../../shared/api/minutes.js";
import { readMinutes } from "../../shared/boards/minutes.js";
import { AppError, notFound } from "../errors.js";
import { requireUser } from "../middleware/session.js";
import { jsonBody, queryParams } from "../middleware/validate.js";
import { ARTEFACTS } from "../minutes/archive.js";
import { type CalendarMeeting, calendar } from "../minutes/ics.js";
import type { MinutesActor } from "../services/minutes.js";
import type { AppEnv } from "../types.js";
import { currentUser } from "./current-user.js";

type C = Context<AppEnv>;

async function minutesBoard(c: C, action: "boards.read" = "boards.read") {
  const user = currentUser(c);
  const { board, role } = await c.var.deps.services.access.board(user, c.req.param("boardId") ?? "", action);
  if (board.kind !== "minutes") throw notFound("Minutes");
  const actor: MinutesActor = { id: user.id, role, ip: c.var.clientIp };
  return { board, actor };
}

async function answer(c: C, resolved?: Awaited<ReturnType<typeof minutesBoard>>) {
  const { board, actor } = resolved ?? (await minutesBoard(c));
  return c.json({ minutes: await c.var.deps.services.minutes.view(actor, board) });
}

function transition(step: "close" | "reopen" | "approve" | "seal") {
  return async (c: C) => {
    await jsonBody(c, emptyBody);
    const resolved = await minutesBoard(c);
    await c.var.deps.services.minutes[step](resolved.actor, resolved.board);
    return answer(c, resolved);
  };
}

const emptyBody = z.strictObject({});

/** Mounted under /api/boards. */
export const boardMinutesRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:boardId/minutes", (c) => answer(c))
  .post("/:boardId/minutes/close", transition("close"))
  .post("/:boardId/minutes/reopen", transition("reopen"))
  .post("/:boardId/minutes/approve", transition("approve"))
  .post("/:boardId/minutes/seal", transition("seal"))
  .post("/:boardId/minutes/addendum", async (c) => {
    await jsonBody(c, emptyBody);
    const { board, actor } = await minutesBoard(c);
    const { minutes, boards } = c.var.deps.services;
    const content = await minutes.addendumContent(actor, board);
    const created = await boards.create(
      actor.id,
      board.workspaceId,
      { kind: "minutes", title: `Tillägg till ${board.title}`.slice(0, 200) },
      content,
    );
    await minutes.linkAddendum(actor, board, created.id);
    return c.json({ board: created }, 201);
  })
  .put("/:boardId/minutes/registration-number", async (c) => {
    const body = await jsonBody(c, registrationNumberBody);
    const resolved = await minutesBoard(c);
    const { board, actor } = resolved;
    const { minutes } = c.var.deps.services;
    const view = await minutes.view(actor, board);
    if (!view.sealed)
      throw new AppError(409, "minutes_not_sealed", "A registration number is given to sealed minutes.");
    // Whoever runs the meeting (as for sealing and addenda) records where it is registered.
    if (!view.canWriteAddendum)
      throw new AppError(403, "forbidden", "Only the meeting's convener can record the registration number.");
    await minutes.setRegistrationNumber(actor, board, body.registrationNumber);
    return answer(c, resolved);
  })
  .get("/:boardId/minutes/sealed/:kind", async (c) => {
    const kind = c.req.param("kind") as ArtefactKind;
    if (!ARTEFACT_KINDS.includes(kind)) throw notFound("Artefact");
    const { board, actor } = await minutesBoard(c);
    const { archive, minutes } = c.var.deps.services;
    const artefact = await archive.artefact(board.id, kind);
    if (!artefact) throw new AppError(409, "minutes_not_sealed", "These minutes are not sealed yet.");
    await minutes.record("minutes.exported", actor, board, { artefact: kind });
    const filename = `protokoll-${artefact.sequence}.${ARTEFACTS[kind].extension}`;
    return c.body(new Uint8Array(artefact.body), 200, {
      "content-type": ARTEFACTS[kind].contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "private, no-store",
    });
  })
  .get("/:boardId/meeting.ics", async (c) => {
    const { board } = await minutesBoard(c);
    const meeting = await calendarMeeting(c, board);
    if (!meeting) throw new AppError(409, "meeting_date_missing", "This meeting has no date yet.");
    return ics(c, calendar(board.title, [meeting]), "mote.ics");
  });

/** Mounted under /api/workspaces. */
export const workspaceMinutesRoutes = new Hono<AppEnv>()
  .use(requireUser)
  .get("/:workspaceId/minutes/next-number", async (c) => {
    const { access, meetings } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    const query = queryParams(c, nextNumberQuery);
    return c.json({ next: await meetings.nextNumber(workspaceId, query.year, query.board) });
  })
  .get("/:workspaceId/minutes/chain", async (c) => {
    const { access, archive } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    return c.json({ chain: await archive.verifyChain(workspaceId) });
  })
  .post("/:workspaceId/minutes/verify", async (c) => {
    const { access, archive } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    if (c.req.header("content-type")?.split(";")[0]?.trim().toLowerCase() !== "application/octet-stream")
      throw new AppError(
        415,
        "unsupported_media_type",
        "Send the file itself (Content-Type: application/octet-stream).",
      );
    const file = new Uint8Array(await c.req.arrayBuffer());
    if (file.byteLength === 0) throw new AppError(400, "empty_file", "The file is empty.");
    return c.json({ verification: await archive.verify(workspaceId, file) });
  })
  .post("/:workspaceId/calendar-feed", async (c) => {
    await jsonBody(c, emptyBody);
    const { access, calendarFeeds } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    const user = currentUser(c);
    await access.workspace(user, workspaceId, "boards.read");
    const token = await calendarFeeds.renew(user.id, workspaceId);
    return c.json({ url: `${c.var.deps.config.publicOrigin}/calendar/${token}.ics` }, 201);
  })
  .delete("/:workspaceId/calendar-feed", async (c) => {
    const { access, calendarFeeds } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    const user = currentUser(c);
    await access.workspace(user, workspaceId, "boards.read");
    await calendarFeeds.revoke(user.id, workspaceId);
    return c.body(null, 204);
  })
  .get("/:workspaceId/meetings.ics", async (c) => {
    const { access, meetings, workspaces } = c.var.deps.services;
    const workspaceId = c.req.param("workspaceId");
    await access.workspace(currentUser(c), workspaceId, "boards.read");
    const workspace = await workspaces.get(currentUser(c).id, workspaceId);
    const events = await meetings.calendar(workspaceId, c.var.deps.config.publicOrigin);
    return ics(c, calendar(workspace.name, events), "moten.ics");
  });

async function calendarMeeting(
  c: C,
  board: { id: string; title: string; updatedAt: Date },
): Promise<CalendarMeeting | null> {
  const { projections } = c.var.deps.services;
  const doc = await projections.copyOf(board.id);
  try {
    const { meeting } = readMinutes(doc);
    if (!meeting.startsAt) return null;
    return {
      boardId: board.id,
      title: board.title,
      startsAt: meeting.startsAt,
      endsAt: meeting.endsAt,
      place: meeting.place,
      description: "",
      url: `${c.var.deps.config.publicOrigin}/boards/${board.id}`,
      updatedAt: board.updatedAt.toISOString(),
      sequence: 0,
    };
  } finally {
    doc.destroy();
  }
}

function ics(c: C, body: string, filename: string) {
  return c.body(body, 200, {
    "content-type": "text/calendar; charset=utf-8",
    "content-disposition": `attachment; filename="${filename}"`,
    "cache-control": "private, no-store",
  });
}

/**
 * Mounted at /calendar, outside the API: a calendar app fetches `/calendar/<secret>.ics` without
 * a session. An unknown, renewed or revoked link, or one whose owner left, answers 404.
 */
export const calendarFeedRoutes = new Hono<AppEnv>().get("/:file", async (c) => {
  const { calendarFeeds, meetings } = c.var.deps.services;
  const file = c.req.param("file");
  const feed = file.endsWith(".ics") ? await calendarFeeds.resolve(file.slice(0, -4)) : null;
  if (!feed) throw notFound("Calendar");
  const events = await meetings.calendar(feed.workspaceId, c.var.deps.config.publicOrigin);
  return ics(c, calendar(feed.workspaceName, events), "moten.ics");
});
