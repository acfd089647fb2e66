import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { clinicToday } from '@/lib/platform/clinic-time';
import { getPhotoConsent, listPhotos } from '@/lib/photos/queries';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { formatDate } from '@/lib/ui/format';
import { PhotoUploadForm } from '@/lib/ui/photos/photo-upload-form';
import { uploadMyPhotoAction } from './actions';

export const metadata: Metadata = { title: 'Photos' };

export default async function PortalPhotosPage() {
  const actor = await requireActor(['patient']);
  const patientId = actor.patientId ?? '';
  const [consent, photos] = await Promise.all([getPhotoConsent(actor, patientId), listPhotos(actor, patientId)]);
  return (
    <div className="space-y-6">
      <PageHeader title="Photos" description="Send your care team a photo of your skin, for example during a flare between visits." />
      <Card title="Send a photo">
        {consent?.clinicalRecord ? (
          <PhotoUploadForm action={uploadMyPhotoAction} today={clinicToday()} />
        ) : (
          <p role="note" className="text-base text-slate-700">
            Your care team has not recorded your consent to photographs yet. Ask them at your next visit; after that you can send photos here.
          </p>
        )}
      </Card>
      <Card title="Your photos">
        {photos.length === 0 ? (
          <EmptyState>No photos yet.</EmptyState>
        ) : (
          <ul className="grid grid-cols-2 gap-3 sm:grid-cols-4">
            {photos.map((p) => (
              <li key={p.id} className="rounded-md border border-slate-200 p-1 text-sm" data-testid="photo-tile">
                <a href={`/api/photos/${p.id}/screen`} target="_blank" rel="noopener" className="block">
                  {/* eslint-disable-next-line @next/next/no-img-element -- served by an authorized, uncached route */}
                  <img src={`/api/photos/${p.id}/thumb`} alt={`${p.site}, ${formatDate(p.takenOn)}`} width={160} height={Math.round((160 * p.height) / p.width)} className="h-auto w-full rounded" loading="lazy" />
                </a>
                <div className="mt-1 font-medium text-slate-900">{p.site}</div>
                <div className="text-slate-600">
                  {formatDate(p.takenOn)} · {p.uploadedByPatient ? 'sent by you' : `shared by your care team`}
                </div>
              </li>
            ))}
          </ul>
        )}
      </Card>
    </div>
  );
}
