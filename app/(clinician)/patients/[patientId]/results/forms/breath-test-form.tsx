'use client';

import { useMemo, useState } from 'react';
import { CsvFileImport } from '@/lib/ui/csv-file-import';
import { PREPARATION_ITEMS, SUBSTRATE_DEFAULT_DOSE_G, isInstruction, preparationAnswerOf, preparationValueFor, type PreparationItem, type PreparationItemId, type SubstrateKind } from '@/lib/clinical/breath-tests/options';
import { BreathTestChart } from '@/lib/ui/charts/breath-test-chart';
import { Field, inputClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { FindingsList } from '@/lib/ui/results/findings-list';
import { PreviewMissing, PreviewPending, usePreviewEngine } from '@/lib/ui/results/use-preview-engine';
import { ResultFormShell, useFieldErrors, useFieldErrorsUnder, type CorrectionTarget } from '../result-form-shell';
import { DateInput } from '@/lib/ui/date-input';

interface ReadingRow {
  minute: string;
  h2: string;
  ch4: string;
  h2s: string;
}

export interface BreathTestFormValues {
  effectiveDate: string;
  substrateKind: SubstrateKind;
  doseGrams: string;
  substrateName: string;
  preparation: Partial<Record<PreparationItemId, boolean>>;
  readings: ReadingRow[];
  device: string;
  notes: string;
}

const DEFAULT_MINUTES = [0, 15, 30, 45, 60, 75, 90, 105, 120];
const blankRows = (): ReadingRow[] => DEFAULT_MINUTES.map((m) => ({ minute: String(m), h2: '', ch4: '', h2s: '' }));

/** "12,5" and "12.5" both mean twelve and a half; anything else that is not a number is sent as typed so the server names it. */
function toNumber(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : t;
}

function collectValues(v: BreathTestFormValues) {
  // Rows left completely empty are ignored, so a clinician need not delete the unused default times.
  const rows = v.readings.filter((r) => r.h2.trim() !== '' || r.ch4.trim() !== '' || r.h2s.trim() !== '');
  return {
    effectiveDate: v.effectiveDate,
    substrate: { kind: v.substrateKind, doseGrams: toNumber(v.doseGrams), name: v.substrateKind === 'other' ? v.substrateName : undefined },
    preparation: v.preparation,
    readings: rows.map((r) => ({ minute: toNumber(r.minute), h2: toNumber(r.h2), ch4: toNumber(r.ch4), h2s: toNumber(r.h2s) ?? null })),
    device: v.device.trim() || undefined,
    notes: v.notes.trim() || undefined,
  };
}

function ReadingsGrid({ rows, setRows }: { rows: ReadingRow[]; setRows: (rows: ReadingRow[]) => void }) {
  const gridErrors = useFieldErrorsUnder('readings');
  const update = (i: number, patch: Partial<ReadingRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <div>
      <table className="w-full max-w-2xl text-left text-sm" aria-label="Breath readings">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th scope="col" className="pb-1 pr-2 font-semibold">Minute</th>
            <th scope="col" className="pb-1 pr-2 font-semibold">H₂ ppm</th>
            <th scope="col" className="pb-1 pr-2 font-semibold">CH₄ ppm</th>
            <th scope="col" className="pb-1 pr-2 font-semibold">H₂S ppm (optional)</th>
            <th scope="col" className="pb-1 font-semibold">
              <span className="sr-only">Remove</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r, i) => (
            <ReadingRowInputs key={i} index={i} row={r} onChange={(patch) => update(i, patch)} onRemove={() => setRows(rows.filter((_, j) => j !== i))} />
          ))}
        </tbody>
      </table>
      <div className="mt-2 flex gap-2">
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={() => {
            const last = Number(rows.at(-1)?.minute);
            setRows([...rows, { minute: Number.isFinite(last) ? String(last + 15) : '', h2: '', ch4: '', h2s: '' }]);
          }}
        >
          Add reading
        </button>
      </div>
      {gridErrors.length > 0 && (
        <ul className="mt-2 space-y-0.5 text-xs text-red-700">
          {gridErrors.map((e) => (
            <li key={e}>{e}</li>
          ))}
        </ul>
      )}
    </div>
  );
}

