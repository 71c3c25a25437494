/**
 * Lost concurrent writes beyond a card's title (issue 21), in Chromium: a card's status, and in
 * the minutes an agenda item's title, a decision's text and an action item's owner and due date
 * (an action item is one value: its lost write is told and restored per field). Two real clients write the same field,
 * Eva offline; her value loses. The item's history says so with "Återställ" for editors, and a
 * restore is an ordinary edit, live for the others. Axe on each state.
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { addAction, moveAction } from "../../shared/boards/focus.js";
import {
  addActionItem,
  addAgendaItem,
  addDecision,
  readMinutes,
  updateActionItem,
  updateAgendaItem,
  updateDecision,
} from "../../shared/boards/minutes.js";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";
import { eventually } from "../helpers/eventually.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

describe.skipIf(!browserSuiteEnabled())(
  "restoring lost writes of a card's status and of the minutes, in Chromium",
  () => {
    let f: BrowserFixture;
    let focusId: string;
    let minutesId: string;
    const providers: WebsocketProvider[] = [];

    /** Eva (offline meanwhile) and Anna write the same fields; Eva's lower client id loses each. */
    async function conflict(
      boardId: string,
      setUp: (doc: Y.Doc) => void,
      evas: (doc: Y.Doc) => void,
      annas: (doc: Y.Doc) => void,
    ) {
      const client = async (cookie: string | null, clientID: number) => {
        const doc = new Y.Doc();
        doc.clientID = clientID;
        const c = connectProvider(f.origin, boardId, { cookie, doc, origin: f.origin });
        providers.push(c.provider);
        await synced(c.provider);
        return c;
      };
      const eva = await client(f.people.nurse.cookie, 1);
      setUp(eva.doc);
      const anna = await client(f.people.convener.cookie, 2_000_000_000);
      await eventually(() => expect(Y.encodeStateVector(anna.doc)).toEqual(Y.encodeStateVector(eva.doc)));
      eva.provider.disconnect();
      evas(eva.doc);
      annas(anna.doc);
      eva.provider.connect();
      await eventually(() => expect(Y.encodeStateVector(anna.doc)).toEqual(Y.encodeStateVector(eva.doc)));
      for (const p of providers.splice(0)) p.destroy();
    }

    beforeAll(async () => {
      f = await startBrowserFixture();
      const idOf = async (who: "nurse" | "convener") =>
        (await f.people[who].get("/api/auth/me")).body.user.id as string;
      const [evaId, annaId] = [await idOf("nurse"), await idOf("convener")];
      /** The action item of § 5 Läkemedel, set by whoever writes with `doc`. */
      const setAction = (doc: Y.Doc, patch: { ownerId: string; dueDate: string }) => {
        const item = readMinutes(doc).items.find((i) => i.id === "p2");
        updateActionItem(doc, "p2", item?.actionItems[0]?.id as string, patch);
      };
      const post = (kind: string, title: string) =>
        f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
      focusId = (await post("focus", "Palliativ vård")).body.board.id;
      minutesId = (await post("minutes", "Samverkansmöte 8 december")).body.board.id;
      await conflict(
        focusId,
        (doc) => addAction(doc, { id: "a1", title: "Brytpunktssamtal", status: "idea" }),
        (doc) => moveAction(doc, "a1", "planned", null),
        (doc) => moveAction(doc, "a1", "done", null),
      );
      await conflict(
        minutesId,
        (doc) => {
          addAgendaItem(doc, { id: "p1", title: "Trygg hemgång", number: 4 });
          addDecision(doc, "p1", "Rutinen antas.");
          addAgendaItem(doc, { id: "p2", title: "Läkemedel", number: 5 });
          addActionItem(doc, "p2", { title: "Skriv rutinen" });
        },
        (doc) => {
          updateAgendaItem(doc, "p1", { title: "Trygg hemgång från sjukhuset" });
          const [d] = readMinutes(doc).items[0]?.decisions ?? [];
          updateDecision(doc, "p1", d?.id as string, "Rutinen antas från den 1 januari.");
          // Eva's owner and due date, one write each (the later holds both): lost as a whole.
          setAction(doc, { ownerId: evaId, dueDate: "2027-01-15" });
        },
        (doc) => {
          updateAgendaItem(doc, "p1", { title: "Hemgång" });
          const [d] = readMinutes(doc).items[0]?.decisions ?? [];
          updateDecision(doc, "p1", d?.id as string, "Rutinen antas med ändringar.");
          setAction(doc, { ownerId: annaId, dueDate: "2027-02-01" });
        },
      );
    }, 120_000);

    afterAll(() => {
      for (const p of providers) p.destroy();
      return f?.close();
    });

    it("a card's lost status is in its history; Återställ moves it back, live for Anna", async () => {
      const watcher = await f.open("convener", `/boards/${focusId}`);
      await watcher.page.getByRole("region", { name: /^Klar/ }).getByText("Brytpunktssamtal").waitFor();
      const { page } = await f.open("nurse", `/boards/${focusId}`);
      await page.getByRole("button", { name: "Öppna Brytpunktssamtal" }).click();
      const dialog = page.getByRole("dialog");
      await dialog.getByText("Visa kortets historik").click();
      await dialog
        .getByText("Eva Sjuksköterskas ändring av status till ”Planerad” ersattes av ”Klar” (ändrat av Anna Admin)")
        .waitFor();
      // Only the status: the card's place in the column is not shown as a change of its own.
      await expect(dialog.getByText(/ändring av ett fält/).count()).resolves.toBe(0);
      await expectAccessible(page, "card history with a lost status");
      await dialog.getByRole("button", { name: "Återställ ”Planerad”" }).click();
      await dialog.getByRole("status").getByText("Återställt till ”Planerad”.").waitFor();
      await watcher.page
        .getByRole("region", { name: /^Planerad/ })
        .getByText("Brytpunktssamtal")
        .waitFor();
    });

    async function agendaHistory(page: Page) {
      const item = page.getByRole("region", { name: /Hemgång$/ });
      await item.getByText("Visa punktens historik").click();
      return item;
    }

    it("an agenda item's lost title and a decision's lost text are in its history; Återställ writes them back", async () => {
      const watcher = await f.open("convener", `/boards/${minutesId}`);
      const { page } = await f.open("nurse", `/boards/${minutesId}`);
      const item = await agendaHistory(page);
      await item
        .getByText("Eva Sjuksköterskas ändring av titel till ”Trygg hemgång från sjukhuset” ersattes av ”Hemgång”", {
          exact: false,
        })
        .waitFor();
      await item
        .getByText(
          "Eva Sjuksköterskas ändring av ett beslut till ”Rutinen antas från den 1 januari.” ersattes av ”Rutinen antas med ändringar.”",
          { exact: false },
        )
        .waitFor();
      await expectAccessible(page, "agenda item history with lost edits");
      await page.setViewportSize({ width: 820, height: 1180 });
      await screenshot(page, "minutes-item-history-conflicts-820x1180-sv");

      await item.getByRole("button", { name: "Återställ ”Rutinen antas från den 1 januari.”" }).click();
      await item.getByRole("status").getByText("Återställt till ”Rutinen antas från den 1 januari.”.").waitFor();
      await expect
        .poll(() => watcher.page.getByRole("textbox", { name: "Beslut 1" }).inputValue())
        .toBe("Rutinen antas från den 1 januari.");
      await item.getByRole("button", { name: "Återställ ”Trygg hemgång från sjukhuset”" }).click();
      await watcher.page.getByRole("heading", { level: 3, name: "§ 4 Trygg hemgång från sjukhuset" }).waitFor();
    });

    it("an action item's lost owner and due date are in its agenda item's history; Återställ writes each back", async () => {
      const watcher = await f.open("convener", `/boards/${minutesId}`);
      const { page } = await f.open("nurse", `/boards/${minutesId}`);
      const item = page.getByRole("region", { name: /Läkemedel$/ });
      await item.getByText("Visa punktens historik").click();
      const owner = item.getByText(
        "Eva Sjuksköterskas ändring av ansvarig för åtgärden ”Skriv rutinen” till ”Eva Sjuksköterska” ersattes av ”Anna Admin” (ändrat av Anna Admin)",
        { exact: false },
      );
      const due = item.getByText(
        "Eva Sjuksköterskas ändring av klart senast för åtgärden ”Skriv rutinen” till ”15 jan. 2027” ersattes av ”1 feb. 2027” (ändrat av Anna Admin)",
        { exact: false },
      );
      await owner.waitFor();
      await due.waitFor();
      // The title was not changed: no line for it, nor one naming the action item's whole value.
      await expect(item.getByText(/ändring av en åtgärd/).count()).resolves.toBe(0);
      await expectAccessible(page, "agenda item history with an action item's lost owner and due date");
      await screenshot(page, "minutes-action-item-conflicts-sv");

      const action = (p: Page) =>
        p.getByRole("region", { name: /Läkemedel$/ }).getByRole("group", { name: "Skriv rutinen" });
      const ownerShown = (p: Page) =>
        action(p)
          .getByLabel("Ansvarig", { exact: true })
          .evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent?.trim());
      await expect.poll(() => ownerShown(watcher.page)).toBe("Anna Admin");
      await item.getByRole("button", { name: "Återställ ”Eva Sjuksköterska”" }).click();
      await item.getByRole("status").getByText("Återställt till ”Eva Sjuksköterska”.").waitFor();
      await expect.poll(() => ownerShown(watcher.page)).toBe("Eva Sjuksköterska");
      // Restoring the owner left the due date as it was; its own Återställ puts Eva's back.
      const dueShown = (p: Page) => action(p).getByLabel("Klart senast", { exact: true }).inputValue();
      await expect(dueShown(watcher.page)).resolves.toBe("2027-02-01");
      await item.getByRole("button", { name: "Återställ ”15 jan. 2027”" }).click();
      await item.getByRole("status").getByText("Återställt till ”15 jan. 2027”.").waitFor();
      await expect.poll(() => dueShown(watcher.page)).toBe("2027-01-15");
      await expect.poll(() => ownerShown(watcher.page)).toBe("Eva Sjuksköterska");
      // Both are back: nothing more to restore, the lines stay as history.
      await expect.poll(() => item.getByRole("button", { name: /^Återställ/ }).count()).toBe(0);
      await expect(owner.count()).resolves.toBe(1);
    });

    it("the observer sees the same lines without Återställ", async () => {
      const { page } = await f.open("observer", `/boards/${minutesId}`);
      const item = page.getByRole("region", { name: /från sjukhuset$/ });
      await item.getByText("Visa punktens historik").click();
      await item.getByText(/Eva Sjuksköterskas ändring av ett beslut till/).waitFor();
      await expect(item.getByRole("button", { name: /^Återställ/ }).count()).resolves.toBe(0);
      await expectAccessible(page, "agenda item history, observer");
    });
  },
);
