/**
 * The strip above every board: its connection state in words and who else is on it now (name
 * and organisation, as the server names them). A render function with its styles, shared by the
 * board kinds' elements.
 */
import { css, html } from "lit";
import type { BoardController } from "../../collab/board-controller.js";
import { t } from "../../i18n/i18n.js";
import "../connection-status/connection-status.js";

export const boardStatusStyles = css`
  .toolbar {
    display: flex;
    flex-wrap: wrap;
    gap: var(--space-2) var(--space-5);
    align-items: center;
    margin-bottom: var(--space-3);
  }
  .presence ul {
    display: inline;
    list-style: none;
    padding: 0;
    margin: 0;
  }
  .presence li {
    display: inline;
  }
  .presence li + li::before {
    content: ", ";
  }
`;

export function boardStatus(live: BoardController) {
  const others = live.others();
  return html`<div class="toolbar">
    <connection-status .state=${live.state} .board=${live.board}></connection-status>
    <div class="presence">
      <strong>${t("board.here")}:</strong>
      ${
        others.length === 0
          ? t("board.hereNobody")
          : html`<ul>
              ${others.map((p) => html`<li>${p.name}${p.organization ? ` (${p.organization})` : ""}</li>`)}
            </ul>`
      }
    </div>
  </div>`;
}
