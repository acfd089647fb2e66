import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { bristolDescription, confounderLabel } from '@/lib/diary/schema';
import { daysAgo, listDiaryEntries } from '@/lib/diary/queries';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { DiaryForm } from './diary-form';

export const metadata: Metadata = { title: 'My diary' };

export default async function DiaryPage() {
  const actor = await requireActor(['patient']);
  const entries = await listDiaryEntries(actor, actor.patientId ?? '', { from: daysAgo(30) });
  return (
    <div className="space-y-6">
      <PageHeader title="My food and symptom diary" description="Write down what you ate and how your gut and skin were today. Your care team can see your diary." />
      <div className="grid gap-6 lg:grid-cols-5">
        <div className="lg:col-span-3">
          <Card title="Today's entry" id="new-entry">
            <DiaryForm today={new Date().toISOString().slice(0, 10)} />
          </Card>
        </div>
        <div className="lg:col-span-2">
          <Card title="Your recent entries" id="recent">
            {entries.length === 0 ? (
              <EmptyState>No diary entries in the last 30 days.</EmptyState>
            ) : (
              <ul className="space-y-4" data-testid="diary-entries">
                {entries.map((e) => (
                  <li key={e.id} className="border-b border-slate-100 pb-3 text-sm last:border-0">
                    <h3 className="font-semibold text-slate-900">{formatDate(e.entryDate)}</h3>
                    {e.challengeTag && <p className="text-sm font-medium text-amber-900">{e.challengeTag}</p>}
                    <dl className="mt-1 grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-slate-700">
                      {e.stoolForm !== null && (
                        <>
                          <dt className="text-slate-600">Stool</dt>
                          <dd>
                            Type {e.stoolForm}: {bristolDescription(e.stoolForm)}
                          </dd>
                        </>
                      )}
                      {e.itch !== null && (
                        <>
                          <dt className="text-slate-600">Itch</dt>
                          <dd>{e.itch} out of 10</dd>
                        </>
                      )}
                      {e.flare !== null && (
                        <>
                          <dt className="text-slate-600">Flare</dt>
                          <dd>{e.flare} out of 10</dd>
                        </>
                      )}
                      {e.meals.length > 0 && (
                        <>
                          <dt className="text-slate-600">Meals</dt>
                          <dd>
                            <ul>
                              {e.meals.map((m, i) => (
                                <li key={i}>
                                  {m.time && <span className="text-slate-600">{m.time} </span>}
                                  {m.description}
                                </li>
                              ))}
                            </ul>
                          </dd>
                        </>
                      )}
                      {e.confounders.length > 0 && (
                        <>
                          <dt className="text-slate-600">Also</dt>
                          <dd>{e.confounders.map(confounderLabel).join('; ')}</dd>
                        </>
                      )}
                      {e.notes && (
                        <>
                          <dt className="text-slate-600">Notes</dt>
                          <dd className="whitespace-pre-wrap">{e.notes}</dd>
                        </>
                      )}
                    </dl>
                  </li>
                ))}
              </ul>
            )}
          </Card>
        </div>
      </div>
    </div>
  );
}
