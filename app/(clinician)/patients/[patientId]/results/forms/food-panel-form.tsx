'use client';

import { useMemo, useState } from 'react';
import { FOOD_PANEL_DEFAULT_UNITS, FOOD_PANEL_IGG_CAVEAT, FOOD_PANEL_METHOD_IDS, FOOD_PANEL_METHODS, REACTION_OUTCOME_LABELS, REACTION_OUTCOMES, type FoodPanelMethod } from '@/lib/clinical/food-panels/options';
import { FoodPanelChart } from '@/lib/ui/charts/food-panel-chart';
import { Field, inputClass, secondaryButtonClass } from '@/lib/ui/form-controls';
import { FindingsList } from '@/lib/ui/results/findings-list';
import { PreviewMissing, PreviewPending, usePreviewEngine } from '@/lib/ui/results/use-preview-engine';
import { ResultFormShell, useFieldErrors, useFieldErrorsUnder, type CorrectionTarget } from '../result-form-shell';
import { DateInput } from '@/lib/ui/date-input';

interface ItemRow {
  food: string;
  value: string;
  outcome: string;
}

export interface FoodPanelFormValues {
  effectiveDate: string;
  method: FoodPanelMethod;
  laboratory: string;
  unit: string;
  cutoff: string;
  items: ItemRow[];
  notes: string;
}

const blankItems = (): ItemRow[] => Array.from({ length: 6 }, () => ({ food: '', value: '', outcome: '' }));

function num(text: string): number | string | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const n = Number(t.replace(',', '.'));
  return Number.isFinite(n) ? n : t;
}

function collectValues(v: FoodPanelFormValues) {
  const isElimination = v.method === 'elimination_rechallenge';
  // Blank rows are ignored so the default empty rows need not be deleted.
  const rows = v.items.filter((r) => r.food.trim() || r.value.trim() || r.outcome);
  return {
    effectiveDate: v.effectiveDate,
    method: v.method,
    laboratory: v.laboratory.trim() || undefined,
    cutoff: v.method === 'igg' || v.method === 'igg4' || v.method === 'skin_prick' ? num(v.cutoff) : undefined,
    items: rows.map((r) =>
      isElimination ? { food: r.food, outcome: r.outcome || undefined } : { food: r.food, value: num(r.value), unit: v.unit.trim() || undefined },
    ),
    notes: v.notes.trim() || undefined,
  };
}

export function FoodPanelForm({ patientId, initial, correction, today }: { patientId: string; initial?: FoodPanelFormValues; correction?: CorrectionTarget; today: string }) {
  const [values, setValues] = useState<FoodPanelFormValues>(
    initial ?? { effectiveDate: today, method: 'specific_ige', laboratory: '', unit: 'kU/L', cutoff: '', items: blankItems(), notes: '' },
  );
  const set = (patch: Partial<FoodPanelFormValues>) => setValues((v) => ({ ...v, ...patch }));
  return (
    <ResultFormShell patientId={patientId} kind="food_panel" correction={correction} submitLabel="Save food panel" collect={() => ({ values: collectValues(values) })}>
      <FoodPanelFields values={values} set={set} />
    </ResultFormShell>
  );
}

