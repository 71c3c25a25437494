/**
 * A year of follow-up for the demo partnership (issue 19), all invented and marked as example
 * data: the plan's goals get an owner organisation, a target date, a mid-year and a year-end
 * follow-up (status, motivering, utvecklingsområden) and links to the focus areas that serve
 * them; a follow-up board holds P-CAT for two units (spring baseline for both, an autumn
 * follow-up on one unit only, as in the source), the number of unit managers per unit during
 * the year, and residents with an active training programme and training groups per week.
 */
import type * as Y from "yjs";
import {
  addIndicator,
  addOccasion,
  addUnit,
  type GoalRef,
  setFollowupDescription,
  setIndicatorValue,
} from "../../shared/boards/followup.js";
import { addGoalFollowUp, linkGoal } from "../../shared/boards/goal-history.js";
import { readPlan, updateGoal } from "../../shared/boards/plan.js";
import type { GoalStatus } from "../../shared/boards/vocabulary.js";
import type { DemoCalendar } from "./demo-calendar.js";
import type { FocusKey } from "./demo-focus.js";
import { DEMO_UNITS, type DemoPersonKey, type OrgKey } from "./demo-people.js";

export const FOLLOWUP_TITLE = "Uppföljning av nära vård – mätningar (exempeldata)";

interface GoalFollowUpSeed {
  /** A words in the goal's title, to find it. */
  goal: string;
  owner: OrgKey;
  by: DemoPersonKey;
  midYear: { status: GoalStatus; justification: string; remaining: string };
  remaining: string;
  serves: FocusKey[];
}

const GOALS: GoalFollowUpSeed[] = [
  {
    goal: "kunskap om omställningen",
    owner: "social",
    by: "convener",
    midYear: {
      status: "partly_achieved",
      justification: "Informationen är given på hälften av arbetsplatsträffarna.",
      remaining: "Resterande arbetsplatser och nyanställda.",
    },
    remaining: "Hålla informationen levande i introduktionen av nyanställda.",
    serves: ["team"],
  },
  {
    goal: "personcentrerat arbetssätt inom socialförvaltningen",
    owner: "social",
    by: "convener",
    midYear: {
      status: "partly_achieved",
      justification: "Nollmätning med P-CAT gjord på två enheter i våras.",
      remaining: "Uppföljande mätning i höst på båda enheterna.",
    },
    remaining:
      "Utbildningsstöd till alla medarbetare redan vid introduktionen; ny P-CAT-mätning på hemtjänsten när chefssituationen är stabil.",
    serves: ["palliative", "respite"],
  },
  {
    goal: "kontinuitet i primärvården",
    owner: "capio",
    by: "doctor",
    midYear: {
      status: "not_started",
      justification: "Arbetet med fast läkarkontakt startar efter sommaren.",
      remaining: "Hela målgruppen.",
    },
    remaining: "Nå barn och unga med omfattande behov; följa upp kontinuiteten per sjuksköterskeområde.",
    serves: ["between"],
  },
  {
    goal: "rondtillfällen",
    owner: "hsl",
    by: "physio",
    midYear: {
      status: "not_started",
      justification: "Rutinen för teamrond är skriven men inte införd.",
      remaining: "Införande på båda boendena.",
    },
    remaining: `Införa teamronden på ${DEMO_UNITS.shortTerm}.`,
    serves: ["team"],
  },
];

/** The plan's goals: owner, target date, two follow-ups each, and the focus areas that serve them. */
export function seedGoalFollowUps(
  doc: Y.Doc,
  ids: { users: Record<DemoPersonKey, string>; orgs: Record<OrgKey, string>; focus: Record<FocusKey, string> },
  calendar: DemoCalendar,
): Map<string, string> {
  const goals = readPlan(doc).goals;
  const found = new Map<string, string>();
  const yearEnd = calendar.date(-20);
  for (const seed of GOALS) {
    const goal = goals.find((g) => g.title.includes(seed.goal));
    if (!goal) throw new Error(`demo goal "${seed.goal}" is missing`);
    found.set(seed.goal, goal.id);
    updateGoal(doc, goal.id, { organizationId: ids.orgs[seed.owner], targetDate: yearEnd });
    const by = ids.users[seed.by];
    addGoalFollowUp(
      doc,
      goal.id,
      { ...seed.midYear, date: calendar.date(-200), by, example: true },
      calendar.instant(-195),
    );
    addGoalFollowUp(
      doc,
      goal.id,
      // The year-end status is the one the plan states, with its comment as the justification.
      { status: goal.status, date: yearEnd, by, justification: goal.comment, remaining: seed.remaining, example: true },
      calendar.instant(-14),
    );
    for (const key of seed.serves) linkGoal(doc, goal.id, { boardId: ids.focus[key] });
  }
  return found;
}

