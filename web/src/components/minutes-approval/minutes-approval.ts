/**
 * Approval (justering) of one meeting's minutes: where they are (draft, closed, approved,
 * sealed), who must approve and who has, the step this person may take next, and — once sealed —
 * the archive documents with their SHA-256, the registration number and a check of a file
 * against the archive. Tells the page whether the minutes are locked (`minutes-state` event).
 */
import { css, html, LitElement, nothing } from "lit";
import {
  type MinutesApproval as ApprovalView,
  isLockedState,
  MINUTES_STATES,
  type MinutesState,
  type Verification,
} from "../../../../shared/api/minutes.js";
import { ApiError, api, get, post } from "../../api/client.js";
import { formatDate, LocaleController, type MessageKey, t } from "../../i18n/i18n.js";
import { navigate, paths } from "../../router.js";
import { formStyles, pageStyles } from "../../styles/shared.js";

type Sealed = NonNullable<ApprovalView["sealed"]>;

/** Fired whenever the state is (re)read: the board is read-only unless `locked` is false. */
export class MinutesStateEvent extends Event {
  constructor(readonly state: MinutesState) {
    super("minutes-state", { bubbles: true, composed: true });
  }
  get locked(): boolean {
    return isLockedState(this.state);
  }
}

const KNOWN_ERRORS = new Set(["meeting_date_missing", "meeting_not_held", "approvers_missing", "approver_not_member"]);
const REFRESH_MS = 10_000;

