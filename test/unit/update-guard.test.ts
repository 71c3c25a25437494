import * as encoding from "lib0/encoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { ProtocolError } from "../../server/realtime/protocol-error.js";
import { checkUpdate } from "../../server/realtime/update-guard.js";
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";
import { LIMITS } from "../../shared/protocol/limits.js";
import { updatesOf } from "../helpers/yjs.js";

/** A board document with some content, as the server would hold it. */
function boardDoc(): Y.Doc {
  const doc = new Y.Doc();
  doc.clientID = 1;
  doc.getMap("actions").set("a1", "Brytpunktssamtal");
  doc.getText("notes").insert(0, "Rond på Solgården");
  doc.getArray("list").insert(0, ["Eva", "Omar"]);
  return doc;
}

/** A client replica of `doc`: the update it produces for `edit` is what it would send. */
function editOf(doc: Y.Doc, edit: (replica: Y.Doc) => void, clientID = 2): Uint8Array {
  const replica = new Y.Doc();
  replica.clientID = clientID;
  Y.applyUpdate(replica, Y.encodeStateAsUpdate(doc));
  const before = Y.encodeStateVector(replica);
  edit(replica);
  return Y.encodeStateAsUpdate(replica, before);
}

/** Checks an update the guard must let through, then applies it the way the room does. */
function accepted(doc: Y.Doc, update: Uint8Array): boolean {
  const empty = checkUpdate(doc, update);
  Y.applyUpdate(doc, update);
  expect(doc.store.pendingStructs).toBeNull();
  expect(doc.store.pendingDs).toBeNull();
  return empty;
}

/** Checks an update the guard must refuse; the document is left exactly as it was. */
/** Is the refusal one for missing dependencies, which the server lets wait (bounded) instead of closing? */
function waitsForDependencies(doc: Y.Doc, update: Uint8Array): boolean {
  try {
    checkUpdate(doc, update);
  } catch (e) {
    return (e as ProtocolError).missingDependencies;
  }
  return false;
}

function refusal(doc: Y.Doc, update: Uint8Array): CloseReason {
  const before = Y.encodeStateAsUpdate(doc);
  let error: unknown;
  try {
    checkUpdate(doc, update);
  } catch (e) {
    error = e;
  }
  expect(Y.encodeStateAsUpdate(doc)).toEqual(before);
  expect(error, "the update was accepted").toBeInstanceOf(ProtocolError);
  return (error as ProtocolError).close;
}

/** `levels` Y.Maps, each inside the previous one under key "c", starting in `start`. Returns the innermost. */
function nestMaps(start: Y.Map<unknown>, levels: number): Y.Map<unknown> {
  let current = start;
  for (let i = 0; i < levels; i++) {
    const child = new Y.Map<unknown>();
    current.set("c", child);
    current = child;
  }
  return current;
}

/** A plain object `depth` levels deep: {a: {a: … 1}}. */
function deepJson(depth: number): unknown {
  let value: unknown = 1;
  for (let i = 0; i < depth; i++) value = { a: value };
  return value;
}

const depthOfTypes = (doc: Y.Doc, root: string) => {
  let depth = 1;
  let current = doc.getMap(root).get("c");
  while (current instanceof Y.Map) {
    depth++;
    current = current.get("c");
  }
  return depth;
};

/**
 * A hand-written V1 update of one client's ContentString items, for references no real client
 * produces. Each item has an origin, a parent ID or a root type name, as in Yjs's Item.write.
 */
type CraftedItem = { text: string } & (
  | { origin: [number, number] }
  | { parentId: [number, number] }
  | { root: string }
);
function craftUpdate(client: number, clock: number, items: CraftedItem[]): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 1); // clients
  encoding.writeVarUint(e, items.length);
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, clock);
  for (const item of items) {
    const contentString = 4;
    encoding.writeUint8(e, contentString | ("origin" in item ? 0x80 : 0));
    if ("origin" in item) {
      encoding.writeVarUint(e, item.origin[0]);
      encoding.writeVarUint(e, item.origin[1]);
    } else if ("root" in item) {
      encoding.writeVarUint(e, 1);
      encoding.writeVarString(e, item.root);
    } else {
      encoding.writeVarUint(e, 0);
      encoding.writeVarUint(e, item.parentId[0]);
      encoding.writeVarUint(e, item.parentId[1]);
    }
    encoding.writeVarString(e, item.text);
  }
  encoding.writeVarUint(e, 0); // empty delete set
  return encoding.toUint8Array(e);
}

