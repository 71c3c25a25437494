import { describe, expect, it } from "vitest";
import { createBoardAccessCache } from "../../server/realtime/access-cache.js";
import { createAccessEvents } from "../../server/services/access-events.js";

const WS = "11111111-1111-4111-8111-111111111111";
const board = (id: string) => ({
  board: { id, workspaceId: WS, kind: "focus" },
  role: "member",
  organization: "Vårdcentralen",
});

/** access.board answered from a table the test changes, counting the questions asked. */
function fakeAccess() {
  const roles = new Map<string, string>([["anna|b1", "member"]]);
  let asked = 0;
  let hold: Promise<void> | null = null;
  return {
    roles,
    get asked() {
      return asked;
    },
    holdNext() {
      let release = () => {};
      hold = new Promise((r) => (release = r));
      return release;
    },
    async board(actor: { id: string }, boardId: string) {
      asked++;
      const role = roles.get(`${actor.id}|${boardId}`);
      const waitFor = hold;
      hold = null;
      if (waitFor) await waitFor;
      if (!role) throw Object.assign(new Error("Board not found"), { status: 404 });
      return { ...board(boardId), role };
    },
  };
}

const anna = { id: "anna", isAdmin: false };

describe("granted access remembered for joins", () => {
  it("asks once for a burst of joins, and again after the role changes on another process", async () => {
    const access = fakeAccess();
    const events = createAccessEvents();
    // Notices from another process arrive through the Redis bridge, not through emit.
    const fromOtherProcess = events.bridge(() => {});
    const cache = createBoardAccessCache(access as any, events);
    const burst = await Promise.all(Array.from({ length: 20 }, () => cache.board(anna, "b1")));
    expect(burst.every((a) => a.role === "member")).toBe(true);
    expect(access.asked).toBe(1);

    access.roles.set("anna|b1", "observer");
    fromOtherProcess({ type: "membership", workspaceId: WS, userId: "anna" });
    expect((await cache.board(anna, "b1")).role).toBe("observer");
    expect(access.asked).toBe(2);

    access.roles.delete("anna|b1");
    events.emit({ type: "user", userId: "anna" });
    await expect(cache.board(anna, "b1")).rejects.toThrow("not found");
    // A refusal is not remembered: access given back counts at once.
    access.roles.set("anna|b1", "member");
    expect((await cache.board(anna, "b1")).role).toBe("member");

    fromOtherProcess({ type: "board", boardId: "b1" });
    access.roles.delete("anna|b1");
    await expect(cache.board(anna, "b1")).rejects.toThrow("not found");
    cache.stop();
  });

  it("does not keep an answer read while a removal happened, nor share it with later joins", async () => {
    const access = fakeAccess();
    const events = createAccessEvents();
    const cache = createBoardAccessCache(access as any, events);
    const release = access.holdNext();
    const early = cache.board(anna, "b1"); // read before the removal, answered after it
    await Promise.resolve();
    access.roles.delete("anna|b1");
    events.emit({ type: "membership", workspaceId: WS, userId: "anna" });
    const late = cache.board(anna, "b1");
    release();
    expect((await early).role).toBe("member");
    await expect(late).rejects.toThrow("not found");
    await expect(cache.board(anna, "b1")).rejects.toThrow("not found");
    cache.stop();
  });

  it("asks the joins that come while one question is under way together, each answered as its own", async () => {
    const asked: string[][] = [];
    let release = () => {};
    const held = new Promise<void>((r) => (release = r));
    const access = {
      board: () => Promise.reject(new Error("asked one by one")),
      async boardsToRead(pairs: { actor: { id: string }; boardId: string }[]) {
        asked.push(pairs.map((p) => `${p.actor.id}|${p.boardId}`));
        if (asked.length === 1) await held;
        return pairs.map((p) => (p.boardId === "gone" ? new Error("Board not found") : { ...board(p.boardId) }));
      },
    };
    const cache = createBoardAccessCache(access as any, createAccessEvents());
    const first = cache.board(anna, "b1");
    const storm = ["b2", "b3", "gone", "b2"].map((id, i) => cache.board({ id: `p${i}`, isAdmin: false }, id));
    const again = cache.board(anna, "b1");
    release();
    expect((await first).board.id).toBe("b1");
    expect((await again).board.id).toBe("b1");
    const answers = await Promise.allSettled(storm);
    expect(answers.map((a) => (a.status === "fulfilled" ? a.value.board.id : "refused"))).toEqual([
      "b2",
      "b3",
      "refused",
      "b2",
    ]);
    // The first alone; the four that came while it was asked in one go; b1 again shared the first.
    expect(asked).toEqual([["anna|b1"], ["p0|b2", "p1|b3", "p2|gone", "p3|b2"]]);
    cache.stop();
  });

  it("forgets everything when notices may have been missed, and nothing after its time", async () => {
    const access = fakeAccess();
    const events = createAccessEvents();
    let now = 0;
    const cache = createBoardAccessCache(access as any, events, { ttlMs: 5_000, now: () => now });
    await cache.board(anna, "b1");
    now = 4_999;
    await cache.board(anna, "b1");
    expect(access.asked).toBe(1);
    now = 5_000;
    await cache.board(anna, "b1");
    expect(access.asked).toBe(2);
    events.emit({ type: "recheck" });
    await cache.board(anna, "b1");
    expect(access.asked).toBe(3);
    cache.stop();
  });
});
