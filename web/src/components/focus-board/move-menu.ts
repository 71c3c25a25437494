/**
 * A card's "Move…" menu on the focus board: a menu button opening the other statuses, with
 * arrows, Home/End, Escape and Tab as in a menu (the board keeps which card's menu is open).
 */
import { html, nothing } from "lit";
import type { Action } from "../../../../shared/boards/focus.js";
import { ACTION_STATUSES, type ActionStatus } from "../../../../shared/boards/vocabulary.js";
import { t } from "../../i18n/i18n.js";

export interface MoveMenuHost {
  /** The card's menu is open. */
  open: boolean;
  toggle: () => void;
  close: () => void;
  /** A status was chosen: the board closes the menu and moves the card. */
  pick: (status: ActionStatus) => void;
}

export function moveMenu(card: Action, host: MoveMenuHost) {
  const label = t("tabletBoard.moveCard", { title: card.title });
  return html`<div class="move ${host.open ? "open" : ""}" @keydown=${(e: KeyboardEvent) => menuKey(e, host)}>
    <button
      type="button"
      class="toggle"
      aria-haspopup="menu"
      aria-expanded=${host.open ? "true" : "false"}
      aria-label=${label}
      @click=${host.toggle}
    >${t("tabletBoard.move")}</button>
    ${
      host.open
        ? html`<ul role="menu" aria-label=${label}>${ACTION_STATUSES.filter((s) => s !== card.status).map(
            (s) =>
              html`<li role="none"><button type="button" role="menuitem" tabindex="-1" @click=${() => host.pick(s)}>${t(`status.${s}`)}</button></li>`,
          )}</ul>`
        : nothing
    }
  </div>`;
}

/** Keys inside an open menu; Escape and Tab close it and give focus back to its button. */
function menuKey(e: KeyboardEvent, host: MoveMenuHost) {
  const wrap = e.currentTarget as HTMLElement;
  const items = [...wrap.querySelectorAll<HTMLElement>("[role=menuitem]")];
  if (!items.length) return;
  const toggle = wrap.querySelector<HTMLElement>(".toggle");
  const at = items.indexOf((wrap.getRootNode() as ShadowRoot | Document).activeElement as HTMLElement);
  if (e.key === "Escape" || e.key === "Tab") {
    if (e.key === "Escape") e.preventDefault();
    host.close();
    toggle?.focus();
  } else if (e.key === "ArrowDown" || e.key === "ArrowUp" || e.key === "Home" || e.key === "End") {
    e.preventDefault();
    const n = items.length;
    const next = { ArrowDown: at + 1, ArrowUp: at - 1 + n, Home: 0, End: n - 1 }[e.key] % n;
    items[next]?.focus();
  }
}
