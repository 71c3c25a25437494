/**
 * Checks what an incoming update writes against the board kind's layout (shared/boards), before
 * it is applied: only the kind's root names, only known keys in fixed maps, well-formed ids in
 * record maps, plain values that pass their schema (enums, dates, capped text), shared types of
 * the right kind in the right place, and rich text in the shared ProseMirror schema with safe
 * links and capped length. Works on the decoded structs and the document as it is; resolves each
 * new item's parent through its origin chain the way Yjs integrates it. Deletions are not
 * checked: removing content never makes a board invalid.
 */
import * as Y from "yjs";
import { ITEM_ID } from "../../shared/boards/fields.js";
import type { BoardSpec, Spec } from "../../shared/boards/spec.js";
import { Close } from "../../shared/protocol/close-codes.js";
import { ALLOWED_CHILDREN, HEADING_LEVELS, richTextSchema, SAFE_LINK } from "../../shared/richtext/schema.js";
import { richTextLength } from "../../shared/richtext/text.js";
import { ProtocolError } from "./protocol-error.js";
import { type Decoded, findIn, forEachItemDeleted, type Struct } from "./update-structs.js";

const refused = (detail: string) => new ProtocolError(Close.ContentRefused, detail);

type Container = Exclude<Spec, { type: "value" }>;
interface Fragment {
  path: string;
  maxChars: number;
  existing: () => number;
}
/** Where a shared type sits in the layout. `type` is set when the type already exists in the document. */
type Place =
  | { kind: "spec"; spec: Container; path: string; type: Y.AbstractType<unknown> | null; fragment: Fragment | null }
  | { kind: "rt-element"; node: string; path: string; fragment: Fragment }
  | { kind: "rt-text"; path: string; fragment: Fragment };
type Parent = { root: string } | { item: Y.Item } | null;
interface Placement {
  parent: Parent;
  key: string | null;
}

const INLINE_NODES = new Set(Object.keys(richTextSchema.nodes).filter((n) => n !== "doc" && n !== "text"));

