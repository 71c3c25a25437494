/**
 * Moving sections, goals and contact routes (issue 21): "Flytta upp"/"Flytta ned" buttons, Alt +
 * arrow up/down anywhere in the item outside rich text, and drag by the handle onto another item.
 * Every move writes only the item's rank (shared/boards/plan.ts movePlanItem), never deletes and
 * re-adds it, so whoever edits it meanwhile keeps their words.
 */
import { html } from "lit";
import { pt } from "./plan-texts.js";
import type { PlanEditView, PlanList } from "./plan-view.js";

type Place = (list: PlanList, id: string, afterId: string | null) => void;

/** Where an item dropped on `target` goes among `ids`: past it when coming from above, before it otherwise. */
export function dropAfter(ids: readonly string[], moving: string, target: string): string | null | undefined {
  const from = ids.indexOf(moving);
  const to = ids.indexOf(target);
  if (from === -1 || to === -1 || from === to) return undefined;
  return from < to ? target : (ids[to - 1] ?? null);
}

/** The item being dragged and where it would land; `changed` re-renders the board. */
export class ItemDrag {
  moving: { list: PlanList; id: string } | null = null;
  over: { id: string; after: boolean } | null = null;

  constructor(
    private readonly place: Place,
    private readonly changed: () => void,
  ) {}

  start(e: DragEvent, list: PlanList, id: string) {
    this.moving = { list, id };
    e.dataTransfer?.setData("text/plain", id);
    if (e.dataTransfer) e.dataTransfer.effectAllowed = "move";
    this.changed();
  }

  end = () => {
    this.moving = null;
    this.over = null;
    this.changed();
  };

  overItem(e: DragEvent, list: PlanList, id: string, ids: readonly string[]) {
    if (!this.moving || this.moving.list !== list) return;
    e.preventDefault();
    const after = dropAfter(ids, this.moving.id, id);
    const next = after === undefined ? null : { id, after: after === id };
    if (next?.id !== this.over?.id || next?.after !== this.over?.after) {
      this.over = next;
      this.changed();
    }
  }

  drop(e: DragEvent, list: PlanList, id: string, ids: readonly string[]) {
    const moving = this.moving;
    this.end();
    if (!moving || moving.list !== list) return;
    e.preventDefault();
    const after = dropAfter(ids, moving.id, id);
    if (after !== undefined) this.place(list, moving.id, after);
  }

  /** The class of an item while something is dragged over it. */
  classOf(id: string): string {
    if (this.moving?.id === id) return "dragging";
    if (this.over?.id !== id) return "";
    return this.over.after ? "drop-after" : "drop-before";
  }
}

/** Alt + arrow up/down within an item (not inside rich text, which has its own keys). */
export function moveKey(view: PlanEditView, e: KeyboardEvent, list: PlanList, id: string) {
  if (!e.altKey || (e.key !== "ArrowUp" && e.key !== "ArrowDown")) return;
  const origin = e.composedPath()[0];
  if (origin instanceof HTMLElement && origin.isContentEditable) return;
  e.preventDefault();
  view.move(list, id, e.key === "ArrowUp" ? -1 : 1);
}

/** The item's row of tools: its name, a drag handle (for the pointer; keys use the buttons), up, down and remove. */
export function itemTools(
  view: PlanEditView,
  list: PlanList,
  item: { id: string; name: string; index: number; count: number },
  group: string,
) {
  const { id, name, index, count } = item;
  return html`<div class="tools" role="group" aria-label=${group}>
    <span class="name" aria-hidden="true">${name}</span>
    <span
      class="handle"
      draggable="true"
      aria-hidden="true"
      title=${pt("planDoc.drag")}
      @dragstart=${(e: DragEvent) => view.drag.start(e, list, id)}
      @dragend=${view.drag.end}
    >⠿</span>
    <button type="button" class="secondary up" aria-label="${pt("planDoc.moveUp")}: ${name}" ?disabled=${index === 0} @click=${() => view.move(list, id, -1)}>↑</button>
    <button type="button" class="secondary down" aria-label="${pt("planDoc.moveDown")}: ${name}" ?disabled=${index === count - 1} @click=${() => view.move(list, id, 1)}>↓</button>
    <button type="button" class="danger remove" aria-label="${pt("planDoc.remove")}: ${name}" @click=${() => view.remove(list, id, name)}>${pt("planDoc.remove")}</button>
  </div>`;
}
