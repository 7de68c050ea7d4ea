interface Waiting<Item> {
  readonly item: Item;
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
}

/**
 * Writes items added in the same turn of the event loop in one transaction, so that many
 * concurrent producers share one commit (and one sync to disk) instead of paying one each.
 * Each caller's promise settles only after the shared commit returned, so the durability of
 * every item is the same as if it had been written alone. When the commit fails, every caller
 * in the batch gets the error, and none of the batch is stored.
 */
export class GroupCommit<Item> {
  readonly #commit: (items: readonly Item[]) => void;
  #waiting: Waiting<Item>[] = [];

  /** @param commit Writes all `items` in one transaction, synchronously, or throws. */
  constructor(commit: (items: readonly Item[]) => void) {
    this.#commit = commit;
  }

  /** The number of items waiting for the next commit. */
  get pending(): number {
    return this.#waiting.length;
  }

  /** Queues `item` for the next commit and resolves once that commit returned. */
  add(item: Item): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.#waiting.length === 0) {
        // After the microtasks of this turn, so that producers woken by the same commit all
        // join the next batch.
        process.nextTick(() => this.flush());
      }
      this.#waiting.push({ item, resolve, reject });
    });
  }

  /** Commits the waiting items now; does nothing when none waits. */
  flush(): void {
    const batch = this.#waiting;
    if (batch.length === 0) {
      return;
    }
    this.#waiting = [];
    try {
      this.#commit(batch.map((waiting) => waiting.item));
    } catch (error) {
      for (const waiting of batch) {
        waiting.reject(error);
      }
      return;
    }
    for (const waiting of batch) {
      waiting.resolve();
    }
  }
}
