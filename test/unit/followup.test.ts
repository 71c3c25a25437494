import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { BoardInputError } from "../../shared/boards/access.js";
import * as followup from "../../shared/boards/followup.js";
import { addGoalFollowUp, linkGoal } from "../../shared/boards/goal-history.js";
import { openBoard, schemaVersionOf } from "../../shared/boards/index.js";
import {
  cellKey,
  compareWithBaseline,
  fewRespondents,
  occasionMean,
  rangeOf,
  valueProblem,
} from "../../shared/boards/indicator-range.js";
import * as plan from "../../shared/boards/plan.js";

const USER = "11111111-1111-4111-8111-111111111111";
const USER_2 = "22222222-2222-4222-8222-222222222222";
const ORG = "33333333-3333-4333-8333-333333333333";
const FOCUS = "44444444-4444-4444-8444-444444444444";

function sync(a: Y.Doc, b: Y.Doc) {
  Y.applyUpdate(b, Y.encodeStateAsUpdate(a, Y.encodeStateVector(b)));
  Y.applyUpdate(a, Y.encodeStateAsUpdate(b, Y.encodeStateVector(a)));
}

function thrown(fn: () => unknown): BoardInputError {
  try {
    fn();
  } catch (error) {
    if (error instanceof BoardInputError) return error;
    throw error;
  }
  throw new Error("did not throw");
}

describe("a goal's status over time", () => {
  function planWithGoal() {
    const doc = new Y.Doc();
    openBoard(doc, "plan");
    const id = plan.addGoal(doc, {
      title: "Fler boende har en aktiv träningsplan",
      level: "effect",
      organizationId: ORG,
      targetDate: "2023-12-31",
    });
    return { doc, id };
  }

  it("keeps every follow-up, oldest first, and the goal's status is the latest one's", () => {
    const { doc, id } = planWithGoal();
    const at = new Date("2024-01-10T09:00:00Z");
    addGoalFollowUp(
      doc,
      id,
      {
        status: "achieved",
        date: "2023-12-31",
        by: USER,
        justification: "Alla enheter har träningsgrupper.",
        remaining: "Hålla i arbetet",
      },
      at,
    );
    addGoalFollowUp(
      doc,
      id,
      { status: "partly_achieved", date: "2023-06-30", by: USER_2, justification: "Halvår", remaining: "Hemtjänsten" },
      at,
    );
    const goal = plan.readPlan(doc).goals[0] as plan.Goal;
    expect(goal.history.map((h) => [h.date, h.status, h.by])).toEqual([
      ["2023-06-30", "partly_achieved", USER_2],
      ["2023-12-31", "achieved", USER],
    ]);
    expect(goal.status).toBe("achieved");
    expect(goal.organizationId).toBe(ORG);
    expect(goal.targetDate).toBe("2023-12-31");
    expect(goal.history[1]?.remaining).toBe("Hålla i arbetet");
    // The plain field follows, for readers that know no history.
    expect(
      doc.getMap("goals").get(id) instanceof Y.Map && (doc.getMap("goals").get(id) as Y.Map<unknown>).get("status"),
    ).toBe("achieved");
  });

  it("refuses a follow-up with an unknown status or date, and one for a goal that is not there", () => {
    const { doc, id } = planWithGoal();
    const base = { date: "2023-12-31", by: USER, justification: "", remaining: "" };
    expect(thrown(() => addGoalFollowUp(doc, id, { ...base, status: "done" as never })).field).toBe("status");
    expect(thrown(() => addGoalFollowUp(doc, id, { ...base, status: "achieved", date: "2023-02-30" })).field).toBe(
      "date",
    );
    expect(thrown(() => addGoalFollowUp(doc, "nope", { ...base, status: "achieved" })).field).toBe("goal");
    expect(plan.readPlan(doc).goals[0]?.history).toEqual([]);
  });

  it("two follow-ups recorded at once on two copies are both kept", () => {
    const { doc: a, id } = planWithGoal();
    const b = new Y.Doc();
    sync(a, b);
    addGoalFollowUp(a, id, { status: "achieved", date: "2023-12-31", by: USER, justification: "", remaining: "" });
    addGoalFollowUp(b, id, {
      status: "not_achieved",
      date: "2023-09-30",
      by: USER_2,
      justification: "",
      remaining: "",
    });
    sync(a, b);
    for (const doc of [a, b]) {
      const goal = plan.readPlan(doc).goals[0] as plan.Goal;
      expect(goal.history).toHaveLength(2);
      expect(goal.status).toBe("achieved");
    }
  });

  it("links a goal to a focus area and an action once each", () => {
    const { doc, id } = planWithGoal();
    const first = linkGoal(doc, id, { boardId: FOCUS });
    expect(linkGoal(doc, id, { boardId: FOCUS })).toBe(first);
    linkGoal(doc, id, { boardId: FOCUS, actionId: "action-1" });
    expect(plan.readPlan(doc).goals[0]?.links.map((l) => l.actionId)).toEqual([null, "action-1"]);
  });

  it("a plan of layout 1 is upgraded: its goals get history and links", () => {
    const doc = new Y.Doc();
    doc.getMap("meta").set("kind", "plan");
    doc.getMap("meta").set("schemaVersion", 1);
    const old = new Y.Map<unknown>();
    doc.getMap("goals").set("g1", old);
    old.set("title", "Gammalt mål");
    old.set("status", "partly_achieved");
    expect(openBoard(doc, "plan")).toEqual({ ok: true, upgradedFrom: 1 });
    expect(schemaVersionOf(doc)).toBe(2);
    expect(old.get("history")).toBeInstanceOf(Y.Map);
    expect(old.get("links")).toBeInstanceOf(Y.Map);
    expect(plan.readPlan(doc).goals[0]?.status).toBe("partly_achieved");
  });
});

