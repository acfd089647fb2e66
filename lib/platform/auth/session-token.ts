import 'server-only';
import { getToken } from 'next-auth/jwt';

// Every page, action and route handler asks which session its cookie names. next-auth's
// getServerSession answers by running its whole session endpoint: it decrypts the JWT, runs the
// callbacks, then encrypts a refreshed JWT (a fresh HKDF key derivation and AES-GCM pass) for a
// Set-Cookie that a Server Component, action or route handler calling it cannot send, so next-auth
// drops it. Only the decryption is needed. getToken is next-auth's own reader of its cookie (chunked
// cookies included, with the same key derivation and the same 15 s clock tolerance on expiry), so
// what it accepts is exactly what getServerSession would have accepted.

/** The cookies of a request, as next/headers and NextRequest both give them. */
export interface CookieJar {
  getAll(): { name: string; value: string }[];
}

/**
 * The server-side session id carried by the session cookie, or null when there is none, or it is
 * expired, forged, or encrypted under another secret. The session row itself is checked afterwards
 * (lib/platform/auth/sessions.ts), so a revoked session is refused however valid its cookie.
 */
export async function sessionIdFromCookies(jar: CookieJar, options: { secret: string; cookieName: string; secure: boolean }): Promise<string | null> {
  const token = await getToken({
    // Only the cookies: getToken would also accept an "Authorization: Bearer" header, which
    // getServerSession never reads and Axis never issues.
    req: { cookies: jar, headers: new Headers() } as unknown as Parameters<typeof getToken>[0]['req'],
    secret: options.secret,
    cookieName: options.cookieName,
    secureCookie: options.secure,
  });
  return typeof token?.sid === 'string' && token.sid.length > 0 ? token.sid : null;
}
