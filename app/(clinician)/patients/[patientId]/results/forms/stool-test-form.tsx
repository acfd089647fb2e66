'use client';

import { useMemo, useState } from 'react';
import { FIT_ASSAY_LABELS, MICROBIOME_METHOD_LABELS, MICROBIOME_RESEARCH_GRADE, STOOL_CONSISTENCY_LABELS } from '@/lib/clinical/stool-tests/options';
import { CsvFileImport } from '@/lib/ui/csv-file-import';
import { Field, inputClass } from '@/lib/ui/form-controls';
import { InterpretationPreview, usePreviewEngine } from '@/lib/ui/results/use-preview-engine';
import { ResultFormShell, useFieldErrors, useFieldErrorsUnder, type CorrectionTarget } from '../result-form-shell';
import { DateInput } from '@/lib/ui/date-input';
import { BLANK_STOOL_TEST } from './stool-test-blank';

// One stool test report: any of calprotectin, elastase, FIT and a microbiome report (DOMAIN.md §8). Every
// lab figure (reference interval, index, SCFA ranges) is typed as the lab printed it; Axis supplies none.

type YesNo = '' | 'yes' | 'no';

export interface StoolTestFormValues {
  effectiveDate: string;
  include: { calprotectin: boolean; elastase: boolean; fit: boolean; microbiome: boolean };
  calprotectin: { value: string; unit: 'ug/g' | 'mg/kg'; normalBelow: string; indeterminateUpTo: string; assay: string; laboratory: string; nsaids: YesNo };
  elastase: { value: string; consistency: '' | keyof typeof STOOL_CONSISTENCY_LABELS; onPert: YesNo; laboratory: string };
  fit: { value: string; assay: '' | keyof typeof FIT_ASSAY_LABELS; laboratory: string };
  microbiome: { method: '' | keyof typeof MICROBIOME_METHOD_LABELS; laboratory: string; orderedBy: string; alphaDiversity: string; taxa: string; indexName: string; indexValue: string; indexLow: string; indexHigh: string; scfa: string };
  notes: string;
}

function num(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.').replace(/%$/, ''));
  return Number.isFinite(n) ? n : t;
}

const yesNo = (v: YesNo) => (v === '' ? undefined : v === 'yes');

/** "Name; 1.2; …" lines (tab, semicolon or a comma before a number also separate), blank lines ignored. */
export function splitLines(text: string): string[][] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean)
    .map((line) => line.split(/\t|;|,(?=\s*-?\d)/).map((p) => p.trim()));
}

function collectValues(v: StoolTestFormValues): Record<string, unknown> {
  const c = v.calprotectin;
  const e = v.elastase;
  const f = v.fit;
  const m = v.microbiome;
  const range = (low: string, high: string) => (low.trim() || high.trim() ? { low: num(low), high: num(high) } : undefined);
  return {
    effectiveDate: v.effectiveDate,
    calprotectin: v.include.calprotectin
      ? {
          value: num(c.value),
          unit: c.unit,
          labInterval: { normalBelow: num(c.normalBelow), indeterminateUpTo: num(c.indeterminateUpTo) },
          assay: c.assay,
          laboratory: c.laboratory,
          nsaidsWithinTwoWeeks: yesNo(c.nsaids),
        }
      : undefined,
    elastase: v.include.elastase ? { value: num(e.value), consistency: e.consistency || undefined, onPert: yesNo(e.onPert), laboratory: e.laboratory } : undefined,
    fit: v.include.fit ? { value: num(f.value), assay: f.assay || undefined, laboratory: f.laboratory } : undefined,
    microbiome: v.include.microbiome
      ? {
          method: m.method || undefined,
          laboratory: m.laboratory,
          orderedBy: m.orderedBy,
          alphaDiversity: splitLines(m.alphaDiversity).map(([metric = '', value = '']) => ({ metric, value: num(value) })),
          taxa: splitLines(m.taxa).map(([name = '', abundance = '']) => ({ name, relativeAbundance: num(abundance) })),
          labIndex: m.indexName.trim() || m.indexValue.trim() ? { name: m.indexName, value: num(m.indexValue), labRange: range(m.indexLow, m.indexHigh) } : undefined,
          scfa: splitLines(m.scfa).map(([name = '', value = '', unit = '', low = '', high = '']) => ({ name, value: num(value), unit, labRange: range(low, high) })),
        }
      : undefined,
    notes: v.notes.trim() || undefined,
  };
}

