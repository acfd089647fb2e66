'use client';

import { useState } from 'react';
import { GUT_TARGET_LABELS, INTERVENTION_KIND_LABELS } from '@/lib/care-plans/kinds';
import { ResponseList } from '@/lib/ui/outcomes/response-list';
import type { GoalView, InterventionView } from '@/lib/care-plans/queries';
import { AwaitingAcceptanceBadge, GoalStatusBadge, GuardrailNotice, InterventionStatusBadge } from '@/lib/ui/care-plans/badges';
import { EmptyState } from '@/lib/ui/panels';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import { GoalForm } from './goal-form';
import { InterventionActions } from './intervention-actions';
import { InterventionForm, interventionFormValues, type TeamOption } from './intervention-form';

const CAUTION_NAMES: Record<string, string> = {
  'detox-cleanse': 'detox or cleanse',
  'juice-fast': 'juice fast',
  'cure-all-claim': '"cures all" claim',
  'probiotic-strain-missing': 'probiotic strain not named',
};

function dateRange(start: string | null, end: string | null): string {
  if (!start && !end) return 'Dates not set';
  if (start && end) return `${formatDate(start)} – ${formatDate(end)}`;
  return start ? `From ${formatDate(start)}` : `Until ${end ? formatDate(end) : ''}`;
}

export function InterventionItem({ patientId, intervention: i, team, goals }: { patientId: string; intervention: InterventionView; team: TeamOption[]; goals: GoalView[] }) {
  const [editing, setEditing] = useState(false);
  const goal = goals.find((g) => g.id === i.goalId);
  const editable = ['proposed', 'active', 'paused'].includes(i.status);
  // Flags stay visible while the intervention runs; cautions are shown while the owner decides.
  const notices = i.guardrails.filter((f) => f.severity === 'flag' || i.status === 'proposed');
  return (
    <li
      className={`rounded-md border p-3 ${i.awaitingMyAcceptance ? 'border-amber-300 bg-amber-50/60' : 'border-slate-200'}`}
      data-testid="intervention"
      aria-labelledby={`intervention-${i.id}-title`}
    >
      <div className="flex flex-wrap items-start justify-between gap-2">
        <div className="min-w-0">
          <h3 id={`intervention-${i.id}-title`} className="font-semibold text-slate-900">
            {i.title}
          </h3>
          <p className="text-xs uppercase tracking-wide text-slate-500">{INTERVENTION_KIND_LABELS[i.kind]}</p>
        </div>
        <div className="flex flex-wrap items-center gap-2">
          {i.awaitingMyAcceptance && <AwaitingAcceptanceBadge />}
          <InterventionStatusBadge status={i.status} />
        </div>
      </div>
      {i.summary && <p className="mt-2 text-sm text-slate-800">{i.summary}</p>}
      <dl className="mt-2 grid gap-x-4 gap-y-1 text-sm sm:grid-cols-2">
        <div>
          <dt className="inline text-slate-500">Owner: </dt>
          <dd className="inline">
            {i.ownerName} ({specialtyLabel(i.ownerSpecialty)})
          </dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Dates: </dt>
          <dd className="inline">{dateRange(i.startDate, i.endDate)}</dd>
        </div>
        <div>
          <dt className="inline text-slate-500">Proposed by: </dt>
          <dd className="inline">
            {i.proposedByName}, {formatDate(i.proposedAt)}
          </dd>
        </div>
        {i.acceptedByName && i.acceptedAt && (
          <div>
            <dt className="inline text-slate-500">Accepted by: </dt>
            <dd className="inline">
              {i.acceptedByName}, {formatDate(i.acceptedAt)}
            </dd>
          </div>
        )}
        {goal && (
          <div className="sm:col-span-2">
            <dt className="inline text-slate-500">Goal: </dt>
            <dd className="inline">{goal.description}</dd>
          </div>
        )}
        {i.gutTarget && (
          <div>
            <dt className="inline text-slate-500">Treats: </dt>
            <dd className="inline">{GUT_TARGET_LABELS[i.gutTarget]}</dd>
          </div>
        )}
        {i.retestDate && (
          <div>
            <dt className="inline text-slate-500">Breath retest: </dt>
            <dd className="inline">{formatDate(i.retestDate)}</dd>
          </div>
        )}
        {i.ppiLastDoseDate && (
          <div>
            <dt className="inline text-slate-500">Last PPI dose: </dt>
            <dd className="inline">{formatDate(i.ppiLastDoseDate)}</dd>
          </div>
        )}
        {i.statusReason && (
          <div className="sm:col-span-2">
            <dt className="inline text-slate-500">Reason: </dt>
            <dd className="inline">{i.statusReason}</dd>
          </div>
        )}
      </dl>
      {i.responses.length > 0 && (
        <section className="mt-3 rounded-md bg-slate-50 p-2" aria-label={`Response since ${i.title} started`}>
          <h4 className="mb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">
            Response{i.responseWeeks ? ` (judged at week ${i.responseWeeks})` : ''}
          </h4>
          <ResponseList responses={i.responses} />
        </section>
      )}
      {i.status === 'proposed' && !i.awaitingMyAcceptance && <p className="mt-2 text-sm text-amber-900">Awaiting acceptance by {i.ownerName}.</p>}
      {notices.length > 0 && (
        <div className="mt-2 space-y-2">
          {notices.map((f) => (
            <GuardrailNotice key={f.code} finding={f} />
          ))}
        </div>
      )}
      {i.acknowledgedCautions.length > 0 && (
        <p className="mt-2 text-xs text-amber-900">Caution acknowledged by the proposer: {i.acknowledgedCautions.map((c) => CAUTION_NAMES[c] ?? c).join(', ')}.</p>
      )}
      <div className="mt-3 flex flex-wrap items-start gap-2">
        <InterventionActions patientId={patientId} interventionId={i.id} version={i.version} status={i.status} awaitingMyAcceptance={i.awaitingMyAcceptance} title={i.title} treatsHPylori={i.gutTarget === 'h_pylori'} />
        {editable && !editing && (
          <button type="button" className={secondaryButtonClass} onClick={() => setEditing(true)} aria-label={`Edit ${i.title}`}>
            Edit
          </button>
        )}
        <span className="ml-auto self-center text-xs text-slate-500">Version {i.version}</span>
      </div>
      {editing && (
        <div className="mt-3 rounded-md border border-slate-200 bg-white p-3">
          <InterventionForm
            patientId={patientId}
            team={team}
            goals={goals}
            initial={interventionFormValues(i)}
            editing={{ interventionId: i.id, version: i.version, acknowledged: i.acknowledgedCautions }}
            onDone={() => setEditing(false)}
          />
        </div>
      )}
    </li>
  );
}

