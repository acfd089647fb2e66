// Who reported a result and who entered it, said truthfully. A score the patient reported on paper and a
// nutritionist typed in is the patient's report, entered by the nutritionist; one the patient completed in
// the portal was reported and entered by the patient; everything else is the clinician's own entry.
// Pure and browser-safe: the results list, the result page, the timeline and the portal use the same words.

export type EnteredByRole = 'clinician' | 'patient' | 'admin';

export interface ProvenanceInput {
  /** results.data.reportedBy, as stored (scores only; anything else counts as the clinician's). */
  reportedBy: string | null | undefined;
  enteredByName: string;
  enteredByRole: EnteredByRole;
}

export interface Provenance {
  reportedByPatient: boolean;
  /** The patient entered it themself, in the portal. */
  enteredByPatient: boolean;
  /** One line: "Reported by the patient · entered by Nina Patel, RD". */
  text: string;
}

export function describeProvenance({ reportedBy, enteredByName, enteredByRole }: ProvenanceInput): Provenance {
  const enteredByPatient = enteredByRole === 'patient';
  // An entry made from a patient's own account is the patient's report, whatever the data says.
  const reportedByPatient = reportedBy === 'patient' || enteredByPatient;
  const text = enteredByPatient ? 'Reported by the patient in the portal' : reportedByPatient ? `Reported by the patient · entered by ${enteredByName}` : `Entered by ${enteredByName}`;
  return { reportedByPatient, enteredByPatient, text };
}
