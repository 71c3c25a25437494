/**
 * Which connection owns which awareness client id on one board (PROTOCOL §3.1). Stock y-websocket
 * clients echo every presence change they hear, about everyone, and clear stale peers after 30 s;
 * such entries are not theirs and are ignored, never a reason to close. An id becomes a member's
 * when it first sets a state for it; the same person's new connection (a tablet back from sleep,
 * whose old socket the server has not dropped yet) takes its id over; someone else's id, also one
 * whose connection just left, is never taken.
 */
import { LIMITS } from "../../shared/protocol/limits.js";

export interface PresenceMember {
  readonly userId: string;
}

export class PresenceOwners<M extends PresenceMember> {
  private readonly ids = new Map<M, number>();
  private readonly owners = new Map<number, M>();
  /** Ids whose connection left, with whose they were, oldest first: late echoes of them are ignored. */
  private readonly departed = new Map<number, { userId: string; at: number }>();

  constructor(private readonly departedMs: number = LIMITS.departedPresenceMs) {}

  owner(clientId: number): M | undefined {
    return this.owners.get(clientId);
  }

  /**
   * May `member` set (or, with `removal`, clear) the entry of `clientId`? True binds the id to
   * the member (taking it over from the same person's older connection).
   */
  claim(member: M, clientId: number, removal: boolean): boolean {
    const owner = this.owners.get(clientId);
    if (owner === member) return true;
    const own = this.ids.get(member);
    if (removal || (own !== undefined && own !== clientId)) return false;
    if (owner && owner.userId !== member.userId) return false;
    const gone = this.departed.get(clientId);
    if (!owner && gone && gone.userId !== member.userId) return false;
    if (owner) this.ids.delete(owner);
    this.owners.set(clientId, member);
    this.ids.set(member, clientId);
    return true;
  }

  /**
   * The member whose own presence all of `changed` is, if one is: it need not hear it back. Not for
   * a removal (a stale state timed out): its owner must hear that, so that it announces itself again.
   */
  soleOwner(changed: number[], states: Map<number, unknown>): M | null {
    let owner: M | null = null;
    for (const id of changed) {
      const o = this.owners.get(id);
      if (!o || !states.has(id) || (owner && o !== owner)) return null;
      owner = o;
    }
    return owner;
  }

  /** The ids among `states` that a member here owns (not another process's, cluster/board-relay.ts). */
  ownedIn(states: Map<number, unknown>): number[] {
    return [...states.keys()].filter((id) => this.owners.has(id));
  }

  /** The member left: the id it still owns (to remove its presence), if any. */
  release(member: M): number | undefined {
    const id = this.ids.get(member);
    this.ids.delete(member);
    if (id === undefined || this.owners.get(id) !== member) return undefined;
    this.owners.delete(id);
    const now = Date.now();
    for (const [old, entry] of this.departed) {
      if (now - entry.at < this.departedMs) break;
      this.departed.delete(old);
    }
    this.departed.delete(id);
    this.departed.set(id, { userId: member.userId, at: now });
    return id;
  }
}
