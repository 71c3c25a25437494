/**
 * History's storage cost: a focus board edited through 13 simulated working weeks (the default
 * 90-day retention), compacted as the server does — every 500 stored updates and when an editing
 * session ends — with versions kept by `server/history`. Reported: versions, bytes of
 * board_versions beside doc_snapshots (raw and as stored, after PostgreSQL's TOAST compression),
 * and the time compaction spends describing changes. In-process, on in-memory PGlite, seeded:
 * the same figures on every run. Standalone: `npx tsx bench/history-storage.ts`.
 */
import { sql } from "drizzle-orm";
import * as Y from "yjs";
import { openDatabase } from "../server/db/client.js";
import { boards, docUpdates, users, workspaces } from "../server/db/schema.js";
import { createDocStore } from "../server/docs/doc-store.js";
import { DEFAULT_HISTORY } from "../server/history/record-version.js";
import {
  actionDescription,
  addAction,
  addMeasurement,
  moveAction,
  readFocus,
  updateAction,
} from "../shared/boards/focus.js";
import { openBoard } from "../shared/boards/index.js";
import { ACTION_STATUSES } from "../shared/boards/vocabulary.js";
import { writePlainParagraphs } from "../shared/richtext/text.js";

const DAY = 86_400_000;
const COMPACT_AFTER = 500;
/** One meeting of four (60 min, 4 updates a minute) and two people alone (15 min, 4 a minute) a working day. */
const SESSIONS = [
  { people: 4, minutes: 60 },
  { people: 1, minutes: 15 },
  { people: 1, minutes: 15 },
];
/** A focus area's actions: a working board holds a few dozen. */
const MAX_CARDS = 60;
const WEEKS = Number(process.env.BENCH_HISTORY_WEEKS ?? 13);

export interface HistoryStorageRow {
  week: number;
  updates: number;
  cards: number;
  versions: number;
  stateBytes: number;
  changeBytes: number;
  versionStored: number;
  snapshotBytes: number;
  snapshotStored: number;
}
export interface HistoryStorage {
  rows: HistoryStorageRow[];
  compactions: number;
  compactMsMean: number;
  compactMsMax: number;
}

function random(seed: number) {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2_147_483_648;
    return s / 2_147_483_648;
  };
}

const WORDS = ["samtal", "anhöriga", "rutin", "hemgång", "läkemedel", "vårdplan", "uppföljning", "kommunen"];

