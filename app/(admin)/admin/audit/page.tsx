import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { decodeAuditCursor, filtersQuery, parseAuditFilters } from '@/lib/platform/audit/filters';
import { clinicTimeZone } from '@/lib/platform/clinic-time';
import { searchAuditLog, type AuditLogPage } from '@/lib/platform/audit/queries';
import { requireActor } from '@/lib/platform/auth/session';
import { listUsers } from '@/lib/users/queries';
import { Card, EmptyState, PageHeader } from '@/lib/ui/app-shell';
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { AuditTable } from '../audit-table';

export const metadata: Metadata = { title: 'Audit log' };

type SearchParams = Record<string, string | string[] | undefined>;

const ROLE_GROUPS = [
  { role: 'clinician', label: 'Clinicians' },
  { role: 'admin', label: 'Administrators' },
  { role: 'patient', label: 'Patients (portal)' },
] as const;

export default async function AuditLogPage({ searchParams }: { searchParams: Promise<SearchParams> }) {
  const params = await searchParams;
  const zone = clinicTimeZone();
  const actor = await requireActor(['admin']);
  const parsed = parseAuditFilters(params);
  const cursor = decodeAuditCursor(params.after);
  const [people, page] = await Promise.all([
    listUsers(actor),
    parsed.ok ? searchAuditLog(actor, parsed.filters, cursor) : Promise.resolve<AuditLogPage | null>(null),
  ]);
  const errors = parsed.ok ? {} : parsed.fieldErrors;
  const raw = parsed.raw;
  const query = filtersQuery(raw);

  return (
    <>
      <PageHeader
        title="Audit log"
        description={`Every read and write of patient data and every administrative action, newest first. Entries cannot be changed or deleted. Times are in the clinic's time zone, ${zone}.`}
        actions={
          parsed.ok && (
            <a href={`/admin/audit/export${query ? `?${query}` : ''}`} className={secondaryButtonClass} download>
              Download CSV
            </a>
          )
        }
      />
      <Card title="Filters" id="audit-filters">
        <form method="get" action="/admin/audit" className="grid gap-4 sm:grid-cols-2 lg:grid-cols-4" noValidate>
          <Field id="filter-user" label="User" errors={errors.user}>
            <select id="filter-user" name="user" defaultValue={raw.user ?? ''} className={inputClass} aria-invalid={Boolean(errors.user)}>
              <option value="">Anyone</option>
              {ROLE_GROUPS.map((group) => (
                <optgroup key={group.role} label={group.label}>
                  {people
                    .filter((p) => p.role === group.role)
                    .map((p) => (
                      <option key={p.id} value={p.id}>
                        {p.name} ({p.email})
                      </option>
                    ))}
                </optgroup>
              ))}
            </select>
          </Field>
          <Field id="filter-mrn" label="Patient MRN" errors={errors.mrn}>
            <input id="filter-mrn" name="mrn" defaultValue={raw.mrn} placeholder="AX-100155" className={`${inputClass} font-mono`} aria-invalid={Boolean(errors.mrn)} />
          </Field>
          <Field id="filter-action" label="Action" errors={errors.action} hint="Exact, or a prefix ending in *, e.g. result.*">
            <input id="filter-action" name="action" defaultValue={raw.action} placeholder="patient.read" className={`${inputClass} font-mono`} aria-invalid={Boolean(errors.action)} />
          </Field>
          <Field id="filter-outcome" label="Outcome" errors={errors.outcome}>
            <select id="filter-outcome" name="outcome" defaultValue={raw.outcome ?? ''} className={inputClass} aria-invalid={Boolean(errors.outcome)}>
              <option value="">Allowed or denied</option>
              <option value="allowed">Allowed</option>
              <option value="denied">Denied</option>
            </select>
          </Field>
          <Field id="filter-from" label={`From (${zone})`} errors={errors.from}>
            <input id="filter-from" name="from" type="datetime-local" defaultValue={raw.from} className={inputClass} aria-invalid={Boolean(errors.from)} />
          </Field>
          <Field id="filter-to" label={`To (${zone}, inclusive)`} errors={errors.to}>
            <input id="filter-to" name="to" type="datetime-local" defaultValue={raw.to} className={inputClass} aria-invalid={Boolean(errors.to)} />
          </Field>
          <div className="flex items-end pb-2">
            <label className="flex items-center gap-2 text-sm font-medium text-slate-700">
              <input type="checkbox" name="emergency" value="1" defaultChecked={raw.emergency === '1'} className="h-4 w-4 rounded border-slate-300" />
              Emergency access only
            </label>
          </div>
          <div className="flex items-end gap-3">
            <button type="submit" className={primaryButtonClass}>
              Apply filters
            </button>
            <Link href="/admin/audit" className="text-sm font-medium text-brand-700 hover:underline">
              Clear
            </Link>
          </div>
        </form>
      </Card>

      <div className="mt-6">
        <Card title={cursor ? 'Older events' : 'Most recent events'} id="audit-events">
          {!parsed.ok ? (
            <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
              Some filters are not valid; correct the highlighted fields and apply them again.
            </p>
          ) : page?.unknownMrn ? (
            <EmptyState>No patient has MRN {page.unknownMrn}; check it and try again.</EmptyState>
          ) : !page || page.rows.length === 0 ? (
            <EmptyState>No events match these filters.</EmptyState>
          ) : (
            <>
              <AuditTable rows={page.rows} label="Audit events" />
              <div className="mt-4 flex justify-end gap-3 text-sm">
                {cursor && (
                  <Link href={`/admin/audit${query ? `?${query}` : ''}`} className={secondaryButtonClass}>
                    ← Newest
                  </Link>
                )}
                {page.nextCursor && (
                  <Link href={`/admin/audit?${filtersQuery(raw, { after: page.nextCursor })}`} className={secondaryButtonClass}>
                    Older →
                  </Link>
                )}
              </div>
            </>
          )}
        </Card>
      </div>
    </>
  );
}
