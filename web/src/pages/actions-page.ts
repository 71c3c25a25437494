/**
 * A partnership's actions (/workspaces/:id/actions): every focus area's actions with filters and
 * sorting that live in the URL (shareable; the back button returns to the last filter), each
 * action a link to its card. The CSV link downloads exactly the filtered list; printed, the page
 * is the list alone under a heading that names the partnership, the filter and the date — with
 * "Gruppera per fokusområde", one page per focus area.
 */
import { css, html, LitElement, nothing } from "lit";
import { ApiError, get } from "../api/client.js";
import type { Board, Workspace } from "../api/types.js";
import { formatDate, LocaleController, locale, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { badgeStyles, formStyles, pageStyles } from "../styles/shared.js";
import {
  type FilterChoices,
  filterForm,
  filterWords,
  formQuery,
  GROUP,
  pageFilters,
  serverFilters,
} from "./actions-filters.js";
import { myWorkStyles } from "./my-work-styles.js";
import { tw, twp } from "./my-work-texts.js";

interface ActionItem {
  boardId: string;
  boardTitle: string;
  id: string;
  title: string;
  status: "idea" | "planned" | "in_progress" | "follow_up" | "done";
  ownerName: string | null;
  organizationName: string | null;
  dueDate: string | null;
  overdue: boolean;
}
interface MemberView {
  userId: string;
  name: string;
  organization: { id: string; name: string } | null;
}

export class ActionsPage extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    badgeStyles,
    myWorkStyles,
    css`
      @media print {
        section.group + section.group {
          break-before: page;
        }
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    query: { attribute: false },
    workspace: { state: true },
    choices: { state: true },
    actions: { state: true },
    limit: { state: true },
    problem: { state: true },
  };
  declare workspaceId: string;
  /** The URL's query string: the filters. */
  declare query: string;
  declare private workspace: Workspace | null;
  declare private choices: FilterChoices;
  declare private actions: ActionItem[] | null;
  declare private limit: number;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.query = "";
    this.workspace = null;
    this.choices = { people: [], organizations: [], boards: [] };
    this.actions = null;
    this.limit = 0;
    this.problem = null;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    void this.loadChoices();
    try {
      const answer = await get<{ actions: ActionItem[]; limit: number }>(
        `${this.base}/actions?${serverFilters(pageFilters(this.query))}`,
      );
      this.actions = answer.actions;
      this.limit = answer.limit;
    } catch (error) {
      this.problem =
        error instanceof ApiError && error.status === 400
          ? tw("work.badFilter", { problem: error.message })
          : error instanceof ApiError && error.status === 404
            ? t("error.notFound")
            : (error as Error).message;
    }
  }

  /** The partnership's name, its people and organisations, its focus areas: for the form and the printed heading. */
  private async loadChoices() {
    try {
      const [ws, members, boards] = await Promise.all([
        get<{ workspace: Workspace }>(this.base),
        get<{ members: MemberView[] }>(`${this.base}/members`),
        get<{ boards: Board[] }>(`${this.base}/boards`),
      ]);
      this.workspace = ws.workspace;
      const organizations = new Map<string, string>();
      for (const m of members.members) if (m.organization) organizations.set(m.organization.id, m.organization.name);
      this.choices = {
        people: members.members.map((m) => ({ id: m.userId, name: m.name })),
        organizations: [...organizations]
          .map(([id, name]) => ({ id, name }))
          .sort((a, b) => a.name.localeCompare(b.name, "sv")),
        boards: boards.boards.filter((b) => b.kind === "focus").map((b) => ({ id: b.id, title: b.title })),
      };
    } catch (error) {
      this.problem ??= (error as Error).message;
    }
  }

  private apply(event: Event) {
    event.preventDefault();
    navigate(paths.actions(this.workspaceId, formQuery(event.target as HTMLFormElement)));
  }

  override render() {
    const q = pageFilters(this.query);
    const csv = serverFilters(q);
    csv.set("lang", locale());
    return html`<h1 tabindex="-1">${tw("work.actionsTitle")}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>
      <p class="print-only">${tw("work.filterWords", { words: filterWords(q, this.choices) })} · ${tw("work.printed", { date: formatDate(new Date().toISOString()) })}</p>
      <p class="screen-only">${tw("work.actionsIntro")}</p>
      <p class="screen-only"><a href=${paths.workspace(this.workspaceId)}>${tw("work.back")}</a></p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <section class="screen-only" aria-labelledby="filters-h">
        <h2 id="filters-h">${tw("work.filters")}</h2>
        <form class="filters" @submit=${this.apply}>
          ${filterForm(q, this.choices)}
          <div class="buttons">
            <button type="submit">${tw("work.apply")}</button>
            ${q.size > 0 ? html`<a href=${paths.actions(this.workspaceId)}>${tw("work.clear")}</a>` : nothing}
            <a class="download" href=${`${this.base}/actions.csv?${csv}`} download>${tw("work.csv")}</a>
            <button type="button" class="secondary" @click=${() => window.print()}>${tw("work.print")}</button>
          </div>
        </form>
      </section>
      ${this.actions === null ? (this.problem ? nothing : html`<p role="status">${t("app.loading")}</p>`) : this.list(this.actions, q.get(GROUP) === "1")}`;
  }

  private list(actions: ActionItem[], grouped: boolean) {
    const count = html`<p role="status" class="screen-only">${twp("work.count", actions.length)}${
      actions.length >= this.limit ? html`. ${tw("work.limited", { count: this.limit })}` : nothing
    }</p>`;
    if (actions.length === 0) return html`${count}<p>${tw("work.none")}</p>`;
    if (!grouped) return html`${count}${this.table(actions, true)}`;
    const groups = new Map<string, ActionItem[]>();
    for (const a of actions) groups.set(a.boardId, [...(groups.get(a.boardId) ?? []), a]);
    return html`${count}
      ${[...groups.values()].map(
        (rows) => html`<section class="group" aria-labelledby=${`g-${rows[0]?.boardId}`}>
          <h2 id=${`g-${rows[0]?.boardId}`}>${rows[0]?.boardTitle} <span class="muted">(${twp("work.count", rows.length)})</span></h2>
          ${this.table(rows, false)}
        </section>`,
      )}`;
  }

  private table(rows: ActionItem[], withBoard: boolean) {
    return html`<div class="table-wrap"><table>
      <thead>
        <tr>
          <th scope="col">${tw("work.col.title")}</th>
          <th scope="col">${tw("work.col.status")}</th>
          <th scope="col">${tw("work.col.owner")}</th>
          <th scope="col">${tw("work.col.organization")}</th>
          ${withBoard ? html`<th scope="col">${tw("work.col.board")}</th>` : nothing}
          <th scope="col">${tw("work.col.due")}</th>
        </tr>
      </thead>
      <tbody>
        ${rows.map(
          (a) => html`<tr>
            <td class="title"><a href=${paths.boardAt(a.boardId, { action: a.id })}>${a.title}</a></td>
            <td>${t(`status.${a.status}`)}</td>
            <td>${a.ownerName ?? html`<span class="muted">${tw("work.nobody")}</span>`}</td>
            <td>${a.organizationName ?? ""}</td>
            ${withBoard ? html`<td>${a.boardTitle}</td>` : nothing}
            <td class="due">${a.dueDate ? formatDate(a.dueDate) : ""}${
              a.overdue ? html` <span class="badge danger">${tw("work.overdue")}</span>` : nothing
            }</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

customElements.define("actions-page", ActionsPage);
