import { UsageError } from '../UsageError.js';
import { parseNumberArgument } from './parseNumberArgument.js';

/** The exit codes that a list may contain: 0 means success, and codes above 255 do not exist. */
const EXIT_CODE_RANGE = { min: 1, max: 255, integer: true } as const;

/**
 * Parses a comma-separated list of exit codes, such as `1,75`, for option `--flag`. Throws a
 * {@link UsageError} naming the option and the invalid item.
 */
export function parseExitCodes(flag: string, text: string): readonly number[] {
  const items = text.split(',').map((item) => item.trim());
  if (items.some((item) => item === '')) {
    throw new UsageError(
      `Invalid --${flag} ${JSON.stringify(text)}: expected a comma-separated list of exit ` +
        `codes from 1 to 255, such as 1,75.`,
    );
  }
  return items.map((item) => parseNumberArgument(flag, item, EXIT_CODE_RANGE));
}
