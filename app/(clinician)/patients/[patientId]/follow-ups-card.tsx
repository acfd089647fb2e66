import { Link } from '@/lib/ui/link';
import type { FollowUpView } from '@/lib/outcomes/follow-ups';
import { Card } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';

const STATE_LABEL = { scheduled: 'Scheduled', due: 'Due', overdue: 'Overdue' } as const;
const STATE_CLASS = { scheduled: 'bg-slate-100 text-slate-800', due: 'bg-amber-100 text-amber-900', overdue: 'bg-red-100 text-red-900' } as const;

/** Test of cure and breath retests scheduled from the plan, with each test since and whether it counts. */
export function FollowUpsCard({ patientId, followUps }: { patientId: string; followUps: FollowUpView[] }) {
  if (followUps.length === 0) return null;
  return (
    <Card title="Follow-up tests" id="follow-ups">
      <ul className="space-y-3 text-sm">
        {followUps.map((f) => (
          <li key={f.taskId} data-testid="follow-up">
            <div className="flex flex-wrap items-baseline justify-between gap-2">
              <span className="font-medium">{f.kind === 'h_pylori_test_of_cure' ? 'H. pylori test of cure' : 'Breath retest'}</span>
              {f.state ? <span className={`rounded px-1.5 py-0.5 text-xs font-medium ${STATE_CLASS[f.state]}`}>{STATE_LABEL[f.state]}</span> : <span className="rounded bg-emerald-50 px-1.5 py-0.5 text-xs font-medium text-emerald-900">Done</span>}
            </div>
            <p className="text-xs text-slate-600">
              After {f.interventionTitle} · for {f.assigneeName}
            </p>
            <p className="mt-1 text-slate-800">{f.explanation}</p>
            {f.tests.length > 0 && (
              <ul className="mt-1 space-y-1">
                {f.tests.map((t) => (
                  <li key={t.resultId} className="text-xs">
                    <Link href={`/patients/${patientId}/results/${t.resultId}`} className="text-brand-700 hover:underline">
                      {t.method}, {formatDate(t.effectiveDate)}
                    </Link>
                    : {t.validity.valid ? <span className="text-emerald-800">counts as the test</span> : <span className="text-red-800">not valid for cure. {t.validity.reason}</span>}
                  </li>
                ))}
              </ul>
            )}
          </li>
        ))}
      </ul>
    </Card>
  );
}
