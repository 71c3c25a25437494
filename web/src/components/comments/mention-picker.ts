/**
 * The `@` mention autocomplete of a comment's text area: typing `@` and the start of a name offers
 * the partnership's members in a listbox under the field. The text area keeps focus and points at
 * the highlighted option with aria-activedescendant (a textarea may not take the combobox role);
 * Up and Down choose, Enter or Tab puts `@Name` into the text, Escape closes the list (and only the
 * list, not the dialog around it). A polite status says how many people are offered.
 */
import { html, nothing, type ReactiveControllerHost } from "lit";
import { mentionText } from "../../../../shared/boards/comments.js";
import { tc, tcp } from "./comment-texts.js";

export interface Person {
  userId: string;
  name: string;
}

const MAX_OFFERED = 6;
/** `@` at the start or after a space, then up to 30 characters of a name (no spaces) up to the caret. */
const TYPED_MENTION = /(?:^|\s)@([^\s@]{0,30})$/;

export class MentionPicker {
  private query: string | null = null;
  private start = 0;
  private active = 0;
  private said = "";
  /** Everyone picked while writing this text (kept only while their `@Name` stays in it). */
  picked: { id: string; name: string }[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly people: () => Person[],
    private readonly idBase: string,
  ) {}

  private get offered(): Person[] {
    if (this.query === null) return [];
    const q = this.query.toLocaleLowerCase("sv");
    return this.people()
      .filter((p) =>
        p.name
          .toLocaleLowerCase("sv")
          .split(/\s+/)
          .some((word) => word.startsWith(q)),
      )
      .slice(0, MAX_OFFERED);
  }

  get open(): boolean {
    return this.offered.length > 0;
  }

  /** Closes the list (the text area lost focus): the text and who was picked stay. */
  close(): void {
    if (this.query === null) return;
    this.query = null;
    this.said = "";
    this.host.requestUpdate();
  }

  reset(picked: { id: string; name: string }[] = []): void {
    this.query = null;
    this.picked = picked;
    this.said = "";
  }

  /** After each keystroke: is a mention being typed at the caret? */
  onInput(field: HTMLTextAreaElement): void {
    const before = field.value.slice(0, field.selectionStart ?? field.value.length);
    const typed = TYPED_MENTION.exec(before);
    const was = this.query;
    this.query = typed ? (typed[1] ?? "") : null;
    if (typed) this.start = before.length - (typed[1] ?? "").length - 1;
    if (this.query !== was) this.active = 0;
    const count = this.offered.length;
    this.said = count > 0 ? tcp("comments.suggestions", count) : "";
    this.host.requestUpdate();
  }

  /** Arrow keys, Enter, Tab and Escape while the list is open; returns true when it took the key. */
  onKeydown(e: KeyboardEvent, field: HTMLTextAreaElement): boolean {
    const offered = this.offered;
    if (offered.length === 0) return false;
    if (e.key === "ArrowDown" || e.key === "ArrowUp") {
      this.active = (this.active + (e.key === "ArrowDown" ? 1 : offered.length - 1)) % offered.length;
    } else if (e.key === "Enter" || e.key === "Tab") {
      this.choose(offered[this.active] as Person, field);
    } else if (e.key === "Escape") {
      this.query = null;
      this.said = "";
    } else return false;
    e.preventDefault();
    e.stopPropagation();
    this.host.requestUpdate();
    return true;
  }

  choose(person: Person, field: HTMLTextAreaElement): void {
    const caret = field.selectionStart ?? field.value.length;
    const inserted = `${mentionText(person.name)} `;
    field.value = field.value.slice(0, this.start) + inserted + field.value.slice(caret);
    const at = this.start + inserted.length;
    field.setSelectionRange(at, at);
    if (!this.picked.some((p) => p.id === person.userId)) this.picked.push({ id: person.userId, name: person.name });
    this.query = null;
    this.said = tc("comments.mentioned", { name: person.name });
    field.dispatchEvent(new Event("input", { bubbles: true }));
    field.focus();
    this.host.requestUpdate();
  }

  /** Attributes for the text area. */
  get listId(): string {
    return `${this.idBase}-people`;
  }
  get activeId(): string | undefined {
    return this.open ? `${this.idBase}-person-${this.active}` : undefined;
  }

  /** The list (when open) and the status; to be rendered right under the text area. */
  render(field: () => HTMLTextAreaElement | null) {
    const offered = this.offered;
    return html`${
      offered.length > 0
        ? html`<ul class="mentions" role="listbox" id=${this.listId} aria-label=${tc("comments.people")}>
            ${offered.map(
              (p, i) => html`<li
                role="option"
                id="${this.idBase}-person-${i}"
                aria-selected=${i === this.active ? "true" : "false"}
                @mousedown=${(e: Event) => {
                  e.preventDefault(); // the text area keeps focus
                  const f = field();
                  if (f) this.choose(p, f);
                }}
              >
                ${p.name}
              </li>`,
            )}
          </ul>`
        : nothing
    }
      <p class="sr-only" role="status">${this.said}</p>`;
  }
}