function ReadingRowInputs({ index, row, onChange, onRemove }: { index: number; row: ReadingRow; onChange: (patch: Partial<ReadingRow>) => void; onRemove: () => void }) {
  const errors = {
    minute: useFieldErrors(`readings.${index}.minute`),
    h2: useFieldErrors(`readings.${index}.h2`),
    ch4: useFieldErrors(`readings.${index}.ch4`),
    h2s: useFieldErrors(`readings.${index}.h2s`),
  };
  const cell = (key: keyof ReadingRow, label: string) => (
    <td className="py-0.5 pr-2">
      <input
        aria-label={`${label}, reading ${index + 1}`}
        inputMode="decimal"
        value={row[key]}
        onChange={(e) => onChange({ [key]: e.target.value })}
        aria-invalid={Boolean(errors[key])}
        className={`${inputClass} py-1`}
      />
    </td>
  );
  return (
    <tr>
      {cell('minute', 'Minute')}
      {cell('h2', 'Hydrogen ppm')}
      {cell('ch4', 'Methane ppm')}
      {cell('h2s', 'Hydrogen sulfide ppm')}
      <td className="py-0.5">
        <button type="button" onClick={onRemove} className="rounded px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-red-700" aria-label={`Remove reading ${index + 1}`}>
          ✕
        </button>
      </td>
    </tr>
  );
}

function CsvImport({ onImport }: { onImport: (rows: ReadingRow[]) => void }) {
  return (
    <CsvFileImport
      id="breath-csv"
      label="Import readings from the device or lab CSV"
      hint="Columns for minute, H₂ and CH₄ (H₂S optional). Comma, semicolon or tab separated; decimal commas and a units row are fine."
      target="the grid"
      load={async (text, fileName) => {
        const { parseBreathTestCsv } = await import('@/lib/clinical/breath-tests/csv');
        const parsed = parseBreathTestCsv(text);
        if (!parsed.ok) return parsed;
        onImport(parsed.readings.map((r) => ({ minute: String(r.minute), h2: String(r.h2), ch4: String(r.ch4), h2s: r.h2s === undefined || r.h2s === null ? '' : String(r.h2s) })));
        return { ok: true, message: `Imported ${parsed.readings.length} readings from ${fileName}.${parsed.warnings.length ? ` ${parsed.warnings.join(' ')}` : ''} Check them below before saving.` };
      }}
    />
  );
}

function Preview({ values }: { values: BreathTestFormValues }) {
  const { engine, failed } = usePreviewEngine();
  const preview = useMemo(() => engine?.previewBreathTest(collectValues(values)) ?? null, [engine, values]);
  if (!engine) return <PreviewPending failed={failed} />;
  if (!preview) return <PreviewMissing what="chart and interpretation" problems={engine.previewProblems('breath_test', collectValues(values))} />;
  const { interpretation, thresholds, readings } = preview;
  return (
    <div className="space-y-3" aria-live="polite">
      <p className="text-sm font-medium text-slate-800">Preview: {interpretation.summary}</p>
      <BreathTestChart
        readings={readings}
        h2PositiveAtPpm={thresholds.h2LinePpm ?? thresholds.h2RisePpm}
        ch4PositiveAtPpm={thresholds.ch4Ppm}
        h2sPositiveAtPpm={thresholds.h2sPpm}
        riseWindowMinutes={thresholds.h2WindowMinutes}
      />
      <FindingsList findings={interpretation.findings} />
    </div>
  );
}

export function BreathTestForm({ patientId, initial, correction, today }: { patientId: string; initial?: BreathTestFormValues; correction?: CorrectionTarget; today: string }) {
  const [values, setValues] = useState<BreathTestFormValues>(
    initial ?? { effectiveDate: today, substrateKind: 'lactulose', doseGrams: String(SUBSTRATE_DEFAULT_DOSE_G.lactulose), substrateName: '', preparation: {}, readings: blankRows(), device: '', notes: '' },
  );
  const set = (patch: Partial<BreathTestFormValues>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <ResultFormShell patientId={patientId} kind="breath_test" correction={correction} submitLabel="Save breath test" collect={() => ({ values: collectValues(values) })}>
      <BreathTestFields values={values} set={set} />
    </ResultFormShell>
  );
}

