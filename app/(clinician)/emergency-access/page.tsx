import type { Metadata } from 'next';
import { z } from 'zod';
import { requireActor } from '@/lib/platform/auth/session';
import { EMERGENCY_REASON_MAX_LENGTH, EMERGENCY_REASON_MIN_LENGTH, EMERGENCY_REASON_OPTIONS, formatMinutes } from '@/lib/emergency-access/reasons';
import { readEnv } from '@/lib/platform/env';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { EmergencyAccessForm } from './emergency-access-form';

export const metadata: Metadata = { title: 'Emergency access' };

const linkedPatient = z.uuid().nullable().catch(null);

export default async function EmergencyAccessPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  await requireActor(['clinician']);
  const { patient } = await searchParams;
  // From the refusal page of a direct link: the record is named by its id, never looked up here.
  const patientId = linkedPatient.parse(typeof patient === 'string' ? patient : null);
  const duration = formatMinutes(readEnv().AXIS_EMERGENCY_ACCESS_MINUTES);
  return (
    <div className="mx-auto max-w-2xl">
      <PageHeader title="Emergency access" description="Open the record of a patient whose care team you are not on, when care cannot wait." />
      <div role="note" className="mb-6 rounded-lg border border-red-300 bg-red-50 p-4 text-sm text-red-900" data-testid="emergency-warning">
        <p className="font-semibold">This is “break the glass” access. It is logged and shown to the patient’s care team.</p>
        <ul className="mt-2 list-disc space-y-1 pl-5">
          <li>Your name, the time and your reason are recorded and appear on the patient’s record for their care team.</li>
          <li>Administrators review every emergency access, and every page you open under it.</li>
          <li>
            Access lasts <strong>{duration}</strong> and is <strong>read-only</strong>: you cannot add results, notes or plan changes, or share
            anything with the patient. If you need to, ask an administrator to add you to the care team.
          </li>
        </ul>
      </div>
      <Card title="Request emergency access" id="emergency-request">
        <EmergencyAccessForm
          patientId={patientId}
          reasonOptions={EMERGENCY_REASON_OPTIONS}
          minLength={EMERGENCY_REASON_MIN_LENGTH}
          maxLength={EMERGENCY_REASON_MAX_LENGTH}
        />
      </Card>
    </div>
  );
}
