import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/platform/auth/session';
import { getResult } from '@/lib/results/queries';
import { readStoredResult } from '@/lib/results/stored';
import { Card } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { BreathTestForm } from '../../forms/breath-test-form';
import { FoodPanelForm } from '../../forms/food-panel-form';
import { breathTestFormValues, foodPanelFormValues, hPyloriFormValues, scoreFormValues, stoolTestFormValues } from '../../forms/form-values';
import { HPyloriForm } from '../../forms/h-pylori-form';
import { ScoreForm } from '../../forms/score-form';
import { StoolTestForm } from '../../forms/stool-test-form';
import { getPatientHeading } from '@/lib/patients/queries';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Correct a result' };

export default async function CorrectResultPage({ params }: { params: Promise<{ patientId: string; resultId: string }> }) {
  const { patientId, resultId } = await params;
  const actor = await requireActor(['clinician']);
  const detail = await orNotFound(getResult(actor, resultId));
  if (detail.patientId !== patientId) notFound();
  const { current } = detail;
  const stored = readStoredResult(detail.kind, current.data, current.interpretation);
  // The version opened here travels with the save: if a colleague corrects it first, this save is refused.
  const correction = { resultId: current.id, version: current.version };
  const today = new Date().toISOString().slice(0, 10);
  const props = { patientId, correction, today };
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}/results/${current.id}`} className="text-brand-700 hover:underline">
          ← Back to the result
        </Link>
      </nav>
      <Card title={`Correct: ${current.title}, ${formatDate(current.effectiveDate)} (version ${current.version})`} level={1}>
        <p className="mb-4 text-sm text-slate-600">The current version stays in the history; your correction becomes version {current.version + 1} and its interpretation is recomputed.</p>
        {stored.kind === 'breath_test' && <BreathTestForm {...props} initial={breathTestFormValues(stored.input)} />}
        {stored.kind === 'h_pylori' && <HPyloriForm {...props} initial={hPyloriFormValues(stored.input)} />}
        {stored.kind === 'food_panel' && <FoodPanelForm {...props} initial={foodPanelFormValues(stored.input)} />}
        {stored.kind === 'score' && <ScoreForm {...props} initial={scoreFormValues(stored.input)} />}
        {stored.kind === 'stool_test' && <StoolTestForm {...props} initial={stoolTestFormValues(stored.input, today)} dateOfBirth={(await getPatientHeading(actor, patientId, 'clinical-write')).dateOfBirth} />}
      </Card>
    </div>
  );
}
