import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { listPatientsForAdministration } from '@/lib/care-teams/queries';
import { Card, PageHeader } from '@/lib/ui/app-shell';
import { searchHadNul } from '@/lib/platform/search-text';
import { inputClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { SearchNulNotice } from '@/lib/ui/search-notice';

export const metadata: Metadata = { title: 'Care teams' };

export default async function CareTeamsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['admin']);
  const params = await searchParams;
  const result = await listPatientsForAdministration(actor, { q: params.q, page: params.page });
  const q = result.q;
  const pageHref = (page: number) => `/admin/patients?${new URLSearchParams({ ...(q ? { q } : {}), page: String(page) })}`;
  return (
    <>
      <PageHeader title="Care teams" description="Choose a patient to staff their care team. Clinical details are not shown to administrators." />
      <Card title={`Patients (${result.total})`} id="patients">
        <SearchNulNotice show={searchHadNul(params.q)} />
        <form className="mb-4 flex gap-2" role="search">
          <label htmlFor="admin-patient-search" className="sr-only">
            Search name or MRN
          </label>
          <input id="admin-patient-search" name="q" defaultValue={q} placeholder="Search name or MRN" className={inputClass} maxLength={100} />
          <button type="submit" className={secondaryButtonClass}>
            Search
          </button>
        </form>
        <table className="w-full text-left text-sm">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="pb-2 font-semibold">Patient</th>
              <th scope="col" className="pb-2 font-semibold">MRN</th>
              <th scope="col" className="pb-2 font-semibold">Team members</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {result.rows.map((p) => (
              <tr key={p.id}>
                <td className="py-2">
                  <Link href={`/admin/patients/${p.id}`} className="font-medium text-brand-700 hover:underline">
                    {p.name}
                  </Link>
                </td>
                <td className="py-2 font-mono text-xs">{p.mrn}</td>
                <td className="py-2">{p.teamSize === 0 ? <span className="text-amber-700">None — needs staffing</span> : p.teamSize}</td>
              </tr>
            ))}
          </tbody>
        </table>
        {result.rows.length === 0 && <p className="py-6 text-center text-sm text-slate-500">No patients match “{q}”.</p>}
        {result.pageCount > 1 && (
          <div className="mt-4 flex items-center justify-end gap-3 text-sm">
            {result.page > 1 && <Link href={pageHref(result.page - 1)} className={secondaryButtonClass}>Previous</Link>}
            <span className="text-slate-600">
              Page {result.page} of {result.pageCount}
            </span>
            {result.page < result.pageCount && <Link href={pageHref(result.page + 1)} className={secondaryButtonClass}>Next</Link>}
          </div>
        )}
      </Card>
    </>
  );
}
