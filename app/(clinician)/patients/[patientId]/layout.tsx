import { requireActor } from '@/lib/auth/session';
import { getLiveEmergencyAccess } from '@/lib/emergency-access/queries';
import { EmergencyBanner } from './emergency-banner';

// Every page of one patient's record: shows the emergency-access banner while the clinician's grant runs.
export default async function PatientRecordLayout({ children, params }: { children: React.ReactNode; params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const grant = await getLiveEmergencyAccess(actor, patientId);
  return (
    <>
      {grant && <EmergencyBanner key={grant.id} grantId={grant.id} secondsLeft={grant.secondsLeft} expiresAt={grant.expiresAt} />}
      {children}
    </>
  );
}
