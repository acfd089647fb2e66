import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { getPatientHeading } from '@/lib/patients/queries';
import { Card } from '@/lib/ui/app-shell';
import { FhirImportForm } from './fhir-import-form';
import { orNotFound } from '@/lib/ui/or-not-found';
import { PatientBackLink } from '@/lib/ui/patients/patient-back-link';

export const metadata: Metadata = { title: 'Import lab results (FHIR)' };

export default async function FhirImportPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId, 'clinical-write'));
  return (
    <div className="space-y-6">
      <PatientBackLink patientId={patientId} patient={patient} hash="#results" />
      <Card title="Import lab results (FHIR R4 Bundle)" level={1}>
        <p className="mb-4 text-sm text-slate-600">
          Upload or paste a FHIR R4 Bundle of lab Observations and DiagnosticReports for {patient.givenName} {patient.familyName}. Breath tests, H. pylori tests and food
          panels whose codes Axis recognises are shown for review first; nothing is saved until you confirm, and then all of them are saved together or none is.
        </p>
        <FhirImportForm patientId={patientId} patientLabel={`${patient.familyName}, ${patient.givenName} (${patient.mrn})`} />
      </Card>
    </div>
  );
}
