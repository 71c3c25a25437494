/**
 * `<comment-thread>`: the comments on one action or goal (shared/boards/comments.ts), live from
 * the board's document — what anyone writes shows at once for everyone on the board, also offline.
 * Members write, and edit or delete their own comments; a mention is `@Name` picked from the
 * partnership's members (mention-picker.ts). Observers read the thread and get no composer.
 * Loaded on demand (the card dialog and the plan's goals import it when first needed).
 */
import { html, LitElement, nothing } from "lit";
import type * as Y from "yjs";
import { BoardInputError } from "../../../../shared/boards/access.js";
import {
  addComment,
  COMMENT_MAX_CHARS,
  type Comment,
  commentsRoot,
  deleteComment,
  editComment,
  mentionsIn,
  mentionText,
  readComments,
} from "../../../../shared/boards/comments.js";
import { get } from "../../api/client.js";
import { formatDate, LocaleController } from "../../i18n/i18n.js";
import { formStyles, srOnly } from "../../styles/shared.js";
import { commentStyles } from "./comment-styles.js";
import { tc, tcp } from "./comment-texts.js";
import { MentionPicker, type Person } from "./mention-picker.js";

let ids = 0;
/** Who is signed in: asked once per page (kept on the device with the session, so it answers offline). */
let me: Promise<string | null> | null = null;
const signedIn = () => {
  me ??= get<{ user: { id: string } }>("/api/auth/me").then(
    (r) => r.user.id,
    () => {
      me = null;
      return null;
    },
  );
  return me;
};

export class CommentThread extends LitElement {
  static override styles = [formStyles, srOnly, commentStyles];
  static override properties = {
    doc: { attribute: false },
    targetId: { attribute: false },
    canWrite: { attribute: false },
    members: { attribute: false },
    headingLevel: { attribute: false },
    editing: { state: true },
    problem: { state: true },
    said: { state: true },
    userId: { state: true },
  };
  declare doc: Y.Doc | null;
  declare targetId: string;
  declare canWrite: boolean;
  declare members: Person[];
  /** 2 in a dialog of its own, 3 inside the card dialog. */
  declare headingLevel: 2 | 3;
  declare private editing: string | null;
  declare private problem: string;
  declare private said: string;
  declare private userId: string | null;
  private readonly base = `thread-${++ids}`;
  private readonly composer = new MentionPicker(this, () => this.others(), `${this.base}-new`);
  private readonly editor = new MentionPicker(this, () => this.others(), `${this.base}-edit`);
  private observed: Y.Map<unknown> | null = null;
  private readonly changed = () => this.requestUpdate();

  constructor() {
    super();
    new LocaleController(this);
    this.doc = null;
    this.targetId = "";
    this.canWrite = false;
    this.members = [];
    this.headingLevel = 3;
    this.editing = null;
    this.problem = "";
    this.said = "";
    this.userId = null;
  }

  override connectedCallback() {
    super.connectedCallback();
    void signedIn().then((id) => {
      this.userId = id;
    });
    this.observe();
  }

  override disconnectedCallback() {
    super.disconnectedCallback();
    this.observed?.unobserve(this.changed);
    this.observed = null;
  }

  override willUpdate(changed: Map<string, unknown>) {
    if (changed.has("doc")) this.observe();
    if (changed.has("targetId")) {
      this.editing = null;
      this.problem = "";
      this.composer.reset();
    }
  }

  private observe() {
    const root = this.doc ? commentsRoot(this.doc) : null;
    if (root === this.observed) return;
    this.observed?.unobserve(this.changed);
    this.observed = root;
    root?.observe(this.changed);
  }

  /** People one can mention: the members, oneself left out. */
  private others(): Person[] {
    return this.members.filter((m) => m.userId !== this.userId);
  }

  private name(userId: string): string {
    const name = this.members.find((m) => m.userId === userId)?.name ?? tc("comments.unknownAuthor");
    return userId === this.userId ? tc("comments.you", { name }) : name;
  }