export function checkContent(doc: Y.Doc, decoded: Decoded, local: Map<number, Struct[]>, spec: BoardSpec): void {
  const { structs } = decoded;
  const isLocal = (s: Struct) => findIn(local, s.id) === s;
  const find = (id: Y.ID): Struct => findIn(local, id) ?? (Y.getItem(doc.store, id) as Struct);
  const placements = new Map<Y.Item, Placement>();
  const places = new Map<Y.Item, Place | null>();
  const charsAdded = new Map<Fragment, number>();
  const newKeys = new Map<Place, Set<string>>();

  /** The parent and key Yjs will give `item`: its own if encoded, else its origin's (iteratively: chains can be long). */
  function placement(item: Y.Item): Placement {
    const chain: Y.Item[] = [];
    let current: Struct = item;
    let result: Placement = { parent: null, key: null };
    for (;;) {
      if (!(current instanceof Y.Item)) break; // garbage-collected origin: Yjs drops the new item
      const known = placements.get(current);
      if (known) {
        result = known;
        break;
      }
      if (!isLocal(current)) {
        const parentType = current.parent as Y.AbstractType<unknown> | null;
        if (parentType) {
          const parent: Parent = parentType._item
            ? { item: parentType._item }
            : { root: Y.findRootTypeKey(parentType) };
          result = { parent, key: current.parentSub };
        }
        break;
      }
      chain.push(current);
      const parent = current.parent as unknown;
      if (typeof parent === "string") {
        result = { parent: { root: parent }, key: current.parentSub };
        break;
      }
      if (parent instanceof Y.ID) {
        const p = find(parent);
        result = { parent: p instanceof Y.Item ? { item: p } : null, key: current.parentSub };
        break;
      }
      const origin = current.origin ?? current.rightOrigin;
      if (!origin) break;
      current = find(origin);
    }
    for (const c of chain) placements.set(c, result);
    return result;
  }

  const rootPlaces = new Map<string, Place>();
  /** One place object per root, so new keys of one root are counted together. */
  function rootPlace(name: string): Place {
    const known = rootPlaces.get(name);
    if (known) return known;
    const root = spec.roots[name];
    if (!root) throw refused(`"${name}" is not part of a ${spec.kind} board`);
    const place: Place = {
      kind: "spec",
      spec: root,
      path: name,
      type: (doc.share.get(name) as Y.AbstractType<unknown>) ?? null,
      fragment: null,
    };
    rootPlaces.set(name, place);
    return place;
  }

  function parentPlace(parent: NonNullable<Parent>): Place | null {
    return "root" in parent ? rootPlace(parent.root) : typePlace(parent.item);
  }

  /** The place of the shared type created by `item` (null when its parent is gone). */
  function typePlace(item: Y.Item): Place | null {
    if (places.has(item)) return places.get(item) ?? null;
    // A type deleted and garbage-collected (here or on the sender): Yjs drops what is put into it.
    if (item.content instanceof Y.ContentDeleted) return null;
    if (!(item.content instanceof Y.ContentType))
      throw refused("content placed inside something that is not a shared type");
    const { parent, key } = placement(item);
    const outer = parent ? parentPlace(parent) : null;
    const place = outer ? childTypePlace(outer, key, item) : null;
    places.set(item, place);
    return place;
  }

  function fieldOf(place: Place & { kind: "spec" }, key: string | null): Spec {
    const s = place.spec;
    if (s.type === "richtext") throw refused(`${place.path} is rich text`);
    if (key === null) throw refused(`${place.path} is a map: every entry needs a key`);
    if (s.type === "map") {
      const field = s.fields[key];
      if (!field) throw refused(`${place.path}.${key} is not part of a ${spec.kind} board`);
      return field;
    }
    if (!ITEM_ID.test(key)) throw refused(`${place.path}: "${key.slice(0, 80)}" is not a valid item id`);
    const keys = newKeys.get(place) ?? new Set<string>();
    newKeys.set(place, keys);
    keys.add(key);
    return s.of;
  }

  function childTypePlace(outer: Place, key: string | null, item: Y.Item): Place {
    const type = (item.content as Y.ContentType).type;
    const existing = isLocal(item) ? null : type;
    if (outer.kind === "spec" && outer.spec.type !== "richtext") {
      const field = fieldOf(outer, key);
      const path = `${outer.path}.${key}`;
      if (field.type === "value") throw refused(`${path} holds a plain value, not a shared type`);
      const expected = field.type === "richtext" ? Y.XmlFragment : Y.Map;
      if (type.constructor !== expected) throw refused(`${path} must be a ${expected.name}`);
      const fragment =
        field.type === "richtext"
          ? {
              path,
              maxChars: field.maxChars,
              existing: () => (existing ? richTextLength(existing as Y.XmlFragment) : 0),
            }
          : null;
      return { kind: "spec", spec: field, path, type: existing, fragment };
    }
    if (outer.kind === "rt-text") throw refused(`${outer.path}: text cannot contain shared types`);
    const fragment = outer.fragment as Fragment;
    if (key !== null) throw refused(`${outer.path}: an attribute cannot hold a shared type`);
    const parentNode = outer.kind === "rt-element" ? outer.node : "doc";
    const fits = (child: string) => {
      if (!ALLOWED_CHILDREN.get(parentNode)?.has(child))
        throw refused(`${outer.path}: ${child} cannot be inside ${parentNode}`);
    };
    if (type instanceof Y.XmlElement) {
      if (!INLINE_NODES.has(type.nodeName))
        throw refused(`${outer.path}: unknown rich-text node "${type.nodeName.slice(0, 40)}"`);
      fits(type.nodeName);
      return { kind: "rt-element", node: type.nodeName, path: `${outer.path}/${type.nodeName}`, fragment };
    }
    if (type instanceof Y.XmlText) {
      fits("text");
      return { kind: "rt-text", path: `${outer.path}/text`, fragment };
    }
    throw refused(`${outer.path}: rich text holds only elements and text`);
  }

  const addChars = (fragment: Fragment, n: number) => charsAdded.set(fragment, (charsAdded.get(fragment) ?? 0) + n);

  for (const struct of structs) {
    if (!(struct instanceof Y.Item)) continue;
    const content = struct.content;
    if (content instanceof Y.ContentDeleted) continue;
    // Already on the board (an overlapping update): Yjs skips it, and so does the check.
    if (struct.id.clock + struct.length <= Y.getState(doc.store, struct.id.client)) continue;
    const { parent, key } = placement(struct);
    if (!parent) continue;
    const place = parentPlace(parent);
    if (!place) continue;

    if (content instanceof Y.ContentType) {
      const child = typePlace(struct);
      if (child && child.kind !== "spec") addChars(child.fragment, 1);
      continue;
    }
    if (place.kind === "spec" && place.spec.type !== "richtext") {
      const field = fieldOf(place, key);
      const path = `${place.path}.${key}`;
      if (field.type !== "value") {
        throw refused(`${path} must be a shared ${field.type === "richtext" ? "Y.XmlFragment" : "Y.Map"}`);
      }
      if (!(content instanceof Y.ContentAny)) throw refused(`${path}: content of this kind is not allowed here`);
      const values = content.getContent();
      if (values.length !== 1) throw refused(`${path}: expected one value`);
      const parsed = field.schema.safeParse(values[0]);
      if (!parsed.success) throw refused(`${path}: ${parsed.error.issues[0]?.message ?? "not a valid value"}`);
      continue;
    }
    if (place.kind === "rt-text") {
      if (key !== null) throw refused(`${place.path}: text has no attributes`);
      if (content instanceof Y.ContentString) addChars(place.fragment, content.str.length);
      else if (content instanceof Y.ContentFormat) checkMark(place.path, content.key, content.value);
      else throw refused(`${place.path}: only text and formatting are allowed in rich text`);
      continue;
    }
    if (place.kind === "rt-element" && key !== null) {
      checkAttribute(place.path, place.node, key, content);
      continue;
    }
    throw refused(`${place.path}: rich text holds only elements and text`);
  }

  for (const [place, keys] of newKeys) {
    if (place.kind !== "spec" || place.spec.type !== "records") continue;
    const type = place.type as Y.Map<unknown> | null;
    let count = 0;
    if (type) {
      for (const [k, item] of type._map) if (!item.deleted || keys.has(k)) count++;
      for (const k of keys) if (!type._map.has(k)) count++;
    } else count = keys.size;
    if (count > place.spec.max) throw refused(`${place.path}: at most ${place.spec.max} entries`);
  }
  if (charsAdded.size === 0) return;
  // Text this update deletes makes room (select all, paste): count it off per fragment.
  const charsRemoved = new Map<Fragment, number>();
  forEachItemDeleted(doc, decoded.ds, (s, clock, end) => {
    if (!(s.content instanceof Y.ContentString)) return;
    const parentItem = (s.parent as Y.AbstractType<unknown> | null)?._item;
    const place = parentItem ? typePlace(parentItem) : null;
    if (place?.kind !== "rt-text") return;
    const overlap = Math.min(end, s.id.clock + s.length) - Math.max(clock, s.id.clock);
    charsRemoved.set(place.fragment, (charsRemoved.get(place.fragment) ?? 0) + overlap);
  });
  for (const [fragment, added] of charsAdded) {
    if (fragment.existing() - (charsRemoved.get(fragment) ?? 0) + added > fragment.maxChars) {
      throw refused(`${fragment.path}: rich text longer than ${fragment.maxChars} characters`);
    }
  }
}

