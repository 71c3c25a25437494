/**
 * `npm run bench:search` (and a section of `npm run bench`): the header search's latency
 * (searchWorkspace: board content and decision points, what GET /api/workspaces/:id/search
 * answers with) on in-memory PGlite, in-process. Over the demo partnership as
 * `npm run seed:demo` makes it, and over a partnership of 100 focus boards × 100 actions (10 000
 * search entries with Swedish titles and descriptions, seeded: the same text on every run). Each
 * typed query (whole words, prefixes as typed so far, several words, stop words only) runs
 * BENCH_SEARCH_ROUNDS times (default 50) after a warm-up; p50, p99 and max over all of them.
 * Target: p99 ≤ 50 ms. PGlite runs in its own process, as in production (server/db/client.ts), so
 * the figures are wall time as the server waits for them; the load average is printed beside them
 * (a busy machine stretches the tail). Standalone, also `npx tsx bench/search.ts`.
 */
import { cpus, loadavg } from "node:os";
import { openDatabase } from "../server/db/client.js";
import { boards, searchEntries, workspaces } from "../server/db/schema.js";
import { seedDemo } from "../server/seed/demo.js";
import { systemClock } from "../server/services/clock.js";
import { createServices } from "../server/services/index.js";
import { searchWorkspace } from "../server/services/workspace-search.js";
import { testConfig } from "../test/helpers/test-config.js";
import { percentile } from "./stats.js";

const ROUNDS = Number(process.env.BENCH_SEARCH_ROUNDS ?? 50);
const BOARDS = 100;
const ACTIONS_PER_BOARD = 100;
/** What people type, as they type it: the header searches 250 ms after the last key, so prefixes too. */
const QUERIES = [
  "växelvården",
  "väx",
  "växelv",
  "brytpunktssamtal",
  "läkemedelsgenomgång korttidsboendet",
  "samtal anhöriga",
  "rond",
  "palliativ vård i hemmet",
  "k",
  "och att det",
  "P-CAT",
  "hjärtsviktsmottagning",
];

const WORDS = (
  "samtal anhöriga närstående rutin hemgång läkemedel läkemedelsgenomgång vårdplan uppföljning kommunen " +
  "regionen vårdcentralen korttidsboendet växelvården växelvård brytpunktssamtal palliativ palliativa " +
  "sjuksköterska fysioterapeut arbetsterapeut ronden ronder rehab hjälpmedel utskrivning inskrivning " +
  "vårdkedjan mellanrummet avidentifierade ärenden SIP samordnad individuell plan kontaktperson " +
  "funktionsnummer utbildning omvårdnadspersonal enkät personalen personcentrering mätning registret " +
  "efterlevandesamtal trygg hemma boende äldre multisjuka journal överrapportering telefon besök " +
  "och att det i på för med som till av om är en ett de"
).split(" ");

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

type Search = (workspaceId: string, typed: string, limit: number) => Promise<unknown[]>;

async function measure(search: Search, workspaceId: string) {
  for (const q of QUERIES) await search(workspaceId, q, 30); // warm-up: plans and caches
  const samples: number[] = [];
  const perQuery = new Map<string, { ms: number[]; hits: number }>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const q of QUERIES) {
      const started = performance.now();
      const hits = await search(workspaceId, q, 30);
      const ms = performance.now() - started;
      samples.push(ms);
      const entry = perQuery.get(q) ?? { ms: [], hits: hits.length };
      entry.ms.push(ms);
      perQuery.set(q, entry);
    }
  }
  const sorted = Float64Array.from(samples).sort();
  return {
    n: sorted.length,
    p50: percentile(sorted, 50),
    p99: percentile(sorted, 99),
    max: sorted[sorted.length - 1] ?? 0,
    perQuery: [...perQuery].map(([q, { ms, hits }]) => {
      const s = Float64Array.from(ms).sort();
      return { q, hits, p50: percentile(s, 50), p99: percentile(s, 99) };
    }),
  };
}

