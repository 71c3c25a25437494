/**
 * A partnership's data as one zip: every board (JSON, Markdown, Yjs), the sealed minutes exactly
 * as archived with their SHA-256, members and organisations as CSV, the audit events as CSV and a
 * README.txt in Swedish — what a municipality needs to leave the service or hand it to its
 * archive. Streamed: one board or one sealed record is in memory at a time.
 */
import { asc, eq, inArray } from "drizzle-orm";
import * as Y from "yjs";
import type { Db } from "../db/client.js";
import {
  boards,
  minutesApprovals,
  minutesStatus,
  organizations,
  sealedMinutes,
  users,
  workspaceMembers,
  workspaces,
} from "../db/schema.js";
import { SEALED_SUMMARY_COLUMNS } from "../minutes/archive.js";
import type { Projector } from "../projections/projector.js";
import { exportFrozenReports } from "../reports/export-part.js";
import type { AuditLog } from "../services/audit-log.js";
import { createDecisionPoints } from "../services/decision-points.js";
import { type BoardInfo, boardJson, boardMarkdown, idsIn, type MinutesState, type Names } from "./board-text.js";
import { auditCsvHeader, auditCsvRow, csvRow, stockholmTimestamp } from "./csv.js";
import { readme } from "./readme.js";
import { type ZipWriter, zipStream } from "./zip-stream.js";

const SEP = ";";
const KIND_DIR: Record<BoardInfo["kind"], string> = {
  plan: "plan",
  focus: "fokusomrade",
  minutes: "protokoll",
  followup: "uppfoljning",
  roadmap: "fardplan",
};
const ROLE: Record<string, string> = { convener: "sammankallande", member: "medlem", observer: "observatör" };
const ORG_KIND: Record<string, string> = {
  municipality: "kommun",
  primary_care: "primärvård",
  region: "region",
  civil_society: "civilsamhälle",
  other: "annan",
};

export interface ExportDeps {
  db: Db;
  projections: Pick<Projector, "copyOf">;
  auditLog: AuditLog;
  auditRetentionMs: number | null;
}

/** A file-name part: lower-case ASCII letters, digits and dashes (å ä ö → a a o), at most 40 characters. */
export function slug(text: string): string {
  const ascii = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 40)
    .replace(/-+$/, "");
  return ascii || "namnlos";
}

