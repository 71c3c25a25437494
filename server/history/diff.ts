/**
 * What one person changed: the difference between two readings of a board, as structured
 * changes, and the folding of successive changes into a version's list (a card moved twice by
 * the same person is one move, from where it was to where it ended).
 */
import type { HistoryChange } from "../../shared/history/changes.js";
import type { BoardReading } from "./reading.js";

/** At most this many changes are kept per version; the rest are counted. */
export const MAX_CHANGES_PER_VERSION = 200;

export function diffReadings(before: BoardReading, after: BoardReading, by: string | null): HistoryChange[] {
  const changes: HistoryChange[] = [];
  for (const field of Object.keys(after.fields) as (keyof BoardReading["fields"])[]) {
    if ((before.fields[field] ?? "") !== (after.fields[field] ?? "")) changes.push({ by, kind: "fieldEdited", field });
  }
  const old = new Map(before.items.map((i) => [i.id, i]));
  const now = new Set<string>();
  for (const a of after.items) {
    now.add(a.id);
    const base = { by, itemId: a.id, itemType: a.type, title: a.title };
    const b = old.get(a.id);
    if (!b) {
      changes.push({ ...base, kind: "added", status: a.status });
      continue;
    }
    if (b.title !== a.title) changes.push({ ...base, kind: "renamed", from: b.title, to: a.title });
    if (b.status !== a.status && a.status !== null) {
      changes.push({ ...base, kind: "moved", from: b.status ?? "", to: a.status });
    }
    if (b.ownerId !== a.ownerId) changes.push({ ...base, kind: "assigned", to: a.ownerId });
    if (b.dueDate !== a.dueDate) changes.push({ ...base, kind: "dated", to: a.dueDate });
    if (b.body !== a.body) changes.push({ ...base, kind: "edited" });
  }
  for (const b of before.items) {
    if (!now.has(b.id)) changes.push({ by, itemId: b.id, itemType: b.type, title: b.title, kind: "removed" });
  }
  return changes;
}

const sameSubject = (a: HistoryChange, b: HistoryChange) =>
  a.by === b.by &&
  a.kind === b.kind &&
  (a.kind === "fieldEdited" ? b.kind === "fieldEdited" && a.field === b.field : "itemId" in b && a.itemId === b.itemId);

/**
 * Adds `next` to a version's `list` (in place): a repeated change of the same thing by the same
 * person replaces the earlier one (keeping where a move or rename started); an item added and
 * removed again within the version leaves nothing. Returns how many changes did not fit.
 */
export function foldChanges(list: HistoryChange[], next: HistoryChange[]): number {
  let overflow = 0;
  for (const change of next) {
    if (change.kind === "removed") {
      const added = list.findIndex((c) => c.kind === "added" && c.itemId === change.itemId);
      if (added >= 0) {
        // Made and dropped within one version: nothing of it remains to tell.
        for (let i = list.length - 1; i >= 0; i--) {
          const c = list[i] as HistoryChange;
          if (c.kind !== "fieldEdited" && c.itemId === change.itemId) list.splice(i, 1);
        }
        continue;
      }
    }
    const earlier = list.findIndex((c) => sameSubject(c, change));
    if (earlier >= 0) {
      const prev = list[earlier] as HistoryChange;
      let merged: HistoryChange = change;
      if (
        (prev.kind === "moved" || prev.kind === "renamed") &&
        (change.kind === "moved" || change.kind === "renamed")
      ) {
        merged = { ...change, from: prev.from };
        if (merged.from === merged.to) {
          list.splice(earlier, 1);
          continue;
        }
      }
      list.splice(earlier, 1);
      list.push(merged);
      continue;
    }
    if (list.length >= MAX_CHANGES_PER_VERSION) {
      overflow++;
      continue;
    }
    list.push(change);
  }
  return overflow;
}
