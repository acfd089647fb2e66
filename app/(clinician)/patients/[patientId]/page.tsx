import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { loadPatientRecordPage } from '@/lib/patients/record-page';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { ResultsList } from './results-list';
import { ScoreTrends } from './score-trends';
import { CarePlanSummary } from './plan/plan-summary';
import { NotesCard } from './notes/notes-card';
import { DiaryCard } from './diary-card';
import { EmergencyAccessCard } from './emergency-access-card';
import { FollowUpsCard } from './follow-ups-card';
import { WhatWorkedCard } from './what-worked-card';
import { OUTCOME_CONDITIONS, OUTCOME_INSTRUMENTS } from '@/lib/outcomes/cohort-query';
import type { PatientRecordPage } from '@/lib/patients/record-page';

/** The clinic-wide question this patient raises: their skin condition, on the score their plan is judged by. */
function clinicOutcomesHref(conditions: PatientRecordPage['record']['conditions'], whatWorked: PatientRecordPage['whatWorked']): string | null {
  const condition = OUTCOME_CONDITIONS.find((g) => conditions.some((c) => g.match.some((m) => (m.endsWith('*') ? c.code.startsWith(m.slice(0, -1)) : c.code === m))));
  const instrument = whatWorked.flatMap((w) => w.responses).find((r) => OUTCOME_INSTRUMENTS.includes(r.instrument) && r.status !== 'not_assessable')?.instrument ?? whatWorked.flatMap((w) => w.responses).find((r) => OUTCOME_INSTRUMENTS.includes(r.instrument))?.instrument;
  if (!condition || !instrument) return null;
  return `/outcomes?condition=${condition.key}&instrument=${instrument}`;
}
import { orNotFound } from '@/lib/ui/or-not-found';

export const metadata: Metadata = { title: 'Patient' };

