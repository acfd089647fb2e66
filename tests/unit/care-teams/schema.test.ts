import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { addCareTeamMemberSchema, adminPatientSearchSchema, removeCareTeamMemberSchema } from '@/lib/care-teams/schema';

const PATIENT_ID = '0b6f7d2a-3c4e-4f5a-8b9c-0d1e2f3a4b5c';
const USER_ID = '9a8b7c6d-5e4f-4a3b-9c2d-1e0f2a3b4c5d';
const MEMBERSHIP_ID = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';
const BAD_IDS = [undefined, '', 'not-a-uuid', '12345', `${PATIENT_ID}0`, PATIENT_ID.replace(/-/g, '')];

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

describe('addCareTeamMemberSchema', () => {
  it('accepts a patient, a clinician and a role', () => {
    expect(addCareTeamMemberSchema.parse({ patientId: PATIENT_ID, userId: USER_ID, role: 'lead' })).toEqual({ patientId: PATIENT_ID, userId: USER_ID, role: 'lead' });
  });

  it('the role defaults to member', () => {
    expect(addCareTeamMemberSchema.parse({ patientId: PATIENT_ID, userId: USER_ID }).role).toBe('member');
    expect(addCareTeamMemberSchema.parse({ patientId: PATIENT_ID, userId: USER_ID, role: undefined }).role).toBe('member');
  });

  it.each(['owner', 'Lead', ''])('an unknown role %j is refused', (role) => {
    expect(fieldErrors(addCareTeamMemberSchema, { patientId: PATIENT_ID, userId: USER_ID, role }).role).toHaveLength(1);
  });

  it.each(BAD_IDS)('patientId %j is refused with "Unknown patient."', (patientId) => {
    expect(fieldErrors(addCareTeamMemberSchema, { patientId, userId: USER_ID })).toEqual({ patientId: ['Unknown patient.'] });
  });

  it.each(BAD_IDS)('userId %j is refused with "Choose a clinician."', (userId) => {
    expect(fieldErrors(addCareTeamMemberSchema, { patientId: PATIENT_ID, userId })).toEqual({ userId: ['Choose a clinician.'] });
  });

  it('property: any random v4 uuid pair is accepted', () => {
    fc.assert(
      fc.property(fc.uuid({ version: 4 }), fc.uuid({ version: 4 }), (patientId, userId) => {
        expect(addCareTeamMemberSchema.safeParse({ patientId, userId }).success).toBe(true);
      }),
    );
  });
});

describe('removeCareTeamMemberSchema', () => {
  it('accepts a patient and a membership', () => {
    expect(removeCareTeamMemberSchema.parse({ patientId: PATIENT_ID, membershipId: MEMBERSHIP_ID })).toEqual({ patientId: PATIENT_ID, membershipId: MEMBERSHIP_ID });
  });

  it.each(BAD_IDS)('membershipId %j is refused with "Unknown care-team member."', (membershipId) => {
    expect(fieldErrors(removeCareTeamMemberSchema, { patientId: PATIENT_ID, membershipId })).toEqual({ membershipId: ['Unknown care-team member.'] });
  });

  it('a bad patient and membership are both reported', () => {
    expect(fieldErrors(removeCareTeamMemberSchema, { patientId: 'x', membershipId: 'y' })).toEqual({
      patientId: ['Unknown patient.'],
      membershipId: ['Unknown care-team member.'],
    });
  });
});

describe('adminPatientSearchSchema', () => {
  it('defaults to an empty search on page 1', () => {
    expect(adminPatientSearchSchema.parse({})).toEqual({ q: '', page: 1 });
  });

  it('trims the search and reads the page from a string', () => {
    expect(adminPatientSearchSchema.parse({ q: '  MRN-12 ', page: '3' })).toEqual({ q: 'MRN-12', page: 3 });
  });

  it('a search over 100 characters is dropped, not an error', () => {
    expect(adminPatientSearchSchema.parse({ q: 'z'.repeat(100) }).q).toBe('z'.repeat(100));
    expect(adminPatientSearchSchema.parse({ q: 'z'.repeat(101) }).q).toBe('');
  });

  it.each(['0', '-1', '2.5', 'two', '100001'])('page %j falls back to 1', (page) => {
    expect(adminPatientSearchSchema.parse({ page }).page).toBe(1);
  });

  it('a non-string search falls back to empty', () => {
    expect(adminPatientSearchSchema.parse({ q: 42 }).q).toBe('');
  });
});
