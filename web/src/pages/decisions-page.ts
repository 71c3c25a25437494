/**
 * A partnership's decision log (/workspaces/:id/decisions): every decision in its minutes with §
 * number, meeting date and agenda item, latest meeting first, each a link to that § on the
 * minutes board. The text filter lives in the URL; the CSV link downloads what is shown.
 */
import { html, LitElement, nothing } from "lit";
import { ApiError, get } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { formatDate, LocaleController, locale, t, tp } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { myWorkStyles } from "./my-work-styles.js";

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
          ? t("work.badFilter", { problem: error.message })
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
    return html`<h1 tabindex="-1">${t("work.decisionsTitle")}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>
      <p class="print-only">${this.text ? t("work.filterWords", { words: t("work.words.text", { text: this.text }) }) : nothing}
        ${t("work.printed", { date: formatDate(new Date().toISOString()) })}</p>
      <p class="screen-only">${t("work.decisionsIntro")}</p>
      <p class="screen-only"><a href=${paths.workspace(this.workspaceId)}>${t("work.back")}</a></p>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <form class="filters screen-only" role="search" @submit=${this.apply}>
        <label>${t("work.decisionsFilter")} <input type="search" name="q" maxlength="200" .value=${this.text} /></label>
        <div class="buttons">
          <button type="submit">${t("work.apply")}</button>
          ${this.text ? html`<a href=${paths.decisions(this.workspaceId)}>${t("work.clear")}</a>` : nothing}
          <a class="download" href=${`${this.base}/decisions.csv?${csv}`} download>${t("work.csv")}</a>
          <button type="button" class="secondary" @click=${() => window.print()}>${t("work.print")}</button>
        </div>
      </form>
      ${this.decisions === null ? (this.problem ? nothing : html`<p role="status">${t("app.loading")}</p>`) : this.list(this.decisions)}`;
  }

  private list(decisions: DecisionItem[]) {
    const count = html`<p role="status" class="screen-only">${tp("work.decisions", decisions.length)}${
      decisions.length >= this.limit ? html`. ${t("work.limited", { count: this.limit })}` : nothing
    }</p>`;
    if (decisions.length === 0) return html`${count}<p>${t("work.noDecisions")}</p>`;
    return html`${count}<div class="table-wrap"><table>
      <thead>
        <tr>
          <th scope="col">${t("work.col.paragraph")}</th>
          <th scope="col">${t("work.col.meeting")}</th>
          <th scope="col">${t("work.col.item")}</th>
          <th scope="col">${t("work.col.decision")}</th>
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
