// Pure rules for how long a session lives, so every edge is unit-tested without a database or clock.
import type { UserRole } from '@/db/schema/enum-values';
import { readEnv } from '@/lib/platform/env';

export interface SessionPolicy {
  /** Clinicians and administrators: signed out after this long without a request. */
  staffIdleSeconds: number;
  /** Patients (portal): see only their own record, so a longer idle limit. */
  patientIdleSeconds: number;
  /** Absolute lifetime from sign-in, however active. */
  maxAgeSeconds: number;
}

export const DEFAULT_SESSION_POLICY: SessionPolicy = { staffIdleSeconds: 15 * 60, patientIdleSeconds: 30 * 60, maxAgeSeconds: 8 * 60 * 60 };

/** Idle limits and absolute lifetime, from AXIS_IDLE_TIMEOUT_MINUTES, AXIS_PATIENT_IDLE_TIMEOUT_MINUTES, AXIS_SESSION_MAX_HOURS. */
export function sessionPolicy(): SessionPolicy {
  const env = readEnv();
  return {
    staffIdleSeconds: env.AXIS_IDLE_TIMEOUT_MINUTES * 60,
    patientIdleSeconds: env.AXIS_PATIENT_IDLE_TIMEOUT_MINUTES * 60,
    maxAgeSeconds: env.AXIS_SESSION_MAX_HOURS * 60 * 60,
  };
}

/**
 * lastSeenAt is written at most this often (one write per minute per session, not per request). Idle
 * time is measured from it, so a session ends between (limit − 1 min) and limit after the last
 * request: never later than the limit.
 */
export const LAST_SEEN_RESOLUTION_MS = 60_000;

export function idleLimitSeconds(role: UserRole, policy: SessionPolicy): number {
  return role === 'patient' ? policy.patientIdleSeconds : policy.staffIdleSeconds;
}

export type SessionState = 'active' | 'revoked' | 'inactive-user' | 'expired' | 'idle';

export interface SessionFacts {
  revokedAt: Date | null;
  expiresAt: Date;
  lastSeenAt: Date;
  userActive: boolean;
  role: UserRole;
}

export function judgeSession(facts: SessionFacts, now: Date, policy: SessionPolicy): SessionState {
  if (facts.revokedAt) return 'revoked';
  if (!facts.userActive) return 'inactive-user';
  if (facts.expiresAt.getTime() <= now.getTime()) return 'expired';
  if (now.getTime() - facts.lastSeenAt.getTime() >= idleLimitSeconds(facts.role, policy) * 1000) return 'idle';
  return 'active';
}

export function shouldRecordLastSeen(lastSeenAt: Date, now: Date): boolean {
  return now.getTime() - lastSeenAt.getTime() >= LAST_SEEN_RESOLUTION_MS;
}

/** Why the person is on the sign-in page again; shown there as a sentence. */
export type SignedOutReason = 'idle' | 'idle-portal' | 'expired' | 'revoked' | 'mfa-reset';

/** The sign-in page's explanation. Idle sign-out keeps saved work; typing not yet saved is gone. */
export function signedOutMessage(reason: SignedOutReason, policy: { idleMinutes: number; patientIdleMinutes: number; maxHours: number }): string {
  switch (reason) {
    case 'idle':
    case 'idle-portal':
      return `You were signed out after ${reason === 'idle' ? policy.idleMinutes : policy.patientIdleMinutes} minutes without activity. Sign in again to continue; everything you saved is kept, but anything typed and not yet saved was not.`;
    case 'expired':
      return `Your session reached its ${policy.maxHours}-hour limit. Sign in again to continue; everything you saved is kept.`;
    case 'revoked':
      return 'This session was signed out from another device. If that was not you, sign in and review your sessions.';
    case 'mfa-reset':
      return 'An administrator reset your two-step sign-in. Sign in with your password to set it up again.';
  }
}

export function parseSignedOutReason(value: unknown): SignedOutReason | null {
  return value === 'idle' || value === 'idle-portal' || value === 'expired' || value === 'revoked' || value === 'mfa-reset' ? value : null;
}

/** Two-step sign-in is required for this account: by the administrator for it, or clinic-wide for staff. */
export function isMfaRequired(facts: { role: UserRole; requiredForUser: boolean; clinicRequiresStaff: boolean }): boolean {
  return facts.requiredForUser || (facts.clinicRequiresStaff && facts.role !== 'patient');
}
