import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { USER_ROLES, type UserRole } from '@/db/schema/enum-values';
import { decidePatientAccess, decideRoleAccess, type AccessDecision, type PatientAccessFacts, type PatientPurpose } from '@/lib/platform/access/rules';

const PATIENT = 'patient-a';
const OTHER_PATIENT = 'patient-b';
const PURPOSES: readonly PatientPurpose[] = ['clinical-read', 'team-read', 'team-export', 'clinical-write', 'team-admin', 'audit-read', 'patient-report'];

const ALLOW: AccessDecision = { allowed: true };
const deny = (reason: string) => ({ allowed: false, reason });

interface Cell {
  role: UserRole;
  onCareTeam: boolean;
  /** For a patient actor: is the record their own? (Clinicians and admins carry no patientId.) */
  self: boolean;
  purpose: PatientPurpose;
  expected: AccessDecision | ReturnType<typeof deny>;
}

// The whole matrix for an active actor on an existing patient, written out cell by cell so that a
// change to any single rule fails exactly one row.
const MATRIX: Cell[] = [
  // clinician: clinical access follows care-team membership; never administration.
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'clinical-read', expected: ALLOW },
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'clinical-write', expected: ALLOW },
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'team-admin', expected: deny('admin-only') },
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'audit-read', expected: deny('admin-only') },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'clinical-read', expected: deny('not-on-care-team') },
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'team-read', expected: ALLOW },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'team-read', expected: deny('not-on-care-team') },
  // team-export: the whole record as a file, for the care team only.
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'team-export', expected: ALLOW },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'team-export', expected: deny('not-on-care-team') },
  { role: 'patient', onCareTeam: false, self: true, purpose: 'team-export', expected: deny('care-team-only') },
  { role: 'patient', onCareTeam: true, self: true, purpose: 'team-export', expected: deny('care-team-only') },
  { role: 'admin', onCareTeam: false, self: false, purpose: 'team-export', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'team-export', expected: deny('admin-reads-no-clinical-data') },
  // team-read: the working view of results is the care team's, not the patient's (the portal shows what is shared).
  { role: 'patient', onCareTeam: false, self: true, purpose: 'team-read', expected: deny('care-team-only') },
  { role: 'patient', onCareTeam: true, self: true, purpose: 'team-read', expected: deny('care-team-only') },
  { role: 'patient', onCareTeam: false, self: false, purpose: 'team-read', expected: deny('care-team-only') },
  { role: 'admin', onCareTeam: false, self: false, purpose: 'team-read', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'team-read', expected: deny('admin-reads-no-clinical-data') },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'clinical-write', expected: deny('not-on-care-team') },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'team-admin', expected: deny('admin-only') },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'audit-read', expected: deny('admin-only') },
  // patient: reads their own record only, never writes, never administers; care-team flag is irrelevant.
  { role: 'patient', onCareTeam: false, self: true, purpose: 'clinical-read', expected: ALLOW },
  { role: 'patient', onCareTeam: false, self: true, purpose: 'clinical-write', expected: deny('patients-cannot-write-clinical-data') },
  { role: 'patient', onCareTeam: false, self: true, purpose: 'team-admin', expected: deny('admin-only') },
  { role: 'patient', onCareTeam: false, self: true, purpose: 'audit-read', expected: deny('admin-only') },
  { role: 'patient', onCareTeam: false, self: false, purpose: 'clinical-read', expected: deny('not-own-record') },
  { role: 'patient', onCareTeam: false, self: false, purpose: 'clinical-write', expected: deny('patients-cannot-write-clinical-data') },
  { role: 'patient', onCareTeam: false, self: false, purpose: 'team-admin', expected: deny('admin-only') },
  { role: 'patient', onCareTeam: false, self: false, purpose: 'audit-read', expected: deny('admin-only') },
  { role: 'patient', onCareTeam: true, self: true, purpose: 'clinical-read', expected: ALLOW },
  { role: 'patient', onCareTeam: true, self: true, purpose: 'clinical-write', expected: deny('patients-cannot-write-clinical-data') },
  { role: 'patient', onCareTeam: true, self: false, purpose: 'clinical-read', expected: deny('not-own-record') },
  { role: 'patient', onCareTeam: true, self: false, purpose: 'clinical-write', expected: deny('patients-cannot-write-clinical-data') },
  { role: 'patient', onCareTeam: true, self: true, purpose: 'team-admin', expected: deny('admin-only') },
  { role: 'patient', onCareTeam: true, self: false, purpose: 'audit-read', expected: deny('admin-only') },
  // admin: administers teams and reads the audit trail; never sees or writes clinical data, even on the team.
  { role: 'admin', onCareTeam: false, self: false, purpose: 'clinical-read', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: false, self: false, purpose: 'clinical-write', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: false, self: false, purpose: 'team-admin', expected: ALLOW },
  { role: 'admin', onCareTeam: false, self: false, purpose: 'audit-read', expected: ALLOW },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'clinical-read', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'clinical-write', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'team-admin', expected: ALLOW },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'audit-read', expected: ALLOW },
  // patient-report: only the patient, about themself; the care team reads it but never reports for them.
  { role: 'patient', onCareTeam: false, self: true, purpose: 'patient-report', expected: ALLOW },
  { role: 'patient', onCareTeam: true, self: true, purpose: 'patient-report', expected: ALLOW },
  { role: 'patient', onCareTeam: false, self: false, purpose: 'patient-report', expected: deny('not-own-record') },
  { role: 'patient', onCareTeam: true, self: false, purpose: 'patient-report', expected: deny('not-own-record') },
  { role: 'clinician', onCareTeam: true, self: false, purpose: 'patient-report', expected: deny('only-the-patient-reports') },
  { role: 'clinician', onCareTeam: false, self: false, purpose: 'patient-report', expected: deny('only-the-patient-reports') },
  { role: 'admin', onCareTeam: true, self: false, purpose: 'patient-report', expected: deny('admin-reads-no-clinical-data') },
  { role: 'admin', onCareTeam: false, self: false, purpose: 'patient-report', expected: deny('admin-reads-no-clinical-data') },
];

