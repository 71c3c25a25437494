/**
 * Upgrades without downtime need migrations that an older process, still serving while the new one
 * starts, can live with: expand first (new tables, new nullable or defaulted columns, new indexes),
 * contract in a later release once no older process runs (docs/upgrades.md). A migration that
 * drops, renames, retypes or tightens what already exists must say so with a `-- contract:` line
 * naming the release that stopped using it; this test holds every migration to that rule.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const FOLDER = "migrations";

/** Statements that break a process running the previous release's code. */
const CONTRACTING = [
  /\bDROP\s+(TABLE|COLUMN|TYPE|SCHEMA|VIEW)\b/i,
  /\bRENAME\b/i,
  /\bALTER\s+COLUMN\s+"?\w+"?\s+(SET\s+DATA\s+)?TYPE\b/i,
  /\bALTER\s+COLUMN\s+"?\w+"?\s+SET\s+NOT\s+NULL\b/i,
  /\bADD\s+COLUMN\s+(?:(?!DEFAULT)[^;])*\bNOT\s+NULL\b(?![^;]*\bDEFAULT\b)/i,
];

/** Tables a migration creates itself: changing those in the same file breaks nobody. */
function createdIn(sql: string): Set<string> {
  return new Set([...sql.matchAll(/CREATE\s+TABLE\s+(?:IF\s+NOT\s+EXISTS\s+)?"(\w+)"/gi)].map((m) => m[1] as string));
}

function contractingStatements(sql: string): string[] {
  if (/^--\s*contract:/m.test(sql)) return [];
  const fresh = createdIn(sql);
  return sql
    .split(/--> statement-breakpoint|;\s*\n/)
    .map((s) => s.trim())
    .filter((statement) => {
      if (!CONTRACTING.some((pattern) => pattern.test(statement))) return false;
      const table = /ALTER\s+TABLE\s+"(\w+)"/i.exec(statement)?.[1];
      return !(table && fresh.has(table));
    });
}

describe("migrations expand, then contract", () => {
  it("finds contracting statements (the check can fail)", () => {
    expect(contractingStatements('ALTER TABLE "boards" DROP COLUMN "title";')).toHaveLength(1);
    expect(contractingStatements('ALTER TABLE "boards" RENAME COLUMN "title" TO "name";')).toHaveLength(1);
    expect(contractingStatements('ALTER TABLE "boards" ALTER COLUMN "title" SET NOT NULL;')).toHaveLength(1);
    expect(contractingStatements('ALTER TABLE "boards" ADD COLUMN "x" text NOT NULL;')).toHaveLength(1);
    expect(contractingStatements('ALTER TABLE "boards" ADD COLUMN "x" text DEFAULT \'\' NOT NULL;')).toEqual([]);
    expect(contractingStatements('ALTER TABLE "boards" ADD COLUMN "x" text;')).toEqual([]);
    expect(
      contractingStatements('CREATE TABLE "t" ("a" text);\nALTER TABLE "t" ALTER COLUMN "a" SET NOT NULL;'),
    ).toEqual([]);
    expect(
      contractingStatements('-- contract: 0.3 stopped reading "title"\nALTER TABLE "boards" DROP COLUMN "title";'),
    ).toEqual([]);
  });

  it("every shipped migration after the first only expands, or says what it contracts", () => {
    const files = readdirSync(FOLDER).filter((f) => f.endsWith(".sql") && !f.startsWith("0000_"));
    expect(files.length).toBeGreaterThan(5);
    const offenders = files.flatMap((f) =>
      contractingStatements(readFileSync(join(FOLDER, f), "utf8")).map((s) => `${f}: ${s.slice(0, 120)}`),
    );
    expect(offenders).toEqual([]);
  });
});
