/**
 * No patient identities in Samverkan (issue 23): an API write holding a personnummer or
 * samordningsnummer is refused naming the field; a board change holding one — pasted whole or
 * typed digit by digit, through the stock y-websocket client — is replaced with the placeholder
 * for everyone, and afterwards no table, log row or snapshot holds the number's digits. Audit
 * events say who and where, never the number.
 */
import { sql } from "drizzle-orm";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { actionDescription, addAction, getAction, updateAction } from "../../shared/boards/focus.js";
import { IDENTITY_NUMBER_PLACEHOLDER } from "../../shared/text/identity-numbers.js";
import { findInDatabase } from "../helpers/db-search.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const rowsOf = <T>(r: unknown) => (Array.isArray(r) ? r : (r as { rows: T[] }).rows) as T[];

describe("personal identity numbers are never stored", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    f = await startRealtimeFixture();
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(async () => {
    await f?.close();
  });

  const client = (boardId: string, cookie: string | null) => {
    const c = connectProvider(f.server.url, boardId, { cookie });
    providers.push(c.provider);
    return c;
  };

  const audit = async (action: string) =>
    rowsOf<{ actor_id: string; workspace_id: string; target_id: string; data: Record<string, unknown> }>(
      await f.database.db.execute(
        sql`select actor_id, workspace_id, target_id, data from audit_events where action = ${action} order by id`,
      ),
    );

  it("an API write with a number is refused naming the field, and the attempt is audited without it", async () => {
    const boardId = await f.newBoard();
    const attempts = [
      { field: "title", run: () => f.convener.patch(`/api/boards/${boardId}`, { title: "Pat 19121212-1212" }) },
      {
        field: "title",
        run: () => f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "focus", title: "121212-1212" }),
      },
      { field: "name", run: () => f.convener.post("/api/workspaces", { name: "Samverkan 201212121212" }) },
      {
        field: "description",
        run: () => f.convener.patch(`/api/workspaces/${f.workspaceId}`, { description: "121212+1212" }),
      },
      { field: "name", run: () => f.convener.post("/api/organizations", { name: "Org 19121272-1219" }) },
      { field: "q", run: () => f.convener.get(`/api/workspaces/${f.workspaceId}/search?q=121212-1212`) },
    ];
    for (const attempt of attempts) {
      const res = await attempt.run();
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe("identity_number");
      expect(Object.keys(res.body.error.details.fields)).toEqual([attempt.field]);
      expect(JSON.stringify(res.body)).not.toMatch(/1212-?1212|1219/);
    }
    const refused = await audit("identity_number.refused");
    expect(refused).toHaveLength(attempts.length);
    expect(refused[0]).toMatchObject({ target_id: boardId, workspace_id: f.workspaceId, data: { field: "title" } });
    // What merely looks like one is kept: a phone number, a date with a failing suffix.
    const fine = await f.convener.patch(`/api/boards/${boardId}`, { title: "Ring 070-123 45 67 efter 20240512-1300" });
    expect(fine.status).toBe(200);
    for (const needle of ["1212-1212", "201212121212", "1212+1212", "1272-1219"])
      expect(await findInDatabase(f.database.db, needle), needle).toEqual([]);
  });

  it("a pasted number is replaced for everyone, the sender too, and never reaches storage", async () => {
    const boardId = await f.newBoard();
    const writer = client(boardId, f.member.cookie);
    const reader = client(boardId, f.member2.cookie);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    addAction(writer.doc, { id: "a1", title: "Pat. 19121212-1212 ringer om hemgång" });
    const expected = `Pat. ${IDENTITY_NUMBER_PLACEHOLDER} ringer om hemgång`;
    await eventually(() => expect(getAction(reader.doc, "a1")?.title).toBe(expected));
    await eventually(() => expect(getAction(writer.doc, "a1")?.title).toBe(expected));
    await f.server.realtime.queue.drain();

    expect(await findInDatabase(f.database.db, "19121212-1212")).toEqual([]);
    expect(await findInDatabase(f.database.db, "1212-1212")).toEqual([]);
    const [removed] = await audit("identity_number.removed");
    expect(removed).toMatchObject({ actor_id: f.member.userId, target_id: boardId, workspace_id: f.workspaceId });
    expect(JSON.stringify(removed)).not.toContain("1212-1212");

    // A phone number in the same board is left as it was.
    updateAction(writer.doc, "a1", { title: "Ring 070-123 45 67" });
    await eventually(() => expect(getAction(reader.doc, "a1")?.title).toBe("Ring 070-123 45 67"));

    // So is an item whose id (a random UUID) has digits shaped like a number between its groups, and
    // a link to it; the API takes that id in a query as well.
    const id = "2e480714-6263-4311-906f-cf34d825b20e";
    const link = `Se /boards/${boardId}?action=${id}`;
    addAction(writer.doc, { id, title: link });
    await eventually(() => expect(getAction(reader.doc, id)?.title).toBe(link));
    const listed = await f.member.get(`/api/workspaces/${f.workspaceId}/actions?board=${id}`);
    expect(listed.status, JSON.stringify(listed.body)).toBe(200);
  });

  it("a number typed digit by digit in a title and in rich text: removed when complete, no digits left after compaction", async () => {
    const boardId = await f.newBoard();
    const writer = client(boardId, f.member.cookie);
    const reader = client(boardId, f.member2.cookie);
    await Promise.all([synced(writer.provider), synced(reader.provider)]);
    addAction(writer.doc, { id: "a2", title: "Pnr" });
    const paragraph = new Y.XmlElement("paragraph");
    const text = new Y.XmlText();
    paragraph.insert(0, [text]);
    actionDescription(writer.doc, "a2").insert(0, [paragraph]);
    text.insert(0, "Anhörig till ");
    const number = "460101-9872";
    for (let i = 1; i <= number.length; i++) {
      updateAction(writer.doc, "a2", { title: `Pnr ${number.slice(0, i)}` });
      text.insert(text.length, number[i - 1] as string);
      await new Promise((r) => setTimeout(r, 5));
      if (i === 8) {
        // Half-way, the board is compacted and a version kept: it holds what was typed so far.
        await f.server.realtime.queue.drain();
        await f.server.realtime.manager.room(boardId)?.compact(true);
        const kept = (await f.member.get(`/api/boards/${boardId}/history`)).body.versions;
        expect(kept.length).toBeGreaterThan(0);
      }
    }
    await eventually(() => {
      expect(getAction(reader.doc, "a2")?.title).toBe(`Pnr ${IDENTITY_NUMBER_PLACEHOLDER}`);
      expect(text.toString()).toBe(`Anhörig till ${IDENTITY_NUMBER_PLACEHOLDER}`);
    });
    await f.server.realtime.queue.drain();
    // The replacement is stored and the log compacted: not even the first ten digits remain,
    // in any table or in any kept version of the board (whose states are stored compressed).
    await eventually(async () => {
      expect(await findInDatabase(f.database.db, "460101-987")).toEqual([]);
      expect(await findInDatabase(f.database.db, "460101")).toEqual([]);
      const { versions } = (await f.member.get(`/api/boards/${boardId}/history`)).body;
      for (const version of versions) {
        const read = await f.member.get(`/api/boards/${boardId}/history/${version.id}`);
        expect(read.status).toBe(200);
        expect(JSON.stringify(read.body)).not.toContain("460101");
      }
    });
  });
});
