/**
 * Finds personal identity numbers (shared/text/identity-numbers.ts) in what one transaction changed
 * in a board's document, and says how to remove each one. Only what changed is read: the keys a
 * map changed, the items an array or XML node gained, and the whole of every text that changed —
 * a number typed digit by digit is complete only in the text, never in one update.
 */
import * as Y from "yjs";
import {
  findIdentityNumberIn,
  findIdentityNumbers,
  IDENTITY_NUMBER_PLACEHOLDER,
  type IdentityNumberKind,
  withoutIdentityNumbers,
} from "../../shared/text/identity-numbers.js";

// biome-ignore lint/suspicious/noExplicitAny: any shared type, whatever its event type
type AnyType = Y.AbstractType<any>;

export interface IdentityFinding {
  /** Where, as a path from the document's root ("actions.[].title"); never the number. */
  field: string;
  kind: IdentityNumberKind;
  /** Replaces the number with the placeholder; to be called inside a transaction. */
  remove: () => void;
}

/** What a transaction changed, kept from `afterTransaction` until the update has been applied. */
export interface ChangeRecord {
  changed: Map<AnyType, Set<string | null>>;
  beforeState: Map<number, number>;
}

export function record(transaction: Y.Transaction): ChangeRecord {
  return {
    changed: transaction.changed as Map<AnyType, Set<string | null>>,
    beforeState: transaction.beforeState,
  };
}

export function findInChanges({ changed, beforeState }: ChangeRecord): IdentityFinding[] {
  const found: IdentityFinding[] = [];
  for (const [changedType, keys] of changed) {
    if (changedType._item?.deleted) continue;
    const type = asMapIfUntyped(changedType, keys);
    if (type instanceof Y.Text) {
      scanText(type, found);
      continue;
    }
    for (const key of keys) {
      if (key === null) continue;
      if (type instanceof Y.Map) scanMapEntry(type as Y.Map<unknown>, key, found);
      else if (type instanceof Y.XmlElement) scanAttribute(type, key, found);
    }
    if (keys.has(null)) {
      // A list (array, XML children) changed: only the items it gained can hold something new.
      for (let item = type._start; item !== null; item = item.right) {
        if (item.deleted || item.id.clock < (beforeState.get(item.id.client) ?? 0)) continue;
        for (const value of item.content.getContent()) scanValue(value, type, found, () => removeFromList(type, item));
      }
    }
  }
  return found;
}

/**
 * Removes what was found, in one transaction with `origin`, and returns the update to store and
 * send instead of `update` (which was just applied): everything it added, from where it starts,
 * plus the replacement, encoded from the document — whose deleted content has been collected
 * (gc), so the numbers' characters are not in it.
 */
export function removeAndReencode(
  doc: Y.Doc,
  update: Uint8Array,
  found: Pick<IdentityFinding, "remove">[],
  origin: unknown,
): Uint8Array {
  const ownClock = Y.decodeStateVector(Y.encodeStateVector(doc)).get(doc.clientID) ?? 0;
  doc.transact(() => {
    for (const finding of found) finding.remove();
  }, origin);
  const since = Y.decodeStateVector(Y.encodeStateVector(doc));
  for (const [client, clock] of Y.parseUpdateMeta(update).from) since.set(client, clock);
  since.set(doc.clientID, ownClock);
  return Y.encodeStateAsUpdate(doc, Y.encodeStateVector(since));
}

/**
 * A root nobody on the server has asked for by type yet arrives as a bare AbstractType; one whose
 * keys changed is a map (the boards' layouts have only maps at the root), so read it as one.
 */
function asMapIfUntyped(type: AnyType, keys: Set<string | null>): AnyType {
  if (type.constructor !== Y.AbstractType || type._item !== null || !type.doc) return type;
  if ([...keys].every((k) => k === null)) return type;
  for (const [name, root] of type.doc.share) if (root === type) return type.doc.getMap(name);
  return type;
}

function scanMapEntry(map: Y.Map<unknown>, key: string, found: IdentityFinding[]) {
  const inKey = findIdentityNumbers(key)[0];
  if (inKey) {
    // A number as a key (the content guard's layouts have none): the entry goes, whatever it held.
    found.push({ field: fieldOf(map, "(key)"), kind: inKey.kind, remove: () => map.delete(key) });
    return;
  }
  const value = map.get(key);
  scanValue(value, map, found, () => map.set(key, cleaned(value)), key);
}

function scanAttribute(element: Y.XmlElement, key: string, found: IdentityFinding[]) {
  const value = element.getAttribute(key);
  if (typeof value !== "string") return;
  const match = findIdentityNumbers(value)[0];
  if (match)
    found.push({
      field: fieldOf(element, key),
      kind: match.kind,
      remove: () => element.setAttribute(key, withoutIdentityNumbers(value)),
    });
}