export function StoolTestForm({
  patientId,
  dateOfBirth,
  initial,
  correction,
  today,
}: {
  patientId: string;
  dateOfBirth: string;
  initial?: StoolTestFormValues;
  correction?: CorrectionTarget;
  today: string;
}) {
  const [values, setValues] = useState<StoolTestFormValues>(initial ?? BLANK_STOOL_TEST(today));
  const set = (patch: Partial<StoolTestFormValues>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <ResultFormShell patientId={patientId} kind="stool_test" correction={correction} submitLabel="Save stool test" collect={() => ({ values: collectValues(values) })}>
      <StoolTestFields values={values} set={set} dateOfBirth={dateOfBirth} />
    </ResultFormShell>
  );
}

function YesNoSelect({ id, value, onChange }: { id: string; value: YesNo; onChange: (v: YesNo) => void }) {
  return (
    <select id={id} value={value} onChange={(ev) => onChange(ev.target.value as YesNo)} className={inputClass}>
      <option value="">Not known</option>
      <option value="yes">Yes</option>
      <option value="no">No</option>
    </select>
  );
}

function StoolTestFields({ values, set, dateOfBirth }: { values: StoolTestFormValues; set: (patch: Partial<StoolTestFormValues>) => void; dateOfBirth: string }) {
  const e = {
    date: useFieldErrors('effectiveDate'),
    form: useFieldErrors('_form'),
    cValue: useFieldErrors('calprotectin.value'),
    cNormal: useFieldErrors('calprotectin.labInterval.normalBelow'),
    cBorder: useFieldErrors('calprotectin.labInterval.indeterminateUpTo'),
    cAssay: useFieldErrors('calprotectin.assay'),
    cLab: useFieldErrors('calprotectin.laboratory'),
    eValue: useFieldErrors('elastase.value'),
    eConsistency: useFieldErrors('elastase.consistency'),
    eLab: useFieldErrors('elastase.laboratory'),
    fValue: useFieldErrors('fit.value'),
    fAssay: useFieldErrors('fit.assay'),
    fLab: useFieldErrors('fit.laboratory'),
    mMethod: useFieldErrors('microbiome.method'),
    mLab: useFieldErrors('microbiome.laboratory'),
    mOrdered: useFieldErrors('microbiome.orderedBy'),
  };
  const alphaErrors = useFieldErrorsUnder('microbiome.alphaDiversity');
  const taxaErrors = useFieldErrorsUnder('microbiome.taxa');
  const indexErrors = useFieldErrorsUnder('microbiome.labIndex');
  const scfaErrors = useFieldErrorsUnder('microbiome.scfa');
  const { engine, failed } = usePreviewEngine();
  const collected = useMemo(() => collectValues(values), [values]);
  const preview = useMemo(() => engine?.previewStoolTest(collected, { dateOfBirth }) ?? null, [engine, collected, dateOfBirth]);
  const c = values.calprotectin;
  const el = values.elastase;
  const f = values.fit;
  const m = values.microbiome;
  const setC = (patch: Partial<StoolTestFormValues['calprotectin']>) => set({ calprotectin: { ...c, ...patch } });
  const setE = (patch: Partial<StoolTestFormValues['elastase']>) => set({ elastase: { ...el, ...patch } });
  const setF = (patch: Partial<StoolTestFormValues['fit']>) => set({ fit: { ...f, ...patch } });
  const setM = (patch: Partial<StoolTestFormValues['microbiome']>) => set({ microbiome: { ...m, ...patch } });
  const toggle = (k: keyof StoolTestFormValues['include']) => (ev: React.ChangeEvent<HTMLInputElement>) => set({ include: { ...values.include, [k]: ev.target.checked } });
  const section = 'space-y-3 rounded-md border border-slate-200 p-3';
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="st-date" label="Sample date" errors={e.date}>
          <DateInput id="st-date" value={values.effectiveDate} onChange={(v) => set({ effectiveDate: v })} invalid={Boolean(e.date)} />
        </Field>
      </div>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">What the report contains</legend>
        <div className="mt-2 flex flex-wrap gap-4 text-sm">
          {(
            [
              ['calprotectin', 'Faecal calprotectin'],
              ['elastase', 'Pancreatic elastase-1'],
              ['fit', 'FIT (blood in stool)'],
              ['microbiome', 'Microbiome sequencing report'],
            ] as const
          ).map(([k, label]) => (
            <label key={k} className="flex items-center gap-2">
              <input type="checkbox" checked={values.include[k]} onChange={toggle(k)} /> {label}
            </label>
          ))}
        </div>
        {e.form?.map((msg) => (
          <p key={msg} className="mt-1 text-xs text-red-700">
            {msg}
          </p>
        ))}
      </fieldset>

      {values.include.calprotectin && (
        <fieldset className={section}>
          <legend className="px-1 text-sm font-semibold text-slate-800">Faecal calprotectin</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="st-c-value" label="Value" errors={e.cValue}>
              <input id="st-c-value" inputMode="decimal" value={c.value} onChange={(ev) => setC({ value: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cValue)} />
            </Field>
            <Field id="st-c-unit" label="Unit">
              <select id="st-c-unit" value={c.unit} onChange={(ev) => setC({ unit: ev.target.value as 'ug/g' | 'mg/kg' })} className={inputClass}>
                <option value="ug/g">µg/g</option>
                <option value="mg/kg">mg/kg (same quantity)</option>
              </select>
            </Field>
            <Field id="st-c-nsaids" label="NSAIDs in the 2 weeks before">
              <YesNoSelect id="st-c-nsaids" value={c.nsaids} onChange={(v) => setC({ nsaids: v })} />
            </Field>
            <Field id="st-c-normal" label="Lab's upper limit of normal (below this is normal)" errors={e.cNormal}>
              <input id="st-c-normal" inputMode="decimal" value={c.normalBelow} onChange={(ev) => setC({ normalBelow: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cNormal)} />
            </Field>
            <Field id="st-c-border" label="Lab's borderline range ends at (optional)" errors={e.cBorder}>
              <input id="st-c-border" inputMode="decimal" value={c.indeterminateUpTo} onChange={(ev) => setC({ indeterminateUpTo: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cBorder)} />
            </Field>
            <Field id="st-c-assay" label="Assay" errors={e.cAssay} hint="Compare only results from the same assay.">
              <input id="st-c-assay" value={c.assay} onChange={(ev) => setC({ assay: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cAssay)} />
            </Field>
            <Field id="st-c-lab" label="Laboratory" errors={e.cLab}>
              <input id="st-c-lab" value={c.laboratory} onChange={(ev) => setC({ laboratory: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cLab)} />
            </Field>
          </div>
        </fieldset>
      )}

      {values.include.elastase && (
        <fieldset className={section}>
          <legend className="px-1 text-sm font-semibold text-slate-800">Pancreatic elastase-1</legend>
          <div className="grid gap-4 sm:grid-cols-4">
            <Field id="st-e-value" label="Value (µg/g)" errors={e.eValue}>
              <input id="st-e-value" inputMode="decimal" value={el.value} onChange={(ev) => setE({ value: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.eValue)} />
            </Field>
            <Field id="st-e-consistency" label="Sample consistency" errors={e.eConsistency}>
              <select id="st-e-consistency" value={el.consistency} onChange={(ev) => setE({ consistency: ev.target.value as StoolTestFormValues['elastase']['consistency'] })} className={inputClass} aria-invalid={Boolean(e.eConsistency)}>
                <option value="" disabled>
                  Choose…
                </option>
                {Object.entries(STOOL_CONSISTENCY_LABELS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="st-e-pert" label="On enzyme replacement (PERT)">
              <YesNoSelect id="st-e-pert" value={el.onPert} onChange={(v) => setE({ onPert: v })} />
            </Field>
            <Field id="st-e-lab" label="Laboratory" errors={e.eLab}>
              <input id="st-e-lab" value={el.laboratory} onChange={(ev) => setE({ laboratory: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.eLab)} />
            </Field>
          </div>
        </fieldset>
      )}

      {values.include.fit && (
        <fieldset className={section}>
          <legend className="px-1 text-sm font-semibold text-slate-800">FIT (faecal immunochemical test)</legend>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="st-f-value" label="Value (µg Hb/g)" errors={e.fValue}>
              <input id="st-f-value" inputMode="decimal" value={f.value} onChange={(ev) => setF({ value: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.fValue)} />
            </Field>
            <Field id="st-f-assay" label="Assay" errors={e.fAssay}>
              <select id="st-f-assay" value={f.assay} onChange={(ev) => setF({ assay: ev.target.value as StoolTestFormValues['fit']['assay'] })} className={inputClass} aria-invalid={Boolean(e.fAssay)}>
                <option value="" disabled>
                  Choose…
                </option>
                {Object.entries(FIT_ASSAY_LABELS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="st-f-lab" label="Laboratory" errors={e.fLab}>
              <input id="st-f-lab" value={f.laboratory} onChange={(ev) => setF({ laboratory: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.fLab)} />
            </Field>
          </div>
        </fieldset>
      )}

      {values.include.microbiome && (
        <fieldset className={section}>
          <legend className="px-1 text-sm font-semibold text-slate-800">Microbiome sequencing report</legend>
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-950">
            {MICROBIOME_RESEARCH_GRADE} Enter what the lab printed; a Firmicutes/Bacteroidetes ratio is not recorded.
          </p>
          <div className="grid gap-4 sm:grid-cols-3">
            <Field id="st-m-method" label="Method" errors={e.mMethod}>
              <select id="st-m-method" value={m.method} onChange={(ev) => setM({ method: ev.target.value as StoolTestFormValues['microbiome']['method'] })} className={inputClass} aria-invalid={Boolean(e.mMethod)}>
                <option value="" disabled>
                  Choose…
                </option>
                {Object.entries(MICROBIOME_METHOD_LABELS).map(([k, label]) => (
                  <option key={k} value={k}>
                    {label}
                  </option>
                ))}
              </select>
            </Field>
            <Field id="st-m-lab" label="Laboratory" errors={e.mLab}>
              <input id="st-m-lab" value={m.laboratory} onChange={(ev) => setM({ laboratory: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.mLab)} />
            </Field>
            <Field id="st-m-ordered" label="Ordered by" errors={e.mOrdered} hint="A clinician, or “self (direct to consumer)”.">
              <input id="st-m-ordered" value={m.orderedBy} onChange={(ev) => setM({ orderedBy: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.mOrdered)} />
            </Field>
          </div>
          <CsvFileImport
            id="st-m-taxa-csv"
            label="Import the taxa table from the lab's CSV"
            hint="A taxon column and a relative abundance column (percent, or a fraction if the header says so). Replaces the taxa list below."
            target="the taxa list"
            load={async (text, fileName) => {
              const { parseTaxaCsv } = await import('@/lib/clinical/stool-tests/csv');
              const parsed = parseTaxaCsv(text);
              if (!parsed.ok) return parsed;
              setM({ taxa: parsed.taxa.map((t) => `${t.name}; ${t.relativeAbundance}`).join('\n') });
              return { ok: true, message: `Imported ${parsed.taxa.length} taxa from ${fileName}${parsed.scale === 'fraction' ? ' (fractions converted to percent)' : ''}. Check them below before saving.` };
            }}
          />
          <div className="grid gap-4 sm:grid-cols-2">
            <Field id="st-m-alpha" label="Alpha diversity, one per line: metric; value" errors={alphaErrors.length ? [...new Set(alphaErrors)] : undefined}>
              <textarea id="st-m-alpha" rows={3} value={m.alphaDiversity} onChange={(ev) => setM({ alphaDiversity: ev.target.value })} className={inputClass} placeholder="Shannon; 3.4" />
            </Field>
            <Field id="st-m-taxa" label="Taxa, one per line: name; relative abundance %" errors={taxaErrors.length ? [...new Set(taxaErrors)] : undefined}>
              <textarea id="st-m-taxa" rows={3} value={m.taxa} onChange={(ev) => setM({ taxa: ev.target.value })} className={inputClass} placeholder="Faecalibacterium prausnitzii; 6.1" />
            </Field>
            <Field id="st-m-scfa" label="Short-chain fatty acids, one per line: name; value; unit; lab low; lab high" errors={scfaErrors.length ? [...new Set(scfaErrors)] : undefined}>
              <textarea id="st-m-scfa" rows={3} value={m.scfa} onChange={(ev) => setM({ scfa: ev.target.value })} className={inputClass} placeholder="Butyrate; 14.2; µmol/g; 10; 30" />
            </Field>
            <div className="grid grid-cols-2 gap-2">
              <Field id="st-m-index" label="Lab's own index (optional)" errors={indexErrors.length ? [...new Set(indexErrors)] : undefined}>
                <input id="st-m-index" value={m.indexName} onChange={(ev) => setM({ indexName: ev.target.value })} className={inputClass} placeholder="name" />
              </Field>
              <Field id="st-m-index-value" label="Index value">
                <input id="st-m-index-value" inputMode="decimal" value={m.indexValue} onChange={(ev) => setM({ indexValue: ev.target.value })} className={inputClass} />
              </Field>
              <Field id="st-m-index-low" label="Lab's range, low">
                <input id="st-m-index-low" inputMode="decimal" value={m.indexLow} onChange={(ev) => setM({ indexLow: ev.target.value })} className={inputClass} />
              </Field>
              <Field id="st-m-index-high" label="Lab's range, high">
                <input id="st-m-index-high" inputMode="decimal" value={m.indexHigh} onChange={(ev) => setM({ indexHigh: ev.target.value })} className={inputClass} />
              </Field>
            </div>
          </div>
        </fieldset>
      )}

      <Field id="st-notes" label="Notes (optional)">
        <textarea id="st-notes" rows={2} value={values.notes} onChange={(ev) => set({ notes: ev.target.value })} className={inputClass} />
      </Field>

      <InterpretationPreview ready={Boolean(engine)} failed={failed} preview={preview} problems={() => engine?.previewProblems('stool_test', collected) ?? []} />
    </div>
  );
}
