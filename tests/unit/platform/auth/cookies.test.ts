import { afterEach, describe, expect, it, vi } from 'vitest';
import { authCookies, usesSecureCookies } from '@/lib/platform/auth/cookies';

describe('next-auth cookies', () => {
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.resetModules();
  });

  it('over HTTPS: Secure, __Secure-/__Host- prefixed, httpOnly, SameSite=Lax, Path=/', () => {
    const cookies = authCookies(true);
    expect(cookies.sessionToken).toEqual({ name: '__Secure-next-auth.session-token', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } });
    expect(cookies.csrfToken).toEqual({ name: '__Host-next-auth.csrf-token', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } });
    expect(cookies.callbackUrl).toEqual({ name: '__Secure-next-auth.callback-url', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: true } });
  });

  it('over plain HTTP (local development): httpOnly and SameSite=Lax, without Secure or a prefix', () => {
    const cookies = authCookies(false);
    expect(cookies.sessionToken).toEqual({ name: 'next-auth.session-token', options: { httpOnly: true, sameSite: 'lax', path: '/', secure: false } });
    expect(cookies.csrfToken?.name).toBe('next-auth.csrf-token');
  });

  it('decides from the public URL', () => {
    expect(usesSecureCookies('https://axis.example.org')).toBe(true);
    expect(usesSecureCookies('HTTPS://axis.example.org')).toBe(true);
    expect(usesSecureCookies('http://localhost:3000')).toBe(false);
    expect(usesSecureCookies(undefined)).toBe(false);
  });

  it('authOptions use them when NEXTAUTH_URL is https, and also ask next-auth for secure cookies', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'https://axis.example.org');
    vi.resetModules();
    const { authOptions } = await import('@/lib/platform/auth/options');
    expect(authOptions.useSecureCookies).toBe(true);
    expect(authOptions.cookies?.sessionToken?.name).toBe('__Secure-next-auth.session-token');
    expect(authOptions.cookies?.sessionToken?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true });
    expect(authOptions.cookies?.csrfToken?.options).toMatchObject({ httpOnly: true, sameSite: 'lax', secure: true });
  });

  it('authOptions over http use unprefixed, non-Secure cookies that are still httpOnly', async () => {
    vi.stubEnv('NEXTAUTH_URL', 'http://localhost:3100');
    vi.resetModules();
    const { authOptions } = await import('@/lib/platform/auth/options');
    expect(authOptions.useSecureCookies).toBe(false);
    expect(authOptions.cookies?.sessionToken).toEqual({ name: 'next-auth.session-token', options: expect.objectContaining({ httpOnly: true, secure: false }) });
  });
});
