import type { BufferEntry } from '../../buffer/BufferEntry.js';
import type { RequeueOptions } from '../../buffer/DeadLetterBuffer.js';
import type { ErrorSummary } from '../../buffer/ErrorSummary.js';
import { assertNumber } from '../../validation/assertNumber.js';
import { assertOptionsObject } from '../../validation/assertOptionsObject.js';
import { describeValue } from '../../validation/describeValue.js';

/** Throws a `TypeError` unless `entry` is an entry that `heads()` returned. */
export function assertBufferEntry(component: string, entry: unknown): asserts entry is BufferEntry {
  const sequence = (entry as Partial<BufferEntry> | null | undefined)?.sequence;
  if (typeof sequence !== 'number' || !Number.isSafeInteger(sequence)) {
    throw new TypeError(
      `${component}: \`entry\` must be an entry returned by \`heads()\`, ` +
        `received ${describeValue(entry)}.`,
    );
  }
}

/** Throws unless `attempts` is a whole number from 1 and `error` a name and a message. */
export function assertFailure(component: string, attempts: unknown, error: unknown): void {
  assertNumber(component, 'attempts', attempts, {
    min: 1,
    max: Number.MAX_SAFE_INTEGER,
    integer: true,
  });
  const summary = error as Partial<ErrorSummary> | null | undefined;
  if (typeof summary?.name !== 'string' || typeof summary.message !== 'string') {
    throw new TypeError(
      `${component}: \`error\` must be an object with a string \`name\` and \`message\`, ` +
        `received ${describeValue(error)}.`,
    );
  }
}

/** Throws unless `options.position` is `'tail'`, `'head'` or missing. */
export function assertRequeueOptions(component: string, options: RequeueOptions): void {
  assertOptionsObject(component, 'options', options);
  const position: unknown = options.position;
  if (position !== undefined && position !== 'tail' && position !== 'head') {
    throw new RangeError(
      `${component}: \`position\` must be 'tail' or 'head', received ${describeValue(position)}.`,
    );
  }
}
