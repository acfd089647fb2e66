import { describe, expect, it } from 'vitest';
import { describeProvenance } from '@/lib/results/provenance';

describe('describeProvenance', () => {
  it('a score the patient reported and a nutritionist entered is the patient’s report, entered by the nutritionist', () => {
    expect(describeProvenance({ reportedBy: 'patient', enteredByName: 'Nina Patel, RD', enteredByRole: 'clinician' })).toEqual({
      reportedByPatient: true,
      enteredByPatient: false,
      text: 'Reported by the patient · entered by Nina Patel, RD',
    });
  });

  it('an entry from the patient’s own account is reported and entered by the patient', () => {
    expect(describeProvenance({ reportedBy: 'patient', enteredByName: 'Rafael Moreau', enteredByRole: 'patient' }).text).toBe('Reported by the patient in the portal');
    // Even if an older entry lacks the flag, the patient's account makes it theirs.
    expect(describeProvenance({ reportedBy: null, enteredByName: 'Rafael Moreau', enteredByRole: 'patient' }).reportedByPatient).toBe(true);
  });

  it('a clinician’s own entry names only the clinician, never "patient-reported"', () => {
    for (const reportedBy of ['clinician', null, undefined, 'something else']) {
      const p = describeProvenance({ reportedBy, enteredByName: 'Dr. Elena Rivera', enteredByRole: 'clinician' });
      expect(p).toEqual({ reportedByPatient: false, enteredByPatient: false, text: 'Entered by Dr. Elena Rivera' });
    }
  });
});
