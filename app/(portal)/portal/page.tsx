import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { NoteMarkdown } from '@/lib/notes/render';
import { untilForPatient } from '@/lib/portal/plain-language';
import { getPortalSummary } from '@/lib/portal/queries';
import { getMyProtocol } from '@/lib/reintroduction/queries';
import { TodayCard } from '@/lib/ui/portal/today-card';
import { formatDate, sexLabel, specialtyLabel } from '@/lib/ui/format';
import { Explanation } from '@/lib/ui/portal/explanation';
import { PortalEmpty, PortalSection } from '@/lib/ui/portal/portal-section';
import { PortalScoreTrend } from '@/lib/ui/portal/portal-score-trend';
import { PrintButton } from '@/lib/ui/portal/print-button';

export const metadata: Metadata = { title: 'My summary' };

const actionClass =
  'inline-flex min-h-11 items-center justify-center rounded-lg border border-brand-700 px-4 py-2 text-base font-semibold text-brand-800 hover:bg-brand-50 focus-visible:outline-2';

export default async function PortalSummaryPage() {
  const actor = await requireActor(['patient']);
  const [s, protocol] = await Promise.all([getPortalSummary(actor), getMyProtocol(actor)]);
  const fullName = `${s.patient.givenName} ${s.patient.familyName}`;
  return (
    <div className="mx-auto max-w-4xl space-y-6 text-base text-slate-900 print:max-w-none print:space-y-4">
      <header className="space-y-2">
        <h1 className="text-3xl font-semibold tracking-tight print:hidden">Hello, {s.patient.givenName}</h1>
        <p className="hidden text-2xl font-semibold print:block">Health summary for {fullName}</p>
        <p className="text-lg text-slate-700 print:hidden">This is your health summary. It shows what your care team has shared with you.</p>
        <p className="text-base text-slate-700">
          {fullName} · born {formatDate(s.patient.dateOfBirth)} · {sexLabel(s.patient.sex)} · record number {s.patient.mrn}
          <span className="hidden print:inline"> · printed {formatDate(s.generatedAt.slice(0, 10))}</span>
        </p>
        <div className="flex flex-wrap gap-3 pt-2 print:hidden">
          <PrintButton className={actionClass} />
          <a href="/portal/summary.pdf" className={actionClass} download>
            Download PDF
          </a>
        </div>
      </header>

      {protocol && (
        <div className="print:hidden">
          <TodayCard protocol={protocol} />
        </div>
      )}

      <nav aria-label="On this page" className="print:hidden">
        <ul className="flex flex-wrap gap-x-4 gap-y-2 text-base">
          {[
            ['conditions', 'Conditions'],
            ['team', 'Care team'],
            ['plan', 'Your plan'],
            ['results', 'Results'],
            ['notes', 'Notes'],
            ['scores', 'Scores'],
          ].map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}-heading`} className="font-medium text-brand-800 underline underline-offset-2 hover:text-brand-700">
                {label}
              </a>
            </li>
          ))}
        </ul>
      </nav>

      <div className="grid gap-6 md:grid-cols-2 print:grid-cols-2 print:gap-4">
        <PortalSection id="conditions" title="Your conditions">
          {s.conditions.length === 0 ? (
            <PortalEmpty>No conditions are recorded.</PortalEmpty>
          ) : (
            <ul className="space-y-2">
              {s.conditions.map((c) => (
                <li key={c.code}>
                  <span className="font-medium">{c.display}</span>
                  {c.clinicalStatus !== 'active' && <span className="text-slate-700"> ({c.clinicalStatus})</span>}
                  <span className="block text-sm text-slate-700">
                    Code {c.code}
                    {c.onsetDate ? ` · since ${formatDate(c.onsetDate)}` : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PortalSection>

        <PortalSection id="team" title="Your care team">
          {s.careTeam.length === 0 ? (
            <PortalEmpty>No clinicians are assigned yet.</PortalEmpty>
          ) : (
            <ul className="space-y-2">
              {s.careTeam.map((m) => (
                <li key={m.name}>
                  <span className="font-medium">{m.name}</span>
                  <span className="block text-sm text-slate-700">
                    {specialtyLabel(m.specialty)}
                    {m.role === 'lead' ? ' · leads your care' : ''}
                  </span>
                </li>
              ))}
            </ul>
          )}
        </PortalSection>
      </div>

      <PortalSection id="plan" title="Your plan" description="What your care team has asked you to do now, why, and for how long.">
        {s.plan.length === 0 ? (
          <PortalEmpty>There is nothing in your plan right now.</PortalEmpty>
        ) : (
          <ul className="space-y-4">
            {s.plan.map((item) => (
              <li key={item.id} className="rounded-lg border border-slate-200 p-4 print:break-inside-avoid print:border-0 print:p-0">
                <h3 className="text-lg font-semibold">
                  {item.title}
                  {item.paused && <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 align-middle text-sm font-semibold text-slate-800">Paused</span>}
                </h3>
                <dl className="mt-2 grid gap-x-4 gap-y-1 sm:grid-cols-[8rem_1fr]">
                  <dt className="font-medium text-slate-700">What</dt>
                  <dd>
                    {item.kindLabel}
                    {item.details && item.details !== item.title ? `: ${item.details}` : ''}
                  </dd>
                  <dt className="font-medium text-slate-700">Why</dt>
                  <dd>{item.why}</dd>
                  <dt className="font-medium text-slate-700">Until when</dt>
                  <dd>{untilForPatient(item.until, formatDate)}</dd>
                  <dt className="font-medium text-slate-700">Who</dt>
                  <dd>
                    {item.ownerName} ({specialtyLabel(item.ownerSpecialty)})
                  </dd>
                </dl>
              </li>
            ))}
          </ul>
        )}
      </PortalSection>

      <PortalSection id="results" title="Results shared with you" description="Your care team chose to share these results, with an explanation in plain words.">
        {s.results.length === 0 ? (
          <PortalEmpty>Your care team has not shared any results with you yet.</PortalEmpty>
        ) : (
          <ul className="space-y-4">
            {s.results.map((r) => (
              <li key={r.id} className="rounded-lg border border-slate-200 p-4 print:break-inside-avoid print:border-0 print:p-0">
                <p className="text-sm font-medium uppercase tracking-wide text-slate-700">
                  {r.kindLabel} · {formatDate(r.effectiveDate)}
                </p>
                <p className="mb-2 font-medium">{r.title}</p>
                <Explanation explanation={r.explanation} />
                {r.messageToPatient && (
                  <blockquote className="mt-3 border-l-4 border-brand-600 pl-3 text-slate-800">
                    <p className="whitespace-pre-wrap">{r.messageToPatient}</p>
                    <footer className="mt-1 text-sm text-slate-700">— {r.sharedByName}</footer>
                  </blockquote>
                )}
                <Link href={`/portal/results/${r.id}`} className="mt-3 inline-block font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-700 print:hidden">
                  See the details of {r.title}
                </Link>
              </li>
            ))}
          </ul>
        )}
      </PortalSection>

      <PortalSection id="notes" title="Notes shared with you">
        {s.notes.length === 0 ? (
          <PortalEmpty>Your care team has not shared any notes with you yet.</PortalEmpty>
        ) : (
          <ul className="space-y-4">
            {s.notes.map((n) => (
              <li key={n.id} className="rounded-lg border border-slate-200 p-4 print:break-inside-avoid print:border-0 print:p-0">
                <p className="text-sm text-slate-700">
                  {n.authorName}
                  {n.authorSpecialty ? ` (${specialtyLabel(n.authorSpecialty)})` : ''} · {formatDate(n.signedAt.slice(0, 10))}
                  {n.isAmendment ? ' · updated' : ''}
                </p>
                <NoteMarkdown source={n.body} className="mt-2 text-base" />
              </li>
            ))}
          </ul>
        )}
      </PortalSection>

      <PortalSection id="scores" title="Your scores over time" description="Scores your care team shared with you and scores you reported yourself.">
        {s.scoreTrends.length === 0 ? (
          <PortalEmpty>There are no scores to show yet.</PortalEmpty>
        ) : (
          <div className="grid gap-4 md:grid-cols-2">
            {s.scoreTrends.map((t) => (
              <PortalScoreTrend key={t.instrument} trend={t} />
            ))}
          </div>
        )}
      </PortalSection>

      {s.scoreChanges.length > 0 && (
        <PortalSection id="score-changes" title="How your scores changed" description="Since each part of your plan started, from scores your care team shared with you or you reported yourself.">
          <ul className="space-y-3">
            {s.scoreChanges.map((c) => (
              <li key={`${c.interventionTitle}-${c.instrumentLabel}`} className="text-sm text-slate-800" data-testid="score-change">
                <span className="font-semibold">
                  {c.instrumentLabel} since {c.interventionTitle}
                  {c.early ? ' (early days)' : ''}
                </span>
                <p className="mt-0.5">{c.text}</p>
              </li>
            ))}
          </ul>
        </PortalSection>
      )}

      <p className="text-sm text-slate-700">
        This summary shows only what your care team has shared with you. If something looks wrong or you have questions, please ask your care team.
      </p>
    </div>
  );
}