function facts(cell: Pick<Cell, 'role' | 'onCareTeam' | 'self'>, overrides: Partial<PatientAccessFacts> = {}): PatientAccessFacts {
  const actorPatientId = cell.role === 'patient' ? (cell.self ? PATIENT : OTHER_PATIENT) : null;
  return {
    actor: { role: cell.role, active: true, patientId: actorPatientId },
    patientId: PATIENT,
    patientExists: true,
    onCareTeam: cell.onCareTeam,
    ...overrides,
  };
}

const describeCell = (c: Cell) => `${c.role} ${c.onCareTeam ? 'on' : 'off'} team, ${c.self ? 'own' : 'other'} record, ${c.purpose}`;

describe('decidePatientAccess: active actor, existing patient', () => {
  it.each(MATRIX.map((c) => [describeCell(c), c] as const))('%s', (_name, cell) => {
    expect(decidePatientAccess(facts(cell), cell.purpose)).toEqual(cell.expected);
  });

  it('the table covers every purpose for every role', () => {
    for (const role of USER_ROLES) {
      for (const purpose of PURPOSES) {
        expect(MATRIX.some((c) => c.role === role && c.purpose === purpose && !c.onCareTeam)).toBe(true);
        expect(MATRIX.some((c) => c.role === role && c.purpose === purpose && c.onCareTeam)).toBe(true);
      }
    }
  });

  it('a patient whose account has no linked record cannot read any record', () => {
    const decision = decidePatientAccess(
      { actor: { role: 'patient', active: true, patientId: null }, patientId: PATIENT, patientExists: true, onCareTeam: false },
      'clinical-read',
    );
    expect(decision).toEqual(deny('not-own-record'));
  });

  it('a clinician’s own patientId (if any) grants nothing: only the care team counts', () => {
    const decision = decidePatientAccess(
      { actor: { role: 'clinician', active: true, patientId: PATIENT }, patientId: PATIENT, patientExists: true, onCareTeam: false },
      'clinical-read',
    );
    expect(decision).toEqual(deny('not-on-care-team'));
  });
});

describe('decidePatientAccess: checks before the purpose', () => {
  it.each(MATRIX.map((c) => [describeCell(c), c] as const))('deactivated: %s', (_name, cell) => {
    const f = facts(cell);
    const actor = f.actor && { ...f.actor, active: false };
    expect(actor).not.toBeNull();
    expect(decidePatientAccess({ ...f, actor }, cell.purpose)).toEqual(deny('inactive-account'));
  });

  it.each(PURPOSES)('an unknown account is refused for %s', (purpose) => {
    expect(decidePatientAccess({ actor: null, patientId: PATIENT, patientExists: true, onCareTeam: true }, purpose)).toEqual(deny('unknown-account'));
  });

  it.each(MATRIX.map((c) => [describeCell(c), c] as const))('missing patient: %s', (_name, cell) => {
    expect(decidePatientAccess(facts(cell, { patientExists: false }), cell.purpose)).toEqual(deny('patient-not-found'));
  });

  it('an unknown account wins over a missing patient, and a deactivated account wins over a missing patient', () => {
    expect(decidePatientAccess({ actor: null, patientId: PATIENT, patientExists: false, onCareTeam: false }, 'team-admin')).toEqual(
      deny('unknown-account'),
    );
    expect(
      decidePatientAccess({ actor: { role: 'admin', active: false, patientId: null }, patientId: PATIENT, patientExists: false, onCareTeam: false }, 'team-admin'),
    ).toEqual(deny('inactive-account'));
  });
});

const roleArb = fc.constantFrom(...USER_ROLES);
const purposeArb = fc.constantFrom(...PURPOSES);
const idArb = fc.constantFrom(PATIENT, OTHER_PATIENT);
const factsArb = fc.record({
  actor: fc.option(fc.record({ role: roleArb, active: fc.boolean(), patientId: fc.option(idArb, { nil: null }) }), { nil: null }),
  patientId: idArb,
  patientExists: fc.boolean(),
  onCareTeam: fc.boolean(),
});

