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
 * - team-export: the whole record as one file (FHIR $everything); care-team clinicians only. An
 *   emergency grant is for reading at the bedside, not for carrying the record away.
 *
 * Emergency ("break-the-glass") access: a clinician off the care team with a live grant
 * (lib/emergency-access) may READ — clinical-read and team-read — and nothing else. Writing, sharing
 * with the patient, plan decisions and task completion are clinical-write and stay refused: a clinician
 * who needs more is added to the care team by an administrator.
 */
export type PatientPurpose = 'clinical-read' | 'team-read' | 'team-export' | 'clinical-write' | 'team-admin' | 'audit-read' | 'patient-report';

export interface PatientAccessFacts {
  actor: { role: UserRole; active: boolean; patientId: string | null } | null;
  patientId: string;
  patientExists: boolean;
  onCareTeam: boolean;
  /** The clinician's live (unexpired) emergency-access grant for this patient, if any. */
  emergencyAccessId?: string | null;
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
  | 'role-not-allowed'
  | 'emergency-access-is-read-only'
  | 'emergency-access-excludes-export'
  | 'already-on-care-team'
  | 'only-clinicians-break-the-glass';

/** When allowed through an emergency grant, the decision names it so the audit event can mark it. */
export type AccessDecision = { allowed: true; emergencyAccessId?: string } | { allowed: false; reason: DenialReason };

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
      return clinicianRead(facts);
    case 'team-read':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return deny('care-team-only');
      return clinicianRead(facts);
    case 'team-export':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return deny('care-team-only');
      if (facts.onCareTeam) return allow;
      return facts.emergencyAccessId ? deny('emergency-access-excludes-export') : deny('not-on-care-team');
    case 'clinical-write':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return deny('patients-cannot-write-clinical-data');
      if (facts.onCareTeam) return allow;
      return facts.emergencyAccessId ? deny('emergency-access-is-read-only') : deny('not-on-care-team');
    case 'patient-report':
      if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
      if (actor.role === 'patient') return actor.patientId === facts.patientId ? allow : deny('not-own-record');
      return deny('only-the-patient-reports');
  }
}

/** A clinician reads a record as a care-team member, or (off the team) under a live emergency grant. */
function clinicianRead(facts: PatientAccessFacts): AccessDecision {
  if (facts.onCareTeam) return allow;
  return facts.emergencyAccessId ? { allowed: true, emergencyAccessId: facts.emergencyAccessId } : deny('not-on-care-team');
}

/**
 * Who may break the glass on a patient's record: an active clinician who is not on its care team (a
 * member needs no emergency access). Administrators read no clinical data and patients only their own
 * portal, so neither can ever break the glass.
 */
export function decideEmergencyAccessRequest(facts: Omit<PatientAccessFacts, 'emergencyAccessId'>): AccessDecision {
  const { actor } = facts;
  if (!actor) return deny('unknown-account');
  if (!actor.active) return deny('inactive-account');
  if (actor.role === 'admin') return deny('admin-reads-no-clinical-data');
  if (actor.role !== 'clinician') return deny('only-clinicians-break-the-glass');
  if (!facts.patientExists) return deny('patient-not-found');
  if (facts.onCareTeam) return deny('already-on-care-team');
  return allow;
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
