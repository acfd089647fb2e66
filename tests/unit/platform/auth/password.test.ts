import { describe, it, expect } from 'vitest';
import { hashPassword, verifyPassword } from '@/lib/platform/auth/password';
import { PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '@/lib/platform/auth/password-rules';
import { createUserSchema } from '@/lib/users/schema';

// argon2 with 64 MiB memory takes a moment per hash; keep the count low and the timeout generous.
const SLOW = 30_000;

describe('hashPassword / verifyPassword', () => {
  it(
    'hashes with argon2id at the library defaults (m=64 MiB, t=3, p=4) and a fresh salt each time',
    async () => {
      const a = await hashPassword('correct horse battery staple');
      const b = await hashPassword('correct horse battery staple');
      expect(a.startsWith('$argon2id$')).toBe(true);
      const match = /^\$argon2id\$v=19\$([^$]+)\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$/.exec(a);
      expect(match).not.toBeNull();
      // PHC parameter order differs between argon2 builds; compare as a set.
      const params = Object.fromEntries((match?.[1] ?? '').split(',').map((kv) => kv.split('=')));
      expect(params).toEqual({ m: '65536', t: '3', p: '4' });
      expect(a).not.toBe(b);
      expect(a).not.toContain('correct horse');
    },
    SLOW,
  );

  it(
    'verifies the right password and refuses a wrong one',
    async () => {
      const hash = await hashPassword('correct horse battery staple');
      expect(await verifyPassword(hash, 'correct horse battery staple')).toBe(true);
      expect(await verifyPassword(hash, 'correct horse battery stapl')).toBe(false);
      expect(await verifyPassword(hash, 'Correct horse battery staple')).toBe(false);
      expect(await verifyPassword(hash, '')).toBe(false);
    },
    SLOW,
  );

  it(
    'handles non-ASCII passwords byte-exactly',
    async () => {
      const hash = await hashPassword('pässwörd-über-lang 🔑');
      expect(await verifyPassword(hash, 'pässwörd-über-lang 🔑')).toBe(true);
      expect(await verifyPassword(hash, 'passwörd-über-lang 🔑')).toBe(false);
    },
    SLOW,
  );

  it(
    'a missing hash (unknown account) is always false, even for the timing-equaliser password',
    async () => {
      expect(await verifyPassword(null, 'anything at all here')).toBe(false);
      expect(await verifyPassword(null, 'axis-timing-equaliser')).toBe(false);
      expect(await verifyPassword('', 'axis-timing-equaliser')).toBe(false);
    },
    SLOW,
  );

  it.each([
    ['not a hash', 'plain text'],
    ['bcrypt', '$2b$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy'],
    ['truncated argon2id', '$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ'],
    ['garbage parameters', '$argon2id$v=19$m=x,t=y,p=z$c29tZXNhbHQ$aGFzaA'],
  ])('a malformed stored hash (%s) is refused, not thrown', async (_name, hash) => {
    await expect(verifyPassword(hash, 'whatever password')).resolves.toBe(false);
  });
});

describe('password rules', () => {
  it('long beats complex: 12 to 256 characters', () => {
    expect(PASSWORD_MIN_LENGTH).toBe(12);
    expect(PASSWORD_MAX_LENGTH).toBe(256);
  });

  // The rules are enforced through the admin's create-user form schema.
  const base = { name: 'Ada Lovelace', email: 'ada@example.org', role: 'admin' as const };
  const passwordErrors = (password: unknown) => {
    const result = createUserSchema.safeParse({ ...base, password });
    return result.success ? [] : result.error.issues.filter((i) => i.path[0] === 'password').map((i) => i.message);
  };

  it('accepts passwords of 12 and 256 characters, with no complexity rules', () => {
    expect(passwordErrors('a'.repeat(PASSWORD_MIN_LENGTH))).toEqual([]);
    expect(passwordErrors('all lower case words')).toEqual([]);
    expect(passwordErrors('x'.repeat(PASSWORD_MAX_LENGTH))).toEqual([]);
  });

  it('refuses 11 characters with the minimum stated', () => {
    expect(passwordErrors('a'.repeat(PASSWORD_MIN_LENGTH - 1))).toEqual(['Use at least 12 characters.']);
    expect(passwordErrors('')).toEqual(['Use at least 12 characters.']);
  });

  it('refuses 257 characters with the maximum stated', () => {
    expect(passwordErrors('a'.repeat(PASSWORD_MAX_LENGTH + 1))).toEqual(['Use at most 256 characters.']);
  });

  it('does not trim: surrounding spaces count and are kept', () => {
    const result = createUserSchema.safeParse({ ...base, password: '  eleven ch  ' });
    expect(result.success).toBe(true);
    if (result.success) expect(result.data.password).toBe('  eleven ch  ');
    expect(passwordErrors('     short ')).toEqual(['Use at least 12 characters.']);
  });
});