describe("checkUpdate accepts what real clients send", () => {
  it("Y.Map edits: set, overwrite, delete, nested map", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => {
      const actions = r.getMap("actions");
      actions.set("a2", { title: "Läkemedelsgenomgång", owner: "Eva", due: "2025-03-01", done: false });
      actions.set("a1", "Brytpunktssamtal på Solgården");
      actions.delete("a2");
      const card = new Y.Map<unknown>();
      actions.set("card", card);
      card.set("title", "Trygg hemgång");
    });
    expect(accepted(doc, update)).toBe(false);
    expect(doc.getMap("actions").toJSON()).toEqual({
      a1: "Brytpunktssamtal på Solgården",
      card: { title: "Trygg hemgång" },
    });
  });

  it("Y.Text edits: insert, delete, formatting", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => {
      const notes = r.getText("notes");
      notes.insert(0, "Tisdag: ");
      notes.delete(8, 5);
      notes.format(0, 7, { bold: true });
    });
    expect(accepted(doc, update)).toBe(false);
    expect(doc.getText("notes").toString()).toBe("Tisdag: på Solgården");
    expect(doc.getText("notes").toDelta()[0]).toEqual({ insert: "Tisdag:", attributes: { bold: true } });
  });

  it("Y.Array edits: insert, delete, move by delete+insert, nested arrays", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => {
      const list = r.getArray<unknown>("list");
      list.push(["Lena"]);
      list.delete(0, 1);
      list.insert(0, [[1, [2, [3]]]]);
      const inner = new Y.Array<string>();
      list.push([inner]);
      inner.push(["a", "b"]);
    });
    expect(accepted(doc, update)).toBe(false);
    expect(doc.getArray("list").toJSON()).toEqual([[1, [2, [3]]], "Omar", "Lena", ["a", "b"]]);
  });

  it("Y.XmlFragment edits like a rich-text editor makes (elements, attributes, text)", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => {
      const fragment = r.getXmlFragment("prosemirror");
      const heading = new Y.XmlElement("heading");
      heading.setAttribute("level", "2");
      const text = new Y.XmlText();
      heading.insert(0, [text]);
      text.insert(0, "Mål för hösten");
      const list = new Y.XmlElement("bullet_list");
      const item = new Y.XmlElement("list_item");
      const paragraph = new Y.XmlElement("paragraph");
      paragraph.insert(0, [new Y.XmlText("Färre akuta inläggningar")]);
      item.insert(0, [paragraph]);
      list.insert(0, [item]);
      fragment.insert(0, [heading, list]);
    });
    expect(accepted(doc, update)).toBe(false);
    expect(doc.getXmlFragment("prosemirror").toString()).toBe(
      '<heading level="2">Mål för hösten</heading><bullet_list><list_item><paragraph>Färre akuta inläggningar</paragraph></list_item></bullet_list>',
    );
  });

  it("shared types nested 10 levels deep, sent whole and then level by level", () => {
    const whole = new Y.Doc();
    nestMaps(whole.getMap("root"), 9).set("leaf", "djupt");
    const doc = new Y.Doc();
    expect(accepted(doc, Y.encodeStateAsUpdate(whole))).toBe(false);
    expect(depthOfTypes(doc, "root")).toBe(10);

    const stepwise = new Y.Doc();
    const server = new Y.Doc();
    let current = stepwise.getMap("root");
    for (let level = 2; level <= 10; level++) {
      const [update] = updatesOf(stepwise, () => {
        current = nestMaps(current, 1);
      });
      accepted(server, update as Uint8Array);
    }
    expect(depthOfTypes(server, "root")).toBe(10);
  });

  it("an update that builds on content another client wrote, which the doc has", () => {
    const doc = boardDoc();
    const omar = editOf(doc, (r) => r.getText("notes").insert(0, "Omar: "), 3);
    accepted(doc, omar);
    const eva = editOf(doc, (r) => r.getText("notes").insert(6, "(läst) "), 4);
    accepted(doc, eva);
    expect(doc.getText("notes").toString()).toBe("Omar: (läst) Rond på Solgården");
  });

  it("an update the doc already has (sent twice) is harmless", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => r.getMap("actions").set("a2", "Hembesök"));
    accepted(doc, update);
    const once = Y.encodeStateAsUpdate(doc);
    accepted(doc, update);
    expect(Y.encodeStateAsUpdate(doc)).toEqual(once);
  });

  it("returns true for an empty update, and false for one with content", () => {
    const doc = boardDoc();
    expect(checkUpdate(doc, Y.encodeStateAsUpdate(new Y.Doc()))).toBe(true);
    expect(checkUpdate(doc, Y.encodeStateAsUpdate(doc, Y.encodeStateVector(doc)))).toBe(true);
    expect(checkUpdate(doc, Y.mergeUpdates([]))).toBe(true);
    expect(
      checkUpdate(
        doc,
        editOf(doc, (r) => r.getMap("actions").set("x", 1)),
      ),
    ).toBe(false);
  });
});

