import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { assertJsonPayload, MAX_PAYLOAD_DEPTH } from './assertJsonPayload.js';

function rejectionOf(payload: unknown): string {
  try {
    assertJsonPayload('Test', payload);
  } catch (error) {
    expect(error).toBeInstanceOf(TypeError);
    return (error as TypeError).message;
  }
  throw new Error('the payload was accepted');
}

class Point {
  constructor(readonly x: number) {}
}

describe('assertJsonPayload', () => {
  it('accepts what JSON gives back unchanged', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        expect(() => assertJsonPayload('Test', value)).not.toThrow();
      }),
    );
  });

  it.each([
    ['a function', { send: () => 1 }, '`payload.send` is a function'],
    ['a symbol', { tag: Symbol('x') }, '`payload.tag` is a symbol'],
    ['undefined in an array', [1, undefined], '`payload[1]` is undefined'],
    ['undefined as a value', { a: { b: undefined } }, '`payload.a.b` is undefined'],
    ['undefined itself', undefined, '`payload` is undefined'],
    ['a BigInt', { amount: 10n }, '`payload.amount` is a BigInt'],
    ['NaN', { ratio: NaN }, '`payload.ratio` is NaN'],
    ['Infinity', [Infinity], '`payload[0]` is Infinity'],
    ['-Infinity', { low: -Infinity }, '`payload.low` is -Infinity'],
    ['a Date', { sentAt: new Date(0) }, '`payload.sentAt` is a Date'],
    ['a Map', { index: new Map() }, '`payload.index` is an instance of Map'],
    ['a Set', [new Set()], '`payload[0]` is an instance of Set'],
    ['a class instance', { at: new Point(1) }, '`payload.at` is an instance of Point'],
    ['a typed array', { bytes: new Uint8Array(2) }, '`payload.bytes` is an instance of Uint8Array'],
    ['a boxed string', { name: new String('a') }, '`payload.name` is an instance of String'],
    [
      'a sparse array',
      Object.assign(new Array<number>(3), { 0: 1, 2: 3 }),
      '`payload[1]` is a hole',
    ],
    ['symbol keys', { [Symbol('k')]: 1 }, '`payload` has symbol keys'],
    ['a key that is not an identifier', { 'a b': undefined }, '`payload["a b"]` is undefined'],
  ])('rejects %s, naming its path', (_case, payload, expected) => {
    expect(rejectionOf(payload)).toContain(expected);
  });

  it('rejects a cycle', () => {
    const node: Record<string, unknown> = { name: 'a' };
    node.self = { parent: node };

    expect(rejectionOf(node)).toContain('`payload.self.parent` refers back');
  });

  it('accepts an object shared without a cycle', () => {
    const shared = { id: 1 };

    expect(() => assertJsonPayload('Test', { first: shared, second: shared })).not.toThrow();
  });

  it('rejects an array with named properties', () => {
    const list = Object.assign([1, 2], { extra: true });

    expect(rejectionOf(list)).toContain('extra named properties');
  });

  it('accepts objects without a prototype', () => {
    const bare = Object.assign(Object.create(null) as object, { a: 1 });

    expect(() => assertJsonPayload('Test', bare)).not.toThrow();
  });

  it('rejects nesting deeper than the limit', () => {
    let deep: unknown = 1;
    for (let level = 0; level <= MAX_PAYLOAD_DEPTH; level++) {
      deep = [deep];
    }

    expect(rejectionOf(deep)).toContain(`deeper than ${MAX_PAYLOAD_DEPTH} levels`);
  });

  it('shortens a long key in the path', () => {
    const key = 'k'.repeat(10_000);

    const message = rejectionOf({ [key]: undefined });

    expect(message).toContain(`["${'k'.repeat(40)}…"]`);
    expect(message.length).toBeLessThan(400);
  });

  it('names the component', () => {
    expect(rejectionOf(() => 1)).toMatch(/^Test: /);
  });
});
