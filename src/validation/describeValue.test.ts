import { describe, expect, it } from 'vitest';
import { describeValue } from './describeValue.js';

describe('describeValue', () => {
  it.each([
    [42, '42'],
    [-1.5, '-1.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [10n, '10'],
    [false, 'false'],
  ])('writes %s as is', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });

  it('quotes a short string', () => {
    expect(describeValue('5')).toBe('"5"');
    expect(describeValue('')).toBe('""');
    expect(describeValue('a"b')).toBe('"a\\"b"');
  });

  it('gives only the length of a long string', () => {
    const payload = 'x'.repeat(41);

    expect(describeValue(payload)).toBe('a string of length 41');
    expect(describeValue('y'.repeat(40))).toBe(`"${'y'.repeat(40)}"`);
  });

  it.each([
    [null, 'null'],
    [undefined, 'undefined'],
    [() => 1, 'a function'],
    [[1, 2], 'an array'],
    [{ secret: 'token' }, 'a value of type object'],
    [Symbol('id'), 'a value of type symbol'],
  ])('names the type of %s', (value, expected) => {
    expect(describeValue(value)).toBe(expected);
  });
});
