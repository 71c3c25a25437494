/**
 * The link format into a board (paths.boardAt) read back as the board page reads it (readTarget),
 * and where each kind of search hit opens.
 */
import { describe, expect, it } from "vitest";
import type { SearchResult } from "../../shared/api/content.js";
import { readTarget } from "../../web/src/components/board-target/board-target.js";
import { resultHref } from "../../web/src/components/header-search/result-href.js";
import { paths } from "../../web/src/router.js";

const read = (path: string) => readTarget(new URL(path, "https://samverkan.example.se"));

describe("deep links into a board", () => {
  it("reads back what paths.boardAt wrote, the § from the fragment as the browser encodes it", () => {
    expect(read(paths.boardAt("b1", { action: "a1" }))).toEqual({ action: "a1" });
    expect(read(paths.boardAt("b1", { goal: "g1" }))).toEqual({ goal: "g1" });
    expect(read(paths.boardAt("b1", { section: "s1" }))).toEqual({ section: "s1" });
    expect(read(paths.boardAt("b1", { item: "i1", paragraph: 7 }))).toEqual({ item: "i1", paragraph: 7 });
    expect(paths.boardAt("b1", { item: "i1", paragraph: 7 })).toBe("/boards/b1?item=i1#§7");
    expect(read("/boards/b1?item=i1#%C2%A77")).toEqual({ item: "i1", paragraph: 7 });
    expect(read("/boards/b1#%C2%A712")).toEqual({ paragraph: 12 });
  });

  it("points nowhere for a plain board, a malformed fragment or a fragment that is not a §", () => {
    expect(read("/boards/b1")).toBeNull();
    expect(read("/boards/b1#%E0%A4%A")).toBeNull();
    expect(read("/boards/b1#top")).toBeNull();
    expect(read("/boards/b1#§x")).toBeNull();
    expect(read("/boards/b1?action=")).toBeNull();
  });
});

describe("where a search hit opens", () => {
  const hit = (over: Partial<SearchResult>): SearchResult => ({
    boardId: "b1",
    boardTitle: "Tavla",
    boardKind: "focus",
    entryId: "e1",
    kind: "action",
    title: "T",
    titleParts: [{ text: "T", match: false }],
    itemId: null,
    paragraph: null,
    snippet: [],
    rank: 1,
    ...over,
  });

  it("opens the card, the goal, the section, the agenda item with its §, or the board", () => {
    expect(resultHref(hit({ kind: "action" }))).toBe("/boards/b1?action=e1");
    expect(resultHref(hit({ kind: "goal" }))).toBe("/boards/b1?goal=e1");
    expect(resultHref(hit({ kind: "section" }))).toBe("/boards/b1?section=e1");
    expect(resultHref(hit({ kind: "item", entryId: "i1", itemId: "i1", paragraph: 3 }))).toBe("/boards/b1?item=i1#§3");
    expect(resultHref(hit({ kind: "decision", entryId: "d1", itemId: "i1", paragraph: 3 }))).toBe(
      "/boards/b1?item=i1#§3",
    );
    expect(resultHref(hit({ kind: "item", entryId: "i1", itemId: "i1", paragraph: null }))).toBe("/boards/b1?item=i1");
    expect(resultHref(hit({ kind: "board", entryId: null }))).toBe("/boards/b1");
    expect(resultHref(hit({ kind: "contact" }))).toBe("/boards/b1");
  });
});
