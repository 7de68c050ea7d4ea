import type { JsonValue } from './JsonValue.js';

/** Nesting deeper than this is rejected, so that the check never overflows the stack. */
export const MAX_PAYLOAD_DEPTH = 1_000;

/**
 * Throws a `TypeError` naming the component and the path inside the payload, such as
 * `payload.items[2].sentAt`, unless `JSON.parse(JSON.stringify(value))` gives back an equal
 * value. So it rejects functions, symbols, `undefined` (in arrays and as property values),
 * BigInt, NaN and ±Infinity, cycles, sparse arrays, symbol keys and objects that are not plain
 * (Date, Map, Set, class instances, typed arrays). A Date must be stored as a string or a
 * number. `-0` is accepted and becomes `0`, as JSON writes it.
 */
export function assertJsonPayload(component: string, value: unknown): asserts value is JsonValue {
  const problem = findProblem(value, 'payload', new Set(), 0);
  if (problem !== undefined) {
    throw new TypeError(
      `${component}: \`${problem.path}\` ${problem.reason}; a payload must hold only what ` +
        'JSON carries (null, booleans, finite numbers, strings, arrays and plain objects).',
    );
  }
}

interface Problem {
  readonly path: string;
  readonly reason: string;
}

function findProblem(
  value: unknown,
  path: string,
  ancestors: Set<object>,
  depth: number,
): Problem | undefined {
  const reason = describeScalarProblem(value);
  if (reason !== undefined) {
    return { path, reason };
  }
  if (typeof value !== 'object' || value === null) {
    return undefined;
  }
  if (depth >= MAX_PAYLOAD_DEPTH) {
    return { path, reason: `nests deeper than ${MAX_PAYLOAD_DEPTH} levels` };
  }
  if (ancestors.has(value)) {
    return { path, reason: 'refers back to an object that contains it (a cycle)' };
  }
  const shapeProblem = describeShapeProblem(value);
  if (shapeProblem !== undefined) {
    return { path, reason: shapeProblem };
  }
  ancestors.add(value);
  const found = Array.isArray(value)
    ? findInArray(value, path, ancestors, depth)
    : findInObject(value as Record<string, unknown>, path, ancestors, depth);
  ancestors.delete(value);
  return found;
}

function findInArray(
  array: readonly unknown[],
  path: string,
  ancestors: Set<object>,
  depth: number,
): Problem | undefined {
  for (let index = 0; index < array.length; index++) {
    const itemPath = `${path}[${index}]`;
    if (!(index in array)) {
      return { path: itemPath, reason: 'is a hole in a sparse array, which JSON writes as null' };
    }
    const problem = findProblem(array[index], itemPath, ancestors, depth + 1);
    if (problem !== undefined) {
      return problem;
    }
  }
  // Without holes, the keys are the indexes plus any named property.
  if (Object.keys(array).length !== array.length) {
    return { path, reason: 'is an array with extra named properties, which JSON drops' };
  }
  return undefined;
}

function findInObject(
  object: Record<string, unknown>,
  path: string,
  ancestors: Set<object>,
  depth: number,
): Problem | undefined {
  for (const key of Object.keys(object)) {
    const problem = findProblem(object[key], `${path}${formatKey(key)}`, ancestors, depth + 1);
    if (problem !== undefined) {
      return problem;
    }
  }
  return undefined;
}

function describeScalarProblem(value: unknown): string | undefined {
  switch (typeof value) {
    case 'undefined':
      return 'is undefined, which JSON drops or writes as null';
    case 'function':
      return 'is a function, which JSON cannot store';
    case 'symbol':
      return 'is a symbol, which JSON cannot store';
    case 'bigint':
      return 'is a BigInt, which JSON cannot store; pass it as a string';
    case 'number':
      return Number.isFinite(value) ? undefined : `is ${value}, which JSON writes as null`;
    default:
      return undefined;
  }
}

function describeShapeProblem(value: object): string | undefined {
  if (Array.isArray(value)) {
    if (Object.getPrototypeOf(value) !== Array.prototype) {
      return 'is an instance of an Array subclass; pass a plain array';
    }
  } else {
    const prototype: unknown = Object.getPrototypeOf(value);
    if (prototype !== Object.prototype && prototype !== null) {
      return describeInstance(value);
    }
  }
  if (Object.getOwnPropertySymbols(value).length > 0) {
    return 'has symbol keys, which JSON drops';
  }
  return undefined;
}

function describeInstance(value: object): string {
  if (value instanceof Date) {
    return 'is a Date; store `date.toISOString()` or `date.getTime()` instead';
  }
  const constructorName = (value.constructor as { name?: unknown } | undefined)?.name;
  const what =
    typeof constructorName === 'string' && constructorName !== '' ? constructorName : 'a class';
  return `is an instance of ${what}, not a plain object or array`;
}

const IDENTIFIER = /^[A-Za-z_$][\w$]*$/;
const MAX_KEY_IN_PATH = 40;

/** Formats a property key as a path step: `.name`, or `["a key"]`, shortened when long. */
function formatKey(key: string): string {
  if (IDENTIFIER.test(key) && key.length <= MAX_KEY_IN_PATH) {
    return `.${key}`;
  }
  const shown = key.length > MAX_KEY_IN_PATH ? `${key.slice(0, MAX_KEY_IN_PATH)}…` : key;
  return `[${JSON.stringify(shown)}]`;
}
