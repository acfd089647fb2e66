'use client';

import { useMemo, useState } from 'react';
import {
  H_PYLORI_METHOD_IDS,
  H_PYLORI_METHODS,
  H_PYLORI_PURPOSE_LABELS,
  H_PYLORI_PURPOSES,
  INTERFERING_DRUG_RULES,
  UBT_KITS,
  findUbtKit,
  type HPyloriMethod,
  type HPyloriPurpose,
} from '@/lib/clinical/h-pylori/options';
import { Field, inputClass } from '@/lib/ui/form-controls';
import { InterpretationPreview, usePreviewEngine } from '@/lib/ui/results/use-preview-engine';
import { ResultFormShell, useFieldErrors, type CorrectionTarget } from '../result-form-shell';
import { DateInput } from '@/lib/ui/date-input';

const CUSTOM_KIT = 'custom';

export interface HPyloriFormValues {
  effectiveDate: string;
  method: HPyloriMethod;
  purpose: HPyloriPurpose;
  ubtKit: string;
  ubtCutoff: string;
  reading: string;
  result: string;
  drugs: Record<string, { within: '' | 'yes' | 'no'; days: string }>;
  eradicationTherapyEndDate: string;
  notes: string;
}

function num(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : t;
}

function collectValues(v: HPyloriFormValues): Record<string, unknown> {
  const isUbt = v.method === 'urea_breath_test';
  const kit = isUbt && v.ubtKit !== CUSTOM_KIT ? findUbtKit(v.ubtKit) : undefined;
  const out: Record<string, unknown> = {
    effectiveDate: v.effectiveDate,
    method: v.method,
    purpose: v.purpose,
    result: isUbt ? undefined : v.result || undefined,
    notes: v.notes.trim() || undefined,
    eradicationTherapyEndDate: v.purpose === 'test_of_cure' && v.eradicationTherapyEndDate ? v.eradicationTherapyEndDate : undefined,
  };
  if (isUbt) {
    if (v.ubtKit === CUSTOM_KIT) out.ubtCutoff = num(v.ubtCutoff);
    else if (v.ubtKit) out.ubtKit = v.ubtKit;
    out[kit?.unit === 'dpm' ? 'dpm' : 'deltaOverBaseline'] = num(v.reading);
  }
  for (const rule of INTERFERING_DRUG_RULES) {
    const d = v.drugs[rule.drug];
    if (!d) continue;
    if (d.within) out[rule.withinField] = d.within === 'yes';
    if (d.days.trim()) out[rule.daysField] = num(d.days);
  }
  return out;
}

export function HPyloriForm({ patientId, initial, correction, today }: { patientId: string; initial?: HPyloriFormValues; correction?: CorrectionTarget; today: string }) {
  const [values, setValues] = useState<HPyloriFormValues>(
    initial ?? {
      effectiveDate: today,
      method: 'urea_breath_test',
      purpose: 'diagnosis',
      ubtKit: '',
      ubtCutoff: '',
      reading: '',
      result: '',
      drugs: Object.fromEntries(INTERFERING_DRUG_RULES.map((r) => [r.drug, { within: '' as const, days: '' }])),
      eradicationTherapyEndDate: '',
      notes: '',
    },
  );
  const set = (patch: Partial<HPyloriFormValues>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <ResultFormShell patientId={patientId} kind="h_pylori" correction={correction} submitLabel="Save H. pylori test" collect={() => ({ values: collectValues(values) })}>
      <HPyloriFields values={values} set={set} />
    </ResultFormShell>
  );
}

