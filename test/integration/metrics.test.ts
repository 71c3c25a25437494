/**
 * /metrics as an operator's Prometheus scraper meets it: behind its token, counting what people
 * did (a board edited by a stock client, a failed sign-in), and never showing a secret.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { WebsocketProvider } from "y-websocket";
import { addAction } from "../../shared/boards/focus.js";
import { ApiClient } from "../helpers/api-client.js";
import { eventually } from "../helpers/eventually.js";
import { type RealtimeFixture, startRealtimeFixture } from "../helpers/realtime-fixture.js";
import { defaultDatabaseKind } from "../helpers/test-database.js";
import { connectProvider, synced } from "../helpers/ws-client.js";

const TOKEN = "metrics-token-for-the-test-0123456789";

/** One metric's value (summed over its label sets when `labels` is not given). */
function value(text: string, name: string, labels = ""): number {
  const pattern = new RegExp(`^${name}${labels ? `\\{${labels}\\}` : "(\\{[^}]*\\})?"} (\\S+)$`, "gm");
  return [...text.matchAll(pattern)].reduce((sum, m) => sum + Number(m.at(-1)), 0);
}

describe("metrics for the operator", () => {
  let f: RealtimeFixture;
  const providers: WebsocketProvider[] = [];

  beforeAll(async () => {
    f = await startRealtimeFixture({}, defaultDatabaseKind(), { metricsToken: TOKEN });
  });
  afterEach(() => {
    for (const p of providers.splice(0)) p.destroy();
  });
  afterAll(() => f?.close());

  const scrape = async (authorization?: string) =>
    fetch(`${f.server.url}/metrics`, authorization ? { headers: { Authorization: authorization } } : {});

  it("answers only the scraper with the token", async () => {
    expect((await scrape()).status).toBe(401);
    const wrong = await scrape("Bearer not-the-token-but-long-enough-000");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Bearer/);
    expect(JSON.stringify(await wrong.json())).not.toContain(TOKEN);
    const right = await scrape(`Bearer ${TOKEN}`);
    expect(right.status).toBe(200);
    expect(right.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(await right.text()).toMatch(/^samverkan_process_resident_memory_bytes \d+/m);
  });

  it("counts connections, updates, bytes and their storage while people edit", async () => {
    const before = await (await scrape(`Bearer ${TOKEN}`)).text();
    const boardId = await f.newBoard("focus");
    const { doc, provider } = connectProvider(f.server.url, boardId, { cookie: f.member.cookie });
    providers.push(provider);
    await synced(provider);
    addAction(doc, { title: "Brytpunktssamtal i hemtjänsten" });

    await eventually(async () => {
      const text = await (await scrape(`Bearer ${TOKEN}`)).text();
      expect(value(text, "samverkan_connections")).toBe(1);
      expect(value(text, "samverkan_boards_loaded")).toBeGreaterThanOrEqual(1);
      expect(value(text, "samverkan_updates_received_total")).toBeGreaterThan(
        value(before, "samverkan_updates_received_total"),
      );
      expect(value(text, "samverkan_update_bytes_received_total")).toBeGreaterThan(
        value(before, "samverkan_update_bytes_received_total"),
      );
      expect(value(text, "samverkan_bytes_sent_total")).toBeGreaterThan(value(before, "samverkan_bytes_sent_total"));
      // The update reached the database: the persist histogram counted it.
      expect(value(text, "samverkan_persist_seconds_count")).toBeGreaterThan(
        value(before, "samverkan_persist_seconds_count"),
      );
      expect(value(text, "samverkan_write_queue_depth")).toBe(0);
      expect(value(text, "samverkan_storage_up", 'source="writes"')).toBe(1);
    });

    provider.destroy();
    await eventually(async () => {
      expect(value(await (await scrape(`Bearer ${TOKEN}`)).text(), "samverkan_connections")).toBe(0);
    });
  });

  it("counts failed sign-ins without naming who tried or with what", async () => {
    const read = async () =>
      value(await (await scrape(`Bearer ${TOKEN}`)).text(), "samverkan_events_total", 'event="auth.login.failure"');
    const failuresBefore = await read();
    const stranger = new ApiClient(f.server.app);
    const password = "fel-lösenord-som-inte-får-synas";
    const res = await stranger.post("/api/auth/login", { email: "eva@lekeberg.example.se", password });
    expect(res.status).toBe(401);
    expect(await read()).toBe(failuresBefore + 1);

    const text = await (await scrape(`Bearer ${TOKEN}`)).text();
    for (const secret of [password, "eva@lekeberg.example.se", TOKEN, f.member.cookie ?? "no-cookie"]) {
      expect(text).not.toContain(secret);
    }
  });

  it("does not exist where no token is configured", async () => {
    const plain = await startRealtimeFixture();
    try {
      const res = await fetch(`${plain.server.url}/metrics`, { headers: { Authorization: `Bearer ${TOKEN}` } });
      expect(res.status).toBe(404);
    } finally {
      await plain.close();
    }
  });
});
