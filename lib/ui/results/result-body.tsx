import { CLINICAL_SOURCES } from '@/lib/clinical/sources';
import { chartCutoffFor } from '@/lib/clinical/food-panels/chart';
import { FOOD_PANEL_IGG_CAVEAT } from '@/lib/clinical/food-panels/interpret';
import { FOOD_PANEL_METHODS, REACTION_OUTCOME_LABELS } from '@/lib/clinical/food-panels/schema';
import { PREPARATION_ITEMS, preparationAnswerOf } from '@/lib/clinical/breath-tests/schema';
import { H_PYLORI_METHODS, H_PYLORI_PURPOSE_LABELS } from '@/lib/clinical/h-pylori/schema';
import { getInstrument } from '@/lib/clinical/scores/instruments';
import type { StoredResult } from '@/lib/results/stored';
import { FIT_ASSAY_LABELS, MICROBIOME_METHOD_LABELS, MICROBIOME_RESEARCH_GRADE, STOOL_CONSISTENCY_LABELS } from '@/lib/clinical/stool-tests/options';
import { BreathTestChart } from '@/lib/ui/charts/breath-test-chart';
import { FoodPanelChart } from '@/lib/ui/charts/food-panel-chart';
import { formatDate } from '@/lib/ui/format';

/** A criteria set by its citation ("North American Consensus 2017 criteria …"), not its internal id. */
function criteriaName(id: string): string {
  return CLINICAL_SOURCES[id]?.label ?? id;
}

// What was measured, kind by kind: the chart, the numbers behind it (also for screen readers) and
// the context that limits what the result means. The interpretation itself is shown by the page.

