import { describe, expect, it } from 'vitest';
import { emergencyAccessRequestSchema } from '@/lib/emergency-access/schema';
import { formatMinutes } from '@/lib/emergency-access/reasons';

const REASON = 'Patient in the emergency department with a severe flare; care team unreachable tonight.';

function errorsOf(input: unknown) {
  const parsed = emergencyAccessRequestSchema.safeParse(input);
  return parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]));
}

describe('emergencyAccessRequestSchema', () => {
  it('accepts an MRN, a category and a real reason, normalising the MRN', () => {
    const parsed = emergencyAccessRequestSchema.parse({ mrn: ' ax-100155 ', reasonCategory: 'urgent_care', reason: `  ${REASON}  ` });
    expect(parsed).toEqual({ mrn: 'AX-100155', reasonCategory: 'urgent_care', reason: REASON });
  });

  it('accepts a patient id from a refused direct link instead of an MRN', () => {
    const parsed = emergencyAccessRequestSchema.parse({ mrn: '', patientId: '0b7f2a52-6f58-4c5e-9d0a-3b2b8f1f4f10', reasonCategory: 'other', reason: REASON });
    expect(parsed.patientId).toBe('0b7f2a52-6f58-4c5e-9d0a-3b2b8f1f4f10');
    expect(parsed.mrn).toBeUndefined();
  });

  it('requires a patient', () => {
    expect(errorsOf({ mrn: '  ', patientId: '', reasonCategory: 'urgent_care', reason: REASON })).toHaveProperty('mrn');
  });

  it('refuses a malformed patient id', () => {
    expect(errorsOf({ patientId: 'not-a-uuid', reasonCategory: 'urgent_care', reason: REASON })).toHaveProperty('patientId');
  });

  it('requires a known category', () => {
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: '', reason: REASON })).toHaveProperty('reasonCategory', 'Choose why you need emergency access.');
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'curiosity', reason: REASON })).toHaveProperty('reasonCategory');
  });

  it('requires a reason of at least 20 characters after trimming (19 refused, 20 accepted)', () => {
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other', reason: `  ${'seen in clinic now'.padEnd(19, '.')}  ` })).toHaveProperty('reason');
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other', reason: 'seen in clinic today' })).toEqual({});
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other' })).toHaveProperty('reason');
  });

  it('refuses filler that is long enough but not words', () => {
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other', reason: 'aaaaaaaaaaaaaaaaaaaaaaaaaaaa' })).toHaveProperty('reason');
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other', reason: 'x x x x x x x x x x x x x x x' })).toHaveProperty('reason');
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other', reason: '1234567890 1234567890 12345' })).toHaveProperty('reason');
  });

  it('refuses a reason over 2000 characters', () => {
    expect(errorsOf({ mrn: 'AX-1', reasonCategory: 'other', reason: `${REASON} ${'word '.repeat(400)}` })).toHaveProperty('reason');
  });
});

describe('formatMinutes', () => {
  it.each([
    [0, '0 min'],
    [1, '1 min'],
    [59, '59 min'],
    [60, '1 h'],
    [65, '1 h 5 min'],
    [1440, '24 h'],
    [-3, '0 min'],
  ])('%d → %s', (minutes, text) => {
    expect(formatMinutes(minutes)).toBe(text);
  });
});
