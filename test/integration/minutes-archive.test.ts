/**
 * The sealed archive over HTTP: artefacts downloaded as sealed (PDF/A with the minutes' text,
 * Markdown matching the record), verification of uploaded files, the hash chain across a
 * partnership's minutes and its detection of a changed byte, § numbering through the year, and
 * meetings as iCalendar.
 */

import { sql } from "drizzle-orm";
import ICAL from "ical.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { sha256Hex } from "../../server/minutes/canonical.js";
import { renderMarkdown } from "../../server/minutes/render-markdown.js";
import { addAgendaItem, addAttendee, addDecision, readMinutes, setMeeting } from "../../shared/boards/minutes.js";
import type { MinutesRecord } from "../../shared/minutes/record.js";
import { eventually } from "../helpers/eventually.js";
import { pdfText } from "../helpers/pdf-text.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.each(databaseKinds())("sealed minutes archive on %s", (databaseKind) => {
  let f: RealtimeFixture;
  let convenerId: string;
  const providers: WebsocketProvider[] = [];
  const sealedBoards: string[] = [];

  const rows = <T>(result: unknown) => (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];

  /** Records, closes, approves and seals a meeting; returns its board id. */
  async function sealMeeting(title: string, startsAt: string, numbers: number[]) {
    const res = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "minutes", title });
    const boardId = res.body.board.id as string;
    const { doc, provider } = connectProvider(f.server.url, boardId, { cookie: f.convener.cookie });
    providers.push(provider);
    await synced(provider);
    doc.transact(() => {
      setMeeting(doc, { startsAt, place: "Kommunhuset, Fjugesta", convenerId, approverIds: [f.member.userId] });
      addAttendee(doc, {
        name: "Åsa Öberg",
        organizationName: "Region Örebro län",
        role: "distriktsläkare",
        present: true,
      });
      addAttendee(doc, { name: "Eva Sjuksköterska", organizationName: "Lekebergs kommun", role: "", present: false });
      for (const n of numbers) {
        const item = addAgendaItem(doc, { title: `Punkt ${n}: vårdövergångar`, number: n });
        addDecision(doc, item, `Beslut i § ${n}: ärendet återkommer på nästa möte.`);
      }
    });
    await eventually(async () => {
      const close = await f.convener.post(`/api/boards/${boardId}/minutes/close`, {});
      expect(close.status).toBe(200);
    });
    expect((await f.member.post(`/api/boards/${boardId}/minutes/approve`, {})).status).toBe(200);
    expect((await f.convener.post(`/api/boards/${boardId}/minutes/seal`, {})).status).toBe(200);
    sealedBoards.push(boardId);
    return boardId;
  }
  const download = async (boardId: string, kind: string) => {
    const res = await f.server.app.request(`/api/boards/${boardId}/minutes/sealed/${kind}`, {
      headers: { cookie: f.convener.cookie ?? "" },
    });
    expect(res.status).toBe(200);
    return new Uint8Array(await res.arrayBuffer());
  };
  const verify = async (body: Uint8Array, contentType = "application/octet-stream") => {
    const res = await f.server.app.request(`/api/workspaces/${f.workspaceId}/minutes/verify`, {
      method: "POST",
      body: new Blob([body.slice()]),
      headers: { cookie: f.convener.cookie ?? "", origin: f.convener.origin, "content-type": contentType },
    });
    return { status: res.status, body: await res.json() };
  };

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 }, databaseKind);
    convenerId = (await f.convener.get("/api/auth/me")).body.user.id;
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("keeps a PDF/A with the attendees, § numbers and decisions, and Markdown that matches the record", async () => {
    const boardId = await sealMeeting("Samverkansmöte november", "2026-11-23T12:00:00.000Z", [12, 13]);
    const json = new TextDecoder().decode(await download(boardId, "json"));
    const record = JSON.parse(json) as MinutesRecord;
    expect(record).toMatchObject({ sequence: 1, previousSha256: null, approvals: [{ userId: f.member.userId }] });

    const markdown = new TextDecoder().decode(await download(boardId, "markdown"));
    expect(markdown).toBe(renderMarkdown(record));

    const pdf = await download(boardId, "pdf");
    const raw = Buffer.from(pdf).toString("latin1");
    expect(raw.startsWith("%PDF-")).toBe(true);
    expect(raw).toMatch(/pdfaid:part/);
    const text = await pdfText(pdf);
    for (const expected of ["Åsa Öberg", "Region Örebro län", "§ 12", "§ 13", "ärendet återkommer på nästa möte"]) {
      expect(text).toContain(expected);
    }

    const view = (await f.convener.get(`/api/boards/${boardId}/minutes`)).body.minutes;
    expect(view.sealed.sha256).toEqual({ json: sha256Hex(json), pdf: sha256Hex(pdf), markdown: sha256Hex(markdown) });
    const exports = rows<{ n: number }>(
      await f.database.db.execute(
        sql`select count(*)::int as n from audit_events where target_id = ${boardId} and action = 'minutes.exported'`,
      ),
    );
    expect(exports[0]?.n).toBe(3);
  });

  it("answers whether an uploaded file is an unaltered sealed record, and which", async () => {
    const boardId = sealedBoards[0] ?? (await sealMeeting("Samverkansmöte", "2026-11-23T12:00:00.000Z", [1]));
    const pdf = await download(boardId, "pdf");
    const match = await verify(pdf);
    expect(match).toMatchObject({
      status: 200,
      body: { verification: { match: true, artefact: "pdf", boardId, recordIntact: true } },
    });
    const changed = pdf.slice();
    const middle = Math.floor(changed.length / 2);
    changed[middle] = (changed[middle] ?? 0) ^ 0x01;
    expect((await verify(changed)).body.verification).toEqual({ match: false });

    expect((await verify(new Uint8Array())).status).toBe(400);
    expect((await verify(pdf, "application/pdf")).status).toBe(415);
  });

  it("chains each partnership's sealed minutes, and the chain shows a changed byte", async () => {
    const first = sealedBoards[0] ?? (await sealMeeting("Möte 1", "2026-11-23T12:00:00.000Z", [1]));
    const second = await sealMeeting("Samverkansmöte december", "2026-12-01T12:00:00.000Z", [14]);
    const firstRecord = JSON.parse(new TextDecoder().decode(await download(first, "json"))) as MinutesRecord;
    const secondRecord = JSON.parse(new TextDecoder().decode(await download(second, "json"))) as MinutesRecord;
    expect(secondRecord.sequence).toBe(firstRecord.sequence + 1);
    expect(secondRecord.previousSha256).toBe(sha256Hex(new TextDecoder().decode(await download(first, "json"))));
    expect((await f.convener.get(`/api/workspaces/${f.workspaceId}/minutes/chain`)).body.chain).toMatchObject({
      brokenAt: null,
    });

    // The database refuses to change a sealed record …
    await expect(
      f.database.db.execute(sql`update sealed_minutes set markdown = markdown || ' ' where board_id = ${second}`),
    ).rejects.toThrow();
    await expect(f.database.db.execute(sql`delete from sealed_minutes where board_id = ${second}`)).rejects.toThrow();
    // … so someone with the power to switch that off changes one byte behind its back.
    await f.database.db.execute(sql`alter table sealed_minutes disable trigger sealed_minutes_immutable`);
    await f.database.db.execute(
      sql`update sealed_minutes set record_json = replace(record_json, 'återkommer', 'återkommr') where board_id = ${second}`,
    );
    await f.database.db.execute(sql`alter table sealed_minutes enable trigger sealed_minutes_immutable`);
    const chain = (await f.convener.get(`/api/workspaces/${f.workspaceId}/minutes/chain`)).body.chain;
    expect(chain).toMatchObject({ brokenAt: secondRecord.sequence, problem: expect.stringContaining("JSON") });
    expect((await verify(await download(second, "pdf"))).body.verification).toMatchObject({ recordIntact: false });
  });

  it("corrects sealed minutes with an addendum, sealed on its own and naming them, never by editing them", async () => {
    const original = sealedBoards[0] ?? (await sealMeeting("Möte", "2026-11-23T12:00:00.000Z", [1]));
    const originalJson = await download(original, "json");
    expect((await f.member.post(`/api/boards/${original}/minutes/addendum`, {})).status).toBe(403);
    const created = await f.convener.post(`/api/boards/${original}/minutes/addendum`, {});
    expect(created.status).toBe(201);
    const addendumId = created.body.board.id as string;
    expect(created.body.board.title).toMatch(/^Tillägg till /);
    const originalView = (await f.convener.get(`/api/boards/${original}/minutes`)).body.minutes;
    expect(originalView.addenda).toEqual([{ boardId: addendumId, title: created.body.board.title }]);
    const draft = (await f.convener.get(`/api/boards/${addendumId}/minutes`)).body.minutes;
    expect(draft).toMatchObject({ state: "draft", addendumTo: { boardId: original }, canWriteAddendum: false });
    // An addendum to a draft makes no sense: the draft itself is corrected.
    expect((await f.convener.post(`/api/boards/${addendumId}/minutes/addendum`, {})).body.error.code).toBe(
      "minutes_not_sealed",
    );

    const { doc, provider } = connectProvider(f.server.url, addendumId, { cookie: f.convener.cookie });
    providers.push(provider);
    await synced(provider);
    expect(readMinutes(doc).meeting.place).toBe("Kommunhuset, Fjugesta");
    doc.transact(() => {
      setMeeting(doc, { startsAt: "2026-11-30T12:00:00.000Z", approverIds: [f.member.userId] });
      const item = addAgendaItem(doc, { title: "Rättelse av § 12", number: 20 });
      addDecision(doc, item, "Beslutet i § 12 gäller från den 1 januari, inte från årsskiftet.");
    });
    await eventually(async () =>
      expect((await f.convener.post(`/api/boards/${addendumId}/minutes/close`, {})).status).toBe(200),
    );
    expect((await f.member.post(`/api/boards/${addendumId}/minutes/approve`, {})).status).toBe(200);
    expect((await f.convener.post(`/api/boards/${addendumId}/minutes/seal`, {})).status).toBe(200);
    const record = JSON.parse(new TextDecoder().decode(await download(addendumId, "json"))) as MinutesRecord;
    const first = JSON.parse(new TextDecoder().decode(originalJson)) as MinutesRecord;
    expect(record.addendumTo).toEqual({ boardId: original, title: first.board.name, sequence: first.sequence });
    expect(new TextDecoder().decode(await download(addendumId, "markdown"))).toContain("Tillägg till");
    // The corrected minutes are byte for byte what was sealed.
    expect(await download(original, "json")).toEqual(originalJson);
  });

  it("lets a convener record the registration number (diarienummer) on sealed minutes only", async () => {
    const boardId = sealedBoards[0] ?? (await sealMeeting("Möte", "2026-11-23T12:00:00.000Z", [1]));
    const put = (who: typeof f.convener, value: unknown) =>
      who.put(`/api/boards/${boardId}/minutes/registration-number`, { registrationNumber: value });
    expect((await put(f.member, "KS 2026/123")).status).toBe(403);
    expect((await put(f.convener, "KS 2026/123")).body.minutes.sealed.registrationNumber).toBe("KS 2026/123");
    expect((await put(f.convener, "")).body.minutes.sealed.registrationNumber).toBeNull();
  });

  it("numbers § on through the calendar year across the partnership's meetings", async () => {
    const res = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "minutes", title: "Rond" });
    const boardId = res.body.board.id as string;
    const { doc, provider } = connectProvider(f.server.url, boardId, { cookie: f.convener.cookie });
    providers.push(provider);
    await synced(provider);
    setMeeting(doc, { startsAt: "2026-10-05T07:00:00.000Z" });
    addAgendaItem(doc, { title: "Rond", number: 40 });
    const next = async (year: number, board?: string) =>
      (
        await f.convener.get(
          `/api/workspaces/${f.workspaceId}/minutes/next-number?year=${year}${board ? `&board=${board}` : ""}`,
        )
      ).body.next;
    await eventually(async () => expect(await next(2026)).toBe(41), 15_000, 100);
    // The meeting asking does not count its own numbers; another year starts again at 1.
    expect(await next(2026, boardId)).toBeLessThan(41);
    expect(await next(2025)).toBe(1);
  });

  it("serves each meeting as an .ics file and the partnership's meetings as a feed", async () => {
    const boardId = sealedBoards[0] ?? (await sealMeeting("Möte", "2026-11-23T12:00:00.000Z", [1]));
    const one = await f.convener.get(`/api/boards/${boardId}/meeting.ics`);
    expect(one.status).toBe(200);
    expect(one.headers.get("content-type")).toMatch(/^text\/calendar/);
    const event = new ICAL.Event(new ICAL.Component(ICAL.parse(String(one.body))).getFirstSubcomponent("vevent")!);
    expect(event.startDate.toJSDate().toISOString()).toBe("2026-11-23T12:00:00.000Z");
    expect(event.location).toBe("Kommunhuset, Fjugesta");

    await eventually(
      async () => {
        const feed = await f.convener.get(`/api/workspaces/${f.workspaceId}/meetings.ics`);
        const events = new ICAL.Component(ICAL.parse(String(feed.body))).getAllSubcomponents("vevent");
        expect(events.map((e) => e.getFirstPropertyValue("uid"))).toContain(`${boardId}@samverkan`);
      },
      15_000,
      100,
    );
    expect((await f.outsider.get(`/api/workspaces/${f.workspaceId}/meetings.ics`)).status).toBe(404);
  });

  it("gives each person a secret calendar link that works without signing in, until renewed or they leave", async () => {
    const boardId = sealedBoards[0] ?? (await sealMeeting("Möte", "2026-11-23T12:00:00.000Z", [1]));
    const subscribe = async () =>
      new URL((await f.member2.post(`/api/workspaces/${f.workspaceId}/calendar-feed`, {})).body.url).pathname;
    const fetchFeed = (path: string) => f.server.app.request(path);
    const first = await subscribe();
    await eventually(
      async () => {
        const res = await fetchFeed(first);
        expect(res.status).toBe(200);
        expect(await res.text()).toContain(`UID:${boardId}@samverkan`);
      },
      15_000,
      100,
    );
    const second = await subscribe();
    expect((await fetchFeed(first)).status).toBe(404);
    expect((await fetchFeed(second)).status).toBe(200);
    expect((await f.member2.delete(`/api/workspaces/${f.workspaceId}/calendar-feed`)).status).toBe(204);
    expect((await fetchFeed(second)).status).toBe(404);
    expect((await fetchFeed("/calendar/gissning.ics")).status).toBe(404);
  });
});
