/**
 * Sealed minutes as a readable protocol: `minutesOutline` lays the record out as a list of plain
 * text blocks (both renderings follow it, so the Markdown and the PDF say the same thing), and
 * `renderMarkdown` writes those blocks as Markdown in which user text can only ever be text.
 */
import type { MeetingType } from "../../shared/boards/vocabulary.js";
import type { MinutesRecord, RecordAgendaItem } from "../../shared/minutes/record.js";
import { stockholmClock } from "../../shared/time/stockholm.js";

export type MinutesLocale = "sv" | "en";

/** One block of the laid-out protocol; every string is plain text, not yet escaped. */
export type OutlineBlock =
  | { kind: "heading"; level: 1 | 2 | 3 | 4 | 5; text: string }
  | { kind: "field"; label: string; value: string }
  | { kind: "paragraph"; text: string }
  | { kind: "list_item"; depth: number; ordinal: number | null; text: string }
  | { kind: "quote"; text: string }
  | { kind: "rule" }
  | { kind: "small"; text: string };

const sv = {
  minutes: "Protokoll",
  partnership: "Samverkansyta",
  addendumTo: "Tillägg till",
  addendumOf: (title: string, sequence: number) => `${title} (protokoll nr ${sequence})`,
  meetingType: "Mötestyp",
  time: "Tid",
  place: "Plats",
  convener: "Sammankallande",
  approvers: "Justerare",
  attendance: "Närvaro",
  present: "Närvarande",
  absent: "Frånvarande",
  noOrganization: "Utan organisation",
  decisions: "Beslut",
  actionItems: "Åtgärder",
  owner: "Ansvarig",
  dueDate: "Klart senast",
  focusArea: "Fokusområde",
  approvals: "Justering",
  approved: "justerat",
  noApprovals: "Ingen justering är registrerad.",
  none: "–",
  clock: "kl. ",
  sealed: (when: string, by: string) => `Förseglat ${when} av ${by}. Löpnummer`,
  previous: "Föregående protokolls SHA-256:",
  first: "Det första förseglade protokollet i samverkansytan.",
  page: (n: number, total: number) => `Sida ${n} av ${total}`,
  meetingTypes: {
    collaboration: "Samverkansmöte",
    rounds: "Rond",
    working_group: "Arbetsgruppsmöte",
    steering_group: "Styrgruppsmöte",
  } satisfies Record<MeetingType, string>,
};

const en: typeof sv = {
  minutes: "Minutes",
  partnership: "Partnership",
  addendumTo: "Addendum to",
  addendumOf: (title: string, sequence: number) => `${title} (minutes no. ${sequence})`,
  meetingType: "Type of meeting",
  time: "Time",
  place: "Place",
  convener: "Convener",
  approvers: "Approvers (justerare)",
  attendance: "Attendance",
  present: "Present",
  absent: "Absent",
  noOrganization: "No organisation",
  decisions: "Decisions",
  actionItems: "Action items",
  owner: "Owner",
  dueDate: "Due",
  focusArea: "Focus area",
  approvals: "Approval (justering)",
  approved: "approved",
  noApprovals: "No approval is recorded.",
  none: "–",
  clock: "",
  sealed: (when: string, by: string) => `Sealed ${when} by ${by}. Sequence number`,
  previous: "SHA-256 of the previous minutes:",
  first: "The first sealed minutes of the partnership.",
  page: (n: number, total: number) => `Page ${n} of ${total}`,
  meetingTypes: {
    collaboration: "Partnership meeting",
    rounds: "Care rounds",
    working_group: "Working group meeting",
    steering_group: "Steering group meeting",
  },
};

export type MinutesLabels = typeof sv;

export function minutesLabels(locale: MinutesLocale): MinutesLabels {
  return locale === "en" ? en : sv;
}

/** An ISO instant as "2026-11-23 kl. 13:00" in Swedish time; an unreadable one as it stands. */
export function formatInstant(iso: string, locale: MinutesLocale): string {
  const at = stockholmClock(iso);
  return at ? `${at.date} ${minutesLabels(locale).clock}${at.time}` : iso;
}

/** The meeting's time as "2026-11-23 kl. 13:00–14:30" (both ends shown in full across midnight). */
export function formatMeetingTime(startsAt: string | null, endsAt: string | null, locale: MinutesLocale): string {
  const labels = minutesLabels(locale);
  if (!startsAt) return labels.none;
  if (!endsAt) return formatInstant(startsAt, locale);
  const start = stockholmClock(startsAt);
  const end = stockholmClock(endsAt);
  if (start && end && start.date === end.date) return `${formatInstant(startsAt, locale)}–${end.time}`;
  return `${formatInstant(startsAt, locale)} – ${formatInstant(endsAt, locale)}`;
}

