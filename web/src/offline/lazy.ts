/**
 * Parts of the app loaded on demand (dynamic `import()`): the plan and minutes views, the approval
 * panel and the rich-text editor are not part of the first download of a focus board or a home page.
 * `LazyParts` is a Lit controller: it starts a part's import, re-renders its host when the part
 * arrives, and shows a loading line meanwhile, or — when the part cannot be fetched (offline on a
 * device that never stored it, or a new version replaced the files) — says so with a way to reload.
 */
import { css, html, LitElement, type ReactiveController, type ReactiveControllerHost, type TemplateResult } from "lit";
import { LocaleController, t } from "../i18n/i18n.js";

type State = { kind: "loading" } | { kind: "ready" } | { kind: "failed" };

/** One import per part and page load, shared by every element that needs the part. */
const parts = new Map<string, { promise: Promise<unknown>; state: State }>();

function start(name: string, load: () => Promise<unknown>) {
  let part = parts.get(name);
  if (!part) {
    const entry: { promise: Promise<unknown>; state: State } = {
      promise: Promise.resolve(),
      state: { kind: "loading" },
    };
    entry.promise = load().then(
      () => {
        entry.state = { kind: "ready" };
      },
      (error: unknown) => {
        console.error(`could not load ${name}`, error);
        entry.state = { kind: "failed" };
      },
    );
    parts.set(name, entry);
    part = entry;
  }
  return part;
}

/** Whether a part has arrived, without starting it. */
export function partReady(name: string): boolean {
  return parts.get(name)?.state.kind === "ready";
}

/** Starts a part's download now, e.g. on a link's hover or when the page is idle. */
export function preloadPart(name: string, load: () => Promise<unknown>): Promise<unknown> {
  return start(name, load).promise;
}

export class LazyParts implements ReactiveController {
  constructor(private readonly host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  /**
   * `ready()` once the part is there; until then a polite loading line, or an alert that it could
   * not be loaded. A failed dynamic import stays failed in the browser's module map for this page,
   * so the way out offered is a reload (which, online, fetches the current version).
   */
  render(name: string, load: () => Promise<unknown>, ready: () => unknown): unknown {
    const part = start(name, load);
    switch (part.state.kind) {
      case "ready":
        return ready();
      case "loading":
        void part.promise.then(() => this.host.requestUpdate());
        return loading();
      case "failed":
        return failed();
    }
  }
}

export function loading(): TemplateResult {
  return html`<part-status state="loading"></part-status>`;
}

export function failed(): TemplateResult {
  return html`<part-status state="failed"></part-status>`;
}

/** The loading line or the failure message, styled on its own (it appears inside many elements). */
class PartStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: var(--space-2) 0;
    }
    .failed {
      color: var(--color-danger);
      font-weight: var(--weight-strong);
    }
    button {
      font: inherit;
      min-height: var(--touch);
      min-width: var(--touch);
      padding: 0 var(--space-3);
      border: 1px solid var(--color-border);
      border-radius: var(--radius);
      background: var(--color-surface-raised);
      color: var(--color-text);
      cursor: pointer;
    }
    button:focus-visible {
      outline: var(--focus-ring);
      outline-offset: 2px;
    }
  `;
  static override properties = { state: { reflect: true } };
  declare state: "loading" | "failed";

  constructor() {
    super();
    new LocaleController(this);
    this.state = "loading";
  }

  override render() {
    if (this.state === "loading") return html`<p role="status">${t("app.partLoading")}</p>`;
    return html`<div role="alert">
      <p class="failed">${navigator.onLine ? t("app.partFailed") : t("offline.partMissing")}</p>
      <button type="button" @click=${() => location.reload()}>${t("app.reload")}</button>
    </div>`;
  }
}

customElements.define("part-status", PartStatus);
