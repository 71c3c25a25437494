/**
 * "Senast ändrad av Eva Sjuksköterska, 7 dec. 2026 01:20" under each agenda item (issue 21): the
 * card's last-changed line (action-dialog/last-changed.ts), whose code loads after the minutes'
 * first paint and which fetches the item's history once per item shown.
 */
import { html, nothing } from "lit";
import type { MinutesView } from "./minutes-view.js";

let loading: Promise<unknown> | null = null;

export function agendaLastChanged(view: MinutesView, itemId: string) {
  if (!view.boardId) return nothing;
  loading ??= import("../action-dialog/last-changed.js").catch(() => (loading = null));
  const names = Object.fromEntries(view.members.map((m) => [m.userId, m.name]));
  return html`<card-last-changed .boardId=${view.boardId} .itemId=${itemId} .names=${names}></card-last-changed>`;
}