/** The protocol as blocks, in reading order. Pure and deterministic. */
export function minutesOutline(record: MinutesRecord, locale: MinutesLocale = "sv"): OutlineBlock[] {
  const l = minutesLabels(locale);
  const { meeting } = record;
  const blocks: OutlineBlock[] = [
    { kind: "heading", level: 1, text: record.board.name },
    { kind: "field", label: l.partnership, value: record.partnership.name },
    ...(record.addendumTo
      ? [
          {
            kind: "field" as const,
            label: l.addendumTo,
            value: l.addendumOf(record.addendumTo.title, record.addendumTo.sequence),
          },
        ]
      : []),
    { kind: "field", label: l.meetingType, value: l.meetingTypes[meeting.type] ?? meeting.type },
    { kind: "field", label: l.time, value: formatMeetingTime(meeting.startsAt, meeting.endsAt, locale) },
    { kind: "field", label: l.place, value: meeting.place || l.none },
    { kind: "field", label: l.convener, value: meeting.convener?.name || l.none },
    { kind: "field", label: l.approvers, value: meeting.approvers.map((p) => p.name).join(", ") || l.none },
  ];

  blocks.push({ kind: "heading", level: 2, text: l.attendance });
  const byOrganization = new Map<string, { present: string[]; absent: string[] }>();
  for (const a of record.attendees) {
    const organization = a.organization.trim() || l.noOrganization;
    const group = byOrganization.get(organization) ?? { present: [], absent: [] };
    byOrganization.set(organization, group);
    (a.present ? group.present : group.absent).push(a.role.trim() ? `${a.name} (${a.role.trim()})` : a.name);
  }
  if (byOrganization.size === 0) blocks.push({ kind: "paragraph", text: l.none });
  for (const [organization, group] of byOrganization) {
    blocks.push({ kind: "heading", level: 3, text: organization });
    if (group.present.length) blocks.push({ kind: "field", label: l.present, value: group.present.join(", ") });
    if (group.absent.length) blocks.push({ kind: "field", label: l.absent, value: group.absent.join(", ") });
  }

  for (const item of record.items) blocks.push(...itemBlocks(item, l));

  blocks.push({ kind: "heading", level: 2, text: l.approvals });
  if (record.approvals.length === 0) blocks.push({ kind: "paragraph", text: l.noApprovals });
  for (const a of record.approvals) {
    blocks.push({
      kind: "list_item",
      depth: 0,
      ordinal: null,
      text: `${a.name}, ${l.approved} ${formatInstant(a.approvedAt, locale)}`,
    });
  }

  const sealed = `${l.sealed(formatInstant(record.sealedAt, locale), record.sealedBy.name)} ${record.sequence}.`;
  const chain = record.previousSha256 ? `${l.previous} ${record.previousSha256}` : l.first;
  blocks.push({ kind: "rule" }, { kind: "small", text: `${sealed} ${chain}` });
  return blocks;
}

function itemBlocks(item: RecordAgendaItem, l: MinutesLabels): OutlineBlock[] {
  const title = item.title.trim();
  const heading = item.number === null ? title || l.none : title ? `§ ${item.number} ${title}` : `§ ${item.number}`;
  const blocks: OutlineBlock[] = [{ kind: "heading", level: 2, text: heading }];

  // Ordered items count per depth; any other block ends the list, as in the editor.
  let counters: { ordered: boolean; n: number }[] = [];
  for (const note of item.notes) {
    if (note.kind !== "list_item") {
      counters = [];
      if (note.kind === "heading")
        blocks.push({ kind: "heading", level: (note.level + 1) as 3 | 4 | 5, text: note.text });
      else blocks.push({ kind: note.kind, text: note.text });
      continue;
    }
    // A depth that skips a level is drawn one level below its parent.
    const depth = Math.min(Number.isInteger(note.depth) ? Math.max(0, note.depth) : 0, counters.length);
    const previous = counters[depth];
    counters = counters.slice(0, depth);
    const n = previous && previous.ordered === note.ordered ? previous.n + 1 : 1;
    counters.push({ ordered: note.ordered, n });
    blocks.push({ kind: "list_item", depth, ordinal: note.ordered ? n : null, text: note.text });
  }

  if (item.decisions.length) {
    blocks.push({ kind: "heading", level: 3, text: l.decisions });
    for (const text of item.decisions) blocks.push({ kind: "list_item", depth: 0, ordinal: null, text });
  }
  if (item.actionItems.length) {
    blocks.push({ kind: "heading", level: 3, text: l.actionItems });
    for (const a of item.actionItems) {
      const facts = [
        a.owner ? `${l.owner}: ${a.owner}` : null,
        a.dueDate ? `${l.dueDate}: ${a.dueDate}` : null,
        a.focusArea ? `${l.focusArea}: ${a.focusArea}` : null,
      ].filter((f) => f !== null);
      const text = facts.length ? `${a.title} (${facts.join("; ")})` : a.title;
      blocks.push({ kind: "list_item", depth: 0, ordinal: null, text });
    }
  }
  return blocks;
}

