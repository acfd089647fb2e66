import { chartCutoffFor } from '@/lib/clinical/food-panels/chart';
import { REACTION_OUTCOME_LABELS } from '@/lib/clinical/food-panels/schema';
import { H_PYLORI_METHODS } from '@/lib/clinical/h-pylori/schema';
import { ELASTASE_NORMAL_FROM, FIT_REFER_FROM } from '@/lib/clinical/stool-tests/interpret';
import type { StoredResult } from '@/lib/results/stored';
import { BreathTestChart } from '@/lib/ui/charts/breath-test-chart';
import { FoodPanelChart } from '@/lib/ui/charts/food-panel-chart';

// The measurements behind a shared result, for the patient: the chart and the same numbers as a table
// (for screen readers and print), in words rather than the care team's shorthand. Clinician-only
// context (device notes, criteria details) is left out.

const tableClass = 'mt-3 w-full text-left text-base';
const th = 'py-1 pr-4 font-semibold';

function BreathTestFigure({ result }: { result: Extract<StoredResult, { kind: 'breath_test' }> }) {
  const { input, interpretation: i } = result;
  return (
    <figure>
      <figcaption className="text-slate-700">
        Hydrogen and methane in your breath, in parts per million (ppm), at each time after you drank the test sugar. Lines across the chart mark the levels that count as raised.
      </figcaption>
      <div className="mt-3 print:hidden">
        <BreathTestChart
          readings={input.readings}
          h2PositiveAtPpm={i.hydrogen.baselinePpm + i.criteria.h2RisePpm}
          ch4PositiveAtPpm={i.criteria.ch4Ppm}
          h2sPositiveAtPpm={i.criteria.h2sPpm}
          riseWindowMinutes={i.criteria.h2WindowMinutes}
        />
      </div>
      <table className={tableClass}>
        <caption className="sr-only">Breath readings by minute</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            <th scope="col" className={th}>
              Minutes
            </th>
            <th scope="col" className={th}>
              Hydrogen (ppm)
            </th>
            <th scope="col" className={th}>
              Methane (ppm)
            </th>
          </tr>
        </thead>
        <tbody>
          {input.readings.map((r) => (
            <tr key={r.minute} className="border-b border-slate-100 last:border-0">
              <td className="py-1 pr-4">{r.minute}</td>
              <td className="py-1 pr-4">{r.h2}</td>
              <td className="py-1 pr-4">{r.ch4}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

function FoodPanelFigure({ result }: { result: Extract<StoredResult, { kind: 'food_panel' }> }) {
  const { input, interpretation: i } = result;
  const valued = i.items.filter((item) => item.value !== null);
  const unit = valued[0]?.unit ?? '';
  const cutoff = chartCutoffFor(input.method, input.cutoff);
  return (
    <figure>
      {valued.length > 0 && (
        <div className="print:hidden">
          <FoodPanelChart
            items={valued.map((item) => ({ food: item.food, value: item.value ?? 0, crossesCutoff: item.crossesCutoff, label: item.label }))}
            unit={unit}
            cutoff={cutoff?.value ?? null}
            cutoffLabel={cutoff?.label}
          />
        </div>
      )}
      <table className={tableClass}>
        <caption className="sr-only">Foods tested</caption>
        <thead>
          <tr className="border-b border-slate-200 text-slate-700">
            <th scope="col" className={th}>
              Food
            </th>
            <th scope="col" className={th}>
              {input.method === 'elimination_rechallenge' ? 'What happened' : `Value${unit ? ` (${unit})` : ''}`}
            </th>
            <th scope="col" className={th}>
              Above the test’s line?
            </th>
          </tr>
        </thead>
        <tbody>
          {i.items.map((item) => (
            <tr key={item.food} className="border-b border-slate-100 last:border-0">
              <td className="py-1 pr-4">{item.food}</td>
              <td className="py-1 pr-4">{item.outcome ? REACTION_OUTCOME_LABELS[item.outcome] : item.value}</td>
              <td className="py-1 pr-4">{item.crossesCutoff ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </figure>
  );
}

/** The measured values in everyday words, each with the lab's own range where the lab gave one. */
function StoolTestFigure({ result }: { result: Extract<StoredResult, { kind: 'stool_test' }> }) {
  const { calprotectin: c, elastase: e, fit: f, microbiome: m } = result.input;
  const rows: [string, string, string][] = [
    ...(c ? ([['Calprotectin (gut inflammation)', `${c.value} µg/g`, `below ${c.labInterval.normalBelow} µg/g at ${c.laboratory}`]] as [string, string, string][]) : []),
    ...(e ? ([['Elastase (digestive enzymes)', `${e.value} µg/g`, `${ELASTASE_NORMAL_FROM} µg/g or more`]] as [string, string, string][]) : []),
    ...(f ? ([['Hidden blood (FIT)', `${f.value} µg/g`, `below ${FIT_REFER_FROM} µg/g`]] as [string, string, string][]) : []),
  ];
  return (
    <div>
      {rows.length > 0 && (
        <table className={tableClass}>
          <caption className="text-left text-slate-700">Your stool test values</caption>
          <thead>
            <tr>
              <th scope="col" className={th}>Test</th>
              <th scope="col" className={th}>Your value</th>
              <th scope="col" className={th}>Usual range</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([name, value, range]) => (
              <tr key={name}>
                <td className="py-1 pr-4">{name}</td>
                <td className="py-1 pr-4">{value}</td>
                <td className="py-1 pr-4">{range}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {m && <p className="mt-3 text-slate-700">{`Microbiome report from ${m.laboratory}, ordered by ${m.orderedBy}. A research test: it has no usual range.`}</p>}
    </div>
  );
}

export function PortalResultFigure({ result }: { result: StoredResult }) {
  switch (result.kind) {
    case 'breath_test':
      return <BreathTestFigure result={result} />;
    case 'food_panel':
      return <FoodPanelFigure result={result} />;
    case 'h_pylori':
      return (
        <dl className="grid gap-x-4 gap-y-1 sm:grid-cols-[10rem_1fr]">
          <dt className="font-medium text-slate-700">Type of test</dt>
          <dd>{H_PYLORI_METHODS[result.input.method]}</dd>
          <dt className="font-medium text-slate-700">Result</dt>
          <dd className="capitalize">{result.interpretation.result === 'indeterminate' ? 'borderline' : result.interpretation.result}</dd>
        </dl>
      );
    case 'score':
      return <p>{`Score: ${result.interpretation.value}`}</p>;
    case 'stool_test':
      return <StoolTestFigure result={result} />;
  }
}