  override render() {
    const comments = this.doc && this.targetId ? readComments(this.doc, this.targetId) : [];
    const live = comments.filter((c) => !c.deleted).length;
    const headingId = `${this.base}-h`;
    const heading =
      this.headingLevel === 2
        ? html`<h2 id=${headingId}>${tc("comments.heading")}</h2>`
        : html`<h3 id=${headingId}>${tc("comments.heading")}</h3>`;
    return html`<section aria-labelledby=${headingId}>
      ${heading}
      <p class="count">${live === 0 ? tc("comments.none") : tcp("comments.count", live)}</p>
      ${comments.length > 0 ? html`<ol>${comments.map((c) => html`<li>${this.comment(c)}</li>`)}</ol>` : nothing}
      ${this.canWrite ? (this.userId ? this.composerForm() : nothing) : html`<p class="hint">${tc("comments.readOnly")}</p>`}
      <p class="sr-only" role="status">${this.said}</p>
    </section>`;
  }

  private comment(c: Comment) {
    const mine = this.canWrite && c.authorId === this.userId && !c.deleted;
    return html`<article aria-label=${this.name(c.authorId)} data-comment=${c.id}>
      <div class="by">
        <strong>${this.name(c.authorId)}</strong>
        <time datetime=${c.createdAt}>${formatDate(c.createdAt, true)}</time>
        ${c.editedAt && !c.deleted ? html`<span>(${tc("comments.edited")})</span>` : nothing}
      </div>
      ${
        c.deleted
          ? html`<p class="deleted">${tc("comments.deleted")}</p>`
          : this.editing === c.id && mine
            ? this.editForm(c)
            : html`<p class="body">${this.withMentions(c)}</p>`
      }
      ${
        mine && this.editing !== c.id
          ? html`<div class="buttons">
              <button type="button" class="secondary" @click=${() => this.startEdit(c)}>${tc("comments.edit")}</button>
              <button type="button" class="danger" @click=${() => this.removeComment(c)}>${tc("comments.delete")}</button>
            </div>`
          : nothing
      }
    </article>`;
  }

  /** The text with each `@Name` of someone it mentions set off. */
  private withMentions(c: Comment) {
    const names = c.mentions
      .map((id) => this.members.find((m) => m.userId === id)?.name)
      .filter((n): n is string => !!n)
      .map(mentionText)
      .sort((a, b) => b.length - a.length);
    if (names.length === 0) return c.body;
    const parts: unknown[] = [];
    let rest = c.body;
    for (;;) {
      let at = -1;
      let found = "";
      for (const n of names) {
        const i = rest.indexOf(n);
        if (i >= 0 && (at < 0 || i < at)) {
          at = i;
          found = n;
        }
      }
      if (at < 0) break;
      parts.push(rest.slice(0, at), html`<span class="mention">${found}</span>`);
      rest = rest.slice(at + found.length);
    }
    parts.push(rest);
    return parts;
  }

  private field(picker: MentionPicker, label: string, name: string, value: string) {
    const fieldId = `${picker === this.composer ? this.base : `${this.base}-e`}-text`;
    const hintId = `${fieldId}-hint`;
    const textarea = () => this.renderRoot.querySelector<HTMLTextAreaElement>(`#${fieldId}`);
    return html`<div class="field">
      <label for=${fieldId}>${label}</label>
      <span class="hint" id=${hintId}>${tc("comments.hint")}</span>
      <textarea
        id=${fieldId}
        name=${name}
        maxlength=${COMMENT_MAX_CHARS}
        .value=${value}
        aria-describedby=${hintId}
        aria-controls=${picker.open ? picker.listId : nothing}
        aria-activedescendant=${picker.activeId ?? nothing}
        @input=${(e: Event) => picker.onInput(e.target as HTMLTextAreaElement)}
        @click=${(e: Event) => picker.onInput(e.target as HTMLTextAreaElement)}
        @keydown=${(e: KeyboardEvent) => picker.onKeydown(e, e.target as HTMLTextAreaElement)}
        @blur=${() => picker.close()}
      ></textarea>
      ${picker.render(textarea)}
    </div>`;
  }

  private composerForm() {
    return html`<form @submit=${this.send} aria-label=${tc("comments.write")}>
      ${this.field(this.composer, tc("comments.write"), "comment", "")}
      ${this.problem && this.editing === null ? html`<p role="alert">${this.problem}</p>` : nothing}
      <button type="submit">${tc("comments.send")}</button>
    </form>`;
  }