describe("checkUpdate refuses unsafe updates and leaves the document unchanged", () => {
  it("missing dependencies: the second of two consecutive updates from one client, without the first", () => {
    const doc = boardDoc();
    const client = new Y.Doc();
    client.clientID = 7;
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const [, second] = updatesOf(client, () => {
      client.getText("notes").insert(0, "Först ");
      client.getText("notes").insert(6, "sedan ");
    });
    expect(refusal(doc, second as Uint8Array)).toBe(Close.InvalidUpdate);
    expect(waitsForDependencies(doc, second as Uint8Array), "may wait for what it builds on").toBe(true);
  });

  it("missing dependencies: a delete-only update of content from a client the doc never saw", () => {
    const doc = boardDoc();
    const client = new Y.Doc();
    client.clientID = 8;
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const [, deletion] = updatesOf(client, () => {
      client.getText("notes").insert(0, "hemligt ");
      client.getText("notes").delete(0, 8);
    });
    expect(refusal(doc, deletion as Uint8Array)).toBe(Close.InvalidUpdate);
    expect(waitsForDependencies(doc, deletion as Uint8Array)).toBe(true);
  });

  it("a gap: updates 1 and 3 of one client merged, without 2", () => {
    const doc = new Y.Doc();
    const client = new Y.Doc();
    client.clientID = 9;
    const [u1, u2, u3] = updatesOf(client, () => {
      client.getText("notes").insert(0, "a");
      client.getText("notes").insert(1, "b");
      client.getText("notes").insert(2, "c");
    });
    const gapped = Y.mergeUpdates([u1 as Uint8Array, u3 as Uint8Array]);
    expect(refusal(doc, gapped)).toBe(Close.InvalidUpdate);
    expect(waitsForDependencies(doc, gapped), "a gap inside an update never fills: no waiting").toBe(false);
    // Control: the same updates without the gap are fine.
    expect(accepted(doc, Y.mergeUpdates([u1 as Uint8Array, u2 as Uint8Array, u3 as Uint8Array]))).toBe(false);
    expect(doc.getText("notes").toString()).toBe("abc");
  });

  it("a gap after content the doc has: the doc ends at clock 1, the update starts at clock 2", () => {
    const doc = new Y.Doc();
    const client = new Y.Doc();
    client.clientID = 10;
    const [u1, , u3] = updatesOf(client, () => {
      client.getText("notes").insert(0, "a");
      client.getText("notes").insert(1, "b");
      client.getText("notes").insert(2, "c");
    });
    accepted(doc, u1 as Uint8Array);
    expect(refusal(doc, u3 as Uint8Array)).toBe(Close.InvalidUpdate);
  });

  it("a delete of content the doc does not have (a range past what the client wrote)", () => {
    const doc = boardDoc();
    const client = new Y.Doc();
    client.clientID = 11;
    Y.applyUpdate(client, Y.encodeStateAsUpdate(doc));
    const [insert, deletion] = updatesOf(client, () => {
      client.getText("notes").insert(0, "ab");
      client.getText("notes").delete(0, 2);
    });
    accepted(doc, insert as Uint8Array);
    // The real deletion is fine; one that reaches past clock 2 of client 11 deletes unknown content.
    const doctored = editOfDeleteSet(11, 0, 50);
    expect(refusal(doc, doctored)).toBe(Close.InvalidUpdate);
    expect(accepted(doc, deletion as Uint8Array)).toBe(false);
    expect(doc.getText("notes").toString()).toBe("Rond på Solgården");
  });

  it("a delete of the board owner's content beyond what exists", () => {
    const doc = boardDoc();
    const existing = Y.getState(doc.store, 1);
    expect(refusal(doc, editOfDeleteSet(1, existing, 5))).toBe(Close.InvalidUpdate);
    expect(refusal(doc, editOfDeleteSet(1, 0, existing + 1))).toBe(Close.InvalidUpdate);
  });

  it("shared types nested 3000 levels deep (Y.Map inside Y.Map…), built on a scratch doc", () => {
    const scratch = new Y.Doc();
    nestMaps(scratch.getMap("root"), 2_999).set("leaf", "botten");
    const update = Y.encodeStateAsUpdate(scratch);
    expect(refusal(new Y.Doc(), update)).toBe(Close.ContentRefused);
    expect(refusal(boardDoc(), update)).toBe(Close.ContentRefused);
  });

  it("shared types nested 3000 levels deep inside Y.Array and Y.XmlElement too", () => {
    const arrays = new Y.Doc();
    let array = arrays.getArray<unknown>("root");
    for (let i = 0; i < 3_000; i++) {
      const child = new Y.Array<unknown>();
      array.push([child]);
      array = child;
    }
    expect(refusal(new Y.Doc(), Y.encodeStateAsUpdate(arrays))).toBe(Close.ContentRefused);

    const xml = new Y.Doc();
    let element: Y.XmlFragment = xml.getXmlFragment("prosemirror");
    for (let i = 0; i < 3_000; i++) {
      const child = new Y.XmlElement("blockquote");
      element.insert(0, [child]);
      element = child;
    }
    expect(refusal(new Y.Doc(), Y.encodeStateAsUpdate(xml))).toBe(Close.ContentRefused);
  });

  it("a deep chain continuing from types already in the doc: 40 levels in the doc, 40 more in the update", () => {
    const scratch = new Y.Doc();
    const level40 = nestMaps(scratch.getMap("root"), 39);
    const doc = new Y.Doc();
    accepted(doc, Y.encodeStateAsUpdate(scratch));
    expect(depthOfTypes(doc, "root")).toBe(40);

    const before = Y.encodeStateVector(doc);
    nestMaps(level40, 40);
    expect(refusal(doc, Y.encodeStateAsUpdate(scratch, before))).toBe(Close.ContentRefused);
    expect(depthOfTypes(doc, "root")).toBe(40);
  });

  it("the limit is 64 levels counting the root type, whether sent at once or continued from the doc", () => {
    const limit = LIMITS.maxNestingDepth;
    const at = new Y.Doc();
    nestMaps(at.getMap("root"), limit - 1);
    expect(accepted(new Y.Doc(), Y.encodeStateAsUpdate(at))).toBe(false);
    const over = new Y.Doc();
    nestMaps(over.getMap("root"), limit);
    expect(refusal(new Y.Doc(), Y.encodeStateAsUpdate(over))).toBe(Close.ContentRefused);

    const scratch = new Y.Doc();
    const level40 = nestMaps(scratch.getMap("root"), 39);
    const doc = new Y.Doc();
    accepted(doc, Y.encodeStateAsUpdate(scratch));
    const sv = Y.encodeStateVector(doc);
    const level64 = nestMaps(level40, limit - 40);
    accepted(doc, Y.encodeStateAsUpdate(scratch, sv));
    expect(depthOfTypes(doc, "root")).toBe(limit);
    const sv2 = Y.encodeStateVector(doc);
    nestMaps(level64, 1);
    expect(refusal(doc, Y.encodeStateAsUpdate(scratch, sv2))).toBe(Close.ContentRefused);
  });

  it("JSON values (Y.Map.set with a plain object) nested more than 64 deep; 64 is fine", () => {
    const doc = boardDoc();
    const over = editOf(doc, (r) => r.getMap("actions").set("deep", deepJson(LIMITS.maxNestingDepth + 1)));
    expect(refusal(doc, over)).toBe(Close.ContentRefused);
    const at = editOf(doc, (r) => r.getMap("actions").set("deep", deepJson(LIMITS.maxNestingDepth)));
    expect(accepted(doc, at)).toBe(false);
  });

  it("JSON values nested deep in arrays, in Y.Array content and as XML attributes", () => {
    const doc = boardDoc();
    let nested: unknown = [];
    for (let i = 0; i < 100; i++) nested = [nested];
    expect(
      refusal(
        doc,
        editOf(doc, (r) => r.getArray("list").push([nested])),
      ),
    ).toBe(Close.ContentRefused);
    const xml = editOf(doc, (r) => {
      const element = new Y.XmlElement("p");
      r.getXmlFragment("prosemirror").insert(0, [element]);
      element.setAttribute("data", deepJson(100) as string);
    });
    expect(refusal(doc, xml)).toBe(Close.ContentRefused);
  });

  it("JSON values nested 5000 deep (deep enough to overflow a recursive decoder)", () => {
    const doc = boardDoc();
    const scratch = new Y.Doc();
    scratch.getMap("actions").set("deep", deepJson(5_000));
    // Yjs's own decoder overflows its stack on it: refused as undecodable, final all the same.
    expect(refusal(doc, Y.encodeStateAsUpdate(scratch))).toBe(Close.Malformed);
  });

  it("an update over 1 MiB → UpdateTooLarge; just under is accepted", () => {
    const doc = boardDoc();
    const big = editOf(doc, (r) => r.getText("notes").insert(0, "x".repeat(LIMITS.maxUpdateBytes)));
    expect(big.byteLength).toBeGreaterThan(LIMITS.maxUpdateBytes);
    expect(refusal(doc, big)).toBe(Close.UpdateTooLarge);
    expect(Close.UpdateTooLarge.code).toBe(4413);
    const under = editOf(doc, (r) => r.getText("notes").insert(0, "x".repeat(LIMITS.maxUpdateBytes - 100)));
    expect(under.byteLength).toBeLessThanOrEqual(LIMITS.maxUpdateBytes);
    expect(accepted(doc, under)).toBe(false);
  });

  it("garbage bytes → refused: Malformed when undecodable, InvalidUpdate when it decodes to references to nothing", () => {
    const doc = boardDoc();
    const garbage = [
      Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff),
      Uint8Array.of(1),
      Uint8Array.of(1, 1, 5, 0, 0x0c, 0x41),
      new TextEncoder().encode("not a yjs update at all"),
    ];
    for (const bytes of garbage)
      expect([Close.Malformed, Close.InvalidUpdate], Buffer.from(bytes).toString("hex")).toContain(refusal(doc, bytes));
    expect(refusal(doc, garbage[3] as Uint8Array)).toBe(Close.Malformed);

    let seed = 99;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let i = 0; i < 500; i++) {
      const bytes = Uint8Array.from({ length: 2 + Math.floor(random() * 40) }, () => Math.floor(random() * 256));
      expect([Close.Malformed, Close.InvalidUpdate], Buffer.from(bytes).toString("hex")).toContain(refusal(doc, bytes));
    }
  });
});

