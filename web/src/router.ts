/**
 * Paths of the app and a small history router: links with plain hrefs, intercepted so the page
 * does not reload; the back button works; every route is a real URL the server answers. When a new
 * version of the app is ready, the next navigation loads the page in full, on that version.
 */
import { loadNewVersion, newVersionReady } from "./offline/service-worker.js";

export type Route =
  | { name: "setup" }
  | { name: "sign-in"; next: string | null; error: string | null }
  | { name: "invitation"; token: string }
  | { name: "workspaces" }
  | { name: "workspace"; workspaceId: string }
  | { name: "board"; boardId: string }
  | { name: "board-history"; boardId: string }
  | { name: "members"; workspaceId: string }
  /** The händelselogg: a partnership's (workspaceId), or the whole instance's (null); filters in the query. */
  | { name: "audit"; workspaceId: string | null; query: string }
  /** "My work": a partnership's actions list and decision log; filters in the query. */
  | { name: "actions"; workspaceId: string; query: string }
  | { name: "decisions"; workspaceId: string; query: string }
  /** Decision points (beslutspunkter): the list (query: a minutes § to record one from), or one. */
  | { name: "decision-points"; workspaceId: string; query: string }
  | { name: "decision-point"; workspaceId: string; pointId: string }
  | { name: "reports"; workspaceId: string }
  | { name: "report"; workspaceId: string; reportId: string }
  | { name: "steering"; workspaceId: string }
  /** Instance administration (the admin only): organisations, accounts, partnerships, or setting one up. */
  | { name: "admin"; section: AdminSection }
  | { name: "not-found" };

export type AdminSection = "organizations" | "users" | "partnerships" | "mail" | "new-partnership";

/** Where on a board a link points; read by the board page from the URL's query and fragment. */
export interface BoardTarget {
  action?: string;
  goal?: string;
  section?: string;
  item?: string;
  /** A comment on the card or goal (`?goal=…&comment=…`): its thread opens with the comment focused. */
  comment?: string;
  paragraph?: number | null;
}

