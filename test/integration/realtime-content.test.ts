import { Node } from "prosemirror-model";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { prosemirrorJSONToYXmlFragment, yXmlFragmentToProseMirrorRootNode } from "y-prosemirror";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { createDocStore } from "../../server/docs/doc-store.js";
import {
  addAction,
  addMeasurement,
  focusDescription,
  getAction,
  moveAction,
  readFocus,
  setFocusDetails,
  setPdsaNote,
  updateAction,
} from "../../shared/boards/focus.js";
import { BOARD_SPECS, type BoardKind } from "../../shared/boards/index.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { richTextSchema } from "../../shared/richtext/schema.js";
import { writePlainParagraphs } from "../../shared/richtext/text.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { databaseKinds } from "../helpers/test-database.js";
import { connectProvider, firstClose, synced } from "../helpers/ws-client.js";

/** A rich-text fragment as the editor would show it (ProseMirror JSON), or null when there is none. */
const richText = (fragment: Y.XmlFragment | undefined) =>
  fragment ? yXmlFragmentToProseMirrorRootNode(fragment, richTextSchema).toJSON() : null;

/** Everything a person sees on a focus board, rich text included, plus the kind the server stamped on it. */
const focusBoard = (doc: Y.Doc) => {
  const focus = readFocus(doc);
  return {
    meta: doc.getMap("meta").toJSON(),
    targetGroup: focus.targetGroup,
    perspectives: focus.perspectives,
    description: richText(focus.description),
    actions: focus.actions.map((a) => ({ ...a, description: richText(a.description) })),
  };
};

/** An action description as the editor writes it: a heading, a web link, bold text and a list. */
const EDITOR_DESCRIPTION = {
  type: "doc",
  content: [
    { type: "heading", attrs: { level: 2 }, content: [{ type: "text", text: "Bakgrund" }] },
    {
      type: "paragraph",
      content: [
        { type: "text", text: "Se " },
        {
          type: "text",
          text: "regionens rutin",
          marks: [{ type: "link", attrs: { href: "https://example.se/rutin" } }],
        },
        { type: "text", text: " för ", marks: [] },
        { type: "text", text: "brytpunktssamtal", marks: [{ type: "strong" }] },
      ],
    },
    {
      type: "bullet_list",
      content: [
        { type: "list_item", content: [{ type: "paragraph", content: [{ type: "text", text: "Boka tid" }] }] },
        { type: "list_item", content: [{ type: "paragraph", content: [{ type: "text", text: "Bjud in anhöriga" }] }] },
      ],
    },
  ],
};

/** The text in the first paragraph of action a1's description. */
const a1Text = (doc: Y.Doc) => (getAction(doc, "a1")!.description!.get(0) as Y.XmlElement).get(0) as Y.XmlText;
const a1Raw = (doc: Y.Doc) => doc.getMap("actions").get("a1") as Y.Map<unknown> | undefined;

/** Writes a stock client can make that do not fit a focus board; `has` tells whether a document holds the write. */
const REFUSED: { name: string; write: (doc: Y.Doc) => void; has: (doc: Y.Doc) => boolean }[] = [
  {
    name: 'an action status that is not one of the columns ("weird")',
    write: (doc) => a1Raw(doc)!.set("status", "weird"),
    has: (doc) => a1Raw(doc)?.get("status") === "weird",
  },
  {
    name: "a field an action does not have",
    write: (doc) => a1Raw(doc)!.set("priority", "hög"),
    has: (doc) => a1Raw(doc)?.has("priority") === true,
  },
  {
    name: 'a root the focus layout does not have ("notes")',
    write: (doc) => doc.getText("notes").insert(0, "Rond på Solgården"),
    has: (doc) => doc.share.has("notes"),
  },
  {
    name: "a javascript: link in an action's description",
    write: (doc) => a1Text(doc).format(0, 4, { link: { href: "javascript:alert(1)" } }),
    has: (doc) => getAction(doc, "a1")?.description?.toString().includes("javascript:") === true,
  },
  {
    name: 'meta.kind = "minutes" on a focus board',
    write: (doc) => doc.getMap("meta").set("kind", "minutes"),
    has: (doc) => doc.getMap("meta").get("kind") === "minutes",
  },
  {
    name: "meta.schemaVersion = 2 (a layout this server does not know)",
    write: (doc) => doc.getMap("meta").set("schemaVersion", 2),
    has: (doc) => doc.getMap("meta").get("schemaVersion") === 2,
  },
];

