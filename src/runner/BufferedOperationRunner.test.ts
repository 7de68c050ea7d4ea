import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { InMemoryKeyedOperationBuffer } from '../buffer/InMemoryKeyedOperationBuffer.js';
import { InMemoryOperationBuffer } from '../buffer/InMemoryOperationBuffer.js';
import type { OperationBuffer } from '../buffer/OperationBuffer.js';
import { VirtualClock } from '../clock/VirtualClock.js';
import { BufferedOperationError } from '../errors/BufferedOperationError.js';
import { FaultToleranceError } from '../errors/FaultToleranceError.js';
import { Callback } from '../operation/Callback.js';
import type { Operation } from '../operation/Operation.js';
import { BufferedOperationRunner } from './BufferedOperationRunner.js';
import type { BufferedOperationRunnerEvents } from './BufferedOperationRunnerEvents.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RunOptions } from './RunOptions.js';
import { SimpleOperationRunner } from './SimpleOperationRunner.js';

/** What the operations of one test did, shared by all of them. */
class Journal {
  /** Every execution, by operation name, in start order. */
  readonly started: string[] = [];
  /** Every successful execution, by operation name, in completion order. */
  readonly succeeded: string[] = [];
  /** The attempt number each execution received, as `name#attempt`. */
  readonly attempts: string[] = [];
  #inFlight = 0;
  #maxInFlight = 0;

  get maxInFlight(): number {
    return this.#maxInFlight;
  }

  enter(name: string, attempt: number): void {
    this.started.push(name);
    this.attempts.push(`${name}#${attempt}`);
    this.#inFlight++;
    this.#maxInFlight = Math.max(this.#maxInFlight, this.#inFlight);
  }

  leave(name: string, succeeded: boolean): void {
    this.#inFlight--;
    if (succeeded) {
      this.succeeded.push(name);
    }
  }
}

interface StepOptions {
  /** How many executions fail before the first success. @default 0 */
  readonly failures?: number;
  /** Virtual milliseconds each execution takes; `undefined` settles in the same tick. */
  readonly delayMs?: number;
}

/**
 * Creates an operation named `name` that resolves with `result:<name>`, after failing `failures` times
 * with `Error('<name> failed')`, and takes `delayMs` of virtual time on each execution.
 */
function step(
  journal: Journal,
  clock: VirtualClock,
  name: string,
  options: StepOptions = {},
): Callback<string> {
  let failuresLeft = options.failures ?? 0;
  return new Callback(async ({ attempt }) => {
    journal.enter(name, attempt);
    if (options.delayMs !== undefined) {
      const delayMs = options.delayMs;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, delayMs));
    }
    const fails = failuresLeft > 0;
    failuresLeft--;
    journal.leave(name, !fails);
    if (fails) {
      throw new Error(`${name} failed`);
    }
    return `result:${name}`;
  });
}

/** Settles `promise` into a plain record, so that a test can await it without a rejection. */
async function outcomeOf<T>(promise: Promise<T>): Promise<Outcome<T>> {
  try {
    return { value: await promise };
  } catch (error) {
    return { error };
  }
}

type Outcome<T> = { value: T } | { error: unknown };

function keptError(error: unknown): BufferedOperationError {
  expect(error).toBeInstanceOf(BufferedOperationError);
  return error as BufferedOperationError;
}

/** Returns the {@link BufferedOperationError} of a rejected outcome, and fails on a value. */
function rejectionOf(outcome: Outcome<unknown> | undefined): BufferedOperationError {
  expect(outcome).toHaveProperty('error');
  return keptError((outcome as { error: unknown }).error);
}

/** Drains until the buffer is empty, with a bound on the number of failed drains. */
async function drainUntilEmpty(
  runner: BufferedOperationRunner,
  clock: VirtualClock,
  maxDrains: number,
): Promise<unknown[]> {
  const results: unknown[] = [];
  for (let drain = 0; drain < maxDrains; drain++) {
    const outcome = outcomeOf(runner.runBufferedOperations());
    await clock.runAll();
    const settled = await outcome;
    if ('value' in settled) {
      return [...results, ...settled.value];
    }
    results.push(...keptError(settled.error).completed);
  }
  throw new Error(`the buffer was not empty after ${maxDrains} drains`);
}

