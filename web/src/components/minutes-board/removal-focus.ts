/**
 * Where keyboard focus goes around something deleted from the minutes (issue 21): to it when
 * "Ångra" brings it back, and to a neighbour when the toast goes while focus is on it — the next
 * (else the previous) agenda item, decision or action item, else the field that adds one.
 */
import type * as Y from "yjs";
import { readMinutes } from "../../../../shared/boards/minutes.js";
import { afterGone, whenShown } from "../../collab/when-shown.js";
import type { FocusPlan } from "../undo-toast/undo-toast.js";

/** What was deleted: an agenda item, or a decision or an action item under one. */
export interface RemovedAt {
  item: string;
  decision?: string;
  action?: string;
}

type Host = HTMLElement & { renderRoot: ParentNode; updateComplete: Promise<boolean> };

/** Next first, then previous: the ids beside `id` in `ids`. */
function beside(ids: string[], id: string): string[] {
  const at = ids.indexOf(id);
  return at === -1 ? [] : [ids[at + 1], ids[at - 1]].filter((x): x is string => x !== undefined);
}

/** Ids are letters, digits, - and _ (shared/boards/fields.ts), safe in selectors as they are. */
const selectors = {
  heading: (item: string) => `#item-${item}-h`,
  section: (item: string) => `section[aria-labelledby="item-${item}-h"]`,
  decision: (id: string) => `li[data-decision="${id}"] textarea`,
  action: (id: string) => `fieldset[data-action="${id}"] input`,
};

/** A heading is not in the tab order; it takes focus from script (as a deep link's target does). */
function heading(root: ParentNode, item: string): HTMLElement | null {
  const h = root.querySelector<HTMLElement>(selectors.heading(item));
  if (h && !h.hasAttribute("tabindex")) h.setAttribute("tabindex", "-1");
  return h;
}

/** Worked out before the deletion, while its neighbours are known. */
export function removalFocus(host: Host, doc: Y.Doc, at: RemovedAt): FocusPlan {
  const items = readMinutes(doc).items;
  const item = items.find((i) => i.id === at.item);
  const find = (selector: string) => host.renderRoot.querySelector<HTMLElement>(selector);
  const first = (list: (HTMLElement | null)[]) => list.find((el) => el !== null) ?? null;
  const within = (selector: string) => find(`${selectors.section(at.item)} ${selector}`);

  const restored = (): HTMLElement | null =>
    at.decision
      ? find(selectors.decision(at.decision))
      : at.action
        ? find(selectors.action(at.action))
        : heading(host.renderRoot, at.item);

  const neighbour = (): HTMLElement | null => {
    if (at.decision) {
      const near = beside(item?.decisions.map((d) => d.id) ?? [], at.decision);
      return (
        first([...near.map((id) => find(selectors.decision(id))), within("input[name=decision]")]) ??
        heading(host.renderRoot, at.item)
      );
    }
    if (at.action) {
      const near = beside(item?.actionItems.map((a) => a.id) ?? [], at.action);
      return (
        first([...near.map((id) => find(selectors.action(id))), within("form.action-form input[name=title]")]) ??
        heading(host.renderRoot, at.item)
      );
    }
    const near = beside(
      items.map((i) => i.id),
      at.item,
    );
    return first([...near.map((id) => heading(host.renderRoot, id)), find("form.add-item input[name=title]")]);
  };

  return {
    restored: () => whenShown(host, restored),
    neighbour: () => afterGone(host, restored, neighbour),
  };
}
