/**
 * `Options` merged over `Defaults`: an option that has a default takes the default's type or
 * its own type without `undefined`, and any other option keeps its own type.
 */
export type WithDefaults<Defaults, Options> = Omit<Options, keyof Defaults> & {
  readonly [Key in keyof Defaults]: Key extends keyof Options
    ? Exclude<Options[Key], undefined> | Defaults[Key]
    : Defaults[Key];
};

/**
 * Returns a new object with `defaults` overridden by every option of `options` that is not
 * `undefined`, so that an option given as `undefined` takes its default, as an absent one does.
 * Neither argument is changed. `null` and every other value override the default, to be
 * validated by the caller.
 */
export function withDefaults<Defaults extends object, Options extends object>(
  defaults: Defaults,
  options: Options | undefined,
): WithDefaults<Defaults, Options> {
  const merged = { ...defaults } as Record<string, unknown>;
  if (options !== undefined) {
    for (const [key, value] of Object.entries(options)) {
      if (value !== undefined) {
        merged[key] = value;
      }
    }
  }
  return merged as WithDefaults<Defaults, Options>;
}
