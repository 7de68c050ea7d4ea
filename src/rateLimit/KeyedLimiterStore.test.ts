import { describe, expect, it } from 'vitest';
import { KeyedLimiterStore } from './KeyedLimiterStore.js';

/** A state whose key stays in use until `idleAt`. */
interface FakeState {
  readonly key: string;
  idleAt: number;
}

function createStore(maxKeys: number): {
  store: KeyedLimiterStore<FakeState>;
  created: string[];
} {
  const created: string[] = [];
  const store = new KeyedLimiterStore<FakeState>(
    maxKeys,
    (key) => {
      created.push(key);
      return { key, idleAt: 0 };
    },
    (state, now) => Math.max(0, state.idleAt - now),
  );
  return { store, created };
}

describe('KeyedLimiterStore', () => {
  it('returns the same state for a key', () => {
    const { store, created } = createStore(10);

    const first = store.get('tenant-a', 0);
    const second = store.get('tenant-a', 5);

    expect(second).toBe(first);
    expect(created).toEqual(['tenant-a']);
  });

  it('stays within maxKeys', () => {
    const { store } = createStore(100);

    for (let index = 0; index < 10_000; index++) {
      expect(store.get(`key-${index}`, index)).toBeDefined();
      expect(store.size).toBeLessThanOrEqual(100);
    }

    expect(store.size).toBe(100);
  });

  it('evicts the least recently used key', () => {
    const { store, created } = createStore(2);
    const a = store.get('a', 0)!;
    store.get('b', 0);
    store.get('a', 1);

    store.get('c', 2);

    expect(store.get('a', 3)).toBe(a);
    store.get('b', 4);
    expect(created).toEqual(['a', 'b', 'c', 'b']);
  });

  it('keeps a key still in use', () => {
    const { store } = createStore(2);
    store.get('a', 0)!.idleAt = 100;
    store.get('b', 0);

    expect(store.get('c', 50)).toBeUndefined();
    expect(store.delayUntilRoom(50)).toBe(50);
    expect(store.size).toBe(2);
    expect(store.get('c', 100)).toBeDefined();
    expect(store.delayUntilRoom(100)).toBe(0);
  });

  it('reports room at once when empty', () => {
    const { store } = createStore(1);

    expect(store.delayUntilRoom(0)).toBe(0);
  });
});
