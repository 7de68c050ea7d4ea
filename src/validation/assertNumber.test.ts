import { describe, expect, it } from 'vitest';
import { assertNumber } from './assertNumber.js';

const PERCENT = { min: 0, max: 100 };
const COUNT = { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true };
const UNBOUNDED = { min: 0, max: Number.POSITIVE_INFINITY };

describe('assertNumber', () => {
  it.each([0, 0.5, 42, 100])('accepts %s within the range', (value) => {
    expect(() => assertNumber('Meter', 'level', value, PERCENT)).not.toThrow();
  });

  it.each([1, 2, Number.MAX_SAFE_INTEGER])('accepts the integer %s', (value) => {
    expect(() => assertNumber('Meter', 'count', value, COUNT)).not.toThrow();
  });

  it('accepts Infinity when max is Infinity', () => {
    expect(() => assertNumber('Meter', 'limit', Number.POSITIVE_INFINITY, UNBOUNDED)).not.toThrow();
    expect(() =>
      assertNumber('Meter', 'limit', Number.POSITIVE_INFINITY, { ...UNBOUNDED, integer: true }),
    ).not.toThrow();
  });

  it.each([
    [-1, '-1'],
    [100.5, '100.5'],
    [Number.NaN, 'NaN'],
    [Number.POSITIVE_INFINITY, 'Infinity'],
    [Number.NEGATIVE_INFINITY, '-Infinity'],
  ])('rejects %s out of range', (value, described) => {
    const check = (): void => assertNumber('Meter', 'level', value, PERCENT);

    expect(check).toThrow(RangeError);
    expect(check).toThrow(
      `Meter: \`level\` must be a number from 0 to 100, received ${described}.`,
    );
  });

  it.each([
    [0, '0'],
    [1.5, '1.5'],
    [Number.NaN, 'NaN'],
  ])('rejects %s where an integer is required', (value, described) => {
    const check = (): void => assertNumber('Meter', 'count', value, COUNT);

    expect(check).toThrow(RangeError);
    expect(check).toThrow(
      `Meter: \`count\` must be an integer from 1 to 9007199254740991, received ${described}.`,
    );
  });

  it('describes an unbounded range', () => {
    const check = (): void => assertNumber('Meter', 'limit', -3, UNBOUNDED);

    expect(check).toThrow('Meter: `limit` must be a number from 0 up to Infinity, received -3.');
  });

  it.each([
    ['"5"', '5'],
    ['undefined', undefined],
    ['null', null],
    ['5', 5n],
    ['a value of type object', new Number(5)],
  ])('rejects %s as not a number, naming the range', (described, value) => {
    const check = (): void => assertNumber('Meter', 'level', value, PERCENT);

    expect(check).toThrow(TypeError);
    expect(check).toThrow(
      `Meter: \`level\` must be a number from 0 to 100, received ${described}.`,
    );
  });
});