describe.each(databaseKinds())(
  "board content on %s: only what fits the board's kind is applied, stored and passed on",
  (databaseKind) => {
    let f: RealtimeFixture;
    const providers: WebsocketProvider[] = [];
    const client = (boardId: string, cookie: string | null) => {
      const c = connectProvider(f.server.url, boardId, { cookie });
      const closes: number[] = [];
      c.provider.on("connection-close", (event: CloseEvent | null) => closes.push(event?.code ?? 0));
      providers.push(c.provider);
      return { ...c, closes };
    };

    beforeAll(async () => {
      f = await startRealtimeFixture({ idleUnloadMs: 50 }, databaseKind);
    });
    afterEach(() => {
      for (const p of providers.splice(0)) p.destroy();
    });
    afterAll(() => f?.close());

    const room = (boardId: string) => f.server.realtime.manager.room(boardId)!.doc;

    /** What a server would load for the board right now: snapshot plus log, as a document. */
    async function stored(boardId: string): Promise<Y.Doc> {
      const loaded = await createDocStore(f.database.db).load(boardId);
      const doc = new Y.Doc();
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      return doc;
    }

    it("valid focus content from a member — editor rich text included — reaches another member and is stored", async () => {
      const boardId = await f.newBoard();
      const eva = client(boardId, f.member.cookie);
      const omar = client(boardId, f.member2.cookie);
      await Promise.all([synced(eva.provider), synced(omar.provider)]);

      eva.doc.transact(() => {
        setFocusDetails(eva.doc, { targetGroup: "Äldre med hemsjukvård", perspectives: ["citizen", "staff"] });
        writePlainParagraphs(focusDescription(eva.doc), "Trygg vård i livets slutskede.\nSamverkan kommun och region.");
      });
      addAction(eva.doc, { id: "a1", title: "Brytpunktssamtal", dueDate: "2026-03-12", pdsaPhase: "plan" });
      prosemirrorJSONToYXmlFragment(richTextSchema, EDITOR_DESCRIPTION, getAction(eva.doc, "a1")!.description!);
      setPdsaNote(eva.doc, "a1", "plan", "Prova på två enheter först.");
      addMeasurement(eva.doc, "a1", {
        label: "Samtal per månad",
        value: 4,
        unit: "st",
        date: "2026-01-31",
        kind: "baseline",
      });
      addAction(eva.doc, { id: "a2", title: "Läkemedelsgenomgång", status: "planned" });
      moveAction(eva.doc, "a1", "in_progress", null);
      updateAction(eva.doc, "a2", { title: "Läkemedelsgenomgång på Solgården" });
      // And back: Omar's edit reaches Eva.
      await eventually(() => expect(getAction(omar.doc, "a2")?.title).toBe("Läkemedelsgenomgång på Solgården"));
      setPdsaNote(omar.doc, "a1", "do", "Första samtalet hölls.");

      const expected = focusBoard(eva.doc);
      expect(expected.meta).toEqual({ kind: "focus", schemaVersion: 1 });
      expect(expected.actions.map((a) => [a.id, a.status])).toEqual([
        ["a2", "planned"],
        ["a1", "in_progress"],
      ]);
      expect(expected.actions[1]?.description).toEqual(Node.fromJSON(richTextSchema, EDITOR_DESCRIPTION).toJSON());
      await eventually(() => {
        expect(getAction(eva.doc, "a1")?.pdsaNotes.do).toBe("Första samtalet hölls.");
        expect(focusBoard(omar.doc)).toEqual(focusBoard(eva.doc));
        expect(focusBoard(room(boardId))).toEqual(focusBoard(eva.doc));
      });
      await eventually(async () => expect(focusBoard(await stored(boardId))).toEqual(focusBoard(eva.doc)));
      expect(getAction(eva.doc, "a1")?.measurements.map((m) => m.value)).toEqual([4]);
      expect(eva.closes).toEqual([]);
      expect(omar.closes).toEqual([]);
    });

    describe("a write that does not fit closes its sender with 4415; the board and everyone else carry on", () => {
      it.each(REFUSED)("$name", async ({ write, has }) => {
        const boardId = await f.newBoard();
        // Omar, connected throughout, makes a card with a description.
        const witness = client(boardId, f.member2.cookie);
        await synced(witness.provider);
        addAction(witness.doc, { id: "a1", title: "Brytpunktssamtal" });
        writePlainParagraphs(getAction(witness.doc, "a1")!.description!, "Ring patienten och anhöriga.");

        // Eva edits the card the right way (kept), then the wrong way (refused).
        const eva = client(boardId, f.member.cookie);
        await synced(eva.provider);
        await eventually(() => expect(getAction(eva.doc, "a1")?.description?.length).toBe(1));
        setPdsaNote(eva.doc, "a1", "plan", "Börja med två patienter.");
        await eventually(() => expect(getAction(room(boardId), "a1")?.pdsaNotes.plan).toBe("Börja med två patienter."));
        const evaClock = Y.getState(eva.doc.store, eva.doc.clientID);
        const closing = firstClose(eva.provider);
        write(eva.doc);
        expect(has(eva.doc)).toBe(true); // the write did happen on Eva's side
        expect(await closing).toEqual({ code: Close.ContentRefused.code, reason: Close.ContentRefused.reason });
        // The stock client would keep offering the same update (and be refused each time).
        eva.provider.destroy();

        // Nothing of the refused update is on the server's board; Eva's earlier edit is.
        expect(has(room(boardId))).toBe(false);
        expect(Y.getState(room(boardId).store, eva.doc.clientID)).toBe(evaClock);
        expect(getAction(room(boardId), "a1")?.pdsaNotes.plan).toBe("Börja med två patienter.");
        expect(room(boardId).getMap("meta").toJSON()).toEqual({ kind: "focus", schemaVersion: 1 });

        // Omar was never disconnected and keeps working with a newcomer, both ways.
        addAction(witness.doc, { id: "a2", title: "Läkemedelsgenomgång" });
        const third = client(boardId, f.convener.cookie);
        await synced(third.provider);
        addAction(third.doc, { id: "a3", title: "Hembesök" });
        await eventually(() => {
          expect(getAction(third.doc, "a2")?.title).toBe("Läkemedelsgenomgång");
          expect(getAction(witness.doc, "a3")?.title).toBe("Hembesök");
        });
        expect(witness.closes).toEqual([]);
        expect(witness.provider.wsconnected).toBe(true);
        for (const doc of [witness.doc, third.doc]) {
          expect(has(doc)).toBe(false);
          expect(focusBoard(doc)).toEqual(focusBoard(room(boardId)));
        }

        // Storage holds everything that was applied and nothing of the refused update.
        await eventually(async () => expect(getAction(await stored(boardId), "a3")?.title).toBe("Hembesök"));
        await eventually(() => expect(f.server.realtime.queue.backlog).toBe(0));
        const storedDoc = await stored(boardId);
        expect(has(storedDoc)).toBe(false);
        expect(Y.getState(storedDoc.store, eva.doc.clientID)).toBe(evaClock);
        expect(focusBoard(storedDoc)).toEqual(focusBoard(room(boardId)));
      });
    });

    describe("a board is stamped with its kind and layout version when it is first opened", () => {
      it.each<BoardKind>(["focus", "plan", "minutes", "followup"])("a new %s board", async (kind) => {
        const boardId = await f.newBoard(kind);
        const schemaVersion = BOARD_SPECS[kind].version;
        // Created over HTTP, never opened: nothing stored yet.
        const before = await createDocStore(f.database.db).load(boardId);
        expect({ snapshot: before.snapshot, updates: before.updates }).toEqual({ snapshot: null, updates: [] });

        const c = client(boardId, f.member.cookie);
        let atSync: unknown = null;
        c.provider.once("sync", () => {
          atSync = c.doc.getMap("meta").toJSON();
        });
        await synced(c.provider);
        expect(atSync).toEqual({ kind, schemaVersion });
        await eventually(async () =>
          expect((await stored(boardId)).getMap("meta").toJSON()).toEqual({ kind, schemaVersion }),
        );

        // Opened again after its room was unloaded, it is not stamped a second time.
        const stateOf = async () =>
          JSON.stringify([...Y.decodeStateVector(Y.encodeStateVector(await stored(boardId)))]);
        c.provider.destroy();
        await eventually(() => expect(f.server.realtime.manager.room(boardId)).toBeUndefined());
        const storedState = await stateOf();
        const again = client(boardId, f.member2.cookie);
        await synced(again.provider);
        expect(again.doc.getMap("meta").toJSON()).toEqual({ kind, schemaVersion });
        again.provider.destroy();
        await eventually(() => expect(f.server.realtime.manager.room(boardId)).toBeUndefined());
        expect(await stateOf()).toBe(storedState);
      });
    });
  },
);
