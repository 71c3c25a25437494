/**
 * The actions list's filters: which the page offers (and the server reads), the form that sets
 * them, and the filter in words for the printed page's heading.
 */
import { html, nothing } from "lit";
import { ACTION_STATUSES } from "../../../shared/boards/vocabulary.js";
import { t } from "../i18n/i18n.js";
import { tw } from "./my-work-texts.js";

/** Sent to the server as they are. */
export const SERVER_FILTERS = [
  "owner",
  "organization",
  "status",
  "board",
  "overdue",
  "dueWithin",
  "q",
  "sort",
] as const;
/** Only the page reads this one: the list in one table per focus area. */
export const GROUP = "group";
export const SORTS = ["due", "status", "board", "title"] as const;

export interface FilterChoices {
  people: { id: string; name: string }[];
  organizations: { id: string; name: string }[];
  boards: { id: string; title: string }[];
}

/** The filters of a query string that the page offers, in a stable order. */
export function pageFilters(query: string): URLSearchParams {
  const given = new URLSearchParams(query);
  const kept = new URLSearchParams();
  for (const name of [...SERVER_FILTERS, GROUP]) {
    const value = given.get(name);
    if (value) kept.set(name, value);
  }
  return kept;
}

export function serverFilters(applied: URLSearchParams): URLSearchParams {
  const out = new URLSearchParams(applied);
  out.delete(GROUP);
  return out;
}

/** What the form holds, as the query string it stands for. */
export function formQuery(form: HTMLFormElement): string {
  const data = new FormData(form);
  const params = new URLSearchParams();
  for (const name of [...SERVER_FILTERS, GROUP]) {
    const value = data.get(name);
    if (typeof value === "string" && value.trim() && !(name === "sort" && value === "due"))
      params.set(name, value.trim());
  }
  return params.toString();
}

export function filterForm(q: URLSearchParams, choices: FilterChoices) {
  const selected = (name: string, value: string) => q.get(name) === value;
  return html`<label
      >${tw("work.owner")}
      <select name="owner">
        <option value="">${tw("work.anyone")}</option>
        <option value="me" ?selected=${selected("owner", "me")}>${tw("work.mine")}</option>
        ${choices.people.map((p) => html`<option value=${p.id} ?selected=${selected("owner", p.id)}>${p.name}</option>`)}
      </select>
    </label>
    <label
      >${tw("work.organization")}
      <select name="organization">
        <option value="">${tw("work.anyOrganization")}</option>
        ${choices.organizations.map(
          (o) => html`<option value=${o.id} ?selected=${selected("organization", o.id)}>${o.name}</option>`,
        )}
      </select>
    </label>
    <label
      >${tw("work.status")}
      <select name="status">
        <option value="">${tw("work.anyStatus")}</option>
        ${ACTION_STATUSES.map((s) => html`<option value=${s} ?selected=${selected("status", s)}>${t(`status.${s}`)}</option>`)}
        ${
          // Several statuses from a shared link: kept as they are, named in words.
          q.get("status")?.includes(",")
            ? html`<option value=${q.get("status") ?? ""} selected>${statusWords(q.get("status") ?? "")}</option>`
            : nothing
        }
      </select>
    </label>
    <label
      >${tw("work.board")}
      <select name="board">
        <option value="">${tw("work.anyBoard")}</option>
        ${choices.boards.map((b) => html`<option value=${b.id} ?selected=${selected("board", b.id)}>${b.title}</option>`)}
      </select>
    </label>
    <label
      >${tw("work.dueWithin")}
      <input type="number" name="dueWithin" min="0" max="366" inputmode="numeric" .value=${q.get("dueWithin") ?? ""} />
    </label>
    <label>${tw("work.text")} <input type="search" name="q" maxlength="200" .value=${q.get("q") ?? ""} /></label>
    <label
      >${tw("work.sort")}
      <select name="sort">
        ${SORTS.map(
          (s) => html`<option value=${s} ?selected=${(q.get("sort") ?? "due") === s}>${tw(`work.sort.${s}`)}</option>`,
        )}
      </select>
    </label>
    <div class="checks">
      <label class="check"
        ><input type="checkbox" name="overdue" value="true" ?checked=${q.get("overdue") === "true"} />
        ${tw("work.overdueOnly")}</label
      >
      <label class="check"
        ><input type="checkbox" name="group" value="1" ?checked=${q.get(GROUP) === "1"} /> ${tw("work.group")}</label
      >
    </div>`;
}

/** "ansvarig Eva Sjuksköterska, bara försenade": the filter as the printed heading says it. */
export function filterWords(q: URLSearchParams, choices: FilterChoices): string {
  const name = (list: { id: string; name?: string; title?: string }[], id: string) => {
    const found = list.find((x) => x.id === id);
    return found?.name ?? found?.title ?? id;
  };
  const words: string[] = [];
  const owner = q.get("owner");
  if (owner)
    words.push(tw("work.words.owner", { name: owner === "me" ? tw("work.mine") : name(choices.people, owner) }));
  const org = q.get("organization");
  if (org) words.push(tw("work.words.organization", { name: name(choices.organizations, org) }));
  const status = q.get("status");
  if (status) words.push(tw("work.words.status", { list: statusWords(status) }));
  const board = q.get("board");
  if (board) words.push(tw("work.words.board", { name: name(choices.boards, board) }));
  if (q.get("overdue") === "true") words.push(tw("work.words.overdue"));
  const days = q.get("dueWithin");
  if (days) words.push(tw("work.words.dueWithin", { days }));
  const text = q.get("q");
  if (text) words.push(tw("work.words.text", { text }));
  return words.length ? words.join(", ") : tw("work.allActions");
}

/** "planned,in_progress" → "Planerad, Pågår". */
function statusWords(list: string): string {
  return list
    .split(",")
    .map((s) => (ACTION_STATUSES.includes(s as never) ? t(`status.${s as "done"}`) : s))
    .join(", ");
}
