import { describe, expect, it } from 'vitest';
import type { Backoff } from './Backoff.js';
import { ConstantBackoff } from './ConstantBackoff.js';
import { DecorrelatedJitterBackoff } from './DecorrelatedJitterBackoff.js';
import { ExponentialBackoff } from './ExponentialBackoff.js';
import { JitterBackoff } from './JitterBackoff.js';
import { LinearBackoff } from './LinearBackoff.js';
import { MaxDelayBackoff } from './MaxDelayBackoff.js';
import { MaxElapsedBackoff } from './MaxElapsedBackoff.js';
import { MaxRetriesBackoff } from './MaxRetriesBackoff.js';
import { isIndependentOfElapsedTime } from './elapsedTimeIndependence.js';

const budget = { maxElapsedMs: 1_000 };

describe('isIndependentOfElapsedTime', () => {
  it.each<[string, Backoff]>([
    ['ConstantBackoff', new ConstantBackoff()],
    ['LinearBackoff', new LinearBackoff()],
    ['ExponentialBackoff', new ExponentialBackoff()],
    ['DecorrelatedJitterBackoff', new DecorrelatedJitterBackoff()],
    ['JitterBackoff', new JitterBackoff(new ExponentialBackoff())],
    ['MaxDelayBackoff', new MaxDelayBackoff(new LinearBackoff(), { maxDelayMs: 10 })],
    ['MaxRetriesBackoff', new MaxRetriesBackoff(new LinearBackoff(), { maxRetries: 1 })],
  ])('holds for %s', (_name, backoff) => {
    expect(isIndependentOfElapsedTime(backoff)).toBe(true);
  });

  it.each<[string, Backoff]>([
    ['MaxElapsedBackoff', new MaxElapsedBackoff(new LinearBackoff(), budget)],
    ['jitter over a budget', new JitterBackoff(new MaxElapsedBackoff(new LinearBackoff(), budget))],
    [
      'a cap over a budget',
      new MaxDelayBackoff(new MaxElapsedBackoff(new LinearBackoff(), budget), { maxDelayMs: 5 }),
    ],
    [
      'a count over a budget',
      new MaxRetriesBackoff(new MaxElapsedBackoff(new LinearBackoff(), budget), { maxRetries: 1 }),
    ],
    ['a custom backoff', { start: () => ({ next: () => 1 }) }],
  ])('does not hold for %s', (_name, backoff) => {
    expect(isIndependentOfElapsedTime(backoff)).toBe(false);
  });
});
