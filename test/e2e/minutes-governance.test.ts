import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())(
  "who runs the protokoll in Chromium: roles read-only for members, deletions confirmed and undone, approval after the meeting",
  () => {
    const MEETING = "Samverkansmöte 3 december";
    const ITEM = "§ 1 Trygg hemgång";
    const ACTION = "Skriv rutinen för hemgång";
    let f: BrowserFixture;
    let minutesId: string;

    async function minutesFor(who: Person): Promise<Page> {
      const { page } = await f.open(who, `/boards/${minutesId}`);
      await page.getByRole("heading", { level: 1, name: MEETING }).waitFor();
      await page.getByText("Ansluten").waitFor();
      return page;
    }
    const item = (page: Page, heading: string) => page.getByRole("region", { name: heading });

    beforeAll(async () => {
      f = await startBrowserFixture();
      const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
        kind: "minutes",
        title: MEETING,
      });
      minutesId = res.body.board.id;
      // The convener prepares the meeting: date, Eva as approver, § 1 with an action item.
      const page = await minutesFor("convener");
      await page.getByLabel("Börjar").fill("2026-12-03 13:00");
      await page.getByLabel("Börjar").blur();
      await page.getByLabel("Sammankallande", { exact: true }).selectOption({ label: "Anna Admin" });
      await page.getByRole("group", { name: "Justerare" }).getByRole("checkbox", { name: "Eva Sjuksköterska" }).check();
      await page.getByLabel("Ny punkt på dagordningen").fill("Trygg hemgång");
      await page.getByRole("button", { name: "Lägg till punkt" }).click();
      const form = item(page, ITEM).getByRole("form", { name: "Ny åtgärd" });
      await form.getByLabel("Ny åtgärd").fill(ACTION);
      await form.getByRole("button", { name: "Lägg till åtgärd" }).click();
      await item(page, ITEM).getByRole("group", { name: ACTION }).waitFor();
    }, 120_000);

    afterAll(() => f?.close());

    it("a member sees the convener and the approvers as text, with why, and cannot delete agenda items", async () => {
      const page = await minutesFor("nurse");
      const meeting = page.getByRole("region", { name: "Mötet" });
      await meeting
        .getByText("Bara mötets ordförande (sammankallande) och samverkans sammankallande", { exact: false })
        .waitFor();
      await expect(meeting.getByRole("definition").filter({ hasText: "Eva Sjuksköterska" }).count()).resolves.toBe(1);
      await expect(page.getByRole("group", { name: "Justerare" }).count()).resolves.toBe(0);
      await expect(page.getByRole("combobox", { name: "Sammankallande" }).count()).resolves.toBe(0);
      // She may still write: the place, and the agenda item's title, are hers to edit.
      await expect(page.getByLabel("Plats", { exact: true }).isEditable()).resolves.toBe(true);
      await expect(item(page, ITEM).getByLabel("Rubrik").isEditable()).resolves.toBe(true);
      await expect(page.getByRole("button", { name: /Ta bort punkten/ }).count()).resolves.toBe(0);
      await page.getByText("Du kan lägga till punkter och skriva i dem.", { exact: false }).waitFor();
      await expectAccessible(page, "minutes, member who does not run the meeting");
      await page.setViewportSize({ width: 820, height: 1180 });
      await screenshot(page, "minutes-governance-member-tablet-sv");
    });

    it("the convener deletes an agenda item after confirming, and brings it back with Ångra", async () => {
      const page = await minutesFor("convener");
      const nurse = await minutesFor("nurse");
      // Cancelling keeps the item.
      await page.getByRole("button", { name: `Ta bort punkten: ${ITEM}` }).click();
      const dialog = page.getByRole("dialog", { name: "Ta bort?" });
      await dialog.getByText(`Ta bort punkten ${ITEM} med anteckningar, beslut och åtgärder?`).waitFor();
      await expectAccessible(page, "confirming the deletion of an agenda item");
      await page.setViewportSize({ width: 820, height: 1180 });
      await screenshot(page, "minutes-governance-confirm-tablet-sv");
      await dialog.getByRole("button", { name: "Avbryt" }).click();
      await dialog.waitFor({ state: "hidden" });
      await item(page, ITEM).waitFor();

      await page.getByRole("button", { name: `Ta bort punkten: ${ITEM}` }).click();
      await dialog.getByRole("button", { name: "Ta bort", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Punkten ${ITEM} togs bort.` })
        .waitFor();
      await expect(item(page, ITEM).count()).resolves.toBe(0);
      await expect.poll(() => item(nurse, ITEM).count()).toBe(0);
      await page.setViewportSize({ width: 1280, height: 800 });
      await screenshot(page, "minutes-governance-undo-desktop-sv");
      await page.getByRole("status").getByRole("button", { name: "Ångra" }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `${ITEM} är tillbaka.` })
        .waitFor();
      // Back whole, for everyone: its action item too.
      await item(page, ITEM).getByRole("group", { name: ACTION }).waitFor();
      await item(nurse, ITEM).getByRole("group", { name: ACTION }).waitFor();
    });

    it("deleting an action item asks too, naming it, and can be undone", async () => {
      const page = await minutesFor("nurse");
      const action = item(page, ITEM).getByRole("group", { name: ACTION });
      await action.getByRole("button", { name: `Ta bort: ${ACTION}` }).click();
      const dialog = page.getByRole("dialog", { name: "Ta bort?" });
      await dialog.getByText(`Ta bort åtgärden ${ACTION}?`).waitFor();
      await dialog.getByRole("button", { name: "Ta bort", exact: true }).click();
      await page
        .getByRole("status")
        .filter({ hasText: `Åtgärden ${ACTION} togs bort.` })
        .waitFor();
      await expect(action.count()).resolves.toBe(0);
      await page.getByRole("status").getByRole("button", { name: "Ångra" }).click();
      await action.waitFor();
    });

    it("in English: read-only roles for a member, the confirmation for the convener; axe", async () => {
      const page = await minutesFor("nurse");
      await page.getByRole("button", { name: "In English" }).click();
      await page
        .getByText("Only the meeting's chair (convener) and the partnership's conveners", { exact: false })
        .waitFor();
      await expectAccessible(page, "minutes in English, member");
      const convener = await minutesFor("convener");
      await convener.getByRole("button", { name: "In English" }).click();
      await convener.getByRole("button", { name: `Remove the item: ${ITEM}` }).click();
      const dialog = convener.getByRole("dialog", { name: "Remove?" });
      await dialog.getByText(`Remove the item ${ITEM} with its notes, decisions and action items?`).waitFor();
      await expectAccessible(convener, "confirming a deletion in English");
      await screenshot(convener, "minutes-governance-confirm-en");
      await dialog.getByRole("button", { name: "Cancel" }).click();
      await convener.getByRole("button", { name: "På svenska" }).click();
    });

    it("approval waits for the meeting: before it starts the buttons are disabled, saying why", async () => {
      const page = await minutesFor("convener");
      await page.getByLabel("Börjar").fill("2027-01-14 13:00");
      await page.getByLabel("Börjar").blur();
      const approval = page.locator("minutes-approval");
      const close = approval.getByRole("button", { name: "Avsluta mötet och skicka för justering" });
      await expect.poll(() => close.isDisabled(), { timeout: 15_000 }).toBe(true);
      await approval.getByText("Mötet har inte hållits än", { exact: false }).waitFor();
      await expectAccessible(page, "approval before the meeting");
      await screenshot(page, "minutes-governance-not-held-sv");
    });
  },
);