export function ProposePanel({ patientId, team, goals }: { patientId: string; team: TeamOption[]; goals: GoalView[] }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className={secondaryButtonClass} onClick={() => setOpen(true)}>
        + Propose an intervention
      </button>
    );
  }
  return (
    <div className="rounded-md border border-brand-100 bg-white p-4 ring-1 ring-brand-100">
      <h3 className="mb-3 text-base font-semibold">Propose an intervention</h3>
      <InterventionForm patientId={patientId} team={team} goals={goals} onDone={() => setOpen(false)} />
    </div>
  );
}

export function GoalsSection({ patientId, goals, instruments }: { patientId: string; goals: GoalView[]; instruments: { id: string; label: string }[] }) {
  const [adding, setAdding] = useState(false);
  const [editingId, setEditingId] = useState<string | null>(null);
  const label = (id: string | null) => instruments.find((i) => i.id === id)?.label ?? id;
  return (
    <div className="space-y-3">
      {goals.length === 0 && !adding && <EmptyState>No goals yet. Add one the team can measure, e.g. “EASI below 7 by March”.</EmptyState>}
      <ul className="space-y-2">
        {goals.map((g) => (
          <li key={g.id} className="rounded-md border border-slate-200 p-3" data-testid="goal">
            {editingId === g.id ? (
              <GoalForm
                patientId={patientId}
                instruments={instruments}
                editing={{ goalId: g.id, version: g.version }}
                initial={{ description: g.description, targetInstrument: g.targetInstrument ?? '', targetValue: g.targetValue ?? '', targetDate: g.targetDate ?? '', status: g.status }}
                onDone={() => setEditingId(null)}
              />
            ) : (
              <div className="flex flex-wrap items-start justify-between gap-2">
                <div>
                  <p className="font-medium text-slate-900">{g.description}</p>
                  <p className="text-sm text-slate-600">
                    {[g.targetInstrument ? `${label(g.targetInstrument)} ${g.targetValue ?? ''}`.trim() : g.targetValue, g.targetDate ? `by ${formatDate(g.targetDate)}` : null].filter(Boolean).join(' ') ||
                      'No measurable target'}
                  </p>
                </div>
                <div className="flex items-center gap-2">
                  <GoalStatusBadge status={g.status} />
                  <button type="button" className={secondaryButtonClass} onClick={() => setEditingId(g.id)} aria-label={`Edit goal ${g.description}`}>
                    Edit
                  </button>
                </div>
              </div>
            )}
          </li>
        ))}
      </ul>
      {adding ? (
        <GoalForm patientId={patientId} instruments={instruments} onDone={() => setAdding(false)} />
      ) : (
        <button type="button" className={secondaryButtonClass} onClick={() => setAdding(true)}>
          + Add a goal
        </button>
      )}
    </div>
  );
}
