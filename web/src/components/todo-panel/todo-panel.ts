/**
 * The home page's to-do panel: what the signed-in person should do in this partnership —
 * minutes waiting for their approval, their overdue actions, their actions due within two weeks,
 * this week's meetings — each a link to the thing; and links to the full actions list and the
 * decision log.
 */
import { css, html, LitElement, nothing } from "lit";
import type { Todo, TodoAction } from "../../../../shared/api/my-work.js";
import { get } from "../../api/client.js";
import { formatDate, LocaleController, t } from "../../i18n/i18n.js";
import { keepOnDevice, missingOffline } from "../../offline/device-store.js";
import { tw } from "../../pages/my-work-texts.js";
import { paths } from "../../router.js";
import { pageStyles } from "../../styles/shared.js";

export class TodoPanel extends LitElement {
  static override styles = [
    pageStyles,
    css`
      :host {
        margin-bottom: var(--space-4);
      }
      h2 {
        margin-top: 0;
      }
      h3 {
        font-size: var(--text-base);
        margin: var(--space-4) 0 var(--space-1);
      }
      .columns {
        display: grid;
        gap: 0 var(--space-5);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 16rem), 1fr));
      }
      .overdue {
        color: var(--color-danger);
        font-weight: var(--weight-strong);
      }
      li a {
        display: inline-block;
        min-height: 1.5rem;
      }
      .links {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-1) var(--space-5);
        margin: var(--space-4) 0 0;
      }
      .links a {
        display: inline-flex;
        align-items: center;
        min-height: var(--touch);
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    todo: { state: true },
    problem: { state: true },
  };
  declare workspaceId: string;
  declare private todo: Todo | null;
  declare private problem: string | null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.todo = null;
    this.problem = null;
  }

  override async connectedCallback() {
    super.connectedCallback();
    const path = `/api/workspaces/${encodeURIComponent(this.workspaceId)}/todo`;
    try {
      this.todo = await get<Todo>(path);
      keepOnDevice([path]);
    } catch (error) {
      // Offline without a copy: the rest of the home page still shows; this panel says nothing.
      this.problem = missingOffline(error) ? null : (error as Error).message;
    }
  }

  override render() {
    const td = this.todo;
    return html`<section class="card" aria-labelledby="todo-h">
      <h2 id="todo-h">${tw("work.todo")}</h2>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${
        td
          ? html`<div class="columns">
              ${this.group(
                "approve",
                tw("work.todo.approve"),
                td.minutesToApprove.map(
                  (m) =>
                    html`<li><a href=${paths.board(m.boardId)}>${m.title}</a>${
                      m.meetingStartsAt ? html` <span class="muted">${formatDate(m.meetingStartsAt)}</span>` : nothing
                    }</li>`,
                ),
              )}
              ${this.group(
                "overdue",
                tw("work.todo.overdue"),
                td.overdue.map((a) => this.action(a)),
              )}
              ${this.group(
                "due",
                tw("work.todo.dueSoon"),
                td.dueSoon.map((a) => this.action(a)),
              )}
              ${this.group(
                "meetings",
                tw("work.todo.meetings"),
                td.meetingsThisWeek.map(
                  (m) =>
                    html`<li><a href=${paths.board(m.boardId)}>${m.title}</a>${
                      m.startsAt
                        ? html` <span class="muted">${formatDate(m.startsAt, true)}${m.place ? `, ${m.place}` : ""}</span>`
                        : nothing
                    }</li>`,
                ),
              )}
            </div>`
          : this.problem
            ? nothing
            : html`<p role="status">${t("app.loading")}</p>`
      }
      <p class="links">
        <a href=${paths.actions(this.workspaceId)}>${tw("work.todo.allActions")}</a>
        <a href=${paths.decisions(this.workspaceId)}>${tw("work.todo.decisions")}</a>
      </p>
    </section>`;
  }

  private group(id: string, heading: string, items: unknown[]) {
    return html`<div class=${`todo-${id}`}>
      <h3 id=${`todo-${id}-h`}>${heading}</h3>
      ${
        items.length === 0
          ? html`<p class="muted">${tw("work.todo.nothing")}</p>`
          : html`<ul class="plain" aria-labelledby=${`todo-${id}-h`}>${items}</ul>`
      }
    </div>`;
  }

  private action(a: TodoAction) {
    return html`<li><a href=${paths.boardAt(a.boardId, { action: a.id })}>${a.title}</a>
      <span class="muted">${a.boardTitle}</span>${
        a.dueDate
          ? html` · <span class=${a.overdue ? "overdue" : "muted"}>${tw("work.todo.due", { date: formatDate(a.dueDate) })}</span>`
          : nothing
      }</li>`;
  }
}

customElements.define("todo-panel", TodoPanel);
