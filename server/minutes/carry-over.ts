/**
 * "New meeting" from the previous one: a draft agenda carrying over what is still open — the
 * action items whose actions are not done, gathered under one follow-up item, and the agenda
 * items that got no decision — plus the meeting's type, place, convener and attendees (all
 * marked absent until the roll is called). Approvers are not carried: they take turns.
 */
import * as Y from "yjs";
import { openBoard } from "../../shared/boards/index.js";
import {
  addActionItem,
  addAgendaItem,
  addAttendee,
  agendaNotes,
  readMinutes,
  setMeeting,
} from "../../shared/boards/minutes.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";

export const FOLLOW_UP_TITLE = "Uppföljning av åtgärder från föregående möte";

/**
 * The new meeting's first content, as one update. `isDone(focusBoardId, actionId)` tells whether
 * a linked action is done on its focus board; action items without a linked action count as open.
 */
export function carryOver(previous: Y.Doc, isDone: (focusBoardId: string, actionId: string) => boolean): Uint8Array {
  const before = readMinutes(previous);
  const doc = new Y.Doc();
  openBoard(doc, "minutes");
  doc.transact(() => {
    setMeeting(doc, {
      type: before.meeting.type,
      place: before.meeting.place,
      convenerId: before.meeting.convenerId,
    });
    for (const a of before.attendees) {
      addAttendee(doc, {
        name: a.name,
        userId: a.userId,
        organizationId: a.organizationId,
        organizationName: a.organizationName,
        role: a.role,
        present: false,
      });
    }
    const open = before.items.flatMap((item) =>
      item.actionItems
        .filter((a) => !(a.focusBoardId && a.actionId && isDone(a.focusBoardId, a.actionId)))
        .map((a) => ({ ...a, from: item.number })),
    );
    if (open.length > 0) {
      const followUp = addAgendaItem(doc, { title: FOLLOW_UP_TITLE });
      for (const a of open) {
        addActionItem(doc, followUp, {
          title: a.title,
          ownerId: a.ownerId,
          dueDate: a.dueDate,
          focusBoardId: a.focusBoardId,
          actionId: a.actionId,
        });
      }
    }
    for (const item of before.items) {
      if (item.decisions.length > 0) continue;
      const id = addAgendaItem(doc, { title: item.title });
      if (item.number !== null)
        writePlainParagraphs(agendaNotes(doc, id), `Bordlagd från föregående möte (§ ${item.number}).`);
    }
  });
  return Y.encodeStateAsUpdate(doc);
}
