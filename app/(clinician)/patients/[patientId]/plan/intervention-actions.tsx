'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition } from 'react';
import { ALLOWED_STATUS_CHANGES, type InterventionStatus, type StatusChange } from '@/lib/care-plans/kinds';
import type { CarePlanOutcome } from '@/lib/care-plans/mutations';
import { dangerButtonClass, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { acceptInterventionAction, changeInterventionStatusAction, declineInterventionAction } from './actions';
import { ConflictNotice } from './conflict-notice';
import { DateInput } from '@/lib/ui/date-input';

const endsTherapy = (s: StatusChange | 'decline') => s === 'completed' || s === 'stopped';

type Outcome = CarePlanOutcome<{ interventionId: string; version: number }>;
type Pending = { action: 'decline' | StatusChange; label: string; reasonRequired: boolean } | null;

const STATUS_BUTTONS: Record<StatusChange, { label: string; reasonRequired: boolean; askReason: boolean }> = {
  active: { label: 'Resume', reasonRequired: false, askReason: false },
  paused: { label: 'Pause', reasonRequired: false, askReason: true },
  completed: { label: 'Mark completed', reasonRequired: false, askReason: false },
  stopped: { label: 'Stop', reasonRequired: true, askReason: true },
};

/**
 * Accept or decline (the owner only), and later pause, resume, complete or stop. Each sends the version
 * shown on screen; if a colleague changed the intervention meanwhile, the refusal says who and what.
 */
export function InterventionActions({
  patientId,
  interventionId,
  version,
  status,
  awaitingMyAcceptance,
  title,
  treatsHPylori = false,
}: {
  patientId: string;
  interventionId: string;
  version: number;
  status: InterventionStatus;
  awaitingMyAcceptance: boolean;
  title: string;
  /** An H. pylori eradication therapy: ending it asks for the last PPI dose, which times the test of cure. */
  treatsHPylori?: boolean;
}) {
  const router = useRouter();
  const [busy, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [asking, setAsking] = useState<Pending>(null);
  const [reason, setReason] = useState('');
  const [ppiLastDoseDate, setPpiLastDoseDate] = useState('');
  const failure = outcome && !outcome.ok ? outcome : null;

  function send(run: () => Promise<Outcome>) {
    start(async () => {
      const result = await run();
      setOutcome(result);
      if (result.ok) {
        setAsking(null);
        setReason('');
      }
      // Either way the row should show the current version: ours, or the colleague's that won.
      router.refresh();
    });
  }

  function confirm() {
    if (!asking) return;
    const base = { interventionId, expectedVersion: version };
    if (asking.action === 'decline') send(() => declineInterventionAction(patientId, { ...base, reason }));
    else {
      const status = asking.action;
      const ppi = treatsHPylori && endsTherapy(status) ? { ppiLastDoseDate } : {};
      send(() => changeInterventionStatusAction(patientId, { ...base, status, reason, ...ppi }));
    }
  }

  // The owner answers a proposal with Accept or Decline; anyone else on the team may withdraw it.
  const changes = status === 'proposed' && awaitingMyAcceptance ? [] : ALLOWED_STATUS_CHANGES[status];
  const reasonId = `reason-${interventionId.slice(0, 8)}`;
  return (
    <div className="space-y-2">
      <div className="flex flex-wrap gap-2">
        {awaitingMyAcceptance && (
          <>
            <button type="button" className={primaryButtonClass} disabled={busy} onClick={() => send(() => acceptInterventionAction(patientId, { interventionId, expectedVersion: version }))} aria-label={`Accept ${title}`}>
              Accept
            </button>
            <button type="button" className={dangerButtonClass} disabled={busy} onClick={() => setAsking({ action: 'decline', label: 'Decline', reasonRequired: true })} aria-label={`Decline ${title}`}>
              Decline…
            </button>
          </>
        )}
        {changes.map((s) => {
          const b = STATUS_BUTTONS[s];
          const label = status === 'proposed' && s === 'stopped' ? 'Withdraw' : b.label;
          return (
            <button
              key={s}
              type="button"
              className={s === 'stopped' ? dangerButtonClass : secondaryButtonClass}
              disabled={busy}
              aria-label={`${label} ${title}`}
              onClick={() => (b.askReason || (treatsHPylori && endsTherapy(s) && status !== 'proposed') ? setAsking({ action: s, label, reasonRequired: b.reasonRequired }) : send(() => changeInterventionStatusAction(patientId, { interventionId, expectedVersion: version, status: s })))}
            >
              {b.askReason || (treatsHPylori && endsTherapy(s) && status !== 'proposed') ? `${label}…` : label}
            </button>
          );
        })}
      </div>
      {asking && (
        <div className="rounded-md border border-slate-200 bg-slate-50 p-3">
          <label htmlFor={reasonId} className="mb-1 block text-sm font-medium text-slate-700">
            {asking.label}: reason{asking.reasonRequired ? '' : ' (optional)'}
          </label>
          <textarea id={reasonId} rows={2} value={reason} onChange={(e) => setReason(e.target.value)} className={inputClass} aria-invalid={Boolean(failure?.fieldErrors?.reason)} />
          {failure?.fieldErrors?.reason?.map((m) => (
            <p key={m} className="mt-1 text-xs text-red-700">
              {m}
            </p>
          ))}
          {treatsHPylori && asking.action !== 'decline' && endsTherapy(asking.action) && (
            <div className="mt-3">
              <label htmlFor={`${reasonId}-ppi`} className="mb-1 block text-sm font-medium text-slate-700">
                Last PPI dose, if the PPI continues after the therapy (optional)
              </label>
              <DateInput id={`${reasonId}-ppi`} value={ppiLastDoseDate} onChange={setPpiLastDoseDate} invalid={Boolean(failure?.fieldErrors?.ppiLastDoseDate)} />
              <p className="mt-1 text-xs text-slate-600">The test of cure is scheduled for 4 weeks after the therapy ends and 2 weeks after the last PPI, whichever is later, and added to the owner&apos;s tasks.</p>
              {failure?.fieldErrors?.ppiLastDoseDate?.map((m) => (
                <p key={m} className="mt-1 text-xs text-red-700">
                  {m}
                </p>
              ))}
            </div>
          )}
          <div className="mt-2 flex gap-2">
            <button type="button" className={asking.action === 'decline' || asking.action === 'stopped' ? dangerButtonClass : secondaryButtonClass} disabled={busy} onClick={confirm}>
              {busy ? 'Saving…' : `Confirm: ${asking.label.toLowerCase()}`}
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setAsking(null)}>
              Cancel
            </button>
          </div>
        </div>
      )}
      {failure && (!failure.fieldErrors || !asking) && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{failure.error}</p>
          {failure.conflict && <ConflictNotice conflict={failure.conflict} />}
        </div>
      )}
    </div>
  );
}
