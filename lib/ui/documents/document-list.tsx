import { Link } from '@/lib/ui/link';
import type { DocumentView } from '@/lib/documents/queries';
import { formatDate } from '@/lib/ui/format';

function size(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(1)} MB` : `${Math.max(1, Math.round(bytes / 1024))} kB`;
}

/** Kept documents, newest first: title, kind, date, and (for the team) where it came from and whether it is shared. */
export function DocumentList({ documents, hrefOf, audience, showResult = true }: { documents: DocumentView[]; hrefOf: (d: DocumentView) => string; audience: 'team' | 'patient'; /** Off on the result's own page. */ showResult?: boolean }) {
  return (
    <ul className="divide-y divide-slate-200" aria-label="Documents">
      {documents.map((d) => (
        <li key={d.id} className="flex flex-wrap items-baseline justify-between gap-2 py-3 text-sm" data-testid="document-row">
          <div className="min-w-0">
            <Link href={hrefOf(d)} className="font-medium text-brand-700 underline">
              {d.title}
            </Link>
            <div className="text-slate-600">
              {d.categoryLabel} · {formatDate(d.documentDate)} · PDF, {size(d.byteSize)}
              {audience === 'team' && showResult && d.result ? ` · for ${d.result.title}` : ''}
            </div>
          </div>
          {audience === 'team' && (
            <div className="text-xs text-slate-600">
              {d.origin === 'fhir-import' ? 'Imported from a FHIR bundle' : `Attached by ${d.uploadedByName}`} · {d.sharedWithPatient ? 'shared with the patient' : 'not shared'}
            </div>
          )}
        </li>
      ))}
    </ul>
  );
}