function FoodPanelFields({ values, set }: { values: FoodPanelFormValues; set: (patch: Partial<FoodPanelFormValues>) => void }) {
  const e = { date: useFieldErrors('effectiveDate'), method: useFieldErrors('method'), lab: useFieldErrors('laboratory'), cutoff: useFieldErrors('cutoff') };
  const itemErrors = useFieldErrorsUnder('items');
  const isElimination = values.method === 'elimination_rechallenge';
  const takesCutoff = values.method === 'igg' || values.method === 'igg4' || values.method === 'skin_prick';
  const { engine, failed } = usePreviewEngine();
  const labCutoff = typeof num(values.cutoff) === 'number' ? Number(num(values.cutoff)) : undefined;
  const computed = useMemo(() => engine?.previewFoodPanel(collectValues(values), labCutoff) ?? null, [engine, values, labCutoff]);
  const preview = computed?.interpretation ?? null;
  const updateItem = (i: number, patch: Partial<ItemRow>) => set({ items: values.items.map((r, j) => (j === i ? { ...r, ...patch } : r)) });
  return (
    <div className="space-y-6">
      <div className="grid gap-4 sm:grid-cols-3">
        <Field id="fp-date" label="Date" errors={e.date}>
          <DateInput id="fp-date" value={values.effectiveDate} onChange={(v) => set({ effectiveDate: v })} invalid={Boolean(e.date)} />
        </Field>
        <Field id="fp-method" label="Method" errors={e.method}>
          <select
            id="fp-method"
            value={values.method}
            onChange={(ev) => {
              const method = ev.target.value as FoodPanelMethod;
              set({ method, unit: FOOD_PANEL_DEFAULT_UNITS[method] ?? '' });
            }}
            className={inputClass}
          >
            {FOOD_PANEL_METHOD_IDS.map((m) => (
              <option key={m} value={m}>
                {FOOD_PANEL_METHODS[m]}
              </option>
            ))}
          </select>
        </Field>
        <Field id="fp-lab" label="Laboratory (optional)" errors={e.lab}>
          <input id="fp-lab" value={values.laboratory} onChange={(ev) => set({ laboratory: ev.target.value })} className={inputClass} />
        </Field>
        {!isElimination && (
          <Field id="fp-unit" label="Unit">
            <input id="fp-unit" value={values.unit} onChange={(ev) => set({ unit: ev.target.value })} className={inputClass} />
          </Field>
        )}
        {takesCutoff && (
          <Field id="fp-cutoff" label={values.method === 'skin_prick' ? 'Positive wheal from (mm, default 3)' : "Lab's reporting cut-off (optional)"} errors={e.cutoff}>
            <input id="fp-cutoff" inputMode="decimal" value={values.cutoff} onChange={(ev) => set({ cutoff: ev.target.value })} className={inputClass} aria-invalid={Boolean(e.cutoff)} />
          </Field>
        )}
      </div>

      {(values.method === 'igg' || values.method === 'igg4') && (
        <p role="note" className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-950">
          {FOOD_PANEL_IGG_CAVEAT}
        </p>
      )}

      <fieldset>
        <legend className="text-sm font-semibold text-slate-800">Foods</legend>
        <table className="mt-2 w-full max-w-2xl text-left text-sm" aria-label="Foods tested">
          <thead className="text-xs uppercase tracking-wide text-slate-500">
            <tr>
              <th scope="col" className="pb-1 pr-2 font-semibold">Food</th>
              <th scope="col" className="pb-1 pr-2 font-semibold">{isElimination ? 'Outcome on rechallenge' : `Value (${values.unit || 'unit'})`}</th>
              <th scope="col" className="pb-1">
                <span className="sr-only">Remove</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {values.items.map((row, i) => (
              <tr key={i}>
                <td className="py-0.5 pr-2">
                  <input aria-label={`Food ${i + 1}`} value={row.food} onChange={(ev) => updateItem(i, { food: ev.target.value })} className={`${inputClass} py-1`} />
                </td>
                <td className="py-0.5 pr-2">
                  {isElimination ? (
                    <select aria-label={`Outcome for food ${i + 1}`} value={row.outcome} onChange={(ev) => updateItem(i, { outcome: ev.target.value })} className={`${inputClass} py-1`}>
                      <option value="">Choose…</option>
                      {REACTION_OUTCOMES.map((o) => (
                        <option key={o} value={o}>
                          {REACTION_OUTCOME_LABELS[o]}
                        </option>
                      ))}
                    </select>
                  ) : (
                    <input aria-label={`Value for food ${i + 1}`} inputMode="decimal" value={row.value} onChange={(ev) => updateItem(i, { value: ev.target.value })} className={`${inputClass} py-1`} />
                  )}
                </td>
                <td className="py-0.5">
                  <button type="button" className="rounded px-2 py-1 text-xs text-slate-500 hover:bg-slate-100 hover:text-red-700" aria-label={`Remove food ${i + 1}`} onClick={() => set({ items: values.items.filter((_, j) => j !== i) })}>
                    ✕
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className={`${secondaryButtonClass} mt-2`} onClick={() => set({ items: [...values.items, { food: '', value: '', outcome: '' }] })}>
          Add food
        </button>
        {itemErrors.length > 0 && (
          <ul className="mt-2 space-y-0.5 text-xs text-red-700">
            {itemErrors.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        )}
      </fieldset>

      <Field id="fp-notes" label="Notes (optional)">
        <textarea id="fp-notes" rows={2} value={values.notes} onChange={(ev) => set({ notes: ev.target.value })} className={inputClass} />
      </Field>

      <section aria-label="Interpretation preview" aria-live="polite" className="rounded-md border border-slate-200 p-3">
        <h2 className="mb-2 text-sm font-semibold text-slate-800">Chart and interpretation (computed)</h2>
        {!engine ? (
          <PreviewPending failed={failed} />
        ) : preview ? (
          <div className="space-y-3">
            <p className="text-sm font-medium">{preview.summary}</p>
            {preview.items.some((i) => i.value !== null) && (
              <FoodPanelChart
                items={preview.items.filter((i) => i.value !== null).map((i) => ({ food: i.food, value: i.value ?? 0, crossesCutoff: i.crossesCutoff, label: i.label }))}
                unit={values.unit}
                cutoff={computed?.chartCutoff?.value ?? null}
                cutoffLabel={computed?.chartCutoff?.label}
              />
            )}
            <FindingsList findings={preview.findings} />
          </div>
        ) : (
          <PreviewMissing what="chart and interpretation" problems={engine.previewProblems('food_panel', collectValues(values))} />
        )}
      </section>
    </div>
  );
}
