import { describe, expect, expectTypeOf, it } from 'vitest';
import { withDefaults } from './withDefaults.js';

interface ExampleOptions {
  readonly limit?: number | undefined;
  readonly label?: string | undefined;
  readonly onEvent?: (() => void) | undefined;
}

const DEFAULTS = Object.freeze({ limit: 3, label: 'default' } satisfies ExampleOptions);

describe('withDefaults', () => {
  it('applies the defaults to absent options', () => {
    expect(withDefaults(DEFAULTS, {})).toEqual({ limit: 3, label: 'default' });
  });

  it('applies the defaults without options', () => {
    expect(withDefaults(DEFAULTS, undefined)).toEqual({ limit: 3, label: 'default' });
  });

  it('applies the defaults to undefined options', () => {
    const options: ExampleOptions = { limit: undefined, label: undefined };

    expect(withDefaults(DEFAULTS, options)).toEqual({ limit: 3, label: 'default' });
  });

  it('keeps given options', () => {
    expect(withDefaults(DEFAULTS, { limit: 0, label: '' })).toEqual({ limit: 0, label: '' });
  });

  it.each([
    ['null', null],
    ['NaN', Number.NaN],
    ['a string', '5'],
  ])('keeps %s for validation', (_label, value) => {
    const merged = withDefaults(DEFAULTS, { limit: value as never });

    expect(merged.limit).toBe(value);
  });

  it('keeps options without a default', () => {
    const onEvent = (): void => undefined;

    expect(withDefaults(DEFAULTS, { onEvent }).onEvent).toBe(onEvent);
    expect(withDefaults(DEFAULTS, { onEvent: undefined })).not.toHaveProperty('onEvent');
  });

  it('returns a new object and changes neither argument', () => {
    const options: ExampleOptions = { limit: 7, label: undefined };

    const merged = withDefaults(DEFAULTS, options);

    expect(merged).not.toBe(options);
    expect(merged).not.toBe(DEFAULTS);
    expect(options).toEqual({ limit: 7, label: undefined });
    expect(DEFAULTS).toEqual({ limit: 3, label: 'default' });
  });

  it('types defaulted options without undefined', () => {
    const merged = withDefaults<typeof DEFAULTS, ExampleOptions>(DEFAULTS, {});

    expectTypeOf(merged.limit).toEqualTypeOf<number>();
    expectTypeOf(merged.label).toEqualTypeOf<string>();
    expectTypeOf(merged.onEvent).toEqualTypeOf<(() => void) | undefined>();
  });
});
