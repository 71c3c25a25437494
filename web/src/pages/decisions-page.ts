/**
 * A partnership's decision log (/workspaces/:id/decisions): every decision in its minutes with §
 * number, meeting date and agenda item, latest meeting first, each a link to that § on the
 * minutes board. The text filter lives in the URL; the CSV link downloads what is shown.
 */
import { html, LitElement, nothing } from "lit";
import { ApiError, get } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { formatDate, LocaleController, locale, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { myWorkStyles } from "./my-work-styles.js";
import { tw, twp } from "./my-work-texts.js";

interface DecisionItem {
  boardId: string;
  boardTitle: string;
  id: string;
  itemId: string;
  paragraph: number | null;
  itemTitle: string;
  text: string;
  meetingStartsAt: string | null;
}

export class DecisionsPage extends LitElement {
  static override styles = [pageStyles, formStyles, myWorkStyles];
  static override properties = {
    workspaceId: { attribute: false },
    query: { attribute: false },
    workspace: { state: true },
    decisions: { state: true },
    limit: { state: true },
    problem: { state: true },
  };
  declare workspaceId: string;
  declare query: string;
  declare private workspace: Workspace | null;
  declare private decisions: DecisionItem[] | null;
  declare private limit: number;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.query = "";
    this.workspace = null;
    this.decisions = null;
    this.limit = 0;
    this.problem = null;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  private get text(): string {
    return new URLSearchParams(this.query).get("q") ?? "";
  }

  override async connectedCallback() {
    super.connectedCallback();
    void get<{ workspace: Workspace }>(this.base)
      .then((r) => {
        this.workspace = r.workspace;
      })
      .catch(() => {});
    const params = new URLSearchParams();
    if (this.text) params.set("q", this.text);
    try {
      const answer = await get<{ decisions: DecisionItem[]; limit: number }>(`${this.base}/decisions?${params}`);
      this.decisions = answer.decisions;
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

  private apply(event: Event) {
    event.preventDefault();
    const value = new FormData(event.target as HTMLFormElement).get("q");
    const q = typeof value === "string" ? value.trim() : "";
    navigate(paths.decisions(this.workspaceId, q ? new URLSearchParams({ q }).toString() : ""));
  }

  override render() {
    const csv = new URLSearchParams({ lang: locale() });
    if (this.text) csv.set("q", this.text);
    return html`<h1 tabindex="-1">${tw("work.decisionsTitle")}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>
      <p class="print-only">${this.text ? tw("work.filterWords", { words: tw("work.words.text", { text: this.text }) }) : nothing}
        ${tw("work.printed", { date: formatDate(new Date().toISOString()) })}</p>
      <p class="screen-only">${tw("work.decisionsIntro")}</p>
      <p class="screen-only"><a href=${paths.workspace(this.workspaceId)}>${tw("work.back")}</a></p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <form class="filters screen-only" role="search" @submit=${this.apply}>
        <label>${tw("work.decisionsFilter")} <input type="search" name="q" maxlength="200" .value=${this.text} /></label>
        <div class="buttons">
          <button type="submit">${tw("work.apply")}</button>
          ${this.text ? html`<a href=${paths.decisions(this.workspaceId)}>${tw("work.clear")}</a>` : nothing}
          <a class="download" href=${`${this.base}/decisions.csv?${csv}`} download>${tw("work.csv")}</a>
          <button type="button" class="secondary" @click=${() => window.print()}>${tw("work.print")}</button>
        </div>
      </form>
      ${this.decisions === null ? (this.problem ? nothing : html`<p role="status">${t("app.loading")}</p>`) : this.list(this.decisions)}`;
  }

  private list(decisions: DecisionItem[]) {
    const count = html`<p role="status" class="screen-only">${twp("work.decisions", decisions.length)}${
      decisions.length >= this.limit ? html`. ${tw("work.limited", { count: this.limit })}` : nothing
    }</p>`;
    if (decisions.length === 0) return html`${count}<p>${tw("work.noDecisions")}</p>`;
    return html`${count}<div class="table-wrap"><table>
      <thead>
        <tr>
          <th scope="col">${tw("work.col.paragraph")}</th>
          <th scope="col">${tw("work.col.meeting")}</th>
          <th scope="col">${tw("work.col.item")}</th>
          <th scope="col">${tw("work.col.decision")}</th>
        </tr>
      </thead>
      <tbody>
        ${decisions.map(
          (d) => html`<tr>
            <td>${d.paragraph !== null ? html`§&nbsp;${d.paragraph}` : ""}</td>
            <td class="due">${d.meetingStartsAt ? formatDate(d.meetingStartsAt) : ""}<div class="muted">${d.boardTitle}</div></td>
            <td><a href=${paths.boardAt(d.boardId, { item: d.itemId, paragraph: d.paragraph })}>${d.itemTitle}</a></td>
            <td>${d.text}</td>
          </tr>`,
        )}
      </tbody>
    </table></div>`;
  }
}

customElements.define("decisions-page", DecisionsPage);
