import { describe, expect, it } from 'vitest';
import { DEFAULT_SESSION_POLICY, isMfaRequired, judgeSession, parseSignedOutReason, shouldRecordLastSeen, signedOutMessage, type SessionFacts } from '@/lib/platform/auth/session-policy';

const T = new Date('2031-06-01T08:00:00.000Z');
const at = (seconds: number) => new Date(T.getTime() + seconds * 1000);
const policy = DEFAULT_SESSION_POLICY;

function facts(overrides: Partial<SessionFacts> = {}): SessionFacts {
  return { revokedAt: null, expiresAt: at(policy.maxAgeSeconds), lastSeenAt: T, userActive: true, role: 'clinician', ...overrides };
}

describe('judgeSession', () => {
  it('defaults to 15 minutes idle for staff, 30 for patients, 8 hours in all', () => {
    expect(policy).toEqual({ staffIdleSeconds: 900, patientIdleSeconds: 1800, maxAgeSeconds: 28_800 });
  });

  it.each(['clinician', 'admin'] as const)('ends a %s session at exactly 15 minutes without a request', (role) => {
    expect(judgeSession(facts({ role }), at(15 * 60 - 1), policy)).toBe('active');
    expect(judgeSession(facts({ role }), at(15 * 60), policy)).toBe('idle');
  });

  it('gives patients 30 minutes', () => {
    expect(judgeSession(facts({ role: 'patient' }), at(15 * 60), policy)).toBe('active');
    expect(judgeSession(facts({ role: 'patient' }), at(30 * 60 - 1), policy)).toBe('active');
    expect(judgeSession(facts({ role: 'patient' }), at(30 * 60), policy)).toBe('idle');
  });

  it('keeps the absolute lifetime however active the session was', () => {
    const expiresAt = at(policy.maxAgeSeconds);
    expect(judgeSession(facts({ expiresAt, lastSeenAt: at(policy.maxAgeSeconds - 60) }), at(policy.maxAgeSeconds - 1), policy)).toBe('active');
    expect(judgeSession(facts({ expiresAt, lastSeenAt: at(policy.maxAgeSeconds - 60) }), at(policy.maxAgeSeconds), policy)).toBe('expired');
  });

  it('puts revocation first, then deactivation, then expiry, then idleness', () => {
    const everything = facts({ revokedAt: T, userActive: false, expiresAt: T });
    expect(judgeSession(everything, at(3600), policy)).toBe('revoked');
    expect(judgeSession({ ...everything, revokedAt: null }, at(3600), policy)).toBe('inactive-user');
    expect(judgeSession({ ...everything, revokedAt: null, userActive: true }, at(3600), policy)).toBe('expired');
  });

  it('honours a configured policy', () => {
    const short = { staffIdleSeconds: 60, patientIdleSeconds: 120, maxAgeSeconds: 3600 };
    expect(judgeSession(facts(), at(60), short)).toBe('idle');
    expect(judgeSession(facts({ role: 'patient' }), at(60), short)).toBe('active');
  });
});

describe('shouldRecordLastSeen', () => {
  it('writes at most once a minute', () => {
    expect(shouldRecordLastSeen(T, at(59))).toBe(false);
    expect(shouldRecordLastSeen(T, at(60))).toBe(true);
  });
});

describe('isMfaRequired', () => {
  it('is required when the administrator requires it for the account, whatever the role', () => {
    for (const role of ['clinician', 'admin', 'patient'] as const) expect(isMfaRequired({ role, requiredForUser: true, clinicRequiresStaff: false })).toBe(true);
  });
  it('is required clinic-wide for staff only', () => {
    expect(isMfaRequired({ role: 'clinician', requiredForUser: false, clinicRequiresStaff: true })).toBe(true);
    expect(isMfaRequired({ role: 'admin', requiredForUser: false, clinicRequiresStaff: true })).toBe(true);
    expect(isMfaRequired({ role: 'patient', requiredForUser: false, clinicRequiresStaff: true })).toBe(false);
    expect(isMfaRequired({ role: 'clinician', requiredForUser: false, clinicRequiresStaff: false })).toBe(false);
  });
});

describe('signed-out messages', () => {
  const limits = { idleMinutes: 15, patientIdleMinutes: 30, maxHours: 8 };
  it('says why, and claims only that saved work is kept', () => {
    expect(signedOutMessage('idle', limits)).toBe(
      'You were signed out after 15 minutes without activity. Sign in again to continue; everything you saved is kept, but anything typed and not yet saved was not.',
    );
    expect(signedOutMessage('idle-portal', limits)).toContain('after 30 minutes without activity');
    expect(signedOutMessage('expired', limits)).toContain('8-hour limit');
    expect(signedOutMessage('revoked', limits)).toContain('signed out from another device');
    expect(signedOutMessage('mfa-reset', limits)).toContain('reset your two-step sign-in');
  });
  it('accepts only known reasons from the URL', () => {
    expect(parseSignedOutReason('idle')).toBe('idle');
    expect(parseSignedOutReason('idle-portal')).toBe('idle-portal');
    expect(parseSignedOutReason('<script>')).toBeNull();
    expect(parseSignedOutReason(['idle'])).toBeNull();
    expect(parseSignedOutReason(undefined)).toBeNull();
  });
});
