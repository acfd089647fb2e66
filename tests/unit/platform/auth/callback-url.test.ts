import { describe, expect, it, vi } from 'vitest';

vi.mock('next/headers', () => ({ cookies: async () => ({ get: () => undefined }) }));
const { isUsableCallbackUrl } = await import('../../../../lib/platform/auth/callback-url');

// next-auth answers 500 to a callback URL it cannot use; these are the ones dropped before it sees them.

describe('isUsableCallbackUrl', () => {
  it('accepts site paths and absolute http(s) URLs, as next-auth does', () => {
    for (const url of ['/', '/patients', '//evil.example/x', 'http://localhost:3000/portal', 'https://evil.example/']) expect(isUsableCallbackUrl(url)).toBe(true);
  });

  it('refuses what next-auth would turn into a server error', () => {
    for (const url of ['', '_', "'; drop table patients; --", 'javascript:alert(1)', 'data:text/html,x', '?#_[k{(', 'evil.example']) {
      expect(isUsableCallbackUrl(url)).toBe(false);
    }
  });
});
