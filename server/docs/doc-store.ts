/**
 * The document store: an append-only log of Yjs updates per board plus one compacted snapshot.
 * Loading = snapshot + the log after it. Compaction swaps a log prefix for a snapshot atomically.
 */
import { and, eq, lte, sql } from "drizzle-orm";
import * as Y from "yjs";
import type { BoardKind } from "../../shared/boards/index.js";
import type { Db } from "../db/client.js";
import { boards, docSnapshots, docUpdates } from "../db/schema.js";
import { isUuid } from "../db/uuid.js";
import { DEFAULT_HISTORY, type HistoryOptions, prepareVersion, writeVersion } from "../history/record-version.js";
import { packState } from "../history/state-codec.js";

export interface StoredUpdate {
  boardId: string;
  seq: number;
  update: Uint8Array;
  authorId: string | null;
}

export interface LoadedDoc {
  snapshot: Uint8Array | null;
  /** Updates after the snapshot, in order. */
  updates: Uint8Array[];
  /** Highest sequence number stored for the board (snapshot or log); the next update gets lastSeq + 1. */
  lastSeq: number;
  /** Log rows after the snapshot: how much a compaction would fold away. */
  tail: number;
}

export interface DocStore {
  load(boardId: string): Promise<LoadedDoc>;
  /**
   * Several boards in one statement (a reconnect storm loads hundreds; one round trip each would
   * queue them behind one another in the database). Every id gets an entry, empty if nothing is stored.
   */
  loadMany?(boardIds: string[]): Promise<Map<string, LoadedDoc>>;
  append(rows: StoredUpdate[]): Promise<void>;
  /**
   * Replaces the board's snapshot with `state` covering every update up to `uptoSeq`, and deletes
   * those updates, keeping who changed what as a version (server/history). `sessionEnd`: the
   * room is unloading, so the next edit starts a new version. `stateV2`: the same state in Yjs's
   * V2 encoding (how versions are stored), if the caller has it (else converted here).
   */
  compact(
    boardId: string,
    state: Uint8Array,
    uptoSeq: number,
    options?: { sessionEnd?: boolean; stateV2?: Uint8Array },
  ): Promise<void>;
  /** Boards (not archived) whose content was stored or compacted since `since`, most recent first. */
  recentlyActive(since: Date, limit: number): Promise<{ boardId: string; kind: BoardKind }[]>;
}

/**
 * Batches up to this many rows are stored with an INSERT prepared once per row count. Building
 * drizzle's query each time cost more of the server's main thread than the rest of a group commit
 * (about 0.1 ms a batch, at a meeting's pace too rarely called for V8 to optimise it).
 */
const PREPARED_ROWS = 32;

export function createDocStore(db: Db, history: HistoryOptions = DEFAULT_HISTORY): DocStore {
  const appends = new Map<number, ReturnType<typeof prepareAppend>>();
  const simple = simpleExecOf(db);
  async function loadMany(boardIds: string[]): Promise<Map<string, LoadedDoc>> {
    // One statement, so one consistent view of both the snapshots and the logs after them
    // (another process's compaction cannot commit in between), and one round trip. A board's
    // snapshot row sorts first. Every log row is read: compaction deletes what it folded, and
    // with several processes a row numbered below the snapshot's seq may have been stored after
    // it (cluster/sequence.ts).
    const ids = sql.join(
      boardIds.map((id) => sql`${id}`),
      sql`, `,
    );
    const result = await db.execute<Row>(sql`
      select ${docSnapshots.boardId} as board_id, true as snapshot, ${docSnapshots.seq} as seq, ${docSnapshots.state} as bytes
      from ${docSnapshots} where ${docSnapshots.boardId} in (${ids})
      union all
      select u.board_id, false, u.seq, u.update from ${docUpdates} u
      where u.board_id in (${ids})
      order by board_id, snapshot desc, seq`);
    const rows = Array.isArray(result) ? (result as Row[]) : (result as { rows: Row[] }).rows;
    const byBoard = new Map<string, Row[]>();
    for (const row of rows) {
      const list = byBoard.get(row.board_id);
      if (list) list.push(row);
      else byBoard.set(row.board_id, [row]);
    }
    return new Map(boardIds.map((id) => [id, toLoaded(byBoard.get(id) ?? [])]));
  }

  return {
    async load(boardId) {
      return (await loadMany([boardId])).get(boardId) ?? EMPTY();
    },

    loadMany,

    async append(rows) {
      if (rows.length === 0) return;
      // One statement either way: a batch is stored completely or not at all.
      const literal = simple ? appendSql(rows) : null;
      if (simple && literal) {
        await simple.execSimple(literal);
        return;
      }
      if (rows.length > PREPARED_ROWS) {
        await db.insert(docUpdates).values(rows);
        return;
      }
      let statement = appends.get(rows.length);
      if (!statement) {
        statement = prepareAppend(db, rows.length);
        appends.set(rows.length, statement);
      }
      const params: Record<string, unknown> = {};
      rows.forEach((row, i) => {
        params[`b${i}`] = row.boardId;
        params[`s${i}`] = row.seq;
        params[`u${i}`] = row.update;
        params[`a${i}`] = row.authorId;
      });
      await statement.execute(params);
    },

    async recentlyActive(since, limit) {
      // As text: postgres-js takes no Date in a raw query parameter.
      const from = since.toISOString();
      const rows = await db.execute<{ board_id: string; kind: BoardKind }>(sql`
        select b.id as board_id, b.kind, max(a.at) as at
        from (
          select board_id, updated_at as at from ${docSnapshots} where updated_at >= ${from}::timestamptz
          union all
          select board_id, max(created_at) from ${docUpdates} where created_at >= ${from}::timestamptz group by board_id
        ) a
        join ${boards} b on b.id = a.board_id and b.archived_at is null
        group by b.id, b.kind
        order by max(a.at) desc
        limit ${limit}`);
      const list = Array.isArray(rows) ? rows : (rows as { rows: { board_id: string; kind: BoardKind }[] }).rows;
      return list.map((r) => ({ boardId: r.board_id, kind: r.kind }));
    },

    async compact(boardId, state, uptoSeq, options = {}) {
      const version = await prepareVersion(db, boardId, uptoSeq);
      const packed = version ? await packState(options.stateV2 ?? Y.convertUpdateFormatV1ToV2(state)) : null;
      await db.transaction(async (tx) => {
        await writeVersion(tx as Db, boardId, version, packed, uptoSeq, options.sessionEnd ?? false, history);
        await tx
          .insert(docSnapshots)
          .values({ boardId, seq: uptoSeq, state })
          .onConflictDoUpdate({
            target: docSnapshots.boardId,
            set: { seq: uptoSeq, state, updatedAt: sql`now()` },
            // Never move a snapshot backwards (e.g. a slow compaction finishing after a newer one).
            setWhere: lte(docSnapshots.seq, uptoSeq),
          });
        await tx.delete(docUpdates).where(and(eq(docUpdates.boardId, boardId), lte(docUpdates.seq, uptoSeq)));
      });
    },
  };
}

