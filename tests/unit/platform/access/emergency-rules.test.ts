import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { USER_ROLES, type UserRole } from '@/db/schema/enum-values';
import { decideEmergencyAccessRequest, decidePatientAccess, type PatientAccessFacts, type PatientPurpose } from '@/lib/platform/access/rules';

const PATIENT = 'patient-a';
const GRANT = 'grant-1';
const PURPOSES: readonly PatientPurpose[] = ['clinical-read', 'team-read', 'team-export', 'clinical-write', 'team-admin', 'audit-read', 'patient-report'];

function facts(role: UserRole, options: { onCareTeam?: boolean; grant?: string | null; active?: boolean; exists?: boolean; self?: boolean } = {}): PatientAccessFacts {
  return {
    actor: { role, active: options.active ?? true, patientId: role === 'patient' && options.self ? PATIENT : null },
    patientId: PATIENT,
    patientExists: options.exists ?? true,
    onCareTeam: options.onCareTeam ?? false,
    emergencyAccessId: options.grant ?? null,
  };
}

describe('decidePatientAccess under an emergency grant', () => {
  it.each(['clinical-read', 'team-read'] as const)('an off-team clinician with a live grant may %s, and the decision names the grant', (purpose) => {
    expect(decidePatientAccess(facts('clinician', { grant: GRANT }), purpose)).toEqual({ allowed: true, emergencyAccessId: GRANT });
  });

  it.each(['clinical-read', 'team-read', 'clinical-write'] as const)('an off-team clinician without a live grant (none, or expired) is refused %s', (purpose) => {
    expect(decidePatientAccess(facts('clinician', { grant: null }), purpose)).toEqual({ allowed: false, reason: 'not-on-care-team' });
    expect(decidePatientAccess(facts('clinician', { grant: undefined }), purpose)).toEqual({ allowed: false, reason: 'not-on-care-team' });
  });

  it('writing under a grant is refused with its own reason (read-only access)', () => {
    expect(decidePatientAccess(facts('clinician', { grant: GRANT }), 'clinical-write')).toEqual({ allowed: false, reason: 'emergency-access-is-read-only' });
  });

  it('a grant never allows exporting the whole record (FHIR $everything)', () => {
    expect(decidePatientAccess(facts('clinician', { grant: GRANT }), 'team-export')).toEqual({ allowed: false, reason: 'emergency-access-excludes-export' });
    expect(decidePatientAccess(facts('clinician', { onCareTeam: true, grant: GRANT }), 'team-export')).toEqual({ allowed: true });
  });

  it('a grant never opens administration, the audit trail or patient reporting', () => {
    expect(decidePatientAccess(facts('clinician', { grant: GRANT }), 'team-admin')).toEqual({ allowed: false, reason: 'admin-only' });
    expect(decidePatientAccess(facts('clinician', { grant: GRANT }), 'audit-read')).toEqual({ allowed: false, reason: 'admin-only' });
    expect(decidePatientAccess(facts('clinician', { grant: GRANT }), 'patient-report')).toEqual({ allowed: false, reason: 'only-the-patient-reports' });
  });

  it('an on-team clinician is allowed as a member, not through the grant', () => {
    expect(decidePatientAccess(facts('clinician', { onCareTeam: true, grant: GRANT }), 'clinical-read')).toEqual({ allowed: true });
    expect(decidePatientAccess(facts('clinician', { onCareTeam: true, grant: GRANT }), 'clinical-write')).toEqual({ allowed: true });
  });

  it('a deactivated clinician with a live grant is refused', () => {
    expect(decidePatientAccess(facts('clinician', { grant: GRANT, active: false }), 'clinical-read')).toEqual({ allowed: false, reason: 'inactive-account' });
  });

  it('a grant on a missing patient opens nothing', () => {
    expect(decidePatientAccess(facts('clinician', { grant: GRANT, exists: false }), 'team-read')).toEqual({ allowed: false, reason: 'patient-not-found' });
  });

  it('a grant fact never lets an admin or a patient read clinical data they could not read before', () => {
    expect(decidePatientAccess(facts('admin', { grant: GRANT }), 'clinical-read')).toEqual({ allowed: false, reason: 'admin-reads-no-clinical-data' });
    expect(decidePatientAccess(facts('patient', { grant: GRANT }), 'clinical-read')).toEqual({ allowed: false, reason: 'not-own-record' });
    expect(decidePatientAccess(facts('patient', { grant: GRANT, self: true }), 'team-read')).toEqual({ allowed: false, reason: 'care-team-only' });
  });

  it('property: a grant adds reading for off-team clinicians and nothing else', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...USER_ROLES),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.boolean(),
        fc.constantFrom(...PURPOSES),
        (role, onCareTeam, active, exists, self, purpose) => {
          const without = decidePatientAccess(facts(role, { onCareTeam, active, exists, self, grant: null }), purpose);
          const withGrant = decidePatientAccess(facts(role, { onCareTeam, active, exists, self, grant: GRANT }), purpose);
          if (withGrant.allowed && !without.allowed) {
            expect(role).toBe('clinician');
            expect(onCareTeam).toBe(false);
            expect(['clinical-read', 'team-read']).toContain(purpose);
            expect(withGrant.emergencyAccessId).toBe(GRANT);
          }
          if (without.allowed) expect(withGrant).toEqual(without);
        },
      ),
    );
  });
});

describe('decideEmergencyAccessRequest: who may break the glass', () => {
  it('an active clinician off the care team may', () => {
    expect(decideEmergencyAccessRequest(facts('clinician'))).toEqual({ allowed: true });
  });

  it('a clinician already on the team needs no emergency access', () => {
    expect(decideEmergencyAccessRequest(facts('clinician', { onCareTeam: true }))).toEqual({ allowed: false, reason: 'already-on-care-team' });
  });

  it('administrators never can, even for an existing patient', () => {
    expect(decideEmergencyAccessRequest(facts('admin'))).toEqual({ allowed: false, reason: 'admin-reads-no-clinical-data' });
    expect(decideEmergencyAccessRequest(facts('admin', { onCareTeam: true }))).toEqual({ allowed: false, reason: 'admin-reads-no-clinical-data' });
  });

  it('patients never can, not even on their own record', () => {
    expect(decideEmergencyAccessRequest(facts('patient'))).toEqual({ allowed: false, reason: 'only-clinicians-break-the-glass' });
    expect(decideEmergencyAccessRequest(facts('patient', { self: true }))).toEqual({ allowed: false, reason: 'only-clinicians-break-the-glass' });
  });

  it('role is decided before existence, so admins and patients cannot probe which MRNs exist', () => {
    expect(decideEmergencyAccessRequest(facts('admin', { exists: false }))).toEqual({ allowed: false, reason: 'admin-reads-no-clinical-data' });
    expect(decideEmergencyAccessRequest(facts('patient', { exists: false }))).toEqual({ allowed: false, reason: 'only-clinicians-break-the-glass' });
    expect(decideEmergencyAccessRequest(facts('clinician', { exists: false }))).toEqual({ allowed: false, reason: 'patient-not-found' });
  });

  it('unknown and deactivated accounts are refused', () => {
    expect(decideEmergencyAccessRequest({ actor: null, patientId: PATIENT, patientExists: true, onCareTeam: false })).toEqual({ allowed: false, reason: 'unknown-account' });
    expect(decideEmergencyAccessRequest(facts('clinician', { active: false }))).toEqual({ allowed: false, reason: 'inactive-account' });
  });
});
