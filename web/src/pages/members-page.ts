/**
 * A partnership's members and invitations. Everyone sees who is in it (name, organisation,
 * role); conveners change roles, invite (the person joins by accepting), withdraw invitations,
 * and remove members — handing a removed or former member's open actions to someone.
 */
import { css, html, LitElement, nothing } from "lit";
import { ApiError, api, get, post } from "../api/client.js";
import type { Role, Workspace } from "../api/types.js";
import type { Member } from "../components/focus-board/focus-board.js";
import { formatDate, LocaleController, t } from "../i18n/i18n.js";
import { paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { type HandOverEvent, type MemberHandover, openActions } from "./member-handover.js";
import "./member-handover.js";
import { tn } from "../components/notifications/notification-texts.js";
import { tc } from "./consent-texts.js";

const ROLES: Role[] = ["convener", "member", "observer"];
type Invitation = { id: string; email: string; role: Role; organizationId: string; expiresAt: string };
type Organization = { id: string; name: string };
type Owner = { userId: string; name: string; count: number; member: boolean };
type Listed = Member & { email: string; role: Role; active?: boolean };

export class MembersPage extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      .link {
        width: 100%;
      }
      /* Long addresses wrap, so the table fits a tablet held upright (820 px). */
      td.email {
        overflow-wrap: anywhere;
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    userId: { attribute: false },
    workspace: { state: true },
    members: { state: true },
    invitations: { state: true },
    organizations: { state: true },
    created: { state: true },
    copied: { state: true },
    problem: { state: true },
    owners: { state: true },
    removing: { state: true },
    notice: { state: true },
    busy: { state: true },
  };
  declare workspaceId: string;
  declare userId: string;
  declare private workspace: Workspace | null;
  declare private members: Listed[];
  declare private invitations: Invitation[];
  declare private organizations: Organization[];
  declare private created: string | null;
  /** The invitation link was copied to the clipboard. */
  declare private copied: boolean;
  declare private problem: string | null;
  /** Open actions per owner (conveners only), for offering a handover. */
  declare private owners: Owner[];
  /** The member being removed who owns open actions: the handover panel is shown for them. */
  declare private removing: Listed | null;
  declare private notice: string | null;
  declare private busy: boolean;

  private readonly copyLink = async () => {
    if (!this.created) return;
    try {
      await navigator.clipboard.writeText(this.created);
      this.copied = true;
    } catch {
      // No clipboard (an older browser, or not allowed): the link is selected for copying by hand.
      const field = this.renderRoot.querySelector<HTMLInputElement>("input.link");
      field?.focus();
      field?.select();
    }
  };

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.userId = "";
    this.workspace = null;
    this.members = [];
    this.invitations = [];
    this.organizations = [];
    this.created = null;
    this.copied = false;
    this.problem = null;
    this.owners = [];
    this.removing = null;
    this.notice = null;
    this.busy = false;
  }

  private get base() {
    return `/api/workspaces/${encodeURIComponent(this.workspaceId)}`;
  }

  override async connectedCallback() {
    super.connectedCallback();
    await this.attempt(async () => {
      this.workspace = (await get<{ workspace: Workspace }>(this.base)).workspace;
      await this.load();
    });
  }

  private async load() {
    this.members = (await get<{ members: MembersPage["members"] }>(`${this.base}/members`)).members;
    if (this.workspace?.role === "convener") {
      const [invitations, organizations, owners] = await Promise.all([
        get<{ invitations: Invitation[] }>(`${this.base}/invitations`),
        get<{ organizations: Organization[] }>("/api/organizations"),
        get<{ owners: Owner[] }>(`${this.base}/members/open-actions`),
      ]);
      this.invitations = invitations.invitations;
      this.organizations = organizations.organizations;
      this.owners = owners.owners;
    }
  }

  private openCount(userId: string): number {
    return this.owners.find((o) => o.userId === userId)?.count ?? 0;
  }

  /** Removing someone who owns open actions first asks whom to hand them to. */
  private async startRemoval(m: Listed) {
    this.notice = null;
    if (this.openCount(m.userId) > 0) {
      this.removing = m;
      await this.updateComplete;
      const panel = this.renderRoot.querySelector<MemberHandover>("member-handover[removal]");
      await panel?.updateComplete;
      panel?.focusHeading();
      return;
    }
    if (!confirm(t("members.confirmRemove", { name: m.name }))) return;
    await this.attempt(async () => {
      await api("DELETE", `${this.base}/members/${m.userId}`);
      await this.load();
    });
  }

  /** Hands `userId`'s open actions over, then (when removing them) removes them. */
  private async handOver(userId: string, to: string | null, remove: boolean) {
    this.busy = true;
    await this.attempt(async () => {
      const result = await post<{ handedOver: number }>(`${this.base}/members/${userId}/handover`, { to });
      if (remove) await api("DELETE", `${this.base}/members/${userId}`);
      this.removing = null;
      this.notice = tc("consent.handedOver", { actions: openActions(result.handedOver) });
      await this.load();
    });
    this.busy = false;
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#members-notice")?.focus();
  }

  /** Runs a change, shows the server's refusal if any, and reloads what is shown. */
  /** Sends the invitation again (a new link; the old one stops working). */
  private async resend(i: Invitation) {
    this.problem = null;
    try {
      const resent = await post<{ url: string }>(`${this.base}/invitations/${i.id}/resend`);
      this.created = resent.url;
      this.copied = false;
      this.notice = tn("notifications.resent", { email: i.email });
      await this.load();
    } catch (error) {
      if (error instanceof ApiError && error.status === 429) this.notice = tn("notifications.resendLimited");
      else this.problem = (error as Error).message;
    }
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>("#members-notice")?.focus();
  }

  private async attempt(change: () => Promise<unknown>) {
    this.problem = null;
    try {
      await change();
    } catch (error) {
      this.problem = (error as Error).message;
    }
  }

  override render() {
    const ws = this.workspace;
    if (!ws)
      return this.problem ? html`<p role="alert">${this.problem}</p>` : html`<p role="status">${t("app.loading")}</p>`;
    const manage = ws.role === "convener";
    return html`<p><a href=${paths.workspace(ws.id)}>← ${ws.name}</a></p>
      <h1 tabindex="-1">${t("members.title")}</h1>
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <div class="table-wrap"><table>
        <caption class="muted">${t("members.caption", { name: ws.name })}</caption>
        <thead>
          <tr>
            <th scope="col">${t("form.name")}</th>
            <th scope="col">${t("form.email")}</th>
            <th scope="col">${t("board.filterOrganization")}</th>
            <th scope="col">${t("members.role")}</th>
            ${manage ? html`<th scope="col">${t("members.remove")}</th>` : nothing}
          </tr>
        </thead>
        <tbody>
          ${this.members.map(
            (m) => html`<tr>
              <td>${m.name}</td>
              <td class="email">${m.email}</td>
              <td>${m.organization?.name ?? "–"}</td>
              <td>
                ${
                  manage
                    ? html`<select
                        aria-label="${t("members.role")}: ${m.name}"
                        @change=${(e: Event) =>
                          this.attempt(async () => {
                            await api("PATCH", `${this.base}/members/${m.userId}`, {
                              role: (e.target as HTMLSelectElement).value,
                            });
                            await this.load();
                          })}
                      >
                        ${ROLES.map((r) => html`<option value=${r} ?selected=${r === m.role}>${t(`role.${r}`)}</option>`)}
                      </select>`
                    : t(`role.${m.role}`)
                }
              </td>
              ${
                manage
                  ? html`<td>
                      <button
                        type="button"
                        class="danger"
                        aria-label="${t("members.remove")}: ${m.name}"
                        @click=${() => this.startRemoval(m)}
                      >
                        ${t("members.remove")}
                      </button>
                    </td>`
                  : nothing
              }
            </tr>`,
          )}
        </tbody>
      </table></div>
      ${this.notice ? html`<p role="status" id="members-notice" tabindex="-1">${this.notice}</p>` : nothing}
      ${manage ? this.handoverSection() : nothing} ${manage ? this.invitationsSection() : nothing}`;
  }

  /** The removal panel for a member with open actions, and former members who still own some. */
  private handoverSection() {
    const others = (userId: string) =>
      this.members
        .filter((m) => m.userId !== userId && m.active !== false)
        .map((m) => ({ userId: m.userId, name: m.name }));
    const former = this.owners.filter((o) => !o.member);
    const removing = this.removing;
    return html`${
      removing
        ? html`<section class="card">
            <member-handover
              removal
              .person=${{ userId: removing.userId, name: removing.name }}
              .count=${this.openCount(removing.userId)}
              .candidates=${others(removing.userId)}
              ?busy=${this.busy}
              @hand-over=${(e: HandOverEvent) => this.handOver(removing.userId, e.to, true)}
              @cancel=${() => {
                this.removing = null;
              }}
            ></member-handover>
          </section>`
        : nothing
    }
    ${
      former.length > 0
        ? html`<h2>${tc("consent.formerTitle")}</h2>
            <p class="muted">${tc("consent.formerHint")}</p>
            <ul class="plain">
              ${former.map(
                (o) => html`<li class="card">
                  <member-handover
                    .person=${{ userId: o.userId, name: o.name }}
                    .count=${o.count}
                    .candidates=${others(o.userId)}
                    ?busy=${this.busy}
                    @hand-over=${(e: HandOverEvent) => this.handOver(o.userId, e.to, false)}
                  ></member-handover>
                </li>`,
              )}
            </ul>`
        : nothing
    }`;
  }

  private invitationsSection() {
    const invite = (e: SubmitEvent) => {
      e.preventDefault();
      const form = e.currentTarget as HTMLFormElement;
      const field = (n: string) => (form.elements.namedItem(n) as HTMLInputElement | HTMLSelectElement).value;
      void this.attempt(async () => {
        // An invitation the person accepts; only the instance admin's add of an existing account is direct.
        const added = await post<{ invitation?: { url: string }; member?: { name: string } }>(`${this.base}/members`, {
          email: field("email"),
          role: field("role"),
          organizationId: field("organizationId"),
        });
        this.created = added.invitation?.url ?? null;
        this.copied = false;
        this.notice = added.member ? tc("consent.addedDirectly", { name: added.member.name }) : null;
        form.reset();
        await this.load();
      });
    };
    const orgName = (id: string) => this.organizations.find((o) => o.id === id)?.name ?? "–";
    return html`<h2>${t("members.invite")}</h2>
      <p class="muted">${tc("consent.inviteHint")}</p>
      <form @submit=${invite}>
        <label>${t("form.email")} <input name="email" type="email" autocomplete="off" required /></label>
        <label
          >${t("members.role")}
          <select name="role" aria-label=${t("members.role")}>
            ${ROLES.map((r) => html`<option value=${r} ?selected=${r === "member"}>${t(`role.${r}`)}</option>`)}
          </select></label
        >
        <label
          >${t("board.filterOrganization")}
          <select name="organizationId" aria-label=${t("board.filterOrganization")} required>
            ${this.organizations.map((o) => html`<option value=${o.id}>${o.name}</option>`)}
          </select></label
        >
        <button type="submit">${t("members.sendInvite")}</button>
      </form>
      ${
        this.created
          ? html`<p role="status">${t("members.created")}</p>
              <label>${t("members.link")} <input class="link" readonly .value=${this.created} /></label>
              <button type="button" @click=${this.copyLink}>${t("members.copyLink")}</button>
              <span role="status">${this.copied ? t("members.copied") : ""}</span>`
          : nothing
      }
      <h2>${t("members.pending")}</h2>
      ${
        this.invitations.length === 0
          ? html`<p>${t("home.none")}</p>`
          : html`<ul class="plain">
              ${this.invitations.map(
                (i) => html`<li class="card">
                  ${i.email} — ${t(`role.${i.role}`)}, ${orgName(i.organizationId)}
                  <div class="muted">${t("members.expires", { date: formatDate(i.expiresAt) })}</div>
                  <button
                    type="button"
                    aria-label="${tn("notifications.resend")}: ${i.email}"
                    @click=${() => this.resend(i)}
                  >
                    ${tn("notifications.resend")}
                  </button>
                  <button
                    type="button"
                    class="danger"
                    aria-label="${t("members.withdraw")}: ${i.email}"
                    @click=${() =>
                      this.attempt(async () => {
                        await api("DELETE", `${this.base}/invitations/${i.id}`);
                        await this.load();
                      })}
                  >
                    ${t("members.withdraw")}
                  </button>
                </li>`,
              )}
            </ul>`
      }`;
  }
}

customElements.define("members-page", MembersPage);