function checkAttribute(path: string, node: string, name: string, content: unknown): void {
  const nodeType = richTextSchema.nodes[node];
  if (!nodeType || !(name in (nodeType.spec.attrs ?? {})))
    throw refused(`${path}: "${name.slice(0, 40)}" is not an attribute of ${node}`);
  if (!(content instanceof Y.ContentAny) || content.getContent().length !== 1)
    throw refused(`${path}: attribute ${name} must be one value`);
  const v = content.getContent()[0];
  if (node === "heading" && name === "level" && !(HEADING_LEVELS as readonly unknown[]).includes(v)) {
    throw refused(`${path}: heading level must be one of ${HEADING_LEVELS.join(", ")}`);
  }
}

function checkMark(path: string, name: string, value: unknown): void {
  const mark = richTextSchema.marks[name];
  if (!mark) throw refused(`${path}: "${name.slice(0, 40)}" is not a text format`);
  if (value === null) return; // removing the format
  if (typeof value !== "object" || Array.isArray(value)) throw refused(`${path}: format ${name} must be an object`);
  const attrs = value as Record<string, unknown>;
  for (const key of Object.keys(attrs))
    if (!(key in (mark.spec.attrs ?? {}))) throw refused(`${path}: ${name} has no attribute ${key.slice(0, 40)}`);
  if (name === "link") {
    const href = attrs.href;
    if (typeof href !== "string" || href.length > 2000 || !SAFE_LINK.test(href)) {
      throw refused(`${path}: links must be http(s) or mailto addresses`);
    }
  }
}
