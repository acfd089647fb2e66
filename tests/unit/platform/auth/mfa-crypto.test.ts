import { describe, expect, it } from 'vitest';
import { decryptTotpSecret, deriveMfaKey, encryptTotpSecret } from '@/lib/platform/auth/mfa-crypto';

const key = deriveMfaKey('a-server-secret-of-at-least-32-characters!');
const USER = '6f1c1a8e-1d2b-4c3d-8e4f-0000000000a1';
const OTHER_USER = '6f1c1a8e-1d2b-4c3d-8e4f-0000000000b2';
const SECRET = 'JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP';

function flipByte(payload: string, index: number): string {
  const [version, body = ''] = payload.split('.');
  const raw = Buffer.from(body, 'base64url');
  raw[index] = (raw[index] ?? 0) ^ 0x01;
  return `${version}.${raw.toString('base64url')}`;
}

describe('TOTP secret encryption (AES-256-GCM, key from NEXTAUTH_SECRET)', () => {
  it('round-trips, and never contains the secret in clear', () => {
    const payload = encryptTotpSecret(SECRET, key, USER);
    expect(payload).toMatch(/^v1\.[A-Za-z0-9_-]+$/);
    expect(payload).not.toContain(SECRET);
    expect(decryptTotpSecret(payload, key, USER)).toBe(SECRET);
  });

  it('uses a fresh IV each time', () => {
    expect(encryptTotpSecret(SECRET, key, USER)).not.toBe(encryptTotpSecret(SECRET, key, USER));
  });

  it('derives the same key from the same server secret and a different one from another', () => {
    expect(deriveMfaKey('a-server-secret-of-at-least-32-characters!').equals(key)).toBe(true);
    expect(deriveMfaKey('another-server-secret-of-32-characters-plus').equals(key)).toBe(false);
    expect(key).toHaveLength(32);
    expect(() => deriveMfaKey('short')).toThrow(/at least 32/);
  });

  it('detects tampering with the IV, the tag or the ciphertext', () => {
    const payload = encryptTotpSecret(SECRET, key, USER);
    for (const index of [0, 12, 28, 30]) expect(() => decryptTotpSecret(flipByte(payload, index), key, USER)).toThrow();
  });

  it('refuses a ciphertext moved to another account, made with another key, truncated or unversioned', () => {
    const payload = encryptTotpSecret(SECRET, key, USER);
    expect(() => decryptTotpSecret(payload, key, OTHER_USER)).toThrow();
    expect(() => decryptTotpSecret(payload, deriveMfaKey('another-server-secret-of-32-characters-plus'), USER)).toThrow();
    expect(() => decryptTotpSecret(payload.slice(0, 20), key, USER)).toThrow();
    expect(() => decryptTotpSecret(payload.replace(/^v1\./, 'v0.'), key, USER)).toThrow(/Unrecognised/);
    expect(() => decryptTotpSecret(SECRET, key, USER)).toThrow();
  });
});