function recordEvents(runner: BufferedOperationRunner): string[] {
  const events: string[] = [];
  runner.events.on('buffered', ({ operationId }) => events.push(`buffered:${operationId}`));
  runner.events.on('success', ({ attempt }) => events.push(`success#${attempt}`));
  runner.events.on('failure', ({ attempt, error }) =>
    events.push(`failure#${attempt}:${(error as Error).message}`),
  );
  return events;
}

let journal: Journal;
let clock: VirtualClock;
let buffer: InMemoryOperationBuffer;
let runner: BufferedOperationRunner;
let unhandled: unknown[];
const recordUnhandled = (reason: unknown): number => unhandled.push(reason);

beforeEach(() => {
  journal = new Journal();
  clock = new VirtualClock();
  buffer = new InMemoryOperationBuffer();
  runner = new BufferedOperationRunner(new SimpleOperationRunner(), buffer);
  unhandled = [];
  process.on('unhandledRejection', recordUnhandled);
});

afterEach(async () => {
  // Unhandled rejections are reported after the microtask queue empties.
  await new Promise((resolve) => setImmediate(resolve));
  process.off('unhandledRejection', recordUnhandled);
  expect(unhandled).toEqual([]);
});

describe('BufferedOperationRunner', () => {
  it('runs an operation and resolves with its result', async () => {
    const operation = step(journal, clock, 'A');

    await expect(runner.run(operation)).resolves.toBe('result:A');

    expect(journal.started).toEqual(['A']);
    expect(buffer.size()).toBe(0);
  });

  it('removes an operation only after it succeeded', async () => {
    const seen: [number, Operation | undefined][] = [];
    const operation: Callback<string> = new Callback(async () => {
      seen.push([buffer.size(), buffer.current()]);
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 10));
      seen.push([buffer.size(), buffer.current()]);
      return 'done';
    });

    const result = runner.run(operation);
    await clock.runAll();

    await expect(result).resolves.toBe('done');
    expect(seen).toEqual([
      [1, operation],
      [1, operation],
    ]);
    expect(buffer.size()).toBe(0);
  });

  it('runs operations through the inner runner', async () => {
    const calls: [Operation, RunOptions | undefined][] = [];
    const simple = new SimpleOperationRunner();
    const inner: OperationRunner = {
      run: (operation, options) => {
        calls.push([operation, options]);
        return simple.run(operation, options);
      },
    };
    const buffered = new BufferedOperationRunner(inner, buffer);
    const first = step(journal, clock, 'A');
    const second = step(journal, clock, 'B');

    await Promise.all([buffered.run(first), buffered.run(second)]);

    expect(calls).toEqual([
      [first, { attempt: 1 }],
      [second, { attempt: 1 }],
    ]);
  });

  it('resolves once its own operation ran', async () => {
    const first = runner.run(step(journal, clock, 'A', { delayMs: 10 }));
    const second = runner.run(step(journal, clock, 'B', { delayMs: 1_000 }));
    let firstSettled = false;
    void first.then(() => (firstSettled = true));

    await clock.advance(10);

    expect(firstSettled).toBe(true);
    await expect(first).resolves.toBe('result:A');
    expect(journal.started).toEqual(['A', 'B']);
    expect(journal.succeeded).toEqual(['A']);
    expect(buffer.size()).toBe(1);

    await clock.runAll();
    await expect(second).resolves.toBe('result:B');
  });

  it('keeps a failed operation at the head', async () => {
    const failing = step(journal, clock, 'A', { failures: 1, delayMs: 5 });
    const behind = [step(journal, clock, 'B'), step(journal, clock, 'C')];
    const calls = [failing, ...behind].map((operation) => outcomeOf(runner.run(operation)));

    await clock.runAll();
    const [failed] = await Promise.all(calls);

    const error = rejectionOf(failed);
    expect(error.name).toBe('BufferedOperationError');
    expect(error.code).toBe('ERR_OPERATION_KEPT');
    expect(error).toBeInstanceOf(FaultToleranceError);
    expect(error.kept).toBe(true);
    expect(error.failedItself).toBe(true);
    expect(error.cause).toEqual(new Error('A failed'));
    expect(error.message).toContain('kept in the buffer');
    expect(journal.started).toEqual(['A']);
    expect(buffer.size()).toBe(3);
    expect(buffer.pop()).toBe(failing);
    expect(buffer.pop()).toBe(behind[0]);
    expect(buffer.pop()).toBe(behind[1]);
  });

  it('rejects callers behind a failed head', async () => {
    const cause = new Error('head down');
    const head = new Callback(() => Promise.reject(cause));
    const calls = [head, step(journal, clock, 'B'), step(journal, clock, 'C')].map((operation) =>
      outcomeOf(runner.run(operation)),
    );

    const [, second, third] = await Promise.all(calls);

    for (const outcome of [second!, third!]) {
      const error = rejectionOf(outcome);
      expect(error.kept).toBe(true);
      expect(error.failedItself).toBe(false);
      expect(error.cause).toBe(cause);
      expect(error.message).toContain('ahead of this one failed');
    }
    expect(journal.started).toEqual([]);
  });

  it('turns a synchronous throw into a kept failure', async () => {
    const cause = new Error('thrown at once');
    const operation = new Callback(() => {
      throw cause;
    });

    const error = keptError(await runner.run(operation).catch((reason: unknown) => reason));

    expect(error.cause).toBe(cause);
    expect(error.failedItself).toBe(true);
    expect(buffer.current()).toBe(operation);
  });

  it('replays a failed head first', async () => {
    const events = recordEvents(runner);
    const head = step(journal, clock, 'A', { failures: 1 });
    await runner.run(head).catch(() => undefined);

    await expect(runner.run(step(journal, clock, 'B'))).resolves.toBe('result:B');

    expect(journal.started).toEqual(['A', 'A', 'B']);
    expect(journal.attempts).toEqual(['A#1', 'A#2', 'B#1']);
    expect(events).toEqual([
      'buffered:undefined',
      'failure#1:A failed',
      'buffered:undefined',
      'success#2',
      'success#1',
    ]);
    expect(buffer.size()).toBe(0);
  });

  it('drains without adding', async () => {
    for (const name of ['A', 'B', 'C']) {
      buffer.add(step(journal, clock, name, { delayMs: 3 }));
    }

    const drained = runner.runBufferedOperations();
    await clock.runAll();

    await expect(drained).resolves.toEqual(['result:A', 'result:B', 'result:C']);
    expect(journal.started).toEqual(['A', 'B', 'C']);
    expect(buffer.size()).toBe(0);
  });

  it('drains an empty buffer to no results', async () => {
    await expect(runner.runBufferedOperations()).resolves.toEqual([]);
  });

  it('reports results completed before a failed drain', async () => {
    const cause = new Error('C down');
    buffer.add(step(journal, clock, 'A'));
    buffer.add(step(journal, clock, 'B'));
    const failing = new Callback(() => Promise.reject(cause));
    buffer.add(failing);
    buffer.add(step(journal, clock, 'D'));

    const error = keptError(
      await runner.runBufferedOperations().catch((reason: unknown) => reason),
    );

    expect(error.completed).toEqual(['result:A', 'result:B']);
    expect(error.cause).toBe(cause);
    expect(error.kept).toBe(true);
    expect(error.failedItself).toBe(true);
    expect(buffer.size()).toBe(2);
    expect(buffer.current()).toBe(failing);
  });

  it('runs A, B, B, B, C, D when B fails twice', async () => {
    const outcomes = [];
    for (const [name, failures] of [
      ['A', 0],
      ['B', 2],
      ['C', 0],
      ['D', 0],
    ] as const) {
      outcomes.push(await outcomeOf(runner.run(step(journal, clock, name, { failures }))));
    }

    expect(journal.started).toEqual(['A', 'B', 'B', 'B', 'C', 'D']);
    expect(journal.attempts).toEqual(['A#1', 'B#1', 'B#2', 'B#3', 'C#1', 'D#1']);
    expect(journal.succeeded).toEqual(['A', 'B', 'C', 'D']);
    expect(outcomes[0]).toEqual({ value: 'result:A' });
    expect(rejectionOf(outcomes[1]).failedItself).toBe(true);
    expect(rejectionOf(outcomes[2]).failedItself).toBe(false);
    expect(outcomes[3]).toEqual({ value: 'result:D' });
    expect(buffer.size()).toBe(0);
  });

  it('runs A, B, B, B, C, D for concurrent calls', async () => {
    const calls = (
      [
        ['A', 0],
        ['B', 2],
        ['C', 0],
        ['D', 0],
      ] as const
    ).map(([name, failures]) =>
      outcomeOf(runner.run(step(journal, clock, name, { failures, delayMs: 7 }))),
    );
    await clock.runAll();
    const outcomes = await Promise.all(calls);

    const replayed = await drainUntilEmpty(runner, clock, 10);

    expect(journal.started).toEqual(['A', 'B', 'B', 'B', 'C', 'D']);
    expect(journal.succeeded).toEqual(['A', 'B', 'C', 'D']);
    expect(outcomes[0]).toEqual({ value: 'result:A' });
    expect(outcomes.slice(1).map((outcome) => 'error' in outcome)).toEqual([true, true, true]);
    expect(replayed).toEqual(['result:B', 'result:C', 'result:D']);
    expect(buffer.size()).toBe(0);
  });

  it('serializes hundreds of concurrent calls', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.integer({ min: 0, max: 50 }), { minLength: 200, maxLength: 300 }),
        fc.nat(150),
        fc.nat(2_000),
        async (delays, secondBatchAt, secondBatchAfterMs) => {
          const local = new Journal();
          const localClock = new VirtualClock();
          const localRunner = new BufferedOperationRunner(
            new SimpleOperationRunner(),
            new InMemoryOperationBuffer(),
          );
          const names = delays.map((_, index) => `op${index}`);
          const start = (index: number): Promise<string> =>
            localRunner.run(step(local, localClock, names[index]!, { delayMs: delays[index]! }));

          // A first batch starts in one tick, and a second one in a later tick, mid-drain.
          const calls = names.slice(0, secondBatchAt).map((_, index) => start(index));
          await localClock.advance(secondBatchAfterMs);
          for (let index = calls.length; index < names.length; index++) {
            calls.push(start(index));
          }
          const drained = localRunner.runBufferedOperations();
          await localClock.runAll();
          const results = await Promise.all(calls);

          expect(local.maxInFlight).toBe(1);
          expect(local.started).toEqual(names);
          expect(results).toEqual(names.map((name) => `result:${name}`));
          const drainedResults = await drained;
          expect(drainedResults).toEqual(results.slice(results.length - drainedResults.length));
        },
      ),
      { numRuns: 15 },
    );
  });

  it.each([
    ['in order', () => new InMemoryOperationBuffer()],
    ['by key', () => new InMemoryKeyedOperationBuffer()],
  ])('serializes two runners on one buffer, %s', async (_case, createBuffer) => {
    const shared = createBuffer();
    const first = new BufferedOperationRunner(new SimpleOperationRunner(), shared);
    const second = new BufferedOperationRunner(new SimpleOperationRunner(), shared);

    const a = first.run(step(journal, clock, 'A', { delayMs: 10 }));
    const b = first.run(step(journal, clock, 'B', { delayMs: 10 }));
    const drained = second.runBufferedOperations();
    await clock.runAll();

    expect(await a).toBe('result:A');
    expect(await b).toBe('result:B');
    expect(await drained).toEqual(['result:A', 'result:B']);
    expect(journal.started).toEqual(['A', 'B']);
    expect(journal.maxInFlight).toBe(1);
    expect(shared.size()).toBe(0);
  });

  it('serializes calls started while draining', async () => {
    const names = Array.from({ length: 50 }, (_, index) => `op${index}`);
    const calls: Promise<string>[] = [];

    for (const [index, name] of names.entries()) {
      calls.push(runner.run(step(journal, clock, name, { delayMs: (index * 13) % 17 })));
      await clock.advance(index % 3);
    }
    await clock.runAll();

    await expect(Promise.all(calls)).resolves.toEqual(names.map((name) => `result:${name}`));
    expect(journal.maxInFlight).toBe(1);
    expect(journal.started).toEqual(names);
  });

  it('keeps order for random failures', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ failures: fc.nat(3), delayMs: fc.nat(20) }), {
          minLength: 1,
          maxLength: 30,
        }),
        fc.boolean(),
        async (plan, concurrent) => {
          const local = new Journal();
          const localClock = new VirtualClock();
          const localRunner = new BufferedOperationRunner(
            new SimpleOperationRunner(),
            new InMemoryOperationBuffer(),
          );
          const names = plan.map((_, index) => `op${index}`);
          const operations = plan.map((options, index) =>
            step(local, localClock, names[index]!, options),
          );

          const calls: Promise<unknown>[] = [];
          for (const operation of operations) {
            const call = outcomeOf(localRunner.run(operation));
            calls.push(call);
            if (!concurrent) {
              await localClock.runAll();
              await call;
            }
          }
          await localClock.runAll();
          await Promise.all(calls);
          const totalFailures = plan.reduce((sum, options) => sum + options.failures, 0);
          await drainUntilEmpty(localRunner, localClock, totalFailures + 1);

          expect(local.succeeded).toEqual(names);
          expect(local.maxInFlight).toBe(1);
          for (const [index, options] of plan.entries()) {
            const attempts = local.attempts.filter((entry) => entry.startsWith(`op${index}#`));
            const expected = Array.from({ length: options.failures + 1 }, (_, n) => n + 1);
            expect(attempts).toEqual(expected.map((attempt) => `op${index}#${attempt}`));
          }
        },
      ),
      { numRuns: 60 },
    );
  });

  it('runs the same operation twice', async () => {
    let executions = 0;
    const operation = new Callback(async () => {
      executions++;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
      return executions;
    });

    const first = runner.run(operation);
    const second = runner.run(operation);
    await clock.runAll();

    await expect(first).resolves.toBe(1);
    await expect(second).resolves.toBe(2);
    expect(executions).toBe(2);
  });

  it('runs the same operation again after it was kept', async () => {
    let executions = 0;
    let failNext = true;
    const operation = new Callback(async () => {
      executions++;
      await new Promise<void>((resolve) => clock.setTimeout(resolve, 5));
      if (failNext) {
        failNext = false;
        throw new Error('first execution failed');
      }
      return `execution ${executions}`;
    });
    const first = outcomeOf(runner.run(operation));
    await clock.runAll();
    expect(rejectionOf(await first).failedItself).toBe(true);

    // The first entry is still at the head, so the second call's entry runs after it.
    const second = runner.run(operation);
    let secondSettledAfter = -1;
    void second.then(() => (secondSettledAfter = executions));
    await clock.runAll();

    await expect(second).resolves.toBe('execution 3');
    expect(secondSettledAfter).toBe(3);
    expect(buffer.size()).toBe(0);
  });

  it('settles each call with its own entry', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.boolean(), { maxLength: 4 }), { minLength: 1, maxLength: 3 }),
        fc.array(fc.record({ pick: fc.nat(), together: fc.nat(3) }), {
          minLength: 1,
          maxLength: 20,
        }),
        async (failurePlans, calls) => {
          const localClock = new VirtualClock();
          const localRunner = new BufferedOperationRunner(
            new SimpleOperationRunner(),
            new InMemoryOperationBuffer(),
          );
          // Entries succeed in the order they were added, so the entry at the head is always
          // the one numbered by the count of successes so far.
          let successes = 0;
          const pool = failurePlans.map((plan) => {
            const outcomes = [...plan];
            return new Callback(async () => {
              await new Promise<void>((resolve) => localClock.setTimeout(resolve, 1));
              if (outcomes.shift() === true) {
                throw new Error(`entry ${successes} failed`);
              }
              return successes++;
            });
          });

          const outcomes: Promise<{ value: number } | { error: unknown }>[] = [];
          for (const { pick, together } of calls) {
            outcomes.push(outcomeOf(localRunner.run(pool[pick % pool.length]!)));
            if (together === 0) {
              await localClock.runAll();
            }
          }
          await localClock.runAll();
          const settled = await Promise.all(outcomes);
          await drainUntilEmpty(localRunner, localClock, 20);

          expect(successes).toBe(calls.length);
          for (const [entry, outcome] of settled.entries()) {
            if ('value' in outcome) {
              expect(outcome.value).toBe(entry);
              continue;
            }
            const error = keptError(outcome.error);
            const failedEntry = Number(/entry (\d+)/.exec((error.cause as Error).message)![1]);
            if (error.failedItself) {
              expect(failedEntry).toBe(entry);
            } else {
              expect(failedEntry).toBeLessThan(entry);
            }
          }
        },
      ),
      { numRuns: 150 },
    );
  });

  it('blames the right call when a kept entry fails again', async () => {
    let executions = 0;
    const operation = new Callback(async () => {
      executions++;
      if (executions <= 2) {
        throw new Error(`execution ${executions} failed`);
      }
      return `execution ${executions}`;
    });
    await runner.run(operation).catch(() => undefined);

    const second = await outcomeOf(runner.run(operation));

    // The replayed first entry failed, so the second call's own entry did not run.
    const error = rejectionOf(second);
    expect(error.failedItself).toBe(false);
    expect(error.cause).toEqual(new Error('execution 2 failed'));
    expect(buffer.size()).toBe(2);
    await expect(runner.runBufferedOperations()).resolves.toEqual(['execution 3', 'execution 4']);
  });

  it('emits typed events', async () => {
    const received: { [K in keyof BufferedOperationRunnerEvents]: unknown[] } = {
      buffered: [],
      success: [],
      failure: [],
      deadLettered: [],
    };
    runner.events.on('buffered', (payload) => received.buffered.push(payload));
    runner.events.on('success', (payload) => received.success.push(payload));
    runner.events.on('failure', (payload) => received.failure.push(payload));
    const cause = new Error('down');
    let fail = true;
    const named = Object.assign(new Callback(() => (fail ? Promise.reject(cause) : 'ok')), {
      id: 'order-17',
    });

    await runner.run(named).catch(() => undefined);
    fail = false;
    await runner.runBufferedOperations();

    expect(received.buffered).toEqual([{ operationId: 'order-17' }]);
    expect(received.failure).toEqual([{ operationId: 'order-17', attempt: 1, error: cause }]);
    expect(received.success).toEqual([{ operationId: 'order-17', attempt: 2 }]);
  });

  it('resets the attempt after a success', async () => {
    const events = recordEvents(runner);
    await runner.run(step(journal, clock, 'A', { failures: 1 })).catch(() => undefined);
    await runner.runBufferedOperations();

    await runner.run(step(journal, clock, 'B'));

    expect(journal.attempts).toEqual(['A#1', 'A#2', 'B#1']);
    expect(events.filter((event) => event.startsWith('success'))).toEqual([
      'success#2',
      'success#1',
    ]);
  });

  it('rejects a non-operation', async () => {
    const result = runner.run('deliver' as never);

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(
      'BufferedOperationRunner.run: `operation` must be an operation',
    );
    await expect(result).rejects.toThrow('received "deliver".');
    expect(buffer.size()).toBe(0);
  });

  it('rejects an aborted signal without storing', async () => {
    const operation = new Callback(() => 'ran');

    const result = runner.run(operation, { signal: AbortSignal.abort('caller left') });

    await expect(result).rejects.toBe('caller left');
    expect(buffer.size()).toBe(0);
  });

  it.each([
    ['options that are not an object', 5, /`options` must be an object, received 5/],
    ['a signal that is not an AbortSignal', { signal: 'stop' }, /`signal` must be an AbortSignal/],
  ])('rejects %s without storing', async (_case, options, message) => {
    const result = runner.run(new Callback(() => 'ran'), options as never);

    await expect(result).rejects.toThrow(TypeError);
    await expect(result).rejects.toThrow(message);
    expect(buffer.size()).toBe(0);
  });

  it.each([
    ['undefined', undefined],
    ['null', null],
    ['a function', () => undefined],
    ['a value of type object', { execute: () => 1 }],
  ])('rejects %s as the runner', (described, value) => {
    const create = (): unknown => new BufferedOperationRunner(value as never, buffer);

    expect(create).toThrow(TypeError);
    expect(create).toThrow('BufferedOperationRunner: `runner` must be an operation runner');
    expect(create).toThrow(`received ${described}.`);
  });

  it.each([
    ['undefined', undefined],
    ['an array', []],
    ['a value of type object', { add: () => undefined, current: () => undefined }],
  ])('rejects %s as the buffer', (described, value) => {
    const create = (): unknown =>
      new BufferedOperationRunner(new SimpleOperationRunner(), value as never);

    expect(create).toThrow(TypeError);
    expect(create).toThrow(
      'BufferedOperationRunner: `buffer` must be an operation buffer with the methods add, ' +
        'current, pop, size',
    );
    expect(create).toThrow(`received ${described}.`);
  });

  it.each([
    [
      'synchronously',
      (error: Error) => (): never => {
        throw error;
      },
    ],
    ['asynchronously', (error: Error) => (): Promise<never> => Promise.reject(error)],
  ])('rejects with the error of an add that fails %s', async (_label, makeAdd) => {
    const cause = new Error('disk full');
    const inner = new InMemoryOperationBuffer();
    let failAdd = true;
    const failing = makeAdd(cause);
    const flaky: OperationBuffer = {
      add: (operation) => (failAdd ? failing() : inner.add(operation)),
      current: () => inner.current(),
      pop: () => inner.pop(),
      size: () => inner.size(),
    };
    const flakyRunner = new BufferedOperationRunner(new SimpleOperationRunner(), flaky);
    const events = recordEvents(flakyRunner);
    const operation = step(journal, clock, 'A');

    await expect(flakyRunner.run(operation)).rejects.toBe(cause);
    expect(events).toEqual([]);
    expect(journal.started).toEqual([]);

    // No call is left waiting, so the next call for the same operation gets its result.
    failAdd = false;
    await expect(flakyRunner.run(operation)).resolves.toBe('result:A');
    expect(journal.started).toEqual(['A']);
  });

  it('reports a buffer that cannot be read', async () => {
    const cause = new Error('buffer unreadable');
    const inner = new InMemoryOperationBuffer();
    const broken: OperationBuffer = {
      add: (operation) => inner.add(operation),
      current: () => {
        throw cause;
      },
      pop: () => inner.pop(),
      size: () => inner.size(),
    };
    const brokenRunner = new BufferedOperationRunner(new SimpleOperationRunner(), broken);

    const run = await outcomeOf(brokenRunner.run(step(journal, clock, 'A')));
    const drain = await outcomeOf(brokenRunner.runBufferedOperations());

    const runError = rejectionOf(run);
    expect(runError.cause).toBe(cause);
    expect(runError.kept).toBe(true);
    expect(runError.failedItself).toBe(false);
    const drainError = rejectionOf(drain);
    expect(drainError.cause).toBe(cause);
    expect(drainError.kept).toBe(true);
    expect(drainError.message).not.toContain('no longer in the buffer');
    expect(journal.started).toEqual([]);
    expect(inner.size()).toBe(1);
  });

  it('reports a buffer whose current rejects', async () => {
    const cause = new Error('read failed');
    const inner = new InMemoryOperationBuffer();
    const broken: OperationBuffer = {
      add: (operation) => inner.add(operation),
      current: () => Promise.reject(cause),
      pop: () => inner.pop(),
      size: () => inner.size(),
    };
    const brokenRunner = new BufferedOperationRunner(new SimpleOperationRunner(), broken);

    const error = keptError(
      await brokenRunner.run(step(journal, clock, 'A')).catch((e: unknown) => e),
    );

    expect(error.cause).toBe(cause);
  });

  it('keeps an operation whose removal failed', async () => {
    const cause = new Error('pop failed');
    const inner = new InMemoryOperationBuffer();
    let failPop = true;
    const flaky: OperationBuffer = {
      add: (operation) => inner.add(operation),
      current: () => inner.current(),
      pop: () => (failPop ? Promise.reject(cause) : inner.pop()),
      size: () => inner.size(),
    };
    const flakyRunner = new BufferedOperationRunner(new SimpleOperationRunner(), flaky);

    const first = await outcomeOf(flakyRunner.run(step(journal, clock, 'A')));
    failPop = false;
    const replayed = await flakyRunner.runBufferedOperations();

    const error = rejectionOf(first);
    expect(error.kept).toBe(true);
    expect(error.cause).toBe(cause);
    // Delivery is at least once: the operation ran, was not removed, and runs again.
    expect(journal.started).toEqual(['A', 'A']);
    expect(replayed).toEqual(['result:A']);
    expect(inner.size()).toBe(0);
  });

  it('rejects a call whose operation left the buffer unseen', async () => {
    const dropping: OperationBuffer = {
      add: () => undefined,
      current: () => undefined,
      pop: () => undefined,
      size: () => 0,
    };
    const droppingRunner = new BufferedOperationRunner(new SimpleOperationRunner(), dropping);

    const outcome = await outcomeOf(droppingRunner.run(step(journal, clock, 'A')));

    const error = rejectionOf(outcome);
    expect(error.kept).toBe(false);
    expect(error.failedItself).toBe(false);
    expect(journal.started).toEqual([]);
  });

  it('never throws synchronously', async () => {
    let result: Promise<unknown> | undefined;

    expect(() => (result = runner.run(null as never))).not.toThrow();
    await expect(result).rejects.toThrow(TypeError);
  });
});
