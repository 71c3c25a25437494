/**
 * Undo of one's own board changes (issue 21): one Y.UndoManager per open document, tracking only
 * the changes this person made through `change()` (its origin is this client's own object, so
 * others' edits and what arrives from the server are never undone). Each `change()` is one step:
 * Ctrl+Z / Ctrl+Shift+Z (Cmd on a Mac) outside text fields, and the "Ångra" of a toast after a
 * deletion (components/undo-toast), walk the same stack. Text editors keep their own undo
 * (y-prosemirror's, and the browser's in inputs). A focus board loads this module with its first
 * change, so it is not part of the board's first download.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import * as Y from "yjs";

export type UndoStep = Y.UndoManager["undoStack"][number];

export interface BoardUndo {
  /** The origin this person's undoable changes are written with. */
  readonly origin: object;
  readonly manager: Y.UndoManager;
  /** Runs `write` as one undoable step; the step, or null when nothing changed. */
  change(write: () => void): UndoStep | null;
  /** Takes back one given step, even when later steps came after it; false when it is gone. */
  undoStep(step: UndoStep): boolean;
}

const undos = new WeakMap<Y.Doc, BoardUndo>();

/** The undo of one document for this person (created on first use, shared by all its views). */
export function boardUndo(doc: Y.Doc): BoardUndo {
  const known = undos.get(doc);
  if (known) return known;
  const origin = { undo: "local" };
  const manager = new Y.UndoManager(doc, { trackedOrigins: new Set([origin]), captureTimeout: 0 });
  const undo: BoardUndo = {
    origin,
    manager,
    change(write) {
      manager.stopCapturing();
      const before = manager.undoStack.length;
      doc.transact(write, origin);
      manager.stopCapturing();
      const step = manager.undoStack.length > before ? manager.undoStack.at(-1) : undefined;
      if (!step) return null;
      // A write that changed nothing (the same value again) is no step to undo.
      if (step.insertions.clients.size === 0 && step.deletions.clients.size === 0) {
        manager.undoStack.pop();
        return null;
      }
      return step;
    },
    undoStep(step) {
      const at = manager.undoStack.indexOf(step);
      if (at === -1) return false;
      // Deletions and insertions are undone by their ids, so a step can go back out of order.
      manager.undoStack.splice(at, 1);
      manager.undoStack.push(step);
      return manager.undo() !== null;
    },
  };
  undos.set(doc, undo);
  return undo;
}

/** Takes this person's last step back ("undo") or again ("redo"); false when there was none. */
export function step(doc: Y.Doc, what: "undo" | "redo"): boolean {
  const { manager } = boardUndo(doc);
  return (what === "undo" ? manager.undo() : manager.redo()) !== null;
}

/** True for a keyboard event from a place with its own undo: a text field or a rich-text editor. */
function fromTextField(event: KeyboardEvent): boolean {
  const origin = event.composedPath()[0];
  if (!(origin instanceof HTMLElement)) return false;
  return (
    origin.isContentEditable ||
    origin instanceof HTMLTextAreaElement ||
    origin instanceof HTMLSelectElement ||
    (origin instanceof HTMLInputElement && !["button", "checkbox", "radio", "submit", "reset"].includes(origin.type))
  );
}

/**
 * Ctrl+Z undoes and Ctrl+Shift+Z / Ctrl+Y redoes (Cmd on a Mac) while the board is on the page —
 * outside text fields and rich text. Listened for on the document, so it works with nothing
 * focused too. A focus board adds it with its first change (nothing to undo before that).
 */
export class UndoKeys implements ReactiveController {
  /** `run` takes the step and says whether it could (the key's default is then prevented). */
  constructor(
    host: ReactiveControllerHost,
    private readonly run: (what: "undo" | "redo") => boolean,
  ) {
    host.addController(this);
  }

  private readonly key = (event: KeyboardEvent) => {
    if (!(event.ctrlKey || event.metaKey) || event.altKey || event.defaultPrevented || fromTextField(event)) return;
    const k = event.key.toLowerCase();
    const what = k === "z" ? (event.shiftKey ? "redo" : "undo") : k === "y" && !event.shiftKey ? "redo" : null;
    if (what && this.run(what)) event.preventDefault();
  };

  hostConnected(): void {
    document.addEventListener("keydown", this.key);
  }

  hostDisconnected(): void {
    document.removeEventListener("keydown", this.key);
  }
}