/** The protocol as CommonMark/GFM. Deterministic: the same record gives the same string. */
export function renderMarkdown(record: MinutesRecord, locale: MinutesLocale = "sv"): string {
  return outlineMarkdown(minutesOutline(record, locale));
}

/** Any outline (minutes, follow-up reports) as CommonMark/GFM; blocks of other kinds are skipped. */
export function outlineMarkdown(outline: Iterable<OutlineBlock | { kind: string }>): string {
  const lines: string[] = [];
  let previous: OutlineBlock["kind"] | null = null;
  // Content column of the last item at each depth, so nested items and continuation lines line up.
  let columns: number[] = [];
  for (const any of outline) {
    if (!OUTLINE_KINDS.has(any.kind)) continue;
    const block = any as OutlineBlock;
    // Consecutive items of one list stay tight; anything else is its own paragraph.
    const tight = previous === block.kind && (block.kind === "list_item" || block.kind === "field");
    if (previous !== null) lines.push(tight ? "\n" : "\n\n");
    if (block.kind !== "list_item") columns = [];
    previous = block.kind;
    switch (block.kind) {
      case "heading":
        lines.push(`${"#".repeat(block.level)} ${escapeMarkdown(block.text, null)}`);
        break;
      case "field":
        lines.push(`- **${escapeMarkdown(block.label, null)}:** ${escapeMarkdown(block.value, "  ")}`);
        break;
      case "paragraph":
        lines.push(escapeMarkdown(block.text, ""));
        break;
      case "list_item": {
        const indent = block.depth === 0 ? 0 : (columns[block.depth - 1] ?? 0);
        const marker = block.ordinal === null ? "-" : `${block.ordinal}.`;
        columns = columns.slice(0, block.depth);
        columns.push(indent + marker.length + 1);
        const continuation = " ".repeat(indent + marker.length + 1);
        lines.push(`${" ".repeat(indent)}${marker} ${escapeMarkdown(block.text, continuation)}`);
        break;
      }
      case "quote":
        lines.push(`> ${escapeMarkdown(block.text, "> ")}`);
        break;
      case "rule":
        lines.push("---");
        break;
      case "small":
        lines.push(`*${escapeMarkdown(block.text, "")}*`);
        break;
    }
  }
  return `${lines.join("")}\n`;
}

const OUTLINE_KINDS = new Set(["heading", "field", "paragraph", "list_item", "quote", "rule", "small"]);

const LINE_BREAKS = /\r\n|[\n\r\u0085\u2028\u2029]/;

/**
 * User text as Markdown that renders to exactly that text: every character that could start
 * markup (emphasis, code, links, images, HTML, entities, tables) is backslash-escaped, as are
 * block markers at a line start and the shapes GFM turns into links by itself (www., ://, @).
 * Line breaks become hard breaks followed by `continuation` (the block's prefix), or spaces
 * where the block is one line (continuation null).
 */
export function escapeMarkdown(text: string, continuation: string | null): string {
  const lines = text
    .split(LINE_BREAKS)
    .map((line) => line.replace(/\p{Cc}/gu, " ").trim())
    .filter((line) => line !== "");
  if (continuation === null) return escapeLine(lines.join(" "));
  return lines.map(escapeLine).join(`\\\n${continuation}`);
}

function escapeLine(line: string): string {
  return line
    .replace(/[\\`*_[\]<>#~|&!@$]/g, "\\$&")
    .replace(/:\/\//g, "\\://")
    .replace(/\b(www)\./gi, "$1\\.")
    .replace(/^[-+=]/, "\\$&")
    .replace(/^(\d+)([.)])/, "$1\\$2");
}
