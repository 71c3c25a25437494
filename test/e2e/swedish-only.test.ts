/**
 * No English in the Swedish interface: every screen a convener, a member, an observer and the
 * admin reach is walked in Swedish, and any text from the English texts (en.ts and every text area
 * of a lazily loaded part) that is not also Swedish fails the test — visible text and what a screen
 * reader reads (aria-label, placeholder, title) alike.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addAction } from "../../shared/boards/focus.js";
import { addAgendaItem } from "../../shared/boards/minutes.js";
import { addGoal, addSection } from "../../shared/boards/plan.js";
import { TEXT_AREAS } from "../../web/src/i18n/area.js";
import { en } from "../../web/src/i18n/en.js";
import { sv } from "../../web/src/i18n/sv.js";
import { browserSuiteEnabled } from "../helpers/browser.js";
import { type BrowserFixture, startBrowserFixture } from "../helpers/browser-fixture.js";

/** Every text pair of the app: sv.ts/en.ts and each part's own text area (found by who calls textArea). */
async function allTexts(): Promise<{ sv: Record<string, string>; en: Record<string, string> }[]> {
  const files = readdirSync("web/src", { recursive: true, encoding: "utf8" }).filter(
    (f) =>
      f.endsWith(".ts") && !f.endsWith("area.ts") && readFileSync(join("web/src", f), "utf8").includes("textArea("),
  );
  for (const file of files) await import(`../../web/src/${file.replace(/\.ts$/, ".js")}`);
  expect(TEXT_AREAS.length).toBe(files.length);
  return [{ sv, en }, ...TEXT_AREAS];
}

/** English phrases that no Swedish text contains: the pieces of each English text between its {placeholders}. */
function englishOnly(pairs: { sv: Record<string, string>; en: Record<string, string> }[]): string[] {
  const swedish = pairs.flatMap((p) => Object.values(p.sv)).join("\n");
  const phrases = new Set<string>();
  for (const { sv: s, en: e } of pairs) {
    for (const [key, text] of Object.entries(e)) {
      if (text === s[key]) continue;
      for (const piece of text.split(/\{\w+\}/)) {
        const phrase = piece.trim();
        if (phrase.length >= 10 && /[a-z]{3}/i.test(phrase) && !swedish.includes(phrase)) phrases.add(phrase);
      }
    }
  }
  return [...phrases];
}

/** What a person sees or hears on the page, through every shadow root. */
function pageText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const out: string[] = [];
    const walk = (root: Node) => {
      for (const node of Array.from(root.childNodes)) {
        if (node.nodeType === Node.TEXT_NODE) out.push(node.textContent ?? "");
        if (!(node instanceof Element)) continue;
        if (node.tagName === "SCRIPT" || node.tagName === "STYLE") continue;
        for (const name of ["aria-label", "placeholder", "title", "alt", "aria-description"]) {
          const value = node.getAttribute(name);
          if (value) out.push(value);
        }
        if (node.shadowRoot) walk(node.shadowRoot);
        walk(node);
      }
    };
    walk(document);
    return out.join("\n").replace(/\s+/g, " ");
  });
}