export function createRecordsExport(deps: ExportDeps) {
  const { db } = deps;

  async function nameMap(table: typeof users | typeof organizations, ids: string[]) {
    if (ids.length === 0) return new Map<string, string>();
    const rows = await db.select({ id: table.id, name: table.name }).from(table).where(inArray(table.id, ids));
    return new Map(rows.map((r) => [r.id, r.name]));
  }

  async function write(zip: ZipWriter, workspaceId: string, exportedBy: { id: string; name: string }) {
    const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId));
    if (!ws) throw new Error("the partnership vanished during its export");
    const partnership = { id: ws.id, name: ws.name };
    const boardRows = await db
      .select()
      .from(boards)
      .where(eq(boards.workspaceId, workspaceId))
      .orderBy(asc(boards.createdAt), asc(boards.id));
    const boardTitles = new Map(boardRows.map((b) => [b.id, b.title]));
    const states = new Map(
      (boardRows.length
        ? await db
            .select({ boardId: minutesStatus.boardId, state: minutesStatus.state })
            .from(minutesStatus)
            .where(
              inArray(
                minutesStatus.boardId,
                boardRows.map((b) => b.id),
              ),
            )
        : []
      ).map((r) => [r.boardId, r.state]),
    );
    const sealedList = await db
      .select({ boardId: sealedMinutes.boardId, ...SEALED_SUMMARY_COLUMNS })
      .from(sealedMinutes)
      .where(eq(sealedMinutes.workspaceId, workspaceId))
      .orderBy(asc(sealedMinutes.sequence));
    const sealedByBoard = new Map(sealedList.map((s) => [s.boardId, s.sequence]));
    const exportedAt = new Date();
    const orgIds = new Set<string>();
    const index: { boards: unknown[]; sealedMinutes: unknown[] } = { boards: [], sealedMinutes: [] };

    await zip.file(
      "README.txt",
      readme({
        partnership: ws.name,
        exportedAt: stockholmTimestamp(exportedAt.toISOString()),
        exportedBy: exportedBy.name,
        boards: boardRows.length,
        sealed: sealedList.length,
        auditRetentionDays: deps.auditRetentionMs === null ? null : Math.round(deps.auditRetentionMs / 86_400_000),
      }),
    );

    for (const [i, row] of boardRows.entries()) {
      const board: BoardInfo = row;
      const dir = `tavlor/${String(i + 1).padStart(3, "0")}-${KIND_DIR[board.kind]}-${slug(board.title)}`;
      const doc = await deps.projections.copyOf(board.id);
      try {
        const ids = idsIn(board.kind, doc);
        for (const id of ids.organizations) orgIds.add(id);
        const approvals =
          board.kind === "minutes"
            ? await db
                .select({ userId: minutesApprovals.userId, approvedAt: minutesApprovals.approvedAt })
                .from(minutesApprovals)
                .where(eq(minutesApprovals.boardId, board.id))
                .orderBy(asc(minutesApprovals.approvedAt))
            : [];
        const names: Names = {
          people: await nameMap(users, [...new Set([...ids.people, ...approvals.map((a) => a.userId)])]),
          organizations: await nameMap(organizations, ids.organizations),
          boards: boardTitles,
          partnership,
        };
        const minutes: MinutesState | null =
          board.kind === "minutes"
            ? { state: states.get(board.id) ?? "draft", approvals, sealedSequence: sealedByBoard.get(board.id) ?? null }
            : null;
        await zip.file(`${dir}/tavla.json`, boardJson(board, doc, names, minutes));
        await zip.file(`${dir}/tavla.md`, boardMarkdown(board, doc, names, minutes));
        await zip.file(`${dir}/tavla.yjs`, Y.encodeStateAsUpdate(doc));
      } finally {
        doc.destroy();
      }
      index.boards.push({
        id: board.id,
        kind: board.kind,
        title: board.title,
        archived: board.archivedAt !== null,
        path: `${dir}/`,
      });
    }

    // Decision points (beslutspunkter) with their checklists and decisions; read only, so no audit.
    const points = await createDecisionPoints({
      db,
      projections: deps.projections,
      audit: async () => {},
      now: () => new Date(),
    }).list(workspaceId);
    if (points.length)
      await zip.file(
        "beslutspunkter.json",
        `${JSON.stringify({ format: "samverkan-decision-points/1", decisionPoints: points }, null, 2)}\n`,
      );

    let sums = "";
    let listing = `\uFEFF${csvRow(
      [
        "Löpnummer",
        "Titel",
        "Förseglat",
        "Diarienummer",
        "Mapp",
        "SHA-256 protokoll.pdf",
        "SHA-256 protokoll.md",
        "SHA-256 protokoll.json",
        "Föregående protokolls SHA-256",
      ],
      SEP,
    )}`;
    for (const s of sealedList) {
      // One sealed record (its PDF included) at a time.
      const [record] = await db.select().from(sealedMinutes).where(eq(sealedMinutes.boardId, s.boardId));
      if (!record) continue;
      const title = boardTitles.get(s.boardId) ?? "";
      const dir = `${String(s.sequence).padStart(3, "0")}-${slug(title)}`;
      await zip.file(`protokoll/${dir}/protokoll.pdf`, new Uint8Array(record.pdf), { compress: false });
      await zip.file(`protokoll/${dir}/protokoll.md`, record.markdown);
      await zip.file(`protokoll/${dir}/protokoll.json`, record.recordJson);
      sums += `${s.pdfSha256}  ${dir}/protokoll.pdf\n${s.markdownSha256}  ${dir}/protokoll.md\n${s.jsonSha256}  ${dir}/protokoll.json\n`;
      const sealedAt = stockholmTimestamp(s.sealedAt.toISOString());
      listing += csvRow(
        [
          s.sequence,
          title,
          sealedAt,
          s.registrationNumber,
          dir,
          s.pdfSha256,
          s.markdownSha256,
          s.jsonSha256,
          s.previousSha256,
        ],
        SEP,
      );
      index.sealedMinutes.push({
        sequence: s.sequence,
        boardId: s.boardId,
        title,
        sealedAt: s.sealedAt.toISOString(),
        registrationNumber: s.registrationNumber,
        path: `protokoll/${dir}/`,
        sha256: { pdf: s.pdfSha256, markdown: s.markdownSha256, json: s.jsonSha256 },
        previousSha256: s.previousSha256,
      });
    }
    if (sealedList.length) {
      await zip.file("protokoll/SHA256SUMS.txt", sums);
      await zip.file("protokoll/protokoll.csv", listing);
    }
    // Frozen follow-up reports (uppföljningsrapporter, slutrapporter): server/reports/export-part.ts.
    await exportFrozenReports(db, zip, workspaceId, slug);

    const members = await db
      .select({
        userId: users.id,
        name: users.name,
        email: users.email,
        role: workspaceMembers.role,
        since: workspaceMembers.createdAt,
        organizationId: workspaceMembers.organizationId,
        organization: organizations.name,
      })
      .from(workspaceMembers)
      .innerJoin(users, eq(users.id, workspaceMembers.userId))
      .leftJoin(organizations, eq(organizations.id, workspaceMembers.organizationId))
      .where(eq(workspaceMembers.workspaceId, workspaceId))
      .orderBy(asc(users.name));
    let memberCsv = `\uFEFF${csvRow(["Namn", "E-post", "Organisation", "Roll", "Medlem sedan", "Person-id", "Organisations-id"], SEP)}`;
    for (const m of members) {
      if (m.organizationId) orgIds.add(m.organizationId);
      memberCsv += csvRow(
        [
          m.name,
          m.email,
          m.organization,
          ROLE[m.role] ?? m.role,
          stockholmTimestamp(m.since.toISOString()),
          m.userId,
          m.organizationId,
        ],
        SEP,
      );
    }
    await zip.file("medlemmar.csv", memberCsv);

    const orgs = orgIds.size
      ? await db
          .select()
          .from(organizations)
          .where(inArray(organizations.id, [...orgIds]))
          .orderBy(asc(organizations.name))
      : [];
    let orgCsv = `\uFEFF${csvRow(["Namn", "Typ", "Organisations-id"], SEP)}`;
    for (const o of orgs) orgCsv += csvRow([o.name, ORG_KIND[o.kind] ?? o.kind, o.id], SEP);
    await zip.file("organisationer.csv", orgCsv);

    const auditLog = deps.auditLog;
    await zip.parts(
      "handelselogg.csv",
      (async function* () {
        yield auditCsvHeader("sv", false);
        for await (const page of auditLog.all({ kind: "workspace", workspaceId }, {}))
          yield page.map((event) => auditCsvRow(event, "sv", false)).join("");
      })(),
    );

    await zip.file(
      "samverkansyta.json",
      `${JSON.stringify(
        {
          format: "samverkan-export/1",
          exportedAt: exportedAt.toISOString(),
          exportedBy,
          partnership: { id: ws.id, name: ws.name, description: ws.description, createdAt: ws.createdAt.toISOString() },
          ...index,
        },
        null,
        2,
      )}\n`,
    );
  }

  return {
    /** The partnership's name, or null when there is none with that id. */
    async partnershipName(workspaceId: string): Promise<string | null> {
      const [row] = await db.select({ name: workspaces.name }).from(workspaces).where(eq(workspaces.id, workspaceId));
      return row?.name ?? null;
    },

    /** The zip as a stream; `onError` hears of a failure after the answer has started (the download then breaks off). */
    partnership(
      workspaceId: string,
      exportedBy: { id: string; name: string },
      onError: (error: unknown) => void,
    ): ReadableStream<Uint8Array> {
      return zipStream((zip) => write(zip, workspaceId, exportedBy), onError);
    },
  };
}

export type RecordsExport = ReturnType<typeof createRecordsExport>;
