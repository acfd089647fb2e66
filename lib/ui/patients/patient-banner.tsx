import { Link } from '@/lib/ui/link';
import type { PatientBanner as PatientBannerData } from '@/lib/patients/banner';
import { formatDate, sexLabel } from '@/lib/ui/format';

/** How many allergy flags the banner names before "+N more" (the rest are one click away). */
const FLAGS_SHOWN = 4;

/**
 * Who this page is about, on every page under a patient, so a note or a result cannot land on the wrong
 * record when several tabs are open. Sticky while scrolling; printed with the page.
 */
export function PatientBanner({ patient }: { patient: PatientBannerData }) {
  const flags = patient.foodAllergyFlags;
  const more = flags.length - FLAGS_SHOWN;
  return (
    <section
      aria-label={`Patient: ${patient.familyName}, ${patient.givenName}`}
      data-testid="patient-banner"
      className="sticky top-0 z-20 -mx-4 mb-4 border-b border-slate-300 bg-white/95 px-4 py-2 shadow-sm backdrop-blur sm:-mx-6 sm:px-6 print:static print:mx-0 print:mb-3 print:border-slate-400 print:px-0 print:shadow-none"
    >
      <div className="flex flex-wrap items-center gap-x-4 gap-y-1 text-sm">
        <Link href={`/patients/${patient.id}`} className="text-base font-semibold text-slate-900 hover:underline">
          {patient.familyName}, {patient.givenName}
        </Link>
        <span className="text-slate-700">
          {patient.age} y · born <span data-testid="patient-banner-dob">{formatDate(patient.dateOfBirth)}</span> · {sexLabel(patient.sex)}
        </span>
        <span className="text-slate-700">
          MRN <span className="font-mono font-medium text-slate-900">{patient.mrn}</span>
        </span>
        {patient.activeConditions.length > 0 && (
          <ul aria-label="Active conditions" className="flex flex-wrap gap-1.5">
            {patient.activeConditions.map((c) => (
              <li key={c.code} title={`${c.code} ${c.display}`} className="rounded bg-brand-50 px-1.5 py-0.5 text-xs font-medium text-brand-800 ring-1 ring-brand-100">
                {c.short}
              </li>
            ))}
          </ul>
        )}
        {flags.length > 0 && (
          <p data-testid="allergy-flag" className="rounded bg-red-50 px-2 py-0.5 text-xs font-medium text-red-900 ring-1 ring-red-200">
            <span className="font-semibold">Food allergy flag:</span>{' '}
            {flags.slice(0, FLAGS_SHOWN).map((f, i) => (
              <span key={f.food}>
                {i > 0 && ', '}
                <Link href={`/patients/${patient.id}/results/${f.resultId}`} className="underline underline-offset-2" title={`${f.basis}, ${formatDate(f.effectiveDate)}; sensitisation is not allergy without a matching history`}>
                  {f.food}
                </Link>{' '}
                ({f.basis})
              </span>
            ))}
            {more > 0 && <span>, +{more} more</span>}
          </p>
        )}
      </div>
    </section>
  );
}
