// next-auth's cookies, spelled out rather than left to defaults, so a review can see (and a unit test
// pins) every attribute. All are httpOnly: no script of ours reads them, so an injected one cannot.
// SameSite=Lax keeps them off cross-site POSTs (and next-auth checks its CSRF token besides) while a
// link to Axis from an email still opens signed in. Over HTTPS they are Secure and carry the
// __Secure- prefix (__Host- for the CSRF token: also no Domain, Path=/), which browsers refuse to
// accept from plain HTTP or a sibling subdomain.
import type { CookiesOptions } from 'next-auth';

export function usesSecureCookies(publicUrl: string | undefined): boolean {
  return Boolean(publicUrl?.toLowerCase().startsWith('https://'));
}

export function authCookies(secure: boolean): Partial<CookiesOptions> {
  const options = { httpOnly: true, sameSite: 'lax' as const, path: '/', secure };
  const prefix = secure ? '__Secure-' : '';
  return {
    sessionToken: { name: `${prefix}next-auth.session-token`, options },
    callbackUrl: { name: `${prefix}next-auth.callback-url`, options },
    csrfToken: { name: `${secure ? '__Host-' : ''}next-auth.csrf-token`, options },
  };
}
