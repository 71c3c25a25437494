/** An error that ends one connection with a named close code; the room and other clients carry on. */
import { Close, type CloseReason } from "../../shared/protocol/close-codes.js";

export class ProtocolError extends Error {
  constructor(
    readonly close: CloseReason,
    detail: string,
    /** The update builds on content the board does not have yet: it may wait for it (PROTOCOL §2.3). */
    readonly missingDependencies = false,
  ) {
    super(detail);
    this.name = "ProtocolError";
  }
}

export const malformed = (detail: string) => new ProtocolError(Close.Malformed, detail);
