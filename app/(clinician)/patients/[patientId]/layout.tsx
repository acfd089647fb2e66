import { requireActor } from '@/lib/platform/auth/session';
import { getLiveEmergencyAccess } from '@/lib/emergency-access/queries';
import { getPatientBanner } from '@/lib/patients/banner';
import { PatientBanner } from '@/lib/ui/patients/patient-banner';
import { orNullWhenRefused } from '@/lib/ui/or-not-found';
import { EmergencyBanner } from './emergency-banner';

// Every page of one patient's record: who the page is about (one banner, from here only, so no page can
// forget it), and the emergency-access banner while the clinician's grant runs.
export default async function PatientRecordLayout({ children, params }: { children: React.ReactNode; params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const [patient, grant] = await Promise.all([orNullWhenRefused(getPatientBanner(actor, patientId)), getLiveEmergencyAccess(actor, patientId)]);
  return (
    <>
      {/* Refused: no banner, and the page's own read shows this segment's not-found (with its emergency-access link). */}
      {patient && <PatientBanner patient={patient} />}
      {grant && <EmergencyBanner key={grant.id} grantId={grant.id} secondsLeft={grant.secondsLeft} expiresAt={grant.expiresAt} />}
      {children}
    </>
  );
}
