/**
 * Deep links into a board (paths.boardAt): the target read from the address (`?action=`, `?goal=`,
 * `?section=`, `?item=`, `#§7`), and a controller that, once the board's document has synced (or
 * is shown from the device), hands it to the board view once. A target that is not on the board
 * any more is reported with BoardTargetMissingEvent; the board page shows a quiet notice.
 */
import type { ReactiveController, ReactiveControllerHost } from "lit";
import type { BoardController } from "../../collab/board-controller.js";
import type { BoardTarget } from "../../router.js";

export type TargetKind = "action" | "goal" | "section" | "item";

/** The target in an address; null when it points at no particular place. */
export function readTarget(url: URL = new URL(location.href)): BoardTarget | null {
  const q = url.searchParams;
  let hash = url.hash;
  try {
    hash = decodeURIComponent(hash);
  } catch {
    // A malformed fragment points nowhere.
  }
  const paragraph = /^#§(\d{1,6})$/.exec(hash)?.[1];
  const target: BoardTarget = {};
  for (const key of ["action", "goal", "section", "item", "comment"] as const) {
    const value = q.get(key);
    if (value) target[key] = value;
  }
  if (paragraph) target.paragraph = Number(paragraph);
  return Object.keys(target).length ? target : null;
}

/** The address without `?action=` (and its `comment`): what the card dialog leaves behind when it closes (back and reload show the board). */
export function forgetAction(): void {
  const url = new URL(location.href);
  if (!url.searchParams.has("action")) return;
  url.searchParams.delete("action");
  url.searchParams.delete("comment");
  history.replaceState(history.state, "", url.pathname + url.search + url.hash);
}

export class BoardTargetMissingEvent extends Event {
  static readonly type = "board-target-missing";
  constructor(readonly kind: TargetKind) {
    super(BoardTargetMissingEvent.type, { bubbles: true, composed: true });
  }
}

/** Brings a found element into view, focuses it and highlights it for a moment. */
export function showTarget(element: HTMLElement, focusable: HTMLElement = element): void {
  element.scrollIntoView({ block: "start", behavior: "auto" });
  if (!focusable.hasAttribute("tabindex")) focusable.setAttribute("tabindex", "-1");
  focusable.focus({ preventScroll: true });
  element.classList.add("target-highlight");
  setTimeout(() => element.classList.remove("target-highlight"), 2500);
}

export const targetHighlightCss = `
  .target-highlight {
    outline: 3px solid var(--color-focus, #ffbf47);
    outline-offset: 2px;
    transition: outline-color 0.5s;
  }
`;

type Host = ReactiveControllerHost & HTMLElement & { target: BoardTarget | null };

/**
 * Calls `go` once per target, after the host rendered a synced board. `go` answers the kind of
 * thing it could not find, or null when it showed the target.
 */
export class BoardTargetController implements ReactiveController {
  private handled: BoardTarget | null = null;

  constructor(
    private readonly host: Host,
    private readonly live: BoardController,
    private readonly go: (target: BoardTarget) => TargetKind | null | Promise<TargetKind | null>,
  ) {
    host.addController(this);
  }

  private synced(): boolean {
    const kind = this.live.state.kind;
    return this.live.ready && (kind === "connected" || kind === "offline" || kind === "refused");
  }

  hostUpdated(): void {
    const target = this.host.target;
    if (!target || target === this.handled || !this.synced()) return;
    this.handled = target;
    void Promise.resolve(this.go(target)).then((missing) => {
      if (missing) this.host.dispatchEvent(new BoardTargetMissingEvent(missing));
    });
  }
}
