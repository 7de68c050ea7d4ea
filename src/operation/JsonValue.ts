/** A value that JSON carries faithfully: what a named operation's payload may contain. */
export type JsonValue = null | boolean | number | string | JsonValue[] | JsonObject;

/** A plain object whose values are {@link JsonValue}s. */
export interface JsonObject {
  [key: string]: JsonValue;
}
