/**
 * Finds personal identity numbers already stored — from before the guard existed, or imported —
 * and says where: table, column and row, or board and field. Never prints the number. Runs once
 * per instance after an upgrade (in the background at start) and on demand with
 * `npm run scan:identity-numbers`. Removing them is the administrator's choice: edited out of a
 * board, the next compaction leaves no copy (the stored state is collected, gc).
 */
import { sql } from "drizzle-orm";
import * as Y from "yjs";
import { findIdentityNumberIn, findIdentityNumbers } from "../../shared/text/identity-numbers.js";
import type { Db } from "../db/client.js";
import type { Logger } from "../logger.js";
import { findInDocument } from "../realtime/identity-guard.js";
import type { Audit } from "../services/audit.js";
import { createDocStore } from "./doc-store.js";

/** Raised when the rule changes, so that an upgraded instance scans again. */
export const IDENTITY_RULE_VERSION = 1;

export interface StoredIdentityNumber {
  /** "boards 6f1c…: actions.a1.title" or "audit_events.data (id 42)". */
  where: string;
  kind: string;
}

// Columns that hold no text people wrote: hashes, tokens, addresses, and the board log itself
// (its content is scanned as documents, below).
const SKIPPED = /(_hash|^token|^ip$|^update$|^state$|^sha256$)/;

function rowsOf<T>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

export async function scanForIdentityNumbers(db: Db): Promise<StoredIdentityNumber[]> {
  return [...(await scanTables(db)), ...(await scanBoards(db))];
}

async function scanTables(db: Db): Promise<StoredIdentityNumber[]> {
  const columns = rowsOf<{ table_name: string; column_name: string; data_type: string }>(
    await db.execute(sql`
      select c.table_name, c.column_name, c.data_type from information_schema.columns c
      join information_schema.tables t on t.table_schema = c.table_schema and t.table_name = c.table_name
      where c.table_schema = 'public' and t.table_type = 'BASE TABLE'
        and c.data_type in ('text', 'character varying', 'json', 'jsonb')
        and c.table_name not like '%drizzle%'
      order by c.table_name, c.column_name`),
  );
  const found: StoredIdentityNumber[] = [];
  for (const { table_name: table, column_name: column, data_type: type } of columns) {
    if (SKIPPED.test(column)) continue;
    // Ten digits with at most a separator between: a cheap filter in the database; the rule in JS.
    const rows = rowsOf<{ row: string; value: unknown }>(
      await db.execute(sql`
        select ctid::text as row, ${sql.identifier(column)} as value from ${sql.identifier(table)}
        where ${sql.identifier(column)}::text ~ '[0-9]{6}[^0-9]{0,3}[0-9]{4}'`),
    );
    for (const { row, value } of rows) {
      const hit =
        type === "json" || type === "jsonb"
          ? findIdentityNumberIn(typeof value === "string" ? JSON.parse(value) : value)
          : findIdentityNumbers(String(value))[0];
      if (hit) found.push({ where: `${table}.${column} (row ${row})`, kind: hit.kind });
    }
  }
  return found;
}

async function scanBoards(db: Db): Promise<StoredIdentityNumber[]> {
  const store = createDocStore(db);
  const boards = rowsOf<{ id: string; title: string }>(await db.execute(sql`select id, title from boards order by id`));
  const found: StoredIdentityNumber[] = [];
  for (const { id } of boards) {
    const loaded = await store.load(id);
    const doc = new Y.Doc();
    try {
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      for (const hit of findInDoc(doc)) found.push({ where: `board ${id}: ${hit.field}`, kind: hit.kind });
    } finally {
      doc.destroy();
    }
  }
  return found;
}

/**
 * Every identity number in a document, read through Yjs's structure rather than its types (a
 * stored document's roots are untyped until asked for): map entries by key, list and text content
 * in order, consecutive strings joined so that a number split over several items is found.
 */
