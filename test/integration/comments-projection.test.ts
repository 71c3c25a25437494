/**
 * Comments projected (issue 21): their text is found by the partnership's Swedish search with a
 * link to the card or goal they are on; a deleted one is not; a mention notifies the person once
 * (an edit that keeps it does not notify again, one that adds someone notifies only them), never
 * the author themselves nor someone outside the partnership; threads survive the board's
 * compaction and a rebuild of the projections without anyone being notified again.
 */
import { eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { docSnapshots, docUpdates } from "../../server/db/schema.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import type { SearchResult } from "../../shared/api/content.js";
import { addComment, deleteComment, editComment, readComments } from "../../shared/boards/comments.js";
import { addAction } from "../../shared/boards/focus.js";
import { addGoal } from "../../shared/boards/plan.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("comments in search and notifications (%s)", (kind) => {
  let f: RealtimeFixture;
  let outsiderId: string;
  const providers: WebsocketProvider[] = [];
  const open = async (boardId: string, who: ApiClient) => {
    const c = connectProvider(f.server.url, boardId, { cookie: who.cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c.doc;
  };
  const results = async (q: string) => {
    const res = await f.member2.get(`/api/workspaces/${f.workspaceId}/search?q=${encodeURIComponent(q)}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    return (res.body.results as SearchResult[]).filter((r) => r.kind === "comment");
  };
  const mentions = async (who: ApiClient) => {
    const res = await who.get("/api/me/notifications");
    expect(res.status).toBe(200);
    return (res.body.notifications as { kind: string; link: string; title: string }[]).filter(
      (n) => n.kind === "mentioned",
    );
  };
  const settle = async () => {
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    await f.server.services.projections.flush();
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 }, kind);
    outsiderId = (await f.outsider.get("/api/auth/me")).body.user.id;
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("finds a comment's text with a link to its card, and no longer once it is deleted", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member);
    const actionId = addAction(doc, { title: "Trygg hemgång" });
    const commentId = addComment(doc, {
      targetId: actionId,
      authorId: f.member.userId,
      body: "Biståndshandläggarna vill vara med på utskrivningsplaneringen.",
    });
    const planId = await f.newBoard("plan");
    const plan = await open(planId, f.member);
    const goalId = addGoal(plan, { title: "Färre återinläggningar" });
    addComment(plan, { targetId: goalId, authorId: f.member.userId, body: "Utskrivningsplaneringen följs upp i maj." });

    await eventually(async () => {
      await settle();
      const hits = await results("utskrivningsplanering");
      expect(hits.map((h) => [h.boardId, h.itemId, h.title]).sort()).toEqual(
        [
          [boardId, actionId, "Trygg hemgång"],
          [planId, goalId, "Färre återinläggningar"],
        ].sort(),
      );
    });
    expect((await results("biståndshandläggare"))[0]?.snippet.some((p) => p.match)).toBe(true);

    deleteComment(doc, commentId, f.member.userId);
    await eventually(async () => {
      await settle();
      expect((await results("biståndshandläggare")).length).toBe(0);
    });
  });

  it("notifies the people mentioned, once, and only members of the partnership other than the author", async () => {
    const boardId = await f.newBoard("focus");
    const doc = await open(boardId, f.member);
    const actionId = addAction(doc, { title: "Läkemedelsgenomgång" });
    const before = (await mentions(f.member2)).length;
    const commentId = addComment(doc, {
      targetId: actionId,
      authorId: f.member.userId,
      body: "@Omar Fysioterapeut kan du ta detta? Jag (@Eva Sjuksköterska) och @Ute Utomstående hjälper till.",
      mentions: [f.member2.userId, f.member.userId, outsiderId],
    });
    await eventually(async () => {
      await settle();
      expect(await mentions(f.member2)).toHaveLength(before + 1);
    });
    const [newest] = await mentions(f.member2);
    expect(newest).toMatchObject({
      title: "Läkemedelsgenomgång",
      link: `/boards/${boardId}?action=${encodeURIComponent(actionId)}&comment=${encodeURIComponent(commentId)}`,
    });
    expect(await mentions(f.member)).toHaveLength(0); // not the author
    expect(await mentions(f.outsider)).toHaveLength(0); // not outside the partnership

    // An edit that keeps Omar does not notify him again; adding Lena (observer, a member) notifies her.
    const lenaBefore = (await mentions(f.observer)).length;
    editComment(doc, commentId, f.member.userId, {
      body: "@Omar Fysioterapeut och @Lena Politiker, kan ni ta detta?",
      mentions: [f.member2.userId, f.observer.userId],
    });
    await eventually(async () => {
      await settle();
      expect(await mentions(f.observer)).toHaveLength(lenaBefore + 1);
    });
    expect(await mentions(f.member2)).toHaveLength(before + 1);

    // Mentions are a kind of their own in each person's e-mail choices.
    const off = await f.member2.put("/api/me/notification-settings", { emailOff: ["mentioned"] });
    expect(off.status, JSON.stringify(off.body)).toBe(200);
    expect((await f.member2.get("/api/me/notification-settings")).body.emailOff).toEqual(["mentioned"]);
  });

  it("keeps threads through compaction and a rebuild, notifying nobody again", async () => {
    const boardId = await f.newBoard("focus");
    const before = (await mentions(f.member2)).length;
    const doc = await open(boardId, f.member);
    const actionId = addAction(doc, { title: "Hemsjukvårdens nattpatrull" });
    addComment(doc, {
      targetId: actionId,
      authorId: f.member.userId,
      body: "@Omar Fysioterapeut nattpatrullen behöver rollatorer.",
      mentions: [f.member2.userId],
    });
    await eventually(async () => {
      await settle();
      expect((await results("rollator")).length).toBe(1);
      // The notice is written after the projection commits: wait for it too.
      expect(await mentions(f.member2)).toHaveLength(before + 1);
    });
    const notified = before + 1;
    for (const p of providers.splice(0)) p.destroy();
    // The room unloads once idle and compacts: the log becomes one snapshot.
    await eventually(async () => {
      const updates = await f.database.db.select().from(docUpdates).where(eq(docUpdates.boardId, boardId));
      const snapshots = await f.database.db.select().from(docSnapshots).where(eq(docSnapshots.boardId, boardId));
      expect([updates.length, snapshots.length]).toEqual([0, 1]);
    });
    const loaded = await createDocStore(f.database.db).load(boardId);
    const stored = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(stored, loaded.snapshot);
    expect(readComments(stored, actionId).map((c) => c.body)).toEqual([
      "@Omar Fysioterapeut nattpatrullen behöver rollatorer.",
    ]);

    await f.server.services.projections.rebuild();
    expect((await results("rollator")).map((h) => h.itemId)).toEqual([actionId]);
    expect(await mentions(f.member2)).toHaveLength(notified);
    const reopened = await open(boardId, f.member2);
    expect(readComments(reopened, actionId)).toHaveLength(1);
  });
});
