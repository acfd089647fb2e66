import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { getMyProtocol } from '@/lib/reintroduction/queries';
import { formatDate } from '@/lib/ui/format';
import { PortalEmpty, PortalSection } from '@/lib/ui/portal/portal-section';
import { TodayCard } from '@/lib/ui/portal/today-card';
import { VERDICT_LABELS } from '@/lib/ui/reintroduction/protocol-grid';
import { ReactionForm } from './reaction-form';

export const metadata: Metadata = { title: 'My food reintroduction' };

/** The patient's elimination → reintroduction plan in plain words, day by day, with "I reacted". */
export default async function ReintroductionPage() {
  const actor = await requireActor(['patient']);
  const protocol = await getMyProtocol(actor);
  if (!protocol) {
    return (
      <div className="mx-auto max-w-3xl space-y-6 text-base">
        <h1 className="text-3xl font-semibold tracking-tight">My food reintroduction</h1>
        <PortalEmpty>Your care team has not started a food elimination and reintroduction plan with you.</PortalEmpty>
      </div>
    );
  }
  const { schedule } = protocol;
  return (
    <div className="mx-auto max-w-3xl space-y-6 text-base text-slate-900">
      <h1 className="text-3xl font-semibold tracking-tight">My food reintroduction</h1>
      <p role="note" className="rounded-lg border border-red-300 bg-red-50 p-4 text-base text-red-950">
        If your lips, tongue or throat swell, you have trouble breathing or swallowing, or you feel faint: call 911 now. Do not wait to report it here.
      </p>
      <TodayCard protocol={protocol} showLinks={false} />
      {protocol.status === 'active' && (
        <PortalSection id="react" title="I reacted" description="Tell your care team what happened. They see it with your diary.">
          <ReactionForm today={protocol.today} />
        </PortalSection>
      )}
      <PortalSection id="plan" title="My plan, day by day" description={`Supervised by ${protocol.supervisor.name}. One food at a time, in small then larger portions.`}>
        <ol className="space-y-4">
          <li>
            <h3 className="font-semibold">
              {formatDate(schedule.eliminationFrom)} – {formatDate(schedule.eliminationTo)}: leave out {protocol.foods.join(', ')}
            </h3>
          </li>
          {protocol.challenges.map((c) => (
            <li key={c.challenge.food}>
              <h3 className="font-semibold">Test {c.challenge.food}</h3>
              <ul className="mt-1 space-y-1">
                {c.challenge.days.map((d) => (
                  <li key={d.date} className={d.date === protocol.today ? 'font-semibold text-brand-800' : ''}>
                    {formatDate(d.date)}: {d.portion}
                    {d.date === protocol.today ? ' (today)' : ''}
                  </li>
                ))}
                {c.challenge.washout && (
                  <li>
                    {formatDate(c.challenge.washout.from)} – {formatDate(c.challenge.washout.to)}: rest days, leave it out again
                  </li>
                )}
              </ul>
              {c.confirmed && (
                <p className="mt-1">
                  Your team’s answer: <strong>{VERDICT_LABELS[c.confirmed.verdict]}</strong>
                  {c.confirmed.verdict === 'tolerated' ? ', it is back in your diet.' : c.confirmed.reviewDate ? `, it stays out for now; your team looks again on ${formatDate(c.confirmed.reviewDate)}.` : ', it stays out for now.'}
                </p>
              )}
            </li>
          ))}
        </ol>
      </PortalSection>
      {protocol.reactions.length > 0 && (
        <PortalSection id="reported" title="What you reported">
          <ul className="space-y-2">
            {protocol.reactions.map((r) => (
              <li key={r.id}>
                {formatDate(r.occurredOn)}
                {r.occurredTime ? ` at ${r.occurredTime}` : ''}: {r.symptom} ({r.severity})
              </li>
            ))}
          </ul>
        </PortalSection>
      )}
    </div>
  );
}
