import { Link } from '@/lib/ui/link';
import type { PhotoView } from '@/lib/photos/queries';
import { formatDate } from '@/lib/ui/format';

/** Per body site, its photos oldest to newest as a strip of thumbnails (server-rendered: no script). */
export function PhotoStrips({ patientId, photos, perSite = 12 }: { patientId: string; photos: PhotoView[]; perSite?: number }) {
  const bySite = new Map<string, PhotoView[]>();
  for (const p of photos) bySite.set(p.site, [...(bySite.get(p.site) ?? []), p]);
  return (
    <div className="space-y-4">
      {[...bySite].map(([site, list]) => {
        const ordered = [...list].sort((a, b) => a.takenOn.localeCompare(b.takenOn)).slice(-perSite);
        return (
          <section key={site} aria-label={`Photos: ${site}`}>
            <h3 className="mb-1 text-sm font-semibold text-slate-800">
              {site} <span className="font-normal text-slate-500">({list.length})</span>
            </h3>
            <ol className="flex gap-2 overflow-x-auto pb-1">
              {ordered.map((p) => (
                <li key={p.id} className="shrink-0 text-center text-xs text-slate-600">
                  <Link href={`/patients/${patientId}/photos?a=${p.id}`} className="block rounded border border-slate-200 p-0.5 hover:border-brand-700">
                    {/* eslint-disable-next-line @next/next/no-img-element -- served by an authorized, uncached route */}
                    <img src={`/api/photos/${p.id}/thumb`} alt={`${site}, ${formatDate(p.takenOn)}`} width={96} height={Math.round((96 * p.height) / p.width)} loading="lazy" className="h-auto w-24 rounded-sm" />
                  </Link>
                  <time dateTime={p.takenOn}>{formatDate(p.takenOn)}</time>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
