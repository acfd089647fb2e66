import { Link } from '@/lib/ui/link';
import type { EmergencyAccessOnMyPatient } from '@/lib/emergency-access/queries';
import { emergencyReasonLabel, formatMinutes } from '@/lib/emergency-access/reasons';
import { formatDateTime, specialtyLabel } from '@/lib/ui/format';

/** Emergency accesses to the clinician's own patients in the last week, at the top of "For you". */
export function EmergencyAccessesForYou({ accesses }: { accesses: EmergencyAccessOnMyPatient[] }) {
  if (accesses.length === 0) return null;
  return (
    <ul className="divide-y divide-slate-100 border-b border-slate-100" aria-label="Emergency accesses to your patients">
      {accesses.map((a) => (
        <li key={a.id} className="bg-red-50/50 px-4 py-3 text-sm" data-testid="for-you-emergency">
          <div className="flex flex-wrap items-center gap-2">
            <span className="rounded-full bg-red-700 px-2 py-0.5 text-xs font-semibold text-white">Emergency access</span>
            <Link href={`/patients/${a.patientId}#emergency-access-heading`} className="font-medium text-brand-700 hover:underline">
              {a.patientName}
            </Link>
            <span className="text-xs text-slate-500">{a.patientMrn}</span>
          </div>
          <p className="mt-1 text-slate-800">
            By {a.clinicianName}
            {a.clinicianSpecialty && ` (${specialtyLabel(a.clinicianSpecialty)})`} on {formatDateTime(a.grantedAt)}, {formatMinutes(a.durationMinutes)}
            {a.live && ' — running now'}: {emergencyReasonLabel(a.reasonCategory)}. <span className="whitespace-pre-line">{a.reason}</span>
          </p>
        </li>
      ))}
    </ul>
  );
}
