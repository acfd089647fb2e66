// Code systems and field codecs shared by the FHIR export and import, so both sides read and write
// exactly the same codes. Standard systems where ../shared/DOMAIN.md §5 gives codes (LOINC, ICD-10-CM,
// SNOMED CT for the breath-test procedure, UCUM units); everything without a published code uses an
// Axis code system under AXIS_FHIR_BASE, said so by its URI, never a made-up LOINC code.
import type { CodeableConcept, Coding, ObservationComponent, Quantity } from '@medplum/fhirtypes';

export const AXIS_FHIR_BASE = 'https://axis.example/fhir';

export const SYSTEMS = {
  loinc: 'http://loinc.org',
  ucum: 'http://unitsofmeasure.org',
  snomed: 'http://snomed.info/sct',
  icd10cm: 'http://hl7.org/fhir/sid/icd-10-cm',
  v3Interpretation: 'http://terminology.hl7.org/CodeSystem/v3-ObservationInterpretation',
  observationCategory: 'http://terminology.hl7.org/CodeSystem/observation-category',
  diagnosticServiceSection: 'http://terminology.hl7.org/CodeSystem/v2-0074',
  conditionClinical: 'http://terminology.hl7.org/CodeSystem/condition-clinical',
  conditionCategory: 'http://terminology.hl7.org/CodeSystem/condition-category',
  goalAchievement: 'http://terminology.hl7.org/CodeSystem/goal-achievement',
  mrn: `${AXIS_FHIR_BASE}/sid/mrn`,
  axisPractitioner: `${AXIS_FHIR_BASE}/sid/practitioner`,
  axisObservation: `${AXIS_FHIR_BASE}/CodeSystem/observation`,
  axisReport: `${AXIS_FHIR_BASE}/CodeSystem/report`,
  axisSubstrate: `${AXIS_FHIR_BASE}/CodeSystem/breath-test-substrate`,
  axisUbtKit: `${AXIS_FHIR_BASE}/CodeSystem/ubt-kit`,
  axisHPyloriPurpose: `${AXIS_FHIR_BASE}/CodeSystem/h-pylori-purpose`,
  axisRechallengeOutcome: `${AXIS_FHIR_BASE}/CodeSystem/rechallenge-outcome`,
  axisReportedBy: `${AXIS_FHIR_BASE}/CodeSystem/score-reported-by`,
  axisStoolConsistency: `${AXIS_FHIR_BASE}/CodeSystem/stool-consistency`,
  axisFitAssay: `${AXIS_FHIR_BASE}/CodeSystem/fit-assay`,
  axisMicrobiomeMethod: `${AXIS_FHIR_BASE}/CodeSystem/microbiome-method`,
  axisInterventionKind: `${AXIS_FHIR_BASE}/CodeSystem/intervention-kind`,
  axisChallengeVerdict: `${AXIS_FHIR_BASE}/CodeSystem/challenge-verdict`,
  axisSpecialty: `${AXIS_FHIR_BASE}/CodeSystem/specialty`,
  axisNoteType: `${AXIS_FHIR_BASE}/CodeSystem/note-type`,
  axisDocumentCategory: `${AXIS_FHIR_BASE}/CodeSystem/document-category`,
} as const;

export const EXTENSIONS = {
  reportNote: `${AXIS_FHIR_BASE}/StructureDefinition/report-note`,
  foodPanelCutoff: `${AXIS_FHIR_BASE}/StructureDefinition/food-panel-cutoff`,
  interventionDetails: `${AXIS_FHIR_BASE}/StructureDefinition/intervention-details`,
  /** On an Observation whose value Axis derived (a UBT answer read from its reading), not entered. */
  derivedValue: `${AXIS_FHIR_BASE}/StructureDefinition/derived-value`,
} as const;

/**
 * LOINC document types for kept documents (DocumentReference.type), where LOINC has the concept: 11502-2 as listed
 * in the HL7 Laboratory Report IG's report-type value set, 57133-1 in C-CDA on FHIR's ReferralDocumentType (both
 * expanded from LOINC). A clinic letter has no single LOINC type: the Axis category alone says what it is.
 */
export const DOCUMENT_TYPE_LOINC: Partial<Record<string, { code: string; display: string }>> = {
  lab_report: { code: '11502-2', display: 'Laboratory report' },
  referral_letter: { code: '57133-1', display: 'Referral note' },
};

/** Axis report codes (DiagnosticReport.code); DOMAIN.md §5.2 has no LOINC panel for a combined H2/CH4 test. */
export const AXIS_REPORT_CODES = { breathTest: 'breath-test', foodPanel: 'food-panel', stoolTest: 'stool-test' } as const;

/** Axis observation codes for the parts of a result that have no LOINC code. */
export const AXIS_OBSERVATION_CODES = {
  breathTestProtocol: 'breath-test-protocol',
  breathSample: 'breath-sample',
} as const;

/** DOMAIN.md §5.2 [CHLAB]: "Hydrogen breath test (procedure)". */
/** SNOMED CT qualifier values for a qualitative answer: what the export writes as value[x]. */
export const SNOMED_ANSWER = {
  positive: { code: '10828004', display: 'Positive' },
  negative: { code: '260385009', display: 'Negative' },
  indeterminate: { code: '82334004', display: 'Indeterminate' },
} as const;

