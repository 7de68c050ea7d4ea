import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../clock/VirtualClock.js';
import { type Deadline, DeadlineQueue } from './DeadlineQueue.js';

class Entry implements Deadline {
  deadline: number;
  previous: Deadline | undefined;
  next: Deadline | undefined;
  queueState: Deadline['queueState'] = 'idle';
  expiredAt: number | undefined;
  readonly #clock: VirtualClock;

  constructor(clock: VirtualClock, deadline: number) {
    this.#clock = clock;
    this.deadline = deadline;
  }

  expire(): void {
    expect(this.expiredAt).toBeUndefined();
    this.expiredAt = this.#clock.now();
  }
}

const stepArbitrary = fc.oneof(
  fc.record({ kind: fc.constant('add' as const), delay: fc.integer({ min: 0, max: 1_000 }) }),
  fc.record({ kind: fc.constant('schedule' as const), delay: fc.integer({ min: 0, max: 1_000 }) }),
  fc.record({ kind: fc.constant('remove' as const), pick: fc.nat() }),
  fc.record({ kind: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 700 }) }),
);

describe('DeadlineQueue', () => {
  it('expires each entry once, on time', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(stepArbitrary, { maxLength: 60 }), async (steps) => {
        const clock = new VirtualClock();
        const queue = new DeadlineQueue(clock);
        const entries: Entry[] = [];
        const removed = new Set<Entry>();
        for (const step of steps) {
          if (step.kind === 'add' || step.kind === 'schedule') {
            const entry = new Entry(clock, clock.now() + step.delay);
            entries.push(entry);
            if (step.kind === 'add') {
              queue.add(entry, clock.now());
            } else {
              queue.schedule(entry);
            }
          } else if (step.kind === 'remove' && entries.length > 0) {
            const entry = entries[step.pick % entries.length]!;
            queue.remove(entry);
            if (entry.expiredAt === undefined) {
              removed.add(entry);
            }
          } else if (step.kind === 'advance') {
            await clock.advance(step.ms);
          }
          expect(clock.pendingTimers).toBeLessThanOrEqual(1);
        }
        await clock.runAll();

        for (const entry of entries) {
          if (removed.has(entry)) {
            expect(entry.expiredAt).toBeUndefined();
          } else {
            expect(entry.expiredAt).toBe(entry.deadline);
          }
        }
        expect(queue.isEmpty).toBe(true);
        expect(clock.pendingTimers).toBe(0);
      }),
      { numRuns: 300 },
    );
  });

  it('clears the timer when emptied', () => {
    const clock = new VirtualClock();
    const queue = new DeadlineQueue(clock);
    const entries = [100, 50, 200].map((deadline) => new Entry(clock, deadline));

    entries.forEach((entry) => queue.add(entry, 0));
    expect(clock.pendingTimers).toBe(1);
    entries.forEach((entry) => queue.remove(entry));

    expect(clock.pendingTimers).toBe(0);
    expect(queue.isEmpty).toBe(true);
  });

  it('adds no timer for an entry removed before it is added', async () => {
    const clock = new VirtualClock();
    const queue = new DeadlineQueue(clock);
    const entry = new Entry(clock, 100);

    queue.schedule(entry);
    queue.remove(entry);
    await Promise.resolve();

    expect(clock.pendingTimers).toBe(0);
    expect(queue.isEmpty).toBe(true);
    await clock.runAll();
    expect(entry.expiredAt).toBeUndefined();
  });
});
