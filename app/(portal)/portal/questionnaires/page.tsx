import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { QUESTIONNAIRES, describeTotal } from '@/lib/questionnaires/definitions';
import { getMyQuestionnaires } from '@/lib/questionnaires/queries';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';

export const metadata: Metadata = { title: 'Questionnaires' };

const ABOUT = {
  dlqi: 'How much your skin has affected your daily life this week. 10 questions, about 2 minutes.',
  poem: 'How your eczema has been this week. 7 questions, about 2 minutes.',
  uas7: 'Your hives and itch on each of the last 7 days. 14 short questions.',
} as const;

export default async function QuestionnairesPage() {
  const actor = await requireActor(['patient']);
  const { offered, recent } = await getMyQuestionnaires(actor);
  return (
    <div className="space-y-6">
      <PageHeader title="Questionnaires" description="Your answers go to your care team and help them see how you are doing between visits." />
      <ul className="grid gap-4 md:grid-cols-3">
        {offered.map((id) => {
          const def = QUESTIONNAIRES[id];
          return (
            <li key={id}>
              <Link
                href={`/portal/questionnaires/${id}`}
                className="block h-full rounded-lg border border-slate-200 bg-white p-5 shadow-sm hover:border-brand-600 focus-visible:outline focus-visible:outline-2 focus-visible:outline-offset-2 focus-visible:outline-brand-700"
              >
                <span className="block text-lg font-semibold text-brand-800">{def.fullName}</span>
                <span className="mt-1 block text-sm text-slate-600">{def.label}</span>
                <span className="mt-2 block text-sm text-slate-700">{ABOUT[id]}</span>
                <span className="mt-3 block text-sm font-semibold text-brand-700">Start →</span>
              </Link>
            </li>
          );
        })}
      </ul>
      <Card title="What you sent before" id="history">
        {recent.length === 0 ? (
          <EmptyState>You have not filled in a questionnaire yet.</EmptyState>
        ) : (
          <ul className="divide-y divide-slate-100 text-sm">
            {recent.map((r) => (
              <li key={r.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{QUESTIONNAIRES[r.instrument].label}</span> · {formatDate(r.effectiveDate)}
                </span>
                <span>
                  {r.total} out of {QUESTIONNAIRES[r.instrument].max}: {describeTotal(r.instrument, r.total)}
                </span>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
