'use client';

import { useState } from 'react';
import { INSTRUMENT_IDS, INSTRUMENTS, bandFor, isInstrumentId, type InstrumentId } from '@/lib/clinical/scores/instruments';
import { Citations } from '@/lib/ui/citations';
import { Field, inputClass } from '@/lib/ui/form-controls';
import { ResultFormShell, useFieldErrors, type CorrectionTarget } from '../result-form-shell';
import { DateInput } from '@/lib/ui/date-input';

const DOMAIN_LABEL = { skin: 'Skin severity', quality_of_life: 'Quality of life', gut: 'Gut symptoms' } as const;

export interface ScoreFormValues {
  effectiveDate: string;
  instrument: string;
  value: string;
  notes: string;
  /** Kept through a correction, so a patient-reported score stays marked as such. */
  reportedBy?: 'clinician' | 'patient';
}

function ScoreFields({ values, setValues }: { values: ScoreFormValues; setValues: (v: ScoreFormValues) => void }) {
  const instrument = isInstrumentId(values.instrument) ? INSTRUMENTS[values.instrument] : null;
  const numeric = values.value.trim() === '' ? null : Number(values.value.replace(',', '.'));
  const band = instrument && numeric !== null && Number.isFinite(numeric) ? bandFor(instrument.id, numeric) : null;
  const dateErrors = useFieldErrors('effectiveDate');
  const instrumentErrors = useFieldErrors('instrument');
  const valueErrors = useFieldErrors('value');
  const notesErrors = useFieldErrors('notes');
  const set = (patch: Partial<ScoreFormValues>) => setValues({ ...values, ...patch });
  return (
    <div className="grid gap-4 sm:grid-cols-2">
      <Field id="score-instrument" label="Instrument" errors={instrumentErrors}>
        <select id="score-instrument" value={values.instrument} onChange={(e) => set({ instrument: e.target.value })} className={inputClass} aria-invalid={Boolean(instrumentErrors)}>
          <option value="" disabled>
            Choose…
          </option>
          {(['skin', 'quality_of_life', 'gut'] as const).map((domain) => (
            <optgroup key={domain} label={DOMAIN_LABEL[domain]}>
              {INSTRUMENT_IDS.filter((id) => INSTRUMENTS[id].domain === domain).map((id) => (
                <option key={id} value={id}>
                  {INSTRUMENTS[id].label} — {INSTRUMENTS[id].fullName}
                </option>
              ))}
            </optgroup>
          ))}
        </select>
      </Field>
      <Field id="score-date" label="Date assessed" errors={dateErrors}>
        <DateInput id="score-date" value={values.effectiveDate} onChange={(v) => set({ effectiveDate: v })} invalid={Boolean(dateErrors)} />
      </Field>
      <Field
        id="score-value"
        label={instrument ? `${instrument.label} score` : 'Score'}
        errors={valueErrors}
        hint={instrument ? `${instrument.integerOnly ? 'Whole number' : 'Number'} from ${instrument.min} to ${instrument.max}${instrument.unit ? ` ${instrument.unit}` : ''}.` : undefined}
      >
        <input
          id="score-value"
          inputMode="decimal"
          value={values.value}
          onChange={(e) => set({ value: e.target.value })}
          className={inputClass}
          aria-invalid={Boolean(valueErrors)}
          aria-describedby="score-band"
        />
      </Field>
      <div id="score-band" aria-live="polite" className="self-end pb-2 text-sm text-slate-700">
        {band && instrument ? (
          <>
            Band: <strong>{band.label}</strong> ({band.display}) <Citations source={instrument.source} label="· Source" pluralLabel="· Sources" />
          </>
        ) : null}
      </div>
      <div className="sm:col-span-2">
        <Field id="score-notes" label="Notes (optional)" errors={notesErrors}>
          <textarea id="score-notes" rows={2} value={values.notes} onChange={(e) => set({ notes: e.target.value })} className={inputClass} />
        </Field>
      </div>
    </div>
  );
}

export function ScoreForm({ patientId, initial, correction, today }: { patientId: string; initial?: Partial<ScoreFormValues>; correction?: CorrectionTarget; today: string }) {
  const [values, setValues] = useState<ScoreFormValues>({ effectiveDate: today, instrument: '', value: '', notes: '', ...initial });
  return (
    <ResultFormShell
      patientId={patientId}
      kind="score"
      correction={correction}
      submitLabel="Save score"
      collect={() => {
        const value = values.value.trim() === '' ? undefined : Number(values.value.trim().replace(',', '.'));
        return {
          values: {
            effectiveDate: values.effectiveDate,
            instrument: values.instrument as InstrumentId,
            value: value !== undefined && Number.isNaN(value) ? values.value : value,
            notes: values.notes.trim() || undefined,
            reportedBy: values.reportedBy,
          },
        };
      }}
    >
      <ScoreFields values={values} setValues={setValues} />
    </ResultFormShell>
  );
}
