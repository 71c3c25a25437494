/**
 * Follow-up reports: list, generate a draft for a period, edit its texts, freeze it (the archival
 * PDF is made and its SHA-256 kept), and make a new version of a frozen one. Who may do what is
 * decided by the route; every change is audited here, in the same transaction as the change.
 */
import { and, desc, eq, lt } from "drizzle-orm";
import type { ReportContent, ReportKind, ReportSummary, ReportTexts, ReportView } from "../../shared/api/reports.js";
import type { Db } from "../db/client.js";
import { followUpReports } from "../db/schema.js";
import { conflict, notFound } from "../errors.js";
import { sha256Hex } from "../minutes/canonical.js";
import { isUuid } from "../services/access.js";
import type { Audit } from "../services/audit.js";
import type { Clock } from "../services/clock.js";
import { swedishToday } from "../services/content-queries.js";
import { assembleReport } from "./assemble.js";
import { renderReportPdf } from "./render.js";
import { steeringView } from "./steering.js";

type Row = typeof followUpReports.$inferSelect;

const EMPTY_TEXTS: ReportTexts = { summary: "", goals: {} };

function summary(r: Row): ReportSummary {
  return {
    id: r.id,
    kind: r.kind,
    title: r.title,
    periodFrom: r.periodFrom,
    periodTo: r.periodTo,
    version: r.version,
    state: r.state,
    createdAt: r.createdAt.toISOString(),
    frozenAt: r.frozenAt?.toISOString() ?? null,
    pdfSha256: r.pdfSha256,
  };
}

export function viewOf(r: Row): ReportView {
  return { ...summary(r), content: r.content as ReportContent, texts: r.texts as ReportTexts };
}

export interface EditTexts {
  title?: string | undefined;
  summary?: string | undefined;
  goals?: Record<string, { justification?: string | undefined; remaining?: string | undefined }> | undefined;
}

