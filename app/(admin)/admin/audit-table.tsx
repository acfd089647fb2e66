import type { AuditEventView, AuditLogRow } from '@/lib/platform/audit/queries';
import { formatTimestamp } from '@/lib/ui/format';
import { ScrollRegion } from '@/lib/ui/scroll-region';

// The audit events table of the clinic-wide log and of one patient's trail: one rendering, so both
// highlight emergency access and refusals, and explain them, the same way.

/** A patient's trail has no patient column and no grant id; the clinic-wide log has both. */
export type AuditTableRow = AuditEventView & Partial<Pick<AuditLogRow, 'patientMrn' | 'emergencyAccessId'>>;

export function AuditTable({ rows, label, showPatient = true }: { rows: AuditTableRow[]; label: string; showPatient?: boolean }) {
  return (
    <ScrollRegion label={label}>
      <table className="w-full text-left text-sm">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="pb-2 pr-3 font-semibold">When</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Who</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Action</th>
            {showPatient && <th scope="col" className="pb-2 pr-3 font-semibold">Patient</th>}
            <th scope="col" className="pb-2 pr-3 font-semibold">Outcome</th>
            <th scope="col" className="pb-2 pr-3 font-semibold">Details</th>
            <th scope="col" className="pb-2 font-semibold">From</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {rows.map((e) => {
            const emergency = Boolean(e.emergencyAccessId);
            return (
              <tr
                key={e.id}
                data-testid="audit-row"
                data-emergency={emergency ? 'true' : undefined}
                className={emergency ? 'bg-amber-50 ring-1 ring-inset ring-amber-300' : e.outcome === 'denied' ? 'bg-red-50/60' : ''}
              >
                <td className="whitespace-nowrap py-2 pr-3 align-top">{formatTimestamp(e.occurredAt)}</td>
                <td className="py-2 pr-3 align-top">
                  {e.actorName ?? 'Unknown'} <span className="text-xs text-slate-500">{e.actorRole}</span>
                </td>
                <td className="py-2 pr-3 align-top">
                  <span className="font-mono text-xs">{e.action}</span>
                  {emergency && (
                    <span className="ml-2 whitespace-nowrap rounded bg-amber-600 px-1.5 py-0.5 text-xs font-semibold text-white">Emergency access</span>
                  )}
                </td>
                {showPatient && <td className="whitespace-nowrap py-2 pr-3 align-top font-mono text-xs">{e.patientMrn ?? '—'}</td>}
                <td className="py-2 pr-3 align-top">
                  {e.outcome === 'denied' ? <span className="font-medium text-red-700">Denied</span> : 'Allowed'}
                </td>
                <td className="max-w-sm py-2 pr-3 align-top text-xs text-slate-700">{describeDetail(e.detail)}</td>
                <td className="py-2 align-top font-mono text-xs">{e.requestAddress ?? '—'}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The parts of an event's detail an administrator scans for: why it was refused, why the glass was broken. */
function describeDetail(detail: Record<string, unknown> | null): string {
  if (!detail) return '';
  const parts: string[] = [];
  if (typeof detail.reason === 'string') parts.push(detail.reason);
  if (typeof detail.reasonCategory === 'string') parts.push(`category: ${detail.reasonCategory}`);
  if (typeof detail.reasonText === 'string') parts.push(`“${detail.reasonText}”`);
  if (typeof detail.minutes === 'number') parts.push(`${detail.minutes} min`);
  return parts.join(' · ');
}
