/** A source of random numbers from 0 (inclusive) to 1, such as `Math.random`. */
export type RandomSource = () => number;

/**
 * Calls `random` and returns its value, or throws a `RangeError` naming the component when
 * the value is not a number from 0 to 1, so that a faulty source never yields a NaN or
 * negative delay.
 */
export function drawRandom(component: string, random: RandomSource): number {
  const value = random();
  if (typeof value !== 'number' || !(value >= 0 && value <= 1)) {
    throw new RangeError(
      `${component}: \`random\` must return a number from 0 to 1, returned ${String(value)}.`,
    );
  }
  return value;
}
