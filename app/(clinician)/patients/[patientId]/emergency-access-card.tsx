import type { EmergencyAccessView } from '@/lib/emergency-access/queries';
import { emergencyReasonLabel, formatMinutes } from '@/lib/emergency-access/reasons';
import { Card } from '@/lib/ui/app-shell';
import { formatDateTime, specialtyLabel } from '@/lib/ui/format';

/** Emergency accesses to this record, for its care team (loaded with the page). Nothing is shown when there were none. */
export function EmergencyAccessCard({ accesses }: { accesses: EmergencyAccessView[] }) {
  if (accesses.length === 0) return null;
  return (
    <Card title="Emergency access" id="emergency-access">
      <ul className="space-y-3 text-sm" aria-label="Emergency accesses to this record">
        {accesses.map((a) => (
          <li key={a.id} className="rounded-md border border-red-200 bg-red-50/60 p-3" data-testid="emergency-access-entry">
            <p>
              Emergency access by <span className="font-semibold">{a.clinicianName}</span>
              {a.clinicianSpecialty && ` (${specialtyLabel(a.clinicianSpecialty)})`} on {formatDateTime(a.grantedAt)}, {formatMinutes(a.durationMinutes)}
              {a.endedEarly && ' (ended early by them)'}
              {a.live && <span className="ml-2 rounded bg-red-700 px-1.5 py-0.5 text-xs font-semibold text-white">Running now</span>}
            </p>
            <p className="mt-1 text-slate-700">
              <span className="font-medium">{emergencyReasonLabel(a.reasonCategory)}:</span> <span className="whitespace-pre-line">{a.reason}</span>
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