/** A value held by `parent`: plain JSON is checked as a whole, a shared type all the way down. */
function scanValue(value: unknown, parent: AnyType, found: IdentityFinding[], remove: () => void, key?: string) {
  if (value instanceof Y.AbstractType) {
    scanType(value, found);
    return;
  }
  if (value === null || value === undefined || typeof value === "number" || typeof value === "boolean") return;
  if (value instanceof Uint8Array) return;
  const hit = typeof value === "string" ? findIdentityNumbers(value)[0] : findIdentityNumberIn(value);
  if (hit) found.push({ field: fieldOf(parent, key), kind: hit.kind, remove });
}

/**
 * Every identity number anywhere in a document, each with its removal (for numbers stored before
 * the guard). The boards' roots are all maps, so each root is read as one.
 */
export function findInDocument(doc: Y.Doc): IdentityFinding[] {
  const found: IdentityFinding[] = [];
  for (const name of [...doc.share.keys()]) scanType(doc.getMap(name), found);
  return found;
}

/** A type new in this transaction: everything in it is new. */
function scanType(type: AnyType, found: IdentityFinding[]) {
  if (type instanceof Y.Text) {
    scanText(type, found);
    return;
  }
  if (type instanceof Y.Map) {
    for (const key of (type as Y.Map<unknown>).keys()) scanMapEntry(type as Y.Map<unknown>, key, found);
    return;
  }
  if (type instanceof Y.XmlElement)
    for (const key of Object.keys(type.getAttributes())) scanAttribute(type, key, found);
  for (let item = type._start; item !== null; item = item.right) {
    if (item.deleted) continue;
    const at = item;
    for (const value of item.content.getContent()) scanValue(value, type, found, () => removeFromList(type, at));
  }
}

/** The whole text, embeds counted as one character each, so offsets are the text's own. */
function scanText(text: Y.Text, found: IdentityFinding[]) {
  const delta = text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[];
  let plain = "";
  for (const op of delta) plain += typeof op.insert === "string" ? op.insert : "\ufffc";
  for (const match of findIdentityNumbers(plain)) {
    found.push({
      field: fieldOf(text),
      kind: match.kind,
      remove: () => {
        // Offsets from the text as it is now: earlier removals in the same text shift what follows.
        const now = findIdentityNumbers(textOf(text))[0];
        if (!now) return;
        const attributes = attributesAt(text, now.start);
        text.delete(now.start, now.end - now.start);
        text.insert(now.start, IDENTITY_NUMBER_PLACEHOLDER, attributes);
      },
    });
  }
}

function textOf(text: Y.Text): string {
  let plain = "";
  for (const op of text.toDelta() as { insert: unknown }[])
    plain += typeof op.insert === "string" ? op.insert : "\ufffc";
  return plain;
}

function attributesAt(text: Y.Text, index: number): Record<string, unknown> | undefined {
  let at = 0;
  for (const op of text.toDelta() as { insert: unknown; attributes?: Record<string, unknown> }[]) {
    const length = typeof op.insert === "string" ? op.insert.length : 1;
    if (index < at + length) return op.attributes;
    at += length;
  }
  return undefined;
}

/** A string or JSON item in a list: replaced in place by its cleaned copy. */
function removeFromList(list: AnyType, item: Y.Item) {
  if (!(list instanceof Y.Array)) return;
  let index = 0;
  for (let i = list._start; i !== null && i !== item; i = i.right) if (!i.deleted && i.countable) index += i.length;
  const values = item.content.getContent();
  list.delete(index, values.length);
  list.insert(index, values.map(cleaned));
}

/** A plain value with every identity number in its strings replaced. */
function cleaned(value: unknown): unknown {
  if (typeof value === "string") return withoutIdentityNumbers(value);
  if (Array.isArray(value)) return value.map(cleaned);
  if (value !== null && typeof value === "object" && !(value instanceof Uint8Array)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutIdentityNumbers(k), cleaned(v)]));
  }
  return value;
}

/** "focus.actions.[].title": map keys by name, list positions as []. */
function fieldOf(type: AnyType, key?: string): string {
  const parts: string[] = key === undefined ? [] : [key];
  let current: AnyType = type;
  while (current._item) {
    parts.unshift(current._item.parentSub ?? "[]");
    current = current._item.parent as AnyType;
  }
  for (const [name, root] of current.doc?.share ?? []) {
    if (root === current) {
      parts.unshift(name);
      break;
    }
  }
  return parts.join(".");
}
