/**
 * What a room sends out, gathered per turn of the event loop: the updates applied in the turn
 * (and whether they all came from one member, who need not hear them back) and the awareness ids
 * that changed. `deliver` gets them once, on the next turn (`setImmediate`), so everything that
 * arrived together leaves as one frame.
 */
export type Deliver<M> = (updates: Uint8Array[], from: M | null, awareness: number[]) => void;

export class Fanout<M> {
  private updates: Uint8Array[] = [];
  /** The one member every update came from; null when several did, or the server. */
  private from: M | null = null;
  private readonly awarenessIds = new Set<number>();
  private scheduled = false;

  constructor(private readonly deliver: Deliver<M>) {}

  /** An applied update, from `from` (null: send it to everyone, the sender too). */
  update(update: Uint8Array, from: M | null): void {
    this.from = this.updates.length === 0 || this.from === from ? from : null;
    this.updates.push(update);
    this.schedule();
  }

  awareness(ids: Iterable<number>): void {
    for (const id of ids) this.awarenessIds.add(id);
    this.schedule();
  }

  private schedule() {
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => {
      this.scheduled = false;
      const { updates, from } = this;
      const awareness = [...this.awarenessIds];
      this.updates = [];
      this.from = null;
      this.awarenessIds.clear();
      this.deliver(updates, from, awareness);
    });
  }
}
