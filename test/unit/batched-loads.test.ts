import { describe, expect, it } from "vitest";
import type { DocStore, LoadedDoc } from "../../server/docs/doc-store.js";
import { batchedLoads } from "../../server/realtime/batched-loads.js";

const doc = (lastSeq: number): LoadedDoc => ({ snapshot: null, updates: [], lastSeq, tail: 0 });

/** A store whose reads answer only when the test says so, recording which boards each read asked for. */
function heldStore() {
  const calls: string[][] = [];
  const answers: { resolve: () => void; reject: (err: Error) => void }[] = [];
  const store = {
    load: async () => doc(0),
    loadMany(ids: string[]) {
      calls.push(ids);
      return new Promise<Map<string, LoadedDoc>>((resolve, reject) => {
        answers.push({
          resolve: () => resolve(new Map(ids.map((id) => [id, doc(Number(id.slice(1)))]))),
          reject,
        });
      });
    },
  } as unknown as DocStore;
  return { store, calls, answers };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

describe("boards loaded together", () => {
  it("reads the boards asked for while a read is under way in one statement, each getting its own", async () => {
    const { store, calls, answers } = heldStore();
    const load = batchedLoads(store);
    const first = load("b1");
    const waiting = [load("b2"), load("b3"), load("b2")];
    expect(calls).toEqual([["b1"]]);
    answers[0]!.resolve();
    expect((await first).lastSeq).toBe(1);
    await tick();
    expect(calls).toEqual([["b1"], ["b2", "b3"]]);
    answers[1]!.resolve();
    expect((await Promise.all(waiting)).map((d) => d.lastSeq)).toEqual([2, 3, 2]);
  });

  it("a failed read fails only the boards in it; the next ones are read", async () => {
    const { store, calls, answers } = heldStore();
    const load = batchedLoads(store);
    const failing = load("b1");
    const later = load("b2");
    answers[0]!.reject(new Error("database unavailable"));
    await expect(failing).rejects.toThrow("database unavailable");
    await tick();
    expect(calls).toEqual([["b1"], ["b2"]]);
    answers[1]!.resolve();
    expect((await later).lastSeq).toBe(2);
  });
});
