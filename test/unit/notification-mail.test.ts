/** Mail configuration and the words of a notification mail. */
import { describe, expect, it } from "vitest";
import { loadConfig } from "../../server/config.js";
import { composeMail } from "../../server/notifications/mail-texts.js";

describe("SMTP configuration", () => {
  it("is off by default, takes an smtp(s) URL, and never repeats its password in a problem", () => {
    const off = loadConfig({});
    expect(off.ok && off.config.smtpUrl).toBeNull();
    expect(off.ok && off.config.digestHour).toBe(7);
    const on = loadConfig({ SMTP_URL: "smtps://u:p@mail.example.se:465", DIGEST_HOUR: "6" });
    expect(on.ok && on.config).toMatchObject({ smtpUrl: "smtps://u:p@mail.example.se:465", digestHour: 6 });
    const bad = loadConfig({ SMTP_URL: "http://u:hemligt@mail.example.se", DIGEST_HOUR: "24" });
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? "" : bad.problems.join("\n");
    expect(problems).toContain("SMTP_URL: must be a URL like smtp://");
    expect(problems).toContain("DIGEST_HOUR: must be between 0 and 23");
    expect(problems).not.toContain("hemligt");
  });
});

describe("notification mail", () => {
  it("escapes titles in the HTML, links them, and ends with the unsubscribe link", () => {
    const mail = composeMail("sv", {
      kind: "action_assigned",
      title: "Rutin <för> överföring & hemgång",
      workspaceName: "Nära vård Lekeberg",
      url: "https://samverkan.example.se/boards/b1?action=a1",
      unsubscribeUrl: "https://samverkan.example.se/unsubscribe/t?kind=action_assigned",
    });
    expect(mail.subject).toBe("Du är ansvarig för åtgärden Rutin <för> överföring & hemgång");
    expect(mail.html).toContain("Rutin &lt;för&gt; överföring &amp; hemgång");
    expect(mail.html).toContain('href="https://samverkan.example.se/boards/b1?action=a1"');
    expect(mail.text).toContain("Öppna åtgärden: https://samverkan.example.se/boards/b1?action=a1");
    expect(mail.text.trimEnd().endsWith("https://samverkan.example.se/unsubscribe/t?kind=action_assigned")).toBe(true);
  });

  it("the digest lists each overdue action with its link, with the count in the subject", () => {
    const items = [
      { title: "Kartlägg fallrisker", url: "https://s.example/boards/b?action=1" },
      { title: "Boka genomgångar", url: "https://s.example/boards/b?action=2" },
    ];
    const sv = composeMail("sv", { kind: "actions_overdue", title: "", workspaceName: "", url: "", items });
    expect(sv.subject).toBe("2 försenade åtgärder");
    expect(sv.text).toContain("- Kartlägg fallrisker: https://s.example/boards/b?action=1");
    const en = composeMail("en", {
      kind: "actions_overdue",
      title: "",
      workspaceName: "",
      url: "",
      items: [items[0]!],
    });
    expect(en.subject).toBe("1 overdue action");
  });
});
