import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { rankBetween } from "../../shared/boards/access.js";
import {
  ACTION_STATUSES,
  type ActionStatus,
  addAction,
  getAction,
  moveAction,
  readFocus,
} from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";
import { addGoal, readPlan } from "../../shared/boards/plan.js";

const NOW = new Date("2026-03-12T12:00:00.000Z");

/** Peers with fixed client ids (Yjs breaks ties by client id), all holding `source`'s content. */
function peers(source: Y.Doc, count: number): Y.Doc[] {
  return Array.from({ length: count }, (_, i) => {
    const doc = new Y.Doc();
    doc.clientID = 100 + i;
    Y.applyUpdate(doc, Y.encodeStateAsUpdate(source));
    return doc;
  });
}

/** Every peer sends every other what it is missing. */
function syncAll(docs: Y.Doc[]): void {
  const states = docs.map((d) => Y.encodeStateAsUpdate(d));
  for (const doc of docs) for (const state of states) Y.applyUpdate(doc, state);
}

/** The kanban as each peer shows it: cards in column and rank order. */
const board = (doc: Y.Doc) => readFocus(doc).actions.map((a) => ({ id: a.id, status: a.status, rank: a.rank }));
const column = (doc: Y.Doc, status: ActionStatus) =>
  readFocus(doc)
    .actions.filter((a) => a.status === status)
    .map((a) => a.id);

/** Cards idea: i1 i2 i3, planned: p1 p2, done: d1 — made on one doc. */
function kanban(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  openBoard(doc, "focus");
  for (const id of ["i1", "i2", "i3"]) addAction(doc, { title: id, id }, NOW);
  for (const id of ["p1", "p2"]) addAction(doc, { title: id, id, status: "planned" }, NOW);
  addAction(doc, { title: "d1", id: "d1", status: "done" }, NOW);
  return doc;
}

