import type { Metadata } from 'next';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/platform/auth/session';
import { getPatientHeading } from '@/lib/patients/queries';
import { Card } from '@/lib/ui/app-shell';
import { BreathTestForm } from '../../forms/breath-test-form';
import { FoodPanelForm } from '../../forms/food-panel-form';
import { HPyloriForm } from '../../forms/h-pylori-form';
import { ScoreForm } from '../../forms/score-form';
import { StoolTestForm } from '../../forms/stool-test-form';
import { KIND_TITLES, kindFromSlug } from '../../kind-slugs';
import { orNotFound } from '@/lib/ui/or-not-found';
import { PatientBackLink } from '@/lib/ui/patients/patient-back-link';

export const metadata: Metadata = { title: 'Record a result' };

export default async function NewResultPage({ params }: { params: Promise<{ patientId: string; kind: string }> }) {
  const { patientId, kind: slug } = await params;
  const kind = kindFromSlug(slug);
  if (!kind) notFound();
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId, 'clinical-write'));
  const today = new Date().toISOString().slice(0, 10);
  const props = { patientId, today };
  return (
    <div className="space-y-6">
      <PatientBackLink patientId={patientId} patient={patient} hash="#results" />
      <Card title={`Record: ${KIND_TITLES[kind]}`} level={1}>
        {kind === 'breath_test' && <BreathTestForm {...props} />}
        {kind === 'h_pylori' && <HPyloriForm {...props} />}
        {kind === 'food_panel' && <FoodPanelForm {...props} />}
        {kind === 'score' && <ScoreForm {...props} />}
        {kind === 'stool_test' && <StoolTestForm {...props} dateOfBirth={patient.dateOfBirth} />}
      </Card>
    </div>
  );
}
