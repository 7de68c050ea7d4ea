import { describe, expect, it } from 'vitest';
import { NullWaiter } from './NullWaiter.js';
import { assertWaiter } from './assertWaiter.js';

describe('assertWaiter', () => {
  it('accepts an object with sleep', () => {
    expect(() => assertWaiter('Component', 'waiter', new NullWaiter())).not.toThrow();
  });

  it.each([undefined, null, 5, {}, { sleep: 1 }])('rejects %s', (value) => {
    expect(() => assertWaiter('Component', 'waiter', value)).toThrow(TypeError);
    expect(() => assertWaiter('Component', 'waiter', value)).toThrow(
      /^Component: `waiter` must be a waiter/,
    );
  });
});