export function findInDoc(doc: Y.Doc): { field: string; kind: string }[] {
  const found: { field: string; kind: string }[] = [];
  // biome-ignore lint/suspicious/noExplicitAny: any shared type, whatever its event type
  const visit = (type: Y.AbstractType<any>, path: string) => {
    for (const [key, item] of type._map) {
      if (item.deleted) continue;
      const values = item.content.getContent();
      visitValue(values[values.length - 1], `${path}.${key}`);
    }
    let run = "";
    const flush = () => {
      const hit = findIdentityNumbers(run)[0];
      if (hit) found.push({ field: path, kind: hit.kind });
      run = "";
    };
    for (let item = type._start; item !== null; item = item.right) {
      if (item.deleted) continue;
      for (const value of item.content.getContent()) {
        if (typeof value === "string") run += value;
        else {
          flush();
          visitValue(value, `${path}.[]`);
        }
      }
    }
    flush();
    if (type instanceof Y.XmlElement) {
      for (const [key, value] of Object.entries(type.getAttributes())) visitValue(value, `${path}@${key}`);
    }
  };
  const visitValue = (value: unknown, path: string) => {
    if (value instanceof Y.AbstractType) return visit(value, path);
    const hit = typeof value === "string" ? findIdentityNumbers(value)[0] : value ? findIdentityNumberIn(value) : null;
    if (hit) found.push({ field: path, kind: hit.kind });
  };
  for (const [name, root] of doc.share) visit(root, name);
  return found;
}

/**
 * Replaces every identity number in the boards' documents with the placeholder, as one change by
 * nobody (author null), then compacts each board so that the log and the snapshot no longer hold
 * it; `afterBoard` then drops the kept versions (history.forget). Only with the server stopped: a
 * running server's room would write its own copy back. Returns the boards changed.
 */
export async function removeFromBoards(
  db: Db,
  afterBoard: (boardId: string) => Promise<void>,
): Promise<{ boardId: string; workspaceId: string; fields: string[] }[]> {
  const store = createDocStore(db);
  const boards = rowsOf<{ id: string; workspace_id: string }>(
    await db.execute(sql`select id, workspace_id from boards order by id`),
  );
  const changed: { boardId: string; workspaceId: string; fields: string[] }[] = [];
  for (const { id, workspace_id: workspaceId } of boards) {
    const loaded = await store.load(id);
    const doc = new Y.Doc();
    try {
      if (loaded.snapshot) Y.applyUpdate(doc, loaded.snapshot);
      for (const update of loaded.updates) Y.applyUpdate(doc, update);
      const found = findInDocument(doc);
      if (found.length === 0) continue;
      const before = Y.encodeStateVector(doc);
      doc.transact(() => {
        for (const finding of found) finding.remove();
      });
      const seq = loaded.lastSeq + 1;
      await store.append([{ boardId: id, seq, update: Y.encodeStateAsUpdate(doc, before), authorId: null }]);
      // Deleted content is collected (gc): the snapshot written here holds none of it.
      await store.compact(id, Y.encodeStateAsUpdate(doc), seq, { sessionEnd: true });
      await afterBoard(id);
      changed.push({ boardId: id, workspaceId, fields: found.map((f) => f.field) });
    } finally {
      doc.destroy();
    }
  }
  return changed;
}

/**
 * The migration step: once per rule version, in the background, logs where numbers are stored
 * and records the scan (with the places, not the numbers) in the audit trail.
 */
/**
 * `claim`, with several processes: whether this process is the one to scan (the others started at
 * the same moment skip it, so the scan runs and is audited once).
 */
export async function scanOnce(
  db: Db,
  audit: Audit,
  logger: Logger,
  claim: () => Promise<boolean> = async () => true,
): Promise<void> {
  const done = rowsOf<{ n: number }>(
    await db.execute(sql`select count(*)::int as n from audit_events
      where action = 'identity_number.scan' and (data->>'rule')::int = ${IDENTITY_RULE_VERSION}`),
  );
  if ((done[0]?.n ?? 0) > 0 || !(await claim())) return;
  const found = await scanForIdentityNumbers(db);
  for (const hit of found)
    logger.warn({ where: hit.where, kind: hit.kind }, "a personal identity number is stored here; remove it");
  if (found.length > 0)
    logger.warn({ count: found.length }, "stored personal identity numbers found: see `npm run scan:identity-numbers`");
  await audit({
    action: "identity_number.scan",
    data: { rule: IDENTITY_RULE_VERSION, found: found.length, places: found.slice(0, 100).map((f) => f.where) },
  });
}