  private editForm(c: Comment) {
    return html`<form @submit=${(e: SubmitEvent) => this.saveEdit(e, c)} aria-label=${tc("comments.editLabel")}>
      ${this.field(this.editor, tc("comments.editLabel"), "edit", c.body)}
      ${this.problem && this.editing === c.id ? html`<p role="alert">${this.problem}</p>` : nothing}
      <div class="buttons">
        <button type="submit">${tc("comments.save")}</button>
        <button type="button" class="secondary" @click=${() => this.stopEdit(c.id)}>${tc("comments.cancel")}</button>
      </div>
    </form>`;
  }

  /** Writes through the typed helpers; a text that does not fit is said in the reader's words. */
  private write(task: () => void, done: string): boolean {
    try {
      task();
      this.problem = "";
      this.said = done;
      return true;
    } catch (error) {
      if (!(error instanceof BoardInputError)) throw error;
      const issue = error.issue;
      this.problem =
        issue?.code === "too_big"
          ? tc("comments.tooLong", { max: COMMENT_MAX_CHARS })
          : error.field === "body"
            ? tc("comments.empty")
            : tc("comments.failed");
      return false;
    }
  }

  private send = (e: SubmitEvent) => {
    e.preventDefault();
    const form = e.currentTarget as HTMLFormElement;
    const field = form.elements.namedItem("comment") as HTMLTextAreaElement;
    const doc = this.doc;
    const authorId = this.userId;
    if (!doc || !authorId) return;
    const body = field.value;
    const mentions = mentionsIn(body, this.composer.picked);
    if (this.write(() => addComment(doc, { targetId: this.targetId, authorId, body, mentions }), tc("comments.sent"))) {
      field.value = "";
      this.composer.reset();
    } else field.focus();
  };

  private startEdit(c: Comment) {
    this.problem = "";
    this.editing = c.id;
    this.editor.reset(
      c.mentions.flatMap((id) => {
        const m = this.members.find((p) => p.userId === id);
        return m ? [{ id, name: m.name }] : [];
      }),
    );
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector<HTMLTextAreaElement>("textarea[name=edit]")?.focus(),
    );
  }

  private stopEdit(id: string) {
    this.editing = null;
    this.problem = "";
    void this.updateComplete.then(() => this.focusButtonsOf(id));
  }

  /** Focuses one comment (a link to it), or the thread's heading when it is not there (any more). */
  async show(commentId: string | undefined): Promise<void> {
    await this.updateComplete;
    const at =
      (commentId && this.renderRoot.querySelector<HTMLElement>(`article[data-comment="${CSS.escape(commentId)}"]`)) ||
      this.renderRoot.querySelector<HTMLElement>(`#${this.base}-h`);
    if (!at) return;
    at.setAttribute("tabindex", "-1");
    at.scrollIntoView({ block: "nearest" });
    at.focus();
  }

  private focusButtonsOf(id: string) {
    const index = this.doc ? readComments(this.doc, this.targetId).findIndex((c) => c.id === id) : -1;
    this.renderRoot.querySelectorAll("ol > li")[index]?.querySelector("button")?.focus();
  }

  private saveEdit(e: SubmitEvent, c: Comment) {
    e.preventDefault();
    const field = (e.currentTarget as HTMLFormElement).elements.namedItem("edit") as HTMLTextAreaElement;
    const doc = this.doc;
    const authorId = this.userId;
    if (!doc || !authorId) return;
    const body = field.value;
    // Those mentioned before stay mentioned while their @Name is still in the text.
    const mentions = mentionsIn(body, this.editor.picked);
    if (this.write(() => editComment(doc, c.id, authorId, { body, mentions }), tc("comments.savedEdit"))) {
      this.stopEdit(c.id);
    } else field.focus();
  }

  private removeComment(c: Comment) {
    const doc = this.doc;
    const authorId = this.userId;
    if (!doc || !authorId || !confirm(tc("comments.confirmDelete"))) return;
    if (this.write(() => deleteComment(doc, c.id, authorId), tc("comments.removed"))) {
      void this.updateComplete.then(() =>
        this.renderRoot.querySelector<HTMLTextAreaElement>("textarea[name=comment]")?.focus(),
      );
    }
  }
}

customElements.define("comment-thread", CommentThread);

declare global {
  interface HTMLElementTagNameMap {
    "comment-thread": CommentThread;
  }
}
