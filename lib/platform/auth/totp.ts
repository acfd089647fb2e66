// Time-based one-time passwords (RFC 6238) and recovery codes: pure, with the clock passed in, so
// the drift window and replay refusal are unit-tested at their edges.
import { createHash, randomInt } from 'node:crypto';
import { Secret, TOTP } from 'otpauth';

// SHA-1, 6 digits, 30 s: the parameters every authenticator app supports (RFC 6238 defaults).
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
/** Accept the previous and next step as well, for phones whose clocks drift. */
export const TOTP_DRIFT_STEPS = 1;
export const TOTP_ISSUER = 'Axis';

function totpFor(secretBase32: string, label = 'Axis'): TOTP {
  return new TOTP({ issuer: TOTP_ISSUER, label, secret: Secret.fromBase32(secretBase32), algorithm: 'SHA1', digits: TOTP_DIGITS, period: TOTP_PERIOD_SECONDS });
}

/** A new 160-bit secret (RFC 4226 recommends 160), base32 as authenticator apps expect. */
export function newTotpSecret(): string {
  return new Secret({ size: 20 }).base32;
}

/** The otpauth:// URI the QR code carries. */
export function totpUri(secretBase32: string, accountLabel: string): string {
  return totpFor(secretBase32, accountLabel).toString();
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_PERIOD_SECONDS);
}

/** The current code; used by tests and never shown by the app. */
export function totpCodeAt(secretBase32: string, now: Date): string {
  return totpFor(secretBase32).generate({ timestamp: now.getTime() });
}

export type TotpCheck = { ok: true; step: number } | { ok: false; reason: 'malformed' | 'wrong' | 'replayed' };

export function looksLikeTotpCode(input: string): boolean {
  return /^\d{6}$/.test(input.replace(/\s/g, ''));
}

/**
 * Checks a code against the steps now−1, now, now+1. A code for a step at or before the last one
 * accepted is refused even if correct: a code seen over someone's shoulder cannot be used again.
 */
export function checkTotpCode(secretBase32: string, code: string, now: Date, lastUsedStep: number | null): TotpCheck {
  const token = code.replace(/\s/g, '');
  if (!/^\d{6}$/.test(token)) return { ok: false, reason: 'malformed' };
  const delta = totpFor(secretBase32).validate({ token, timestamp: now.getTime(), window: TOTP_DRIFT_STEPS });
  if (delta === null) return { ok: false, reason: 'wrong' };
  const step = totpStep(now) + delta;
  if (lastUsedStep !== null && step <= lastUsedStep) return { ok: false, reason: 'replayed' };
  return { ok: true, step };
}

// Recovery codes: 16 characters of Crockford's base32 (no i, l, o, u) = 80 random bits, shown as
// xxxx-xxxx-xxxx-xxxx. Typing is forgiving: case, spaces and hyphens are ignored, o→0 and i/l→1.
const RECOVERY_ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz';
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCodes(count = RECOVERY_CODE_COUNT): string[] {
  return Array.from({ length: count }, () => {
    const chars = Array.from({ length: 16 }, () => RECOVERY_ALPHABET[randomInt(RECOVERY_ALPHABET.length)]).join('');
    return chars.match(/.{4}/g)?.join('-') ?? chars;
  });
}

export function normaliseRecoveryCode(input: string): string {
  return input.toLowerCase().replace(/[\s-]/g, '').replace(/o/g, '0').replace(/[il]/g, '1');
}

export function isWellFormedRecoveryCode(input: string): boolean {
  const normalised = normaliseRecoveryCode(input);
  return normalised.length === 16 && [...normalised].every((c) => RECOVERY_ALPHABET.includes(c));
}

export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normaliseRecoveryCode(input)).digest('hex');
}
