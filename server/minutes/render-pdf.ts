/**
 * Sealed minutes as an archival PDF (server/pdf/outline-pdf.ts: PDF/A-2b, DejaVu Sans embedded,
 * tagged). It draws the same outline as the Markdown rendering, so the two never say different things.
 */
import type { MinutesRecord } from "../../shared/minutes/record.js";
import { renderOutlinePdf } from "../pdf/outline-pdf.js";
import { formatMeetingTime, type MinutesLocale, minutesLabels, minutesOutline } from "./render-markdown.js";

export async function renderPdf(record: MinutesRecord, locale: MinutesLocale = "sv"): Promise<Buffer> {
  const labels = minutesLabels(locale);
  const sealedAt = new Date(record.sealedAt);
  if (Number.isNaN(sealedAt.getTime()))
    throw new TypeError(`renderPdf: sealedAt is not an instant: ${record.sealedAt}`);
  const meetingTime = formatMeetingTime(record.meeting.startsAt, record.meeting.endsAt, locale);
  return renderOutlinePdf(minutesOutline(record, locale), {
    title: `${labels.minutes}: ${record.board.name}`,
    author: record.partnership.name,
    subject: `${labels.meetingTypes[record.meeting.type] ?? record.meeting.type} ${meetingTime}`,
    // The sealing instant, not the rendering time: the same record renders to the same bytes.
    creationDate: sealedAt,
    lang: locale === "en" ? "en-GB" : "sv-SE",
    footer: record.board.name,
    page: labels.page,
  });
}
