import { afterEach, beforeEach, describe, expect, it, vi, type MockInstance } from 'vitest';
import { asActionResult } from '@/lib/platform/action-result';
import {
  DATABASE_RETRY_AFTER_SECONDS,
  DATABASE_UNAVAILABLE_MESSAGE,
  DATABASE_UNAVAILABLE_SAVE_MESSAGE,
  databaseUnavailableResponse,
  describeUnavailable,
  isDatabaseUnavailable,
} from '@/lib/platform/db/unavailable';

/** An error shaped like the driver's: Node system errors and postgres.js errors both carry `code`. */
function coded(code: string, message = `failed: ${code}`): Error {
  return Object.assign(new Error(message), { code });
}
/** drizzle wraps the driver's error: "Failed query: <sql>" with the original in `cause`. */
function drizzleWrapped(cause: unknown): Error {
  return new Error('Failed query: select "id" from "patients" where "id" = $1\nparams: secret', { cause });
}

describe('isDatabaseUnavailable', () => {
  it.each([
    'ECONNREFUSED', // nothing listening: PostgreSQL stopped
    'ECONNRESET',
    'ETIMEDOUT',
    'EHOSTUNREACH',
    'CONNECTION_CLOSED', // postgres.js: the server closed the socket mid-query
    'CONNECTION_ENDED',
    'CONNECTION_DESTROYED',
    'CONNECT_TIMEOUT', // postgres.js: connect_timeout elapsed
    '57P01', // admin_shutdown: pg_ctl stop -m fast terminated the backend
    '57P02', // crash_shutdown
    '57P03', // cannot_connect_now: starting up / shutting down
    '08006', // connection_failure
    '08001',
    '53300', // too_many_connections
  ])('recognises %s, bare and wrapped by drizzle', (code) => {
    expect(isDatabaseUnavailable(coded(code))).toBe(true);
    expect(isDatabaseUnavailable(drizzleWrapped(coded(code)))).toBe(true);
    expect(describeUnavailable(drizzleWrapped(coded(code)))).toBe(code);
  });

  it('recognises a refused dual-stack connect (AggregateError of one error per address)', () => {
    const aggregate = Object.assign(new AggregateError([coded('ECONNREFUSED'), coded('ECONNREFUSED')], 'connect failed'), {});
    expect(isDatabaseUnavailable(aggregate)).toBe(true);
    expect(isDatabaseUnavailable(drizzleWrapped(aggregate))).toBe(true);
    expect(describeUnavailable(aggregate)).toBe('ECONNREFUSED');
  });

  it.each([
    ['a unique violation', coded('23505')],
    ['a check violation', coded('23514')],
    ['a syntax error', coded('42601')],
    ['serialization failure (a retryable conflict, not an outage)', coded('40001')],
    ['a plain bug', new TypeError("Cannot read properties of undefined (reading 'id')")],
    ['a wrapped constraint error', drizzleWrapped(coded('23503'))],
  ])('does not treat %s as an outage', (_label, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
    expect(describeUnavailable(error)).toBe('unknown');
  });

  it('is safe on non-errors and cyclic causes', () => {
    expect(isDatabaseUnavailable(undefined)).toBe(false);
    expect(isDatabaseUnavailable(null)).toBe(false);
    expect(isDatabaseUnavailable('ECONNREFUSED')).toBe(false);
    expect(isDatabaseUnavailable({ code: 12 })).toBe(false);
    const a: { cause?: unknown } = {};
    const b = { cause: a };
    a.cause = b;
    expect(isDatabaseUnavailable(a)).toBe(false);
  });

  it('stops looking after a bounded depth of causes', () => {
    let error: unknown = coded('ECONNREFUSED');
    for (let i = 0; i < 10; i++) error = new Error('wrap', { cause: error });
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe('the outage answers', () => {
  let consoleError: MockInstance<typeof console.error>;
  beforeEach(() => {
    consoleError = vi.spyOn(console, 'error').mockImplementation(() => {});
  });
  afterEach(() => consoleError.mockRestore());

  it('a server action during an outage returns the clear message, and logs no SQL or stack', async () => {
    const result = await asActionResult(() => Promise.reject(drizzleWrapped(coded('ECONNREFUSED'))));
    expect(result).toEqual({ ok: false, error: DATABASE_UNAVAILABLE_SAVE_MESSAGE });
    expect(DATABASE_UNAVAILABLE_SAVE_MESSAGE).toContain('Axis is temporarily unavailable — please try again in a minute.');
    expect(DATABASE_UNAVAILABLE_SAVE_MESSAGE).toContain('Your changes were not saved');
    expect(consoleError).toHaveBeenCalledTimes(1);
    const logged = consoleError.mock.calls.flat().map(String).join(' ');
    expect(logged).toContain('ECONNREFUSED');
    expect(logged).not.toContain('select');
  });

  it('any other failure still gets the generic message', async () => {
    const result = await asActionResult(() => Promise.reject(drizzleWrapped(coded('23514'))));
    expect(result).toEqual({ ok: false, error: expect.stringContaining('Something went wrong') });
  });

  it('a route handler answers 503 with Retry-After and the plain message only', async () => {
    const response = databaseUnavailableResponse();
    expect(response.status).toBe(503);
    expect(response.headers.get('retry-after')).toBe(String(DATABASE_RETRY_AFTER_SECONDS));
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(await response.text()).toBe(DATABASE_UNAVAILABLE_MESSAGE);
  });
});
