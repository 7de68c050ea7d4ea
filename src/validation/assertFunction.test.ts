import { describe, expect, it } from 'vitest';
import { assertFunction } from './assertFunction.js';

describe('assertFunction', () => {
  it.each([
    ['an arrow function', () => undefined],
    ['an async function', async () => undefined],
    [
      'a class',
      class Example {
        run(): number {
          return 1;
        }
      },
    ],
  ])('accepts %s', (_label, value) => {
    expect(() => assertFunction('Hook', 'onRetry', value)).not.toThrow();
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['"run"', 'run'],
    ['3', 3],
    ['a value of type object', { call: () => undefined }],
  ])('rejects %s', (described, value) => {
    const check = (): void => assertFunction('Hook', 'onRetry', value);

    expect(check).toThrow(TypeError);
    expect(check).toThrow(`Hook: \`onRetry\` must be a function, received ${described}.`);
  });
});
