/**
 * The sealed archive: seals approved minutes into an immutable record (canonical JSON, PDF/A,
 * Markdown, each with its SHA-256), chained per partnership; hands out the artefacts; tells
 * whether a file is an unaltered sealed record; and walks a partnership's chain.
 */
import { and, asc, desc, eq, inArray, or } from "drizzle-orm";
import type * as Y from "yjs";
import type { ArtefactKind, Verification } from "../../shared/api/minutes.js";
import type { Db } from "../db/client.js";
import { boards, minutesStatus, sealedMinutes, users, workspaces } from "../db/schema.js";
import { buildRecord, focusBoardsIn, peopleIn } from "./build-record.js";
import { canonicalJson, sha256Hex } from "./canonical.js";
import { renderMarkdown } from "./render-markdown.js";
import { renderPdf } from "./render-pdf.js";

export const ARTEFACTS: Record<ArtefactKind, { contentType: string; extension: string }> = {
  json: { contentType: "application/json; charset=utf-8", extension: "json" },
  pdf: { contentType: "application/pdf", extension: "pdf" },
  markdown: { contentType: "text/markdown; charset=utf-8", extension: "md" },
};

export interface SealInput {
  doc: Y.Doc;
  boardId: string;
  workspaceId: string;
  approvals: { userId: string; approvedAt: Date }[];
  sealedBy: string;
  sealedAt: Date;
}

export interface SealedSummary {
  sequence: number;
  sealedAt: Date;
  registrationNumber: string | null;
  sha256: Record<ArtefactKind, string>;
  previousSha256: string | null;
}

/** The columns a sealed record's summary is made of (its identity and checksums, not its bytes). */
export const SEALED_SUMMARY_COLUMNS = {
  sequence: sealedMinutes.sequence,
  sealedAt: sealedMinutes.sealedAt,
  registrationNumber: sealedMinutes.registrationNumber,
  jsonSha256: sealedMinutes.jsonSha256,
  pdfSha256: sealedMinutes.pdfSha256,
  markdownSha256: sealedMinutes.markdownSha256,
  previousSha256: sealedMinutes.previousSha256,
};

