/**
 * A board's history ("Historik"): its versions newest first — when, who, and what they changed in
 * words — each viewable read-only, and restorable (after a confirmation) as a new change that
 * everyone on the board sees at once. Older versions page in on request.
 */
import { css, html, LitElement, nothing } from "lit";
import type { HistoryPage as Page, People, VersionAnswer, VersionSummary } from "../../../shared/api/history.js";
import { ApiError, get, post } from "../api/client.js";
import type { Board, Role } from "../api/types.js";
import { counted, describeChange, names } from "../components/history/describe.js";
import { th as t } from "../components/history/history-texts.js";
import { versionView } from "../components/history/version-view.js";
import { formatDate, LocaleController } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { dialogStyles } from "../styles/dialog.js";
import { formStyles, pageStyles } from "../styles/shared.js";

/** Changes shown per version before "Show all changes". */
const SHOWN = 5;

export class HistoryPage extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    dialogStyles,
    css`
      ol.versions {
        list-style: none;
        padding: 0;
        margin: 0;
        display: grid;
        gap: var(--space-4);
      }
      h3 {
        font-size: var(--text-large);
        margin: 0 0 var(--space-1);
      }
      h4 {
        font-size: var(--text-base);
        margin: var(--space-4) 0 var(--space-1);
      }
      ul.changes {
        margin: var(--space-2) 0;
        padding-left: var(--space-5);
      }
      .buttons {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-3);
        margin-top: var(--space-2);
      }
      .version {
        border-top: 1px solid var(--color-border);
        margin-top: var(--space-4);
        padding-top: var(--space-2);
      }
      .body {
        white-space: pre-wrap;
        overflow-wrap: anywhere;
        margin: var(--space-1) 0 var(--space-2);
      }
      dt {
        font-weight: var(--weight-strong);
      }
      dd {
        margin: 0 0 var(--space-2);
      }
      li {
        overflow-wrap: anywhere;
      }
    `,
  ];
  static override properties = {
    boardId: { attribute: false },
    board: { state: true },
    versions: { state: true },
    people: { state: true },
    next: { state: true },
    retentionDays: { state: true },
    problem: { state: true },
    expanded: { state: true },
    opened: { state: true },
    confirming: { state: true },
    busy: { state: true },
    message: { state: true },
  };
  declare boardId: string;
  declare private board: (Board & { role: Role }) | null;
  declare private versions: VersionSummary[] | null;
  declare private people: People;
  declare private next: string | null;
  declare private retentionDays: number;
  declare private problem: string | null;
  declare private expanded: Set<string>;
  declare private opened: VersionAnswer | null;
  declare private confirming: VersionSummary | null;
  declare private busy: boolean;
  declare private message: string;

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.board = null;
    this.versions = null;
    this.people = {};
    this.next = null;
    this.retentionDays = 90;
    this.problem = null;
    this.expanded = new Set();
    this.opened = null;
    this.confirming = null;
    this.busy = false;
    this.message = "";
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      const { board } = await get<{ board: Board & { role: Role } }>(`/api/boards/${this.boardId}`);
      this.board = board;
      const [page, members] = await Promise.all([
        get<Page>(`/api/boards/${board.id}/history`),
        get<{ members: { userId: string; name: string }[] }>(`/api/workspaces/${board.workspaceId}/members`).catch(
          () => ({ members: [] }),
        ),
      ]);
      // Owners are named from the partnership's members; the history names everyone it mentions.
      this.people = { ...Object.fromEntries(members.members.map((m) => [m.userId, m.name])), ...page.people };
      this.versions = page.versions;
      this.next = page.next;
      this.retentionDays = page.retentionDays;
    } catch (error) {
      this.problem = error instanceof ApiError && error.status === 404 ? t("error.notFound") : (error as Error).message;
    }
  }

  private async older() {
    if (!this.next || !this.board) return;
    const page = await get<Page>(`/api/boards/${this.board.id}/history?before=${encodeURIComponent(this.next)}`);
    this.people = { ...this.people, ...page.people };
    this.versions = [...(this.versions ?? []), ...page.versions];
    this.next = page.next;
  }

  private async open(v: VersionSummary) {
    if (!this.board) return;
    this.opened = await get<VersionAnswer>(`/api/boards/${this.board.id}/history/${v.id}`);
    this.people = { ...this.people, ...this.opened.people };
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>(`#version-${v.id}`)?.focus();
  }

  private closeVersion(v: VersionSummary) {
    this.opened = null;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLElement>(`#open-${v.id}`)?.focus());
  }

  private async askRestore(v: VersionSummary) {
    this.confirming = v;
    await this.updateComplete;
    this.renderRoot.querySelector("dialog")?.showModal();
  }

  private async restore() {
    const v = this.confirming;
    if (!v || !this.board) return;
    this.busy = true;
    try {
      await post(`/api/boards/${this.board.id}/history/${v.id}/restore`, {});
      this.message = t("history.restored", { time: formatDate(v.endedAt, true) });
    } catch (error) {
      this.message =
        error instanceof ApiError
          ? error.code === "board_locked"
            ? t("history.locked")
            : error.message
          : t("error.network");
    } finally {
      this.busy = false;
      this.renderRoot.querySelector("dialog")?.close();
    }
  }

  override render() {
    if (this.problem) return html`<h1 tabindex="-1">${t("history.link")}</h1><p role="alert">${this.problem}</p>`;
    const board = this.board;
    if (!board) return html`<p role="status">${t("history.loading")}</p>`;
    const canRestore = board.role !== "observer";
    return html`<p><a href=${paths.board(board.id)}>← ${t("history.back")}</a></p>
      <h1 tabindex="-1">${t("history.title", { board: board.title })}</h1>
      <p class="muted">${t("history.intro", { days: this.retentionDays })}</p>
      ${canRestore ? nothing : html`<p>${t("history.readOnly")}</p>`}
      <p role="status">${this.message}</p>
      <h2>${t("history.versions")}</h2>
      ${
        this.versions === null
          ? html`<p role="status">${t("history.loading")}</p>`
          : this.versions.length === 0
            ? html`<p>${t("history.empty")}</p>`
            : html`<ol class="versions">
                ${this.versions.map((v) => this.version(v, canRestore))}
              </ol>`
      }
      ${this.next ? html`<p><button type="button" class="secondary" @click=${this.older}>${t("history.older")}</button></p>` : nothing}
      ${this.confirmDialog()}`;
  }

  private version(v: VersionSummary, canRestore: boolean) {
    const time = formatDate(v.endedAt, true);
    const all = this.expanded.has(v.id);
    const shown = all ? v.changes : v.changes.slice(0, SHOWN);
    const hidden = v.changes.length - shown.length + (all ? v.moreChanges : 0);
    const opened = this.opened?.version.id === v.id ? this.opened : null;
    return html`<li class="card">
      <h3><time datetime=${v.endedAt}>${time}</time></h3>
      <p>${names(this.people, v.authorIds)} · ${counted("history.changes", v.changes.length + v.moreChanges)}</p>
      <ul class="changes">
        ${shown.map((c) => html`<li>${describeChange(c, this.people)}</li>`)}
        ${all && v.moreChanges > 0 ? html`<li>${counted("history.moreChanges", v.moreChanges)}</li>` : nothing}
      </ul>
      <div class="buttons">
        ${
          !all && hidden + v.moreChanges > 0
            ? html`<button type="button" class="secondary" @click=${() => {
                this.expanded = new Set([...this.expanded, v.id]);
              }}>${t("history.showAll")}</button>`
            : nothing
        }
        ${
          opened
            ? html`<button type="button" class="secondary" @click=${() => this.closeVersion(v)}>${t("history.close")}</button>`
            : html`<button type="button" id=${`open-${v.id}`} class="secondary" aria-label=${t("history.openLabel", { time })} @click=${() => this.open(v)}>
                ${t("history.open")}
              </button>`
        }
      </div>
      ${
        opened
          ? html`<section class="version" aria-labelledby=${`version-${v.id}`}>
              <h3 id=${`version-${v.id}`} tabindex="-1">${t("history.versionTitle", { time })}</h3>
              <p class="muted">${t("history.versionNote")}</p>
              ${versionView(opened.content, this.people)}
              ${canRestore ? html`<p><button type="button" @click=${() => this.askRestore(v)}>${t("history.restore")}</button></p>` : nothing}
            </section>`
          : nothing
      }
    </li>`;
  }

  private confirmDialog() {
    const v = this.confirming;
    return html`<dialog class="narrow" aria-labelledby="confirm-title" @close=${() => {
      this.confirming = null;
    }}>
      ${
        v
          ? html`<div class="dialog-head"><h2 id="confirm-title">${t("history.confirmTitle")}</h2></div>
              <p>${t("history.confirmText", { time: formatDate(v.endedAt, true) })}</p>
              <div class="dialog-actions">
                <button type="button" ?disabled=${this.busy} @click=${this.restore}>
                  ${this.busy ? t("history.restoring") : t("history.confirm")}
                </button>
                <button type="button" class="secondary" @click=${() => this.renderRoot.querySelector("dialog")?.close()}>
                  ${t("history.cancel")}
                </button>
              </div>`
          : nothing
      }
    </dialog>`;
  }
}

customElements.define("history-page", HistoryPage);
