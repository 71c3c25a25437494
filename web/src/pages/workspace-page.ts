/**
 * A partnership's home: its focus areas with progress per status, my open actions, overdue
 * actions, goals by status, upcoming meetings and recent decisions — read from the projections.
 * Every count of actions links to the actions list filtered to exactly those.
 */
import { css, html, LitElement, nothing } from "lit";
import { ACTION_STATUSES, GOAL_STATUSES } from "../../../shared/boards/vocabulary.js";
import { ApiError, get } from "../api/client.js";
import type { ActionRow, Board, Overview, Workspace } from "../api/types.js";
import { formatDate, LocaleController, t, tp } from "../i18n/i18n.js";
import { boardsOnDevice, keepOnDevice, missingOffline } from "../offline/device-store.js";
import { paths } from "../router.js";
import { pageStyles } from "../styles/shared.js";
import { tlink } from "./report-link-texts.js";
import "../components/calendar-links/calendar-links.js";
import "../components/new-board-form/new-board-form.js";
import "../components/todo-panel/todo-panel.js";
import { tw } from "./my-work-texts.js";
import { tr } from "./records-texts.js";

/** The partnership's actions list with a filter: where a count or a "see all" on the home page leads. */
const listOf = (workspaceId: string, filter: Record<string, string>) =>
  paths.actions(workspaceId, new URLSearchParams(filter).toString());

export class WorkspacePage extends LitElement {
  static override styles = [
    pageStyles,
    css`
      .grid {
        display: grid;
        gap: var(--space-4);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 20rem), 1fr));
      }
      .counts {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-1) var(--space-4);
        margin: var(--space-2) 0 0;
        padding: 0;
        list-style: none;
      }
      .overdue {
        color: var(--color-danger);
        font-weight: var(--weight-strong);
      }
      /* "På enheten" looks like every other badge (styles/shared.ts badgeStyles): a soft pill. */
      .device-mark {
        display: inline-block;
        font-size: var(--text-small);
        font-weight: var(--weight-strong);
        line-height: 1.6;
        padding: 0 var(--space-2);
        border: 1px solid var(--color-border);
        border-radius: 999px;
        background: var(--color-surface);
        color: var(--color-muted);
        white-space: nowrap;
      }
      /* A download that looks like the action it is (a link, so the browser saves the file). */
      a.button {
        display: inline-flex;
        align-items: center;
        min-height: var(--touch);
        padding: 0 1.25rem;
        border-radius: var(--radius);
        background: var(--color-primary);
        color: var(--color-primary-text);
        text-decoration: none;
        font-weight: var(--weight-strong);
      }
      .device-mark.on-device {
        border-color: var(--color-ok);
        background: var(--color-ok-soft);
        color: #14481f;
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    workspace: { state: true },
    overview: { state: true },
    boards: { state: true },
    problem: { state: true },
    onDevice: { state: true },
    offline: { state: true },
  };
  declare workspaceId: string;
  declare private workspace: Workspace | null;
  declare private overview: Overview | null;
  declare private boards: Board[];
  declare private problem: string | null;
  /** Boards that open without a network on this device. */
  declare private onDevice: Set<string>;
  declare private offline: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.workspace = null;
    this.overview = null;
    this.boards = [];
    this.problem = null;
    this.onDevice = new Set();
    this.offline = !navigator.onLine;
  }

  private readonly onNetwork = () => {
    this.offline = !navigator.onLine;
  };

  override disconnectedCallback() {
    super.disconnectedCallback();
    window.removeEventListener("online", this.onNetwork);
    window.removeEventListener("offline", this.onNetwork);
  }

  override async connectedCallback() {
    super.connectedCallback();
    window.addEventListener("online", this.onNetwork);
    window.addEventListener("offline", this.onNetwork);
    void boardsOnDevice().then((ids) => {
      this.onDevice = ids;
    });
    const base = `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
    try {
      const [ws, overview, boards] = await Promise.all([
        get<{ workspace: Workspace }>(base),
        get<Overview>(`${base}/overview`),
        get<{ boards: Board[] }>(`${base}/boards`),
      ]);
      this.boards = boards.boards;
      this.workspace = ws.workspace;
      this.overview = overview;
      keepOnDevice([base, `${base}/overview`, `${base}/boards`]);
    } catch (error) {
      this.problem =
        error instanceof ApiError && error.status === 404
          ? t("error.notFound")
          : missingOffline(error)
            ? t("offline.pageMissing")
            : (error as Error).message;
    }
  }