describe("checkUpdate: references to content that does not exist", () => {
  it("control: a hand-written update with valid references is accepted and applies", () => {
    const doc = new Y.Doc();
    const update = craftUpdate(900, 0, [
      { text: "ok", root: "notes" },
      { text: "!", origin: [900, 1] },
    ]);
    expect(accepted(doc, update)).toBe(false);
    expect(doc.getText("notes").toString()).toBe("ok!");
  });

  // Server bug: the guard checks an item's origin and parent only while measuring the depth of
  // ContentType items. For any other item, a reference to another client's content the board lacks
  // passes; Yjs then parks the update as pending (never stored, never refused), and serves the
  // parked part to every client that joins.
  it("refuses an insert that follows another client's text the doc lacks (missing dependency)", () => {
    const author = new Y.Doc();
    author.clientID = 21;
    author.getText("notes").insert(0, "Rond på Solgården");
    const other = new Y.Doc();
    other.clientID = 22;
    Y.applyUpdate(other, Y.encodeStateAsUpdate(author));
    const update = editOf(other, (r) => r.getText("notes").insert(4, " varje tisdag"), 23);
    const doc = new Y.Doc(); // has nothing of client 21
    expect(refusal(doc, update)).toBe(Close.InvalidUpdate);
  });

  it("refuses a value set inside another client's Y.Map the doc lacks (missing dependency)", () => {
    const author = new Y.Doc();
    author.clientID = 24;
    author.getMap("actions").set("card", new Y.Map());
    const update = editOf(author, (r) => (r.getMap("actions").get("card") as Y.Map<unknown>).set("title", "x"), 25);
    expect(refusal(new Y.Doc(), update)).toBe(Close.InvalidUpdate);
  });

  // Server bug: an item may refer to content of its own client that exists neither in the update
  // nor in the doc (a later clock, or itself). The guard lets it through; Y.applyUpdate then
  // throws "Unexpected case" halfway, after integrating the items before it, so the room has
  // already stored and broadcast part of an update whose connection it closes with 4422.
  it.each([
    ["an origin at a later clock of the same client", { text: "x", origin: [900, 50] }],
    ["an origin pointing at the item itself", { text: "x", origin: [900, 2] }],
    ["a parent at a later clock of the same client", { text: "x", parentId: [900, 50] }],
  ] as [string, CraftedItem][])("refuses an item with %s", (_name, dangling) => {
    const doc = new Y.Doc();
    const update = craftUpdate(900, 0, [{ text: "ok", root: "notes" }, dangling]);
    expect(refusal(doc, update)).toBe(Close.InvalidUpdate);
  });
});

