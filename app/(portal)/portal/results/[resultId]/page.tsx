import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { getPortalResult } from '@/lib/portal/queries';
import { formatDate } from '@/lib/ui/format';
import { Explanation } from '@/lib/ui/portal/explanation';
import { PortalSection } from '@/lib/ui/portal/portal-section';
import { PortalResultFigure } from '@/lib/ui/portal/portal-result-figure';
import { PortalScoreTrend } from '@/lib/ui/portal/portal-score-trend';
import { PrintButton } from '@/lib/ui/portal/print-button';
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Shared result' };

export default async function PortalResultPage({ params }: { params: Promise<{ resultId: string }> }) {
  const { resultId } = await params;
  const actor = await requireActor(['patient']);
  // Not shared, not theirs, or no such result: the same "not available" page, already audited.
  const r = await orNotFound(getPortalResult(actor, resultId));
  return (
    <div className="mx-auto max-w-4xl space-y-6 text-base text-slate-900">
      <nav aria-label="Breadcrumb" className="print:hidden">
        <Link href="/portal" className="font-semibold text-brand-800 underline underline-offset-2 hover:text-brand-700">
          ← Back to your summary
        </Link>
      </nav>
      <header>
        <p className="text-sm font-medium uppercase tracking-wide text-slate-700">
          {r.kindLabel} · {formatDate(r.effectiveDate)}
        </p>
        <h1 className="mt-1 text-3xl font-semibold tracking-tight">{r.title}</h1>
        <p className="mt-1 text-slate-700">
          Shared with you by {r.sharedByName} on {formatDate(r.sharedAt)}.
        </p>
      </header>

      <PortalSection id="meaning" title="What this result means">
        <Explanation explanation={r.explanation} />
        {r.messageToPatient && (
          <blockquote className="mt-4 border-l-4 border-brand-600 pl-3 text-slate-800">
            <p className="whitespace-pre-wrap">{r.messageToPatient}</p>
            <footer className="mt-1 text-sm text-slate-700">— {r.sharedByName}</footer>
          </blockquote>
        )}
      </PortalSection>

      {r.trend ? (
        <PortalSection id="trend" title="Your scores over time">
          <PortalScoreTrend trend={r.trend} />
        </PortalSection>
      ) : (
        <PortalSection id="measurements" title="The measurements">
          <PortalResultFigure result={r.stored} />
        </PortalSection>
      )}

      <div className="flex flex-wrap gap-3 print:hidden">
        <PrintButton className="inline-flex min-h-11 items-center rounded-lg border border-brand-700 px-4 py-2 text-base font-semibold text-brand-800 hover:bg-brand-50" />
      </div>
    </div>
  );
}
