/**
 * The board rules a member's update is held to after Yjs has applied it, in one place for the
 * room: the minutes' governance (governance-guard.ts), comment authorship (comment-guard.ts) and
 * follow-up entries (followup-guard.ts). Each takes a look before the update and one after, and
 * answers what to undo; the room stores and sends the undo instead of the update.
 */
import type * as Y from "yjs";
import { BOARD_SPECS } from "../../shared/boards/index.js";
import type { BoardKind } from "../../shared/boards/spec.js";
import { FOLLOWUP_REASON } from "../../shared/protocol/messages.js";
import { CommentWatch } from "./comment-guard.js";
import { followupBefore, followupChanges } from "./followup-guard.js";
import { type GovernanceFinding, governedBefore, governedChanges } from "./governance-guard.js";
import type { ChangeRecord } from "./identity-guard.js";
import type { RoomMember } from "./room-contract.js";

export interface Refusal {
  undo: GovernanceFinding[];
  /** The permission-denied reason to tell the member; undefined: the governance or comment notice. */
  reason?: string;
}

export class RuleGuards {
  /** Who may write, edit and delete which comment; null for kinds without comments. */
  private readonly comments: CommentWatch | null;

  constructor(
    private readonly doc: Y.Doc,
    private readonly kind: BoardKind,
  ) {
    this.comments = CommentWatch.for(doc, BOARD_SPECS[kind]);
  }

  /**
   * Applies the update with `apply` between the guards' two looks. `changes` is what the applying
   * transaction changed (identity-guard.ts's record), read after `apply`.
   */
  around(member: RoomMember, update: Uint8Array, apply: () => void, changes: () => ChangeRecord | null): Refusal {
    const governed = this.kind === "minutes" ? governedBefore(this.doc, member, update) : null;
    const followup = followupBefore(this.doc, this.kind);
    this.comments?.begin();
    apply();
    const changed = changes();
    // Follow-up entries: a status or value in someone else's name, or out of range.
    const refused = followup && changed ? followupChanges(this.doc, this.kind, member.userId, followup, changed) : [];
    const undo = [
      ...(governed ? governedChanges(this.doc, governed) : []),
      ...(this.comments?.end(member.userId) ?? []),
      ...refused,
    ];
    return refused.length > 0 ? { undo, reason: FOLLOWUP_REASON } : { undo };
  }
}