/** The follow-up board: units, occasions, four indicators and their values. */
export function buildFollowupDoc(
  doc: Y.Doc,
  ids: { users: Record<DemoPersonKey, string>; orgs: Record<OrgKey, string>; planId: string },
  goalIds: Map<string, string>,
  calendar: DemoCalendar,
): void {
  setFollowupDescription(
    doc,
    "Exempeldata: påhittade värden som visar hur uppföljningen fungerar. Mätningar per enhet under året – " +
      "sammanräknade värden, inga enskilda svar.",
  );
  const goal = (words: string): GoalRef[] => {
    const id = goalIds.get(words);
    return id ? [{ boardId: ids.planId, goalId: id }] : [];
  };
  const careHome = addUnit(doc, { name: DEMO_UNITS.careHome, organizationId: ids.orgs.social });
  const homeCare = addUnit(doc, { name: "Hemtjänsten", organizationId: ids.orgs.social });
  const shortTerm = addUnit(doc, { name: DEMO_UNITS.shortTerm, organizationId: ids.orgs.social });
  const spring = addOccasion(doc, { label: "Nollmätning våren", date: calendar.date(-240), kind: "baseline" });
  const autumn = addOccasion(doc, { label: "Uppföljning hösten", date: calendar.date(-60), kind: "follow_up" });
  const yearEnd = addOccasion(doc, { label: "Helåret", date: calendar.date(-20), kind: "follow_up" });

  const pcat = addIndicator(doc, {
    name: "Personcentrering (P-CAT)",
    unit: "points",
    min: 13,
    max: 52,
    target: 40,
    direction: "higher",
    method: "P-CAT, 13 frågor, 13–52 poäng; medelvärde per enhet",
    goals: goal("personcentrerat arbetssätt inom socialförvaltningen"),
    example: true,
  });
  const managers = addIndicator(doc, {
    name: "Enhetschefer under året",
    unit: "count",
    direction: "lower",
    target: 1,
    method: "Antal chefer som lett enheten under året (personalavdelningen)",
    goals: goal("personcentrerat arbetssätt inom socialförvaltningen"),
    example: true,
  });
  const programme = addIndicator(doc, {
    name: "Boende med aktivt träningsprogram",
    unit: "percent",
    direction: "higher",
    target: 75,
    method: "Andel boende med individuellt träningsprogram (journalgenomgång)",
    goals: goal("rondtillfällen"),
    example: true,
  });
  const groups = addIndicator(doc, {
    name: "Träningsgrupper",
    unit: "count_per_week",
    direction: "higher",
    target: 3,
    method: "Antal träningsgrupper per vecka (fysioterapeuternas statistik)",
    goals: goal("rondtillfällen"),
    example: true,
  });

  const put = (
    indicator: string,
    unitId: string,
    occasionId: string,
    value: number,
    respondents: number | null,
    who: DemoPersonKey,
    days: number,
  ) =>
    setIndicatorValue(
      doc,
      indicator,
      { unitId, occasionId, value, respondents, by: ids.users[who], example: true },
      calendar.instant(days),
    );
  // P-CAT: both units in spring; only the care home could be followed up in autumn.
  put(pcat, careHome, spring, 34.2, 18, "nurse", -235);
  put(pcat, homeCare, spring, 31.5, 23, "nurse", -235);
  put(pcat, careHome, autumn, 37.8, 16, "nurse", -55);
  // Managers: home care had four in a year.
  put(managers, homeCare, yearEnd, 4, null, "convener", -18);
  put(managers, careHome, yearEnd, 2, null, "convener", -18);
  put(managers, shortTerm, yearEnd, 1, null, "convener", -18);
  // Training: the physiotherapists' counts, spring and autumn.
  put(programme, careHome, spring, 35, 40, "physio", -238);
  put(programme, shortTerm, spring, 20, 4, "physio", -238);
  put(programme, careHome, autumn, 62, 38, "physio", -58);
  put(programme, shortTerm, autumn, 45, 4, "physio", -58);
  put(groups, careHome, spring, 1, null, "physio", -238);
  put(groups, shortTerm, spring, 0, null, "physio", -238);
  put(groups, careHome, autumn, 3, null, "physio", -58);
  put(groups, shortTerm, autumn, 2, null, "physio", -58);
}