/** Small seeded PRNG (mulberry32): the same moves on every run. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe("concurrent moves of the same card", () => {
  it("two people move one card to different columns: one card, one place, everywhere", () => {
    const [a, b] = peers(kanban(), 2) as [Y.Doc, Y.Doc];
    moveAction(a, "i2", "done", "d1");
    moveAction(b, "i2", "planned", "p1");
    expect(column(a, "done")).toEqual(["d1", "i2"]);
    expect(column(b, "planned")).toEqual(["p1", "i2", "p2"]);
    syncAll([a, b]);
    expect(board(a)).toEqual(board(b));
    expect(board(a)).toHaveLength(6);
    expect(board(a).filter((c) => c.id === "i2")).toHaveLength(1);
    const winner = getAction(a, "i2");
    // Yjs lets the higher client id win concurrent writes of a key: b's move, as a whole.
    expect([winner?.status, column(a, "planned")]).toEqual(["planned", ["p1", "i2", "p2"]]);
  });

  it("two people move one card to different places in its own column", () => {
    const [a, b] = peers(kanban(), 2) as [Y.Doc, Y.Doc];
    moveAction(a, "i1", "idea", "i3");
    moveAction(b, "i1", "idea", "i2");
    syncAll([a, b]);
    expect(board(a)).toEqual(board(b));
    expect(column(a, "idea")).toEqual(["i2", "i1", "i3"]);
  });

  it("last writer wins for the (status, rank) pair: never one writer's column with the other's place", () => {
    const [a, b] = peers(kanban(), 2) as [Y.Doc, Y.Doc];
    moveAction(a, "i1", "done", null); // first in done, before d1
    moveAction(b, "i1", "idea", "i3"); // last in idea: only the rank differs from before
    const intended = [getAction(a, "i1"), getAction(b, "i1")].map((x) => ({ status: x?.status, rank: x?.rank }));
    syncAll([a, b]);
    expect(board(a)).toEqual(board(b));
    const merged = getAction(a, "i1");
    expect(intended).toContainEqual({ status: merged?.status, rank: merged?.rank });
  });

  it.each([1, 2, 3, 42, 2026])("20 random concurrent moves on 3 peers converge (seed %i)", (seed) => {
    const source = kanban();
    const ids = board(source)
      .map((c) => c.id)
      .sort();
    const docs = peers(source, 3);
    const next = random(seed);
    const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
    for (let i = 0; i < 20; i++) {
      const doc = pick(docs);
      const id = pick(ids);
      const status = pick(ACTION_STATUSES);
      const others = column(doc, status).filter((x) => x !== id);
      const afterId = next() < 0.3 ? null : (pick([null, ...others]) ?? null);
      moveAction(doc, id, status, afterId);
    }
    const views = docs.map(board);
    expect(new Set(views.map((v) => JSON.stringify(v))).size).toBeGreaterThan(1);
    syncAll(docs);
    const [first, ...rest] = docs.map(board);
    for (const view of rest) expect(view).toEqual(first);
    expect(first?.map((c) => c.id).sort()).toEqual(ids);
  });
});

describe("concurrent inserts at the same place", () => {
  it("two cards added at the end of one column at once both stay, in the same order for everyone", () => {
    const [a, b] = peers(kanban(), 2) as [Y.Doc, Y.Doc];
    addAction(a, { title: "From A", id: "zz-from-a", status: "planned" }, NOW);
    addAction(b, { title: "From B", id: "aa-from-b", status: "planned" }, NOW);
    expect(getAction(a, "zz-from-a")?.rank).toBe(getAction(b, "aa-from-b")?.rank);
    syncAll([a, b]);
    // Equal ranks: ordered by id, the same on every peer.
    expect(column(a, "planned")).toEqual(["p1", "p2", "aa-from-b", "zz-from-a"]);
    expect(board(b)).toEqual(board(a));
  });

  it("goals added concurrently keep one order on every peer", () => {
    const source = new Y.Doc();
    openBoard(source, "plan");
    addGoal(source, { title: "G0" });
    const docs = peers(source, 3);
    docs.forEach((doc, i) => {
      addGoal(doc, { title: `G${i + 1}` });
    });
    syncAll(docs);
    const orders = docs.map((d) => readPlan(d).goals.map((g) => g.title));
    expect(orders[0]).toHaveLength(4);
    expect(orders[0]?.[0]).toBe("G0");
    expect(orders[1]).toEqual(orders[0]);
    expect(orders[2]).toEqual(orders[0]);
  });
});

describe("ranks", () => {
  it("moving a card after another puts it between that card and the next", () => {
    const doc = kanban();
    moveAction(doc, "i3", "idea", "i1");
    expect(column(doc, "idea")).toEqual(["i1", "i3", "i2"]);
    const rank = (id: string) => getAction(doc, id)?.rank as string;
    expect(rank("i1") < rank("i3") && rank("i3") < rank("i2")).toBe(true);

    moveAction(doc, "i2", "planned", "p1");
    expect(column(doc, "planned")).toEqual(["p1", "i2", "p2"]);
    expect(rank("p1") < rank("i2") && rank("i2") < rank("p2")).toBe(true);
    moveAction(doc, "d1", "planned", null);
    expect(column(doc, "planned")).toEqual(["d1", "p1", "i2", "p2"]);
    expect(column(doc, "done")).toEqual([]);
  });

  it("rankBetween orders strictly between neighbours, at open ends, and past ties", () => {
    const [lo, hi] = ["a0", "a1"];
    const mid = rankBetween(lo, hi);
    expect(lo < mid && mid < hi).toBe(true);
    expect(rankBetween(null, lo) < lo).toBe(true);
    expect(rankBetween(hi, null) > hi).toBe(true);
    expect(rankBetween("a1", "a1") > "a1").toBe(true);
    let left = "a0";
    for (let i = 0; i < 50; i++) left = rankBetween(left, hi);
    expect(left > "a0" && left < hi).toBe(true);
  });
});
