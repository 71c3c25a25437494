/**
 * What the server does once personal identity numbers were removed from a board: an audit event
 * (never the number), and, once the log is compacted, no kept version of the board holding one.
 */
import { identityNumberInProgress } from "../../shared/text/identity-numbers.js";
import type { Logger } from "../logger.js";
import type { Services } from "../services/index.js";
import type { IdentityNumbersRemoved } from "./room.js";

export function recordIdentityNumbers(services: Services, logger: Logger, event: IdentityNumbersRemoved): void {
  const { boardId, userId, workspaceId, fields } = event;
  logger.warn({ boardId, userId, fields }, "personal identity numbers removed from a board");
  services
    .audit({
      action: "identity_number.removed",
      actorId: userId,
      workspaceId,
      targetType: "board",
      targetId: boardId,
      data: { fields },
    })
    .catch((err) => logger.error({ err, boardId }, "recording removed identity numbers failed"));
  // Once the log is compacted, no kept version may hold the number, nor what was typed of it.
  event.purged
    .then(() => services.history.forget(boardId, (text) => identityNumberInProgress(text) !== null))
    .then((n) => n > 0 && logger.info({ boardId, versions: n }, "board versions holding an identity number dropped"))
    .catch((err) => logger.error({ err, boardId }, "purging a removed identity number from storage failed"));
}