export default async function PatientPage({ params }: { params: Promise<{ patientId: string }> }) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  // One access check and one audit insert for every card; opening the page counts as having looked.
  // Not on the team and no such patient look the same from outside: neither reveals the other.
  const page = await orNotFound(loadPatientRecordPage(actor, patientId));
  const { record, scoreSeries } = page;
  const { results } = page.results;
  // Read-only under emergency access: no buttons that lead to a refused form.
  const canWrite = page.liveEmergencyAccessId === null;
  const nonScoreResults = results.filter((r) => r.kind !== 'score');
  const newCount = results.filter((r) => r.isNew).length;
  const awaiting = results.filter((r) => r.awaitingMyReview);
  const awaitingCount = awaiting.length;

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href="/patients" className="text-brand-700 hover:underline">
          ← My patients
        </Link>
      </nav>

      <header className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
        <div className="flex flex-wrap items-start justify-between gap-4">
          <div>
            {/* Identity (age, sex, MRN, active conditions) is in the banner above, from the layout. */}
            <h1 className="text-2xl font-semibold tracking-tight">
              {record.familyName}, {record.givenName}
            </h1>
            <div className="mt-3 flex flex-wrap gap-2">
              <Link href={`/patients/${record.id}/timeline`} className={`${secondaryButtonClass} inline-block`}>
                Timeline
              </Link>
              <Link href={`/patients/${record.id}/messages`} className={`${secondaryButtonClass} inline-block`}>
                Messages
              </Link>
              <Link href={`/patients/${record.id}/photos`} className={`${secondaryButtonClass} inline-block`}>
                Photos
              </Link>
              <Link href={`/patients/${record.id}/documents`} className={`${secondaryButtonClass} inline-block`}>
                Documents
              </Link>
              {/* Export and import are for the care team: an emergency grant reads, it neither carries the
                  record away nor writes to it (lib/platform/access/rules.ts, team-export). The export is a file
                  download from a route handler: a plain link, not client-side navigation. */}
              {canWrite && (
                <>
                  <a href={`/api/fhir/Patient/${record.id}/$everything`} download className={`${secondaryButtonClass} inline-block`}>
                    Export FHIR
                  </a>
                  <Link href={`/patients/${record.id}/fhir-import`} className={`${secondaryButtonClass} inline-block`}>
                    Import FHIR
                  </Link>
                </>
              )}
            </div>
          </div>
        </div>
        <dl className="mt-4 grid gap-3 text-sm sm:grid-cols-3">
          <div>
            <dt className="text-slate-500">Email</dt>
            <dd>{record.email ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Phone</dt>
            <dd>{record.phone ?? '—'}</dd>
          </div>
          <div>
            <dt className="text-slate-500">Address</dt>
            <dd>{record.addressLine ?? '—'}</dd>
          </div>
        </dl>
      </header>

      <div className="grid gap-6 lg:grid-cols-3">
        <div className="space-y-6 lg:col-span-2">
          {canWrite && awaiting.length > 0 && (
            <Card title={`To review (${awaiting.length})`} id="review-queue" actions={<Link href={`/patients/${record.id}/results/${awaiting[0]?.id}`} className={secondaryButtonClass}>Start reviewing</Link>}>
              <p className="mb-2 text-sm text-slate-700">Results colleagues entered that you have not reviewed yet, scores included, newest first.</p>
              <ResultsList patientId={record.id} results={awaiting} />
            </Card>
          )}
          <Card title="Conditions" id="conditions">
            {record.conditions.length === 0 ? (
              <EmptyState>No conditions recorded.</EmptyState>
            ) : (
              <table className="w-full text-left text-sm">
                <thead className="text-xs uppercase tracking-wide text-slate-500">
                  <tr>
                    <th scope="col" className="pb-2 pr-3 font-semibold">Condition</th>
                    <th scope="col" className="pb-2 pr-3 font-semibold">ICD-10-CM</th>
                    <th scope="col" className="pb-2 pr-3 font-semibold">Status</th>
                    <th scope="col" className="pb-2 pr-3 font-semibold">Onset</th>
                  </tr>
                </thead>
                <tbody className="divide-y divide-slate-100">
                  {record.conditions.map((c) => (
                    <tr key={c.id}>
                      <td className="py-2 pr-3">{c.display}</td>
                      <td className="py-2 pr-3 font-mono text-xs">{c.code}</td>
                      <td className="py-2 pr-3 capitalize">{c.clinicalStatus}</td>
                      <td className="py-2 pr-3">{c.onsetDate ? formatDate(c.onsetDate) : '—'}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            )}
          </Card>
          <Card
            title="Results"
            id="results"
            actions={
              canWrite && (
                <div className="flex flex-wrap gap-2">
                  <Link href={`/patients/${record.id}/results/new/breath-test`} className={secondaryButtonClass}>
                    + Breath test
                  </Link>
                  <Link href={`/patients/${record.id}/results/new/h-pylori`} className={secondaryButtonClass}>
                    + H. pylori
                  </Link>
                  <Link href={`/patients/${record.id}/results/new/food-panel`} className={secondaryButtonClass}>
                    + Food panel
                  </Link>
                  <Link href={`/patients/${record.id}/results/new/stool-test`} className={secondaryButtonClass}>
                    + Stool test
                  </Link>
                </div>
              )
            }
          >
            {(newCount > 0 || awaitingCount > 0) && (
              <p className="mb-3 text-sm text-slate-700">
                {newCount > 0 && <span>{newCount} new since you last looked. </span>}
                {awaitingCount > 0 && canWrite && <span>{awaitingCount} entered by colleagues await your review.</span>}
              </p>
            )}
            <ResultsList patientId={record.id} results={nonScoreResults} />
          </Card>
          <Card
            title="Skin and gut scores"
            id="scores"
            actions={
              canWrite && (
                <Link href={`/patients/${record.id}/results/new/score`} className={secondaryButtonClass}>
                  + Score
                </Link>
              )
            }
          >
            <ScoreTrends patientId={record.id} series={scoreSeries} />
            {results.some((r) => r.kind === 'score') && (
              <details className="mt-4">
                <summary className="cursor-pointer text-sm font-medium text-slate-700">All score entries</summary>
                <div className="mt-2">
                  <ResultsList patientId={record.id} results={results.filter((r) => r.kind === 'score')} />
                </div>
              </details>
            )}
          </Card>
          <WhatWorkedCard patientId={record.id} items={page.whatWorked} clinicOutcomesHref={clinicOutcomesHref(record.conditions, page.whatWorked)} />
        </div>
        <div className="space-y-6">
          <EmergencyAccessCard accesses={page.emergencyAccesses} />
          <FollowUpsCard patientId={record.id} followUps={page.followUps} />
          <Card title="Care team" id="care-team">
            <ul className="space-y-3">
              {record.careTeam.map((m) => (
                <li key={m.membershipId} className="flex items-center justify-between gap-2 text-sm">
                  <div>
                    <div className="font-medium">{m.name}</div>
                    <div className="text-slate-500">{specialtyLabel(m.specialty)}</div>
                  </div>
                  {m.role === 'lead' && <span className="rounded bg-amber-50 px-2 py-0.5 text-xs font-medium text-amber-800 ring-1 ring-amber-200">Lead</span>}
                </li>
              ))}
            </ul>
          </Card>
          <Card title="Care plan" id="plan">
            <CarePlanSummary patientId={record.id} plan={page.plan} />
          </Card>
          <NotesCard patientId={record.id} notes={page.notes} canWrite={canWrite} />
          <DiaryCard entries={page.diary} />
        </div>
      </div>
    </div>
  );
}