export function createArchive(db: Db) {
  return {
    /**
     * Seals inside `tx`, which must already hold the partnership's lock, so that two seals in one
     * partnership take consecutive sequence numbers and chain to each other.
     */
    async seal(tx: Db, input: SealInput): Promise<SealedSummary> {
      const [previous] = await tx
        .select({ sequence: sealedMinutes.sequence, jsonSha256: sealedMinutes.jsonSha256 })
        .from(sealedMinutes)
        .where(eq(sealedMinutes.workspaceId, input.workspaceId))
        .orderBy(desc(sealedMinutes.sequence))
        .limit(1);
      const [link] = await tx
        .select({ boardId: sealedMinutes.boardId, sequence: sealedMinutes.sequence, title: boards.title })
        .from(minutesStatus)
        .innerJoin(sealedMinutes, eq(sealedMinutes.boardId, minutesStatus.addendumTo))
        .innerJoin(boards, eq(boards.id, sealedMinutes.boardId))
        .where(eq(minutesStatus.boardId, input.boardId));
      const personIds = [...new Set([...peopleIn(input.doc), ...input.approvals.map((a) => a.userId), input.sealedBy])];
      const focusIds = focusBoardsIn(input.doc);
      const [people, focusBoards, [workspace], [board]] = await Promise.all([
        personIds.length
          ? tx.select({ id: users.id, name: users.name }).from(users).where(inArray(users.id, personIds))
          : [],
        focusIds.length
          ? tx
              .select({ id: boards.id, title: boards.title })
              .from(boards)
              .where(and(inArray(boards.id, focusIds), eq(boards.workspaceId, input.workspaceId)))
          : [],
        tx
          .select({ id: workspaces.id, name: workspaces.name })
          .from(workspaces)
          .where(eq(workspaces.id, input.workspaceId)),
        tx.select({ id: boards.id, title: boards.title }).from(boards).where(eq(boards.id, input.boardId)),
      ]);
      if (!workspace || !board) throw new Error("the board or its partnership vanished while sealing");
      const record = buildRecord(input.doc, {
        partnership: { id: workspace.id, name: workspace.name },
        board: { id: board.id, name: board.title },
        people: new Map(people.map((p) => [p.id, p.name])),
        boards: new Map(focusBoards.map((b) => [b.id, b.title])),
        approvals: input.approvals,
        sealedAt: input.sealedAt,
        sealedBy: input.sealedBy,
        sequence: (previous?.sequence ?? 0) + 1,
        previousSha256: previous?.jsonSha256 ?? null,
        addendumTo: link ?? null,
      });
      const json = canonicalJson(record);
      const markdown = renderMarkdown(record);
      const pdf = await renderPdf(record);
      const row = {
        boardId: input.boardId,
        workspaceId: input.workspaceId,
        sequence: record.sequence,
        recordJson: json,
        jsonSha256: sha256Hex(json),
        pdf: new Uint8Array(pdf),
        pdfSha256: sha256Hex(pdf),
        markdown,
        markdownSha256: sha256Hex(markdown),
        previousSha256: record.previousSha256,
        sealedAt: input.sealedAt,
        sealedBy: input.sealedBy,
      };
      await tx.insert(sealedMinutes).values(row);
      return summary({ ...row, registrationNumber: null });
    },

    async summary(boardId: string): Promise<SealedSummary | null> {
      const [row] = await db
        .select(SEALED_SUMMARY_COLUMNS)
        .from(sealedMinutes)
        .where(eq(sealedMinutes.boardId, boardId));
      return row ? summary(row) : null;
    },

    async artefact(boardId: string, kind: ArtefactKind): Promise<{ body: Uint8Array; sequence: number } | null> {
      const [row] = await db.select().from(sealedMinutes).where(eq(sealedMinutes.boardId, boardId));
      if (!row) return null;
      const body =
        kind === "pdf"
          ? new Uint8Array(row.pdf)
          : new TextEncoder().encode(kind === "json" ? row.recordJson : row.markdown);
      return { body, sequence: row.sequence };
    },

    async setRegistrationNumber(boardId: string, registrationNumber: string | null, tx: Db = db): Promise<void> {
      await tx.update(sealedMinutes).set({ registrationNumber }).where(eq(sealedMinutes.boardId, boardId));
    },

    /** Whether `file` is, byte for byte, one of this partnership's sealed artefacts. */
    async verify(workspaceId: string, file: Uint8Array): Promise<Verification> {
      const hash = sha256Hex(file);
      const [row] = await db
        .select({ sealed: sealedMinutes, title: boards.title })
        .from(sealedMinutes)
        .innerJoin(boards, eq(boards.id, sealedMinutes.boardId))
        .where(
          and(
            eq(sealedMinutes.workspaceId, workspaceId),
            or(
              eq(sealedMinutes.jsonSha256, hash),
              eq(sealedMinutes.pdfSha256, hash),
              eq(sealedMinutes.markdownSha256, hash),
            ),
          ),
        )
        .limit(1);
      if (!row) return { match: false };
      const s = row.sealed;
      const artefact: ArtefactKind = s.jsonSha256 === hash ? "json" : s.pdfSha256 === hash ? "pdf" : "markdown";
      const chain = await this.verifyChain(workspaceId);
      return {
        match: true,
        artefact,
        boardId: s.boardId,
        title: row.title,
        sequence: s.sequence,
        sealedAt: s.sealedAt.toISOString(),
        recordIntact: chain.brokenAt === null || chain.brokenAt > s.sequence,
      };
    },

    /**
     * Recomputes every stored hash of the partnership's sealed minutes in order and checks each
     * record names its predecessor's hash. `brokenAt` is the first sequence that fails, or null.
     */
    async verifyChain(
      workspaceId: string,
    ): Promise<{ records: number; brokenAt: number | null; problem: string | null }> {
      const rows = await db
        .select()
        .from(sealedMinutes)
        .where(eq(sealedMinutes.workspaceId, workspaceId))
        .orderBy(asc(sealedMinutes.sequence));
      let previous: string | null = null;
      for (const [index, row] of rows.entries()) {
        const problem = chainProblem(row, index + 1, previous);
        if (problem) return { records: rows.length, brokenAt: row.sequence, problem };
        previous = row.jsonSha256;
      }
      return { records: rows.length, brokenAt: null, problem: null };
    },
  };
}

export type Archive = ReturnType<typeof createArchive>;

function chainProblem(
  row: typeof sealedMinutes.$inferSelect,
  expected: number,
  previous: string | null,
): string | null {
  if (row.sequence !== expected) return `sequence ${expected} is missing`;
  if (sha256Hex(row.recordJson) !== row.jsonSha256) return "the JSON record does not match its hash";
  if (sha256Hex(new Uint8Array(row.pdf)) !== row.pdfSha256) return "the PDF does not match its hash";
  if (sha256Hex(row.markdown) !== row.markdownSha256) return "the Markdown does not match its hash";
  if (row.previousSha256 !== previous) return "the link to the previous minutes does not hold";
  let named: unknown;
  try {
    named = (JSON.parse(row.recordJson) as { previousSha256?: unknown }).previousSha256;
  } catch {
    return "the JSON record cannot be read";
  }
  if (named !== previous) return "the record names another predecessor";
  return null;
}

function summary(row: {
  sequence: number;
  sealedAt: Date;
  registrationNumber: string | null;
  jsonSha256: string;
  pdfSha256: string;
  markdownSha256: string;
  previousSha256: string | null;
}): SealedSummary {
  return {
    sequence: row.sequence,
    sealedAt: row.sealedAt,
    registrationNumber: row.registrationNumber,
    sha256: { json: row.jsonSha256, pdf: row.pdfSha256, markdown: row.markdownSha256 },
    previousSha256: row.previousSha256,
  };
}
