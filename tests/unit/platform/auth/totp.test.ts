import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import {
  checkTotpCode,
  hashRecoveryCode,
  isWellFormedRecoveryCode,
  looksLikeTotpCode,
  newRecoveryCodes,
  newTotpSecret,
  normaliseRecoveryCode,
  totpCodeAt,
  totpStep,
  totpUri,
} from '@/lib/platform/auth/totp';

// RFC 6238 appendix B: the SHA-1 test secret "12345678901234567890" and its published codes.
const RFC_SECRET = Secret.fromUTF8('12345678901234567890').base32;
const secret = newTotpSecret();
// The start of a 30-second step, so ±1 step is exactly ±30 s.
const T = new Date(Math.floor(Date.UTC(2031, 2, 4, 9, 0, 0) / 30_000) * 30_000);
const plus = (seconds: number) => new Date(T.getTime() + seconds * 1000);

describe('TOTP codes', () => {
  it('match the RFC 6238 SHA-1 test vectors (last 6 digits)', () => {
    expect(totpCodeAt(RFC_SECRET, new Date(59_000))).toBe('287082');
    expect(totpCodeAt(RFC_SECRET, new Date(1111111109_000))).toBe('081804');
    expect(totpCodeAt(RFC_SECRET, new Date(20000000000_000))).toBe('353130');
  });

  it('makes 160-bit base32 secrets, different each time', () => {
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(newTotpSecret()).not.toBe(secret);
  });

  it('puts issuer, account and parameters in the otpauth URI', () => {
    const uri = totpUri(secret, 'elena.rivera@axis.test');
    expect(uri).toMatch(/^otpauth:\/\/totp\/Axis:elena\.rivera%40axis\.test\?/);
    expect(uri).toContain(`secret=${secret}`);
    expect(uri).toContain('issuer=Axis');
    expect(uri).toContain('digits=6');
    expect(uri).toContain('period=30');
  });

  it('accepts the current step and one step of drift either way, and reports the step matched', () => {
    const now = T;
    expect(checkTotpCode(secret, totpCodeAt(secret, now), now, null)).toEqual({ ok: true, step: totpStep(now) });
    // The phone is 30 s behind / ahead.
    expect(checkTotpCode(secret, totpCodeAt(secret, plus(-30)), now, null)).toEqual({ ok: true, step: totpStep(now) - 1 });
    expect(checkTotpCode(secret, totpCodeAt(secret, plus(30)), now, null)).toEqual({ ok: true, step: totpStep(now) + 1 });
    // Last second of the step: still the same step.
    expect(checkTotpCode(secret, totpCodeAt(secret, now), plus(29.999), null)).toEqual({ ok: true, step: totpStep(now) });
  });

  it('refuses codes two steps away', () => {
    expect(checkTotpCode(secret, totpCodeAt(secret, plus(-60)), T, null)).toEqual({ ok: false, reason: 'wrong' });
    expect(checkTotpCode(secret, totpCodeAt(secret, plus(60)), T, null)).toEqual({ ok: false, reason: 'wrong' });
  });

  it('refuses a code for a step at or before the last one accepted (replay), but not a later one', () => {
    const step = totpStep(T);
    const code = totpCodeAt(secret, T);
    expect(checkTotpCode(secret, code, T, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotpCode(secret, code, plus(15), step)).toEqual({ ok: false, reason: 'replayed' });
    // The previous step's code, still inside the drift window, after the current one was used.
    expect(checkTotpCode(secret, totpCodeAt(secret, plus(-30)), T, step)).toEqual({ ok: false, reason: 'replayed' });
    expect(checkTotpCode(secret, totpCodeAt(secret, plus(30)), plus(30), step)).toEqual({ ok: true, step: step + 1 });
  });

  it('refuses another secret’s code and malformed input', () => {
    const other = newTotpSecret();
    const theirs = totpCodeAt(other, T);
    // Skip the 1-in-a-million case where the two secrets agree on this code.
    if (theirs !== totpCodeAt(secret, T)) expect(checkTotpCode(secret, theirs, T, null)).toEqual({ ok: false, reason: 'wrong' });
    for (const input of ['', '12345', '1234567', 'abcdef', '12 34 5x']) {
      expect(checkTotpCode(secret, input, T, null)).toEqual({ ok: false, reason: 'malformed' });
    }
    // Spaces typed between digit groups are fine.
    const code = totpCodeAt(secret, T);
    expect(checkTotpCode(secret, `${code.slice(0, 3)} ${code.slice(3)}`, T, null)).toMatchObject({ ok: true });
  });

  it('agrees with an independent otpauth TOTP (as an authenticator app would compute)', () => {
    const app = new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' });
    expect(totpCodeAt(secret, T)).toBe(app.generate({ timestamp: T.getTime() }));
  });

  it('tells a TOTP code from a recovery code', () => {
    expect(looksLikeTotpCode('123456')).toBe(true);
    expect(looksLikeTotpCode(' 123 456 ')).toBe(true);
    expect(looksLikeTotpCode('abcd-efgh-jkmn-pqrs')).toBe(false);
  });
});

describe('recovery codes', () => {
  it('makes ten distinct xxxx-xxxx-xxxx-xxxx codes of 80 random bits', () => {
    const codes = newRecoveryCodes();
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) {
      expect(code).toMatch(/^[0-9a-hjkmnp-tv-z]{4}(-[0-9a-hjkmnp-tv-z]{4}){3}$/);
      expect(isWellFormedRecoveryCode(code)).toBe(true);
    }
  });

  it('forgives case, spaces, hyphens and look-alike letters when typed', () => {
    const [code = ''] = newRecoveryCodes(1);
    expect(hashRecoveryCode(code.toUpperCase())).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code.replace(/-/g, ' '))).toBe(hashRecoveryCode(code));
    expect(normaliseRecoveryCode('O0iL-1111-abcd-efgh')).toBe('00111111abcdefgh');
  });

  it('hashes to SHA-256 hex, never storing the code, and different codes differ', () => {
    const [a = '', b = ''] = newRecoveryCodes(2);
    expect(hashRecoveryCode(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(hashRecoveryCode(a)).not.toContain(normaliseRecoveryCode(a));
    expect(hashRecoveryCode(a)).not.toBe(hashRecoveryCode(b));
  });

  it('rejects malformed recovery codes', () => {
    for (const input of ['', 'abcd-efgh', 'abcd-efgh-jkmn-pqrs-tvwx', 'abcd-efgh-jkmn-pqr!', 'uuuu-uuuu-uuuu-uuuu']) {
      expect(isWellFormedRecoveryCode(input)).toBe(false);
    }
  });
});
