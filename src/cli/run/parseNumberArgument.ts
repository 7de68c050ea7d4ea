import { UsageError } from '../UsageError.js';

/** The range a numeric command-line option accepts. */
export interface ArgumentRange {
  readonly min: number;
  readonly max: number;
  readonly integer: boolean;
}

/**
 * Parses the value of option `--flag`, throwing a {@link UsageError} that names the option, the
 * allowed range and the value received when it is not a number within `range`.
 */
export function parseNumberArgument(flag: string, text: string, range: ArgumentRange): number {
  const value = text.trim() === '' ? NaN : Number(text);
  const valid =
    Number.isFinite(value) &&
    value >= range.min &&
    value <= range.max &&
    (!range.integer || Number.isInteger(value));
  if (!valid) {
    const kind = range.integer ? 'an integer' : 'a number';
    throw new UsageError(
      `Invalid --${flag} ${JSON.stringify(text)}: expected ${kind} from ${range.min} to ` +
        `${range.max}.`,
    );
  }
  return value;
}
