import { afterEach, beforeEach, describe, it, expect, vi, type MockInstance } from 'vitest';
import { z } from 'zod';
import { asActionResult } from '@/lib/platform/action-result';
import { ForbiddenError, NotFoundError, UnauthenticatedError, type MutationResult } from '@/lib/platform/errors';

const GENERIC = 'Something went wrong and nothing was saved. Please try again; if it keeps happening, contact support.';

let consoleError: MockInstance<typeof console.error>;
beforeEach(() => {
  consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
});
afterEach(() => {
  consoleError.mockRestore();
});

const failWith = (error: unknown) => () => Promise.reject(error);

describe('error classes', () => {
  it('ForbiddenError: 403, default message, named, no pending audit until one is attached', () => {
    const e = new ForbiddenError();
    expect(e).toBeInstanceOf(Error);
    expect(e.status).toBe(403);
    expect(e.name).toBe('ForbiddenError');
    expect(e.message).toBe('You do not have access to this record.');
    expect(e.pendingAudit).toBeUndefined();
    expect(new ForbiddenError('No.').message).toBe('No.');
  });

  it('NotFoundError: 404 with default message', () => {
    const e = new NotFoundError();
    expect(e).toBeInstanceOf(Error);
    expect([e.status, e.name, e.message]).toEqual([404, 'NotFoundError', 'Not found.']);
    expect(new NotFoundError('No such patient.').message).toBe('No such patient.');
  });

  it('UnauthenticatedError: 401 with default message', () => {
    const e = new UnauthenticatedError();
    expect(e).toBeInstanceOf(Error);
    expect([e.status, e.name, e.message]).toEqual([401, 'UnauthenticatedError', 'Please sign in.']);
  });

  it('the classes are distinct', () => {
    expect(new ForbiddenError()).not.toBeInstanceOf(NotFoundError);
    expect(new NotFoundError()).not.toBeInstanceOf(ForbiddenError);
    expect(new UnauthenticatedError()).not.toBeInstanceOf(ForbiddenError);
  });
});

describe('asActionResult', () => {
  it('passes a success through untouched', async () => {
    const ok: MutationResult<{ userId: string }> = { ok: true, data: { userId: 'u1' } };
    await expect(asActionResult(() => Promise.resolve(ok))).resolves.toBe(ok);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('passes a returned failure (with field errors) through untouched', async () => {
    const failure: MutationResult = { ok: false, error: 'Please correct the highlighted fields.', fieldErrors: { email: ['Taken.'] } };
    await expect(asActionResult(() => Promise.resolve(failure))).resolves.toBe(failure);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('a ForbiddenError becomes its message, unlogged', async () => {
    await expect(asActionResult(failWith(new ForbiddenError('You do not have permission to do this.')))).resolves.toEqual({
      ok: false,
      error: 'You do not have permission to do this.',
    });
    await expect(asActionResult(failWith(new ForbiddenError()))).resolves.toEqual({ ok: false, error: 'You do not have access to this record.' });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('a NotFoundError becomes its message, unlogged', async () => {
    await expect(asActionResult(failWith(new NotFoundError('No patient has this MRN.')))).resolves.toEqual({ ok: false, error: 'No patient has this MRN.' });
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('a ForbiddenError carrying a pending audit exposes only the message', async () => {
    const e = new ForbiddenError('Nope.');
    e.pendingAudit = { actor: { userId: 'u', role: 'clinician', requestAddress: null }, entry: { action: 'x', outcome: 'denied' } };
    const result = await asActionResult(failWith(e));
    expect(result).toEqual({ ok: false, error: 'Nope.' });
  });

  it('a ZodError thrown (rather than returned) is treated as unexpected: generic message, logged', async () => {
    const zodError = z.object({ a: z.string() }).safeParse({}).error;
    expect(zodError).toBeInstanceOf(z.ZodError);
    await expect(asActionResult(failWith(zodError))).resolves.toEqual({ ok: false, error: GENERIC });
    expect(consoleError).toHaveBeenCalledWith('server action failed', zodError);
  });

  it('an UnauthenticatedError inside the action is not shown either (mapped to the generic message)', async () => {
    await expect(asActionResult(failWith(new UnauthenticatedError()))).resolves.toEqual({ ok: false, error: GENERIC });
    expect(consoleError).toHaveBeenCalledTimes(1);
  });

  it('an unexpected error is logged, and its internals never reach the result', async () => {
    const boom = new Error('duplicate key value violates unique constraint "users_email_key"');
    const result = await asActionResult(failWith(boom));
    expect(result).toEqual({ ok: false, error: GENERIC });
    expect(JSON.stringify(result)).not.toContain('users_email_key');
    expect(consoleError).toHaveBeenCalledWith('server action failed', boom);
  });

  it('a thrown non-Error value is handled the same way', async () => {
    await expect(asActionResult(failWith('a string'))).resolves.toEqual({ ok: false, error: GENERIC });
    await expect(asActionResult(failWith(undefined))).resolves.toEqual({ ok: false, error: GENERIC });
    expect(consoleError).toHaveBeenCalledTimes(2);
  });

  it('a synchronous throw inside run is caught too', async () => {
    const run = (): Promise<MutationResult> => {
      throw new NotFoundError('Gone.');
    };
    await expect(asActionResult(run)).resolves.toEqual({ ok: false, error: 'Gone.' });
  });

  it.each(['NEXT_REDIRECT;replace;/sign-in;307;', 'NEXT_HTTP_ERROR_FALLBACK;404', 'NEXT_NOT_FOUND'])(
    'lets Next’s control-flow error (digest %s) through',
    async (digest) => {
      const signal = Object.assign(new Error(digest), { digest });
      await expect(asActionResult(failWith(signal))).rejects.toBe(signal);
      expect(consoleError).not.toHaveBeenCalled();
    },
  );

  it('an error whose digest is not Next’s is still swallowed', async () => {
    await expect(asActionResult(failWith(Object.assign(new Error('x'), { digest: 'DYNAMIC_SERVER_USAGE' })))).resolves.toEqual({
      ok: false,
      error: GENERIC,
    });
    await expect(asActionResult(failWith(Object.assign(new Error('x'), { digest: 42 })))).resolves.toEqual({ ok: false, error: GENERIC });
  });

  it('a non-Error object with a NEXT_ digest is not rethrown', async () => {
    await expect(asActionResult(failWith({ digest: 'NEXT_REDIRECT' }))).resolves.toEqual({ ok: false, error: GENERIC });
  });
});
