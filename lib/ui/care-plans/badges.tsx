import type { GoalStatus, InterventionStatus } from '@/lib/care-plans/kinds';
import { GOAL_STATUS_LABELS, INTERVENTION_STATUS_LABELS } from '@/lib/care-plans/kinds';
import type { GuardrailFinding } from '@/lib/care-plans/guardrails';
import { Citations } from '@/lib/ui/citations';

// Colour is never the only signal: every badge says its status in words.
const INTERVENTION_STYLES: Record<InterventionStatus, string> = {
  proposed: 'bg-amber-50 text-amber-900 ring-amber-200',
  active: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  paused: 'bg-sky-50 text-sky-800 ring-sky-200',
  completed: 'bg-slate-100 text-slate-700 ring-slate-200',
  stopped: 'bg-red-50 text-red-800 ring-red-200',
  declined: 'bg-slate-100 text-slate-600 ring-slate-200',
};

const GOAL_STYLES: Record<GoalStatus, string> = {
  active: 'bg-brand-50 text-brand-800 ring-brand-100',
  met: 'bg-emerald-50 text-emerald-800 ring-emerald-200',
  not_met: 'bg-red-50 text-red-800 ring-red-200',
  withdrawn: 'bg-slate-100 text-slate-600 ring-slate-200',
};

const badge = 'inline-flex items-center whitespace-nowrap rounded-full px-2 py-0.5 text-xs font-semibold ring-1';

export function InterventionStatusBadge({ status }: { status: InterventionStatus }) {
  return <span className={`${badge} ${INTERVENTION_STYLES[status]}`}>{INTERVENTION_STATUS_LABELS[status]}</span>;
}

export function GoalStatusBadge({ status }: { status: GoalStatus }) {
  return <span className={`${badge} ${GOAL_STYLES[status]}`}>{GOAL_STATUS_LABELS[status]}</span>;
}

export function AwaitingAcceptanceBadge() {
  return (
    <span className={`${badge} bg-amber-100 text-amber-950 ring-amber-300`} title="You own this intervention: accept or decline it">
      Awaiting your acceptance
    </span>
  );
}

/** A guardrail finding as a notice: cautions in amber, flags in orange, each with its source. */
export function GuardrailNotice({ finding, children }: { finding: GuardrailFinding; children?: React.ReactNode }) {
  const tone = finding.severity === 'caution' ? 'border-amber-300 bg-amber-50 text-amber-950' : 'border-orange-300 bg-orange-50 text-orange-950';
  return (
    <div className={`rounded-md border px-3 py-2 text-sm ${tone}`} data-guardrail={finding.code}>
      <p>
        <span className="font-semibold">{finding.severity === 'caution' ? 'Caution: ' : 'Flag: '}</span>
        {finding.message}
      </p>
      <p className="mt-0.5 text-xs">
        <Citations source={finding.source} className="" />
      </p>
      {children}
    </div>
  );
}
