import { describeValue } from '../validation/describeValue.js';

/** Matches a lone surrogate: half of a UTF-16 pair, which UTF-8 cannot encode. */
const LONE_SURROGATE = /\p{Cs}/u;

/**
 * Throws a `TypeError` unless `value` is a non-empty string, as names, ids and keys of named
 * operations must be. Any length and any character (NUL, quotes, emoji) is allowed, so buffers
 * store them as given. A lone surrogate is rejected: a file stores text as UTF-8, which would
 * replace it with U+FFFD, so the operation read back would carry another id or key.
 */
export function assertOperationString(
  component: string,
  option: string,
  value: unknown,
): asserts value is string {
  if (typeof value !== 'string' || value.length === 0) {
    throw new TypeError(
      `${component}: \`${option}\` must be a non-empty string, received ${describeValue(value)}.`,
    );
  }
  if (LONE_SURROGATE.test(value)) {
    throw new TypeError(
      `${component}: \`${option}\` contains a lone surrogate (half of a UTF-16 pair), which ` +
        'cannot be stored as UTF-8 text; pass a well-formed string.',
    );
  }
}
