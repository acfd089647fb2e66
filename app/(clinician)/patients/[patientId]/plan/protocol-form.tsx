'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { sameFood } from '@/lib/clinical/reintroduction/foods';
import { checkPlan, scheduleProtocol, type ProtocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import type { FieldErrors } from '@/lib/platform/errors';
import type { ProtocolFormOptions } from '@/lib/reintroduction/queries';
import type { ProtocolCaution, ProtocolOutcome } from '@/lib/reintroduction/protocols';
import { PROTOCOL_REASON_KINDS, PROTOCOL_REASON_LABELS } from '@/lib/reintroduction/reasons';
import { DateInput } from '@/lib/ui/date-input';
import { Field, FormMessage, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import { startProtocolAction } from './actions';
import { ChallengeOrderEditor, challengeRowsFor, type ChallengeRow } from './challenge-order-editor';

/**
 * Start an elimination → reintroduction protocol. The challenges follow the foods chosen, one row per food
 * that may come back at home; foods Axis already knows must not (a positive sIgE or skin prick, a risk factor,
 * a severe-reaction food, a child with eczema and milk or egg) are listed apart with the reason and a referral.
 * The server checks everything again: its word is final, and nothing typed is lost on a refusal.
 */
export function ProtocolForm({ patientId, options, actorUserId, onDone }: { patientId: string; options: ProtocolFormOptions; actorUserId: string; onDone?: () => void }) {
  const router = useRouter();
  const [busy, startTransition] = useTransition();
  const [groups, setGroups] = useState<string[]>([]);
  const [otherFoods, setOtherFoods] = useState('');
  const [reasonKind, setReasonKind] = useState<(typeof PROTOCOL_REASON_KINDS)[number]>(options.foodPanels.length ? 'food_panel' : 'clinical_suspicion');
  const [reasonResultId, setReasonResultId] = useState(options.foodPanels[0]?.id ?? '');
  const [reasonText, setReasonText] = useState('');
  const [startDate, setStartDate] = useState(options.today);
  const [weeks, setWeeks] = useState(String(options.defaults.eliminationWeeks));
  const [supervisorId, setSupervisorId] = useState(options.team.some((m) => m.userId === actorUserId) ? actorUserId : (options.team[0]?.userId ?? ''));
  const [riskFactors, setRiskFactors] = useState<string[]>([]);
  const [referToAllergist, setReferToAllergist] = useState(true);
  const [acknowledged, setAcknowledged] = useState<string[]>([]);
  const [rows, setRows] = useState<ChallengeRow[]>([]);
  const [outcome, setOutcome] = useState<ProtocolOutcome<unknown> | null>(null);
  const [cautions, setCautions] = useState<ProtocolCaution[]>([]);
  const errors: FieldErrors = outcome && !outcome.ok ? (outcome.fieldErrors ?? {}) : {};

  const foods = useMemo(() => {
    const out: string[] = [];
    for (const f of [...groups, ...otherFoods.split(',').map((x) => x.trim())]) if (f && !out.some((o) => sameFood(o, f))) out.push(f);
    return out;
  }, [groups, otherFoods]);
  // Known refusals: any risk factor refuses every food; otherwise what the record already says.
  const refused = useMemo(
    () =>
      foods.flatMap((food) => {
        if (riskFactors.length) return [{ food, message: `${food} cannot be brought back at home: the patient has a risk factor for a severe challenge reaction. It needs a supervised oral food challenge.` }];
        const known = options.refusedAtHome.find((r) => sameFood(r.food, food));
        return known ? [{ food, message: known.message }] : [];
      }),
    [foods, riskFactors, options.refusedAtHome],
  );
  const atHome = foods.filter((f) => !refused.some((r) => r.food === f));
  // Keep what was typed for each food across changes of the list; new foods get default rows at the end.
  const challengeRows = challengeRowsFor(atHome, rows, options.defaults);

  const preview: ProtocolSchedule | null = useMemo(() => {
    const plan = { eliminationWeeks: Number(weeks), challenges: challengeRows.map((r) => ({ food: r.food, portions: r.portions, washoutDays: Number(r.washoutDays) })) };
    if (!/^\d{4}-\d{2}-\d{2}$/.test(startDate) || checkPlan(plan).length) return null;
    return scheduleProtocol(startDate, plan);
  }, [startDate, weeks, challengeRows]);

  const panel = options.foodPanels.find((p) => p.id === reasonResultId);
  const iggCaution = reasonKind === 'food_panel' && panel?.igg;

  function submit(e: React.FormEvent) {
    e.preventDefault();
    startTransition(async () => {
      const result = await startProtocolAction(patientId, {
        foods,
        reasonKind,
        reasonResultId: reasonKind === 'food_panel' ? reasonResultId : '',
        reasonText,
        startDate,
        eliminationWeeks: weeks,
        supervisorId,
        riskFactors,
        referToAllergist,
        acknowledgedCautions: acknowledged,
        challenges: challengeRows.map((r) => ({ food: r.food, portions: r.portions, washoutDays: r.washoutDays })),
      });
      setOutcome(result);
      setCautions(!result.ok ? (result.cautions ?? []) : []);
      if (result.ok) {
        onDone?.();
        router.refresh();
      }
    });
  }

  return (
    <form onSubmit={submit} className="space-y-5" aria-label="Start an elimination protocol" noValidate>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-700">Foods to eliminate</legend>
        <div className="grid gap-1 sm:grid-cols-2">
          {options.foodGroups.map((g) => (
            <label key={g.id} className="flex items-center gap-2 text-sm">
              <input type="checkbox" checked={groups.includes(g.label)} onChange={(e) => setGroups((prev) => (e.target.checked ? [...prev, g.label] : prev.filter((x) => x !== g.label)))} />
              {g.label}
            </label>
          ))}
        </div>
        <Field id="protocol-other-foods" label="Other foods (comma-separated)" errors={errors.foods}>
          <input id="protocol-other-foods" className={inputClass} value={otherFoods} onChange={(e) => setOtherFoods(e.target.value)} aria-invalid={Boolean(errors.foods)} placeholder="e.g. tomato, citrus" />
        </Field>
      </fieldset>

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id="protocol-reason-kind" label="Why" errors={errors.reasonKind}>
          <select id="protocol-reason-kind" className={inputClass} value={reasonKind} onChange={(e) => setReasonKind(e.target.value as typeof reasonKind)}>
            {PROTOCOL_REASON_KINDS.map((k) => (
              <option key={k} value={k} disabled={k === 'food_panel' && options.foodPanels.length === 0}>
                {PROTOCOL_REASON_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        {reasonKind === 'food_panel' ? (
          <Field id="protocol-reason-result" label="Food-panel result" errors={errors.reasonResultId}>
            <select id="protocol-reason-result" className={inputClass} value={reasonResultId} onChange={(e) => setReasonResultId(e.target.value)} aria-invalid={Boolean(errors.reasonResultId)}>
              {options.foodPanels.map((p) => (
                <option key={p.id} value={p.id}>
                  {p.label}
                </option>
              ))}
            </select>
          </Field>
        ) : null}
      </div>
      <Field id="protocol-reason-text" label={reasonKind === 'food_panel' ? 'Notes on the reason (optional)' : 'What was seen'} errors={errors.reasonText}>
        <textarea id="protocol-reason-text" rows={2} className={inputClass} value={reasonText} onChange={(e) => setReasonText(e.target.value)} aria-invalid={Boolean(errors.reasonText)} />
      </Field>
      {iggCaution && (
        <div className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          <p>IgG/IgG4 food panels reflect exposure, not allergy: they do not justify an elimination on their own (DOMAIN §3.2).</p>
          <label className="mt-1 flex items-center gap-2 font-medium">
            <input type="checkbox" checked={acknowledged.includes('igg-reason')} onChange={(e) => setAcknowledged(e.target.checked ? ['igg-reason'] : [])} />I have read this caution
          </label>
        </div>
      )}
      {cautions.map((c) => (
        <p key={c.code} role="alert" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {c.text} <span className="text-xs">[{c.source}]</span>
        </p>
      ))}

      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="protocol-start" label="Elimination starts" errors={errors.startDate}>
          <DateInput id="protocol-start" value={startDate} onChange={setStartDate} invalid={Boolean(errors.startDate)} />
        </Field>
        <Field id="protocol-weeks" label="Weeks of elimination" errors={errors.eliminationWeeks} hint={`Default ${options.defaults.eliminationWeeks}: a clinic default, not guideline-fixed. 1–12.`}>
          <input id="protocol-weeks" type="number" min={1} max={12} className={inputClass} value={weeks} onChange={(e) => setWeeks(e.target.value)} aria-invalid={Boolean(errors.eliminationWeeks)} />
        </Field>
        <Field id="protocol-supervisor" label="Supervising clinician" errors={errors.supervisorId}>
          <select id="protocol-supervisor" className={inputClass} value={supervisorId} onChange={(e) => setSupervisorId(e.target.value)}>
            {options.team.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({specialtyLabel(m.specialty)})
              </option>
            ))}
          </select>
        </Field>
      </div>

      <fieldset className="space-y-1">
        <legend className="text-sm font-medium text-slate-700">Risk factors for a severe challenge reaction (any one means no at-home challenge)</legend>
        {options.riskFactors.map((r) => (
          <label key={r.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" checked={riskFactors.includes(r.id)} onChange={(e) => setRiskFactors((prev) => (e.target.checked ? [...prev, r.id] : prev.filter((x) => x !== r.id)))} />
            {r.label[0]?.toUpperCase()}
            {r.label.slice(1)}
          </label>
        ))}
      </fieldset>

      {refused.length > 0 && (
        <section aria-labelledby="supervised-heading" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          <h3 id="supervised-heading" className="font-semibold">
            Needs a supervised oral food challenge
          </h3>
          <ul className="mt-1 list-disc space-y-1 pl-5">
            {refused.map((r) => (
              <li key={r.food}>{r.message}</li>
            ))}
          </ul>
          <label className="mt-2 flex items-center gap-2 font-medium">
            <input type="checkbox" checked={referToAllergist} onChange={(e) => setReferToAllergist(e.target.checked)} />
            Create a task to refer to an allergist for each
          </label>
        </section>
      )}

      <ChallengeOrderEditor rows={challengeRows} onChange={setRows} errors={errors} preview={preview} />

      {preview && (
        <p className="text-sm text-slate-700" data-testid="protocol-preview">
          Eliminate {formatDate(preview.eliminationFrom)} – {formatDate(preview.eliminationTo)}
          {preview.challenges.length ? `; challenges until ${formatDate(preview.endsOn)}.` : '; no at-home challenge.'}
        </p>
      )}
      <FormMessage state={outcome} />
      <div className="flex gap-2">
        <button type="submit" className={primaryButtonClass} disabled={busy || foods.length === 0}>
          {busy ? 'Starting…' : supervisorId === actorUserId ? 'Start protocol' : 'Propose protocol'}
        </button>
        {onDone && (
          <button type="button" className={secondaryButtonClass} onClick={onDone}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