  override render() {
    if (this.problem) return html`<h1 tabindex="-1">${t("app.name")}</h1><p role="alert">${this.problem}</p>`;
    const ws = this.workspace;
    const o = this.overview;
    if (!ws || !o) return html`<p role="status">${t("app.loading")}</p>`;
    return html`<h1 tabindex="-1">${ws.name}</h1>
      <p class="muted">${t("workspaces.yourRole", { role: t(`role.${ws.role}`) })} · <a href=${paths.members(ws.id)}>${t("members.open")}</a> · <a href=${paths.decisionPoints(ws.id)}>${t("home.decisionPoints")}</a> · <a href=${paths.reports(ws.id)}>${tlink("reports.open")}</a> · <a href=${paths.steering(ws.id)}>${tlink("steering.open")}</a>${
        ws.role === "convener" ? html` · <a href=${paths.audit(ws.id)}>${tr("records.open")}</a>` : nothing
      }</p>
      <todo-panel .workspaceId=${ws.id}></todo-panel>
      <div class="grid">
        <section class="card" aria-labelledby="boards-h">
          <h2 id="boards-h">${t("home.boards")}</h2>
          ${
            this.boards.length === 0
              ? html`<p>${t("home.none")}</p>`
              : html`<ul class="plain">
            ${this.boards.map(
              (b) =>
                html`<li><a href=${paths.board(b.id)}>${b.title}</a> <span class="muted">(${t(`kind.${b.kind}`)})</span>
                  ${this.deviceMark(b.id)}</li>`,
            )}
          </ul>`
          }
        </section>
        <section class="card" aria-labelledby="focus-h">
          <h2 id="focus-h">${t("home.focusAreas")}</h2>
          ${
            o.focusAreas.length === 0
              ? html`<p>${t("home.none")}</p>`
              : html`<ul class="plain">
            ${o.focusAreas.map(
              (area) => html`<li>
                <a href=${paths.board(area.boardId)}><strong>${area.title}</strong></a> ${this.deviceMark(area.boardId)} — ${tp("home.actionsTotal", area.total)}${
                  area.overdue > 0
                    ? html`, <a class="overdue" href=${listOf(ws.id, { board: area.boardId, overdue: "true" })}
                        >${tp("home.overdueCount", area.overdue)}</a
                      >`
                    : nothing
                }
                <ul class="counts">
                  ${ACTION_STATUSES.map((s) =>
                    area.counts[s] > 0
                      ? html`<li><a href=${listOf(ws.id, { board: area.boardId, status: s })}>${t(`status.${s}`)}: ${area.counts[s]}</a></li>`
                      : html`<li>${t(`status.${s}`)}: 0</li>`,
                  )}
                </ul>
              </li>`,
            )}
          </ul>`
          }
        </section>
        <section class="card" aria-labelledby="mine-h">
          <h2 id="mine-h">${t("home.myActions")}</h2>
          ${this.actions(o.myOpenActions)}
          <p><a href=${listOf(ws.id, { owner: "me" })}>${tw("work.home.allMine")}</a></p>
        </section>
        <section class="card" aria-labelledby="overdue-h">
          <h2 id="overdue-h">${t("home.overdue")}</h2>
          ${this.actions(o.overdueActions)}
          ${o.overdueActions.length > 0 ? html`<p><a href=${listOf(ws.id, { overdue: "true" })}>${tw("work.home.allOverdue")}</a></p>` : nothing}
        </section>
        <section class="card" aria-labelledby="goals-h">
          <h2 id="goals-h">${t("home.goals")}</h2>
          <ul class="counts">
            ${GOAL_STATUSES.map((s) => html`<li>${t(`goal.${s}`)}: ${o.goalsByStatus[s]}</li>`)}
          </ul>
          ${
            o.goals.length === 0
              ? nothing
              : html`<ul>
            ${o.goals.map((g) => html`<li><a href=${paths.boardAt(g.boardId, { goal: g.id })}>${g.title}</a> — <em>${t(`goal.${g.status}`)}</em></li>`)}
          </ul>`
          }
        </section>
        <section class="card" aria-labelledby="meetings-h">
          <h2 id="meetings-h">${t("home.meetings")}</h2>
          ${
            o.upcomingMeetings.length === 0
              ? html`<p>${t("home.none")}</p>`
              : html`<ul class="plain">
            ${o.upcomingMeetings.map(
              (m) =>
                html`<li><a href=${paths.board(m.boardId)}><strong>${m.title}</strong></a>${m.startsAt ? html` — ${formatDate(m.startsAt, true)}` : nothing}${
                  m.place ? html`, ${m.place}` : nothing
                }</li>`,
            )}
          </ul>`
          }
        </section>
        <section class="card" aria-labelledby="decisions-h">
          <h2 id="decisions-h">${t("home.decisions")}</h2>
          ${
            o.recentDecisions.length === 0
              ? html`<p>${t("home.none")}</p>`
              : html`<ul class="plain">
            ${o.recentDecisions.map(
              (d) => html`<li><a href=${paths.boardAt(d.boardId, { item: d.itemId, paragraph: d.paragraph })}>${
                d.paragraph !== null ? html`<strong>§ ${d.paragraph}</strong> ` : nothing
              }${d.text}</a>
                <div class="muted">${d.itemTitle}${d.meetingStartsAt ? html`, ${formatDate(d.meetingStartsAt)}` : nothing}</div></li>`,
            )}
          </ul>`
          }
        </section>
        <section class="card">
          <calendar-links .workspaceId=${ws.id}></calendar-links>
        </section>
        ${
          ws.role === "convener"
            ? html`<section class="card"><new-board-form .workspaceId=${ws.id} .boards=${this.boards}></new-board-form></section>
              <section class="card" aria-labelledby="export-h">
                <h2 id="export-h">${tr("records.exportHeading")}</h2>
                <p class="muted">${tr("records.exportHint")}</p>
                <a class="button" href=${`/api/workspaces/${encodeURIComponent(ws.id)}/export`} download>${tr("records.export")}</a>
              </section>`
            : nothing
        }
      </div>`;
  }

  /** "Tillgänglig offline" for a board stored here; offline, "Inte sparad på enheten" for the others. */
  private deviceMark(boardId: string) {
    if (this.onDevice.has(boardId))
      return html`<span class="device-mark on-device" title=${t("offline.availableHint")}>${t("offline.available")}</span>`;
    return this.offline ? html`<span class="device-mark">${t("offline.notOnDevice")}</span>` : nothing;
  }

  private actions(rows: ActionRow[]) {
    if (rows.length === 0) return html`<p>${t("home.none")}</p>`;
    return html`<ul class="plain">
      ${rows.map(
        (a) => html`<li>
          <a href=${paths.boardAt(a.boardId, { action: a.id })}><strong>${a.title}</strong></a>
          <div class="muted">
            ${a.boardTitle} · ${t(`status.${a.status}`)}${a.ownerName ? html` · ${a.ownerName}` : nothing}${
              a.dueDate
                ? html` · <span class=${a.overdue ? "overdue" : ""}>${t("home.due", { date: formatDate(a.dueDate) })}</span>`
                : nothing
            }
          </div>
        </li>`,
      )}
    </ul>`;
  }
}

customElements.define("workspace-page", WorkspacePage);
