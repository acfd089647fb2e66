// Stool tests in FHIR R4 (DOMAIN.md §8): one DiagnosticReport with one Observation per analyte. Calprotectin
// and elastase carry their LOINC codes (38445-3, 25907-7; DOMAIN.md §8.5, displays UNVERIFIED so none is
// written); FIT and the microbiome report have Axis codes only. Every lab figure travels as the lab gave it:
// the calprotectin interval as the reference range, the microbiome's diversity, taxa, index and SCFA values
// as components with the lab's ranges. The import reads the same shapes back, and a lab's own calprotectin or
// elastase Observation (value, reference range, performer, method) maps onto the same fields.
import type { ObservationComponent, Quantity } from '@medplum/fhirtypes';
import { STOOL_LOINC } from '@/lib/clinical/stool-tests/interpret';
import type { StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import { SYSTEMS, codeIn, concept, fromComponents, hasCoding, quantity, toComponents, type FieldSpec } from './codes';


/** Axis observation codes of the four analytes (calprotectin and elastase also carry LOINC). */
export const STOOL_ANALYTE_CODES = {
  calprotectin: 'stool-calprotectin',
  elastase: 'stool-elastase',
  fit: 'stool-fit',
  microbiome: 'stool-microbiome',
} as const;
export type StoolAnalyte = keyof typeof STOOL_ANALYTE_CODES;

export const STOOL_ANALYTE_DISPLAY: Record<StoolAnalyte, string> = {
  calprotectin: 'Faecal calprotectin',
  elastase: 'Pancreatic elastase-1, faecal',
  fit: 'Faecal immunochemical test (haemoglobin)',
  microbiome: 'Stool microbiome sequencing report (research-grade)',
};

const CALPROTECTIN_FIELDS: readonly FieldSpec[] = [
  { field: 'indeterminateUpTo', code: 'calprotectin-borderline-to', display: "Upper end of the lab's borderline range", type: 'quantity', unit: 'µg/g', ucum: 'ug/g' },
  { field: 'assay', code: 'stool-assay', display: 'Assay', type: 'string' },
  { field: 'laboratory', code: 'stool-laboratory', display: 'Laboratory', type: 'string' },
  { field: 'nsaidsWithinTwoWeeks', code: 'nsaids-within-2-weeks', display: 'NSAIDs taken within 2 weeks before the sample', type: 'boolean' },
];
const ELASTASE_FIELDS: readonly FieldSpec[] = [
  { field: 'consistency', code: 'stool-consistency', display: 'Sample consistency', type: 'code', system: SYSTEMS.axisStoolConsistency },
  { field: 'onPert', code: 'on-pert', display: 'On pancreatic enzyme replacement therapy', type: 'boolean' },
  { field: 'laboratory', code: 'stool-laboratory', display: 'Laboratory', type: 'string' },
];
const FIT_FIELDS: readonly FieldSpec[] = [
  { field: 'assay', code: 'fit-assay', display: 'FIT assay', type: 'code', system: SYSTEMS.axisFitAssay },
  { field: 'laboratory', code: 'stool-laboratory', display: 'Laboratory', type: 'string' },
];
const MICROBIOME_FIELDS: readonly FieldSpec[] = [
  { field: 'method', code: 'microbiome-method', display: 'Sequencing method', type: 'code', system: SYSTEMS.axisMicrobiomeMethod },
  { field: 'laboratory', code: 'stool-laboratory', display: 'Laboratory', type: 'string' },
  { field: 'orderedBy', code: 'microbiome-ordered-by', display: 'Ordered by', type: 'string' },
];
/** Repeated components: the row's name is the component code's text. */
const MICROBIOME_ROWS = { alpha: 'microbiome-alpha-diversity', taxon: 'microbiome-taxon', index: 'microbiome-lab-index', scfa: 'microbiome-scfa' } as const;

const UG_PER_G = (value: number) => quantity(value, 'µg/g', 'ug/g');

function range(r: { low?: number; high?: number } | undefined, unit?: Quantity) {
  if (!r || (r.low === undefined && r.high === undefined)) return undefined;
  const q = (v: number | undefined) => (v === undefined ? undefined : { ...unit, value: v });
  return [{ low: q(r.low), high: q(r.high) }];
}

export interface StoolObservationPart {
  analyte: StoolAnalyte;
  code: { coding: { system: string; code: string; display?: string }[]; text: string };
  valueQuantity?: Quantity;
  referenceRange?: { low?: Quantity; high?: Quantity; text?: string }[];
  component: ObservationComponent[];
}

/** The Observation bodies (code, value, range, components) of one stored stool test, analyte by analyte. */
export function stoolObservationParts(input: StoolTestInput): StoolObservationPart[] {
  const parts: StoolObservationPart[] = [];
  const code = (analyte: StoolAnalyte) => {
    const coding: { system: string; code: string; display?: string }[] = [{ system: SYSTEMS.axisObservation, code: STOOL_ANALYTE_CODES[analyte], display: STOOL_ANALYTE_DISPLAY[analyte] }];
    if (analyte === 'calprotectin' || analyte === 'elastase') coding.unshift({ system: SYSTEMS.loinc, code: STOOL_LOINC[analyte] });
    return { coding, text: STOOL_ANALYTE_DISPLAY[analyte] };
  };
  const { calprotectin: c, elastase: e, fit: f, microbiome: m } = input;
  if (c) {
    parts.push({
      analyte: 'calprotectin',
      code: code('calprotectin'),
      // µg/g and mg/kg are the same quantity [MLABS]: the unit as reported, so the lab's wording survives.
      valueQuantity: c.unit === 'mg/kg' ? quantity(c.value, 'mg/kg', 'mg/kg') : UG_PER_G(c.value),
      referenceRange: [{ high: UG_PER_G(c.labInterval.normalBelow), text: `Normal below ${c.labInterval.normalBelow} µg/g (${c.laboratory})` }],
      component: toComponents({ ...c, indeterminateUpTo: c.labInterval.indeterminateUpTo }, CALPROTECTIN_FIELDS),
    });
  }
  if (e) parts.push({ analyte: 'elastase', code: code('elastase'), valueQuantity: UG_PER_G(e.value), component: toComponents(e, ELASTASE_FIELDS) });
  if (f) parts.push({ analyte: 'fit', code: code('fit'), valueQuantity: quantity(f.value, 'µg Hb/g', 'ug/g'), component: toComponents(f, FIT_FIELDS) });
  if (m) {
    const row = (rowCode: string, name: string, value: Quantity, labRange?: { low?: number; high?: number }): ObservationComponent => {
      const referenceRange = range(labRange, { unit: value.unit, system: value.system, code: value.code });
      return { code: concept(SYSTEMS.axisObservation, rowCode, undefined, name), valueQuantity: value, ...(referenceRange ? { referenceRange } : {}) };
    };
    parts.push({
      analyte: 'microbiome',
      code: code('microbiome'),
      component: [
        ...toComponents(m, MICROBIOME_FIELDS),
        ...m.alphaDiversity.map((a) => row(MICROBIOME_ROWS.alpha, a.metric, { value: a.value })),
        ...m.taxa.map((t) => row(MICROBIOME_ROWS.taxon, t.name, quantity(t.relativeAbundance, '%', '%'))),
        ...(m.labIndex ? [row(MICROBIOME_ROWS.index, m.labIndex.name, { value: m.labIndex.value }, m.labIndex.labRange)] : []),
        ...m.scfa.map((s) => row(MICROBIOME_ROWS.scfa, s.name, { value: s.value, unit: s.unit }, s.labRange)),
      ],
    });
  }
  return parts;
}

// --- Import -----------------------------------------------------------------------------------

interface ImportQuantity {
  value?: number;
  unit?: string;
  code?: string;
}
interface ImportComponent {
  code: { coding?: { system?: string; code?: string }[]; text?: string };
  valueQuantity?: ImportQuantity;
  valueString?: string;
  valueBoolean?: boolean;
  valueCodeableConcept?: { coding?: { system?: string; code?: string }[]; text?: string };
  referenceRange?: { low?: ImportQuantity; high?: ImportQuantity }[];
}
export interface ImportStoolObservation {
  code: { coding?: { system?: string; code?: string; display?: string }[]; text?: string };
  valueQuantity?: ImportQuantity;
  referenceRange?: { low?: ImportQuantity; high?: ImportQuantity }[];
  component?: ImportComponent[];
  method?: { text?: string; coding?: { display?: string }[] };
  performer?: { display?: string }[];
}

/** Which stool analyte an Observation holds, by its Axis or LOINC code; undefined for anything else. */
export function stoolAnalyteOf(code: ImportStoolObservation['code']): StoolAnalyte | undefined {
  const axis = codeIn(code, SYSTEMS.axisObservation);
  const byAxis = (Object.keys(STOOL_ANALYTE_CODES) as StoolAnalyte[]).find((a) => STOOL_ANALYTE_CODES[a] === axis);
  if (byAxis) return byAxis;
  if (hasCoding(code, SYSTEMS.loinc, STOOL_LOINC.calprotectin)) return 'calprotectin';
  if (hasCoding(code, SYSTEMS.loinc, STOOL_LOINC.elastase)) return 'elastase';
  return undefined;
}

const unitOf = (q: ImportQuantity | undefined) => (q?.code ?? q?.unit ?? '').trim().toLowerCase();
const isUgPerG = (q: ImportQuantity | undefined) => ['ug/g', 'µg/g', 'mcg/g', 'mg/kg'].includes(unitOf(q));

/**
 * One analyte's part of a stool test input, read from an Observation; what cannot be read is left out so the
 * kind's schema names it (e.g. "The assay is required."), never guessed. `report` supplies the performer.
 */
export function stoolInputPart(analyte: StoolAnalyte, o: ImportStoolObservation, reportLaboratory: string | undefined): Record<string, unknown> {
  const lab = o.performer?.find((p) => p.display)?.display ?? reportLaboratory;
  const withLab = (fields: Record<string, unknown>) => ({ ...(lab !== undefined ? { laboratory: lab } : {}), ...fields });
  // A value in another unit (ng/mL, mg/dL …) is not converted: it is left out and the schema asks for it.
  const value = typeof o.valueQuantity?.value === 'number' && (analyte === 'fit' || isUgPerG(o.valueQuantity)) ? o.valueQuantity.value : undefined;
  switch (analyte) {
    case 'calprotectin': {
      const fields = fromComponents(o.component, CALPROTECTIN_FIELDS);
      const high = o.referenceRange?.find((r) => typeof r.high?.value === 'number')?.high?.value;
      const assay = fields.assay ?? o.method?.text ?? o.method?.coding?.find((c) => c.display)?.display;
      return withLab({
        value,
        unit: unitOf(o.valueQuantity) === 'mg/kg' ? 'mg/kg' : 'ug/g',
        labInterval: { normalBelow: high, ...(fields.indeterminateUpTo !== undefined ? { indeterminateUpTo: fields.indeterminateUpTo } : {}) },
        ...(assay !== undefined ? { assay } : {}),
        ...(fields.laboratory !== undefined ? { laboratory: fields.laboratory } : {}),
        ...(fields.nsaidsWithinTwoWeeks !== undefined ? { nsaidsWithinTwoWeeks: fields.nsaidsWithinTwoWeeks } : {}),
      });
    }
    case 'elastase':
      return withLab({ value, ...fromComponents(o.component, ELASTASE_FIELDS) });
    case 'fit':
      return withLab({ value, ...fromComponents(o.component, FIT_FIELDS) });
    case 'microbiome': {
      const rows = (rowCode: string) => (o.component ?? []).filter((c) => hasCoding(c.code, SYSTEMS.axisObservation, rowCode));
      const rangeOf = (c: ImportComponent) => {
        const r = c.referenceRange?.[0];
        return r ? { labRange: { ...(typeof r.low?.value === 'number' ? { low: r.low.value } : {}), ...(typeof r.high?.value === 'number' ? { high: r.high.value } : {}) } } : {};
      };
      const index = rows(MICROBIOME_ROWS.index)[0];
      return withLab({
        ...fromComponents(o.component, MICROBIOME_FIELDS),
        alphaDiversity: rows(MICROBIOME_ROWS.alpha).map((c) => ({ metric: c.code.text ?? '', value: c.valueQuantity?.value })),
        taxa: rows(MICROBIOME_ROWS.taxon).map((c) => ({ name: c.code.text ?? '', relativeAbundance: c.valueQuantity?.value })),
        ...(index ? { labIndex: { name: index.code.text ?? '', value: index.valueQuantity?.value, ...rangeOf(index) } } : {}),
        scfa: rows(MICROBIOME_ROWS.scfa).map((c) => ({ name: c.code.text ?? '', value: c.valueQuantity?.value, unit: c.valueQuantity?.unit ?? '', ...rangeOf(c) })),
      });
    }
  }
}
