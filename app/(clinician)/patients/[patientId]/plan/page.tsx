import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { CURRENT_STATUSES } from '@/lib/care-plans/kinds';
import { getCarePlan } from '@/lib/care-plans/queries';
import { INSTRUMENT_IDS, INSTRUMENTS } from '@/lib/clinical/scores/instruments';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { getPatientProtocols } from '@/lib/reintroduction/queries';
import { ChangeHistory } from './change-history';
import { ProtocolSection } from './protocol-card';
import { GoalsSection, InterventionItem, ProposePanel } from './plan-sections';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Care plan' };

const INSTRUMENT_OPTIONS = INSTRUMENT_IDS.map((id) => ({ id, label: INSTRUMENTS[id].label }));

export default async function CarePlanPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const [plan, protocols] = await Promise.all([orNotFound(getCarePlan(actor, patientId, { changes: 200 })), orNotFound(getPatientProtocols(actor, patientId))]);
  const current = plan.interventions.filter((i) => CURRENT_STATUSES.includes(i.status));
  const past = plan.interventions.filter((i) => !CURRENT_STATUSES.includes(i.status));
  const { patient } = plan;
  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patient.id}`} className="text-brand-700 hover:underline">
          ← {patient.familyName}, {patient.givenName}
        </Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">Care plan</h1>
        <p className="mt-1 text-sm text-slate-600">
          {patient.familyName}, {patient.givenName} · MRN {patient.mrn} · one living plan shared by the care team. Either specialty proposes; the owner accepts.
        </p>
      </header>
      {plan.awaitingMyAcceptance > 0 && (
        <p role="status" className="rounded-md border border-amber-300 bg-amber-50 px-4 py-3 text-sm font-medium text-amber-950">
          {plan.awaitingMyAcceptance === 1 ? '1 intervention is' : `${plan.awaitingMyAcceptance} interventions are`} awaiting your acceptance.
        </p>
      )}
      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Goals" id="goals">
            <GoalsSection patientId={patient.id} goals={plan.goals} instruments={INSTRUMENT_OPTIONS} />
          </Card>
          <Card title="Elimination and reintroduction" id="reintroduction">
            <ProtocolSection patientId={patient.id} protocols={protocols} actorUserId={actor.userId} />
          </Card>
          <Card title="Interventions" id="interventions">
            <div className="space-y-4">
              {current.length === 0 ? (
                <EmptyState>No current interventions.</EmptyState>
              ) : (
                <ul className="space-y-3">
                  {current.map((i) => (
                    <InterventionItem key={i.id} patientId={patient.id} intervention={i} team={plan.team} goals={plan.goals} />
                  ))}
                </ul>
              )}
              <ProposePanel patientId={patient.id} team={plan.team} goals={plan.goals} />
              {past.length > 0 && (
                <details>
                  <summary className="cursor-pointer text-sm font-medium text-slate-700">Completed, stopped and declined ({past.length})</summary>
                  <ul className="mt-3 space-y-3">
                    {past.map((i) => (
                      <InterventionItem key={i.id} patientId={patient.id} intervention={i} team={plan.team} goals={plan.goals} />
                    ))}
                  </ul>
                </details>
              )}
            </div>
          </Card>
        </div>
        <div>
          <Card title="Change history" id="history">
            <ChangeHistory changes={plan.recentChanges} />
          </Card>
        </div>
      </div>
    </div>
  );
}