export class MinutesApproval extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      :host {
        display: block;
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        padding: 0 var(--space-4) var(--space-4);
        margin: var(--space-4) 0;
      }
      ul {
        padding-left: var(--space-5);
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2);
      }
      code {
        word-break: break-all;
        font-size: var(--text-small);
      }
    `,
  ];
  static override properties = {
    boardId: { attribute: false },
    workspaceId: { attribute: false },
    names: { attribute: false },
    view: { state: true },
    busy: { state: true },
    problem: { state: true },
    notice: { state: true },
    verification: { state: true },
  };
  declare boardId: string;
  declare workspaceId: string;
  /** Member names by user id. */
  declare names: Map<string, string>;
  declare private view: ApprovalView | null;
  declare private busy: boolean;
  declare private problem: string | null;
  declare private notice: string | null;
  declare private verification: Verification | null;
  private timer: ReturnType<typeof setInterval> | null = null;
  private readonly onFocus = () => void this.refresh();

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.workspaceId = "";
    this.names = new Map();
    this.view = null;
    this.busy = false;
    this.problem = null;
    this.notice = null;
    this.verification = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void this.refresh();
    // Someone else closes, approves or seals: this page learns it within seconds.
    this.timer = setInterval(() => void this.refresh(), REFRESH_MS);
    window.addEventListener("focus", this.onFocus);
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    if (this.timer) clearInterval(this.timer);
    window.removeEventListener("focus", this.onFocus);
  }

  async refresh(): Promise<void> {
    try {
      const { minutes } = await get<{ minutes: ApprovalView }>(`/api/boards/${this.boardId}/minutes`);
      this.show(minutes);
    } catch {
      // Offline: keep showing the last known state; the board's own status says why. Minutes
      // never seen closed on this device stay editable offline (a meeting on weak Wi-Fi).
      if (!this.view) this.dispatchEvent(new MinutesStateEvent(this.remembered() ?? "draft"));
    }
  }

  private show(view: ApprovalView) {
    this.view = view;
    try {
      localStorage.setItem(this.storageKey, view.state);
    } catch {
      // private mode: nothing remembered
    }
    this.dispatchEvent(new MinutesStateEvent(view.state));
  }

  private get storageKey() {
    return `samverkan.minutes-state.${this.boardId}`;
  }

  private remembered(): MinutesState | null {
    try {
      const state = localStorage.getItem(this.storageKey);
      return (MINUTES_STATES as readonly string[]).includes(state ?? "") ? (state as MinutesState) : null;
    } catch {
      return null;
    }
  }

  private async step(name: "close" | "reopen" | "approve" | "seal") {
    this.busy = true;
    this.problem = null;
    try {
      this.show((await post<{ minutes: ApprovalView }>(`/api/boards/${this.boardId}/minutes/${name}`)).minutes);
    } catch (error) {
      this.problem = describeError(error);
      await this.refresh();
    } finally {
      this.busy = false;
    }
  }

  private async writeAddendum() {
    this.busy = true;
    this.problem = null;
    try {
      const { board } = await post<{ board: { id: string } }>(`/api/boards/${this.boardId}/minutes/addendum`);
      navigate(paths.board(board.id));
    } catch (error) {
      this.problem = describeError(error);
    } finally {
      this.busy = false;
    }
  }

  private async saveRegistration(event: SubmitEvent) {
    event.preventDefault();
    const input = (event.target as HTMLFormElement).elements.namedItem("registration") as HTMLInputElement;
    this.problem = null;
    this.notice = null;
    try {
      const { minutes } = await api<{ minutes: ApprovalView }>(
        "PUT",
        `/api/boards/${this.boardId}/minutes/registration-number`,
        { registrationNumber: input.value },
      );
      this.show(minutes);
      this.notice = t("approval.registrationSaved");
    } catch (error) {
      this.problem = describeError(error);
    }
  }

  private async verify(event: Event) {
    const file = (event.target as HTMLInputElement).files?.[0];
    if (!file) return;
    this.verification = null;
    this.problem = null;
    try {
      const res = await fetch(`/api/workspaces/${this.workspaceId}/minutes/verify`, {
        method: "POST",
        credentials: "same-origin",
        headers: { "content-type": "application/octet-stream", accept: "application/json" },
        body: file,
      });
      const payload = (await res.json()) as { verification?: Verification; error?: { message?: string } };
      if (!res.ok || !payload.verification) throw new Error(payload.error?.message ?? res.statusText);
      this.verification = payload.verification;
    } catch (error) {
      this.problem = describeError(error);
    }
  }

  override render() {
    const view = this.view;
    if (!view) return html`<h2>${t("approval.heading")}</h2><p role="status">${t("board.loading")}</p>`;
    const approved = new Map(view.approvals.map((a) => [a.userId, a]));
    return html`<h2>${t("approval.heading")}</h2>
      <p role="status">${t(`approval.state.${view.state}` as MessageKey, {
        date: view.sealed ? formatDate(view.sealed.sealedAt, true) : "",
      })}</p>
      ${
        view.addendumTo
          ? html`<p>${t("approval.addendumTo")} <a href=${paths.board(view.addendumTo.boardId)}>${view.addendumTo.title}</a></p>`
          : nothing
      }
      <h3>${t("approval.approvers")}</h3>
      ${
        view.approverIds.length === 0
          ? html`<p>${t("approval.none")}</p>`
          : html`<ul>
            ${view.approverIds.map((id) => {
              const approval = approved.get(id);
              const name = approval?.name ?? this.names.get(id) ?? id;
              return html`<li>
                ${name}:
                ${approval ? t("approval.approvedAt", { date: formatDate(approval.approvedAt, true) }) : t("approval.waiting")}
              </li>`;
            })}
          </ul>`
      }
      ${
        !view.meetingHeld && (view.canClose || view.canApprove || view.canSeal)
          ? html`<p id="not-held" class="muted">${t("governance.notHeld", {
              date: view.meetingStartsAt ? formatDate(view.meetingStartsAt, true) : "",
            })}</p>`
          : nothing
      }
      <div class="actions">
        ${this.button(view.canClose, "close", "approval.close", false, !view.meetingHeld)}
        ${this.button(view.canApprove, "approve", "approval.approve", false, !view.meetingHeld)}
        ${this.button(view.canReopen, "reopen", "approval.reopen", true)}
        ${this.button(view.canSeal, "seal", "approval.seal", false, !view.meetingHeld)}
        <a class="button secondary" href=${`/api/boards/${this.boardId}/meeting.ics`} download>${t("approval.calendar")}</a>
      </div>
      ${this.problem ? html`<p role="alert" class="error">${this.problem}</p>` : nothing}
      ${this.notice ? html`<p role="status">${this.notice}</p>` : nothing}
      ${view.sealed ? this.renderSealed(view.sealed) : nothing}
      ${
        view.addenda.length > 0
          ? html`<h3>${t("approval.addenda")}</h3>
              <ul>${view.addenda.map((a) => html`<li><a href=${paths.board(a.boardId)}>${a.title}</a></li>`)}</ul>`
          : nothing
      }
      ${
        view.canWriteAddendum
          ? html`<p class="muted">${t("approval.addendumHint")}</p>
              <button type="button" class="secondary" ?disabled=${this.busy} @click=${this.writeAddendum}>
                ${t("approval.writeAddendum")}
              </button>`
          : nothing
      }`;
  }

  private button(
    shown: boolean,
    step: "close" | "reopen" | "approve" | "seal",
    label: MessageKey,
    secondary = false,
    notHeld = false,
  ) {
    if (!shown) return nothing;
    return html`<button type="button" class=${secondary ? "secondary" : ""} ?disabled=${this.busy || notHeld}
      aria-describedby=${notHeld ? "not-held" : nothing} @click=${() => this.step(step)}>
      ${t(label)}
    </button>`;
  }

  private renderSealed(sealed: Sealed) {
    const base = `/api/boards/${this.boardId}/minutes/sealed`;
    const files = [
      ["pdf", "approval.download.pdf"],
      ["markdown", "approval.download.markdown"],
      ["json", "approval.download.json"],
    ] as const;
    const v = this.verification;
    return html`<h3>${t("approval.archive", { sequence: sealed.sequence })}</h3>
      <ul>
        ${files.map(
          ([kind, label]) =>
            html`<li><a href=${`${base}/${kind}`} download>${t(label)}</a> — SHA-256 <code>${sealed.sha256[kind]}</code></li>`,
        )}
      </ul>
      <form class="inline" @submit=${this.saveRegistration}>
        <label>${t("approval.registration")}
          <input name="registration" maxlength="100" .value=${sealed.registrationNumber ?? ""} />
        </label>
        <button type="submit" class="secondary">${t("approval.saveRegistration")}</button>
      </form>
      <label>${t("approval.verify")} <input type="file" @change=${this.verify} /></label>
      ${
        v
          ? html`<p role="status">${
              v.match
                ? t("approval.verifyMatch", {
                    title: v.title ?? "",
                    sequence: v.sequence ?? 0,
                    artefact: v.artefact ?? "",
                  })
                : t("approval.verifyNoMatch")
            }</p>
            ${v.match && v.recordIntact === false ? html`<p role="alert" class="error">${t("approval.verifyBroken")}</p>` : nothing}`
          : nothing
      }`;
  }
}

function describeError(error: unknown): string {
  if (error instanceof ApiError && KNOWN_ERRORS.has(error.code)) return t(`approval.error.${error.code}` as MessageKey);
  return t("approval.error.other", { message: (error as Error).message });
}

customElements.define("minutes-approval", MinutesApproval);
