/**
 * A version of a board, read-only: its board-level texts and its items, grouped as the board
 * groups them (actions by column), with owners and due dates — plain text, nothing to edit.
 */
import { html, nothing } from "lit";
import type { People, VersionContent, VersionItem } from "../../../../shared/api/history.js";
import { BOARD_FIELDS, ITEM_TYPES } from "../../../../shared/history/changes.js";
import { formatDate, type MessageKey } from "../../i18n/i18n.js";
import { personName, statusName } from "./describe.js";
import { th as t } from "./history-texts.js";

function item(i: VersionItem, people: People) {
  const facts = [
    i.status ? statusName(i.status) : null,
    i.ownerId ? t("history.owner", { name: personName(people, i.ownerId) }) : null,
    i.dueDate ? t("history.due", { date: formatDate(i.dueDate) }) : null,
  ].filter((f): f is string => f !== null);
  return html`<li>
    <strong>${i.title}</strong>${facts.length > 0 ? html` <span class="muted">– ${facts.join(" · ")}</span>` : nothing}
    ${i.body ? html`<p class="body">${i.body}</p>` : nothing}
  </li>`;
}

/** `headingLevel`: the level of the group headings (the caller's own heading is one above). */
export function versionView(content: VersionContent, people: People) {
  const fields = BOARD_FIELDS.filter((f) => content.fields[f]?.trim());
  const types = ITEM_TYPES.filter((type) => content.items.some((i) => i.type === type));
  return html`${
    fields.length > 0
      ? html`<dl>
          ${fields.map((f) => html`<dt>${t(`history.label.${f}` as MessageKey)}</dt><dd class="body">${content.fields[f]}</dd>`)}
        </dl>`
      : nothing
  }
    ${types.length === 0 ? html`<p>${t("history.noItems")}</p>` : nothing}
    ${types.map(
      (type) => html`<h4>${t(`history.type.${type}` as MessageKey)}</h4>
        <ul>
          ${content.items.filter((i) => i.type === type).map((i) => item(i, people))}
        </ul>`,
    )}`;
}
