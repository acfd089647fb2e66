'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import type { ChallengeStatus } from '@/lib/clinical/reintroduction/progress';
import { checkPlan, scheduleProtocol } from '@/lib/clinical/reintroduction/schedule';
import type { FieldErrors } from '@/lib/platform/errors';
import type { ProtocolOutcome } from '@/lib/reintroduction/protocols';
import type { ProtocolFormOptions } from '@/lib/reintroduction/queries';
import { DateInput } from '@/lib/ui/date-input';
import { dangerButtonClass, Field, FormMessage, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { acceptProtocolAction, confirmVerdictAction, stopProtocolAction, updateChallengesAction } from './actions';
import { ChallengeOrderEditor, type ChallengeRow } from './challenge-order-editor';
import { ProtocolForm } from './protocol-form';

type Outcome = ProtocolOutcome<unknown>;

/** "Start an elimination protocol": a button that opens the form. */
export function StartProtocolPanel({ patientId, options, actorUserId }: { patientId: string; options: ProtocolFormOptions; actorUserId: string }) {
  const [open, setOpen] = useState(false);
  if (!open) {
    return (
      <button type="button" className={secondaryButtonClass} onClick={() => setOpen(true)}>
        Start an elimination protocol
      </button>
    );
  }
  return <ProtocolForm patientId={patientId} options={options} actorUserId={actorUserId} onDone={() => setOpen(false)} />;
}

/** Accept (the supervisor), change the order of what has not begun, or stop with a reason. */
export function ProtocolControls({
  patientId,
  protocolId,
  version,
  canAccept,
  running,
  startDate,
  eliminationWeeks,
  challenges,
}: {
  patientId: string;
  protocolId: string;
  version: number;
  canAccept: boolean;
  running: boolean;
  startDate: string;
  eliminationWeeks: number;
  challenges: { food: string; portions: string[]; washoutDays: number; status: ChallengeStatus }[];
}) {
  const router = useRouter();
  const [busy, start] = useTransition();
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [mode, setMode] = useState<'idle' | 'stop' | 'order'>('idle');
  const [reason, setReason] = useState('');
  const [rows, setRows] = useState<ChallengeRow[]>(() => challenges.map((c) => ({ food: c.food, portions: c.portions, washoutDays: String(c.washoutDays) })));
  const errors: FieldErrors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};
  const locked = challenges.filter((c) => c.status !== 'upcoming').map((c) => c.food);
  const preview = useMemo(() => {
    const plan = { eliminationWeeks, challenges: rows.map((r) => ({ food: r.food, portions: r.portions, washoutDays: Number(r.washoutDays) })) };
    return checkPlan(plan).length ? null : scheduleProtocol(startDate, plan);
  }, [rows, startDate, eliminationWeeks]);

  function send(run: () => Promise<Outcome>) {
    start(async () => {
      const result = await run();
      setOutcome(result);
      if (result.ok) {
        setMode('idle');
        router.refresh();
      }
    });
  }
  if (!running) return null;
  return (
    <div className="space-y-3">
      <div className="flex flex-wrap gap-2">
        {canAccept && (
          <button type="button" className={primaryButtonClass} disabled={busy} onClick={() => send(() => acceptProtocolAction(patientId, { protocolId, expectedVersion: version }))}>
            Accept protocol
          </button>
        )}
        {challenges.some((c) => c.status === 'upcoming') && mode !== 'order' && (
          <button type="button" className={secondaryButtonClass} onClick={() => setMode('order')}>
            Change challenge order
          </button>
        )}
        {mode !== 'stop' && (
          <button type="button" className={dangerButtonClass} onClick={() => setMode('stop')}>
            Stop protocol
          </button>
        )}
      </div>
      {mode === 'order' && (
        <form
          className="space-y-3"
          aria-label="Change challenge order"
          onSubmit={(e) => {
            e.preventDefault();
            send(() => updateChallengesAction(patientId, { protocolId, expectedVersion: version, challenges: rows.map((r) => ({ food: r.food, portions: r.portions, washoutDays: r.washoutDays })) }));
          }}
        >
          <ChallengeOrderEditor rows={rows} onChange={setRows} errors={errors} preview={preview} locked={locked} />
          <div className="flex gap-2">
            <button type="submit" className={primaryButtonClass} disabled={busy}>
              Save order
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setMode('idle')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      {mode === 'stop' && (
        <form
          className="space-y-2"
          aria-label="Stop protocol"
          onSubmit={(e) => {
            e.preventDefault();
            send(() => stopProtocolAction(patientId, { protocolId, expectedVersion: version, reason }));
          }}
        >
          <Field id={`stop-${protocolId}`} label="Why does the protocol stop?" errors={errors.reason}>
            <input id={`stop-${protocolId}`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(errors.reason)} />
          </Field>
          <div className="flex gap-2">
            <button type="submit" className={dangerButtonClass} disabled={busy}>
              Stop protocol
            </button>
            <button type="button" className={secondaryButtonClass} onClick={() => setMode('idle')}>
              Cancel
            </button>
          </div>
        </form>
      )}
      <FormMessage state={outcome} />
    </div>
  );
}

/**
 * Confirm Axis's suggested verdict or override it: a different answer needs a reason, and a food that stays
 * out needs a review date. The suggestion shown is recomputed by the server when saving.
 */
export function VerdictForm({
  patientId,
  protocolId,
  version,
  food,
  suggested,
  canConfirmOther,
  today,
}: {
  patientId: string;
  protocolId: string;
  version: number;
  food: string;
  suggested: 'reacted' | 'tolerated' | 'inconclusive' | null;
  canConfirmOther: boolean;
  today: string;
}) {
  const router = useRouter();
  const [busy, start] = useTransition();
  const [verdict, setVerdict] = useState<'reacted' | 'tolerated' | 'inconclusive'>(canConfirmOther ? (suggested ?? 'inconclusive') : 'reacted');
  const [reason, setReason] = useState('');
  const [reviewDate, setReviewDate] = useState('');
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const errors: FieldErrors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};
  const id = `verdict-${protocolId}-${food.replace(/[^a-z0-9]+/gi, '-')}`;
  const overriding = suggested !== verdict;
  return (
    <form
      className="mt-2 space-y-2 rounded-md border border-slate-200 bg-slate-50 p-3"
      aria-label={`Verdict for ${food}`}
      onSubmit={(e) => {
        e.preventDefault();
        start(async () => {
          const result = await confirmVerdictAction(patientId, { protocolId, expectedVersion: version, food, verdict, reason, reviewDate: verdict === 'tolerated' ? '' : reviewDate });
          setOutcome(result);
          if (result.ok) router.refresh();
        });
      }}
    >
      <div className="grid gap-2 sm:grid-cols-3">
        <Field id={`${id}-verdict`} label={`Verdict for ${food}`} errors={errors.verdict}>
          <select id={`${id}-verdict`} className={inputClass} value={verdict} onChange={(e) => setVerdict(e.target.value as typeof verdict)}>
            <option value="reacted">Reacted: stays out</option>
            <option value="tolerated" disabled={!canConfirmOther}>
              Tolerated: back in the diet
            </option>
            <option value="inconclusive" disabled={!canConfirmOther}>
              Inconclusive: stays out for now
            </option>
          </select>
        </Field>
        {verdict !== 'tolerated' && (
          <Field id={`${id}-review`} label="Review on" errors={errors.reviewDate} hint={`After ${today}`}>
            <DateInput id={`${id}-review`} value={reviewDate} onChange={setReviewDate} invalid={Boolean(errors.reviewDate)} />
          </Field>
        )}
        <Field id={`${id}-reason`} label={overriding ? 'Why you differ from the suggestion' : 'Note (optional)'} errors={errors.reason}>
          <input id={`${id}-reason`} className={inputClass} value={reason} onChange={(e) => setReason(e.target.value)} aria-invalid={Boolean(errors.reason)} />
        </Field>
      </div>
      <FormMessage state={outcome} />
      <button type="submit" className={primaryButtonClass} disabled={busy}>
        {overriding ? 'Override and confirm' : 'Confirm verdict'}
      </button>
    </form>
  );
}