export async function measureHistoryStorage(): Promise<HistoryStorage> {
  const database = await openDatabase({ kind: "pglite-memory" });
  await database.migrate();
  const { db } = database;
  // Every simulated week kept (the measurement ends today, its first week is 13 weeks ago).
  const store = createDocStore(db, { ...DEFAULT_HISTORY, retentionMs: (WEEKS + 1) * 7 * DAY });
  const rand = random(42);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  try {
    const people = await db
      .insert(users)
      .values(["Sofia", "Eva", "Omar", "Lena"].map((name) => ({ email: `${name}@bench.se`, name, passwordHash: "x" })))
      .returning({ id: users.id });
    const [ws] = await db.insert(workspaces).values({ name: "Bänk" }).returning({ id: workspaces.id });
    const [board] = await db
      .insert(boards)
      .values({ workspaceId: ws?.id as string, kind: "focus", title: "Palliativ vård" })
      .returning({ id: boards.id });
    const boardId = board?.id as string;
    const doc = new Y.Doc();
    let seq = 0;
    let stored = 0;
    let pending: { seq: number; update: Uint8Array; authorId: string; createdAt: Date }[] = [];
    let author = people[0]?.id as string;
    let clock = Date.now() - WEEKS * 7 * DAY;
    doc.on("update", (update: Uint8Array) => {
      pending.push({ seq: ++seq, update, authorId: author, createdAt: new Date(clock) });
    });
    openBoard(doc, "focus");
    const times: number[] = [];
    const flush = async () => {
      if (pending.length === 0) return;
      await db.insert(docUpdates).values(pending.map((p) => ({ boardId, ...p })));
      stored += pending.length;
      pending = [];
    };
    const compact = async (sessionEnd: boolean) => {
      await flush();
      const started = performance.now();
      // As the room does: the state in both encodings (the snapshot's V1, the version's V2).
      await store.compact(boardId, Y.encodeStateAsUpdate(doc), seq, {
        sessionEnd,
        stateV2: Y.encodeStateAsUpdateV2(doc),
      });
      times.push(performance.now() - started);
      stored = 0;
    };

    // The cards as the simulation knows them (reading the board for every edit would cost more than the rest).
    const cards: { id: string; measurements: number }[] = [];
    const edit = () => {
      const roll = rand();
      if (cards.length < 5 || (roll < 0.02 && cards.length < MAX_CARDS)) {
        const id = addAction(doc, { title: `${pick(WORDS)} ${cards.length + 1}`, status: "idea" });
        cards.push({ id, measurements: 0 });
        return;
      }
      const card = pick(cards);
      if (roll < 0.55) {
        // Typing in a card's description, a word at a time (the most frequent update).
        doc.transact(() => {
          const fragment = actionDescription(doc, card.id);
          const text = (fragment.get(0) as Y.XmlElement | undefined)?.get(0);
          if (text instanceof Y.XmlText) text.insert(0, `${pick(WORDS)} `);
          else writePlainParagraphs(fragment, pick(WORDS));
        });
      } else if (roll < 0.75) moveAction(doc, card.id, pick(ACTION_STATUSES), null);
      else if (roll < 0.85) updateAction(doc, card.id, { title: `${pick(WORDS)} ${card.id.slice(0, 4)}` });
      else if (roll < 0.95) updateAction(doc, card.id, { ownerId: pick(people).id, dueDate: "2027-03-01" });
      else if (card.measurements < 100) {
        card.measurements++;
        addMeasurement(doc, card.id, {
          label: pick(WORDS),
          value: Math.round(rand() * 100),
          date: "2027-01-15",
          kind: "follow_up",
        });
      }
    };

    const rows: HistoryStorageRow[] = [];
    let updates = 0;
    for (let week = 1; week <= WEEKS; week++) {
      for (let day = 0; day < 5; day++) {
        let minute = 9 * 60;
        for (const session of SESSIONS) {
          for (let m = 0; m < session.minutes; m++) {
            for (let k = 0; k < 4; k++) {
              author = (people[Math.floor(rand() * session.people)] ?? people[0])?.id as string;
              clock += 15_000;
              edit();
              updates++;
            }
            if (seq - (seq - pending.length) >= 100) await flush();
            if (stored + pending.length >= COMPACT_AFTER) await compact(false);
          }
          await compact(true);
          minute += session.minutes + 90;
          clock += 90 * 60_000;
        }
        clock += DAY - (minute - 9 * 60) * 60_000 - 3 * 15 * 60_000;
      }
      clock += 2 * DAY;
      if (week === 1 || week === 4 || week === WEEKS) {
        // Live rows only: without autovacuum (PGlite) the replaced snapshots' dead rows would count.
        await db.execute(sql`vacuum full board_versions`);
        await db.execute(sql`vacuum full doc_snapshots`);
        const [sizes] = await execute<{
          versions: string;
          state_bytes: string | null;
          change_bytes: string | null;
          version_stored: string;
          snapshot_bytes: string | null;
          snapshot_stored: string;
        }>(
          db,
          sql`select (select count(*) from board_versions) as versions,
            (select sum(octet_length(state)) from board_versions) as state_bytes,
            (select sum(octet_length(changes::text) + octet_length(author_ids::text)) from board_versions) as change_bytes,
            pg_total_relation_size('board_versions') as version_stored,
            (select sum(octet_length(state)) from doc_snapshots) as snapshot_bytes,
            pg_total_relation_size('doc_snapshots') as snapshot_stored`,
        );
        rows.push({
          week,
          updates,
          cards: readFocus(doc).actions.length,
          versions: Number(sizes?.versions ?? 0),
          stateBytes: Number(sizes?.state_bytes ?? 0),
          changeBytes: Number(sizes?.change_bytes ?? 0),
          versionStored: Number(sizes?.version_stored ?? 0),
          snapshotBytes: Number(sizes?.snapshot_bytes ?? 0),
          snapshotStored: Number(sizes?.snapshot_stored ?? 0),
        });
      }
    }
    return {
      rows,
      compactions: times.length,
      compactMsMean: times.reduce((a, b) => a + b, 0) / times.length,
      compactMsMax: Math.max(...times),
    };
  } finally {
    await database.close();
  }
}

async function execute<T>(db: Awaited<ReturnType<typeof openDatabase>>["db"], query: ReturnType<typeof sql>) {
  const result = await db.execute<T & Record<string, unknown>>(query);
  return (Array.isArray(result) ? result : (result as unknown as { rows: T[] }).rows) as T[];
}

const kb = (bytes: number) => (bytes / 1024).toFixed(0);

export function historyStorageMarkdown(h: HistoryStorage): string {
  const lines = [
    "| after week | updates | cards | versions | versions' states (KiB) | their changes, JSON (KiB) | board_versions stored (KiB) | doc_snapshots raw / stored (KiB) | history ÷ snapshot (stored) |",
    "|---|---|---|---|---|---|---|---|---|",
    ...h.rows.map(
      (r) =>
        `| ${r.week} | ${r.updates} | ${r.cards} | ${r.versions} | ${kb(r.stateBytes)} | ${kb(r.changeBytes)} | ${kb(r.versionStored)} | ${kb(r.snapshotBytes)} / ${kb(r.snapshotStored)} | ${(r.versionStored / r.snapshotStored).toFixed(0)}× |`,
    ),
    "",
    `Compactions: ${h.compactions}, each (history included) ${h.compactMsMean.toFixed(1)} ms on average, at most ${h.compactMsMax.toFixed(1)} ms.`,
  ];
  return lines.join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  measureHistoryStorage().then(
    (h) => console.log(historyStorageMarkdown(h)),
    (error) => {
      console.error(error);
      process.exit(1);
    },
  );
}