const ID = "([^/]+)";
const TABLE: [RegExp, (m: RegExpExecArray, query: URLSearchParams) => Route][] = [
  [/^\/$/, () => ({ name: "workspaces" })],
  [/^\/setup$/, () => ({ name: "setup" })],
  [/^\/sign-in$/, (_, q) => ({ name: "sign-in", next: safeNext(q.get("next")), error: q.get("error") })],
  [new RegExp(`^/invitations/${ID}$`), (m) => ({ name: "invitation", token: decodeURIComponent(m[1] as string) })],
  [new RegExp(`^/workspaces/${ID}$`), (m) => ({ name: "workspace", workspaceId: decodeURIComponent(m[1] as string) })],
  [
    new RegExp(`^/workspaces/${ID}/members$`),
    (m) => ({ name: "members", workspaceId: decodeURIComponent(m[1] as string) }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/audit$`),
    (m, q) => ({ name: "audit", workspaceId: decodeURIComponent(m[1] as string), query: q.toString() }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/actions$`),
    (m, q) => ({ name: "actions", workspaceId: decodeURIComponent(m[1] as string), query: q.toString() }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/decisions$`),
    (m, q) => ({ name: "decisions", workspaceId: decodeURIComponent(m[1] as string), query: q.toString() }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/decision-points$`),
    (m, q) => ({ name: "decision-points", workspaceId: decodeURIComponent(m[1] as string), query: q.toString() }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/decision-points/${ID}$`),
    (m) => ({
      name: "decision-point",
      workspaceId: decodeURIComponent(m[1] as string),
      pointId: decodeURIComponent(m[2] as string),
    }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/reports$`),
    (m) => ({ name: "reports", workspaceId: decodeURIComponent(m[1] as string) }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/reports/${ID}$`),
    (m) => ({
      name: "report",
      workspaceId: decodeURIComponent(m[1] as string),
      reportId: decodeURIComponent(m[2] as string),
    }),
  ],
  [
    new RegExp(`^/workspaces/${ID}/steering$`),
    (m) => ({ name: "steering", workspaceId: decodeURIComponent(m[1] as string) }),
  ],
  [/^\/admin$/, () => ({ name: "admin", section: "organizations" })],
  [
    /^\/admin\/(organizations|users|partnerships|mail)$/,
    (m) => ({ name: "admin", section: m[1] as Exclude<AdminSection, "new-partnership"> }),
  ],
  [/^\/admin\/partnerships\/new$/, () => ({ name: "admin", section: "new-partnership" })],
  [/^\/audit$/, (_, q) => ({ name: "audit", workspaceId: null, query: q.toString() })],
  [new RegExp(`^/boards/${ID}$`), (m) => ({ name: "board", boardId: decodeURIComponent(m[1] as string) })],
  [
    new RegExp(`^/boards/${ID}/history$`),
    (m) => ({ name: "board-history", boardId: decodeURIComponent(m[1] as string) }),
  ],
];

/** Only a path on this site may be a place to return to after signing in (with its query and fragment). */
function safeNext(next: string | null): string | null {
  return next?.startsWith("/") && !next.startsWith("//") ? next : null;
}

export function parse(url: URL): Route {
  for (const [pattern, make] of TABLE) {
    const match = pattern.exec(url.pathname);
    if (match) return make(match, url.searchParams);
  }
  return { name: "not-found" };
}

export const paths = {
  workspaces: () => "/",
  workspace: (id: string) => `/workspaces/${encodeURIComponent(id)}`,
  board: (id: string) => `/boards/${encodeURIComponent(id)}`,
  /**
   * A board opened at one item: a focus board's card dialog (`action`), a plan goal or section
   * (`goal`, `section`; with `comment`, the card's or goal's thread at that comment), a minutes agenda
   * item (`item`, with its § number as the fragment `#§7`).
   */
  boardAt: (id: string, at: BoardTarget) => {
    const query = new URLSearchParams();
    for (const key of ["action", "goal", "section", "item", "comment"] as const) {
      const value = at[key];
      if (value) query.set(key, value);
    }
    const search = query.size ? `?${query}` : "";
    return `/boards/${encodeURIComponent(id)}${search}${at.paragraph ? `#§${at.paragraph}` : ""}`;
  },
  boardHistory: (id: string) => `/boards/${encodeURIComponent(id)}/history`,
  members: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/members`,
  audit: (workspaceId: string | null, query = "") =>
    `${workspaceId ? `/workspaces/${encodeURIComponent(workspaceId)}/audit` : "/audit"}${query ? `?${query}` : ""}`,
  actions: (workspaceId: string, query = "") =>
    `/workspaces/${encodeURIComponent(workspaceId)}/actions${query ? `?${query}` : ""}`,
  decisions: (workspaceId: string, query = "") =>
    `/workspaces/${encodeURIComponent(workspaceId)}/decisions${query ? `?${query}` : ""}`,
  decisionPoints: (workspaceId: string, query = "") =>
    `/workspaces/${encodeURIComponent(workspaceId)}/decision-points${query ? `?${query}` : ""}`,
  decisionPoint: (workspaceId: string, pointId: string) =>
    `/workspaces/${encodeURIComponent(workspaceId)}/decision-points/${encodeURIComponent(pointId)}`,
  reports: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/reports`,
  report: (workspaceId: string, reportId: string) =>
    `/workspaces/${encodeURIComponent(workspaceId)}/reports/${encodeURIComponent(reportId)}`,
  steering: (workspaceId: string) => `/workspaces/${encodeURIComponent(workspaceId)}/steering`,
  signIn: (next?: string) => (next ? `/sign-in?next=${encodeURIComponent(next)}` : "/sign-in"),
  setup: () => "/setup",
  admin: (section: AdminSection = "organizations") =>
    section === "new-partnership" ? "/admin/partnerships/new" : `/admin/${section}`,
};

/** Where one is now, query and fragment included: the place to come back to after signing in. */
export const here = () => location.pathname + location.search + location.hash;

export function navigate(path: string, replace = false): void {
  if (newVersionReady()) {
    loadNewVersion(path, replace);
    return;
  }
  if (replace) history.replaceState(null, "", path);
  else history.pushState(null, "", path);
  window.dispatchEvent(new PopStateEvent("popstate"));
}

/** Same-origin left clicks on <a href> anywhere in the app (also inside shadow roots) stay in the app. */
export function interceptLinks(root: EventTarget): void {
  root.addEventListener("click", (event) => {
    const e = event as MouseEvent;
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    const anchor = e.composedPath().find((el): el is HTMLAnchorElement => el instanceof HTMLAnchorElement);
    if (!anchor || anchor.target || anchor.hasAttribute("download")) return;
    const url = new URL(anchor.href, location.href);
    if (url.origin !== location.origin) return;
    e.preventDefault();
    // The fragment too: a link to a minutes § (`#§7`) lands on that §.
    navigate(url.pathname + url.search + url.hash);
  });
}
