/**
 * The header's search over one partnership: a combobox whose popup lists the hits grouped by kind
 * (actions, goals, decisions, agenda items, plan sections, boards), the matched words marked.
 * Searches as one types (250 ms after the last key), cancelling answers no longer wanted. Arrow
 * keys move through the hits, Enter opens one, Escape closes; every hit is a link (paths.boardAt)
 * that opens its board at that very place. On narrow screens it starts as a button that opens it.
 */
import { html, LitElement, nothing } from "lit";
import type { SearchKind, SearchResult, SnippetPart } from "../../../../shared/api/content.js";
import { get } from "../../api/client.js";
import { LocaleController, type MessageKey, t, tp } from "../../i18n/i18n.js";
import { navigate } from "../../router.js";
import { headerSearchStyles } from "./header-search.styles.js";
import { resultHref } from "./result-href.js";

const DEBOUNCE_MS = 250;
const MAX_LENGTH = 200;
const MIN_LETTERS = 2;
const GROUP_ORDER: SearchKind[] = [
  "action",
  "goal",
  "decision",
  "item",
  "section",
  "contact",
  "indicator",
  "comment",
  "board",
  "decisionPoint",
];

type Answer = { query: string; results: SearchResult[] } | { query: string; failed: true };

export class HeaderSearch extends LitElement {
  static override styles = headerSearchStyles;
  static override properties = {
    workspaceId: { attribute: false },
    expanded: { state: true },
    open: { state: true },
    answer: { state: true },
    searching: { state: true },
    active: { state: true },
  };
  declare workspaceId: string;
  /** Narrow screens: the field shows once the search button is pressed. */
  declare private expanded: boolean;
  declare private open: boolean;
  declare private answer: Answer | null;
  declare private searching: boolean;
  /** Index of the highlighted hit (aria-activedescendant), -1 for none. */
  declare private active: number;
  private timer: ReturnType<typeof setTimeout> | null = null;
  private inFlight: AbortController | null = null;

  constructor() {
    super();
    new LocaleController(this);
    this.workspaceId = "";
    this.expanded = false;
    this.open = false;
    this.answer = null;
    this.searching = false;
    this.active = -1;
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.cancel();
  }

  override updated(changed: Map<string, unknown>) {
    // The header gives an expanded search its own row on narrow screens.
    this.toggleAttribute("expanded", this.expanded);
    // Another partnership: what was found in the last one is not an answer here.
    if (changed.has("workspaceId") && changed.get("workspaceId") !== undefined) this.reset();
  }

  private get input() {
    return this.renderRoot.querySelector<HTMLInputElement>("input");
  }

