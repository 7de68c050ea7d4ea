/** The maximum length of an error message in a table; `--json` prints it whole. */
export const TABLE_MESSAGE_LENGTH = 80;

/** Cuts `text` to `maxLength` characters, ending with an ellipsis when it was cut. */
export function shorten(text: string, maxLength: number): string {
  return text.length <= maxLength ? text : `${text.slice(0, maxLength - 1)}…`;
}
