/**
 * "Visa punktens historik" under each agenda item (issue 21): the item's recorded changes and the
 * edits that lost a conflict — its title, § number, a decision's text, an action item's title,
 * owner and due date — with "Återställ" for those who may still edit the minutes
 * (components/history). The history's code and data load when it is first opened, once per item.
 */
import { html } from "lit";
import { textArea } from "../../i18n/area.js";
import type { MinutesView } from "./minutes-view.js";

const { t } = textArea({ "agenda.history": "Visa punktens historik" }, { "agenda.history": "Show the item's history" });

export function agendaHistory(view: MinutesView, itemId: string) {
  if (!view.boardId) return html``;
  const boardId = view.boardId;
  const opened = async (e: Event) => {
    const details = e.currentTarget as HTMLDetailsElement;
    if (!details.open || details.querySelector("item-history")) return;
    const [, { agendaRestorer }] = await Promise.all([
      import("../history/item-history.js"),
      import("../history/agenda-restorer.js"),
    ]);
    const history = document.createElement("item-history");
    history.boardId = boardId;
    history.itemId = itemId;
    history.names = Object.fromEntries(view.members.map((m) => [m.userId, m.name]));
    history.restorer = view.readOnly ? null : agendaRestorer(view.doc, itemId);
    details.append(history);
  };
  return html`<details class="item-history" @toggle=${opened}>
    <summary>${t("agenda.history")}</summary>
  </details>`;
}
