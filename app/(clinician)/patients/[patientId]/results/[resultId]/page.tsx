import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { listDocuments } from '@/lib/documents/queries';
import { DocumentList } from '@/lib/ui/documents/document-list';
import { notFound } from 'next/navigation';
import { requireActor } from '@/lib/platform/auth/session';
import { isCatalogued } from '@/lib/clinical/sources';
import type { Finding } from '@/lib/clinical/interpretation';
import { describeProvenance } from '@/lib/results/provenance';
import { listFollowUps } from '@/lib/outcomes/follow-ups';
import { getResult, getStoolTestInputs } from '@/lib/results/queries';
import { stoolTrends } from '@/lib/clinical/stool-tests/trend';
import { ScoreTrendChart } from '@/lib/ui/charts/score-trend-chart';
import { getResultShareState } from '@/lib/results/sharing';
import { readStoredResult } from '@/lib/results/stored';
import { Card } from '@/lib/ui/app-shell';
import { Citations } from '@/lib/ui/citations';
import { formatDate, formatDateTime, formatTimestamp } from '@/lib/ui/format';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { FindingsList } from '@/lib/ui/results/findings-list';
import { AwaitingReviewBadge, FlagBadge } from '@/lib/ui/results/result-badges';
import { ResultBody } from '@/lib/ui/results/result-body';
import { ReviewPanel } from './review-button';
import { ShareControl } from './share-control';
import { orNotFound } from '@/lib/ui/or-not-found';

const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const metadata: Metadata = { title: 'Result' };

