import { createRequire } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, createNonce, DOWNLOAD_CONTENT_SECURITY_POLICY, isKeptFilePath, securityHeaders, servedOverHttps, STATIC_SECURITY_HEADERS } from '@/lib/platform/security/headers';

function directives(policy: string): Map<string, string[]> {
  return new Map(
    policy.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
}

const production = { nonce: 'abc123==', development: false, https: false };

describe('contentSecurityPolicy', () => {
  it('production scripts: only the nonce and what it loads; no unsafe-inline or unsafe-eval', () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp.get('script-src')).toEqual(["'self'", "'nonce-abc123=='", "'strict-dynamic'"]);
    expect(contentSecurityPolicy(production)).not.toContain('unsafe-eval');
    expect(csp.get('script-src')).not.toContain("'unsafe-inline'");
  });

  it('locks down everything else', () => {
    const csp = directives(contentSecurityPolicy(production));
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('object-src')).toEqual(["'none'"]);
    expect(csp.get('base-uri')).toEqual(["'none'"]);
    expect(csp.get('form-action')).toEqual(["'self'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(csp.get('connect-src')).toEqual(["'self'"]);
    // No nonce in style-src: it would make browsers ignore 'unsafe-inline' and block React's style attributes.
    expect(csp.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect(csp.has('upgrade-insecure-requests')).toBe(false);
  });

  it('development adds only what next dev needs (eval for React tooling, the HMR websocket)', () => {
    const csp = directives(contentSecurityPolicy({ ...production, development: true }));
    expect(csp.get('script-src')).toContain("'unsafe-eval'");
    expect(csp.get('connect-src')).toEqual(["'self'", 'ws:']);
  });

  it('over HTTPS upgrades stray http subresources', () => {
    expect(directives(contentSecurityPolicy({ ...production, https: true })).has('upgrade-insecure-requests')).toBe(true);
  });
});

describe('kept files (a lab’s PDF)', () => {
  it('get a sandbox policy that loads nothing and cannot be framed, on the document file route only', () => {
    const csp = directives(DOWNLOAD_CONTENT_SECURITY_POLICY);
    expect(csp.has('sandbox')).toBe(true);
    expect(csp.get('default-src')).toEqual(["'none'"]);
    expect(csp.get('frame-ancestors')).toEqual(["'none'"]);
    expect(isKeptFilePath('/api/documents/0b8e7c1a-51f5-4c1e-9d7e-2f3a4b5c6d7e/download')).toBe(true);
    for (const page of ['/patients/x/documents', '/portal/documents/x', '/api/photos/x/thumb', '/api/documentsx']) expect(isKeptFilePath(page)).toBe(false);
  });
});

describe('securityHeaders', () => {
  it('carries the static headers and the CSP; HSTS only in production over HTTPS', () => {
    const plain = securityHeaders(production);
    expect(plain).toMatchObject(STATIC_SECURITY_HEADERS);
    expect(plain['Content-Security-Policy']).toContain("'nonce-abc123=='");
    expect(plain['Strict-Transport-Security']).toBeUndefined();
    const hsts = securityHeaders({ ...production, https: true })['Strict-Transport-Security'];
    expect(hsts).toMatch(/includeSubDomains/);
    expect(Number(/max-age=(\d+)/.exec(hsts ?? '')?.[1])).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(securityHeaders({ ...production, https: true, development: true })['Strict-Transport-Security']).toBeUndefined();
  });

  it('servedOverHttps needs production and an https public URL', () => {
    expect(servedOverHttps({ NODE_ENV: 'production', NEXTAUTH_URL: 'https://axis.example.org' })).toBe(true);
    expect(servedOverHttps({ NODE_ENV: 'production', NEXTAUTH_URL: 'http://localhost:3000' })).toBe(false);
    expect(servedOverHttps({ NODE_ENV: 'production' })).toBe(false);
    expect(servedOverHttps({ NODE_ENV: 'development', NEXTAUTH_URL: 'https://axis.example.org' })).toBe(false);
  });

  it('nonces are fresh, base64 and 16 bytes', () => {
    const seen = new Set(Array.from({ length: 200 }, createNonce));
    expect(seen.size).toBe(200);
    for (const nonce of seen) expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
  });

  it('next.config.js repeats exactly the static headers for every path', async () => {
    const require = createRequire(import.meta.url);
    const config = require(path.resolve(import.meta.dirname, '../../../../next.config.js')) as { headers: () => Promise<{ source: string; headers: { key: string; value: string }[] }[]> };
    const rules = await config.headers();
    expect(rules).toHaveLength(1);
    expect(rules[0]?.source).toBe('/:path*');
    expect(Object.fromEntries((rules[0]?.headers ?? []).map((h) => [h.key, h.value]))).toEqual(STATIC_SECURITY_HEADERS);
  });
});
