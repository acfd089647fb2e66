import { Link } from '@/lib/ui/link';
import type { PatientRecordPage } from '@/lib/patients/record-page';
import { INTERVENTION_STATUS_LABELS } from '@/lib/care-plans/kinds';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { ResponseList } from '@/lib/ui/outcomes/response-list';

/**
 * "What worked": for each intervention that ran, how every recorded score moved from its baseline to the
 * assessment point, with the interventions that overlapped named. Observational: it shows change
 * alongside care, never that one caused the other.
 */
export function WhatWorkedCard({ patientId, items, clinicOutcomesHref }: { patientId: string; items: PatientRecordPage['whatWorked']; clinicOutcomesHref: string | null }) {
  return (
    <Card
      title="What worked"
      id="what-worked"
      actions={
        <div className="flex flex-wrap gap-3">
          <Link href={`/patients/${patientId}/timeline#outcomes`} className="text-sm font-medium text-brand-700 hover:underline">
            See on the timeline
          </Link>
          {clinicOutcomesHref && (
            <Link href={clinicOutcomesHref} className="text-sm font-medium text-brand-700 hover:underline">
              Compare across the clinic
            </Link>
          )}
        </div>
      }
    >
      {items.length === 0 ? (
        <EmptyState>No intervention has started yet, so there is no response to show.</EmptyState>
      ) : (
        <>
          <p className="mb-3 text-xs text-slate-600">
            Each score&apos;s change from its baseline (the last one in the weeks before the start) to the score nearest the assessment point. Changes during overlapping interventions cannot be put down to one of them.
          </p>
          <ul className="space-y-4">
            {items.map((i) => (
              <li key={i.interventionId} data-testid="what-worked-item">
                <h3 className="text-sm font-semibold text-slate-900">
                  {i.title}{' '}
                  <span className="font-normal text-slate-600">
                    · {INTERVENTION_STATUS_LABELS[i.status]} · {i.startDate ? `from ${formatDate(i.startDate)}` : 'no start date'}
                    {i.endDate ? ` to ${formatDate(i.endDate)}` : ''}
                  </span>
                </h3>
                <div className="mt-1">
                  <ResponseList responses={i.responses} compact />
                </div>
              </li>
            ))}
          </ul>
        </>
      )}
    </Card>
  );
}
