import type { BufferEntry } from '../buffer/BufferEntry.js';
import type { DeadLetterBuffer } from '../buffer/DeadLetterBuffer.js';
import { summarizeError } from '../buffer/ErrorSummary.js';
import type { KeyedOperationBuffer } from '../buffer/KeyedOperationBuffer.js';
import type { Clock } from '../clock/Clock.js';
import type { EventEmitter } from '../events/EventEmitter.js';
import type { Operation } from '../operation/Operation.js';
import { operationIdOf } from '../operation/operationIdOf.js';
import type { BufferedOperationRunnerEvents } from './BufferedOperationRunnerEvents.js';
import type { DeadLetterSettings } from './BufferedOperationRunnerOptions.js';
import type { DrainOutcome } from './DrainOutcome.js';
import type { OperationRunner } from './OperationRunner.js';
import type { RetrySchedule } from './RetrySchedule.js';

/** How the runner learns what happened to each operation of a keyed drain. */
export interface KeyedDrainHooks {
  /** The operation succeeded and left the buffer. */
  succeeded(operation: Operation, value: unknown): void;
  /** The operation failed and stays at the head of its key. */
  failed(operation: Operation, error: unknown): void;
  /** The operation failed and moved to the dead letters. */
  deadLettered(operation: Operation, error: unknown): void;
}

/** Settings of a {@link KeyedDrain}. */
export interface KeyedDrainContext {
  readonly buffer: KeyedOperationBuffer & Partial<DeadLetterBuffer>;
  readonly runner: OperationRunner;
  readonly clock: Clock;
  readonly schedule: RetrySchedule;
  readonly deadLetters: DeadLetterSettings | undefined;
  readonly events: EventEmitter<BufferedOperationRunnerEvents>;
  readonly hooks: KeyedDrainHooks;
  /** Tells whether the runner is closing, so that the drain stops after the operation in flight. */
  readonly isStopping: () => boolean;
}

/**
 * One drain of a keyed buffer. It runs the head of every key in turn, round after round, so
 * that keys share the drain fairly. A key whose head fails, or whose head's next attempt is
 * not due yet, is skipped for the rest of the drain, while the other keys go on.
 */
export class KeyedDrain {
  readonly #context: KeyedDrainContext;
  readonly #results: unknown[] = [];
  /** Keys skipped for the rest of the drain, with the failure or wait that blocks each. */
  readonly #blockedKeys = new Map<string | undefined, unknown>();
  #firstFailure: { readonly operation: Operation; readonly error: unknown } | undefined;
  #nextAttemptAt: number | undefined;

  constructor(context: KeyedDrainContext) {
    this.#context = context;
  }

  /** Drains until every key is empty or blocked, or the runner closes. Never rejects. */
  async run(): Promise<DrainOutcome> {
    try {
      while (await this.#round()) {
        // Each round runs one operation per key that is ready.
      }
    } catch (error) {
      return { ...this.#outcome(), failure: { operation: undefined, error } };
    }
    return this.#outcome();
  }

  /** Runs the head of each ready key once, and returns whether any ran. */
  async #round(): Promise<boolean> {
    if (this.#context.isStopping()) {
      return false;
    }
    const heads = await this.#context.buffer.heads();
    const now = this.#context.clock.now();
    let ran = false;
    for (const entry of heads) {
      if (this.#context.isStopping()) {
        return false;
      }
      if (this.#blockedKeys.has(entry.key)) {
        continue;
      }
      if (entry.nextAttemptAt > now) {
        this.#wait(entry);
        continue;
      }
      ran = true;
      await this.#runEntry(entry);
    }
    return ran;
  }

  async #runEntry(entry: BufferEntry): Promise<void> {
    const { runner, buffer, events, schedule, hooks } = this.#context;
    const attempt = entry.attempts + 1;
    const operationId = operationIdOf(entry.operation);
    let value: unknown;
    try {
      value = await runner.run(entry.operation, { attempt });
    } catch (error) {
      events.emit('failure', { operationId, attempt, error });
      await this.#handleFailure(entry, attempt, error);
      return;
    }
    await buffer.remove(entry);
    schedule.reset(entry.key);
    events.emit('success', { operationId, attempt });
    this.#results.push(value);
    hooks.succeeded(entry.operation, value);
  }

  async #handleFailure(entry: BufferEntry, attempt: number, error: unknown): Promise<void> {
    const { clock, schedule, deadLetters } = this.#context;
    const now = clock.now();
    const operationId = operationIdOf(entry.operation);
    const delay = schedule.delay(entry.key, operationId, attempt, now);
    const isFinal =
      deadLetters !== undefined &&
      (attempt >= deadLetters.maxAttempts || delay === undefined || deadLetters.isFinal(error));
    if (isFinal) {
      await this.#deadLetter(entry, attempt, error, now);
      return;
    }
    const nextAttemptAt = now + (delay ?? schedule.fallbackDelayMs);
    await this.#context.buffer.recordFailure(entry, {
      attempts: attempt,
      nextAttemptAt,
      error: summarizeError(error),
    });
    this.#block(entry, error, nextAttemptAt);
    this.#firstFailure ??= { operation: entry.operation, error };
    this.#context.hooks.failed(entry.operation, error);
  }

  async #deadLetter(entry: BufferEntry, attempts: number, error: unknown, now: number) {
    const { buffer, events, schedule, hooks } = this.#context;
    const summary = summarizeError(error);
    // The constructor checked that a runner with dead letters has a buffer with them.
    await buffer.deadLetter?.(entry, { attempts, error: summary, failedAt: now });
    schedule.reset(entry.key);
    events.emit('deadLettered', {
      operationId: operationIdOf(entry.operation),
      key: entry.key,
      attempts,
      error,
    });
    hooks.deadLettered(entry.operation, error);
  }

  /** Skips the key of `entry`, whose next attempt is not due yet. */
  #wait(entry: BufferEntry): void {
    const cause = new Error(
      `The operation ahead of this one with the same key failed and waits until ` +
        `${new Date(entry.nextAttemptAt).toISOString()} for its next attempt.`,
    );
    this.#block(entry, cause, entry.nextAttemptAt);
  }

  #block(entry: BufferEntry, cause: unknown, nextAttemptAt: number): void {
    this.#blockedKeys.set(entry.key, cause);
    this.#nextAttemptAt = Math.min(this.#nextAttemptAt ?? Infinity, nextAttemptAt);
  }

  #outcome(): DrainOutcome {
    return {
      results: this.#results,
      ...(this.#firstFailure === undefined ? {} : { failure: this.#firstFailure }),
      blockedKeys: this.#blockedKeys,
      ...(this.#nextAttemptAt === undefined ? {} : { nextAttemptAt: this.#nextAttemptAt }),
      ...(this.#context.isStopping() ? { stopped: true } : {}),
    };
  }
}
