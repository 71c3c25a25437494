/**
 * Comments belong to their authors (issue 21), over the stock y-websocket client: a comment
 * written in someone else's name, an edit or a deletion of another person's comment is undone by
 * the server, stored nowhere and put back in the writer's own copy, with the connection kept open;
 * one's own comments can be written, edited and deleted. Observers' writes are ignored.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createDocStore } from "../../server/docs/doc-store.js";
import {
  addComment,
  type CommentValue,
  commentsRoot,
  deleteComment,
  editComment,
  readComments,
} from "../../shared/boards/comments.js";
import { addAction } from "../../shared/boards/focus.js";
import type { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("comment authorship on %s", (databaseKind) => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];

  const connect = async (boardId: string, who: ApiClient) => {
    const c = connectProvider(f.server.url, boardId, { cookie: who.cookie });
    providers.push(c.provider);
    const closes: number[] = [];
    c.provider.on("connection-close", (event: CloseEvent | null) => {
      if (event) closes.push(event.code);
    });
    await synced(c.provider);
    return { ...c, closes };
  };
  const stored = async (boardId: string) => {
    await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
    const loaded = await createDocStore(f.database.db).load(boardId);
    const doc = new Y.Doc();
    if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
    for (const update of loaded.updates) Y.applyUpdate(doc, update);
    return readComments(doc);
  };
  const bodies = (doc: Y.Doc) => readComments(doc).map((c) => [c.body, c.deleted]);

  /** A focus board with one action and Eva's comment on it. */
  async function thread() {
    const boardId = await f.newBoard("focus");
    const eva = await connect(boardId, f.member);
    const actionId = addAction(eva.doc, { title: "Trygg hemgång" });
    const commentId = addComment(eva.doc, { targetId: actionId, authorId: f.member.userId, body: "Jag tar kontakt." });
    await eventually(async () => expect(await stored(boardId)).toHaveLength(1));
    return { boardId, eva, actionId, commentId };
  }

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 }, databaseKind);
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("a comment written in someone else's name is removed, for the writer too, and never stored", async () => {
    const { boardId, eva, actionId } = await thread();
    const omar = await connect(boardId, f.member2);
    addComment(omar.doc, { targetId: actionId, authorId: f.member.userId, body: "Eva håller med om allt." });
    await eventually(() => expect(bodies(omar.doc)).toEqual([["Jag tar kontakt.", false]]));
    expect(bodies(eva.doc)).toEqual([["Jag tar kontakt.", false]]);
    expect((await stored(boardId)).map((c) => c.body)).toEqual(["Jag tar kontakt."]);

    // His own comment on the same connection goes through.
    addComment(omar.doc, { targetId: actionId, authorId: f.member2.userId, body: "Jag kan hjälpa till." });
    await eventually(async () =>
      expect((await stored(boardId)).map((c) => [c.body, c.authorId])).toEqual([
        ["Jag tar kontakt.", f.member.userId],
        ["Jag kan hjälpa till.", f.member2.userId],
      ]),
    );
    await eventually(() => expect(bodies(eva.doc)).toHaveLength(2));
    expect(omar.closes).toEqual([]);
    expect(omar.provider.wsconnected).toBe(true);
  });

  it("editing, deleting or taking over another person's comment is undone; the author's own edit and delete stand", async () => {
    const { boardId, eva, commentId } = await thread();
    const omar = await connect(boardId, f.member2);
    const original = commentsRoot(omar.doc).get(commentId) as CommentValue;

    // The typed helpers refuse it; a client going around them is undone by the server.
    expect(() => editComment(omar.doc, commentId, f.member2.userId, { body: "Ändrat" })).toThrow(/author/);
    commentsRoot(omar.doc).set(commentId, { ...original, body: "Ändrat av Omar", editedAt: new Date().toISOString() });
    await eventually(() => expect(bodies(omar.doc)).toEqual([["Jag tar kontakt.", false]]));
    commentsRoot(omar.doc).set(commentId, { ...original, authorId: f.member2.userId });
    await eventually(() => expect(readComments(omar.doc)[0]?.authorId).toBe(f.member.userId));
    commentsRoot(omar.doc).delete(commentId);
    await eventually(() => expect(bodies(omar.doc)).toEqual([["Jag tar kontakt.", false]]));
    expect(bodies(eva.doc)).toEqual([["Jag tar kontakt.", false]]);
    expect((await stored(boardId)).map((c) => [c.body, c.authorId])).toEqual([["Jag tar kontakt.", f.member.userId]]);
    expect(omar.closes).toEqual([]);

    // Eva edits and then deletes her own comment: both reach Omar and storage.
    editComment(eva.doc, commentId, f.member.userId, { body: "Jag tar kontakt i morgon." });
    await eventually(() => expect(bodies(omar.doc)).toEqual([["Jag tar kontakt i morgon.", false]]));
    expect(readComments(omar.doc)[0]?.editedAt).not.toBeNull();
    deleteComment(eva.doc, commentId, f.member.userId);
    await eventually(async () => expect((await stored(boardId)).map((c) => [c.body, c.deleted])).toEqual([["", true]]));
    await eventually(() => expect(bodies(omar.doc)).toEqual([["", true]]));
  });

  it("an identity number in a comment is replaced before it is stored; the comment stays its author's", async () => {
    const { boardId, eva, actionId } = await thread();
    addComment(eva.doc, { targetId: actionId, authorId: f.member.userId, body: "Gäller patient 19121212-1212." });
    await eventually(async () => {
      const kept = await stored(boardId);
      expect(kept).toHaveLength(2);
      expect(kept[1]?.body).not.toContain("1212-1212");
      expect(kept[1]?.authorId).toBe(f.member.userId);
    });
    await eventually(() => expect(readComments(eva.doc)[1]?.body).not.toContain("1212-1212"));
  });

  it("an observer's comment is ignored: read-only connections never write", async () => {
    const { boardId, eva, actionId } = await thread();
    const lena = await connect(boardId, f.observer);
    expect(bodies(lena.doc)).toEqual([["Jag tar kontakt.", false]]);
    addComment(lena.doc, { targetId: actionId, authorId: f.observer.userId, body: "Får jag säga något?" });
    // Eva writes after Lena: once hers arrives, Lena's would have too.
    addComment(eva.doc, { targetId: actionId, authorId: f.member.userId, body: "Mötet är på torsdag." });
    await eventually(async () => expect((await stored(boardId)).map((c) => c.body)).toContain("Mötet är på torsdag."));
    await eventually(() => expect(bodies(lena.doc).map(([b]) => b)).toContain("Mötet är på torsdag."));
    expect((await stored(boardId)).map((c) => c.body)).toEqual(["Jag tar kontakt.", "Mötet är på torsdag."]);
  });
});