async function seedLarge(db: Awaited<ReturnType<typeof openDatabase>>["db"]): Promise<string> {
  const rand = random(7);
  // Most words of real text are not the care words searched for: fillers from a larger vocabulary.
  const syllables = ["ba", "del", "fo", "gri", "hal", "ki", "lun", "mo", "nes", "pa", "ros", "sti", "tu", "ve", "ym"];
  const fillers = Array.from({ length: 3000 }, (_, i) =>
    [i % 15, Math.floor(i / 15) % 15, Math.floor(i / 225) % 15].map((k) => syllables[k]).join(""),
  );
  const pick = () =>
    rand() < 0.15
      ? (WORDS[Math.floor(rand() * WORDS.length)] as string)
      : (fillers[Math.floor(rand() * fillers.length)] as string);
  const words = (n: number) => Array.from({ length: n }, pick).join(" ");
  const [ws] = await db.insert(workspaces).values({ name: "Stor samverkan" }).returning({ id: workspaces.id });
  const workspaceId = (ws as { id: string }).id;
  const boardRows = await db
    .insert(boards)
    .values(
      Array.from({ length: BOARDS }, (_, i) => ({
        workspaceId,
        kind: "focus" as const,
        title: `Fokusområde ${i + 1} ${words(2)}`,
      })),
    )
    .returning({ id: boards.id, title: boards.title });
  for (const board of boardRows) {
    await db.insert(searchEntries).values([
      { boardId: board.id, entryId: "", workspaceId, kind: "board", title: board.title, body: words(40) },
      ...Array.from({ length: ACTIONS_PER_BOARD }, (_, i) => ({
        boardId: board.id,
        entryId: `a${i}`,
        workspaceId,
        kind: "action",
        title: words(6),
        body: words(20 + Math.floor(rand() * 120)),
      })),
    ]);
  }
  return workspaceId;
}

const ms = (v: number) => v.toFixed(1);

export async function measureSearch() {
  const database = await openDatabase({ kind: "pglite-memory" });
  try {
    await database.migrate();
    const services = createServices(database.db, testConfig(), systemClock);
    const demo = await seedDemo({ db: database.db, services });
    const search: Search = (id, q, limit) => searchWorkspace(services, id, q, limit);
    const demoResult = await measure(search, demo.workspaceId);
    const largeId = await seedLarge(database.db);
    const largeResult = await measure(search, largeId);
    return { demo: demoResult, large: largeResult };
  } finally {
    await database.close();
  }
}

export function searchMarkdown(r: Awaited<ReturnType<typeof measureSearch>>): string {
  const lines = [
    "### Search latency (searchWorkspace: content and decision points; in-memory PGlite, in-process)",
    "",
    "| partnership | searches | p50 ms | p99 ms | max ms | target p99 ≤ 50 ms |",
    "|---|---|---|---|---|---|",
  ];
  for (const [name, m] of [
    ["demo (seed:demo)", r.demo],
    [`${BOARDS} boards × ${ACTIONS_PER_BOARD} actions`, r.large],
  ] as const) {
    lines.push(`| ${name} | ${m.n} | ${ms(m.p50)} | ${ms(m.p99)} | ${ms(m.max)} | ${m.p99 <= 50 ? "met" : "MISSED"} |`);
  }
  lines.push(
    `\nload average during the run: ${loadavg()
      .map((l) => l.toFixed(1))
      .join(", ")} on ${cpus().length} cores`,
  );
  lines.push("", `| query (${BOARDS * ACTIONS_PER_BOARD} actions) | hits | p50 ms | p99 ms |`, "|---|---|---|---|");
  for (const q of r.large.perQuery) lines.push(`| ${q.q} | ${q.hits} | ${ms(q.p50)} | ${ms(q.p99)} |`);
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(searchMarkdown(await measureSearch()));
}