describe("indicators and their values", () => {
  function board() {
    const doc = new Y.Doc();
    openBoard(doc, "followup");
    const pcat = followup.addIndicator(doc, {
      name: "Personcentrering (P-CAT)",
      unit: "points",
      min: 13,
      max: 52,
      method: "P-CAT, 13 frågor, 13–52",
    });
    const share = followup.addIndicator(doc, { name: "Andel med träningsprogram", unit: "percent" });
    const groups = followup.addIndicator(doc, { name: "Träningsgrupper per vecka", unit: "count_per_week" });
    const linden = followup.addUnit(doc, { name: "Linden" });
    const oxel = followup.addUnit(doc, { name: "Oxelgården", organizationId: ORG });
    const spring = followup.addOccasion(doc, { label: "Nollmätning", date: "2023-04-15", kind: "baseline" });
    const autumn = followup.addOccasion(doc, { label: "Uppföljning 1", date: "2023-10-15", kind: "follow_up" });
    return { doc, pcat, share, groups, linden, oxel, spring, autumn };
  }

  it("stores one value per unit and occasion, with who entered it and when", () => {
    const b = board();
    const now = new Date("2023-04-20T10:00:00Z");
    followup.setIndicatorValue(
      b.doc,
      b.pcat,
      { unitId: b.linden, occasionId: b.spring, value: 38.5, respondents: 12, by: USER },
      now,
    );
    followup.setIndicatorValue(b.doc, b.pcat, { unitId: b.linden, occasionId: b.spring, value: 39, by: USER_2 }, now);
    const [pcat] = followup.readFollowup(b.doc).indicators;
    expect(pcat?.values).toEqual([
      {
        key: cellKey(b.linden, b.spring),
        unitId: b.linden,
        occasionId: b.spring,
        value: 39,
        respondents: null,
        by: USER_2,
        at: now.toISOString(),
        example: false,
      },
    ]);
  });

  it.each([
    ["P-CAT under 13", "pcat", 12],
    ["P-CAT over 52", "pcat", 52.5],
    ["a percentage over 100", "share", 101],
    ["a negative percentage", "share", -1],
    ["a negative count", "groups", -2],
  ] as const)("refuses %s", (_, which, value) => {
    const b = board();
    const error = thrown(() =>
      followup.setIndicatorValue(b.doc, b[which], { unitId: b.linden, occasionId: b.spring, value, by: USER }),
    );
    expect(error.field).toBe("value");
    expect(error.issue?.code).toMatch(/^too_(small|big)$/);
    expect(followup.readFollowup(b.doc).indicators.flatMap((i) => i.values)).toEqual([]);
  });

  it("accepts the range's own limits", () => {
    const b = board();
    for (const value of [13, 52])
      followup.setIndicatorValue(b.doc, b.pcat, { unitId: b.linden, occasionId: b.spring, value, by: USER });
    followup.setIndicatorValue(b.doc, b.share, { unitId: b.linden, occasionId: b.spring, value: 100, by: USER });
    followup.setIndicatorValue(b.doc, b.groups, { unitId: b.linden, occasionId: b.spring, value: 0, by: USER });
  });

  it("refuses a unit or occasion that does not exist, and an indicator whose range is upside down", () => {
    const b = board();
    expect(
      thrown(() =>
        followup.setIndicatorValue(b.doc, b.pcat, { unitId: "nowhere", occasionId: b.spring, value: 30, by: USER }),
      ).issue?.code,
    ).toBe("unknown_unit");
    expect(
      thrown(() =>
        followup.setIndicatorValue(b.doc, b.pcat, { unitId: b.linden, occasionId: "never", value: 30, by: USER }),
      ).issue?.code,
    ).toBe("unknown_occasion");
    expect(thrown(() => followup.updateIndicator(b.doc, b.pcat, { min: 60 })).issue?.code).toBe("min_above_max");
  });

  it("two people entering the same cell at once end with one value", () => {
    const b = board();
    const other = new Y.Doc();
    sync(b.doc, other);
    followup.setIndicatorValue(b.doc, b.pcat, { unitId: b.oxel, occasionId: b.autumn, value: 40, by: USER });
    followup.setIndicatorValue(other, b.pcat, { unitId: b.oxel, occasionId: b.autumn, value: 41, by: USER_2 });
    sync(b.doc, other);
    const values = [b.doc, other].map((d) => followup.readFollowup(d).indicators[0]?.values);
    expect(values[0]).toHaveLength(1);
    expect(values[0]).toEqual(values[1]);
  });

  it("a value of a removed unit or occasion is not read", () => {
    const b = board();
    followup.setIndicatorValue(b.doc, b.pcat, { unitId: b.oxel, occasionId: b.autumn, value: 40, by: USER });
    followup.removeUnit(b.doc, b.oxel);
    expect(followup.readFollowup(b.doc).indicators[0]?.values).toEqual([]);
  });

  it("occasions read in date order, baselines first", () => {
    const b = board();
    followup.addOccasion(b.doc, { label: "Uppföljning 0", date: "2023-04-15", kind: "follow_up" });
    expect(followup.readFollowup(b.doc).occasions.map((o) => o.label)).toEqual([
      "Nollmätning",
      "Uppföljning 0",
      "Uppföljning 1",
    ]);
  });
});

