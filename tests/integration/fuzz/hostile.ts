import fc from 'fast-check';
import { expect } from 'vitest';
import { changedTables, dataFingerprint, expectNoInternals, redirectTargetOf } from '../access/action-harness';

// Hostile values for the server-action fuzz tests, and the property every action must keep. Not a
// test file. A server action's arguments arrive from the browser through React's reply decoder, which
// can produce any of these: strings, numbers (NaN, ±Infinity, -0), booleans, null, undefined, BigInt,
// Dates (invalid ones too), arrays, plain objects, Maps, Sets, FormData and Blobs.

/** What asActionResult says when an exception escaped the data layer: a bad input must never get there. */
export const UNEXPECTED_FAILURE = 'Something went wrong and nothing was saved. Please try again; if it keeps happening, contact support.';

export const ONE_MEGABYTE = 'x'.repeat(1024 * 1024);

export const hostileStrings = fc.oneof(
  fc.constantFrom(
    "'; drop table patients; --",
    "' or '1'='1",
    'Robert"); DELETE FROM users; --',
    '<script>alert(document.cookie)</script>',
    '<img src=x onerror=alert(1)>',
    'javascript:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    '\u0000',
    'before\u0000after',
    '\uD800',
    'lone \uDFFF surrogate',
    '\u202Eevil\u202C',
    '\uFEFF',
    'ｆｕｌｌｗｉｄｔｈ',
    'e\u0301\u0301\u0301',
    '🧪💥'.repeat(50),
    '0000-00-00',
    '9999-12-31',
    '2025-02-30',
    '-0001-01-01',
    '1e309',
    'NaN',
    'Infinity',
    '-0',
    '',
    '   ',
    'null',
    'undefined',
    '__proto__',
    'constructor',
    '../../../../etc/passwd',
    '%00%27',
    '${7*7}{{7*7}}',
    '00000000-0000-0000-0000-000000000000',
    'ffffffff-ffff-ffff-ffff-ffffffffffff',
    'not-a-uuid',
    ONE_MEGABYTE,
  ),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 20 }),
  fc.uuid(),
);

export const hostileNumbers = fc.oneof(
  fc.constantFrom(Number.NaN, Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY, -0, 1e309, -1e309, Number.MAX_SAFE_INTEGER + 2, Number.MIN_VALUE, -1, 0, 0.5, 2 ** 31, -(2 ** 53)),
  fc.double(),
  fc.integer(),
);

const oddObjects = fc.constantFrom<unknown>(
  new Date(Number.NaN),
  new Date('0000-01-01T00:00:00Z'),
  new Date(8.64e15),
  10n ** 30n,
  -1n,
  new Map([['body', 'x']]),
  new Set(['x']),
  new Blob(['%PDF-1.4 not really']),
  Object.create(null) as unknown,
  { __proto__: { ok: true } },
  JSON.parse('{"__proto__": {"polluted": true}}') as unknown,
);

/** Any value, nested a little: what a forged request can put where the form puts one field. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown }>((tie) => ({
  value: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    hostileStrings,
    hostileNumbers,
    fc.boolean(),
    fc.constantFrom(null, undefined),
    oddObjects,
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(fc.oneof(hostileStrings.filter((s) => s.length < 50), fc.constantFrom('body', 'values', 'kind', 'noteId', 'resultId')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

/** A valid payload with some fields removed or replaced by hostile values, and some junk keys added. */
export function mangled(template: Record<string, unknown>): fc.Arbitrary<Record<string, unknown>> {
  const keys = Object.keys(template);
  return fc
    .record({
      replace: fc.subarray(keys, { minLength: 1 }),
      drop: fc.subarray(keys),
      values: fc.array(hostileValue, { minLength: keys.length, maxLength: keys.length }),
      extra: fc.dictionary(hostileStrings.filter((s) => s.length < 50), hostileValue, { maxKeys: 2 }),
    })
    .map(({ replace, drop, values, extra }) => {
      const out: Record<string, unknown> = { ...extra, ...template };
      keys.forEach((k, i) => {
        if (replace.includes(k)) out[k] = values[i];
      });
      for (const k of drop) if (!replace.includes(k)) delete out[k];
      return out;
    });
}

/** A form as the browser would post it, with hostile text (and the odd file) in some fields. */
export function mangledForm(template: Record<string, string>): fc.Arbitrary<FormData> {
  const keys = Object.keys(template);
  return fc
    .record({
      replace: fc.subarray(keys, { minLength: 1 }),
      values: fc.array(fc.oneof({ weight: 6, arbitrary: hostileStrings }, { weight: 1, arbitrary: fc.constant(new Blob(['binary\u0000'])) }), { minLength: keys.length, maxLength: keys.length }),
      repeated: fc.subarray(keys),
    })
    .map(({ replace, values, repeated }) => {
      const form = new FormData();
      keys.forEach((k, i) => {
        const v = values[i];
        form.append(k, replace.includes(k) && v !== undefined ? v : (template[k] as string));
        if (repeated.includes(k)) form.append(k, 'second value');
      });
      return form;
    });
}

export interface FuzzOutcome {
  thrown: unknown;
  outcome: unknown;
}

export async function callCapturing(run: () => Promise<unknown>): Promise<FuzzOutcome> {
  try {
    return { thrown: undefined, outcome: await run() };
  } catch (error) {
    return { thrown: error, outcome: undefined };
  }
}

/**
 * The property for input that can never be valid: a refusal value with a message the user can act
 * on (not the catch-all for an unexpected exception), nothing stored or changed, no internals shown.
 */
export async function expectRefusedCleanly(run: () => Promise<unknown>) {
  const before = await dataFingerprint();
  const { thrown, outcome } = await callCapturing(run);
  const after = await dataFingerprint();
  if (thrown !== undefined) expect.fail(`the action threw instead of returning a value: ${redirectTargetOf(thrown) ?? String(thrown)}`);
  expect(outcome).toMatchObject({ ok: false, error: expect.any(String) });
  expect((outcome as { error: string }).error).not.toBe(UNEXPECTED_FAILURE);
  expectNoInternals(outcome);
  expect(changedTables(before, after)).toEqual([]);
}

/**
 * The property for a valid payload with hostile fields (which may happen to be acceptable, e.g. a
 * note whose text is SQL): never a throw or the unexpected-failure catch-all, no internals; if it was
 * refused, nothing was stored or changed.
 */
export async function expectHandled(run: () => Promise<unknown>, succeedsByRedirect?: RegExp) {
  const before = await dataFingerprint();
  const { thrown, outcome } = await callCapturing(run);
  // Actions whose success is a redirect (Next signals it by throwing) have accepted the input.
  if (succeedsByRedirect && succeedsByRedirect.test(redirectTargetOf(thrown) ?? '')) return;
  if (thrown !== undefined) expect.fail(`the action threw instead of returning a value: ${redirectTargetOf(thrown) ?? String(thrown)}`);
  expect(outcome).toMatchObject({ ok: expect.any(Boolean) });
  const result = outcome as { ok: boolean; error?: string };
  if (result.ok) return;
  expect(result.error).not.toBe(UNEXPECTED_FAILURE);
  expectNoInternals(outcome);
  expect(changedTables(before, await dataFingerprint())).toEqual([]);
}
