import { describe, expect, it } from 'vitest';
import { assertOptionsObject } from './assertOptionsObject.js';

describe('assertOptionsObject', () => {
  it.each([
    ['undefined', undefined],
    ['an empty object', {}],
    ['an object with options', { limit: 3 }],
    ['an object without prototype', Object.create(null) as object],
  ])('accepts %s', (_label, value) => {
    expect(() => assertOptionsObject('Pool', 'options', value)).not.toThrow();
  });

  it.each([
    ['null', null],
    ['an array', [1, 2]],
    ['3', 3],
    ['"fast"', 'fast'],
    ['true', true],
    ['a function', () => ({})],
  ])('rejects %s', (described, value) => {
    const check = (): void => assertOptionsObject('Pool', 'options', value);

    expect(check).toThrow(TypeError);
    expect(check).toThrow(`Pool: \`options\` must be an object, received ${described}.`);
  });
});
