import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { browserSuiteEnabled, expectAccessible, screenshot } from "../helpers/browser.js";
import { type BrowserFixture, type Person, startBrowserFixture } from "../helpers/browser-fixture.js";

describe.skipIf(!browserSuiteEnabled())(
  "the minutes in Chromium: recorded live, action items on the focus area, read-only, in two languages",
  () => {
    const MEETING = "Samverkansmöte 12 mars";
    const ITEM = "Uppföljning av palliativ vård";
    const DECISION = "Att införa brytpunktssamtal på alla boenden";
    const ACTION = "Brytpunktssamtal på Solgården";
    let f: BrowserFixture;
    let minutesId: string;
    let focusId: string;

    async function minutesFor(who: Person): Promise<Page> {
      const { page } = await f.open(who, `/boards/${minutesId}`);
      await page.getByRole("heading", { level: 1, name: MEETING }).waitFor();
      await page.getByText("Ansluten").waitFor();
      return page;
    }
    const item = (page: Page, heading: string) => page.getByRole("region", { name: heading });
    const board = (page: Page) => page.locator("minutes-board");

    beforeAll(async () => {
      f = await startBrowserFixture();
      const create = (kind: string, title: string) =>
        f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
      focusId = (await create("focus", "Palliativ vård")).body.board.id;
      minutesId = (await create("minutes", MEETING)).body.board.id;
    }, 120_000);

    afterAll(() => f?.close());

    it("the convener records the meeting and the nurse follows it live", async () => {
      const a = await minutesFor("convener");
      const b = await minutesFor("nurse");
      await b.getByText("Anna Admin").first().waitFor({ state: "attached" });

      await a.getByLabel("Mötestyp").selectOption({ label: "Styrgruppsmöte" });
      await a.getByLabel("Börjar").fill("2026-03-12 13:00");
      await a.getByLabel("Börjar").blur();
      await a.getByLabel("Slutar").fill("2026-03-12 15:00");
      await a.getByLabel("Slutar").blur();
      await a.getByLabel("Plats", { exact: true }).fill("Solgården, Fjugesta");
      await a.getByLabel("Plats", { exact: true }).blur();
      await a.getByLabel("Sammankallande", { exact: true }).selectOption({ label: "Anna Admin" });
      // Two approvers: the nurse, and the convener herself (who may approve only for herself).
      await a.getByRole("group", { name: "Justerare" }).getByRole("checkbox", { name: "Eva Sjuksköterska" }).check();
      await a.getByRole("group", { name: "Justerare" }).getByRole("checkbox", { name: "Anna Admin" }).check();

      // Attendance: a member picked from the partnership, a guest typed in, one marked absent.
      await a.getByLabel("Medlem", { exact: true }).selectOption({ label: "Eva Sjuksköterska (Lekebergs kommun)" });
      await a.getByRole("button", { name: "Lägg till medlem" }).click();
      await a.getByLabel("Gästens namn").fill("Karin Gäst");
      await a.getByLabel("Gästens organisation").fill("Region Örebro län");
      await a.getByLabel("Gästens roll").fill("Distriktsläkare");
      await a.getByRole("button", { name: "Lägg till gäst" }).click();
      await a.getByRole("checkbox", { name: "Närvarande: Karin Gäst" }).uncheck();

      await expect.poll(() => b.getByLabel("Plats", { exact: true }).inputValue()).toBe("Solgården, Fjugesta");
      await expect.poll(() => b.getByLabel("Mötestyp").inputValue()).toBe("steering_group");
      await expect.poll(() => b.getByLabel("Börjar").inputValue()).toBe("2026-03-12 13:00");
      await b.getByRole("heading", { level: 3, name: "Region Örebro län" }).waitFor();
      await expect.poll(() => b.getByRole("checkbox", { name: "Närvarande: Karin Gäst" }).isChecked()).toBe(false);
      await expect
        .poll(() => b.getByRole("checkbox", { name: "Närvarande: Eva Sjuksköterska" }).isChecked())
        .toBe(true);
      await b.getByText("1 närvarande, 1 frånvarande").waitFor();

      // An agenda item gets the next § number; the convener renumbers it to follow on from earlier meetings.
      await a.getByLabel("Ny punkt på dagordningen").fill(ITEM);
      await a.getByRole("button", { name: "Lägg till punkt" }).click();
      await a.getByRole("heading", { level: 3, name: `§ 1 ${ITEM}` }).waitFor();
      await item(a, `§ 1 ${ITEM}`).getByLabel("Paragraf (§)").fill("13");
      await item(a, `§ 1 ${ITEM}`).getByLabel("Paragraf (§)").blur();
      const itemA = item(a, `§ 13 ${ITEM}`);
      await itemA.waitFor();
      await itemA.getByRole("textbox", { name: `Anteckningar § 13 ${ITEM}` }).click();
      await a.keyboard.type("Läget på boendena gicks igenom.");
      await itemA.getByLabel("Nytt beslut").fill(DECISION);
      await itemA.getByRole("button", { name: "Lägg till beslut" }).click();
      const newAction = itemA.getByRole("form", { name: "Ny åtgärd" });
      await newAction.getByLabel("Ny åtgärd").fill(ACTION);
      await newAction.getByLabel("Ansvarig").selectOption({ label: "Eva Sjuksköterska" });
      await newAction.getByLabel("Klart senast").fill("2026-04-30");
      await newAction.getByLabel("Fokusområde").selectOption({ label: "Palliativ vård" });
      await newAction.getByRole("button", { name: "Lägg till åtgärd" }).click();
      await itemA.getByRole("link", { name: "Visa på fokusområdet" }).waitFor();

      // The nurse sees the item, its notes, the decision and the action item, live.
      const itemB = item(b, `§ 13 ${ITEM}`);
      await itemB.getByText("Läget på boendena gicks igenom.").waitFor();
      await expect.poll(() => itemB.getByRole("textbox", { name: "Beslut 1" }).inputValue()).toBe(DECISION);
      const actionB = itemB.getByRole("group", { name: ACTION });
      await actionB.waitFor();
      await expect.poll(() => actionB.getByLabel("Ansvarig").inputValue()).not.toBe("");
      await expect(actionB.getByLabel("Klart senast").inputValue()).resolves.toBe("2026-04-30");
      await expect(actionB.getByText("Fokusområde: Palliativ vård")).toBeTruthy();
      const toFocus = actionB.getByRole("link", { name: "Visa på fokusområdet" });
      await toFocus.waitFor();
      // Straight to the action's card there.
      await expect(toFocus.getAttribute("href")).resolves.toMatch(new RegExp(`^/boards/${focusId}\\?action=.+$`));

      // Within the document numbering runs on past the highest § used.
      await a.getByLabel("Ny punkt på dagordningen").fill("Övrigt");
      await a.getByRole("button", { name: "Lägg till punkt" }).click();
      await b.getByRole("heading", { level: 3, name: "§ 14 Övrigt" }).waitFor();

      await expectAccessible(a, "minutes, convener");
      await screenshot(a, "minutes-board-sv");
      await expectAccessible(b, "minutes, member");
      await screenshot(b, "minutes-board-member-sv");
    });

    it("the action is on the focus area, planned, with its way back to the minutes", async () => {
      const { page } = await f.open("nurse", `/boards/${focusId}`);
      await page.getByRole("heading", { level: 1, name: "Palliativ vård" }).waitFor();
      const planned = page.getByRole("region", { name: /^Planerad/ });
      await planned.getByRole("button", { name: `Öppna ${ACTION}` }).click();
      const dialog = page.getByRole("dialog");
      await expect.poll(() => dialog.getByLabel("Ansvarig", { exact: true }).inputValue()).not.toBe("");
      await expect(dialog.getByLabel("Klart senast").inputValue()).resolves.toBe("2026-04-30");
      const back = dialog.getByRole("link", { name: `Från ${MEETING} § 13` });
      await back.waitFor();
      await expectAccessible(page, "card dialog with its minutes");
      await screenshot(page, "minutes-action-on-focus-sv");
      // Back to that very agenda item of the minutes.
      await expect(back.getAttribute("href")).resolves.toMatch(new RegExp(`^/boards/${minutesId}\\?item=.+#§13$`));
      await back.click();
      const heading = page.getByRole("heading", { level: 3, name: `§ 13 ${ITEM}` });
      await expect.poll(() => heading.evaluate((h) => h.matches(":focus"))).toBe(true);
    });

    it("an observer reads the minutes without any control that would fail", async () => {
      const page = await minutesFor("observer");
      await page.getByText("Du kan läsa men inte ändra den här tavlan (observatör).").waitFor();
      const read = item(page, `§ 13 ${ITEM}`);
      await read.getByText(DECISION).waitFor();
      await read.getByText(ACTION).waitFor();
      await read.getByText("Ansvarig: Eva Sjuksköterska · Klart senast", { exact: false }).waitFor();
      await read.getByRole("link", { name: "Visa på fokusområdet" }).waitFor();
      await page.getByText("Styrgruppsmöte").waitFor();
      await page.getByText("Solgården, Fjugesta").waitFor();
      await page.getByText("Frånvarande", { exact: true }).waitFor();
      const notes = read.getByRole("textbox", { name: `Anteckningar § 13 ${ITEM}` });
      await notes.getByText("Läget på boendena gicks igenom.").waitFor();
      await expect(notes.getAttribute("contenteditable")).resolves.toBe("false");
      for (const role of ["combobox", "checkbox", "button", "spinbutton", "toolbar"] as const) {
        await expect(board(page).getByRole(role).count(), role).resolves.toBe(0);
      }
      await expect(board(page).locator("input, textarea, select").count()).resolves.toBe(0);
      await expectAccessible(page, "minutes, read-only");
      await screenshot(page, "minutes-board-observer-sv");
    });

    it("the next meeting of the year goes on from the § numbers of the last one", async () => {
      const next = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, {
        kind: "minutes",
        title: "Samverkansmöte 9 april",
      });
      // The server counts the first meeting once its content is projected (§ 13 and § 14 in 2026).
      await expect
        .poll(
          async () =>
            (await f.people.convener.get(`/api/workspaces/${f.workspaceId}/minutes/next-number?year=2026`)).body?.next,
          { timeout: 20_000 },
        )
        .toBe(15);
      const { page } = await f.open("convener", `/boards/${next.body.board.id}`);
      await page.getByText("Ansluten").waitFor();
      await page.getByLabel("Börjar").fill("2026-04-09 09:00");
      await page.getByLabel("Börjar").blur();
      await page.getByLabel("Ny punkt på dagordningen").fill("Föregående protokoll");
      await page.getByRole("button", { name: "Lägg till punkt" }).click();
      await page.getByRole("heading", { level: 3, name: "§ 15 Föregående protokoll" }).waitFor();
    });

    it("reads and passes the accessibility check in English", async () => {
      const page = await minutesFor("convener");
      await page.getByRole("button", { name: "In English" }).click();
      await page.getByRole("heading", { level: 2, name: "Agenda" }).waitFor();
      await page.getByRole("heading", { level: 2, name: "Attendance" }).waitFor();
      await item(page, `§ 13 ${ITEM}`).getByRole("form", { name: "New action item" }).waitFor();
      await expect.poll(() => page.getByLabel("Type of meeting").inputValue()).toBe("steering_group");
      await page.getByText("1 present, 1 absent").waitFor();
      await expectAccessible(page, "minutes in English");
      await screenshot(page, "minutes-board-en");
    });

    it("the convener ends the meeting, both approvers approve, and the sealed minutes are read-only for good", async () => {
      const a = await minutesFor("convener");
      const approval = a.locator("minutes-approval");
      await approval.getByText("Utkast: protokollet kan ändras.", { exact: false }).waitFor();
      await approval.getByRole("button", { name: "Avsluta mötet och skicka för justering" }).click();
      await approval.getByText("Avslutat och skickat för justering.", { exact: false }).waitFor();
      // Closed: nothing on the board can be edited any more, by the convener either.
      await a.getByText(`${MEETING} är stängt och kan inte längre ändras.`).waitFor();
      await expect(a.getByLabel("Ny punkt på dagordningen").count()).resolves.toBe(0);
      await expect(a.getByRole("toolbar").count()).resolves.toBe(0);
      await approval.getByRole("button", { name: "Jag justerar protokollet" }).click();
      await approval.getByText("Anna Admin: justerade", { exact: false }).waitFor();
      await approval.getByText("Eva Sjuksköterska: har inte justerat ännu").waitFor();
      await expectAccessible(a, "minutes closed, waiting for approval");
      await screenshot(a, "minutes-approval-closed-sv");

      // The nurse approves for herself; the observer sees the state but no button.
      const b = await minutesFor("nurse");
      const panelB = b.locator("minutes-approval");
      await panelB.getByRole("button", { name: "Jag justerar protokollet" }).click();
      await panelB.getByText("Justerat av alla justerare.", { exact: false }).waitFor();
      const o = await minutesFor("observer");
      await o.locator("minutes-approval").getByText("Justerat av alla justerare.", { exact: false }).waitFor();
      await expect(o.locator("minutes-approval").getByRole("button").count()).resolves.toBe(0);

      // The convener seals: the archive documents appear, and a downloaded PDF checks out.
      await a.reload();
      await a.getByText("Ansluten").waitFor();
      await approval.getByRole("button", { name: "Försegla och arkivera" }).click();
      await approval.getByText("Förseglat och arkiverat", { exact: false }).waitFor();
      const pdfLink = approval.getByRole("link", { name: "Ladda ner PDF/A" });
      const pdf = await a.request.get(new URL((await pdfLink.getAttribute("href")) ?? "", a.url()).href);
      expect(pdf.headers()["content-type"]).toBe("application/pdf");
      await approval.getByLabel("Kontrollera en fil mot arkivet").setInputFiles({
        name: "protokoll.pdf",
        mimeType: "application/pdf",
        buffer: await pdf.body(),
      });
      await approval.getByText(`Filen är en oförändrad förseglad handling: ${MEETING}`, { exact: false }).waitFor();
      await approval.getByLabel("Diarienummer").fill("KS 2026/123");
      await approval.getByRole("button", { name: "Spara diarienummer" }).click();
      await approval.getByText("Diarienumret sparades.").waitFor();
      await expect(a.getByLabel("Ny punkt på dagordningen").count()).resolves.toBe(0);
      await expectAccessible(a, "minutes sealed");
      await screenshot(a, "minutes-approval-sealed-sv");
      await a.getByRole("button", { name: "In English" }).click();
      await approval.getByText("Sealed and archived", { exact: false }).waitFor();
      await expectAccessible(a, "minutes sealed, in English");
      await screenshot(a, "minutes-approval-sealed-en");
      await a.getByRole("button", { name: "På svenska" }).click();

      // A correction is an addendum: a new document that names the sealed minutes.
      await approval.getByRole("button", { name: "Skriv ett tillägg" }).click();
      await a.getByRole("heading", { level: 1, name: `Tillägg till ${MEETING}` }).waitFor();
      await a.locator("minutes-approval").getByRole("link", { name: MEETING }).waitFor();
      await expectAccessible(a, "an addendum");
    });

    it("a new meeting is started from the partnership's home, carrying over what is still open", async () => {
      const { page } = await f.open("convener", `/workspaces/${f.workspaceId}`);
      const form = page.locator("new-board-form");
      await form.getByLabel("Typ av tavla").selectOption({ label: "Protokoll" });
      await form.getByLabel("Namn").fill("Samverkansmöte 16 april");
      await form.getByLabel("För över från tidigare möte").selectOption({ label: MEETING });
      await expectAccessible(page, "home with the new-board form");
      await form.getByRole("button", { name: "Skapa och öppna" }).click();
      await page.getByRole("heading", { level: 1, name: "Samverkansmöte 16 april" }).waitFor();
      // The action from § 13 is still planned, so it is followed up; § 13 itself was decided.
      const followUp = page.getByRole("region", { name: /Uppföljning av åtgärder från föregående möte/ });
      await followUp.getByRole("group", { name: ACTION }).waitFor();
      await page.getByRole("region", { name: /Övrigt/ }).waitFor();
      await expect(page.getByRole("region", { name: new RegExp(ITEM) }).count()).resolves.toBe(0);
      await screenshot(page, "minutes-carried-over-sv");
    });
  },
);
