/**
 * Board history through the API and live clients: versions per editing session with who changed
 * what, one version read-only, per-item history, restoring a version (seen live by another
 * client, audited, the log kept), forgetting versions, retention, and every refusal.
 */
import { randomUUID } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { auditEvents, boardVersions, docUpdates, minutesStatus } from "../../server/db/schema.js";
import { packState } from "../../server/history/state-codec.js";
import { addAction, getAction, moveAction, updateAction } from "../../shared/boards/focus.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe("board history", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];
  const client = async (boardId: string, cookie: string | null) => {
    const c = connectProvider(f.server.url, boardId, { cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c;
  };
  /** Closes every client; the room then unloads (idle 50 ms), which ends the editing session. */
  const endSession = () => {
    for (const p of providers.splice(0)) p.destroy();
  };
  const versions = async (boardId: string) => (await f.member.get(`/api/boards/${boardId}/history`)).body.versions;

  /** A focus board edited in two sessions: Eva adds "Brytpunktssamtal", then Omar moves it to Pågår. */
  async function boardWithTwoVersions() {
    const boardId = await f.newBoard();
    const eva = await client(boardId, f.member.cookie);
    addAction(eva.doc, { id: "a1", title: "Brytpunktssamtal", status: "idea" });
    endSession();
    await eventually(async () => expect(await versions(boardId)).toHaveLength(1));
    const omar = await client(boardId, f.member2.cookie);
    moveAction(omar.doc, "a1", "in_progress", null);
    updateAction(omar.doc, "a1", { ownerId: f.member2.userId, dueDate: "2026-12-24" });
    endSession();
    await eventually(async () => expect(await versions(boardId)).toHaveLength(2));
    return boardId;
  }

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 });
  });
  afterEach(endSession);
  afterAll(() => f?.close());

  it("lists versions newest first with who changed what, and pages through them", async () => {
    const boardId = await boardWithTwoVersions();
    const res = await f.observer.get(`/api/boards/${boardId}/history`);
    expect(res.status).toBe(200);
    const [newest, oldest] = res.body.versions;
    expect(newest.authorIds).toEqual([f.member2.userId]);
    expect(newest.changes).toEqual(
      expect.arrayContaining([
        {
          by: f.member2.userId,
          kind: "moved",
          itemId: "a1",
          itemType: "action",
          title: "Brytpunktssamtal",
          from: "idea",
          to: "in_progress",
        },
        {
          by: f.member2.userId,
          kind: "assigned",
          itemId: "a1",
          itemType: "action",
          title: "Brytpunktssamtal",
          to: f.member2.userId,
        },
        {
          by: f.member2.userId,
          kind: "dated",
          itemId: "a1",
          itemType: "action",
          title: "Brytpunktssamtal",
          to: "2026-12-24",
        },
      ]),
    );
    expect(oldest.changes).toContainEqual(
      expect.objectContaining({ by: f.member.userId, kind: "added", itemId: "a1", title: "Brytpunktssamtal" }),
    );
    expect(res.body.people[f.member2.userId]).toBe("Omar Fysioterapeut");
    expect(res.body.people[f.member.userId]).toBe("Eva Sjuksköterska");
    expect(res.body.next).toBeNull();
    expect(res.body.retentionDays).toBe(90);

    const first = await f.member.get(`/api/boards/${boardId}/history?limit=1`);
    expect(first.body.versions.map((v: { id: string }) => v.id)).toEqual([newest.id]);
    const second = await f.member.get(
      `/api/boards/${boardId}/history?limit=1&before=${encodeURIComponent(first.body.next)}`,
    );
    expect(second.body.versions.map((v: { id: string }) => v.id)).toEqual([oldest.id]);
    expect(second.body.next).toBeNull();
  });

  it("shows one version read-only and one item's history", async () => {
    const boardId = await boardWithTwoVersions();
    const [, oldest] = await versions(boardId);
    const res = await f.observer.get(`/api/boards/${boardId}/history/${oldest.id}`);
    expect(res.status).toBe(200);
    expect(res.body.content.items).toEqual([
      expect.objectContaining({ id: "a1", type: "action", title: "Brytpunktssamtal", status: "idea", ownerId: null }),
    ]);
    expect(res.body.people[f.member.userId]).toBe("Eva Sjuksköterska");

    const item = await f.observer.get(`/api/boards/${boardId}/items/a1/history`);
    expect(item.status).toBe(200);
    expect(item.body.entries.map((e: { change: { kind: string } }) => e.change.kind)).toEqual([
      "dated",
      "assigned",
      "moved",
      "added",
    ]);
    // An item without recorded changes has no history to show.
    expect((await f.observer.get(`/api/boards/${boardId}/items/nothing-here/history`)).status).toBe(404);
  });

  it("restores a version as a new change that another client sees live, audited, the log kept", async () => {
    const boardId = await boardWithTwoVersions();
    const [, oldest] = await versions(boardId);
    const watcher = await client(boardId, f.member2.cookie);
    expect(getAction(watcher.doc, "a1")?.status).toBe("in_progress");
    const before = await f.database.db.select().from(docUpdates).where(eq(docUpdates.boardId, boardId));

    const res = await f.member.post(`/api/boards/${boardId}/history/${oldest.id}/restore`, {});
    expect(res.status).toBe(200);
    expect(res.body.restored).toEqual({ versionId: oldest.id });
    expect(res.body.content.items[0]).toMatchObject({ id: "a1", status: "idea", ownerId: null, dueDate: null });
    await eventually(() => {
      expect(getAction(watcher.doc, "a1")).toMatchObject({ status: "idea", ownerId: null, dueDate: null });
    });

    // A new update by the restorer; nothing stored before it was rewritten.
    const after = await f.database.db.select().from(docUpdates).where(eq(docUpdates.boardId, boardId));
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.slice(before.length).map((r) => r.authorId)).toContain(f.member.userId);
    const audit = await f.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "board.restored"), eq(auditEvents.targetId, boardId)));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ actorId: f.member.userId, workspaceId: f.workspaceId, targetType: "board" });
    expect(audit[0]?.data).toMatchObject({ versionId: oldest.id });

    // The restore is itself history: a third version, by the restorer, moving the card back.
    endSession();
    await eventually(async () => expect(await versions(boardId)).toHaveLength(3));
    const [restored] = await versions(boardId);
    expect(restored.changes).toContainEqual(
      expect.objectContaining({ by: f.member.userId, kind: "moved", from: "in_progress", to: "idea" }),
    );
  });

  it("refuses what it must: 400, 401, 403, 404 and locked minutes", async () => {
    const boardId = await boardWithTwoVersions();
    const [newest] = await versions(boardId);
    const base = `/api/boards/${boardId}`;
    const anonymous = f.member.fresh();
    // 401: not signed in, on every endpoint.
    for (const res of [
      await anonymous.get(`${base}/history`),
      await anonymous.get(`${base}/history/${newest.id}`),
      await anonymous.post(`${base}/history/${newest.id}/restore`, {}),
      await anonymous.get(`${base}/items/a1/history`),
    ])
      expect(res.status).toBe(401);
    // 404: outsiders, unknown boards and versions.
    for (const res of [
      await f.outsider.get(`${base}/history`),
      await f.outsider.get(`${base}/history/${newest.id}`),
      await f.outsider.post(`${base}/history/${newest.id}/restore`, {}),
      await f.outsider.get(`${base}/items/a1/history`),
      await f.member.get(`/api/boards/${randomUUID()}/history`),
      await f.member.get(`${base}/history/${randomUUID()}`),
      await f.member.post(`${base}/history/${randomUUID()}/restore`, {}),
      await f.member.get(`${base}/history/not-a-version`),
      await f.member.post(`${base}/history/not-a-version/restore`, {}),
      await f.member.get(`${base}/items/${encodeURIComponent("a b")}/history`),
    ])
      expect(res.status).toBe(404);
    // A version of another board is not found through this one.
    const other = await boardWithTwoVersions();
    const [foreign] = await versions(other);
    expect((await f.member.get(`${base}/history/${foreign.id}`)).status).toBe(404);
    // 403: an observer reads but does not restore (reading has no 403: outsiders get 404).
    const refused = await f.observer.post(`${base}/history/${newest.id}/restore`, {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe("forbidden");
    // 400: malformed paging, ids and bodies.
    for (const res of [
      await f.member.get(`${base}/history?limit=0`),
      await f.member.get(`${base}/history?before=yesterday`),
      await f.member.get(`${base}/history?page=2`),
      await f.member.get(`${base}/history/${newest.id}?x=1`),
      await f.member.post(`${base}/history/${newest.id}/restore`, { force: true }),
      await f.member.post(`${base}/history/${newest.id}/restore`, "{"),
      await f.member.get(`${base}/items/a1/history?limit=5`),
    ]) {
      expect(res.status).toBe(400);
      expect(res.body.error.code).toMatch(/validation_failed|invalid_json/);
    }
    // Locked minutes are never restored.
    const minutesId = await f.newBoard("minutes");
    await f.database.db.insert(boardVersions).values({
      boardId: minutesId,
      seq: 1,
      state: await packState(Y.encodeStateAsUpdateV2(new Y.Doc())),
      authorIds: [],
      changes: [],
      startedAt: new Date(),
      endedAt: new Date(),
      open: false,
    });
    const [minutesVersion] = await versions(minutesId);
    await f.database.db.insert(minutesStatus).values({ boardId: minutesId, state: "sealed", approverIds: [] });
    const locked = await f.convener.post(`/api/boards/${minutesId}/history/${minutesVersion.id}/restore`, {});
    expect(locked.status).toBe(409);
    expect(locked.body.error.code).toBe("board_locked");
  });

  it("forgets every version whose text matches, and drops versions past the retention", async () => {
    const boardId = await boardWithTwoVersions();
    const history = f.server.services.history;
    expect(await history.forget(boardId, (text) => text.includes("Julafton"))).toBe(0);
    const kept = await boardWithTwoVersions();
    // Both versions name the card; every one goes.
    expect(await history.forget(boardId, (text) => /Brytpunktssamtal/.test(text))).toBe(2);
    expect(await versions(boardId)).toEqual([]);
    expect(await versions(kept)).toHaveLength(2);

    // Text only a change still names (the card was renamed away from it) is found there too. (An
    // identity number itself never gets this far: the realtime guard replaces it, identity-numbers.test.ts.)
    const named = await f.newBoard();
    const eva = await client(named, f.member.cookie);
    addAction(eva.doc, { id: "p1", title: "Ring larmnumret 112-33" });
    endSession();
    await eventually(async () => expect(await versions(named)).toHaveLength(1));
    const omar = await client(named, f.member2.cookie);
    updateAction(omar.doc, "p1", { title: "Ring patienten" });
    endSession();
    await eventually(async () => expect(await versions(named)).toHaveLength(2));
    const [renamed] = await versions(named);
    expect(renamed.changes).toContainEqual(
      expect.objectContaining({ kind: "renamed", from: "Ring larmnumret 112-33" }),
    );
    expect(await history.forget(named, (text) => text.includes("112-33"))).toBe(2);
    expect(await versions(named)).toEqual([]);

    expect(await history.prune(new Date())).toBe(0);
    const dropped = await history.prune(new Date(Date.now() + 91 * 86_400_000));
    expect(dropped).toBeGreaterThanOrEqual(2);
    expect(await versions(kept)).toEqual([]);
  });
});
