/** One measured case: the mean cost of one call, in nanoseconds. */
export interface Measurement {
  readonly name: string;
  readonly nanosecondsPerCall: number;
}

/** Options of {@link measure}. */
export interface MeasureOptions {
  /** Calls made before timing starts, so that the JIT compiles the hot path. @default 20_000 */
  readonly warmupCalls?: number;
  /** Calls per timed round. @default 100_000 */
  readonly calls?: number;
  /** Timed rounds; the median round is reported. @default 7 */
  readonly rounds?: number;
}

/**
 * Times `call` (awaited one after another) and returns the median cost per call over several
 * rounds, which resists a round disturbed by garbage collection or the other core's load.
 */
export async function measure(
  name: string,
  call: () => Promise<unknown>,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const calls = options.calls ?? 100_000;
  const rounds = options.rounds ?? 7;
  for (let index = 0; index < (options.warmupCalls ?? 20_000); index++) {
    await call();
  }
  const perRound: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = process.hrtime.bigint();
    for (let index = 0; index < calls; index++) {
      await call();
    }
    perRound.push(Number(process.hrtime.bigint() - started) / calls);
  }
  perRound.sort((a, b) => a - b);
  return { name, nanosecondsPerCall: perRound[Math.floor(rounds / 2)] ?? NaN };
}

/**
 * Times `batch`, which starts `concurrency` calls at once and awaits them all, and returns
 * the median cost per call.
 */
export async function measureConcurrent(
  name: string,
  call: () => Promise<unknown>,
  concurrency: number,
  options: MeasureOptions = {},
): Promise<Measurement> {
  const batch = (): Promise<unknown> => Promise.all(Array.from({ length: concurrency }, call));
  const calls = Math.max(1, Math.floor((options.calls ?? 100_000) / concurrency));
  const warmupCalls = Math.max(1, Math.floor((options.warmupCalls ?? 20_000) / concurrency));
  const result = await measure(name, batch, { ...options, calls, warmupCalls });
  return { name, nanosecondsPerCall: result.nanosecondsPerCall / concurrency };
}

/** Prints measurements as a table with each case's ratio to `baseline`. */
export function printTable(title: string, baseline: Measurement, rows: Measurement[]): void {
  console.log(`\n${title}`);
  console.log(`${'case'.padEnd(48)} ${'ns/call'.padStart(10)} ${'× baseline'.padStart(11)}`);
  for (const row of [baseline, ...rows]) {
    const ratio = row.nanosecondsPerCall / baseline.nanosecondsPerCall;
    console.log(
      `${row.name.padEnd(48)} ${row.nanosecondsPerCall.toFixed(1).padStart(10)} ` +
        ratio.toFixed(2).padStart(11),
    );
  }
}