describe.skipIf(!browserSuiteEnabled())("the Swedish interface has no English in it", () => {
  let f: BrowserFixture;
  let phrases: string[];
  const boards: Record<"focus" | "plan" | "minutes", string> = { focus: "", plan: "", minutes: "" };

  beforeAll(async () => {
    phrases = englishOnly(await allTexts());
    f = await startBrowserFixture();
    const convenerId = (await f.people.convener.get("/api/auth/me")).body.user.id as string;
    for (const [kind, title] of [
      ["focus", "Palliativ vård"],
      ["plan", "Lokal samverkansplan"],
      ["minutes", "Samverkansmöte december"],
    ] as const) {
      const res = await f.people.convener.post(`/api/workspaces/${f.workspaceId}/boards`, { kind, title });
      boards[kind] = res.body.board.id;
    }
    const editor = f.server.services.boardEditor;
    await editor.edit(boards.focus, "focus", convenerId, (doc) => {
      addAction(doc, {
        id: "a1",
        title: "Brytpunktssamtal på Solgården",
        status: "in_progress",
        dueDate: "2026-01-15",
      });
    });
    await editor.edit(boards.plan, "plan", convenerId, (doc) => {
      addSection(doc, "Syfte och mål");
      addGoal(doc, { title: "Fler brytpunktssamtal", status: "partly_achieved" });
    });
    await editor.edit(boards.minutes, "minutes", convenerId, (doc) => {
      addAgendaItem(doc, { title: "Växelvården i Lekeberg" });
    });
  }, 120_000);
  afterAll(() => f?.close());

  async function noEnglish(page: Page, screen: string) {
    // Settled: nothing says "Laddar …" and the text is the same twice in a row.
    let text = "";
    await expect
      .poll(async () => {
        const now = await pageText(page);
        const settled = now === text && !now.includes(sv["app.loading"]);
        text = now;
        return settled;
      })
      .toBe(true);
    expect(text.length, `${screen} shows something`).toBeGreaterThan(50);
    expect(
      phrases.filter((p) => text.includes(p)),
      `English on ${screen}`,
    ).toEqual([]);
  }

  it("finds English phrases to look for (the check is not empty)", () => {
    expect(phrases.length).toBeGreaterThan(300);
    expect(phrases).toContain("Wrong e-mail address or password.");
  });

  it("for the convener and admin: home, partnership, boards, lists, records and administration", async () => {
    const { page } = await f.open("convener", "/");
    await page.locator("h1").first().waitFor();
    await noEnglish(page, "the home page");
    const ws = f.workspaceId;
    for (const [path, screen] of [
      [`/workspaces/${ws}`, "the partnership page"],
      [`/workspaces/${ws}/members`, "the members page"],
      [`/workspaces/${ws}/audit`, "the audit log"],
      [`/workspaces/${ws}/actions`, "my work: actions"],
      [`/workspaces/${ws}/decisions`, "my work: decisions"],
      [`/boards/${boards.plan}`, "the plan"],
      [`/boards/${boards.minutes}`, "the minutes"],
      [`/boards/${boards.focus}/history`, "a board's history"],
      ["/admin/organizations", "administration: organisations"],
      ["/admin/users", "administration: accounts"],
      ["/admin/partnerships", "administration: partnerships"],
      ["/admin/mail", "administration: unsent e-mail"],
      ["/admin/partnerships/new", "administration: new partnership"],
      ["/audit", "the instance's audit log"],
    ]) {
      await page.goto(path as string);
      await page.locator("h1").first().waitFor();
      await noEnglish(page, screen as string);
    }
  });

  it("for a member: the focus board, the card dialog, the bell and search", async () => {
    const { page } = await f.open("nurse", `/boards/${boards.focus}`);
    await page.getByText("Ansluten").waitFor();
    await noEnglish(page, "the focus board");
    await page.getByRole("button", { name: "Öppna Brytpunktssamtal på Solgården" }).click();
    await page.getByRole("dialog").waitFor();
    await noEnglish(page, "the card dialog");
    await page.keyboard.press("Escape");
    await page.goto(`/workspaces/${f.workspaceId}`);
    await page.locator("notification-bell").getByRole("button").click();
    await noEnglish(page, "the notifications");
    const search = page.getByRole("combobox", { name: "Sök i samverkan" });
    await search.fill("brytpunktssamtal");
    await page.getByRole("listbox", { name: "Sökträffar" }).waitFor();
    await noEnglish(page, "search results");
  });

  it("for an observer and someone signed out", async () => {
    const { page } = await f.open("observer", `/boards/${boards.focus}`);
    await page.getByText("Ansluten").waitFor();
    await noEnglish(page, "the focus board read-only");
    const out = await f.open(null, "/sign-in");
    await out.page.locator("h1").first().waitFor();
    await noEnglish(out.page, "the sign-in page");
  });
});
