/**
 * "Registrera som beslutspunkt" under an agenda item that decided something: opens the
 * partnership's decision points with a new one pre-filled from this § (pages/decision-points-page.ts).
 * Its text travels with the minutes board, not in everyone's first download.
 */
import { html } from "lit";
import type { AgendaItem } from "../../../../shared/boards/minutes.js";
import { textArea } from "../../i18n/area.js";
import { paths } from "../../router.js";

const { t } = textArea(
  { "minutes.recordDecisionPoint": "Registrera som beslutspunkt" },
  { "minutes.recordDecisionPoint": "Record as a decision point" },
);

export function decisionPointLink(workspaceId: string, boardId: string, item: AgendaItem) {
  const query = new URLSearchParams({ board: boardId, item: item.id });
  if (item.number !== null) query.set("paragraph", String(item.number));
  return html`<p class="record-decision-point">
    <a href=${paths.decisionPoints(workspaceId, query.toString())}>${t("minutes.recordDecisionPoint")}</a>
  </p>`;
}
