'use client';

import { useRouter } from 'next/navigation';
import { useMemo, useState, useTransition } from 'react';
import { checkInterventionGuardrails, type GuardrailFinding } from '@/lib/care-plans/guardrails';
import { DIET_PHASE_LABELS, DIET_PHASES, GUT_TARGET_LABELS, GUT_TARGETS, INTERVENTION_KIND_LABELS, INTERVENTION_KINDS, type DietPhase, type GutTarget, type InterventionKind } from '@/lib/care-plans/kinds';
import { DEFAULT_RESPONSE_SETTINGS } from '@/lib/clinical/outcomes/response';
import type { CarePlanOutcome } from '@/lib/care-plans/mutations';
import type { FieldErrors } from '@/lib/platform/errors';
import { GuardrailNotice } from '@/lib/ui/care-plans/badges';
import { Field, inputClass, primaryButtonClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { specialtyLabel } from '@/lib/ui/format';
import type { Specialty } from '@/lib/care-plans/kinds';
import { proposeInterventionAction, updateInterventionAction } from './actions';
import { ConflictNotice } from './conflict-notice';
import { DateInput } from '@/lib/ui/date-input';

/** Every kind's fields live side by side, so switching kind loses nothing typed. */
export interface InterventionFormValues {
  kind: InterventionKind;
  title: string;
  ownerUserId: string;
  goalId: string;
  startDate: string;
  endDate: string;
  phase: DietPhase;
  foods: string;
  reintroductionDate: string;
  genus: string;
  species: string;
  strain: string;
  product: string;
  doseCfu: string;
  dose: string;
  frequency: string;
  name: string;
  drug: string;
  description: string;
  gutTarget: '' | GutTarget;
  responseWeeks: string;
  ppiLastDoseDate: string;
  retestDate: string;
}

export const EMPTY_INTERVENTION: InterventionFormValues = {
  kind: 'diet',
  title: '',
  ownerUserId: '',
  goalId: '',
  startDate: '',
  endDate: '',
  phase: 'elimination',
  foods: '',
  reintroductionDate: '',
  genus: '',
  species: '',
  strain: '',
  product: '',
  doseCfu: '',
  dose: '',
  frequency: '',
  name: '',
  drug: '',
  description: '',
  gutTarget: '',
  responseWeeks: '',
  ppiLastDoseDate: '',
  retestDate: '',
};

const text = (v: unknown): string => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** Turns a stored intervention back into what the form edits. */
export function interventionFormValues(i: {
  kind: InterventionKind;
  title: string;
  ownerUserId: string;
  goalId: string | null;
  startDate: string | null;
  endDate: string | null;
  details: Record<string, unknown>;
  gutTarget: GutTarget | null;
  responseWeeks: number | null;
  ppiLastDoseDate: string | null;
  retestDate: string | null;
}): InterventionFormValues {
  const d = i.details;
  return {
    ...EMPTY_INTERVENTION,
    kind: i.kind,
    title: i.title,
    ownerUserId: i.ownerUserId,
    goalId: i.goalId ?? '',
    startDate: i.startDate ?? '',
    endDate: i.endDate ?? '',
    phase: (DIET_PHASES as readonly string[]).includes(text(d.phase)) ? (d.phase as DietPhase) : 'elimination',
    foods: Array.isArray(d.foods) ? d.foods.map(text).join(', ') : '',
    reintroductionDate: text(d.reintroductionDate),
    genus: text(d.genus),
    species: text(d.species),
    strain: text(d.strain),
    product: text(d.product),
    doseCfu: text(d.doseCfu),
    dose: text(d.dose),
    frequency: text(d.frequency),
    name: text(d.name),
    drug: text(d.drug),
    description: text(d.description),
    gutTarget: i.gutTarget ?? '',
    responseWeeks: i.responseWeeks === null ? '' : String(i.responseWeeks),
    ppiLastDoseDate: i.ppiLastDoseDate ?? '',
    retestDate: i.retestDate ?? '',
  };
}

function detailsOf(v: InterventionFormValues): Record<string, unknown> {
  switch (v.kind) {
    case 'diet':
      return {
        phase: v.phase,
        foods: v.foods
          .split(/[,\n;]/)
          .map((f) => f.trim())
          .filter(Boolean),
        reintroductionDate: v.reintroductionDate,
      };
    case 'probiotic':
      return { genus: v.genus, species: v.species, strain: v.strain, product: v.product, doseCfu: v.doseCfu.replace(/[\s_,]/g, ''), dose: v.dose, frequency: v.frequency };
    case 'supplement':
      return { name: v.name, dose: v.dose, frequency: v.frequency };
    case 'medication':
    case 'topical':
      return { drug: v.drug, dose: v.dose, frequency: v.frequency };
    default:
      return { description: v.description };
  }
}

type Outcome = CarePlanOutcome<{ interventionId: string; version: number }>;
export interface TeamOption {
  userId: string;
  name: string;
  specialty: Specialty | null;
}

/**
 * Proposes a new intervention, or edits one at the version it was opened. Cautions from the evidence
 * guardrails appear as you type and must be ticked before the server accepts the save; a flag is shown
 * but does not block. On any refusal, everything typed stays.
 */
export function InterventionForm({
  patientId,
  team,
  goals,
  initial,
  editing,
  onDone,
}: {
  patientId: string;
  team: TeamOption[];
  goals: { id: string; description: string }[];
  initial?: InterventionFormValues;
  /** When editing: the intervention and the version this clinician opened. */
  editing?: { interventionId: string; version: number; acknowledged: string[] };
  onDone: () => void;
}) {
  const router = useRouter();
  const [values, setValues] = useState<InterventionFormValues>(initial ?? EMPTY_INTERVENTION);
  const [acknowledged, setAcknowledged] = useState<string[]>(editing?.acknowledged ?? []);
  const [baseVersion, setBaseVersion] = useState(editing?.version ?? 1);
  const [outcome, setOutcome] = useState<Outcome | null>(null);
  const [pending, start] = useTransition();
  const set = (patch: Partial<InterventionFormValues>) => setValues((v) => ({ ...v, ...patch }));
  const failure = outcome && !outcome.ok ? outcome : null;
  const fieldErrors: FieldErrors = failure?.fieldErrors ?? {};
  const err = (path: string) => fieldErrors[path];
  const errorList = [...new Set(Object.values(fieldErrors).flatMap((v) => v ?? []))];

  const findings = useMemo(() => checkInterventionGuardrails({ kind: values.kind, title: values.title, details: detailsOf(values) }), [values]);
  const owner = team.find((m) => m.userId === values.ownerUserId);
  const idPrefix = editing ? `edit-${editing.interventionId.slice(0, 8)}` : 'propose';

  function submit(version = baseVersion) {
    const payload = {
      kind: values.kind,
      title: values.title,
      ownerUserId: values.ownerUserId,
      ownerSpecialty: owner?.specialty ?? undefined,
      goalId: values.goalId,
      startDate: values.startDate,
      endDate: values.endDate,
      details: detailsOf(values),
      acknowledgedCautions: acknowledged,
      gutTarget: values.gutTarget,
      responseWeeks: values.responseWeeks.trim(),
      ppiLastDoseDate: values.gutTarget === 'h_pylori' ? values.ppiLastDoseDate : '',
      retestDate: values.gutTarget === 'sibo' || values.gutTarget === 'imo' ? values.retestDate : '',
    };
    start(async () => {
      const result = editing
        ? await updateInterventionAction(patientId, { ...payload, interventionId: editing.interventionId, expectedVersion: version })
        : await proposeInterventionAction(patientId, payload);
      setOutcome(result);
      if (result.ok) {
        router.refresh();
        onDone();
      } else if ('conflict' in result && result.conflict) {
        // Show the colleague's version on the page; this form keeps what was typed.
        router.refresh();
      }
    });
  }

  function toggle(code: string, on: boolean) {
    setAcknowledged((list) => (on ? [...new Set([...list, code])] : list.filter((c) => c !== code)));
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
      noValidate
      className="space-y-5"
      aria-label={editing ? 'Edit intervention' : 'Propose an intervention'}
    >
      {failure && (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800">
          <p>{failure.error}</p>
          {errorList.length > 0 && (
            <ul className="mt-1 list-disc pl-5">
              {errorList.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          )}
          {failure.conflict && (
            <ConflictNotice conflict={failure.conflict}>
              <p className="mt-2 text-slate-700">Your edits are still in the form below. Include their change if it still applies, then save over their version; theirs stays in the change history.</p>
              <div className="mt-2 flex flex-wrap gap-2">
                <button
                  type="button"
                  className={secondaryButtonClass}
                  disabled={pending}
                  onClick={() => {
                    const next = failure.conflict?.currentVersion ?? baseVersion;
                    setBaseVersion(next);
                    submit(next);
                  }}
                >
                  Save my edits over version {failure.conflict.currentVersion}
                </button>
                <button
                  type="button"
                  className={secondaryButtonClass}
                  onClick={() => {
                    router.refresh();
                    onDone();
                  }}
                >
                  Discard my edits
                </button>
              </div>
            </ConflictNotice>
          )}
        </div>
      )}

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${idPrefix}-kind`} label="Kind" errors={err('kind')}>
          <select
            id={`${idPrefix}-kind`}
            value={values.kind}
            disabled={Boolean(editing)}
            onChange={(e) => set({ kind: e.target.value as InterventionKind })}
            className={inputClass}
          >
            {INTERVENTION_KINDS.map((k) => (
              <option key={k} value={k}>
                {INTERVENTION_KIND_LABELS[k]}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${idPrefix}-title`} label="Title" errors={err('title')} hint="What the team and the patient will call it.">
          <input id={`${idPrefix}-title`} value={values.title} onChange={(e) => set({ title: e.target.value })} className={inputClass} aria-invalid={Boolean(err('title'))} />
        </Field>
      </div>

      <KindFields idPrefix={idPrefix} values={values} set={set} err={err} />

      <div className="grid gap-4 sm:grid-cols-2">
        <Field id={`${idPrefix}-owner`} label="Owner" errors={err('ownerUserId') ?? err('ownerSpecialty')} hint="The clinician who will accept and look after it.">
          <select id={`${idPrefix}-owner`} value={values.ownerUserId} onChange={(e) => set({ ownerUserId: e.target.value })} className={inputClass} aria-invalid={Boolean(err('ownerUserId'))}>
            <option value="" disabled>
              Choose…
            </option>
            {team.map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name} ({specialtyLabel(m.specialty)})
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${idPrefix}-goal`} label="Goal it serves (optional)" errors={err('goalId')}>
          <select id={`${idPrefix}-goal`} value={values.goalId} onChange={(e) => set({ goalId: e.target.value })} className={inputClass}>
            <option value="">No particular goal</option>
            {goals.map((g) => (
              <option key={g.id} value={g.id}>
                {g.description}
              </option>
            ))}
          </select>
        </Field>
        <Field id={`${idPrefix}-start`} label="Start date (optional)" errors={err('startDate')} hint="Left empty, it starts on the day the owner accepts.">
          <DateInput id={`${idPrefix}-start`} value={values.startDate} onChange={(v) => set({ startDate: v })} invalid={Boolean(err('startDate'))} />
        </Field>
        <Field id={`${idPrefix}-end`} label="End date (optional)" errors={err('endDate')}>
          <DateInput id={`${idPrefix}-end`} value={values.endDate} onChange={(v) => set({ endDate: v })} invalid={Boolean(err('endDate'))} />
        </Field>
      </div>

      <OutcomeFields idPrefix={idPrefix} values={values} set={set} err={err} />

      <GuardrailPanel findings={findings} serverCautions={failure?.cautions} acknowledged={acknowledged} toggle={toggle} idPrefix={idPrefix} />

      <div className="flex items-center gap-3">
        <button type="submit" disabled={pending} className={primaryButtonClass}>
          {pending ? 'Saving…' : editing ? 'Save changes' : 'Propose intervention'}
        </button>
        <button type="button" className={secondaryButtonClass} onClick={onDone}>
          Cancel
        </button>
        {owner && !editing && <p className="text-sm text-slate-600">{owner.name} will be asked to accept it.</p>}
      </div>
    </form>
  );
}

function GuardrailPanel({
  findings,
  serverCautions,
  acknowledged,
  toggle,
  idPrefix,
}: {
  findings: GuardrailFinding[];
  serverCautions?: GuardrailFinding[];
  acknowledged: string[];
  toggle: (code: string, on: boolean) => void;
  idPrefix: string;
}) {
  // The server's list wins if it found a caution the live check did not (it never should).
  const all = [...findings, ...(serverCautions ?? []).filter((s) => !findings.some((f) => f.code === s.code))];
  if (all.length === 0) return null;
  return (
    <section aria-label="Evidence guardrails" aria-live="polite" className="space-y-2">
      <h3 className="text-sm font-semibold text-slate-800">Evidence check</h3>
      {all.map((f) => (
        <GuardrailNotice key={f.code} finding={f}>
          {f.severity === 'caution' && (
            <label className="mt-2 flex items-start gap-2 font-medium">
              <input
                type="checkbox"
                id={`${idPrefix}-ack-${f.code}`}
                className="mt-0.5"
                checked={acknowledged.includes(f.code)}
                onChange={(e) => toggle(f.code, e.target.checked)}
              />
              I have read this caution and still want to propose it
            </label>
          )}
        </GuardrailNotice>
      ))}
    </section>
  );
}

function KindFields({
  idPrefix,
  values,
  set,
  err,
}: {
  idPrefix: string;
  values: InterventionFormValues;
  set: (patch: Partial<InterventionFormValues>) => void;
  err: (path: string) => string[] | undefined;
}) {
  const input = (key: keyof InterventionFormValues, label: string, options: { hint?: string; placeholder?: string; path?: string; type?: string; inputMode?: 'decimal' | 'numeric' } = {}) => {
    const id = `${idPrefix}-${key}`;
    const errors = err(options.path ?? `details.${key}`);
    return (
      <Field id={id} label={label} errors={errors} hint={options.hint}>
        {options.type === 'date' ? (
          <DateInput id={id} value={values[key]} onChange={(v) => set({ [key]: v })} invalid={Boolean(errors)} />
        ) : (
        <input
          id={id}
          type={options.type ?? 'text'}
          inputMode={options.inputMode}
          value={values[key]}
          placeholder={options.placeholder}
          onChange={(e) => set({ [key]: e.target.value })}
          className={inputClass}
          aria-invalid={Boolean(errors)}
        />
        )}
      </Field>
    );
  };
  switch (values.kind) {
    case 'diet':
      return (
        <div className="grid gap-4 sm:grid-cols-2">
          <Field id={`${idPrefix}-phase`} label="Phase" errors={err('details.phase')}>
            <select id={`${idPrefix}-phase`} value={values.phase} onChange={(e) => set({ phase: e.target.value as DietPhase })} className={inputClass}>
              {DIET_PHASES.map((p) => (
                <option key={p} value={p}>
                  {DIET_PHASE_LABELS[p]}
                </option>
              ))}
            </select>
          </Field>
          {input('reintroductionDate', 'Planned reintroduction date', { type: 'date', hint: 'Elimination is meant to be temporary.' })}
          <div className="sm:col-span-2">
            <Field id={`${idPrefix}-foods`} label="Foods" errors={err('details.foods')} hint="Separate with commas, e.g. dairy, gluten, refined sugar.">
              <textarea id={`${idPrefix}-foods`} rows={2} value={values.foods} onChange={(e) => set({ foods: e.target.value })} className={inputClass} />
            </Field>
          </div>
        </div>
      );
    case 'probiotic':
      return (
        <div className="grid gap-4 sm:grid-cols-3">
          {input('genus', 'Genus', { placeholder: 'Lacticaseibacillus' })}
          {input('species', 'Species', { placeholder: 'rhamnosus' })}
          {input('strain', 'Strain', { placeholder: 'GG' })}
          {input('product', 'Product (optional)')}
          {input('doseCfu', 'Dose, CFU per day (optional)', { inputMode: 'numeric', placeholder: '10000000000', hint: '10 billion = 10000000000' })}
          {input('frequency', 'Frequency', { placeholder: 'once daily' })}
        </div>
      );
    case 'supplement':
      return (
        <div className="grid gap-4 sm:grid-cols-3">
          {input('name', 'Supplement')}
          {input('dose', 'Dose')}
          {input('frequency', 'Frequency (optional)')}
        </div>
      );
    case 'medication':
    case 'topical':
      return (
        <div className="grid gap-4 sm:grid-cols-3">
          {input('drug', values.kind === 'topical' ? 'Product or drug' : 'Drug')}
          {input('dose', 'Dose')}
          {input('frequency', 'Frequency')}
        </div>
      );
    default: {
      const id = `${idPrefix}-description`;
      return (
        <Field id={id} label={values.kind === 'referral' ? 'Referral or test, and why' : 'Description'} errors={err('details.description')}>
          <textarea id={id} rows={3} value={values.description} onChange={(e) => set({ description: e.target.value })} className={inputClass} aria-invalid={Boolean(err('details.description'))} />
        </Field>
      );
    }
  }
}

/** What the intervention treats and when its response is judged: drives test of cure, retests and "What worked". */
function OutcomeFields({
  idPrefix,
  values,
  set,
  err,
}: {
  idPrefix: string;
  values: InterventionFormValues;
  set: (patch: Partial<InterventionFormValues>) => void;
  err: (path: string) => string[] | undefined;
}) {
  return (
    <fieldset className="grid gap-4 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
      <legend className="px-1 text-sm font-semibold text-slate-800">Follow-up and response</legend>
      <Field id={`${idPrefix}-gutTarget`} label="Treats a gut finding (optional)" errors={err('gutTarget')} hint="An H. pylori therapy gets its test of cure scheduled when it ends.">
        <select id={`${idPrefix}-gutTarget`} value={values.gutTarget} onChange={(e) => set({ gutTarget: e.target.value as InterventionFormValues['gutTarget'] })} className={inputClass} aria-invalid={Boolean(err('gutTarget'))}>
          <option value="">No gut finding</option>
          {GUT_TARGETS.map((t) => (
            <option key={t} value={t}>
              {GUT_TARGET_LABELS[t]}
            </option>
          ))}
        </select>
      </Field>
      <Field id={`${idPrefix}-responseWeeks`} label="Judge the response after (weeks)" errors={err('responseWeeks')} hint={`Empty: the clinic default, ${DEFAULT_RESPONSE_SETTINGS.assessmentWeeks} weeks after the start.`}>
        <input
          id={`${idPrefix}-responseWeeks`}
          inputMode="numeric"
          value={values.responseWeeks}
          placeholder={String(DEFAULT_RESPONSE_SETTINGS.assessmentWeeks)}
          onChange={(e) => set({ responseWeeks: e.target.value })}
          className={inputClass}
          aria-invalid={Boolean(err('responseWeeks'))}
        />
      </Field>
      {values.gutTarget === 'h_pylori' && (
        <Field id={`${idPrefix}-ppiLastDoseDate`} label="Last PPI dose, if it continues after the therapy (optional)" errors={err('ppiLastDoseDate')} hint="Empty: the PPI stops with the therapy. The test of cure is due 4 weeks after therapy and 2 weeks after the last PPI.">
          <DateInput id={`${idPrefix}-ppiLastDoseDate`} value={values.ppiLastDoseDate} onChange={(v) => set({ ppiLastDoseDate: v })} invalid={Boolean(err('ppiLastDoseDate'))} />
        </Field>
      )}
      {(values.gutTarget === 'sibo' || values.gutTarget === 'imo') && (
        <Field id={`${idPrefix}-retestDate`} label="Breath retest date (optional)" errors={err('retestDate')} hint="There is no agreed retest interval: the team chooses it, and Axis tracks it.">
          <DateInput id={`${idPrefix}-retestDate`} value={values.retestDate} onChange={(v) => set({ retestDate: v })} invalid={Boolean(err('retestDate'))} />
        </Field>
      )}
    </fieldset>
  );
}
