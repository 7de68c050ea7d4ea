import { describeValue } from '../validation/describeValue.js';
import type { OperationRunner } from './OperationRunner.js';

/** Throws a `TypeError` naming the component unless `value` has a `run` method. */
export function assertRunner(
  component: string,
  option: string,
  value: unknown,
): asserts value is OperationRunner {
  const run = (value as { run?: unknown } | null | undefined)?.run;
  if (typeof value !== 'object' || value === null || typeof run !== 'function') {
    throw new TypeError(
      `${component}: \`${option}\` must be an operation runner (an object with a \`run\` ` +
        `method, such as \`new SimpleOperationRunner()\`), received ${describeValue(value)}.`,
    );
  }
}