type Row = { board_id: string; snapshot: boolean; seq: string | number; bytes: Uint8Array };

const EMPTY = (): LoadedDoc => ({ snapshot: null, updates: [], lastSeq: 0, tail: 0 });

/** One board's rows, its snapshot (if any) first, then its log in order. */
function toLoaded(rows: Row[]): LoadedDoc {
  const snap = rows[0]?.snapshot ? rows[0] : undefined;
  const log = snap ? rows.slice(1) : rows;
  const from = snap ? Number(snap.seq) : 0;
  const lastLogged = log.length > 0 ? Number(log[log.length - 1]?.seq) : 0;
  return {
    snapshot: snap ? new Uint8Array(snap.bytes) : null,
    updates: log.map((r) => new Uint8Array(r.bytes)),
    lastSeq: Math.max(from, lastLogged),
    tail: log.length,
  };
}

/** A client that runs a statement without parameters over the simple-query protocol: PGlite's process (pglite-process.ts). */
interface SimpleExec {
  execSimple(sql: string): Promise<void>;
}

function simpleExecOf(db: Db): SimpleExec | null {
  // Drizzle keeps the driver's client on the handle; a transaction's handle has none (and needs none).
  const client = (db as { $client?: unknown }).$client as Partial<SimpleExec> | undefined;
  return typeof client?.execSimple === "function" ? (client as SimpleExec) : null;
}

const uuidLiteral = (id: string | null) => (id === null ? "null" : isUuid(id) ? `'${id}'` : null);

/**
 * The batch as one INSERT with its values written in, for PGlite's simple-query protocol: about a
 * third less of the database process's time per group commit than the prepared statement, whose
 * parameters take five more round trips through PostgreSQL's protocol. Only values whose text
 * form is fixed go in (uuids, integers, bytea as hex); any other row (never expected) → null,
 * and the batch goes through the parameterised statement instead.
 */
function appendSql(rows: StoredUpdate[]): string | null {
  const values: string[] = [];
  for (const row of rows) {
    const board = uuidLiteral(row.boardId);
    const author = uuidLiteral(row.authorId);
    if (board === null || author === null || !Number.isSafeInteger(row.seq)) return null;
    const bytes = Buffer.from(row.update.buffer, row.update.byteOffset, row.update.byteLength).toString("hex");
    values.push(`(${board}, ${row.seq}, '\\x${bytes}', ${author})`);
  }
  return `insert into doc_updates (board_id, seq, update, author_id) values ${values.join(", ")}`;
}

function prepareAppend(db: Db, rows: number) {
  const values = Array.from({ length: rows }, (_, i) => ({
    boardId: sql.placeholder(`b${i}`),
    seq: sql.placeholder(`s${i}`),
    update: sql.placeholder(`u${i}`),
    authorId: sql.placeholder(`a${i}`),
  }));
  return db.insert(docUpdates).values(values).prepare(`doc_updates_append_${rows}`);
}