function Dl({ rows }: { rows: [string, React.ReactNode][] }) {
  return (
    <dl className="grid gap-x-6 gap-y-2 text-sm sm:grid-cols-2">
      {rows.map(([k, v]) => (
        <div key={k}>
          <dt className="text-slate-500">{k}</dt>
          <dd className="text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function BreathTestBody({ result }: { result: Extract<StoredResult, { kind: 'breath_test' }> }) {
  const { input, interpretation: i } = result;
  const measuredH2s = input.readings.some((r) => r.h2s !== undefined && r.h2s !== null);
  const h2Line = i.hydrogen.baselinePpm + i.criteria.h2RisePpm;
  return (
    <div className="space-y-4">
      <Dl
        rows={[
          ['Substrate', input.substrate.kind === 'other' ? `${input.substrate.name ?? 'Other'}, ${input.substrate.doseGrams} g` : `${input.substrate.kind === 'lactulose' ? 'Lactulose' : 'Glucose'} ${input.substrate.doseGrams} g`],
          ['Criteria', `${criteriaName(i.criteria.id)}: H₂ rise ≥ ${i.criteria.h2RisePpm} ppm by ${i.criteria.h2WindowMinutes} min; CH₄ ≥ ${i.criteria.ch4Ppm} ppm`],
          ['Device or lab', input.device ?? '—'],
          ['Notes', input.notes ?? '—'],
        ]}
      />
      <BreathTestChart readings={input.readings} h2PositiveAtPpm={h2Line} ch4PositiveAtPpm={i.criteria.ch4Ppm} h2sPositiveAtPpm={i.criteria.h2sPpm} riseWindowMinutes={i.criteria.h2WindowMinutes} />
      <table className="w-full max-w-xl text-left text-sm">
        <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Readings (ppm)</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="pr-3 font-semibold">Minute</th>
            <th scope="col" className="pr-3 font-semibold">H₂</th>
            <th scope="col" className="pr-3 font-semibold">Rise over baseline</th>
            <th scope="col" className="pr-3 font-semibold">CH₄</th>
            {measuredH2s && <th scope="col" className="pr-3 font-semibold">H₂S</th>}
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100 font-mono text-xs">
          {input.readings.map((r) => (
            <tr key={r.minute}>
              <td className="py-1 pr-3">{r.minute}</td>
              <td className="py-1 pr-3">{r.h2}</td>
              <td className={`py-1 pr-3 ${r.minute <= i.criteria.h2WindowMinutes && r.h2 - i.hydrogen.baselinePpm >= i.criteria.h2RisePpm ? 'font-bold text-red-700' : ''}`}>
                {r.minute === 0 ? '—' : `${r.h2 - i.hydrogen.baselinePpm >= 0 ? '+' : ''}${Math.round((r.h2 - i.hydrogen.baselinePpm) * 10) / 10}`}
              </td>
              <td className={`py-1 pr-3 ${r.ch4 >= i.criteria.ch4Ppm ? 'font-bold text-red-700' : ''}`}>{r.ch4}</td>
              {measuredH2s && <td className="py-1 pr-3">{r.h2s ?? '—'}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      <details className="text-sm">
        <summary className="cursor-pointer font-medium text-slate-700">Preparation checklist</summary>
        <ul className="mt-2 space-y-1">
          {PREPARATION_ITEMS.map((item) => {
            const answer = input.preparation[item.id];
            return (
              <li key={item.id} className={item.deviationWhen !== null && answer === item.deviationWhen ? 'text-amber-900' : 'text-slate-700'}>
                {item.question}: <strong>{answer === undefined ? 'not recorded' : preparationAnswerOf(item, answer) ? 'yes' : 'no'}</strong>
              </li>
            );
          })}
        </ul>
      </details>
    </div>
  );
}

function HPyloriBody({ result }: { result: Extract<StoredResult, { kind: 'h_pylori' }> }) {
  const { input, interpretation: i } = result;
  const reading = input.deltaOverBaseline !== undefined ? `${input.deltaOverBaseline} ‰ DOB` : input.dpm !== undefined ? `${input.dpm} DPM` : null;
  return (
    <Dl
      rows={[
        ['Method', H_PYLORI_METHODS[input.method]],
        ['Purpose', H_PYLORI_PURPOSE_LABELS[input.purpose]],
        ['Result', <strong key="r" className="capitalize">{i.result}</strong>],
        ...(reading ? ([['Reading', reading]] as [string, React.ReactNode][]) : []),
        ...(i.criterion ? ([['Kit / cut-off', i.criterion]] as [string, React.ReactNode][]) : []),
        ...(i.testOfCure
          ? ([['Test of cure due from', i.testOfCure.dueFrom ? `${formatDate(i.testOfCure.dueFrom)}${i.testOfCure.tooEarly ? ' (this test was too early)' : ''}` : 'therapy end date not recorded']] as [string, React.ReactNode][])
          : []),
        ['LOINC', i.loinc.length ? i.loinc.map((l) => l.code).join(', ') : 'none listed for this method'],
        ['Notes', input.notes ?? '—'],
      ]}
    />
  );
}

function FoodPanelBody({ result }: { result: Extract<StoredResult, { kind: 'food_panel' }> }) {
  const { input, interpretation: i } = result;
  const valued = i.items.filter((item) => item.value !== null);
  const unit = valued[0]?.unit ?? '';
  const cutoff = chartCutoffFor(input.method, input.cutoff);
  return (
    <div className="space-y-4">
      {i.notValidatedForDiagnosis && (
        <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950">
          {FOOD_PANEL_IGG_CAVEAT}
        </p>
      )}
      <Dl rows={[['Method', FOOD_PANEL_METHODS[input.method]], ['Laboratory', input.laboratory ?? '—'], ['Foods tested', String(i.items.length)], ['Notes', input.notes ?? '—']]} />
      {valued.length > 0 && (
        <FoodPanelChart
          items={valued.map((item) => ({ food: item.food, value: item.value ?? 0, crossesCutoff: item.crossesCutoff, label: item.label }))}
          unit={unit}
          cutoff={cutoff?.value ?? null}
          cutoffLabel={cutoff?.label}
        />
      )}
      <table className="w-full max-w-xl text-left text-sm">
        <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">Foods, highest first</caption>
        <thead className="text-xs text-slate-500">
          <tr>
            <th scope="col" className="pr-3 font-semibold">Food</th>
            <th scope="col" className="pr-3 font-semibold">{input.method === 'elimination_rechallenge' ? 'Outcome' : `Value (${unit})`}</th>
            <th scope="col" className="pr-3 font-semibold">Reading</th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {i.items.map((item) => (
            <tr key={item.food} className={item.crossesCutoff ? 'font-semibold text-red-800' : ''}>
              <td className="py-1 pr-3">{item.food}</td>
              <td className="py-1 pr-3">{item.outcome ? REACTION_OUTCOME_LABELS[item.outcome] : item.value}</td>
              <td className="py-1 pr-3">{item.label}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ScoreBody({ result }: { result: Extract<StoredResult, { kind: 'score' }> }) {
  const { input, interpretation: i } = result;
  const instrument = getInstrument(input.instrument);
  return (
    <Dl
      rows={[
        ['Instrument', `${instrument.label}: ${instrument.fullName}`],
        ['Score', `${input.value} (range ${instrument.min}–${instrument.max})`],
        ['Band', i.band ? `${i.band.label} (${i.band.display})` : '—'],
        ['Reported by', input.reportedBy === 'patient' ? 'Patient' : 'Clinician'],
        ['Notes', input.notes ?? '—'],
      ]}
    />
  );
}

const rangeText = (r: { low?: number; high?: number } | undefined) => (r ? `${r.low ?? '—'} to ${r.high ?? '—'}` : 'none printed');

function StoolTestBody({ result }: { result: Extract<StoredResult, { kind: 'stool_test' }> }) {
  const { input, interpretation: i } = result;
  const { calprotectin: c, elastase: e, fit: f, microbiome: m } = input;
  return (
    <div className="space-y-4">
      {i.referral && (
        <p role="alert" className="rounded-md border border-red-400 bg-red-50 px-3 py-2 text-sm font-semibold text-red-950">
          FIT at or above the referral threshold: refer on the suspected-cancer pathway. Not a diet or supplement matter.
        </p>
      )}
      {c && (
        <section aria-label="Faecal calprotectin">
          <h3 className="mb-1 text-sm font-semibold text-slate-800">Faecal calprotectin</h3>
          <Dl
            rows={[
              ['Value', `${c.value} µg/g${c.unit === 'mg/kg' ? ' (reported as mg/kg, the same quantity)' : ''}`],
              ['Lab reference interval', `below ${c.labInterval.normalBelow} µg/g${c.labInterval.indeterminateUpTo !== undefined ? `; borderline to ${c.labInterval.indeterminateUpTo}` : ''}`],
              ['Assay', c.assay],
              ['Laboratory', c.laboratory],
              ['NSAIDs in the 2 weeks before', c.nsaidsWithinTwoWeeks === undefined ? 'not recorded' : c.nsaidsWithinTwoWeeks ? 'Yes' : 'No'],
            ]}
          />
        </section>
      )}
      {e && (
        <section aria-label="Pancreatic elastase-1">
          <h3 className="mb-1 text-sm font-semibold text-slate-800">Pancreatic elastase-1</h3>
          <Dl
            rows={[
              ['Value', `${e.value} µg/g`],
              ['Sample consistency', STOOL_CONSISTENCY_LABELS[e.consistency]],
              ['On enzyme replacement (PERT)', e.onPert === undefined ? 'not recorded' : e.onPert ? 'Yes' : 'No'],
              ['Laboratory', e.laboratory],
            ]}
          />
        </section>
      )}
      {f && (
        <section aria-label="Faecal immunochemical test">
          <h3 className="mb-1 text-sm font-semibold text-slate-800">FIT (faecal immunochemical test)</h3>
          <Dl rows={[['Value', `${f.value} µg Hb/g`], ['Assay', FIT_ASSAY_LABELS[f.assay]], ['Laboratory', f.laboratory]]} />
        </section>
      )}
      {m && (
        <section aria-label="Microbiome sequencing report" className="space-y-3">
          <h3 className="text-sm font-semibold text-slate-800">Microbiome sequencing report</h3>
          <p role="note" className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm font-medium text-amber-950">
            {MICROBIOME_RESEARCH_GRADE}
          </p>
          <Dl rows={[['Method', MICROBIOME_METHOD_LABELS[m.method]], ['Laboratory', m.laboratory], ['Ordered by', m.orderedBy], ...(m.labIndex ? ([[`Lab's own index: ${m.labIndex.name}`, `${m.labIndex.value} (lab's range ${rangeText(m.labIndex.labRange)})`]] as [string, React.ReactNode][]) : [])]} />
          {m.alphaDiversity.length > 0 && <SimpleTable caption="Alpha diversity (as reported)" head={['Metric', 'Value']} rows={m.alphaDiversity.map((a) => [a.metric, String(a.value)])} />}
          {m.taxa.length > 0 && <SimpleTable caption="Taxa, relative abundance (as reported)" head={['Taxon', 'Relative abundance']} rows={m.taxa.map((t) => [t.name, `${t.relativeAbundance}%`])} />}
          {m.scfa.length > 0 && <SimpleTable caption="Short-chain fatty acids, with the lab's own ranges" head={['Acid', 'Value', "Lab's range"]} rows={m.scfa.map((s) => [s.name, `${s.value} ${s.unit}`, rangeText(s.labRange)])} />}
        </section>
      )}
      <Dl rows={[['Notes', input.notes ?? '—']]} />
    </div>
  );
}

function SimpleTable({ caption, head, rows }: { caption: string; head: string[]; rows: string[][] }) {
  return (
    <table className="w-full max-w-xl text-left text-sm">
      <caption className="mb-1 text-left text-xs font-semibold uppercase tracking-wide text-slate-500">{caption}</caption>
      <thead className="text-xs text-slate-500">
        <tr>
          {head.map((h) => (
            <th key={h} scope="col" className="pr-3 font-semibold">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody className="divide-y divide-slate-100">
        {rows.map((r, i) => (
          <tr key={`${r[0]}-${i}`}>
            {r.map((cell, j) => (
              <td key={j} className="py-1 pr-3">
                {cell}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ResultBody({ result }: { result: StoredResult }) {
  switch (result.kind) {
    case 'breath_test':
      return <BreathTestBody result={result} />;
    case 'h_pylori':
      return <HPyloriBody result={result} />;
    case 'food_panel':
      return <FoodPanelBody result={result} />;
    case 'score':
      return <ScoreBody result={result} />;
    case 'stool_test':
      return <StoolTestBody result={result} />;
  }
}
