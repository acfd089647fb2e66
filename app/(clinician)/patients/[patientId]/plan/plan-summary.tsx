import { Link } from '@/lib/ui/link';
import { CURRENT_STATUSES } from '@/lib/care-plans/kinds';
import type { CarePlanSummaryView } from '@/lib/patients/record-page';
import { EmptyState } from '@/lib/ui/app-shell';
import { AwaitingAcceptanceBadge, InterventionStatusBadge } from '@/lib/ui/care-plans/badges';
import { formatDate } from '@/lib/ui/format';

/** The care plan at a glance on the patient record: active goals and current interventions. */
export function CarePlanSummary({ patientId, plan }: { patientId: string; plan: CarePlanSummaryView }) {
  const goals = plan.goals.filter((g) => g.status === 'active');
  const current = plan.interventions.filter((i) => CURRENT_STATUSES.includes(i.status));
  return (
    <div className="space-y-3 text-sm">
      {plan.awaitingMyAcceptance > 0 && (
        <p className="rounded-md bg-amber-50 px-3 py-2 font-medium text-amber-950 ring-1 ring-amber-200">
          {plan.awaitingMyAcceptance === 1 ? '1 intervention' : `${plan.awaitingMyAcceptance} interventions`} awaiting your acceptance
        </p>
      )}
      {goals.length === 0 && current.length === 0 ? (
        <EmptyState>
          {plan.interventions.length === 0
            ? 'No joint care plan yet.'
            : `Nothing running now: ${plan.interventions.length === 1 ? '1 earlier intervention' : `${plan.interventions.length} earlier interventions`} in the plan's history.`}
        </EmptyState>
      ) : (
        <>
          {goals.length > 0 && (
            <div>
              <h3 className="text-xs font-semibold uppercase tracking-wide text-slate-500">Goals</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-5">
                {goals.map((g) => (
                  <li key={g.id}>
                    {g.description}
                    {g.targetDate && <span className="text-slate-500"> (by {formatDate(g.targetDate)})</span>}
                  </li>
                ))}
              </ul>
            </div>
          )}
          {current.length > 0 && (
            <ul className="divide-y divide-slate-100">
              {current.map((i) => (
                <li key={i.id} className="py-2">
                  <div className="flex items-start justify-between gap-2">
                    <span className="font-medium">{i.title}</span>
                    {i.awaitingMyAcceptance ? <AwaitingAcceptanceBadge /> : <InterventionStatusBadge status={i.status} />}
                  </div>
                  <div className="text-slate-500">
                    {i.ownerName}
                    {i.startDate && ` · from ${formatDate(i.startDate)}`}
                    {i.endDate && ` to ${formatDate(i.endDate)}`}
                  </div>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <Link href={`/patients/${patientId}/plan`} className="inline-block font-medium text-brand-700 hover:underline">
        Open the care plan →
      </Link>
    </div>
  );
}
