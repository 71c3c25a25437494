/**
 * A fast reading of a board for comparing versions: the same shape as `readBoard`, but straight
 * from the Y.Maps without validating each value (the content guard checked them when they
 * arrived), with rich text as its markup, and organised by top-level entry (a card, a goal, an
 * agenda item with its decisions) so that compaction re-reads only the entries a run of updates
 * touched (`touchedEntries`).
 */
import * as Y from "yjs";
import type { BoardKind } from "../../shared/boards/spec.js";
import type { ItemType } from "../../shared/history/changes.js";
import type { BoardReading, ReadItem } from "./reading.js";

/** Keys that are an item's place or bookkeeping, or compared on their own, not its body. */
const NOT_BODY = new Set(["status", "ownerId", "dueDate", "rank", "createdAt"]);

type Entry = Y.Map<unknown> | Record<string, unknown>;
const str = (v: unknown): string | null => (typeof v === "string" ? v : null);
const get = (entry: Entry, key: string): unknown => (entry instanceof Y.Map ? entry.get(key) : entry[key]);

function flat(value: unknown): string {
  if (value instanceof Y.XmlFragment || value instanceof Y.XmlElement) return value.toString();
  if (value instanceof Y.Map) {
    return [...value.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([k, v]) => `${k}=${flat(v)}`)
      .join(";");
  }
  if (value instanceof Y.AbstractType) return JSON.stringify(value.toJSON());
  return JSON.stringify(value) ?? "";
}

/** One item from its entry; `own` are keys holding items of their own (an agenda item's decisions). */
function item(id: string, raw: unknown, type: ItemType, titleKey: string, parentId: string | null, own: string[] = []) {
  if (!(raw instanceof Y.Map) && (typeof raw !== "object" || raw === null)) return [];
  const entry = raw as Entry;
  const pairs = entry instanceof Y.Map ? [...entry.entries()] : Object.entries(entry);
  const body = pairs
    .filter(([k]) => k !== titleKey && !NOT_BODY.has(k) && !own.includes(k))
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([k, v]) => `${k}=${flat(v)}`)
    .join(";");
  const read: ReadItem = {
    id,
    type,
    parentId,
    title: str(get(entry, titleKey)) ?? "",
    status: str(get(entry, "status")),
    ownerId: str(get(entry, "ownerId")),
    dueDate: str(get(entry, "dueDate")),
    body,
  };
  return [read];
}

function nested(parent: string, raw: unknown, name: string, type: ItemType, titleKey: string): ReadItem[] {
  const list = raw instanceof Y.Map ? raw.get(name) : undefined;
  if (!(list instanceof Y.Map)) return [];
  return [...(list as Y.Map<unknown>).entries()].flatMap(([id, v]) => item(id, v, type, titleKey, parent));
}

interface Layout {
  /** Roots holding board-level fields, and how to read them all. */
  fieldRoots: string[];
  fields(doc: Y.Doc): BoardReading["fields"];
  /** Roots holding items: how to read the items of one top-level entry. */
  itemRoots: Record<string, (id: string, raw: unknown) => ReadItem[]>;
}

const root = (doc: Y.Doc, name: string) => doc.getMap<unknown>(name);

export const LAYOUTS: Record<BoardKind, Layout> = {
  focus: {
    fieldRoots: ["focus"],
    fields: (doc) => {
      const focus = root(doc, "focus");
      return {
        description: flat(focus.get("description")),
        targetGroup: flat(focus.get("targetGroup")),
        perspectives: flat(focus.get("perspectives")),
      };
    },
    itemRoots: { actions: (id, raw) => item(id, raw, "action", "title", null) },
  },
  plan: {
    fieldRoots: ["plan"],
    fields: (doc) => {
      const plan = root(doc, "plan");
      return {
        purpose: flat(plan.get("purpose")),
        meetingCadence: flat(plan.get("meetingCadence")),
        period: flat(plan.get("period")),
      };
    },
    itemRoots: {
      sections: (id, raw) => item(id, raw, "section", "heading", null),
      goals: (id, raw) => item(id, raw, "goal", "title", null),
      contacts: (id, raw) => item(id, raw, "contact", "organizationName", null),
    },
  },
  followup: {
    fieldRoots: ["followup"],
    fields: (doc) => ({ description: flat(root(doc, "followup").get("description")) }),
    itemRoots: { indicators: (id, raw) => item(id, raw, "indicator", "name", null) },
  },
  minutes: {
    fieldRoots: ["meeting", "attendees"],
    fields: (doc) => ({ meeting: flat(root(doc, "meeting")), attendees: flat(root(doc, "attendees")) }),
    itemRoots: {
      items: (id, raw) => [
        ...item(id, raw, "agendaItem", "title", null, ["decisions", "actionItems"]),
        ...nested(id, raw, "decisions", "decision", "text"),
        ...nested(id, raw, "actionItems", "actionItem", "title"),
      ],
    },
  },
  roadmap: {
    fieldRoots: [],
    fields: () => ({}),
    itemRoots: {
      phases: (id, raw) => [
        ...item(id, raw, "phase", "title", null, ["activities"]),
        ...nested(id, raw, "activities", "activity", "text"),
      ],
      milestones: (id, raw) => item(id, raw, "milestone", "title", null),
      cycle: (id, raw) => item(id, raw, "cycleStep", "step", null),
    },
  },
};

/** The items of one top-level entry ("root\u0000key") as the document holds them now. */
export function readEntry(doc: Y.Doc, kind: BoardKind, entryKey: string): ReadItem[] {
  const [name, key] = entryKey.split("\u0000") as [string, string];
  const read = LAYOUTS[kind].itemRoots[name];
  const raw = root(doc, name).get(key);
  return read && raw !== undefined ? read(key, raw) : [];
}

/** Every top-level entry of the board's item roots, read. */
export function readEntries(doc: Y.Doc, kind: BoardKind): Map<string, ReadItem[]> {
  const out = new Map<string, ReadItem[]>();
  for (const [name, read] of Object.entries(LAYOUTS[kind].itemRoots)) {
    for (const [key, raw] of root(doc, name).entries()) out.set(`${name}\u0000${key}`, read(key, raw));
  }
  return out;
}

/** The whole board, for a comparison of two documents. */
export function quickRead(doc: Y.Doc, kind: BoardKind): BoardReading {
  return { fields: LAYOUTS[kind].fields(doc), items: [...readEntries(doc, kind).values()].flat() };
}

/**
 * What a transaction touched: the top-level entries ("root\u0000key") whose content changed
 * anywhere below them, and the roots themselves.
 */
export function touchedEntries(doc: Y.Doc, tr: Y.Transaction): { entries: Set<string>; roots: Set<string> } {
  const names = new Map<unknown, string>();
  for (const [name, type] of doc.share) names.set(type, name);
  const entries = new Set<string>();
  const roots = new Set<string>();
  for (const [type, keys] of tr.changed) {
    if (type._item === null) {
      const name = names.get(type);
      if (name === undefined) continue;
      roots.add(name);
      for (const key of keys) if (key !== null) entries.add(`${name}\u0000${key}`);
      continue;
    }
    // Up to the child of a root: its key names the entry.
    let item: Y.Item | null = type._item;
    while (item && item.parent instanceof Y.AbstractType && item.parent._item !== null) item = item.parent._item;
    const parent = item?.parent;
    const name = parent instanceof Y.AbstractType ? names.get(parent) : undefined;
    if (name === undefined) continue;
    roots.add(name);
    if (item?.parentSub) entries.add(`${name}\u0000${item.parentSub}`);
  }
  return { entries, roots };
}
