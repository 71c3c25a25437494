/**
 * When someone leaves or is removed, a convener hands their open actions to another member (or to
 * nobody): the change is made in the focus boards' live rooms, so a client on the board sees it
 * at once, and it is stored authored by the convener and audited.
 */
import { and, desc, eq } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { auditEvents, docUpdates, users } from "../../server/db/schema.js";
import { addAction, readFocus } from "../../shared/boards/focus.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe("handing over a member's open actions", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    f = await startRealtimeFixture();
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  const open = async (boardId: string, cookie: string | null) => {
    const c = connectProvider(f.server.url, boardId, { cookie });
    providers.push(c.provider);
    await synced(c.provider);
    return c.doc;
  };
  const base = () => `/api/workspaces/${f.workspaceId}/members`;

  it("gives every open action to the chosen member, live on the board, and leaves done ones alone", async () => {
    const first = await f.newBoard("focus");
    const second = await f.newBoard("focus");
    const eva = f.member.userId;
    const omar = f.member2.userId;
    const evaDoc = await open(first, f.member.cookie);
    const omarDoc = await open(first, f.member2.cookie);
    const evaDoc2 = await open(second, f.member.cookie);
    const ids = {
      open1: addAction(evaDoc, { title: "Ringa anhöriga", ownerId: eva, status: "in_progress" }),
      open2: addAction(evaDoc, { title: "Boka brytpunktssamtal", ownerId: eva, status: "planned" }),
      done: addAction(evaDoc, { title: "Skicka kallelse", ownerId: eva, status: "done" }),
      others: addAction(evaDoc, { title: "Uppdatera rutin", ownerId: omar }),
    };
    const elsewhere = addAction(evaDoc2, { title: "Följ upp mätning", ownerId: eva, status: "follow_up" });
    await eventually(() => expect(readFocus(omarDoc).actions).toHaveLength(4));

    // The convener sees how many open actions Eva has before removing her.
    const counts = await eventually(async () => {
      const res = await f.convener.get(`${base()}/open-actions`);
      expect(res.status).toBe(200);
      const mine = res.body.owners.find((o: { userId: string }) => o.userId === eva);
      expect(mine).toMatchObject({ count: 3, member: true, name: "Eva Sjuksköterska" });
      return res.body.owners;
    });
    expect(counts.find((o: { userId: string }) => o.userId === omar)?.count).toBe(1);

    const res = await f.convener.post(`${base()}/${eva}/handover`, { to: omar });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body).toEqual({ handedOver: 3, boards: 2 });

    // Omar, connected to the board all along, sees the new owner without reloading.
    await eventually(() => {
      const owners = Object.fromEntries(readFocus(omarDoc).actions.map((a) => [a.id, a.ownerId]));
      expect(owners).toEqual({ [ids.open1]: omar, [ids.open2]: omar, [ids.done]: eva, [ids.others]: omar });
    });
    await eventually(() => expect(readFocus(evaDoc2).actions.find((a) => a.id === elsewhere)?.ownerId).toBe(omar));

    // Stored like a client's update, authored by the convener; and audited.
    const [convener] = await f.database.db.select().from(users).where(eq(users.email, "admin@lekeberg.example.se"));
    const [last] = await f.database.db
      .select()
      .from(docUpdates)
      .where(eq(docUpdates.boardId, first))
      .orderBy(desc(docUpdates.seq))
      .limit(1);
    expect(last?.authorId).toBe(convener?.id);
    const [event] = await f.database.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.action, "member.actions_handed_over"), eq(auditEvents.targetId, eva)));
    expect(event).toMatchObject({ actorId: convener?.id, workspaceId: f.workspaceId });
    expect(event?.data).toEqual({ to: omar, actions: 3, boards: 2 });
  });

  it("leaves them without an owner on request, also after the person has left, and only to members", async () => {
    const board = await f.newBoard("focus");
    const lena = f.observer.userId;
    const doc = await open(board, f.member.cookie);
    const id = addAction(doc, { title: "Sammanställa avvikelser", ownerId: lena });
    await eventually(async () =>
      expect(
        (await f.convener.get(`${base()}/open-actions`)).body.owners.some((o: { userId: string }) => o.userId === lena),
      ).toBe(true),
    );

    const outsider = await f.outsider.get("/api/auth/me");
    const refused = await f.convener.post(`${base()}/${lena}/handover`, { to: outsider.body.user.id });
    expect(refused.status).toBe(400);
    expect(refused.body.error.code).toBe("not_member");
    expect((await f.convener.post(`${base()}/${lena}/handover`, { to: lena })).status).toBe(400);

    // Lena leaves; her actions stay hers until the convener hands them on.
    expect((await f.observer.delete(`${base()}/${lena}`)).status).toBe(204);
    const owners = await eventually(async () => {
      const found = (await f.convener.get(`${base()}/open-actions`)).body.owners.find(
        (o: { userId: string }) => o.userId === lena,
      );
      expect(found?.member).toBe(false);
      return found;
    });
    expect(owners.count).toBe(1);
    const res = await f.convener.post(`${base()}/${lena}/handover`, { to: null });
    expect(res.body).toEqual({ handedOver: 1, boards: 1 });
    await eventually(() => expect(readFocus(doc).actions.find((a) => a.id === id)?.ownerId).toBeNull());

    // Only conveners hand over.
    expect((await f.member.post(`${base()}/${f.member2.userId}/handover`, { to: null })).status).toBe(403);
  });
});
