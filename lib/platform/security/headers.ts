// The security headers every response carries, built in one place so proxy.ts stays thin and the
// policy is unit-tested. No server-only import: proxy.ts runs before the app's React server layer.

export interface SecurityHeaderOptions {
  /** This request's CSP nonce (random, base64). */
  nonce: string;
  /** `next dev` only: React's dev tooling evaluates code (stack reconstruction) and Next's HMR uses a websocket. */
  development: boolean;
  /** The app is served to browsers over HTTPS (NODE_ENV=production and an https:// NEXTAUTH_URL). */
  https: boolean;
}

/** A fresh nonce: 16 random bytes, base64, for one response only. */
export function createNonce(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return btoa(String.fromCharCode(...bytes));
}

export function contentSecurityPolicy({ nonce, development, https }: SecurityHeaderOptions): string {
  const directives: [string, ...string[]][] = [
    ['default-src', "'self'"],
    // Only scripts carrying this response's nonce run, plus what they load ('strict-dynamic'): Next
    // stamps the nonce on its own inline and bundle scripts when it finds it in the request's CSP
    // header. 'self' is ignored by browsers that support 'strict-dynamic' and kept for older ones.
    ['script-src', "'self'", `'nonce-${nonce}'`, "'strict-dynamic'", ...(development ? ["'unsafe-eval'"] : [])],
    // Styles: React renders `style` attributes into the server HTML (chart sizes, legend swatches) and
    // a nonce cannot cover attributes; a nonce in this list would also switch 'unsafe-inline' off.
    // Injected CSS cannot run code, and script-src above stays strict, so the trade is accepted.
    ['style-src', "'self'", "'unsafe-inline'"],
    // Chart.js draws to <canvas>; data: covers the tiny inline icons browsers and Next may use.
    ['img-src', "'self'", 'data:', 'blob:'],
    ['font-src', "'self'"],
    ['connect-src', "'self'", ...(development ? ['ws:'] : [])],
    ['object-src', "'none'"],
    ['base-uri', "'none'"],
    ['form-action', "'self'"],
    ['frame-ancestors', "'none'"],
    ['frame-src', "'none'"],
    ['worker-src', "'self'"],
    ['manifest-src', "'self'"],
  ];
  // Over HTTPS, any stray http:// subresource is fetched over https instead of being blocked.
  const policy = directives.map((d) => d.join(' '));
  if (https) policy.push('upgrade-insecure-requests');
  return policy.join('; ');
}

/**
 * Headers that do not vary per request. proxy.ts sets them on every response; next.config.js repeats
 * them for every path as a safety net should the proxy ever be skipped (a unit test keeps the two equal).
 */
export const STATIC_SECURITY_HEADERS: Readonly<Record<string, string>> = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'X-Frame-Options': 'DENY',
  'Permissions-Policy': 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-DNS-Prefetch-Control': 'off',
};

/**
 * Kept files served for download (lib/documents: a lab's PDF). Whatever a browser does with one, it is never a page
 * of this site: no script, no plugin, no same-origin access (`sandbox`), nothing loaded (`default-src 'none'`), and
 * never framed. Set here, by the proxy, because the proxy's headers replace a route handler's own.
 */
export const DOWNLOAD_CONTENT_SECURITY_POLICY = "sandbox; default-src 'none'; frame-ancestors 'none'";

/** Paths whose responses are kept files, not pages: they get DOWNLOAD_CONTENT_SECURITY_POLICY. */
export function isKeptFilePath(pathname: string): boolean {
  return pathname.startsWith('/api/documents/');
}

/**
 * Headers set by proxy.ts on every response. Strict-Transport-Security only when the app is served
 * over HTTPS in production: browsers ignore it over plain HTTP anyway, and pinning http://localhost
 * to HTTPS during development or the test suite would break it for a year.
 */
export function securityHeaders(options: SecurityHeaderOptions): Record<string, string> {
  const headers: Record<string, string> = { ...STATIC_SECURITY_HEADERS, 'Content-Security-Policy': contentSecurityPolicy(options) };
  if (options.https && !options.development) headers['Strict-Transport-Security'] = 'max-age=63072000; includeSubDomains';
  return headers;
}


/** Is the public URL https (production behind TLS)? Read from NEXTAUTH_URL, which next-auth needs anyway. */
export function servedOverHttps(env: { NODE_ENV?: string; NEXTAUTH_URL?: string }): boolean {
  return env.NODE_ENV === 'production' && typeof env.NEXTAUTH_URL === 'string' && env.NEXTAUTH_URL.startsWith('https://');
}
