import { NextResponse, type NextRequest } from 'next/server';
import { createNonce, DOWNLOAD_CONTENT_SECURITY_POLICY, isKeptFilePath, securityHeaders, servedOverHttps } from '@/lib/platform/security/headers';

// Runs before every request (pages, route handlers, server actions, static assets, 404s): a fresh CSP
// nonce per request and the security headers on the response. Next reads the nonce from the
// Content-Security-Policy *request* header set here and stamps it on its own scripts while rendering
// (every page renders per request: app/layout.tsx awaits connection()). No authorization happens
// here: the data layer decides who sees what (lib/platform/access).

export function proxy(request: NextRequest): NextResponse {
  const nonce = createNonce();
  const headers = securityHeaders({
    nonce,
    development: process.env.NODE_ENV === 'development',
    https: servedOverHttps({ NODE_ENV: process.env.NODE_ENV, NEXTAUTH_URL: process.env.NEXTAUTH_URL }),
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set('x-nonce', nonce);
  requestHeaders.set('Content-Security-Policy', headers['Content-Security-Policy'] ?? '');
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  // A kept file (a lab's PDF) is never a page of the site, whatever the browser makes of it.
  if (isKeptFilePath(request.nextUrl.pathname)) response.headers.set('Content-Security-Policy', DOWNLOAD_CONTENT_SECURITY_POLICY);
  return response;
}
