import { Link } from '@/lib/ui/link';
import type { ProtocolView } from '@/lib/reintroduction/queries';
import { todayForPatient } from '@/lib/reintroduction/plain-language';
import { formatDate } from '@/lib/ui/format';

const buttonClass = 'inline-flex min-h-12 items-center justify-center rounded-lg px-4 py-2 text-base font-semibold focus-visible:outline-2';

/** The portal's "Today" card for a patient on an elimination → reintroduction plan, phone first. */
export function TodayCard({ protocol, showLinks = true }: { protocol: ProtocolView; showLinks?: boolean }) {
  const t = todayForPatient(protocol, formatDate);
  const running = protocol.status === 'active';
  return (
    <section aria-labelledby="today-heading" className="rounded-xl border-2 border-brand-700 bg-white p-5 shadow-sm sm:p-6" data-testid="today-card">
      <p className="text-sm font-semibold uppercase tracking-wide text-brand-800">Today · {formatDate(protocol.today)}</p>
      <h2 id="today-heading" className="mt-1 text-2xl font-semibold tracking-tight text-slate-900">
        {t.headline}
      </h2>
      <p className="mt-2 text-lg text-slate-800">{t.detail}</p>
      {t.avoid.length > 0 && (
        <div className="mt-3">
          <h3 className="font-semibold text-slate-900">Leave out</h3>
          <ul className="mt-1 flex flex-wrap gap-2">
            {t.avoid.map((f) => (
              <li key={f} className="rounded-full bg-slate-100 px-3 py-1 text-base text-slate-900">
                {f}
              </li>
            ))}
          </ul>
        </div>
      )}
      {t.backIn.length > 0 && (
        <p className="mt-3 text-base text-slate-800">
          <span className="font-semibold">Back in your diet:</span> {t.backIn.join(', ')}
        </p>
      )}
      {t.keptOut.length > 0 && (
        <ul className="mt-3 space-y-1 text-base text-slate-800">
          {t.keptOut.map((k) => (
            <li key={k.food}>
              <span className="font-semibold">{k.food} stays out:</span> {k.why}
            </li>
          ))}
        </ul>
      )}
      {t.next && <p className="mt-3 text-base text-slate-800">{t.next}</p>}
      {showLinks && running && (
        <div className="mt-4 flex flex-wrap gap-3">
          <Link href="/portal/reintroduction#react" className={`${buttonClass} bg-red-700 text-white hover:bg-red-800`}>
            I reacted
          </Link>
          <Link href="/portal/diary" className={`${buttonClass} border border-brand-700 text-brand-800 hover:bg-brand-50`}>
            Write today’s diary
          </Link>
          <Link href="/portal/reintroduction" className={`${buttonClass} border border-slate-300 text-slate-800 hover:bg-slate-50`}>
            See my whole plan
          </Link>
        </div>
      )}
    </section>
  );
}
