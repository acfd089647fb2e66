import 'server-only';
import { cookies } from 'next/headers';
import { authOptions } from './options';

// next-auth v4 answers a whole request with 500 ("There is a problem with the server configuration")
// when the callback URL in its cookie or in the query is not "/…" or an absolute http(s) URL, and
// throws from getServerSession for such a cookie. Both come from the visitor (a stale or hand-made
// cookie, a pasted link), so they are treated as absent instead: the default callback is home.

/** The test next-auth applies (core/lib/assert.js), so what passes here passes there. */
export function isUsableCallbackUrl(value: string): boolean {
  try {
    const url = new URL(value, value.startsWith('/') ? 'http://localhost' : undefined);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}

export function callbackUrlCookieName(): string {
  return authOptions.cookies?.callbackUrl?.name ?? 'next-auth.callback-url';
}

/** Whether this request carries a callback-URL cookie next-auth would refuse. */
export async function hasUnusableCallbackCookie(): Promise<boolean> {
  const value = (await cookies()).get(callbackUrlCookieName())?.value;
  return value !== undefined && !isUsableCallbackUrl(value);
}
