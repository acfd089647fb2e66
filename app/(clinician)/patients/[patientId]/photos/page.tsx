import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { clinicToday } from '@/lib/platform/clinic-time';
import { getPatientHeading } from '@/lib/patients/queries';
import { getPhotoConsent, listNoteChoices, listPhotos, type PhotoView } from '@/lib/photos/queries';
import { getScoreSeries } from '@/lib/results/queries';
import { getInstrument, isInstrumentId } from '@/lib/clinical/scores/instruments';
import { Card, EmptyState } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { PhotoCompare } from '@/lib/ui/photos/photo-compare';
import { PhotoConsentForm } from '@/lib/ui/photos/photo-consent-form';
import { PhotoUploadForm } from '@/lib/ui/photos/photo-upload-form';
import { orNotFound } from '@/lib/ui/or-not-found';
import { recordPhotoConsentAction, uploadPhotoAction } from './actions';
import { PatientBackLink } from '@/lib/ui/patients/patient-back-link';

export const metadata: Metadata = { title: 'Photos' };

function detailOf(p: PhotoView): string {
  const score = p.nearestScore ? `${p.nearestScore.label} ${p.nearestScore.value} on ${formatDate(p.nearestScore.effectiveDate)}${p.nearestScore.daysApart ? ` (${p.nearestScore.daysApart} days apart)` : ' (same day)'}` : 'no skin score recorded';
  return `${p.site}. Nearest score: ${score}.${p.caption ? ` ${p.caption}` : ''}`;
}

export default async function PhotosPage({ params, searchParams }: { params: Promise<{ patientId: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const { patientId } = await params;
  const query = await searchParams;
  const actor = await requireActor(['clinician']);
  const patient = await orNotFound(getPatientHeading(actor, patientId));
  const [consent, photos, series, noteChoices] = await Promise.all([getPhotoConsent(actor, patientId), listPhotos(actor, patientId), getScoreSeries(actor, patientId), listNoteChoices(actor, patientId)]);
  const notes = noteChoices.map((n) => ({ id: n.seriesId, label: `${formatDate(n.date)}, ${n.author}${n.draft ? ' (draft)' : ''}: ${n.excerpt}` }));
  const bySite = new Map<string, PhotoView[]>();
  for (const p of photos) bySite.set(p.site, [...(bySite.get(p.site) ?? []), p]);
  const pick = (name: string) => {
    const v = query[name];
    return typeof v === 'string' ? photos.find((p) => p.id === v) : undefined;
  };
  const a = pick('a');
  const b = pick('b');
  const [before, after] = a && b ? (a.takenOn <= b.takenOn ? [a, b] : [b, a]) : [undefined, undefined];
  const scores = Object.entries(series).flatMap(([instrument, points]) =>
    isInstrumentId(instrument) && getInstrument(instrument).domain === 'skin' ? points.map((p) => ({ id: p.resultId, label: `${getInstrument(instrument).label} ${p.value}, ${formatDate(p.effectiveDate)}` })) : [],
  );
  return (
    <div className="space-y-6">
      <PatientBackLink patientId={patientId} patient={patient} />
      <Card title="Photos" level={1} id="photos">
        {photos.length === 0 ? (
          <EmptyState>No photos yet.</EmptyState>
        ) : (
          <div className="space-y-5">
            <p className="text-sm text-slate-600">Choose two photos of the same site to compare them: the first one you pick, then “Compare with this”.</p>
            {[...bySite].map(([site, list]) => (
              <section key={site} aria-label={site}>
                <h2 className="mb-2 text-sm font-semibold text-slate-800">{site}</h2>
                <ul className="flex flex-wrap gap-3">
                  {list.map((p) => (
                    <li key={p.id} className={`w-40 rounded-md border p-1 text-xs ${p.id === a?.id || p.id === b?.id ? 'border-brand-700 ring-2 ring-brand-200' : 'border-slate-200'}`} data-testid="photo-tile">
                      {/* eslint-disable-next-line @next/next/no-img-element -- served by an authorized, uncached route */}
                      <img src={`/api/photos/${p.id}/thumb`} alt={`${p.site}, ${formatDate(p.takenOn)}`} width={160} height={Math.round((160 * p.height) / p.width)} className="h-auto w-full rounded" loading="lazy" />
                      <div className="mt-1 font-medium text-slate-900">{formatDate(p.takenOn)}</div>
                      <div className="text-slate-600">{p.uploadedByPatient ? `Sent by the patient` : `By ${p.uploadedByName}`}</div>
                      {p.note && (
                        <Link href={`/patients/${patientId}/notes/${p.note.id}`} className="block text-brand-700 underline">
                          Visit note, {formatDate(p.note.date)}
                        </Link>
                      )}
                      <Link href={a && a.id !== p.id && a.site === p.site ? `?a=${a.id}&b=${p.id}#compare` : `?a=${p.id}`} className="text-brand-700 underline">
                        {a && a.id !== p.id && a.site === p.site ? 'Compare with this' : 'Pick to compare'}
                      </Link>
                    </li>
                  ))}
                </ul>
              </section>
            ))}
          </div>
        )}
      </Card>
      {before && after && (
        <Card title={`Compare: ${before.site}`} id="compare">
          <PhotoCompare before={{ id: before.id, label: formatDate(before.takenOn), detail: detailOf(before), width: before.width, height: before.height }} after={{ id: after.id, label: formatDate(after.takenOn), detail: detailOf(after), width: after.width, height: after.height }} />
        </Card>
      )}
      <Card title="Add photos" id="add-photos">
        {consent?.clinicalRecord ? (
          <PhotoUploadForm action={uploadPhotoAction.bind(null, patientId)} today={clinicToday()} scores={scores} notes={notes} />
        ) : (
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            No photos can be added until the patient’s consent to clinical photographs is recorded below.
          </p>
        )}
      </Card>
      <Card title="Photography consent" id="consent">
        {consent ? (
          <p className="mb-3 text-sm text-slate-700">
            Recorded {formatDate(consent.recordedAt.slice(0, 10))}: clinical record {consent.clinicalRecord ? 'yes' : 'no'}; shared with the patient {consent.shareWithPatient ? 'yes' : 'no'}; teaching {consent.teaching ? 'yes' : 'no'}.
          </p>
        ) : (
          <p className="mb-3 text-sm text-slate-700">No consent recorded yet.</p>
        )}
        <PhotoConsentForm action={recordPhotoConsentAction.bind(null, patientId)} current={consent} />
      </Card>
    </div>
  );
}
