import type { InterpretationFlag } from '@/lib/clinical/interpretation';

// Colour is never the only signal: every badge says its meaning in words.
const FLAG_STYLES: Record<InterpretationFlag, { label: string; className: string }> = {
  abnormal: { label: 'Abnormal', className: 'bg-red-50 text-red-800 ring-red-200' },
  indeterminate: { label: 'Needs review', className: 'bg-amber-50 text-amber-900 ring-amber-200' },
  normal: { label: 'Normal', className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  info: { label: 'For information', className: 'bg-slate-100 text-slate-700 ring-slate-200' },
};

export function FlagBadge({ flag }: { flag: InterpretationFlag }) {
  const style = FLAG_STYLES[flag];
  return <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${style.className}`}>{style.label}</span>;
}

export function NewBadge() {
  return (
    <span className="inline-flex items-center rounded-full bg-brand-700 px-2 py-0.5 text-xs font-semibold text-white" title="Entered by a colleague since you last opened this record">
      New
    </span>
  );
}

export function AwaitingReviewBadge() {
  return (
    <span className="inline-flex items-center rounded-full bg-amber-100 px-2 py-0.5 text-xs font-semibold text-amber-900" title="Entered by a colleague; you have not marked it reviewed">
      To review
    </span>
  );
}

/** Reported by the patient through the portal (a questionnaire or diary), not measured by a clinician. */
export function PatientReportedBadge() {
  return (
    <span className="inline-flex items-center rounded-full bg-violet-100 px-2 py-0.5 text-xs font-semibold text-violet-900 ring-1 ring-violet-200" title="Reported by the patient in the portal">
      Patient-reported
    </span>
  );
}
