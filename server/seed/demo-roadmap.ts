/**
 * The demo partnership's roadmap (färdplan), as in Askersund's: three terms – the autumn the local
 * roadmap is written and the focus areas chosen, the spring the activities are carried out, and the
 * autumn of the follow-up ("Uppföljning – ny mätning … Rapport skrivs") – with their activities and
 * milestones, and each focus area's place in the improvement cycle. Terms follow the demo's year
 * (relative to the seeding day, like the rest of the demo), so the timeline and the follow-up agree.
 * Invented, and marked as example data in its title.
 */
import type * as Y from "yjs";
import {
  addActivity,
  addMilestone,
  addPhase,
  type CycleStep,
  setCycleStep,
  updateActivity,
} from "../../shared/boards/roadmap.js";
import type { DemoCalendar } from "./demo-calendar.js";
import type { FocusKey } from "./demo-focus.js";

export const ROADMAP_TITLE = "Färdplan nära vård Lekeberg (exempeldata)";
export const BP4_TITLE = "BP4 Uppföljningsrapport till styrgruppen (exempeldata)";

/** The demo year: the year of the year-end follow-up (20 days before seeding). */
export const demoYear = (calendar: DemoCalendar) => Number(calendar.date(-20).slice(0, 4));

const CYCLE: Record<FocusKey, { step: CycleStep; note: string }> = {
  palliative: { step: "evaluate", note: "Brytpunktssamtalen utvärderas med P-CAT och journalgenomgång." },
  respite: { step: "carry_out", note: "Aktiviteterna genomförs enligt aktivitetsplanen." },
  between: { step: "plan", note: "Arbetsgruppen tar fram aktiviteter inför nästa termin." },
  team: { step: "improve", note: "Rutinen för teamträffar justeras efter utvärderingen." },
};

export function buildRoadmapDoc(
  doc: Y.Doc,
  ids: { focus: Record<FocusKey, string>; decisionPointId: string },
  calendar: DemoCalendar,
): void {
  const year = demoYear(calendar);
  const today = calendar.date(0);
  const phase = (term: string, title: string, description: string, activities: [string, boolean][]) => {
    const id = addPhase(doc, { title, term, description });
    for (const [text, done] of activities) {
      const activityId = addActivity(doc, id, text);
      if (done) updateActivity(doc, id, activityId, { done: true });
    }
  };
  phase(
    `HT ${year - 1}`,
    "Organisation och lokal färdplan",
    "Exempeldata. Styrgrupp och arbetsgrupper utifrån fokusområden; en lokal färdplan skrivs fram.",
    [
      ["Processledaren inventerar behov av förbättringsarbeten", true],
      ["Styrgruppen beslutar vilka fokusområden som prioriteras", true],
      ["Arbetsgrupper tillsätts utifrån fokusområdena", true],
      ["Lokal färdplan lyfts till kommunledningsgrupp och socialnämnd", true],
    ],
  );
  phase(`VT ${year}`, "Aktiviteterna genomförs", "Exempeldata. Arbetsgrupperna genomför aktiviteterna enligt plan.", [
    ["Nollmätning av personcentrerat arbetssätt (P-CAT)", true],
    ["Aktiviteterna i respektive arbetsgrupp genomförs", true],
    ["Workshop med politiker och chefer inom socialförvaltningen", true],
  ]);
  phase(
    `HT ${year}`,
    "Uppföljning – ny mätning",
    "Exempeldata. Ny mätning av personcentrerat arbetssätt och andra indikatorer. Rapport skrivs.",
    [
      ["Ny mätning av personcentrerat arbetssätt och andra indikatorer", true],
      ["Uppföljningsrapport skrivs", true],
      ["Förslag till fortsatt plan för omställningsarbetet", false],
    ],
  );
  const milestone = (title: string, date: string, extra: { decisionPointId?: string } = {}) =>
    addMilestone(doc, { title, date, done: date <= today, ...extra });
  milestone("Lokal färdplan beslutad", `${year - 1}-11-15`);
  milestone("Nollmätning P-CAT", calendar.date(-240));
  milestone("Uppföljning – ny mätning", calendar.date(-60));
  milestone("Rapport skrivs", calendar.date(-10));
  milestone(BP4_TITLE, calendar.date(-3), { decisionPointId: ids.decisionPointId });
  for (const [key, entry] of Object.entries(CYCLE) as [FocusKey, (typeof CYCLE)[FocusKey]][])
    setCycleStep(doc, ids.focus[key], entry.step, entry.note);
}