describe('decidePatientAccess: properties', () => {
  it('a deactivated actor is never allowed anything', () => {
    fc.assert(
      fc.property(factsArb, purposeArb, (f, purpose) => {
        fc.pre(f.actor !== null && !f.actor.active);
        expect(decidePatientAccess(f, purpose)).toEqual(deny('inactive-account'));
      }),
    );
  });

  it('an admin never gets clinical-read or clinical-write', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom<PatientPurpose>('clinical-read', 'clinical-write'), (f, purpose) => {
        fc.pre(f.actor !== null && f.actor.role === 'admin');
        expect(decidePatientAccess(f, purpose).allowed).toBe(false);
      }),
    );
  });

  it('only an admin ever gets team-admin or audit-read', () => {
    fc.assert(
      fc.property(factsArb, fc.constantFrom<PatientPurpose>('team-admin', 'audit-read'), (f, purpose) => {
        const decision = decidePatientAccess(f, purpose);
        if (decision.allowed) expect(f.actor?.role).toBe('admin');
      }),
    );
  });

  it('nobody writes clinical data except a clinician on the care team', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const decision = decidePatientAccess(f, 'clinical-write');
        const expected = f.actor !== null && f.actor.active && f.patientExists && f.actor.role === 'clinician' && f.onCareTeam;
        expect(decision.allowed).toBe(expected);
      }),
    );
  });

  it('a patient reads clinical data only from their own existing record', () => {
    fc.assert(
      fc.property(factsArb, (f) => {
        const { actor } = f;
        fc.pre(actor !== null && actor.role === 'patient');
        if (actor === null) return;
        const decision = decidePatientAccess(f, 'clinical-read');
        expect(decision.allowed).toBe(actor.active && f.patientExists && actor.patientId === f.patientId);
      }),
    );
  });

  it('nothing is allowed on a patient that does not exist', () => {
    fc.assert(
      fc.property(factsArb, purposeArb, (f, purpose) => {
        expect(decidePatientAccess({ ...f, patientExists: false }, purpose).allowed).toBe(false);
      }),
    );
  });

  it('a denial always carries a reason, an allowance never does', () => {
    fc.assert(
      fc.property(factsArb, purposeArb, (f, purpose) => {
        const decision = decidePatientAccess(f, purpose);
        if (decision.allowed) expect(Object.keys(decision)).toEqual(['allowed']);
        else expect(typeof decision.reason).toBe('string');
      }),
    );
  });
});

describe('decideRoleAccess', () => {
  it('refuses an unknown account', () => {
    expect(decideRoleAccess(null, ['admin'])).toEqual(deny('unknown-account'));
    expect(decideRoleAccess(null, USER_ROLES)).toEqual(deny('unknown-account'));
  });

  it.each(USER_ROLES)('refuses a deactivated %s even where the role is allowed', (role) => {
    expect(decideRoleAccess({ role, active: false }, USER_ROLES)).toEqual(deny('inactive-account'));
    expect(decideRoleAccess({ role, active: false }, [role])).toEqual(deny('inactive-account'));
  });

  it.each(USER_ROLES)('allows an active %s when the role is listed', (role) => {
    expect(decideRoleAccess({ role, active: true }, [role])).toEqual(ALLOW);
    expect(decideRoleAccess({ role, active: true }, USER_ROLES)).toEqual(ALLOW);
  });

  it('refuses everyone when no role is listed', () => {
    for (const role of USER_ROLES) expect(decideRoleAccess({ role, active: true }, []).allowed).toBe(false);
  });

  it('an admin kept out of clinician or patient areas is told admins read no clinical data', () => {
    expect(decideRoleAccess({ role: 'admin', active: true }, ['clinician'])).toEqual(deny('admin-reads-no-clinical-data'));
    expect(decideRoleAccess({ role: 'admin', active: true }, ['patient'])).toEqual(deny('admin-reads-no-clinical-data'));
    expect(decideRoleAccess({ role: 'admin', active: true }, ['clinician', 'patient'])).toEqual(deny('admin-reads-no-clinical-data'));
  });

  it.each<UserRole>(['clinician', 'patient'])('a %s kept out of administration is told it is admin-only', (role) => {
    expect(decideRoleAccess({ role, active: true }, ['admin'])).toEqual(deny('admin-only'));
  });

  it('refuses a clinician from the portal and a patient from the caseload', () => {
    expect(decideRoleAccess({ role: 'clinician', active: true }, ['patient'])).toEqual(deny('role-not-allowed'));
    expect(decideRoleAccess({ role: 'patient', active: true }, ['clinician'])).toEqual(deny('role-not-allowed'));
  });

  it('property: allowed exactly when active and listed', () => {
    fc.assert(
      fc.property(
        fc.option(fc.record({ role: roleArb, active: fc.boolean() }), { nil: null }),
        fc.subarray([...USER_ROLES]),
        (actor, allowed) => {
          const decision = decideRoleAccess(actor, allowed);
          expect(decision.allowed).toBe(actor !== null && actor.active && allowed.includes(actor.role));
        },
      ),
    );
  });
});