function HPyloriFields({ values, set }: { values: HPyloriFormValues; set: (patch: Partial<HPyloriFormValues>) => void }) {
  const e = {
    date: useFieldErrors('effectiveDate'),
    method: useFieldErrors('method'),
    purpose: useFieldErrors('purpose'),
    kit: useFieldErrors('ubtKit'),
    cutoff: useFieldErrors('ubtCutoff'),
    dob: useFieldErrors('deltaOverBaseline'),
    dpm: useFieldErrors('dpm'),
    result: useFieldErrors('result'),
    eradication: useFieldErrors('eradicationTherapyEndDate'),
  };
  const isUbt = values.method === 'urea_breath_test';
  const kit = findUbtKit(values.ubtKit);
  const readingUnit = kit?.unit === 'dpm' ? 'DPM' : '‰ DOB';
  const { engine, failed } = usePreviewEngine();
  const preview = useMemo(() => engine?.previewHPylori(collectValues(values)) ?? null, [engine, values]);
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="hp-date" label="Test date" errors={e.date}>
          <DateInput id="hp-date" value={values.effectiveDate} onChange={(v) => set({ effectiveDate: v })} invalid={Boolean(e.date)} />
        </Field>
        <Field id="hp-method" label="Method" errors={e.method}>
          <select id="hp-method" value={values.method} onChange={(ev) => set({ method: ev.target.value as HPyloriMethod })} className={inputClass}>
            {H_PYLORI_METHOD_IDS.map((m) => (
              <option key={m} value={m}>
                {H_PYLORI_METHODS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="hp-purpose" label="Purpose" errors={e.purpose}>
          <select id="hp-purpose" value={values.purpose} onChange={(ev) => set({ purpose: ev.target.value as HPyloriPurpose })} className={inputClass}>
            {H_PYLORI_PURPOSES.map((p) => (
              <option key={p} value={p}>
                {H_PYLORI_PURPOSE_LABELS[p]}
              </option>
            ))}
          </select>
        </Field>
        {isUbt ? (
          <>
            <Field id="hp-kit" label="UBT kit / protocol" errors={e.kit}>
              <select id="hp-kit" value={values.ubtKit} onChange={(ev) => set({ ubtKit: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.kit)}>
                <option value="" disabled>
                  Choose…
                </option>
                {UBT_KITS.map((k) => (
                  <option key={k.id} value={k.id}>
                    {k.label} (positive ≥ {k.cutoff} {k.unit === 'dpm' ? 'DPM' : '‰'})
                  </option>
                ))}
                <option value={CUSTOM_KIT}>Other kit: enter the lab&apos;s cut-off</option>
              </select>
            </Field>
            {values.ubtKit === CUSTOM_KIT && (
              <Field id="hp-cutoff" label="Lab cut-off (‰ DOB)" errors={e.cutoff}>
                <input id="hp-cutoff" inputMode="decimal" value={values.ubtCutoff} onChange={(ev) => set({ ubtCutoff: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cutoff)} />
              </Field>
            )}
            <Field id="hp-reading" label={`Reading (${readingUnit})`} errors={kit?.unit === 'dpm' ? e.dpm : e.dob} hint="The result is derived from the reading and the kit's cut-off.">
              <input id="hp-reading" inputMode="decimal" value={values.reading} onChange={(ev) => set({ reading: ev.target.value })} className={inputClass} aria-invalid={Boolean(kit?.unit === 'dpm' ? e.dpm : e.dob)} />
            </Field>
          </>
        ) : (
          <Field id="hp-result" label="Result" errors={e.result}>
            <select id="hp-result" value={values.result} onChange={(ev) => set({ result: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.result)}>
              <option value="" disabled>
                Choose…
              </option>
              <option value="positive">Positive</option>
              <option value="negative">Negative</option>
              <option value="indeterminate">Indeterminate</option>
            </select>
          </Field>
        )}
        {values.purpose === 'test_of_cure' && (
          <Field id="hp-eradication" label="Eradication therapy ended" errors={e.eradication}>
            <DateInput id="hp-eradication" value={values.eradicationTherapyEndDate} onChange={(v) => set({ eradicationTherapyEndDate: v })} invalid={Boolean(e.eradication)} />
          </Field>
        )}
      </div>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">Medicines before the test (these can cause false negatives)</legend>
        <div className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {INTERFERING_DRUG_RULES.map((rule) => (
            <DrugRow key={rule.drug} rule={rule} value={values.drugs[rule.drug] ?? { within: '', days: '' }} onChange={(d) => set({ drugs: { ...values.drugs, [rule.drug]: d } })} />
          ))}
        </div>
      </fieldset>

      <Field id="hp-notes" label="Notes (optional)">
        <textarea id="hp-notes" rows={2} value={values.notes} onChange={(ev) => set({ notes: ev.target.value })} className={inputClass} />
      </Field>

      <InterpretationPreview ready={Boolean(engine)} failed={failed} preview={preview} problems={() => engine?.previewProblems('h_pylori', collectValues(values)) ?? []} />
    </div>
  );
}

function DrugRow({
  rule,
  value,
  onChange,
}: {
  rule: (typeof INTERFERING_DRUG_RULES)[number];
  value: { within: '' | 'yes' | 'no'; days: string };
  onChange: (v: { within: '' | 'yes' | 'no'; days: string }) => void;
}) {
  const withinErrors = useFieldErrors(rule.withinField);
  const dayErrors = useFieldErrors(rule.daysField);
  const id = `hp-drug-${rule.drug}`;
  return (
    <div className="grid gap-2 px-3 py-2 text-sm sm:grid-cols-[1fr_auto_10rem] sm:items-center">
      <div id={id} className="font-medium text-slate-800">
        Took {rule.name} in the {rule.windowText} before the test?
      </div>
      <div role="radiogroup" aria-labelledby={id} className="flex gap-3">
        {(['yes', 'no', ''] as const).map((choice) => (
          <label key={choice || 'unknown'} className="flex items-center gap-1">
            <input type="radio" name={id} checked={value.within === choice} onChange={() => onChange({ ...value, within: choice })} />
            {choice === 'yes' ? 'Yes' : choice === 'no' ? 'No' : 'Not known'}
          </label>
        ))}
      </div>
      <input
        aria-label={`Days before the test ${rule.name} was last taken (optional)`}
        placeholder="days before"
        inputMode="numeric"
        value={value.days}
        onChange={(ev) => onChange({ ...value, days: ev.target.value })}
        className={`${inputClass} py-1`}
        aria-invalid={Boolean(dayErrors)}
      />
      {[...(withinErrors ?? []), ...(dayErrors ?? [])].map((m) => (
        <p key={m} className="text-xs text-red-700 sm:col-span-3">
          {m}
        </p>
      ))}
    </div>
  );
}
