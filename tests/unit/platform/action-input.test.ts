import { describe, expect, it } from 'vitest';
import { FORM_UNREADABLE, idArgument, isFormData, objectArgument, UNSTORABLE_TEXT, unstorableTextError } from '../../../lib/platform/action-input';

// The parsing every server action applies to its own arguments before lib/ sees them: what a forged
// request can send through React's reply decoder must become something lib/ refuses, never a crash.

describe('idArgument', () => {
  it('keeps a string id as it is', () => {
    expect(idArgument('4f0c6d2e-8a51-4c43-9d0b-1d5f3b7e9a10')).toBe('4f0c6d2e-8a51-4c43-9d0b-1d5f3b7e9a10');
    expect(idArgument('not-a-uuid')).toBe('not-a-uuid');
  });

  it('turns anything that is not a short string into the empty id', () => {
    for (const value of [null, undefined, 42, Number.NaN, true, {}, [], ['id'], new Date(), 10n, Object.create(null), 'x'.repeat(101)]) {
      expect(idArgument(value)).toBe('');
    }
  });
});

describe('objectArgument', () => {
  it('keeps an object', () => {
    expect(objectArgument({ resultId: 'a' })).toEqual({ resultId: 'a' });
  });

  it('turns null, primitives and arrays into an empty object', () => {
    for (const value of [null, undefined, 'text', 0, [1, 2]]) expect(objectArgument(value)).toEqual({});
  });
});

describe('isFormData', () => {
  it('accepts only FormData', () => {
    expect(isFormData(new FormData())).toBe(true);
    for (const value of [null, {}, { get: () => 'x' }, 'a=b', new URLSearchParams('a=b')]) expect(isFormData(value)).toBe(false);
    expect(FORM_UNREADABLE).toMatch(/nothing was saved/);
  });
});

describe('unstorableTextError', () => {
  it('passes text without NUL, however hostile', () => {
    expect(unstorableTextError({ body: "'; drop table patients; --", tags: ['<script>', '\uD800'] }, 'javascript:alert(1)')).toBeNull();
  });

  it('refuses a NUL anywhere: a value, a nested value, a key, a form field', () => {
    const form = new FormData();
    form.append('notes', 'a\u0000b');
    for (const value of ['\u0000', { body: 'x\u0000' }, { list: [{ deep: ['\u0000'] }] }, { ['k\u0000']: 1 }, new Map([['k', '\u0000']]), form]) {
      expect(unstorableTextError(value)).toEqual({ ok: false, error: UNSTORABLE_TEXT });
    }
  });

  it('stops at a sane depth instead of recursing forever', () => {
    let deep: unknown = '\u0000';
    for (let i = 0; i < 50; i++) deep = [deep];
    expect(unstorableTextError(deep)).toBeNull();
  });
});
