/**
 * Turns a minutes document into the sealed record: names resolved from ids, rich-text notes
 * flattened to blocks, everything in the order people saw it. Pure: the caller fetches names.
 */
import * as Y from "yjs";
import { readMinutes } from "../../shared/boards/minutes.js";
import { type MinutesRecord, type NoteBlock, type PersonRef, RECORD_FORMAT } from "../../shared/minutes/record.js";

export interface RecordContext {
  partnership: { id: string; name: string };
  board: { id: string; name: string };
  /** Display names by user id; an id without a name is shown as "(okänd)". */
  people: ReadonlyMap<string, string>;
  /** Focus-area board titles by board id. */
  boards: ReadonlyMap<string, string>;
  approvals: { userId: string; approvedAt: Date }[];
  sealedAt: Date;
  sealedBy: string;
  sequence: number;
  previousSha256: string | null;
  addendumTo: MinutesRecord["addendumTo"];
}

const UNKNOWN = "(okänd)";

export function buildRecord(doc: Y.Doc, context: RecordContext): MinutesRecord {
  const minutes = readMinutes(doc);
  const person = (id: string): PersonRef => ({ id, name: context.people.get(id) ?? UNKNOWN });
  return {
    format: RECORD_FORMAT,
    partnership: context.partnership,
    board: context.board,
    addendumTo: context.addendumTo,
    meeting: {
      type: minutes.meeting.type,
      startsAt: minutes.meeting.startsAt,
      endsAt: minutes.meeting.endsAt,
      place: minutes.meeting.place,
      convener: minutes.meeting.convenerId ? person(minutes.meeting.convenerId) : null,
      approvers: minutes.meeting.approverIds.map(person),
    },
    attendees: minutes.attendees.map((a) => ({
      name: a.name,
      organization: a.organizationName,
      role: a.role,
      present: a.present,
    })),
    items: minutes.items.map((item) => ({
      number: item.number,
      title: item.title,
      notes: noteBlocks(item.notes),
      decisions: item.decisions.map((d) => d.text),
      actionItems: item.actionItems.map((a) => ({
        title: a.title,
        owner: a.ownerId ? (context.people.get(a.ownerId) ?? UNKNOWN) : null,
        dueDate: a.dueDate,
        focusArea: a.focusBoardId ? (context.boards.get(a.focusBoardId) ?? UNKNOWN) : null,
      })),
    })),
    approvals: context.approvals.map((a) => ({
      userId: a.userId,
      name: context.people.get(a.userId) ?? UNKNOWN,
      approvedAt: a.approvedAt.toISOString(),
    })),
    sealedAt: context.sealedAt.toISOString(),
    sealedBy: person(context.sealedBy),
    sequence: context.sequence,
    previousSha256: context.previousSha256,
  };
}

/** Every user id a record will name, so the caller can fetch their names in one query. */
export function peopleIn(doc: Y.Doc): string[] {
  const { meeting, items } = readMinutes(doc);
  const ids = new Set<string>(meeting.approverIds);
  if (meeting.convenerId) ids.add(meeting.convenerId);
  for (const item of items) for (const a of item.actionItems) if (a.ownerId) ids.add(a.ownerId);
  return [...ids];
}

export function focusBoardsIn(doc: Y.Doc): string[] {
  const ids = new Set<string>();
  for (const item of readMinutes(doc).items)
    for (const a of item.actionItems) if (a.focusBoardId) ids.add(a.focusBoardId);
  return [...ids];
}

/** The blocks of a rich-text fragment, marks dropped; empty paragraphs left out. */
export function noteBlocks(fragment: Y.XmlFragment | undefined): NoteBlock[] {
  const blocks: NoteBlock[] = [];
  if (!fragment) return blocks;
  const walk = (
    parent: Y.XmlFragment | Y.XmlElement,
    list: { ordered: boolean; depth: number } | null,
    quote: boolean,
  ) => {
    for (const child of parent.toArray()) {
      if (!(child instanceof Y.XmlElement)) continue;
      switch (child.nodeName) {
        case "paragraph": {
          const text = inlineText(child);
          if (text.trim() === "") break;
          if (list) blocks.push({ kind: "list_item", ordered: list.ordered, depth: list.depth, text });
          else blocks.push(quote ? { kind: "quote", text } : { kind: "paragraph", text });
          break;
        }
        case "heading": {
          const level = Number(child.getAttribute("level"));
          blocks.push({ kind: "heading", level: level === 3 || level === 4 ? level : 2, text: inlineText(child) });
          break;
        }
        case "bullet_list":
        case "ordered_list":
          for (const li of child.toArray()) {
            if (li instanceof Y.XmlElement)
              walk(li, { ordered: child.nodeName === "ordered_list", depth: list ? list.depth + 1 : 0 }, quote);
          }
          break;
        case "blockquote":
          walk(child, list, true);
          break;
      }
    }
  };
  walk(fragment, null, false);
  return blocks;
}

function inlineText(element: Y.XmlElement): string {
  let out = "";
  for (const child of element.toArray()) {
    if (child instanceof Y.XmlText) {
      for (const op of child.toDelta() as { insert?: unknown }[]) if (typeof op.insert === "string") out += op.insert;
    } else if (child instanceof Y.XmlElement && child.nodeName === "hard_break") out += "\n";
  }
  return out;
}
