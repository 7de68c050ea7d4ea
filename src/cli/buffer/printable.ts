/**
 * Tells whether a character code is a control character (C0, DEL, C1), a line or paragraph
 * separator, or a Unicode control that reorders text. Any of them in an id, key or error
 * message could change what a terminal shows.
 */
function isUnsafe(code: number): boolean {
  return (
    code <= 0x1f ||
    (code >= 0x7f && code <= 0x9f) ||
    code === 0x2028 ||
    code === 0x2029 ||
    (code >= 0x202a && code <= 0x202e) ||
    (code >= 0x2066 && code <= 0x2069)
  );
}

/** Replaces every control character of `text` with its `\uXXXX` escape, for a terminal. */
export function printable(text: string): string {
  let result = '';
  for (const character of text) {
    const code = character.charCodeAt(0);
    result += isUnsafe(code) ? `\\u${code.toString(16).padStart(4, '0')}` : character;
  }
  return result;
}