describe("checkUpdate: JSON depth in rich-text content", () => {
  // Server bug: the JSON depth limit is applied to ContentAny/ContentJSON only. A Y.Text embed
  // (ContentEmbed) or a formatting attribute (ContentFormat) carries any JSON value and is not checked.
  it("refuses a Y.Text embed nested more than 64 deep", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => r.getText("notes").insertEmbed(0, deepJson(200) as object));
    expect(refusal(doc, update)).toBe(Close.ContentRefused);
  });

  it("refuses a Y.Text formatting attribute nested more than 64 deep", () => {
    const doc = boardDoc();
    const update = editOf(doc, (r) => r.getText("notes").format(0, 4, { comment: deepJson(200) }));
    expect(refusal(doc, update)).toBe(Close.ContentRefused);
  });
});

/** A delete-only update: client `client` deletes clocks [clock, clock+len). */
function editOfDeleteSet(client: number, clock: number, len: number): Uint8Array {
  const e = encoding.createEncoder();
  encoding.writeVarUint(e, 0); // no structs
  encoding.writeVarUint(e, 1); // one client in the delete set
  encoding.writeVarUint(e, client);
  encoding.writeVarUint(e, 1); // one range
  encoding.writeVarUint(e, clock);
  encoding.writeVarUint(e, len);
  return encoding.toUint8Array(e);
}
