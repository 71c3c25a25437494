/** The comments accessors (shared/boards/comments.ts): a thread per card, only the author edits or deletes. */
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { SearchResult } from "../../shared/api/content.js";
import { BoardInputError } from "../../shared/boards/access.js";
import {
  addComment,
  commentCounts,
  commentSchema,
  deleteComment,
  editComment,
  mentionsIn,
  readComments,
} from "../../shared/boards/comments.js";
import { focusSpec } from "../../shared/boards/focus.js";
import { planSpec } from "../../shared/boards/plan.js";

const EVA = "6f1c0d1e-6c4c-4b8e-9c55-2a9a4f0f3a01";
const OMAR = "0b9f8a52-2c1e-4d1f-8f8e-6a3a0f5c7b02";
const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 12, minute));

describe("comments on cards", () => {
  it("keeps a thread per card, oldest first, and counts the live ones", () => {
    const doc = new Y.Doc();
    const second = addComment(doc, { targetId: "a1", authorId: OMAR, body: "Sen jag" }, at(5));
    addComment(doc, { targetId: "a1", authorId: EVA, body: "  Först jag  " }, at(1));
    addComment(doc, { targetId: "g1", authorId: EVA, body: "Om målet" }, at(2));
    expect(readComments(doc, "a1").map((c) => c.body)).toEqual(["Först jag", "Sen jag"]);
    expect(readComments(doc, "a1")[0]).toMatchObject({ authorId: EVA, editedAt: null, deleted: false, mentions: [] });
    deleteComment(doc, second, OMAR, at(6));
    expect(Object.fromEntries(commentCounts(doc))).toEqual({ a1: 1, g1: 1 });
    expect(readComments(doc, "a1").map((c) => [c.body, c.deleted])).toEqual([
      ["Först jag", false],
      ["", true],
    ]);
  });

  it("lets only the author edit or delete, and never a deleted comment", () => {
    const doc = new Y.Doc();
    const id = addComment(doc, { targetId: "a1", authorId: EVA, body: "Hej @Omar", mentions: [OMAR, OMAR] }, at(1));
    expect(readComments(doc)[0]?.mentions).toEqual([OMAR]);
    expect(() => editComment(doc, id, OMAR, { body: "Mitt nu" })).toThrow(BoardInputError);
    expect(() => deleteComment(doc, id, OMAR)).toThrow(/author/);
    editComment(doc, id, EVA, { body: "Hej alla", mentions: [] }, at(3));
    expect(readComments(doc)[0]).toMatchObject({ body: "Hej alla", mentions: [], editedAt: at(3).toISOString() });
    deleteComment(doc, id, EVA, at(4));
    expect(() => editComment(doc, id, EVA, { body: "Tillbaka" })).toThrow(/deleted/);
  });

  it("refuses empty and too long text, and a bad target id", () => {
    const doc = new Y.Doc();
    expect(() => addComment(doc, { targetId: "a1", authorId: EVA, body: "   " })).toThrow(BoardInputError);
    expect(() => addComment(doc, { targetId: "a1", authorId: EVA, body: "x".repeat(4001) })).toThrow(/4000/);
    expect(() => addComment(doc, { targetId: "not an id", authorId: EVA, body: "Hej" })).toThrow(BoardInputError);
    expect(readComments(doc)).toEqual([]);
    // A deleted comment keeps no text (the layout itself says so, for the server's content guard).
    expect(
      commentSchema.safeParse({
        targetId: "a1",
        authorId: EVA,
        body: "kvar",
        mentions: [],
        createdAt: at(1).toISOString(),
        editedAt: null,
        deleted: true,
      }).success,
    ).toBe(false);
  });

  it("counts a mention only while its @Name is in the text", () => {
    const picked = [
      { id: EVA, name: "Eva Sjuksköterska" },
      { id: OMAR, name: "Omar Fysioterapeut" },
    ];
    expect(mentionsIn("Tack @Eva Sjuksköterska!", picked)).toEqual([EVA]);
    expect(mentionsIn("Ingen nämnd", picked)).toEqual([]);
  });

  it("is part of the focus and the plan layouts", () => {
    expect(focusSpec.roots.comments).toBeDefined();
    expect(planSpec.roots.comments).toBeDefined();
  });
});

describe("the mention mail", () => {
  it("says in Swedish and English which card the comment is on, links to it, and leaves the comment's text out", async () => {
    const { composeMail } = await import("../../server/notifications/mail-texts.js");
    const input = {
      kind: "mentioned" as const,
      title: "Trygg hemgång",
      workspaceName: "Nära vård Lekeberg",
      url: "https://samverkan.example.se/boards/b1?action=a1",
    };
    const sv = composeMail("sv", input);
    expect(sv.subject).toBe("Du nämns i en kommentar: Trygg hemgång");
    expect(sv.text).toContain('Någon har nämnt dig i en kommentar om "Trygg hemgång" i Nära vård Lekeberg.');
    expect(sv.text).toContain("Öppna kommentarerna: https://samverkan.example.se/boards/b1?action=a1");
    const en = composeMail("en", { ...input, url: "https://samverkan.example.se/boards/b1?goal=g1" });
    expect(en.subject).toBe("You are mentioned in a comment: Trygg hemgång");
    expect(en.html).toContain('href="https://samverkan.example.se/boards/b1?goal=g1"');
  });
});

describe("where a comment found by search opens", () => {
  it("in the card's thread on a focus board, in the goal's on the plan, at the comment", async () => {
    const { resultHref } = await import("../../web/src/components/header-search/result-href.js");
    const hit = (boardKind: "focus" | "plan", itemId: string): SearchResult => ({
      boardId: "b1",
      boardTitle: "Tavla",
      boardKind,
      entryId: "c1",
      kind: "comment",
      titleParts: [],
      title: "T",
      itemId,
      paragraph: null,
      snippet: [],
      rank: 1,
    });
    expect(resultHref(hit("focus", "a1"))).toBe("/boards/b1?action=a1&comment=c1");
    expect(resultHref(hit("plan", "g1"))).toBe("/boards/b1?goal=g1&comment=c1");
  });
});
