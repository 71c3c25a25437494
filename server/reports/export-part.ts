/**
 * Frozen follow-up reports in a partnership's data export (server/records/export.ts): each as the
 * archived PDF (the bytes whose SHA-256 was recorded when frozen), its Markdown and its content as
 * JSON, under rapporter/, with SHA256SUMS.txt for `sha256sum -c`. Drafts are not records and are left out.
 */
import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../db/client.js";
import { followUpReports } from "../db/schema.js";
import { sha256Hex } from "../minutes/canonical.js";
import type { ZipWriter } from "../records/zip-stream.js";
import { reportMarkdown } from "./render.js";
import { viewOf } from "./service.js";

export async function exportFrozenReports(
  db: Db,
  zip: ZipWriter,
  workspaceId: string,
  slug: (text: string) => string,
): Promise<void> {
  const ids = await db
    .select({ id: followUpReports.id })
    .from(followUpReports)
    .where(and(eq(followUpReports.workspaceId, workspaceId), eq(followUpReports.state, "frozen")))
    .orderBy(asc(followUpReports.frozenAt), asc(followUpReports.id));
  let sums = "";
  let n = 0;
  for (const { id } of ids) {
    // One report (its PDF included) at a time.
    const [row] = await db.select().from(followUpReports).where(eq(followUpReports.id, id));
    if (!row?.pdf || !row.pdfSha256) continue;
    const dir = `${String(++n).padStart(3, "0")}-${slug(row.title)}-v${row.version}`;
    const view = viewOf(row);
    const markdown = reportMarkdown(view);
    const json = `${JSON.stringify(view, null, 2)}\n`;
    await zip.file(`rapporter/${dir}/rapport.pdf`, new Uint8Array(row.pdf), { compress: false });
    await zip.file(`rapporter/${dir}/rapport.md`, markdown);
    await zip.file(`rapporter/${dir}/rapport.json`, json);
    sums += `${row.pdfSha256}  ${dir}/rapport.pdf\n${sha256Hex(markdown)}  ${dir}/rapport.md\n${sha256Hex(json)}  ${dir}/rapport.json\n`;
  }
  if (sums) await zip.file("rapporter/SHA256SUMS.txt", sums);
}
