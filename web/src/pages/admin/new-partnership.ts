/**
 * Setting up a partnership: its name, the organisations taking part (existing ones ticked, new
 * ones typed in), and the first convener — the admin themself (then on to the members page to
 * invite people) or someone invited by e-mail address (the link is shown to pass on).
 */
import { css, html, LitElement, nothing } from "lit";
import { get, post } from "../../api/client.js";
import { LocaleController } from "../../i18n/i18n.js";
import { navigate, paths } from "../../router.js";
import { formStyles, pageStyles } from "../../styles/shared.js";
import { adminProblem } from "./admin-errors.js";
import { ta } from "./admin-texts.js";

type Organization = { id: string; name: string };
type Chosen = { id: string; name: string } | { id?: undefined; name: string };
interface Created {
  workspace: { id: string; name: string };
  invitation: { url: string; email: string } | null;
}

export class NewPartnershipForm extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      form {
        max-width: 36rem;
      }
      fieldset {
        border: 1px solid var(--color-border);
        border-radius: var(--radius);
        display: grid;
        gap: var(--space-2);
        padding: var(--space-3) var(--space-4) var(--space-4);
        margin: 0;
      }
      legend {
        font-weight: var(--weight-strong);
        padding: 0 var(--space-1);
      }
      .new-org {
        display: flex;
        gap: var(--space-2);
        align-items: end;
        flex-wrap: wrap;
      }
      .new-org label {
        flex: 1 1 16rem;
      }
      .link {
        width: 100%;
      }
    `,
  ];
  static override properties = {
    userId: { attribute: false },
    userName: { attribute: false },
    existing: { state: true },
    checked: { state: true },
    newNames: { state: true },
    convenerSelf: { state: true },
    home: { state: true },
    problem: { state: true },
    busy: { state: true },
    created: { state: true },
    copied: { state: true },
  };
  declare userId: string;
  declare userName: string;
  declare private existing: Organization[];
  declare private checked: ReadonlySet<string>;
  declare private newNames: string[];
  declare private convenerSelf: boolean;
  /** The convener's home organisation: an index into `chosen`. */
  declare private home: number;
  declare private problem: string | null;
  declare private busy: boolean;
  declare private created: Created | null;
  declare private copied: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.userId = "";
    this.userName = "";
    this.existing = [];
    this.checked = new Set();
    this.newNames = [""];
    this.convenerSelf = true;
    this.home = 0;
    this.problem = null;
    this.busy = false;
    this.created = null;
    this.copied = false;
  }

  override async connectedCallback() {
    super.connectedCallback();
    try {
      this.existing = (await get<{ organizations: Organization[] }>("/api/organizations")).organizations;
    } catch (error) {
      this.problem = adminProblem(error);
    }
  }

  /** The partnership's organisations in the order sent: ticked existing ones, then new names. */
  private get chosen(): Chosen[] {
    return [
      ...this.existing.filter((o) => this.checked.has(o.id)),
      ...this.newNames
        .map((name) => name.trim())
        .filter((name) => name !== "")
        .map((name) => ({ name })),
    ];
  }

  private toggle(id: string, on: boolean) {
    const next = new Set(this.checked);
    if (on) next.add(id);
    else next.delete(id);
    this.checked = next;
  }

  private setNewName(index: number, value: string) {
    this.newNames = this.newNames.map((name, i) => (i === index ? value : name));
  }

  private readonly addRow = async () => {
    this.newNames = [...this.newNames, ""];
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLInputElement>(`#new-org-${this.newNames.length - 1}`)?.focus();
  };

  private readonly submit = async (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const value = (name: string) => (form.elements.namedItem(name) as HTMLInputElement | null)?.value ?? "";
    const chosen = this.chosen;
    this.problem = null;
    if (chosen.length === 0) {
      this.problem = ta("admin.new.needOrganization");
      return;
    }
    this.busy = true;
    try {
      const created = await post<Created>("/api/admin/partnerships", {
        name: value("name"),
        description: value("description"),
        organizations: chosen.map((o) => (o.id ? { id: o.id } : { name: o.name })),
        convener: this.convenerSelf ? { userId: this.userId } : { email: value("email") },
        convenerOrganization: Math.min(this.home, chosen.length - 1),
      });
      if (!created.invitation) {
        navigate(paths.members(created.workspace.id));
        return;
      }
      this.created = created;
    } catch (error) {
      this.problem = adminProblem(error);
    } finally {
      this.busy = false;
    }
  };

  private readonly copyLink = async () => {
    if (!this.created?.invitation) return;
    try {
      await navigator.clipboard.writeText(this.created.invitation.url);
      this.copied = true;
    } catch {
      const field = this.renderRoot.querySelector<HTMLInputElement>("input.link");
      field?.focus();
      field?.select();
    }
  };

  private organizationsFieldset() {
    return html`<fieldset>
      <legend>${ta("admin.new.organizations")}</legend>
      ${
        this.existing.length
          ? html`<div class="checks" role="group" aria-label=${ta("admin.new.existing")}>
              ${this.existing.map(
                (o) => html`<label
                  ><input
                    type="checkbox"
                    .checked=${this.checked.has(o.id)}
                    @change=${(e: Event) => this.toggle(o.id, (e.target as HTMLInputElement).checked)}
                  />${o.name}</label
                >`,
              )}
            </div>`
          : nothing
      }
      ${this.newNames.map(
        (name, i) => html`<div class="new-org">
          <label for="new-org-${i}"
            >${ta("admin.new.newOrganization", { number: i + 1 })}
            <input
              id="new-org-${i}"
              maxlength="200"
              autocomplete="organization"
              .value=${name}
              @input=${(e: Event) => this.setNewName(i, (e.target as HTMLInputElement).value)}
          /></label>
          ${
            this.newNames.length > 1
              ? html`<button
                  type="button"
                  class="secondary"
                  @click=${() => (this.newNames = this.newNames.filter((_, j) => j !== i))}
                >
                  ${ta("admin.new.removeOrganization", { number: i + 1 })}
                </button>`
              : nothing
          }
        </div>`,
      )}
      <button type="button" class="secondary" @click=${this.addRow}>${ta("admin.new.addOrganization")}</button>
    </fieldset>`;
  }

  private convenerFieldset() {
    const chosen = this.chosen;
    return html`<fieldset>
      <legend>${ta("admin.new.convener")}</legend>
      <label class="check"
        ><input
          type="radio"
          name="convener"
          .checked=${this.convenerSelf}
          @change=${() => (this.convenerSelf = true)}
        />${ta("admin.new.convenerSelf", { name: this.userName })}</label
      >
      <label class="check"
        ><input
          type="radio"
          name="convener"
          .checked=${!this.convenerSelf}
          @change=${() => (this.convenerSelf = false)}
        />${ta("admin.new.convenerOther")}</label
      >
      ${
        this.convenerSelf
          ? nothing
          : html`<label
              >${ta("admin.new.convenerEmail")}
              <input name="email" type="email" required maxlength="254" autocomplete="off"
            /></label>`
      }
      <label
        >${ta("admin.new.convenerOrganization")}
        <select
          name="home"
          ?disabled=${chosen.length === 0}
          @change=${(e: Event) => (this.home = Number((e.target as HTMLSelectElement).value))}
        >
          ${chosen.map((o, i) => html`<option value=${i} ?selected=${i === this.home}>${o.name}</option>`)}
        </select></label
      >
    </fieldset>`;
  }

  override render() {
    const created = this.created;
    if (created?.invitation) {
      return html`<p role="status">
          ${ta("admin.new.invited", { name: created.workspace.name, email: created.invitation.email })}
        </p>
        <label>${ta("admin.new.link")} <input class="link" readonly .value=${created.invitation.url} /></label>
        <p>
          <button type="button" @click=${this.copyLink}>${ta("admin.new.copy")}</button>
          <span role="status">${this.copied ? ta("admin.new.copied") : ""}</span>
        </p>
        <p><a href=${paths.admin("partnerships")}>${ta("admin.new.toList")}</a></p>`;
    }
    return html`<form @submit=${this.submit}>
      <label
        >${ta("admin.new.name")} <span class="hint">${ta("admin.new.nameHint")}</span>
        <input name="name" required maxlength="200" autocomplete="off"
      /></label>
      <label>${ta("admin.new.description")} <textarea name="description" maxlength="2000" rows="2"></textarea></label>
      ${this.organizationsFieldset()} ${this.convenerFieldset()}
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      <button type="submit" ?disabled=${this.busy}>${ta("admin.new.submit")}</button>
    </form>`;
  }
}

customElements.define("new-partnership-form", NewPartnershipForm);
