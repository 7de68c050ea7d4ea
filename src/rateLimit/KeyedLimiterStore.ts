/**
 * The per-key state of a keyed rate limit, such as one limiter per tenant, with bounded
 * memory. It keeps at most `maxKeys` keys, in least recently used order. To make room for a
 * new key it evicts the least recently used one, but only when that key is idle (its
 * `delayUntilIdle` is 0), because evicting a key whose recent starts still count would
 * loosen its limit. While the least recently used key is still in use, a new key gets no state.
 */
export class KeyedLimiterStore<State> {
  readonly #maxKeys: number;
  readonly #create: (key: string) => State;
  readonly #delayUntilIdle: (state: State, now: number) => number;
  /** Keys in least recently used order: a `Map` iterates in insertion order. */
  readonly #states = new Map<string, State>();
  #mostRecentKey: string | undefined;

  /**
   * @param maxKeys the number of keys kept at most, from 1
   * @param create makes the state of a key seen for the first time
   * @param delayUntilIdle returns the milliseconds from `now` until forgetting `state` would
   *   not loosen its limit, 0 when it is idle already
   */
  constructor(
    maxKeys: number,
    create: (key: string) => State,
    delayUntilIdle: (state: State, now: number) => number,
  ) {
    this.#maxKeys = maxKeys;
    this.#create = create;
    this.#delayUntilIdle = delayUntilIdle;
  }

  /** The number of keys kept. */
  get size(): number {
    return this.#states.size;
  }

  /**
   * Returns the state of `key` and marks the key most recently used. Creates the state of a
   * new key, first forgetting the least recently used key when the store is full. Returns
   * `undefined` when the store is full and that key is not idle at `now`.
   */
  get(key: string, now: number): State | undefined {
    const state = this.#states.get(key);
    if (state !== undefined) {
      this.#touch(key, state);
      return state;
    }
    if (this.#states.size >= this.#maxKeys && !this.#evictLeastRecentlyUsed(now)) {
      return undefined;
    }
    const created = this.#create(key);
    this.#states.set(key, created);
    this.#mostRecentKey = key;
    return created;
  }

  /**
   * Returns the milliseconds from `now` until the least recently used key becomes idle, which
   * makes room for a new key if no other call uses that key first.
   */
  delayUntilRoom(now: number): number {
    for (const state of this.#states.values()) {
      return this.#delayUntilIdle(state, now);
    }
    return 0;
  }

  #touch(key: string, state: State): void {
    if (key !== this.#mostRecentKey) {
      this.#states.delete(key);
      this.#states.set(key, state);
      this.#mostRecentKey = key;
    }
  }

  #evictLeastRecentlyUsed(now: number): boolean {
    for (const [key, state] of this.#states) {
      if (this.#delayUntilIdle(state, now) > 0) {
        return false;
      }
      this.#states.delete(key);
      return true;
    }
    return false;
  }
}
