import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { SPECIALTIES, USER_ROLES } from '@/db/schema/enum-values';
import { createUserSchema, setUserActiveSchema } from '@/lib/users/schema';

const clinician = { name: 'Dr Ada Lovelace', email: 'ada@clinic.example', role: 'clinician', specialty: 'dermatology', password: 'long enough password' };
const patient = { name: 'Pat Jones', email: 'pat@example.org', role: 'patient', patientMrn: 'MRN-0001', password: 'long enough password' };
const admin = { name: 'Ann Admin', email: 'admin@clinic.example', role: 'admin', password: 'long enough password' };

function fieldErrors(schema: z.ZodType, input: unknown) {
  const result = schema.safeParse(input);
  if (result.success) return {};
  return z.flattenError(result.error).fieldErrors as Record<string, string[] | undefined>;
}

describe('createUserSchema: valid input', () => {
  it('accepts a clinician, a patient and an admin', () => {
    expect(createUserSchema.safeParse(clinician).success).toBe(true);
    expect(createUserSchema.safeParse(patient).success).toBe(true);
    expect(createUserSchema.safeParse(admin).success).toBe(true);
  });

  it('trims the name, trims and lower-cases the email', () => {
    const v = createUserSchema.parse({ ...admin, name: '  Ann Admin ', email: '  Ann.Admin@Clinic.EXAMPLE ' });
    expect(v.name).toBe('Ann Admin');
    expect(v.email).toBe('ann.admin@clinic.example');
  });

  it('trims and upper-cases the patient MRN', () => {
    expect(createUserSchema.parse({ ...patient, patientMrn: ' mrn-0001 ' }).patientMrn).toBe('MRN-0001');
  });

  it('accepts every specialty for a clinician', () => {
    for (const specialty of SPECIALTIES) expect(createUserSchema.safeParse({ ...clinician, specialty }).success).toBe(true);
  });

  it('a specialty or MRN on another role is allowed by the schema (the mutation ignores it)', () => {
    expect(createUserSchema.safeParse({ ...admin, specialty: 'nutrition' }).success).toBe(true);
    expect(createUserSchema.safeParse({ ...clinician, patientMrn: 'MRN-1' }).success).toBe(true);
  });

  it('names of 2 and 120 characters are accepted', () => {
    expect(createUserSchema.safeParse({ ...admin, name: 'Al' }).success).toBe(true);
    expect(createUserSchema.safeParse({ ...admin, name: 'n'.repeat(120) }).success).toBe(true);
  });
});

describe('createUserSchema: refusals and their messages', () => {
  it('name too short (after trimming)', () => {
    expect(fieldErrors(createUserSchema, { ...admin, name: 'A' }).name).toEqual(['Enter the person’s full name.']);
    expect(fieldErrors(createUserSchema, { ...admin, name: '   A   ' }).name).toEqual(['Enter the person’s full name.']);
    expect(fieldErrors(createUserSchema, { ...admin, name: '' }).name).toEqual(['Enter the person’s full name.']);
  });

  it('name too long', () => {
    expect(fieldErrors(createUserSchema, { ...admin, name: 'n'.repeat(121) }).name).toEqual(['Keep the name under 120 characters.']);
  });

  it.each(['not-an-email', 'ada@', '@clinic.example', 'ada clinic@example.org', ''])('email %j is refused', (email) => {
    expect(fieldErrors(createUserSchema, { ...admin, email }).email).toEqual(['Enter a valid email address.']);
  });

  it('an email of 254 characters is accepted, 255 refused', () => {
    const emailOfLength = (n: number) => {
      const domain = `${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`;
      return `${'a'.repeat(n - domain.length - 1)}@${domain}`;
    };
    expect(emailOfLength(254)).toHaveLength(254);
    expect(fieldErrors(createUserSchema, { ...admin, email: emailOfLength(254) })).toEqual({});
    expect(fieldErrors(createUserSchema, { ...admin, email: emailOfLength(255) }).email).toHaveLength(1);
  });

  it.each(['', 'doctor', 'Admin', 'superuser'])('role %j is refused with "Choose a role."', (role) => {
    expect(fieldErrors(createUserSchema, { ...admin, role }).role).toEqual(['Choose a role.']);
  });

  it('accepts exactly the database roles', () => {
    fc.assert(
      fc.property(fc.string(), (role) => {
        const ok = createUserSchema.safeParse({ ...admin, role, specialty: 'other', patientMrn: 'M1' }).success;
        expect(ok).toBe((USER_ROLES as readonly string[]).includes(role));
      }),
    );
  });

  it('a clinician needs a specialty', () => {
    const { specialty: _s, ...noSpecialty } = clinician;
    expect(fieldErrors(createUserSchema, noSpecialty)).toEqual({ specialty: ['Choose the clinician’s specialty.'] });
  });

  it('an unknown specialty is refused', () => {
    expect(fieldErrors(createUserSchema, { ...clinician, specialty: 'cardiology' }).specialty).toHaveLength(1);
  });

  it('a patient account needs the MRN of its record; blank counts as missing', () => {
    const { patientMrn: _m, ...noMrn } = patient;
    const message = ['Enter the MRN of the patient this portal account belongs to.'];
    expect(fieldErrors(createUserSchema, noMrn)).toEqual({ patientMrn: message });
    expect(fieldErrors(createUserSchema, { ...patient, patientMrn: '' })).toEqual({ patientMrn: message });
    expect(fieldErrors(createUserSchema, { ...patient, patientMrn: '   ' })).toEqual({ patientMrn: message });
  });

  it('an admin needs neither specialty nor MRN', () => {
    expect(fieldErrors(createUserSchema, admin)).toEqual({});
  });

  it('password length is enforced with its messages', () => {
    expect(fieldErrors(createUserSchema, { ...admin, password: 'x'.repeat(11) }).password).toEqual(['Use at least 12 characters.']);
    expect(fieldErrors(createUserSchema, { ...admin, password: 'x'.repeat(257) }).password).toEqual(['Use at most 256 characters.']);
  });

  it('reports every bad field at once', () => {
    const errors = fieldErrors(createUserSchema, { name: 'A', email: 'nope', role: 'x', password: 'short' });
    expect(errors).toEqual({
      name: ['Enter the person’s full name.'],
      email: ['Enter a valid email address.'],
      role: ['Choose a role.'],
      password: ['Use at least 12 characters.'],
    });
  });
});

describe('setUserActiveSchema', () => {
  const userId = '3f2b8c1e-7a4d-4e6f-9b0a-1c2d3e4f5a6b';

  it('accepts a uuid and a boolean', () => {
    expect(setUserActiveSchema.parse({ userId, active: false })).toEqual({ userId, active: false });
    expect(setUserActiveSchema.parse({ userId, active: true })).toEqual({ userId, active: true });
  });

  it.each([undefined, '', 'abc', '3f2b8c1e7a4d4e6f9b0a1c2d3e4f5a6b', `${userId}x`, "1' or '1'='1"])('userId %j is refused with "Unknown user."', (bad) => {
    expect(fieldErrors(setUserActiveSchema, { userId: bad, active: true }).userId).toEqual(['Unknown user.']);
  });

  it('active must be a real boolean, not a form string', () => {
    expect(setUserActiveSchema.safeParse({ userId, active: 'true' }).success).toBe(false);
    expect(setUserActiveSchema.safeParse({ userId }).success).toBe(false);
  });
});
