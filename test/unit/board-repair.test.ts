import { describe, expect, it } from "vitest";
import type * as Y from "yjs";
import * as focus from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";
import * as minutes from "../../shared/boards/minutes.js";
import * as plan from "../../shared/boards/plan.js";
import { richTextToPlain, writePlainParagraphs } from "../../shared/richtext/text.js";
import { GuardedBoard } from "../helpers/board-guard.js";

/**
 * Deleting a field is always allowed (the guard does not check deletions), so a member can empty
 * a card's nested parts. The helpers then recreate what they need instead of refusing every later
 * write — and the recreated parts pass the guard.
 */
describe("the board helpers repair records whose nested parts were deleted", () => {
  it("a card without PDSA notes, measurements or description can be written again", () => {
    const board = new GuardedBoard("focus");
    board.write((d) => {
      openBoard(d, "focus");
      focus.addAction(d, { id: "a1", title: "Ronder med fysioterapeut" });
    });
    board.write((d) => {
      const card = d.getMap("actions").get("a1") as Y.Map<unknown>;
      for (const key of ["pdsaNotes", "measurements", "description"]) card.delete(key);
    });
    board.write((d) => {
      focus.setPdsaNote(d, "a1", "study", "Fler rondtillfällen än planerat");
      focus.addMeasurement(d, "a1", {
        label: "Ronder per månad",
        value: 4,
        date: "2026-03-01",
        kind: "baseline",
        example: true,
      });
      writePlainParagraphs(focus.actionDescription(d, "a1"), "Fysioterapeut med på ronden");
    });
    const card = focus.getAction(board.server, "a1");
    expect(card?.pdsaNotes.study).toBe("Fler rondtillfällen än planerat");
    expect(card?.measurements.map((m) => m.label)).toEqual(["Ronder per månad"]);
    expect(richTextToPlain(card?.description)).toBe("Fysioterapeut med på ronden");
  });

  it("an agenda item without notes or decisions, and a section without a body, too", () => {
    const meeting = new GuardedBoard("minutes");
    meeting.write((d) => {
      openBoard(d, "minutes");
      minutes.addAgendaItem(d, { id: "p1", title: "Uppföljning", number: 3 });
    });
    meeting.write((d) => {
      const item = d.getMap("items").get("p1") as Y.Map<unknown>;
      for (const key of ["notes", "decisions", "actionItems"]) item.delete(key);
    });
    meeting.write((d) => {
      writePlainParagraphs(minutes.agendaNotes(d, "p1"), "Diskussion");
      minutes.addDecision(d, "p1", "Rutinen antas.");
      minutes.addActionItem(d, "p1", { title: "Sprid rutinen" });
    });
    const [item] = minutes.readMinutes(meeting.server).items;
    expect(item?.decisions.map((x) => x.text)).toEqual(["Rutinen antas."]);
    expect(item?.actionItems.map((x) => x.title)).toEqual(["Sprid rutinen"]);
    expect(richTextToPlain(item?.notes)).toBe("Diskussion");

    const planBoard = new GuardedBoard("plan");
    let sectionId = "";
    planBoard.write((d) => {
      openBoard(d, "plan");
      sectionId = plan.addSection(d, "Syfte");
    });
    planBoard.write((d) => (d.getMap("sections").get(sectionId) as Y.Map<unknown>).delete("body"));
    planBoard.write((d) => writePlainParagraphs(plan.sectionBody(d, sectionId), "Gemensamt ansvar"));
    expect(richTextToPlain(plan.readPlan(planBoard.server).sections[0]?.body)).toBe("Gemensamt ansvar");
  });
});
