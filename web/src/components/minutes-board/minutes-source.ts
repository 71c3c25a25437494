/**
 * Where a focus-area action was decided: "Från <meeting> § N", a link back to the minutes. The
 * meeting is named by its board's title, fetched once; until then (or if the reader cannot see
 * the minutes) the generic "Från protokoll § N" stands.
 */
import { css, html, LitElement } from "lit";
import { get } from "../../api/client.js";
import type { Board } from "../../api/types.js";
import { LocaleController, t } from "../../i18n/i18n.js";
import { paths } from "../../router.js";

export class MinutesSource extends LitElement {
  static override styles = css`
    a {
      color: var(--color-primary);
      display: inline-block;
      min-height: var(--touch);
      line-height: var(--touch);
    }
    a:focus-visible {
      outline: var(--focus-ring);
      outline-offset: 2px;
    }
  `;
  static override properties = {
    boardId: { attribute: false },
    itemId: { attribute: false },
    paragraph: { attribute: false },
    meeting: { state: true },
  };
  declare boardId: string;
  /** The agenda item: the link opens the minutes there (paths.boardAt). */
  declare itemId: string | null;
  declare paragraph: number | null;
  declare private meeting: string | null;
  private fetched = "";

  constructor() {
    super();
    new LocaleController(this);
    this.boardId = "";
    this.itemId = null;
    this.paragraph = null;
    this.meeting = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("boardId") && this.boardId && this.boardId !== this.fetched) {
      this.fetched = this.boardId;
      this.meeting = null;
      const asked = this.boardId;
      get<{ board: Board }>(`/api/boards/${encodeURIComponent(asked)}`)
        .then(({ board }) => {
          if (this.boardId === asked) this.meeting = board.title;
        })
        .catch(() => {
          // Not visible to this reader (or offline): the generic wording stays.
        });
    }
  }

  override render() {
    const paragraph = this.paragraph ?? "–";
    const href = paths.boardAt(this.boardId, { item: this.itemId ?? undefined, paragraph: this.paragraph });
    return html`<a href=${href}
      >${this.meeting ? t("minutes.fromMeeting", { meeting: this.meeting, paragraph }) : t("card.fromMinutes", { paragraph })}</a
    >`;
  }
}

customElements.define("minutes-source", MinutesSource);