  private cancel() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.inFlight?.abort();
    this.inFlight = null;
  }

  private reset() {
    this.cancel();
    this.answer = null;
    this.open = false;
    this.active = -1;
    this.searching = false;
    const input = this.input;
    if (input) input.value = "";
  }

  private typed() {
    this.cancel();
    const query = this.input?.value.trim() ?? "";
    this.active = -1;
    // One letter matches nearly everything: the search starts at the second.
    if ((query.match(/[\p{L}\p{N}]/gu)?.length ?? 0) < MIN_LETTERS) {
      this.answer = null;
      this.open = false;
      this.searching = false;
      return;
    }
    this.searching = true;
    this.timer = setTimeout(() => void this.search(query), DEBOUNCE_MS);
  }

  private async search(query: string) {
    this.timer = null;
    const controller = new AbortController();
    this.inFlight = controller;
    const path = `/api/workspaces/${encodeURIComponent(this.workspaceId)}/search?q=${encodeURIComponent(query)}&limit=30`;
    let answer: Answer;
    try {
      answer = { query, results: (await get<{ results: SearchResult[] }>(path, controller.signal)).results };
    } catch (error) {
      if (controller.signal.aborted) return;
      console.error(error);
      answer = { query, failed: true };
    }
    if (controller.signal.aborted) return;
    this.inFlight = null;
    this.searching = false;
    this.answer = answer;
    this.open = true;
  }

  /** The hits in the order they are shown (grouped by kind). */
  private ordered(): SearchResult[] {
    if (!this.answer || "failed" in this.answer) return [];
    const results = this.answer.results;
    return GROUP_ORDER.flatMap((kind) => results.filter((r) => r.kind === kind));
  }

  private key(event: KeyboardEvent) {
    const hits = this.ordered();
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        if (!this.open || hits.length === 0) return;
        event.preventDefault();
        const step = event.key === "ArrowDown" ? 1 : -1;
        this.active =
          this.active === -1 && step === -1 ? hits.length - 1 : (this.active + step + hits.length) % hits.length;
        void this.updateComplete.then(() =>
          this.renderRoot.querySelector(`#hit-${this.active}`)?.scrollIntoView({ block: "nearest" }),
        );
        return;
      }
      case "Enter": {
        const hit = hits[this.active];
        if (!this.open || !hit) return;
        event.preventDefault();
        this.go(hit);
        return;
      }
      case "Escape":
        if (this.open) {
          event.preventDefault();
          this.open = false;
          this.active = -1;
        } else if (this.expanded) {
          this.collapse();
        }
        return;
    }
  }

  private go(hit: SearchResult) {
    this.open = false;
    this.active = -1;
    this.expanded = false;
    navigate(resultHref(hit));
  }

  private collapse() {
    this.reset();
    this.expanded = false;
    void this.updateComplete.then(() => this.renderRoot.querySelector<HTMLButtonElement>(".toggle")?.focus());
  }

  private async expand() {
    this.expanded = true;
    await this.updateComplete;
    this.input?.focus();
  }

  /** Focus leaving the search (not into its popup) closes the popup. */
  private focusOut(event: FocusEvent) {
    const next = event.relatedTarget as Node | null;
    if (next && this.renderRoot.contains(next)) return;
    this.open = false;
    this.active = -1;
  }

  override render() {
    const hits = this.ordered();
    const showPopup = this.open && this.answer !== null;
    return html`<div role="search" class="search ${this.expanded ? "expanded" : ""}" @focusout=${this.focusOut}>
      <button type="button" class="toggle" aria-label=${t("search.open")} aria-expanded=${this.expanded ? "true" : "false"} @click=${this.expand}>
        <svg aria-hidden="true" viewBox="0 0 24 24" width="20" height="20"><circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" stroke-width="2.5" /><line x1="15" y1="15" x2="21" y2="21" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" /></svg>
      </button>
      <div class="field">
        <label class="sr-only" for="q">${t("search.label")}</label>
        <input
          id="q"
          type="search"
          role="combobox"
          autocomplete="off"
          spellcheck="false"
          maxlength=${MAX_LENGTH}
          placeholder=${t("search.placeholder")}
          aria-autocomplete="list"
          aria-controls="search-results"
          aria-expanded=${showPopup && hits.length > 0 ? "true" : "false"}
          aria-activedescendant=${this.active >= 0 ? `hit-${this.active}` : nothing}
          aria-describedby="search-hint"
          @input=${this.typed}
          @keydown=${this.key}
          @focus=${() => {
            if (this.answer) this.open = true;
          }}
        />
        <span id="search-hint" class="sr-only">${t("search.hint")}</span>
        <div class="popup" ?hidden=${!showPopup}>
          ${showPopup ? this.popup(hits) : nothing}
        </div>
        <div class="sr-only" role="status">${this.status(hits)}</div>
      </div>
    </div>`;
  }

  private status(hits: SearchResult[]) {
    if (this.searching) return t("search.searching");
    if (!this.answer) return "";
    if ("failed" in this.answer) return t("search.failed");
    return hits.length === 0 ? t("search.none", { query: this.answer.query }) : tp("search.count", hits.length);
  }

  private popup(hits: SearchResult[]) {
    const answer = this.answer;
    if (!answer) return nothing;
    if ("failed" in answer) return html`<p class="message">${t("search.failed")}</p>`;
    if (hits.length === 0) return html`<p class="message">${t("search.none", { query: answer.query })}</p>`;
    let index = 0;
    return html`<div id="search-results" role="listbox" aria-label=${t("search.results")}>
      ${GROUP_ORDER.map((kind) => {
        const group = hits.filter((r) => r.kind === kind);
        if (group.length === 0) return nothing;
        return html`<div role="group" aria-labelledby="group-${kind}">
          <div class="group-label" id="group-${kind}" role="presentation">${t(`search.kind.${kind}` as MessageKey)}</div>
          ${group.map((hit) => this.hit(hit, index++))}
        </div>`;
      })}
    </div>`;
  }

  private hit(hit: SearchResult, index: number) {
    const selected = index === this.active;
    return html`<a
      id="hit-${index}"
      role="option"
      tabindex="-1"
      class="hit ${selected ? "active" : ""}"
      aria-selected=${selected ? "true" : "false"}
      href=${resultHref(hit)}
      @mousedown=${(e: MouseEvent) => e.preventDefault()}
      @click=${(e: MouseEvent) => {
        if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
        e.preventDefault();
        this.go(hit);
      }}
    >
      <span class="title">${marked(hit.titleParts ?? [{ text: hit.title, match: false }])}</span>
      ${hit.kind === "board" || hit.kind === "decisionPoint" ? nothing : html`<span class="where">${t("search.in", { board: hit.boardTitle })}</span>`}
      ${hit.snippet.length ? html`<span class="snippet">${marked(hit.snippet)}</span>` : nothing}
    </a>`;
  }
}

/** Text in parts, the words that matched the search in `<mark>`. */
const marked = (parts: SnippetPart[]) =>
  parts.map((part) => (part.match ? html`<mark>${part.text}</mark>` : part.text));

customElements.define("header-search", HeaderSearch);

declare global {
  interface HTMLElementTagNameMap {
    "header-search": HeaderSearch;
  }
}
