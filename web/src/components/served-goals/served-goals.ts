/**
 * The goals a focus area serves, above its board: the other direction of a goal's links to focus
 * areas and actions (goal-history). The board page asks the server which goals name this focus
 * area and loads this part only when some do. Each goal links to its place in the plan.
 */
import { css, html, LitElement, nothing } from "lit";
import { LocaleController, t } from "../../i18n/i18n.js";
import type { MessageKey } from "../../i18n/sv.js";
import { paths } from "../../router.js";

export interface ServedGoal {
  planBoardId: string;
  goalId: string;
  title: string;
  status: string;
  actionId: string | null;
}

export class ServedGoals extends LitElement {
  static override styles = css`
    :host {
      display: block;
      margin: 0 0 var(--space-3);
    }
    ul {
      list-style: none;
      display: flex;
      flex-wrap: wrap;
      gap: var(--space-2);
      margin: 0;
      padding: 0;
    }
    a {
      display: inline-flex;
      align-items: center;
      min-height: var(--touch);
      padding: 0 var(--space-3);
      border-radius: 999px;
      background: var(--color-accent-soft);
      color: var(--color-primary);
      overflow-wrap: anywhere;
    }
    h2 {
      font-size: var(--text-base);
      margin: 0 0 var(--space-1);
    }
  `;
  static override properties = { goals: { attribute: false } };
  declare goals: ServedGoal[];

  constructor() {
    super();
    new LocaleController(this);
    this.goals = [];
  }

  /** One entry per goal, even when several of its actions are linked. */
  private distinct(): ServedGoal[] {
    const seen = new Set<string>();
    return this.goals.filter((g) => !seen.has(g.goalId) && Boolean(seen.add(g.goalId)));
  }

  override render() {
    const goals = this.distinct();
    if (goals.length === 0) return nothing;
    return html`<nav aria-labelledby="served-h">
      <h2 id="served-h">${t("focus.servesGoals")}</h2>
      <ul>
        ${goals.map(
          (g) =>
            html`<li><a href=${paths.boardAt(g.planBoardId, { goal: g.goalId })}>${g.title} · ${t(`goal.${g.status}` as MessageKey)}</a></li>`,
        )}
      </ul>
    </nav>`;
  }
}

customElements.define("served-goals", ServedGoals);
