/**
 * Members holding updates that wait for missing dependencies (another client's update not yet
 * here). Whatever the room applies next may be what they need: each is asked to retry, again and
 * again while anyone makes progress.
 */
export class WaitingMembers<M extends { retryPending?: () => boolean }> {
  private readonly members = new Set<M>();
  private retrying = false;

  set(member: M, waiting: boolean): void {
    if (waiting) this.members.add(member);
    else this.members.delete(member);
  }

  /** Something was applied: those waiting try again (also another tab's, via BroadcastChannel). */
  retry(): void {
    if (this.retrying || this.members.size === 0) return;
    this.retrying = true;
    try {
      for (let progressed = true; progressed && this.members.size > 0; ) {
        progressed = false;
        for (const member of [...this.members]) if (member.retryPending?.()) progressed = true;
      }
    } finally {
      this.retrying = false;
    }
  }

  clear(): void {
    this.members.clear();
  }
}
