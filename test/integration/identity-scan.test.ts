/**
 * The migration step for identity numbers stored before the guard (issue 23): it finds them in
 * tables and in board documents, says where — never the number — and runs once per rule version.
 */
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import type { Database } from "../../server/db/client.js";
import { createDocStore } from "../../server/docs/doc-store.js";
import { removeFromBoards, scanForIdentityNumbers, scanOnce } from "../../server/docs/identity-scan.js";
import { createLogger } from "../../server/logger.js";
import { actionDescription, addAction } from "../../shared/boards/focus.js";
import { openBoard } from "../../shared/boards/index.js";
import { identityNumberInProgress } from "../../shared/text/identity-numbers.js";
import { ApiClient } from "../helpers/api-client.js";
import { findInDatabase } from "../helpers/db-search.js";
import { createOrganization, createWorkspace, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("finding identity numbers stored before the guard", () => {
  let database: Database;
  let app: ReturnType<typeof buildTestApp>["app"];
  let services: ReturnType<typeof buildTestApp>["services"];

  beforeAll(async () => {
    database = await createTestDatabase();
    ({ app, services } = buildTestApp(database));
  });
  afterAll(() => database?.close());

  it("reports the table row and the board field, once per rule version, without the number", async () => {
    const admin = new ApiClient(app);
    await setupAdmin(admin);
    const org = await createOrganization(admin, "Lekebergs kommun");
    const ws = await createWorkspace(admin, "Nära vård", org.id);
    const board = (await admin.post(`/api/workspaces/${ws.id}/boards`, { kind: "focus", title: "Växelvård" })).body
      .board;
    expect(await scanForIdentityNumbers(database.db)).toEqual([]);

    // As an older version would have stored them: a title, and a document whose number was typed in two updates.
    await database.db.execute(sql`update boards set title = 'Pat 19121212-1212' where id = ${board.id}`);
    const doc = new Y.Doc();
    openBoard(doc, "focus");
    addAction(doc, { id: "a1", title: "Hemgång" });
    const text = new Y.XmlText();
    const paragraph = new Y.XmlElement("paragraph");
    paragraph.insert(0, [text]);
    actionDescription(doc, "a1").insert(0, [paragraph]);
    text.insert(0, "pnr 121212-");
    const first = Y.encodeStateAsUpdate(doc);
    const before = Y.encodeStateVector(doc);
    text.insert(text.length, "1212 ringer", { bold: true });
    const second = Y.encodeStateAsUpdate(doc, before);
    const store = createDocStore(database.db);
    const { lastSeq } = await store.load(board.id);
    await store.append([
      { boardId: board.id, seq: lastSeq + 1, update: first, authorId: null },
      { boardId: board.id, seq: lastSeq + 2, update: second, authorId: null },
    ]);

    const found = await scanForIdentityNumbers(database.db);
    const places = found.map((f) => f.where);
    expect(places).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^boards\.title \(row .+\)$/),
        `board ${board.id}: actions.a1.description.[].[]`,
      ]),
    );
    // Copies derived from them (search, projections) are named too.
    for (const place of places) expect(place).toMatch(/^(boards\.title|board |search_entries\.|projected_)/);
    expect(JSON.stringify(found)).not.toMatch(/1212-?1212/);

    const logger = createLogger("silent");
    await scanOnce(database.db, services.audit, logger);
    await scanOnce(database.db, services.audit, logger);
    const rows = await database.db.execute(sql`select data from audit_events where action = 'identity_number.scan'`);
    const list = (Array.isArray(rows) ? rows : (rows as { rows: unknown[] }).rows) as {
      data: Record<string, unknown>;
    }[];
    expect(list).toHaveLength(1);
    expect(list[0]?.data.found).toBeGreaterThanOrEqual(2);
    expect(JSON.stringify(list)).not.toMatch(/1212-?1212/);

    // --remove (server stopped): the boards lose them — log, snapshot and kept versions — and what
    // is left is the title a person must change in the app.
    const changed = await removeFromBoards(database.db, async (boardId) => {
      await services.history.forget(boardId, (text) => identityNumberInProgress(text) !== null);
      await services.projections.project(boardId);
    });
    expect(changed).toEqual([
      { boardId: board.id, workspaceId: ws.id, fields: [expect.stringContaining("description")] },
    ]);
    const left = (await scanForIdentityNumbers(database.db)).map((f) => f.where);
    expect(left.length).toBeGreaterThan(0);
    for (const place of left) expect(place).toMatch(/^(boards\.title|search_entries\.title) /);
    const stored = await createDocStore(database.db).load(board.id);
    expect(stored.updates).toEqual([]);
    const after = new Y.Doc();
    Y.applyUpdate(after, stored.snapshot as Uint8Array);
    expect(actionDescription(after, "a1").toString()).toContain("pnr [personnummer borttaget]<bold> ringer");
    // The two halves of the description's number were stored in two log rows: neither is left.
    expect(await findInDatabase(database.db, "pnr 121212-")).toEqual([]);
    expect(await findInDatabase(database.db, "1212 ringer")).toEqual([]);
  });
});