export default async function ResultPage({ params }: { params: Promise<{ patientId: string; resultId: string }> }) {
  const { patientId, resultId } = await params;
  const actor = await requireActor(['clinician']);
  const detail = await orNotFound(getResult(actor, resultId));
  // A result id pasted under another patient's URL is not shown there.
  if (detail.patientId !== patientId) notFound();
  const current = detail.current;
  const stored = readStoredResult(detail.kind, current.data, current.interpretation);
  const findings = (current.interpretation.findings ?? []) as Finding[];
  const viewingOld = current.id !== resultId;
  const [share, documents] = await Promise.all([getResultShareState(actor, current.id), listDocuments(actor, patientId, { resultSeriesId: detail.seriesId })]);
  // A test after a therapy with a scheduled test of cure or retest: say whether it counts, and why not.
  const trends = stored.kind === 'stool_test' ? stoolTrends(await getStoolTestInputs(actor, patientId), stored.input) : [];
  const followUps = detail.kind === 'h_pylori' || detail.kind === 'breath_test' ? (await listFollowUps(actor, patientId)).flatMap((f) => f.tests.filter((t) => t.resultId === current.id).map((t) => ({ f, t }))) : [];

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}#results`} className="text-brand-700 hover:underline">
          ← Back to the patient record
        </Link>
      </nav>

      <header className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            <h1 className="text-2xl font-semibold tracking-tight">{current.title}</h1>
            <p className="mt-1 text-sm text-slate-600">
              {formatDate(current.effectiveDate)} · <span data-testid="provenance">{describeProvenance({ reportedBy: str(current.data.reportedBy), enteredByName: current.enteredByName, enteredByRole: current.enteredByRole }).text}</span>{' '}
              {formatTimestamp(current.enteredAt)}
              {current.version > 1 && ` · version ${current.version}`}
            </p>
            <p className="mt-3 flex flex-wrap items-center gap-2 text-base font-medium text-slate-900">
              <FlagBadge flag={current.flag} /> {current.summary}
              {detail.awaitingMyReview && <AwaitingReviewBadge />}
            </p>
          </div>
          <div className="flex items-start gap-2">
            <Link href={`/patients/${patientId}/results/${current.id}/correct`} className={secondaryButtonClass}>
              Correct this result
            </Link>
          </div>
        </div>
        {detail.awaitingMyReview ? (
          <ReviewPanel patientId={patientId} resultId={current.id} othersAwaiting={detail.othersAwaitingMyReview} />
        ) : (
          <ReviewStatus reviews={current.reviewedBy} />
        )}
        {followUps.map(({ f, t }) => (
          <p key={f.taskId} role="note" data-testid="follow-up-validity" className={`mt-3 rounded-md border px-3 py-2 text-sm ${t.validity.valid ? 'border-emerald-200 bg-emerald-50 text-emerald-950' : 'border-red-200 bg-red-50 text-red-900'}`}>
            {f.kind === 'h_pylori_test_of_cure' ? 'Test of cure' : 'Breath retest'} after {f.interventionTitle}:{' '}
            {t.validity.valid ? 'this test counts.' : `${f.kind === 'h_pylori_test_of_cure' ? 'not valid for cure' : 'does not count as the retest'}. ${t.validity.reason}`}
          </p>
        ))}
        {viewingOld && (
          <p role="note" className="mt-3 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            You followed a link to an earlier version; this page shows the current version {current.version}. Earlier versions are in the history below.
          </p>
        )}
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          <Card title="Measurements" id="measurements">
            <ResultBody result={stored} />
          </Card>
          {trends.length > 0 && (
            <Card title="Over time" id="trends">
              <div className="grid gap-6 md:grid-cols-2">
                {trends.map((t) => (
                  <figure key={t.analyte} data-testid={`trend-${t.analyte}`}>
                    <figcaption className="mb-2 text-sm font-semibold text-slate-800">{t.label}</figcaption>
                    <ScoreTrendChart label={t.label} min={t.min} max={t.max} bands={t.bands} points={t.points} />
                    {t.leftOut && <p className="mt-2 text-xs text-slate-600">{t.leftOut}</p>}
                  </figure>
                ))}
              </div>
            </Card>
          )}
        </div>
        <div className="space-y-6">
          <Card title="Interpretation" id="interpretation">
            <FindingsList findings={findings} />
            <p className="mt-3 text-xs text-slate-500">
              Computed by Axis from the values entered
              {current.criteriaSet && !isCatalogued(current.criteriaSet) ? ` (criteria: ${current.criteriaSet})` : ''}
              {current.loincCode ? ` · LOINC ${current.loincCode}` : ''}.
              {isCatalogued(current.criteriaSet) && (
                <>
                  {' '}
                  <Citations source={current.criteriaSet} label="Criteria" pluralLabel="Criteria" className="" />.
                </>
              )}
            </p>
          </Card>
          <Card title="Lab’s report" id="documents">
            {documents.length === 0 ? (
              <p className="text-sm text-slate-600">No PDF attached.</p>
            ) : (
              <DocumentList documents={documents} hrefOf={(d) => `/patients/${patientId}/documents/${d.id}`} audience="team" showResult={false} />
            )}
            <Link href={`/patients/${patientId}/documents?result=${detail.seriesId}#attach-document`} className="mt-2 inline-block text-sm text-brand-700 underline">
              Attach the lab’s PDF
            </Link>
          </Card>
          <Card title="Patient portal" id="sharing">
            <ShareControl patientId={patientId} resultId={current.id} {...share} />
          </Card>
          <Card title="History" id="history">
            <ol className="space-y-3 text-sm">
              {detail.history.map((v) => (
                <li key={v.id} className={v.isCurrent ? '' : 'text-slate-600'}>
                  <div className="font-medium">
                    Version {v.version}
                    {v.isCurrent ? ' (current)' : ' (superseded)'}
                  </div>
                  <div className="text-xs">
                    {describeProvenance({ reportedBy: str(v.data.reportedBy), enteredByName: v.enteredByName, enteredByRole: v.enteredByRole }).text}, {formatTimestamp(v.enteredAt)}
                  </div>
                  <div>{v.summary}</div>
                  {v.correctionReason && <div className="text-xs italic">Correction: {v.correctionReason}</div>}
                  {v.reviewedBy.map((r) => (
                    <div key={`${r.name}-${r.at}`} className="text-xs text-emerald-800">
                      Reviewed by {r.name}, {formatDateTime(r.at)}
                      {r.comment && <span className="text-slate-700">: “{r.comment}”</span>}
                    </div>
                  ))}
                </li>
              ))}
            </ol>
          </Card>
        </div>
      </div>
    </div>
  );
}

/** Who has reviewed the current version, at the top of the result (the history lists every version's). */
function ReviewStatus({ reviews }: { reviews: { name: string; at: string; comment: string | null; isMe: boolean }[] }) {
  if (reviews.length === 0) return null;
  return (
    <ul className="mt-3 space-y-1 rounded-md border border-emerald-200 bg-emerald-50 px-3 py-2 text-sm text-emerald-900" data-testid="review-status" aria-label="Reviews">
      {reviews.map((r) => (
        <li key={`${r.name}-${r.at}`}>
          <span className="font-medium">Reviewed by {r.isMe ? 'you' : r.name}</span>, {formatDateTime(r.at)}
          {r.comment && <span className="text-slate-800">: “{r.comment}”</span>}
        </li>
      ))}
    </ul>
  );
}
