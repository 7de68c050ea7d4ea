/**
 * Control characters, and the Unicode controls that reorder text, which could rewrite what a
 * terminal shows if an id, key or error message contained them.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/gu;

/** Replaces every control character of `text` with its `\uXXXX` escape, for a terminal. */
export function printable(text: string): string {
  return text.replace(UNSAFE, (character) => {
    const code = character.charCodeAt(0).toString(16).padStart(4, '0');
    return `\\u${code}`;
  });
}
