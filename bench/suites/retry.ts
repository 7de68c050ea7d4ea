// Measures the success path of a retry runner (no attempt fails) against a bare call and
// against cockatiel and p-retry, all in one process.
import { ExponentialBackoff as CockatielExponentialBackoff, handleAll, retry } from 'cockatiel';
import pRetry from 'p-retry';
import { Callback, RetryOperationRunner, SimpleOperationRunner } from '../../src/index.js';
import { measure, printTable } from '../measure.js';

// An async function that does no work, so that the figures show each library's own cost.
// eslint-disable-next-line @typescript-eslint/require-await
const work = async (): Promise<number> => 1;

export async function run(): Promise<void> {
  const retryRunner = new RetryOperationRunner(new SimpleOperationRunner(), { maxAttempts: 3 });
  const callback = new Callback(work);
  const { signal } = new AbortController();
  const cockatielPolicy = retry(handleAll, {
    maxAttempts: 3,
    backoff: new CockatielExponentialBackoff(),
  });

  const bare = await measure('await fn()', () => work());
  const rows = [
    await measure('RetryOperationRunner.run(callback)', () => retryRunner.run(callback)),
    await measure('RetryOperationRunner.run(callback, { signal })', () =>
      retryRunner.run(callback, { signal }),
    ),
    await measure('cockatiel retry().execute(fn)', () => cockatielPolicy.execute(work)),
    await measure('cockatiel retry().execute(fn, signal)', () =>
      cockatielPolicy.execute(work, signal),
    ),
    await measure('p-retry pRetry(fn, { retries: 2 })', () => pRetry(work, { retries: 2 })),
  ];
  printTable('retry, success path (no failure), one call at a time', bare, rows);
}
