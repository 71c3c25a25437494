import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import { latestShippedMigration, migrationsApplied } from "../../server/db/migration-status.js";
import { boards, docSnapshots, docUpdates, users, workspaces } from "../../server/db/schema.js";
import { createTestDatabase, databaseKinds, truncateAll } from "../helpers/test-database.js";

describe.each(databaseKinds())("schema contract on %s", (kind) => {
  let database: Database;
  beforeAll(async () => {
    database = await createTestDatabase(kind);
  });
  afterAll(() => database?.close());
  beforeEach(() => truncateAll(database));

  async function aBoard() {
    const [user] = await database.db
      .insert(users)
      .values({ email: "a@example.se", name: "A", passwordHash: "x" })
      .returning();
    const [ws] = await database.db.insert(workspaces).values({ name: "Lekeberg", createdBy: user!.id }).returning();
    const [board] = await database.db
      .insert(boards)
      .values({ workspaceId: ws!.id, kind: "focus", title: "Palliativ vård", createdBy: user!.id })
      .returning();
    return { user: user!, board: board! };
  }

  it("reports every shipped migration as applied", async () => {
    expect(await migrationsApplied(database.db, latestShippedMigration())).toBe(true);
  });

  it("applying migrations again changes nothing", async () => {
    await database.migrate();
    expect(await migrationsApplied(database.db, latestShippedMigration())).toBe(true);
  });

  it("gives ids as UUIDs and timestamps with time zone", async () => {
    const { board } = await aBoard();
    expect(board.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(board.createdAt).toBeInstanceOf(Date);
    expect(Math.abs(board.createdAt.getTime() - Date.now())).toBeLessThan(60_000);
  });

  it("round-trips binary Yjs updates byte for byte", async () => {
    const { user, board } = await aBoard();
    const bytes = new Uint8Array(256).map((_, i) => i);
    await database.db.insert(docUpdates).values({ boardId: board.id, seq: 1, update: bytes, authorId: user.id });
    await database.db.insert(docSnapshots).values({ boardId: board.id, seq: 1, state: bytes.slice(0, 3) });
    const [row] = await database.db.select().from(docUpdates).where(eq(docUpdates.boardId, board.id));
    expect(Buffer.from(row!.update).equals(Buffer.from(bytes))).toBe(true);
    const [snap] = await database.db.select().from(docSnapshots);
    expect([...snap!.state]).toEqual([0, 1, 2]);
  });

  it("refuses a second update with the same sequence number on a board", async () => {
    const { board } = await aBoard();
    await database.db.insert(docUpdates).values({ boardId: board.id, seq: 1, update: new Uint8Array([1]) });
    await expect(
      database.db.insert(docUpdates).values({ boardId: board.id, seq: 1, update: new Uint8Array([2]) }),
    ).rejects.toThrow();
  });

  it("keeps e-mail addresses unique", async () => {
    await aBoard();
    await expect(
      database.db.insert(users).values({ email: "a@example.se", name: "B", passwordHash: "y" }),
    ).rejects.toThrow();
  });

  it("removes a workspace's boards and their history with the workspace", async () => {
    const { board } = await aBoard();
    await database.db.insert(docUpdates).values({ boardId: board.id, seq: 1, update: new Uint8Array([1]) });
    await database.db.delete(workspaces).where(eq(workspaces.id, board.workspaceId));
    expect(await database.db.$count(boards)).toBe(0);
    expect(await database.db.$count(docUpdates)).toBe(0);
  });
});
