import type { Metadata } from 'next';
import { requireActor } from '@/lib/platform/auth/session';
import { CONDITION_GROUPS } from '@/lib/clinical/conditions/catalog';
import { parseCaseloadQuery } from '@/lib/patients/caseload-query';
import { listCaseload } from '@/lib/patients/queries';
import { searchHadNul } from '@/lib/platform/search-text';
import { PageHeader } from '@/lib/ui/app-shell';
import { SPECIALTY_OPTIONS } from '@/lib/ui/format';
import { SearchNulNotice } from '@/lib/ui/search-notice';
import { CaseloadTable } from './caseload-table';
import { ForYou } from './for-you';

export const metadata: Metadata = { title: 'My patients' };

export default async function MyPatientsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const actor = await requireActor(['clinician']);
  const params = await searchParams;
  const query = parseCaseloadQuery(params);
  const caseload = await listCaseload(actor, query);
  return (
    <>
      <ForYou actor={actor} />
      <PageHeader title="My patients" description="Patients whose care team you are on." />
      <SearchNulNotice show={searchHadNul(params.q)} />
      <CaseloadTable
        caseload={caseload}
        query={query}
        now={new Date().toISOString()}
        conditionOptions={CONDITION_GROUPS.map((g) => ({ value: g.key, label: g.label }))}
        specialtyOptions={SPECIALTY_OPTIONS}
      />
    </>
  );
}
