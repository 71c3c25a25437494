/**
 * Which of a room's sequence numbers were handed to the write queue and are not stored yet, and
 * who waits for a number to be stored (acknowledgements, a server change, a purge).
 */
export class StoredSeqs {
  /** In increasing order: they are added in order. */
  private readonly unstored = new Set<number>();
  private waiters: { seq: number; done: () => void }[] = [];

  get pending(): boolean {
    return this.unstored.size > 0;
  }

  add(seq: number): void {
    this.unstored.add(seq);
  }

  stored(seq: number): void {
    this.unstored.delete(seq);
    if (this.waiters.length === 0) return;
    const lowest = this.unstored.values().next();
    const upto = lowest.done ? Number.POSITIVE_INFINITY : lowest.value - 1;
    const ready = this.waiters.filter((w) => w.seq <= upto);
    if (ready.length === 0) return;
    this.waiters = this.waiters.filter((w) => w.seq > upto);
    for (const w of ready) w.done();
  }

  /** Calls `done` once every number up to `seq` is stored (at once if it is). */
  whenStored(seq: number, done: () => void): void {
    const lowest = this.unstored.values().next();
    if (lowest.done || lowest.value > seq) done();
    else this.waiters.push({ seq, done });
  }

  clear(): void {
    this.waiters = [];
  }
}
