/** What the server does once personal identity numbers were removed from a board: an audit event, never the number. */
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
  event.purged.catch((err) => logger.error({ err, boardId }, "compacting after removing identity numbers failed"));
}