function BreathTestFields({ values, set }: { values: BreathTestFormValues; set: (patch: Partial<BreathTestFormValues>) => void }) {
  const dateErrors = useFieldErrors('effectiveDate');
  const doseErrors = useFieldErrors('substrate.doseGrams');
  const nameErrors = useFieldErrors('substrate.name');
  const kindErrors = useFieldErrors('substrate.kind');
  const prepErrors = useFieldErrorsUnder('preparation');
  return (
    <div className="space-y-6">
      <fieldset className="grid gap-4 sm:grid-cols-3">
        <legend className="sr-only">Test</legend>
        <Field id="bt-date" label="Test date" errors={dateErrors}>
          <DateInput id="bt-date" value={values.effectiveDate} onChange={(v) => set({ effectiveDate: v })} invalid={Boolean(dateErrors)} />
        </Field>
        <Field id="bt-substrate" label="Substrate" errors={kindErrors}>
          <select
            id="bt-substrate"
            value={values.substrateKind}
            onChange={(e) => {
              const kind = e.target.value as SubstrateKind;
              set({ substrateKind: kind, doseGrams: kind === 'other' ? values.doseGrams : String(SUBSTRATE_DEFAULT_DOSE_G[kind]) });
            }}
            className={inputClass}
          >
            <option value="lactulose">Lactulose</option>
            <option value="glucose">Glucose</option>
            <option value="other">Other</option>
          </select>
        </Field>
        <Field id="bt-dose" label="Dose (g)" errors={doseErrors}>
          <input id="bt-dose" inputMode="decimal" value={values.doseGrams} onChange={(e) => set({ doseGrams: e.target.value })} className={inputClass} aria-invalid={Boolean(doseErrors)} />
        </Field>
        {values.substrateKind === 'other' && (
          <Field id="bt-substrate-name" label="Substrate name" errors={nameErrors}>
            <input id="bt-substrate-name" value={values.substrateName} onChange={(e) => set({ substrateName: e.target.value })} className={inputClass} aria-invalid={Boolean(nameErrors)} placeholder="e.g. fructose" />
          </Field>
        )}
        <Field id="bt-device" label="Device or lab (optional)">
          <input id="bt-device" value={values.device} onChange={(e) => set({ device: e.target.value })} className={inputClass} />
        </Field>
      </fieldset>

      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">Preparation checklist (North American Consensus, Table 1)</legend>
        <div className="mt-1 flex flex-wrap items-center justify-between gap-2">
          <p className="text-xs text-slate-600">For each instruction, Yes means the patient prepared as instructed.</p>
          <button
            type="button"
            className="rounded-md border border-slate-300 px-2 py-1 text-xs font-medium text-slate-800 hover:bg-slate-50"
            onClick={() => set({ preparation: { ...values.preparation, ...Object.fromEntries(PREPARATION_ITEMS.filter(isInstruction).map((i) => [i.id, preparationValueFor(i, true)])) } })}
          >
            All as instructed
          </button>
        </div>
        <div className="mt-2 divide-y divide-slate-100 rounded-md border border-slate-200">
          {PREPARATION_ITEMS.filter(isInstruction).map((item) => (
            <PreparationQuestion key={item.id} item={item} values={values} set={set} />
          ))}
        </div>
        <p className="mt-3 text-xs font-semibold text-slate-700">Context (does not change the reading under NAC)</p>
        <div className="mt-1 divide-y divide-slate-100 rounded-md border border-slate-200">
          {PREPARATION_ITEMS.filter((i) => !isInstruction(i)).map((item) => (
            <PreparationQuestion key={item.id} item={item} values={values} set={set} />
          ))}
        </div>
        {prepErrors.length > 0 && (
          <ul className="mt-1 text-xs text-red-700">
            {prepErrors.map((e) => (
              <li key={e}>{e}</li>
            ))}
          </ul>
        )}
      </fieldset>

      <fieldset className="space-y-3">
        <legend className="text-sm font-semibold text-slate-800">Readings</legend>
        <CsvImport onImport={(readings) => set({ readings })} />
        <ReadingsGrid rows={values.readings} setRows={(readings) => set({ readings })} />
      </fieldset>

      <Field id="bt-notes" label="Notes (optional)">
        <textarea id="bt-notes" rows={2} value={values.notes} onChange={(e) => set({ notes: e.target.value })} className={inputClass} />
      </Field>

      <section aria-label="Interpretation preview" className="rounded-md border border-slate-200 p-3">
        <h2 className="mb-2 text-sm font-semibold text-slate-800">Chart and interpretation (computed from the readings)</h2>
        <Preview values={values} />
      </section>
    </div>
  );
}

/** One checklist question with Yes/No; Yes is "as instructed" for an instruction (the stored value may be the opposite). */
function PreparationQuestion({ item, values, set }: { item: PreparationItem; values: BreathTestFormValues; set: (patch: Partial<BreathTestFormValues>) => void }) {
  const answer = preparationAnswerOf(item, values.preparation[item.id]);
  return (
    <div className="flex flex-wrap items-center justify-between gap-2 px-3 py-2 text-sm">
      <div>
        <div id={`prep-${item.id}`} className="font-medium text-slate-800">
          {item.question}
          {!item.required && <span className="font-normal text-slate-600"> (optional)</span>}
        </div>
        <div className="text-xs text-slate-600">{item.expected}</div>
      </div>
      <div role="radiogroup" aria-labelledby={`prep-${item.id}`} className="flex gap-3">
        {([true, false] as const).map((yes) => (
          <label key={String(yes)} className="flex items-center gap-1">
            <input type="radio" name={`prep-${item.id}`} checked={answer === yes} onChange={() => set({ preparation: { ...values.preparation, [item.id]: preparationValueFor(item, yes) } })} />
            {yes ? 'Yes' : 'No'}
          </label>
        ))}
      </div>
    </div>
  );
}
