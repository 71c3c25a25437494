/**
 * `.value=${keepTyping(text)}` for a text field showing shared content: someone else's change
 * appears at once — unless this person is typing in that very field, whose words are not
 * overwritten under their fingers. Their change is written when they leave the field (`change`),
 * and from then on the field follows the document again.
 */
import { noChange } from "lit";
import { Directive, directive, type PartInfo, PartType, type PropertyPart } from "lit/directive.js";

class KeepTyping extends Directive {
  /** What this directive last put into the field. */
  private written: string | undefined;

  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.PROPERTY) throw new Error("keepTyping belongs in a .value property binding");
  }

  render(value: string) {
    return value;
  }

  override update(part: PropertyPart, [value]: [string]) {
    const field = part.element as HTMLInputElement | HTMLTextAreaElement;
    const focused = (field.getRootNode() as Document | ShadowRoot).activeElement === field;
    if (focused && this.written !== undefined && field.value !== this.written) return noChange;
    if (field.value === value && this.written === value) return noChange;
    this.written = value;
    field.value = value;
    return noChange;
  }
}

export const keepTyping = directive(KeepTyping);
