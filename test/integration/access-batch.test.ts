/**
 * Board access asked for many joins at once (access.boardsToRead, used by the join cache): each
 * answer is the one `access.board(…, "boards.read")` gives alone, on PGlite and PostgreSQL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../../server/db/client.js";
import type { Actor } from "../../server/services/access.js";
import { ApiClient } from "../helpers/api-client.js";
import { createOrganization, createWorkspace, inviteAndJoin, setupAdmin } from "../helpers/factories.js";
import { buildTestApp } from "../helpers/test-app.js";
import { createTestDatabase } from "../helpers/test-database.js";

describe("board access for a storm of joins, in one statement", () => {
  let database: Database;
  let built: ReturnType<typeof buildTestApp>;

  beforeAll(async () => {
    database = await createTestDatabase();
    built = buildTestApp(database);
  });
  afterAll(() => database?.close());

  it("answers every pair as alone: members, observers, outsiders, archived, unknown and malformed boards", async () => {
    const admin = new ApiClient(built.app);
    const { user: adminUser } = await setupAdmin(admin);
    const org = await createOrganization(admin, "Vårdcentralen Lekeberg", "primary_care");
    const ws = await createWorkspace(admin, "Nära vård Lekeberg", org.id);
    const other = await createWorkspace(admin, "Nära vård Askersund", org.id);
    const newBoard = async (workspaceId: string, title: string) => {
      const res = await admin.post(`/api/workspaces/${workspaceId}/boards`, { title, kind: "focus" });
      return res.body.board.id as string;
    };
    const b1 = await newBoard(ws.id, "Trygg hemgång");
    const b2 = await newBoard(ws.id, "Fallprevention");
    const archived = await newBoard(ws.id, "Gammal");
    expect((await admin.delete(`/api/boards/${archived}`)).status).toBeLessThan(300);
    const elsewhere = await newBoard(other.id, "Askersunds tavla");
    const eva = await inviteAndJoin(admin, ws.id, "member", org.id, "Eva Sjuksköterska");
    const olle = await inviteAndJoin(admin, ws.id, "observer", org.id, "Olle Observatör");

    const person = (id: string): Actor => ({ id, isAdmin: false });
    const pairs = [
      { actor: person(eva.user.id), boardId: b1 },
      { actor: person(olle.user.id), boardId: b1 },
      { actor: person(eva.user.id), boardId: b2 },
      { actor: person(eva.user.id), boardId: elsewhere },
      { actor: person(eva.user.id), boardId: archived },
      { actor: person(eva.user.id), boardId: "00000000-0000-4000-8000-000000000000" },
      { actor: person(eva.user.id), boardId: "not-a-board" },
      { actor: { id: adminUser.id, isAdmin: true }, boardId: elsewhere },
    ];
    const access = built.services.access;
    const together = await access.boardsToRead(pairs);
    const alone = await Promise.all(
      pairs.map((p) =>
        access.board(p.actor, p.boardId, "boards.read").then(
          (v) => v,
          (err: Error) => err,
        ),
      ),
    );
    const shape = (a: (typeof together)[number]) =>
      a instanceof Error ? { refused: a.message } : { board: a.board.id, role: a.role, organization: a.organization };
    expect(together.map(shape)).toEqual(alone.map(shape));
    expect(together.map(shape).slice(0, 4)).toEqual([
      { board: b1, role: "member", organization: "Vårdcentralen Lekeberg" },
      { board: b1, role: "observer", organization: "Vårdcentralen Lekeberg" },
      { board: b2, role: "member", organization: "Vårdcentralen Lekeberg" },
      { refused: expect.stringMatching(/not found/i) },
    ]);
    expect(together.slice(4, 7).every((a) => a instanceof Error)).toBe(true);
  });
});
