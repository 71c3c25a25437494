/**
 * A partnership's data export: one zip with every board (JSON, Markdown, Yjs), the sealed minutes
 * byte for byte with checksums that match, members, organisations and the audit log as CSV, and a
 * README in Swedish. Conveners and the instance admin only; the export is itself audited.
 */
import { createHash } from "node:crypto";
import { eq } from "drizzle-orm";
import { unzipSync } from "fflate";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { auditEvents, sealedMinutes } from "../../server/db/schema.js";
import { addComment, deleteComment, editComment, readComments } from "../../shared/boards/comments.js";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem, addAttendee, addDecision, setMeeting } from "../../shared/boards/minutes.js";
import { addGoal } from "../../shared/boards/plan.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");
const text = (bytes: Uint8Array | undefined) => new TextDecoder("utf-8", { ignoreBOM: true }).decode(bytes);

describe("partnership data export", () => {
  let f: RealtimeFixture;
  let convenerId: string;
  const providers: WebsocketProvider[] = [];

  /** The board as Anna (the convener), or as `who`: a comment is written by its author's own connection. */
  async function open(boardId: string, who = f.convener) {
    const { doc, provider } = connectProvider(f.server.url, boardId, { cookie: who.cookie });
    providers.push(provider);
    await synced(provider);
    return doc;
  }

  /** Over the real HTTP server, so the zip really streams through Node's response. */
  const download = (path: string, cookie: string | null) =>
    fetch(new URL(path, f.server.url), { headers: { cookie: cookie ?? "" } });

  beforeAll(async () => {
    f = await startRealtimeFixture({ idleUnloadMs: 50 });
    convenerId = (await f.convener.get("/api/auth/me")).body.user.id;

    const plan = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind: "plan", title: "Plan 2026" });
    const planDoc = await open(plan.body.board.id);
    const goalId = addGoal(planDoc, { title: "Färre akuta inläggningar", status: "partly_achieved" });
    addComment(
      await open(plan.body.board.id, f.member),
      { targetId: goalId, authorId: f.member.userId, body: "Siffrorna för oktober\nkommer från regionen." },
      new Date("2026-11-02T09:30:00.000Z"),
    );

    const focus = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "focus",
      title: "Palliativ vård",
    });
    const focusDoc = await open(focus.body.board.id);
    const actionId = addAction(focusDoc, {
      title: "Brytpunktssamtal",
      status: "in_progress",
      ownerId: f.member.userId,
    });
    // Anna asks, Eva answers and then edits; a third comment was deleted (a trace, no text).
    addComment(
      focusDoc,
      { targetId: actionId, authorId: convenerId, body: "Vem *leder* samtalen?" },
      new Date("2026-11-03T08:05:00.000Z"),
    );
    const evasDoc = await open(focus.body.board.id, f.member);
    const answer = addComment(
      evasDoc,
      { targetId: actionId, authorId: f.member.userId, body: "Jag gör det." },
      new Date("2026-11-03T09:00:00.000Z"),
    );
    editComment(
      evasDoc,
      answer,
      f.member.userId,
      { body: "Jag gör det, med palliativa teamet.", mentions: [] },
      new Date("2026-11-03T10:00:00.000Z"),
    );
    const gone = addComment(focusDoc, { targetId: actionId, authorId: convenerId, body: "Fel tråd." });
    deleteComment(focusDoc, gone, convenerId);
    // Eva's comments came over her own connection: the server has them once Anna's copy does.
    await eventually(() => {
      expect(readComments(focusDoc).map((c) => c.body)).toEqual([
        "Vem *leder* samtalen?",
        "Jag gör det, med palliativa teamet.",
        "",
      ]);
      expect(readComments(planDoc)).toHaveLength(1);
    });

    const minutes = await f.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
      kind: "minutes",
      title: "Samverkansmöte november",
    });
    const boardId = minutes.body.board.id as string;
    const doc = await open(boardId);
    doc.transact(() => {
      setMeeting(doc, { startsAt: "2026-11-23T12:00:00.000Z", convenerId, approverIds: [f.member.userId] });
      addAttendee(doc, { name: "Åsa Öberg", organizationName: "Region Örebro län", role: "läkare", present: true });
      const item = addAgendaItem(doc, { title: "Vårdövergångar", number: 12 });
      addDecision(doc, item, "Ärendet återkommer på nästa möte.");
    });
    await eventually(async () => {
      expect((await f.convener.post(`/api/boards/${boardId}/minutes/close`, {})).status).toBe(200);
    });
    expect((await f.member.post(`/api/boards/${boardId}/minutes/approve`, {})).status).toBe(200);
    expect((await f.convener.post(`/api/boards/${boardId}/minutes/seal`, {})).status).toBe(200);
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  it("gives a convener one zip with boards, sealed records that verify, members, organisations and the audit log", async () => {
    const res = await download(`/api/workspaces/${f.workspaceId}/export`, f.convener.cookie);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/zip");
    expect(res.headers.get("content-disposition")).toMatch(
      /filename="samverkan-nara-vard-lekeberg-\d{4}-\d{2}-\d{2}\.zip"/,
    );
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    const names = Object.keys(files).sort();

    expect(names).toEqual(
      expect.arrayContaining([
        "README.txt",
        "samverkansyta.json",
        "medlemmar.csv",
        "organisationer.csv",
        "handelselogg.csv",
        "protokoll/SHA256SUMS.txt",
        "protokoll/protokoll.csv",
        "protokoll/001-samverkansmote-november/protokoll.pdf",
        "protokoll/001-samverkansmote-november/protokoll.md",
        "protokoll/001-samverkansmote-november/protokoll.json",
      ]),
    );
    for (const kind of ["plan-plan-2026", "fokusomrade-palliativ-vard", "protokoll-samverkansmote-november"]) {
      const dir = names.find((n) => n.endsWith(`${kind}/tavla.json`))?.replace("tavla.json", "");
      expect(dir, kind).toBeDefined();
      for (const file of ["tavla.json", "tavla.md", "tavla.yjs"]) expect(names).toContain(`${dir}${file}`);
    }

    // Board contents, read from the live rooms' state.
    const focusMd = text(files[names.find((n) => n.endsWith("fokusomrade-palliativ-vard/tavla.md")) as string]);
    expect(focusMd).toContain("## Pågår (1)");
    expect(focusMd).toContain("### Brytpunktssamtal");
    expect(focusMd).toContain("**Ansvarig:** Eva Sjuksköterska");
    const focusJson = JSON.parse(
      text(files[names.find((n) => n.endsWith("fokusomrade-palliativ-vard/tavla.json")) as string]),
    );
    expect(focusJson.content.actions[0]).toMatchObject({ title: "Brytpunktssamtal", status: "in_progress" });
    expect(focusJson.names.people[f.member.userId]).toBe("Eva Sjuksköterska");
    const planMd = text(files[names.find((n) => n.endsWith("plan-plan-2026/tavla.md")) as string]);
    expect(planMd).toContain("Färre akuta inläggningar (Effektmål; Delvis uppnått)");

    // Comments on actions and goals: who, when (Swedish time) and what, under what they are about.
    expect(focusMd).toContain(
      [
        "#### Kommentarer (3)",
        "",
        "- **Anna Admin**, 2026-11-03 kl. 09:05: Vem \\*leder\\* samtalen?",
        "- **Eva Sjuksköterska**, 2026-11-03 kl. 10:00 (ändrad 2026-11-03 kl. 11:00): Jag gör det, med palliativa teamet.",
      ].join("\n"),
    );
    expect(focusMd).toMatch(/- \*\*Anna Admin\*\*, [^\n]*: \*Kommentaren togs bort\.\*/);
    expect(focusMd).not.toContain("Fel tråd");
    expect(planMd).toContain(
      [
        "  - Kommentarer (1):",
        "    - **Eva Sjuksköterska**, 2026-11-02 kl. 10:30: Siffrorna för oktober\\",
        "      kommer från regionen.",
      ].join("\n"),
    );
    expect(focusJson.content.comments).toEqual([
      expect.objectContaining({
        targetId: focusJson.content.actions[0].id,
        authorId: convenerId,
        body: "Vem *leder* samtalen?",
      }),
      expect.objectContaining({ authorId: f.member.userId, editedAt: "2026-11-03T10:00:00.000Z", deleted: false }),
      expect.objectContaining({ authorId: convenerId, body: "", deleted: true }),
    ]);
    expect(focusJson.names.people[convenerId]).toBe("Anna Admin");
    const planJson = JSON.parse(text(files[names.find((n) => n.endsWith("plan-plan-2026/tavla.json")) as string]));
    expect(planJson.content.comments).toEqual([
      expect.objectContaining({
        body: "Siffrorna för oktober\nkommer från regionen.",
        createdAt: "2026-11-02T09:30:00.000Z",
      }),
    ]);
    expect(planJson.names.people[f.member.userId]).toBe("Eva Sjuksköterska");
    const yjs = files[names.find((n) => n.endsWith("plan-plan-2026/tavla.yjs")) as string] as Uint8Array;
    const copy = new Y.Doc();
    Y.applyUpdate(copy, yjs);
    expect(copy.getMap("goals").size).toBe(1);
    const minutesMd = text(files[names.find((n) => n.endsWith("samverkansmote-november/tavla.md")) as string]);
    expect(minutesMd).toContain("§ 12 Vårdövergångar");
    expect(minutesMd).toContain("*Status: förseglat. Den förseglade arkivhandlingen är protokoll nr 1.*");

    // The sealed record exactly as archived, and its checksums match.
    const [sealed] = await f.database.db
      .select()
      .from(sealedMinutes)
      .where(eq(sealedMinutes.workspaceId, f.workspaceId));
    const pdf = files["protokoll/001-samverkansmote-november/protokoll.pdf"] as Uint8Array;
    expect(sha256(pdf)).toBe(sealed?.pdfSha256);
    expect(Buffer.from(pdf).equals(Buffer.from(sealed?.pdf ?? []))).toBe(true);
    const sums = text(files["protokoll/SHA256SUMS.txt"]).trim().split("\n");
    expect(sums).toHaveLength(3);
    for (const line of sums) {
      const [hash, path] = line.split("  ");
      expect(sha256(files[`protokoll/${path}`] as Uint8Array), path).toBe(hash);
    }
    expect(JSON.parse(text(files["protokoll/001-samverkansmote-november/protokoll.json"])).sequence).toBe(1);

    const members = text(files["medlemmar.csv"]);
    expect(members.startsWith("\uFEFFNamn;E-post;Organisation;Roll;")).toBe(true);
    expect(members).toContain("Eva Sjuksköterska;");
    expect(members).toContain(";Lekebergs kommun;observatör;");
    expect(text(files["organisationer.csv"])).toContain("Lekebergs kommun;annan;");
    const log = text(files["handelselogg.csv"]);
    expect(log.startsWith("\uFEFFTid (svensk tid);")).toBe(true);
    expect(log).toContain("förseglade protokollet ”Samverkansmöte november”");
    expect(log).toContain("exporterade all data för ”Nära vård Lekeberg”");
    const readme = text(files["README.txt"]);
    expect(readme).toContain("sha256sum -c SHA256SUMS.txt");
    expect(readme).toContain("3 tavlor, 1 förseglat protokoll");
    const index = JSON.parse(text(files["samverkansyta.json"]));
    expect(index.partnership.name).toBe("Nära vård Lekeberg");
    expect(index.sealedMinutes[0].sha256.pdf).toBe(sealed?.pdfSha256);

    const recorded = await f.database.db.select().from(auditEvents).where(eq(auditEvents.action, "workspace.exported"));
    expect(recorded.map((e) => e.actorId)).toContain(convenerId);
  });

  it("records a download of sealed minutes as an export in the audit log", async () => {
    const [sealed] = await f.database.db
      .select()
      .from(sealedMinutes)
      .where(eq(sealedMinutes.workspaceId, f.workspaceId));
    const res = await download(`/api/boards/${sealed?.boardId}/minutes/sealed/pdf`, f.member.cookie);
    expect(res.status).toBe(200);
    const events = await f.convener.get(`/api/workspaces/${f.workspaceId}/audit?kind=minutes.exported`);
    expect(events.body.events[0]).toMatchObject({ action: "minutes.exported", details: { artefact: "pdf" } });
  });

  it("is for conveners and the instance admin only: 400 for an unknown parameter, 401, 403, 404", async () => {
    expect((await download(`/api/workspaces/${f.workspaceId}/export`, null)).status).toBe(401);
    const unknownParameter = await download(`/api/workspaces/${f.workspaceId}/export?format=tar`, f.convener.cookie);
    expect(unknownParameter.status).toBe(400);
    expect((await unknownParameter.json()).error.details.fields).toEqual({ format: "Unknown parameter." });
    expect((await download(`/api/workspaces/${f.workspaceId}/export`, f.member.cookie)).status).toBe(403);
    expect((await download(`/api/workspaces/${f.workspaceId}/export`, f.observer.cookie)).status).toBe(403);
    expect((await download(`/api/workspaces/${f.workspaceId}/export`, f.outsider.cookie)).status).toBe(404);
    const unknown = "/api/workspaces/00000000-0000-4000-8000-000000000000/export";
    expect((await download(unknown, f.convener.cookie)).status).toBe(404);
    expect((await download("/api/workspaces/nonsense/export", f.convener.cookie)).status).toBe(404);
    // The admin (here also the convener) may export a partnership they are not a member of.
    const other = await f.member.post("/api/workspaces", { name: "Evas samverkan" });
    const res = await download(`/api/workspaces/${other.body.workspace.id}/export`, f.convener.cookie);
    expect(res.status).toBe(200);
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()));
    expect(text(files["README.txt"])).toContain("0 tavlor, 0 förseglade protokoll");
    expect(files["protokoll/SHA256SUMS.txt"]).toBeUndefined();
  });
});
