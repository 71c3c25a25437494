/** An error that ends one connection with a named close code; the room and other clients carry on. */
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";

import { withoutIdentityNumbers } from "../../shared/text/identity-numbers.js";

export class ProtocolError extends Error {
  constructor(
    readonly close: CloseReason,
    detail: string,
    /** The update builds on content the board does not have yet: it may wait for it (PROTOCOL §2.3). */
    readonly missingDependencies = false,
  ) {
    // The detail is logged and sent to the client: it may quote what was sent, never an identity number.
    super(withoutIdentityNumbers(detail));
    this.name = "ProtocolError";
  }
}

export const malformed = (detail: string) => new ProtocolError(Close.Malformed, detail);
