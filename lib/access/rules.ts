import type { UserRole } from '@/db/schema/enums';

// The one statement of who may do what with a patient's record. Pure, so every cell is unit-tested.

/**
 * - clinical-read / clinical-write: conditions, results, scores, plan, notes.
 * - team-read: the care team's working view (every result, who entered it, what awaits review);
 *   clinicians on the team only. Patients see what their team shares through the portal instead.
 * - team-admin: who is on the care team, and the identifying details needed to manage it.
 * - audit-read: the audit trail of a patient's record.
 * - patient-report: what a patient reports about themself (questionnaires, diary); the patient, on their
 *   own record only. It grants nothing else: clinical-write still refuses patients.
 */
export type PatientPurpose = 'clinical-read' | 'team-read' | 'clinical-write' | 'team-admin' | 'audit-read' | 'patient-report';

export interface PatientAccessFacts {
  actor: { role: UserRole; active: boolean; patientId: string | null } | null;
  patientId: string;
  patientExists: boolean;
  onCareTeam: boolean;
}

export type DenialReason =
  | 'unknown-account'
  | 'inactive-account'
  | 'patient-not-found'
  | 'not-on-care-team'
  | 'not-own-record'
  | 'admin-reads-no-clinical-data'
  | 'patients-cannot-write-clinical-data'
  | 'admin-only'
  | 'care-team-only'
  | 'only-the-patient-reports'
  | 'role-not-allowed';

export type AccessDecision = { allowed: true } | { allowed: false; reason: DenialReason };

const deny = (reason: DenialReason): AccessDecision => ({ allowed: false, reason });
const allow: AccessDecision = { allowed: true };

export function decidePatientAccess(facts: PatientAccessFacts, purpose: PatientPurpose): AccessDecision {
  const { actor } = facts;
  if (!actor) return deny('unknown-account');
  if (!actor.active) return deny('inactive-account');
  if (!facts.patientExists) return deny('patient-not-found');

  switch (purpose) {
    case 'team-admin':
    case 'audit-read':
      return actor.role === 'admin' ? allow : deny('admin-only');
    case 'clinical-read':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return actor.patientId === facts.patientId ? allow : deny('not-own-record');
      return facts.onCareTeam ? allow : deny('not-on-care-team');
    case 'team-read':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return deny('care-team-only');
      return facts.onCareTeam ? allow : deny('not-on-care-team');
    case 'clinical-write':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return deny('patients-cannot-write-clinical-data');
      return facts.onCareTeam ? allow : deny('not-on-care-team');
    case 'patient-report':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return actor.patientId === facts.patientId ? allow : deny('not-own-record');
      return deny('only-the-patient-reports');
  }
}

/** Access that is not about one patient: account and care-team administration, the caseload. */
export function decideRoleAccess(
  actor: { role: UserRole; active: boolean } | null,
  allowedRoles: readonly UserRole[],
): AccessDecision {
  if (!actor) return deny('unknown-account');
  if (!actor.active) return deny('inactive-account');
  return allowedRoles.includes(actor.role) ? allow : deny(actor.role === 'admin' ? 'admin-reads-no-clinical-data' : allowedRoles.includes('admin') ? 'admin-only' : 'role-not-allowed');
}
