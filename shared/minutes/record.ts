/**
 * The sealed minutes record: what a meeting's minutes say once approved (justerade), as plain
 * data with names resolved. Its canonical JSON is what is hashed and chained; the PDF/A and the
 * Markdown are renderings of it. Nothing here refers to Yjs, so the record reads the same in
 * twenty years.
 */
import type { MeetingType } from "../boards/vocabulary.js";

export const RECORD_FORMAT = "samverkan-minutes/1";

/** One block of an agenda item's notes; marks (bold, links) are dropped, the words are kept. */
export type NoteBlock =
  | { kind: "paragraph"; text: string }
  | { kind: "heading"; level: 2 | 3 | 4; text: string }
  | { kind: "list_item"; ordered: boolean; depth: number; text: string }
  | { kind: "quote"; text: string };

export interface PersonRef {
  id: string;
  name: string;
}

export interface RecordAttendee {
  name: string;
  organization: string;
  role: string;
  present: boolean;
}

export interface RecordActionItem {
  title: string;
  owner: string | null;
  dueDate: string | null;
  focusArea: string | null;
}

export interface RecordAgendaItem {
  /** § number; null only if the convener never numbered the item. */
  number: number | null;
  title: string;
  notes: NoteBlock[];
  decisions: string[];
  actionItems: RecordActionItem[];
}

export interface RecordApproval {
  userId: string;
  name: string;
  /** ISO 8601 UTC instant. */
  approvedAt: string;
}

export interface MinutesRecord {
  format: typeof RECORD_FORMAT;
  partnership: { id: string; name: string };
  board: { id: string; name: string };
  meeting: {
    type: MeetingType;
    /** ISO 8601 instants, or null when not set. */
    startsAt: string | null;
    endsAt: string | null;
    place: string;
    convener: PersonRef | null;
    approvers: PersonRef[];
  };
  attendees: RecordAttendee[];
  items: RecordAgendaItem[];
  approvals: RecordApproval[];
  sealedAt: string;
  sealedBy: PersonRef;
  /** A correction of earlier sealed minutes (an addendum): which ones; null for ordinary minutes. */
  addendumTo: { boardId: string; title: string; sequence: number } | null;
  /** 1 for the partnership's first sealed minutes, then 2, 3, … */
  sequence: number;
  /** SHA-256 (hex) of the previous sealed record's canonical JSON; null for the first. */
  previousSha256: string | null;
}