describe("ranges, keys and aggregates", () => {
  it("a unit's own limits within the indicator's", () => {
    expect(rangeOf({ unit: "points", min: 13, max: 52 })).toEqual({ min: 13, max: 52 });
    expect(rangeOf({ unit: "percent", min: null, max: null })).toEqual({ min: 0, max: 100 });
    expect(rangeOf({ unit: "percent", min: 20, max: 150 })).toEqual({ min: 20, max: 100 });
    expect(rangeOf({ unit: "count", min: null, max: null })).toEqual({ min: 0, max: null });
    expect(rangeOf({ unit: "other", min: null, max: null })).toEqual({ min: null, max: null });
    expect(valueProblem({ min: null, max: null }, -1e9)).toBeNull();
    expect(valueProblem({ min: 0, max: 100 }, Number.NaN)?.issue?.code).toBe("invalid_type");
  });

  it("a cell's key is a valid item id, also for long ids, and the same on every client", () => {
    expect(cellKey("abc", "def")).toBe("abc_def");
    const long = cellKey("u".repeat(64), "o".repeat(64));
    expect(long).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
    expect(long).toBe(cellKey("u".repeat(64), "o".repeat(64)));
    expect(long).not.toBe(cellKey("o".repeat(64), "u".repeat(64)));
  });

  it("warns under 5 respondents", () => {
    expect(fewRespondents({ respondents: 4 })).toBe(true);
    expect(fewRespondents({ respondents: 5 })).toBe(false);
    expect(fewRespondents({ respondents: null })).toBe(false);
  });

  it("the mean over units is weighted by respondents when all have them", () => {
    const cells = [
      { unitId: "a", occasionId: "o", value: 40, respondents: 30 },
      { unitId: "b", occasionId: "o", value: 20, respondents: 10 },
      { unitId: "a", occasionId: "p", value: 10, respondents: null },
      { unitId: "b", occasionId: "p", value: 20, respondents: 4 },
    ];
    expect(occasionMean(cells, "o")).toBe(35);
    expect(occasionMean(cells, "p")).toBe(15);
    expect(occasionMean(cells, "none")).toBeNull();
  });

  it("compares each unit's latest follow-up with its baseline, the way that is better", () => {
    const occasions = [
      { id: "spring", kind: "baseline" as const },
      { id: "autumn", kind: "follow_up" as const },
    ];
    const cells = [
      { unitId: "linden", occasionId: "spring", value: 36, respondents: 14 },
      { unitId: "linden", occasionId: "autumn", value: 39, respondents: 12 },
      { unitId: "home", occasionId: "spring", value: 33, respondents: 9 },
    ];
    const higher = compareWithBaseline(cells, occasions, ["linden", "home"], "higher");
    expect(higher.map((c) => [c.unitId, c.change, c.trend])).toEqual([
      ["linden", 3, "better"],
      ["home", null, null],
    ]);
    expect(compareWithBaseline(cells, occasions, ["linden"], "lower")[0]?.trend).toBe("worse");
  });
});