/** What the import reads: those three, and the other qualifier values labs send, often with no display text. */
export const SNOMED_TO_RESULT: Readonly<Record<string, 'positive' | 'negative' | 'indeterminate'>> = {
  ...Object.fromEntries(Object.entries(SNOMED_ANSWER).map(([result, c]) => [c.code, result as keyof typeof SNOMED_ANSWER])),
  '260373001': 'positive', // Detected (qualifier value)
  '260415000': 'negative', // Not detected (qualifier value)
  '419984006': 'indeterminate', // Inconclusive (qualifier value)
};

export const SNOMED_HYDROGEN_BREATH_TEST = { system: SYSTEMS.snomed, code: '252233000', display: 'Hydrogen breath test (procedure)' } as const;

/** Food-specific IgE LOINC codes DOMAIN.md §5.2 lists [EHC-LAB], [PHEKNOWVEC]; food name → code and back. */
export const SPECIFIC_IGE_LOINC: readonly { code: string; food: string; aliases: readonly string[] }[] = [
  { code: '6206-7', food: 'Peanut', aliases: ['peanut', 'peanuts'] },
  { code: '7258-7', food: "Cow's milk", aliases: ["cow's milk", 'cow milk', 'cows milk', 'milk'] },
  { code: '6276-0', food: 'Wheat', aliases: ['wheat'] },
];

/** Units that are valid UCUM codes as written; anything else is exported as text only. */
const UCUM_UNITS = new Set(['[ppm]', 'min', 'g', 'd', 'kU/L', 'k[IU]/L', 'mm', 'mg/L', 'ug/L', 'mg/dL', 'U/mL', '[ppth]', '/min', '{score}']);

export function quantity(value: number, unit: string, ucum?: string): Quantity {
  const code = ucum ?? (UCUM_UNITS.has(unit) ? unit : undefined);
  return code ? { value, unit, system: SYSTEMS.ucum, code } : { value, unit };
}

export function concept(system: string, code: string, display?: string, text?: string): CodeableConcept {
  const coding: Coding = display ? { system, code, display } : { system, code };
  return text ? { coding: [coding], text } : { coding: [coding] };
}

export function hasCoding(cc: CodeableConcept | undefined, system: string, code?: string): boolean {
  return (cc?.coding ?? []).some((c) => c.system === system && (code === undefined || c.code === code));
}

export function codeIn(cc: CodeableConcept | undefined, system: string): string | undefined {
  return (cc?.coding ?? []).find((c) => c.system === system && typeof c.code === 'string')?.code;
}

// --- Field codecs: one Observation component per stored field -------------------------------------

export type FieldSpec =
  | { field: string; code: string; display: string; type: 'boolean' }
  | { field: string; code: string; display: string; type: 'string' }
  | { field: string; code: string; display: string; type: 'date' }
  | { field: string; code: string; display: string; type: 'quantity'; unit: string; ucum: string }
  | { field: string; code: string; display: string; type: 'code'; system: string };

/** Components for every field of `source` that has a value; absent fields are left out, not nulled. */
export function toComponents(source: Record<string, unknown>, specs: readonly FieldSpec[]): ObservationComponent[] {
  const out: ObservationComponent[] = [];
  for (const spec of specs) {
    const value = source[spec.field];
    if (value === undefined || value === null) continue;
    const code = concept(SYSTEMS.axisObservation, spec.code, spec.display);
    switch (spec.type) {
      case 'boolean':
        if (typeof value === 'boolean') out.push({ code, valueBoolean: value });
        break;
      case 'string':
        if (typeof value === 'string') out.push({ code, valueString: value });
        break;
      case 'date':
        if (typeof value === 'string') out.push({ code, valueDateTime: value });
        break;
      case 'quantity':
        if (typeof value === 'number') out.push({ code, valueQuantity: quantity(value, spec.unit, spec.ucum) });
        break;
      case 'code':
        if (typeof value === 'string') out.push({ code, valueCodeableConcept: concept(spec.system, value) });
        break;
    }
  }
  return out;
}

/** Reads the fields `toComponents` wrote back into a plain object (unknown components are ignored here). */
export function fromComponents(components: readonly ObservationComponent[] | undefined, specs: readonly FieldSpec[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const spec of specs) {
    const component = (components ?? []).find((c) => hasCoding(c.code, SYSTEMS.axisObservation, spec.code));
    if (!component) continue;
    switch (spec.type) {
      case 'boolean':
        if (typeof component.valueBoolean === 'boolean') out[spec.field] = component.valueBoolean;
        break;
      case 'string':
        if (typeof component.valueString === 'string') out[spec.field] = component.valueString;
        break;
      case 'date':
        if (typeof component.valueDateTime === 'string') out[spec.field] = component.valueDateTime.slice(0, 10);
        break;
      case 'quantity':
        if (typeof component.valueQuantity?.value === 'number') out[spec.field] = component.valueQuantity.value;
        break;
      case 'code': {
        const code = codeIn(component.valueCodeableConcept, spec.system);
        if (code !== undefined) out[spec.field] = code;
        break;
      }
    }
  }
  return out;
}

export function componentCodes(components: readonly ObservationComponent[] | undefined): string[] {
  return (components ?? []).flatMap((c) => (c.code.coding ?? []).map((k) => `${k.system ?? ''}|${k.code ?? ''}`));
}
