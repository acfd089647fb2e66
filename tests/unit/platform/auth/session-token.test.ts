import { encode } from 'next-auth/jwt';
import { describe, expect, it } from 'vitest';
import { authCookies } from '../../../../lib/platform/auth/cookies';
import { sessionIdFromCookies, type CookieJar } from '../../../../lib/platform/auth/session-token';

// The session cookie is written by next-auth's own encode, as sign-in writes it; the reader must
// accept exactly what getServerSession accepted and nothing else.

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const NAME = authCookies(false).sessionToken?.name ?? '';
const SECURE_NAME = authCookies(true).sessionToken?.name ?? '';
const options = { secret: SECRET, cookieName: NAME, secure: false };

function jar(cookies: Record<string, string>): CookieJar {
  return { getAll: () => Object.entries(cookies).map(([name, value]) => ({ name, value })) };
}

async function cookieFor(token: Record<string, unknown>, maxAge = 3600, secret = SECRET): Promise<string> {
  return encode({ token, secret, maxAge });
}

describe('sessionIdFromCookies', () => {
  it('reads the session id from a cookie next-auth wrote', async () => {
    const value = await cookieFor({ sid: 'session-1', name: 'Dr A', email: 'a@axis.test' });
    expect(await sessionIdFromCookies(jar({ [NAME]: value }), options)).toBe('session-1');
  });

  it('reads the __Secure- cookie over HTTPS, and only that one', async () => {
    const value = await cookieFor({ sid: 'session-2' });
    expect(await sessionIdFromCookies(jar({ [SECURE_NAME]: value }), { ...options, cookieName: SECURE_NAME, secure: true })).toBe('session-2');
    expect(await sessionIdFromCookies(jar({ [NAME]: value }), { ...options, cookieName: SECURE_NAME, secure: true })).toBeNull();
  });

  it('reassembles a cookie next-auth split into chunks', async () => {
    const value = await cookieFor({ sid: 'session-3', padding: 'x'.repeat(5000) });
    const half = Math.ceil(value.length / 2);
    expect(await sessionIdFromCookies(jar({ [`${NAME}.1`]: value.slice(half), [`${NAME}.0`]: value.slice(0, half) }), options)).toBe('session-3');
  });

  it('is null without a cookie, or with one that carries no session id', async () => {
    expect(await sessionIdFromCookies(jar({}), options)).toBeNull();
    expect(await sessionIdFromCookies(jar({ 'other-cookie': 'x' }), options)).toBeNull();
    expect(await sessionIdFromCookies(jar({ [NAME]: await cookieFor({ name: 'no sid' }) }), options)).toBeNull();
    expect(await sessionIdFromCookies(jar({ [NAME]: await cookieFor({ sid: '' }) }), options)).toBeNull();
    expect(await sessionIdFromCookies(jar({ [NAME]: await cookieFor({ sid: 42 }) }), options)).toBeNull();
  });

  it('refuses a cookie encrypted under another secret, altered, or not a token at all', async () => {
    const foreign = await cookieFor({ sid: 'session-4' }, 3600, 'another-secret-that-is-long-enough-9876543210');
    expect(await sessionIdFromCookies(jar({ [NAME]: foreign }), options)).toBeNull();
    const value = await cookieFor({ sid: 'session-4' });
    const parts = value.split('.');
    const ciphertext = parts[3] ?? '';
    parts[3] = (ciphertext[0] === 'A' ? 'B' : 'A') + ciphertext.slice(1);
    expect(await sessionIdFromCookies(jar({ [NAME]: parts.join('.') }), options)).toBeNull();
    for (const junk of ['', 'garbage', "'; drop table sessions; --", 'a.b.c.d.e', '%00%ff']) {
      expect(await sessionIdFromCookies(jar({ [NAME]: junk }), options)).toBeNull();
    }
  });

  it('refuses an expired cookie (beyond next-auth’s 15 s tolerance)', async () => {
    expect(await sessionIdFromCookies(jar({ [NAME]: await cookieFor({ sid: 'session-5' }, -60) }), options)).toBeNull();
  });
});
