/** Typed events pages send up to the app root. */
import type { User } from "./api/types.js";

export class SignedInEvent extends Event {
  static readonly type = "signed-in";
  constructor(
    readonly user: User,
    /** Where to go next (a path on this site). */
    readonly next: string,
  ) {
    super(SignedInEvent.type, { bubbles: true, composed: true });
  }
}

/** The server says the session has ended (a board's connection closed with 4401): the header forgets the name. */
export class SessionEndedEvent extends Event {
  static readonly type = "session-ended";
  constructor() {
    super(SessionEndedEvent.type, { bubbles: true, composed: true });
  }
}

/** A page of one partnership is shown (a board page learns its partnership late): the header's search searches there. */
export class WorkspaceShownEvent extends Event {
  static readonly type = "workspace-shown";
  constructor(readonly workspaceId: string) {
    super(WorkspaceShownEvent.type, { bubbles: true, composed: true });
  }
}

/**
 * The rich-text editor and the identity warning (components/identity-warning): a personal identity
 * number is being typed (`typing`), is no longer (`cleared`), or was replaced (`removed`). Sent on window.
 */
export class IdentityNumberEvent extends Event {
  static readonly type = "identity-number";
  constructor(readonly state: "typing" | "cleared" | "removed") {
    super(IdentityNumberEvent.type);
  }
}

declare global {
  interface WindowEventMap {
    "identity-number": IdentityNumberEvent;
  }
  interface HTMLElementEventMap {
    "signed-in": SignedInEvent;
    "session-ended": SessionEndedEvent;
    "workspace-shown": WorkspaceShownEvent;
  }
}
