import { describe, expect, expectTypeOf, it } from 'vitest';
import { Callback } from '../operation/Callback.js';
import { FallbackOperationRunner } from './FallbackOperationRunner.js';
import type {
  FallbackContext,
  FallbackOperationRunnerOptions,
} from './FallbackOperationRunnerOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

// These checks run under `npm run typecheck`. With `fallback` typed `unknown`, the arrow
// functions below would have implicitly `any` parameters, which strict TypeScript rejects.

const failing = new Callback<unknown>(() => {
  throw new Error('down');
});

const named = Object.assign(
  new Callback<unknown>(() => {
    throw new Error('down');
  }),
  { id: 'op-3' },
);

describe('FallbackOperationRunnerOptions', () => {
  it('types the parameters of a fallback function', async () => {
    const options: FallbackOperationRunnerOptions = {
      fallback: (error, { operationId, attempt, signal }) => {
        expectTypeOf(error).toEqualTypeOf<unknown>();
        expectTypeOf(operationId).toEqualTypeOf<string | undefined>();
        expectTypeOf(attempt).toEqualTypeOf<number>();
        expectTypeOf(signal).toEqualTypeOf<AbortSignal | undefined>();
        return `${operationId ?? 'none'} after attempt ${attempt}`;
      },
    };
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), options);

    await expect(runner.run(named, { attempt: 2 })).resolves.toBe('op-3 after attempt 2');
  });

  it('types the context of an inline fallback function', async () => {
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), {
      fallback: async (_error, context) => {
        expectTypeOf(context).toEqualTypeOf<FallbackContext>();
        return context.attempt;
      },
    });

    await expect(runner.run(failing)).resolves.toBe(1);
  });

  it('accepts a literal value of any type', async () => {
    const literals: readonly FallbackOperationRunnerOptions[] = [
      { fallback: [] },
      { fallback: 0 },
      { fallback: 'x' },
      { fallback: null },
      { fallback: undefined },
    ];
    const results: unknown[] = [];
    for (const options of literals) {
      const runner = new FallbackOperationRunner(new SimpleOperationRunner(), options);
      results.push(await runner.run(failing));
    }

    expect(results).toEqual([[], 0, 'x', null, undefined]);
  });

  it('accepts a value of type unknown', async () => {
    const cached: unknown = JSON.parse('{"prices":[]}');
    const runner = new FallbackOperationRunner(new SimpleOperationRunner(), { fallback: cached });

    await expect(runner.run(failing)).resolves.toBe(cached);
  });
});