export function createReports(db: Db, audit: Audit, now: Clock) {
  async function row(workspaceId: string, reportId: string): Promise<Row> {
    if (!isUuid(reportId)) throw notFound("Report");
    const [r] = await db
      .select()
      .from(followUpReports)
      .where(and(eq(followUpReports.id, reportId), eq(followUpReports.workspaceId, workspaceId)));
    if (!r) throw notFound("Report");
    return r;
  }

  /** The latest frozen report ending before `periodTo`: what "change since the previous report" compares with. */
  async function previousFrozen(workspaceId: string, periodTo: string) {
    const [p] = await db
      .select()
      .from(followUpReports)
      .where(
        and(
          eq(followUpReports.workspaceId, workspaceId),
          eq(followUpReports.state, "frozen"),
          lt(followUpReports.periodTo, periodTo),
        ),
      )
      .orderBy(desc(followUpReports.periodTo), desc(followUpReports.version))
      .limit(1);
    return p
      ? { id: p.id, version: p.version, periodTo: p.periodTo, title: p.title, content: p.content as ReportContent }
      : null;
  }

  async function generate(workspaceId: string, periodFrom: string, periodTo: string) {
    const at = now();
    return assembleReport(db, {
      workspaceId,
      periodFrom,
      periodTo,
      today: swedishToday(at),
      now: at,
      previous: await previousFrozen(workspaceId, periodTo),
    });
  }

  async function insert(
    actorId: string,
    workspaceId: string,
    input: { kind: ReportKind; title: string; periodFrom: string; periodTo: string; texts: ReportTexts },
    action: string,
    data: Record<string, unknown> = {},
  ): Promise<ReportView> {
    const content = await generate(workspaceId, input.periodFrom, input.periodTo);
    return db.transaction(async (tx) => {
      const versions = await tx
        .select({ version: followUpReports.version })
        .from(followUpReports)
        .where(
          and(
            eq(followUpReports.workspaceId, workspaceId),
            eq(followUpReports.kind, input.kind),
            eq(followUpReports.periodFrom, input.periodFrom),
            eq(followUpReports.periodTo, input.periodTo),
          ),
        );
      const version = Math.max(0, ...versions.map((v) => v.version)) + 1;
      const [r] = await tx
        .insert(followUpReports)
        .values({ workspaceId, ...input, version, state: "draft", content, createdBy: actorId, createdAt: now() })
        .returning();
      if (!r) throw new Error("insert returned no row");
      await audit(
        {
          action,
          actorId,
          workspaceId,
          targetType: "report",
          targetId: r.id,
          data: { kind: r.kind, periodFrom: r.periodFrom, periodTo: r.periodTo, version, ...data },
        },
        tx as unknown as Db,
      );
      return viewOf(r);
    });
  }

  return {
    /** The steering view's data for today. */
    steering: (workspaceId: string) => steeringView(db, now, workspaceId),

    async list(workspaceId: string): Promise<ReportSummary[]> {
      const rows = await db
        .select()
        .from(followUpReports)
        .where(eq(followUpReports.workspaceId, workspaceId))
        .orderBy(desc(followUpReports.periodTo), desc(followUpReports.version), desc(followUpReports.createdAt));
      return rows.map(summary);
    },

    async get(workspaceId: string, reportId: string): Promise<ReportView> {
      return viewOf(await row(workspaceId, reportId));
    },

    /** The stored row, for rendering (a frozen report's PDF is served as sealed). */
    row,

    create(
      actorId: string,
      workspaceId: string,
      input: { kind: ReportKind; title: string; periodFrom: string; periodTo: string },
    ) {
      return insert(actorId, workspaceId, { ...input, texts: EMPTY_TEXTS }, "report.created");
    },

    /** Edits the texts of a draft; a frozen report answers 409 report_frozen. */
    async edit(actorId: string, workspaceId: string, reportId: string, edit: EditTexts): Promise<ReportView> {
      if (!isUuid(reportId)) throw notFound("Report");
      return db.transaction(async (tx) => {
        const [r] = await tx
          .select()
          .from(followUpReports)
          .where(and(eq(followUpReports.id, reportId), eq(followUpReports.workspaceId, workspaceId)))
          .for("update");
        if (!r) throw notFound("Report");
        if (r.state === "frozen") throw frozenError();
        const texts = structuredClone(r.texts as ReportTexts);
        if (edit.summary !== undefined) texts.summary = edit.summary;
        const keys = new Set((r.content as ReportContent).goals.map((g) => g.key));
        for (const [key, goal] of Object.entries(edit.goals ?? {})) {
          if (!keys.has(key)) throw notFound("Goal in the report");
          const next = { ...texts.goals[key] };
          if (goal.justification !== undefined) next.justification = goal.justification;
          if (goal.remaining !== undefined) next.remaining = goal.remaining;
          texts.goals[key] = next;
        }
        const [updated] = await tx
          .update(followUpReports)
          .set({ texts, ...(edit.title !== undefined ? { title: edit.title } : {}), updatedAt: now() })
          .where(eq(followUpReports.id, reportId))
          .returning();
        if (!updated) throw notFound("Report");
        await audit(
          {
            action: "report.edited",
            actorId,
            workspaceId,
            targetType: "report",
            targetId: reportId,
            data: {
              fields: [
                ...(edit.title !== undefined ? ["title"] : []),
                ...(edit.summary !== undefined ? ["summary"] : []),
                ...Object.keys(edit.goals ?? {}).map((k) => `goal:${k}`),
              ],
            },
          },
          tx as unknown as Db,
        );
        return viewOf(updated);
      });
    },

    /** Freezes a draft: renders the archival PDF, stores it and its SHA-256. 409 when already frozen. */
    async freeze(actorId: string, workspaceId: string, reportId: string): Promise<ReportView> {
      const r = await row(workspaceId, reportId);
      if (r.state === "frozen") throw frozenError();
      const frozenAt = now();
      const pdf = await renderReportPdf({ ...viewOf(r), state: "frozen", frozenAt: frozenAt.toISOString() }, "sv");
      const pdfSha256 = sha256Hex(pdf);
      return db.transaction(async (tx) => {
        const [updated] = await tx
          .update(followUpReports)
          .set({ state: "frozen", frozenAt, frozenBy: actorId, pdf, pdfSha256, updatedAt: frozenAt })
          .where(and(eq(followUpReports.id, reportId), eq(followUpReports.state, "draft")))
          .returning();
        // Someone else froze it (or edited it) between the read and now.
        if (!updated) throw frozenError();
        await audit(
          {
            action: "report.frozen",
            actorId,
            workspaceId,
            targetType: "report",
            targetId: reportId,
            data: { pdfSha256, version: updated.version },
          },
          tx as unknown as Db,
        );
        return viewOf(updated);
      });
    },

    /** A new draft from a frozen report: same kind, period and texts, the content generated again. */
    async newVersion(actorId: string, workspaceId: string, reportId: string): Promise<ReportView> {
      const r = await row(workspaceId, reportId);
      if (r.state !== "frozen")
        throw conflict("report_not_frozen", "Only a frozen report gets a new version; edit the draft instead.");
      return insert(
        actorId,
        workspaceId,
        { kind: r.kind, title: r.title, periodFrom: r.periodFrom, periodTo: r.periodTo, texts: r.texts as ReportTexts },
        "report.versioned",
        { from: r.id },
      );
    },

    /** Whether a frozen report's stored PDF still has its recorded hash. */
    async verify(workspaceId: string, reportId: string): Promise<{ ok: boolean; sha256: string | null }> {
      const r = await row(workspaceId, reportId);
      if (!r.pdf || !r.pdfSha256) return { ok: false, sha256: null };
      return { ok: sha256Hex(new Uint8Array(r.pdf)) === r.pdfSha256, sha256: r.pdfSha256 };
    },
  };
}

export type Reports = ReturnType<typeof createReports>;

function frozenError() {
  return conflict("report_frozen", "This report is frozen and cannot change; make a new version of it instead.");
}
