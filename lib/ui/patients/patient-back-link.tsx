import { Link } from '@/lib/ui/link';

/** The breadcrumb back to a patient's record, naming the patient (for pages about one part of the record). */
export function PatientBackLink({ patientId, patient, hash = '' }: { patientId: string; patient: { familyName: string; givenName: string; mrn: string }; hash?: `#${string}` | '' }) {
  return (
    <nav aria-label="Breadcrumb" className="text-sm">
      <Link href={`/patients/${patientId}${hash}`} className="text-brand-700 hover:underline">
        ← {patient.familyName}, {patient.givenName} ({patient.mrn})
      </Link>
    </nav>
  );
}
