/**
 * The händelselogg: a partnership's audit events for its conveners (and the instance admin), or
 * every event of the instance for the admin. Filters (person, kind, from/to) live in the URL, so a
 * filtered view can be reloaded, shared and gone back to; the CSV link downloads what is filtered.
 */
import { css, html, LitElement, nothing } from "lit";
import type { AuditEventView, AuditFilters, AuditPage } from "../../../shared/api/records.js";
import { describeEvent, kindLabel } from "../../../shared/records/describe.js";
import { stockholmClock } from "../../../shared/time/stockholm.js";
import { ApiError, get } from "../api/client.js";
import type { Workspace } from "../api/types.js";
import { dateField } from "../components/date-field/date-field.js";
import { LocaleController, locale, t } from "../i18n/i18n.js";
import { navigate, paths } from "../router.js";
import { formStyles, pageStyles } from "../styles/shared.js";
import { tr } from "./records-texts.js";

const FILTERS = ["person", "kind", "from", "to"] as const;

export class AuditLogPage extends LitElement {
  static override styles = [
    pageStyles,
    formStyles,
    css`
      form.filters {
        max-width: none;
        display: grid;
        gap: var(--space-3) var(--space-4);
        grid-template-columns: repeat(auto-fit, minmax(min(100%, 13rem), 1fr));
        align-items: end;
      }
      form.filters select,
      form.filters input {
        width: 100%;
        box-sizing: border-box;
      }
      .actions {
        display: flex;
        flex-wrap: wrap;
        gap: var(--space-2) var(--space-4);
        align-items: center;
        grid-column: 1 / -1;
      }
      ol.events {
        list-style: none;
        padding: 0;
        margin: 0;
      }
      ol.events li {
        padding: var(--space-3) 0;
        border-bottom: 1px solid var(--color-border);
        overflow-wrap: anywhere;
      }
      .when {
        display: block;
        font-size: var(--text-small);
        color: var(--color-muted);
      }
      a.download {
        display: inline-flex;
        align-items: center;
        min-height: var(--touch);
      }
    `,
  ];
  static override properties = {
    workspaceId: { attribute: false },
    query: { attribute: false },
    workspace: { state: true },
    filters: { state: true },
    events: { state: true },
    nextCursor: { state: true },
    problem: { state: true },
    loading: { state: true },
  };
  /** null: the whole instance (admin). */
  declare workspaceId: string | null;
  /** The URL's query string: the filters. */
  declare query: string;
  declare private workspace: Workspace | null;
  declare private filters: AuditFilters | null;
  declare private events: AuditEventView[] | null;
  declare private nextCursor: string | null;
  declare private problem: string | null;
  declare private loading: boolean;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = null;
    this.query = "";
    this.workspace = null;
    this.filters = null;
    this.events = null;
    this.nextCursor = null;
    this.problem = null;
    this.loading = false;
  }

  private get base() {
    return this.workspaceId ? `/api/workspaces/${encodeURIComponent(this.workspaceId)}/audit` : "/api/audit";
  }

  /** Only the filters the page offers, from the URL. */
  private get applied(): URLSearchParams {
    const given = new URLSearchParams(this.query);
    const kept = new URLSearchParams();
    for (const name of FILTERS) {
      const value = given.get(name);
      if (value) kept.set(name, value);
    }
    return kept;
  }

  override async connectedCallback() {
    super.connectedCallback();
    // The partnership's name is a nicety: the admin may read a log of one they are not a member of.
    if (this.workspaceId)
      void get<{ workspace: Workspace }>(`/api/workspaces/${encodeURIComponent(this.workspaceId)}`)
        .then((r) => {
          this.workspace = r.workspace;
        })
        .catch(() => {});
    // The form comes on its own, so a filter the server refuses can be corrected here.
    void get<AuditFilters>(`${this.base}/filters`)
      .then((filters) => {
        this.filters = filters;
      })
      .catch((error) => {
        this.problem ??= (error as Error).message;
      });
    try {
      const page = await get<AuditPage>(`${this.base}?${this.applied}`);
      this.events = page.events;
      this.nextCursor = page.nextCursor;
    } catch (error) {
      this.problem =
        error instanceof ApiError && error.status === 400 ? tr("records.badFilter") : (error as Error).message;
    }
  }

  private async more() {
    if (!this.nextCursor || !this.events) return;
    this.loading = true;
    try {
      const params = this.applied;
      params.set("cursor", this.nextCursor);
      const page = await get<AuditPage>(`${this.base}?${params}`);
      const first = page.events.length;
      this.events = [...this.events, ...page.events];
      this.nextCursor = page.nextCursor;
      await this.updateComplete;
      // Focus the first newly shown event, so keyboard and screen-reader users continue from there.
      if (first > 0) this.renderRoot.querySelectorAll<HTMLElement>("ol.events li")[this.events.length - first]?.focus();
    } catch (error) {
      this.problem = (error as Error).message;
    } finally {
      this.loading = false;
    }
  }

  private apply(event: Event) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      const value = data.get(name);
      if (typeof value === "string" && value) params.set(name, value);
    }
    navigate(paths.audit(this.workspaceId, params.toString()));
  }

  override render() {
    const title = this.workspaceId ? tr("records.title") : tr("records.instanceTitle");
    return html`<h1 tabindex="-1">${title}${this.workspace ? html`: ${this.workspace.name}` : nothing}</h1>
      <p>${this.workspaceId ? tr("records.intro") : tr("records.instanceIntro")} ${tr("records.retention")}</p>
      ${
        this.workspaceId && this.workspace
          ? html`<p><a href=${paths.workspace(this.workspaceId)}>${tr("records.back")}</a></p>`
          : nothing
      }
      ${this.problem ? html`<p role="alert">${this.problem}</p>` : nothing}
      ${this.filters ? this.filterForm(this.filters) : nothing}
      ${this.events === null ? (this.problem ? nothing : html`<p role="status">${t("app.loading")}</p>`) : this.list(this.events)}`;
  }

  private filterForm(filters: AuditFilters) {
    const q = this.applied;
    const lang = locale();
    const csv = new URLSearchParams(q);
    csv.set("lang", lang);
    return html`<section aria-labelledby="filters-h">
      <h2 id="filters-h">${tr("records.filters")}</h2>
      <form class="filters" @submit=${this.apply}>
        <label
          >${tr("records.person")}
          <select name="person">
            <option value="">${tr("records.anyone")}</option>
            ${filters.people.map((p) => html`<option value=${p.id} ?selected=${q.get("person") === p.id}>${p.name}</option>`)}
          </select>
        </label>
        <label
          >${tr("records.kind")}
          <select name="kind">
            <option value="">${tr("records.anyKind")}</option>
            ${filters.kinds.map(
              (k) => html`<option value=${k} ?selected=${q.get("kind") === k}>${kindLabel(k, lang)}</option>`,
            )}
          </select>
        </label>
        <label>${tr("records.from")} ${dateField({ name: "from", value: q.get("from") ?? "" })}</label>
        <label>${tr("records.to")} ${dateField({ name: "to", value: q.get("to") ?? "" })}</label>
        <div class="actions">
          <button type="submit">${tr("records.apply")}</button>
          ${q.size > 0 ? html`<a href=${paths.audit(this.workspaceId)}>${tr("records.clear")}</a>` : nothing}
          <a class="download" href=${`${this.base}/csv?${csv}`} download>${tr("records.csv")}</a>
        </div>
      </form>
    </section>`;
  }

  /** A board the event names is a link to it (it may since be archived: then the board page says so). */
  private linked(e: AuditEventView, words: string) {
    const name = e.target?.type === "board" ? e.target.name : null;
    const at = name ? words.indexOf(name) : -1;
    if (!name || !e.target || at < 0) return words;
    return html`${words.slice(0, at)}<a href=${paths.board(e.target.id)}>${name}</a>${words.slice(at + name.length)}`;
  }

  private list(events: AuditEventView[]) {
    const lang = locale();
    const one = new Intl.PluralRules(lang).select(events.length) === "one";
    const count = tr(one ? "records.countOne" : "records.countOther", { count: events.length });
    return html`<section aria-labelledby="events-h">
      <h2 id="events-h">${tr("records.events")}</h2>
      <p role="status">${count}${this.nextCursor ? html`. ${tr("records.moreExist")}` : nothing}</p>
      ${
        events.length === 0
          ? html`<p>${tr("records.none")}</p>`
          : html`<ol class="events">
              ${events.map(
                (e) => html`<li tabindex="-1">
                  <time class="when" datetime=${e.at}>${when(e.at)}${
                    !this.workspaceId && e.workspace
                      ? html` · ${tr("records.in", { name: e.workspace.name })}`
                      : nothing
                  }${e.ip ? html` · ${tr("records.from_ip", { ip: e.ip })}` : nothing}</time>
                  ${this.linked(e, describeEvent(e, lang))}
                </li>`,
              )}
            </ol>`
      }
      ${
        this.nextCursor
          ? html`<p><button type="button" class="secondary" ?disabled=${this.loading} @click=${this.more}>${tr("records.more")}</button></p>`
          : nothing
      }
    </section>`;
  }
}

/** 2026-12-06 13:05, on Swedish clocks: the way a municipality writes dates. */
function when(iso: string): string {
  const at = stockholmClock(iso);
  return at ? `${at.date} ${at.time}` : iso;
}

customElements.define("audit-log-page", AuditLogPage);
