// Pure mapping from an uploaded FHIR R4 Bundle of lab results to Axis result inputs, for the import
// preview and (re-run on the server) for the save. Nothing here trusts the upload: the envelope and
// every field this code reads are checked with zod, each mapped result goes through its kind's own
// schema and rules (lib/results/kinds.ts) exactly as manual entry does, and everything that cannot be
// mapped is listed with the reason instead of being dropped.
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { ResultFlag, ResultKind } from '@/lib/results/result-kinds';
import { BREATH_TEST_LOINC } from '@/lib/clinical/breath-tests/interpret';
import { PREPARATION_ITEMS } from '@/lib/clinical/breath-tests/schema';
import { FOOD_PANEL_METHOD_IDS, type FoodPanelMethod } from '@/lib/clinical/food-panels/schema';
import { H_PYLORI_LOINC } from '@/lib/clinical/h-pylori/interpret';
import { H_PYLORI_METHOD_IDS, type HPyloriMethod } from '@/lib/clinical/h-pylori/schema';
import { INSTRUMENT_IDS } from '@/lib/clinical/scores/instruments';
import { resultHandlers } from '@/lib/results/kinds';
import { bundleSizeError, jsonNestingDepth, MAX_JSON_DEPTH, TOO_DEEP, utf8ByteLength } from './bundle-limits';
import { stoolAnalyteOf, stoolInputPart, type StoolAnalyte } from './stool-test-mapping';
import { mapDocumentReference, type ImportDocumentCandidate } from './document-mapping';
import { AXIS_OBSERVATION_CODES, AXIS_REPORT_CODES, EXTENSIONS, SNOMED_TO_RESULT, SPECIFIC_IGE_LOINC, SYSTEMS, codeIn, fromComponents, hasCoding } from './codes';
import { BREATH_PROTOCOL_FIELDS, BREATH_READING_FIELDS, H_PYLORI_FIELDS, SCORE_FIELDS, foodItemCode, hPyloriCode, scoreCode } from './kind-fields';

export const MAX_BUNDLE_ENTRIES = 10_000;

// --- What this code reads, checked before it is read -------------------------------------------

const codingSchema = z.looseObject({ system: z.string().optional(), code: z.string().optional(), display: z.string().optional() });
const conceptSchema = z.looseObject({ coding: z.array(codingSchema).optional(), text: z.string().optional() });
const quantitySchema = z.looseObject({ value: z.number().optional(), unit: z.string().optional(), system: z.string().optional(), code: z.string().optional() });
const identifierSchema = z.looseObject({ system: z.string().optional(), value: z.string().optional() });
const referenceSchema = z.looseObject({ reference: z.string().optional(), identifier: identifierSchema.optional(), display: z.string().optional() });
const componentSchema = z.looseObject({
  code: conceptSchema,
  valueQuantity: quantitySchema.optional(),
  valueBoolean: z.boolean().optional(),
  valueString: z.string().optional(),
  valueDateTime: z.string().optional(),
  valueCodeableConcept: conceptSchema.optional(),
});
const effective = {
  effectiveDateTime: z.string().optional(),
  effectivePeriod: z.looseObject({ start: z.string().optional() }).optional(),
};
const observationSchema = z.looseObject({
  resourceType: z.literal('Observation'),
  id: z.string().optional(),
  status: z.string({ error: 'an Observation needs a status' }),
  code: conceptSchema,
  subject: referenceSchema.optional(),
  ...effective,
  valueQuantity: quantitySchema.optional(),
  valueCodeableConcept: conceptSchema.optional(),
  valueString: z.string().optional(),
  interpretation: z.array(conceptSchema).optional(),
  referenceRange: z.array(z.looseObject({ low: quantitySchema.optional(), high: quantitySchema.optional() })).optional(),
  component: z.array(componentSchema).optional(),
  extension: z.array(z.looseObject({ url: z.string(), valueBoolean: z.boolean().optional() })).optional(),
  note: z.array(z.looseObject({ text: z.string() })).optional(),
});
const reportSchema = z.looseObject({
  resourceType: z.literal('DiagnosticReport'),
  id: z.string().optional(),
  status: z.string({ error: 'a DiagnosticReport needs a status' }),
  code: conceptSchema,
  subject: referenceSchema.optional(),
  ...effective,
  result: z.array(referenceSchema).optional(),
  performer: z.array(referenceSchema).optional(),
  extension: z.array(z.looseObject({ url: z.string(), valueDecimal: z.number().optional(), valueString: z.string().optional() })).optional(),
});
const documentReferenceSchema = z.looseObject({
  resourceType: z.literal('DocumentReference'),
  id: z.string().optional(),
  status: z.string({ error: 'a DocumentReference needs a status' }),
  docStatus: z.string().optional(),
  type: conceptSchema.optional(),
  description: z.string().optional(),
  date: z.string().optional(),
  subject: referenceSchema.optional(),
  content: z
    .array(
      z.looseObject({
        attachment: z.looseObject({
          contentType: z.string().optional(),
          data: z.string().optional(),
          url: z.string().optional(),
          size: z.number().optional(),
          hash: z.string().optional(),
          title: z.string().optional(),
          creation: z.string().optional(),
        }),
      }),
      { error: 'a DocumentReference needs content' },
    )
    .min(1, 'a DocumentReference needs content'),
  context: z.looseObject({ related: z.array(referenceSchema).optional() }).optional(),
});
const patientSchema = z.looseObject({ resourceType: z.literal('Patient'), id: z.string().optional(), identifier: z.array(identifierSchema).optional() });
const bundleSchema = z.looseObject({
  resourceType: z.literal('Bundle', { error: 'This is not a FHIR Bundle: resourceType must be "Bundle".' }),
  entry: z
    .array(z.looseObject({ fullUrl: z.string().optional(), resource: z.looseObject({ resourceType: z.string().min(1), id: z.string().optional() }) }), {
      error: 'The Bundle has no "entry" list of resources.',
    })
    .min(1, 'The Bundle has no entries.')
    .max(MAX_BUNDLE_ENTRIES, `The Bundle has more than ${MAX_BUNDLE_ENTRIES} entries; split it into smaller bundles.`),
});

type FhirObservation = z.output<typeof observationSchema>;
type FhirReport = z.output<typeof reportSchema>;
type FhirPatient = z.output<typeof patientSchema>;
type FhirReference = z.output<typeof referenceSchema>;
type FhirConcept = z.output<typeof conceptSchema>;

// --- What the preview shows -------------------------------------------------------------------

export interface ImportCandidate {
  key: string;
  kind: ResultKind;
  /** Input for the kind's schema, exactly what recordResult would receive from a form. */
  input: Record<string, unknown>;
  title: string;
  summary: string;
  flag: ResultFlag;
  effectiveDate: string;
  /** The bundle resources it was built from, e.g. "DiagnosticReport/abc (3 observations)". */
  sources: string[];
  /** Set when the bundle says these results belong to someone else (another identifier). */
  identityMismatch: string | null;
}

export interface NotImported {
  source: string;
  description: string;
  reason: string;
}

export interface ImportPlan {
  /** SHA-256 of the uploaded text: the save must be of the bundle that was previewed. */
  fingerprint: string;
  candidates: ImportCandidate[];
  /** PDFs carried in DocumentReferences, kept as documents (lib/documents). */
  documents: ImportDocumentCandidate[];
  notImported: NotImported[];
}

export type PlanOutcome = { ok: true; plan: ImportPlan } | { ok: false; error: string };

/** Compares a validated input with a stored result's data: key order does not matter (jsonb reorders keys). */
export function resultKey(kind: string, data: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined).sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, x]) => [k, canonical(x)])) : v;
  return `${kind}|${JSON.stringify(canonical(data))}`;
}

export function fingerprintOf(text: string): string {
  return createHash('sha256').update(text, 'utf8').digest('hex');
}

// --- Helpers ----------------------------------------------------------------------------------

function describeConcept(cc: FhirConcept | undefined): string {
  if (!cc) return 'no code';
  const text = cc.text ?? cc.coding?.find((c) => c.display)?.display;
  const codes = (cc.coding ?? []).map((c) => `${shortSystem(c.system)} ${c.code ?? '?'}`).join(', ');
  return [text, codes && `(${codes})`].filter(Boolean).join(' ') || 'no code';
}

function shortSystem(system: string | undefined): string {
  if (system === SYSTEMS.loinc) return 'LOINC';
  if (system === SYSTEMS.snomed) return 'SNOMED CT';
  if (system?.startsWith('https://axis.example/')) return 'Axis';
  return system ?? 'no system';
}

function dateOf(resource: { effectiveDateTime?: string; effectivePeriod?: { start?: string } }): string | undefined {
  const raw = resource.effectiveDateTime ?? resource.effectivePeriod?.start;
  return raw ? raw.slice(0, 10) : undefined;
}

const ACCEPTED_STATUSES = new Set(['final', 'amended', 'corrected']);

const LOINC_TO_H_PYLORI = new Map<string, HPyloriMethod>(
  (Object.entries(H_PYLORI_LOINC) as [HPyloriMethod, readonly { code: string }[]][]).flatMap(([method, codes]) => codes.map((c) => [c.code, method] as const)),
);

const LACTOSE_LOINC = new Map<string, { gas: 'h2' | 'ch4'; minute: number }>([
  ...Object.entries(BREATH_TEST_LOINC.lactoseChallenge.hydrogenByMinute).map(([m, code]) => [code, { gas: 'h2' as const, minute: Number(m) }] as const),
  ...Object.entries(BREATH_TEST_LOINC.lactoseChallenge.methaneByMinute).map(([m, code]) => [code, { gas: 'ch4' as const, minute: Number(m) }] as const),
]);
const BREATH_REPORT_LOINC = new Set<string>([BREATH_TEST_LOINC.lactoseChallenge.panel, BREATH_TEST_LOINC.panels.hydrogen, BREATH_TEST_LOINC.panels.methane]);

type Classified =
  | { type: 'h_pylori'; method: HPyloriMethod }
  | { type: 'food'; method: FoodPanelMethod; loincFood: string | null }
  | { type: 'score'; instrument: string }
  | { type: 'stool'; analyte: StoolAnalyte }
  | { type: 'breath-protocol' }
  | { type: 'breath-sample' }
  | { type: 'lactose-sample'; gas: 'h2' | 'ch4'; minute: number }
  | { type: 'unknown' };

function classify(o: FhirObservation): Classified {
  const axis = codeIn(o.code, SYSTEMS.axisObservation);
  if (axis === AXIS_OBSERVATION_CODES.breathTestProtocol) return { type: 'breath-protocol' };
  if (axis === AXIS_OBSERVATION_CODES.breathSample) return { type: 'breath-sample' };
  const stool = stoolAnalyteOf(o.code);
  if (stool) return { type: 'stool', analyte: stool };
  const hpMethod = H_PYLORI_METHOD_IDS.find((m) => axis === hPyloriCode(m));
  if (hpMethod) return { type: 'h_pylori', method: hpMethod };
  const foodMethod = FOOD_PANEL_METHOD_IDS.find((m) => axis === foodItemCode(m));
  const loinc = codeIn(o.code, SYSTEMS.loinc);
  const sIgE = loinc ? SPECIFIC_IGE_LOINC.find((l) => l.code === loinc) : undefined;
  if (foodMethod) return { type: 'food', method: foodMethod, loincFood: sIgE?.food ?? null };
  const instrument = INSTRUMENT_IDS.find((i) => axis === scoreCode(i));
  if (instrument) return { type: 'score', instrument };
  for (const coding of o.code.coding ?? []) {
    if (coding.system !== SYSTEMS.loinc || !coding.code) continue;
    const method = LOINC_TO_H_PYLORI.get(coding.code);
    if (method) return { type: 'h_pylori', method };
    const lactose = LACTOSE_LOINC.get(coding.code);
    if (lactose) return { type: 'lactose-sample', ...lactose };
  }
  if (sIgE) return { type: 'food', method: 'specific_ige', loincFood: sIgE.food };
  return { type: 'unknown' };
}

const V3_TO_RESULT: Record<string, 'positive' | 'negative' | 'indeterminate'> = { POS: 'positive', NEG: 'negative', IND: 'indeterminate', DET: 'positive', ND: 'negative' };

/** A qualitative result from a coded value (SNOMED CT qualifier values, HL7 v3 interpretation codes) or its wording. */
function qualitativeResult(cc: FhirConcept | undefined, text?: string): 'positive' | 'negative' | 'indeterminate' | undefined {
  const snomed = codeIn(cc, SYSTEMS.snomed);
  if (snomed && SNOMED_TO_RESULT[snomed]) return SNOMED_TO_RESULT[snomed];
  const v3 = codeIn(cc, SYSTEMS.v3Interpretation);
  if (v3 && V3_TO_RESULT[v3]) return V3_TO_RESULT[v3];
  const words = (text ?? cc?.text ?? cc?.coding?.find((c) => c.display)?.display ?? '').trim().toLowerCase();
  if (!words) return undefined;
  if (/^(not detected|negative|neg)\b/.test(words)) return 'negative';
  if (/^(detected|positive|pos)\b/.test(words)) return 'positive';
  if (/indeterminate|equivocal|borderline|inconclusive/.test(words)) return 'indeterminate';
  return undefined;
}

const isPermil = (unit: string | undefined) => unit !== undefined && ['‰', '[ppth]', 'permil', 'per mil', 'dob', '‰ dob'].includes(unit.trim().toLowerCase());
const isDpm = (unit: string | undefined) => unit !== undefined && ['dpm', '/min', '{disintegrations}/min'].includes(unit.trim().toLowerCase());

// --- The plan ---------------------------------------------------------------------------------

interface Indexed {
  source: string;
  resource: { resourceType: string; id?: string };
}

/**
 * What is wrong with a report's result references, in words, or null: references to itself (a cycle), to
 * resources that are not results, and to resources the bundle does not contain, each named.
 */
function reportReferenceProblems(source: string, refs: readonly { reference?: string; display?: string }[], resolve: (ref: string | undefined) => Indexed | undefined): string | null {
  const selfRefs: string[] = [];
  const notResults: string[] = [];
  const missing: string[] = [];
  for (const m of refs) {
    const found = resolve(m.reference);
    const name = m.reference ?? m.display ?? '(no reference)';
    if (!found) missing.push(name);
    else if (found.source === source) selfRefs.push(name);
    else if (found.resource.resourceType !== 'Observation') notResults.push(`${name} is a ${found.resource.resourceType}`);
  }
  const parts = [
    selfRefs.length ? `It lists itself among its results (${selfRefs.join(', ')}), a reference cycle.` : '',
    notResults.length ? `Its results must be Observations, but ${notResults.join(', ')}.` : '',
    missing.length ? `It refers to results that are not in the bundle (${missing.join(', ')}).` : '',
  ].filter(Boolean);
  return parts.length ? parts.join(' ') : null;
}

/**
 * Reads a bundle the clinician uploaded for the patient with this MRN. A broken bundle (not JSON, not
 * a Bundle, a lab resource missing what FHIR requires) is refused as a whole with a message; a sound
 * bundle gives the results that map and, separately, everything that does not, each with its reason.
 */
export function planBundleImport(
  text: string,
  target: {
    mrn: string;
    /** Age-dependent rules (stool tests) read it. */ dateOfBirth: string;
    /** Canonical keys (resultKey) of the patient's current results, to skip re-imports. */ existing?: ReadonlySet<string>;
    /** SHA-256 → title of the PDFs already on the record, so a document is not kept twice. */ existingDocuments?: ReadonlyMap<string, string>;
  },
  today = new Date(),
  options: { withDocumentBytes?: boolean } = {},
): PlanOutcome {
  if (text.trim() === '') return { ok: false, error: 'Choose a FHIR Bundle file or paste its JSON.' };
  // Sizes in bytes, as the browser measured them (lib/fhir/bundle-limits.ts).
  const tooLarge = bundleSizeError(utf8ByteLength(text));
  if (tooLarge) return { ok: false, error: tooLarge };
  if (jsonNestingDepth(text) > MAX_JSON_DEPTH) return { ok: false, error: TOO_DEEP };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return { ok: false, error: `The file is not valid JSON (${error instanceof Error ? error.message : 'parse error'}). Nothing was imported.` };
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, error: 'The file is not a FHIR Bundle: expected a JSON object with resourceType "Bundle".' };
  // PostgreSQL cannot store NUL in text or jsonb: refuse it here with a message, not a failed save.
  if (JSON.stringify(json).includes('\\u0000')) return { ok: false, error: 'The bundle contains a NUL character (\\u0000), which cannot be stored. Nothing was imported.' };
  const envelope = bundleSchema.safeParse(json);
  if (!envelope.success) return { ok: false, error: `${envelope.error.issues[0]?.message ?? 'This is not a valid FHIR Bundle.'} Nothing was imported.` };

  // Index every entry by fullUrl and by Type/id, and check the lab resources this code reads.
  const byRef = new Map<string, Indexed>();
  const observations: { key: string; source: string; o: FhirObservation }[] = [];
  const reports: { source: string; r: FhirReport }[] = [];
  const patientsByRef = new Map<string, FhirPatient>();
  const documentReferences: { source: string; d: z.output<typeof documentReferenceSchema> }[] = [];
  const others: Indexed[] = [];
  const order = new Map<string, number>();
  const seen = new Map<string, { entry: number; resource: unknown }>();
  for (const [i, entry] of envelope.data.entry.entries()) {
    const { resource } = entry;
    const source = `${resource.resourceType}/${resource.id ?? `entry-${i + 1}`}`;
    const indexed = { source, resource };
    order.set(source, i);
    // A resource listed twice (by id or fullUrl) is refused: with different contents Axis cannot tell which
    // is right, and even identical copies would be imported twice.
    for (const key of [entry.fullUrl, resource.id ? `${resource.resourceType}/${resource.id}` : undefined]) {
      if (!key) continue;
      const earlier = seen.get(key);
      if (earlier) {
        const same = JSON.stringify(earlier.resource) === JSON.stringify(resource);
        return {
          ok: false,
          error: same
            ? `Entries ${earlier.entry} and ${i + 1} are both ${key}: a bundle lists each resource once. Ask the sender for a corrected bundle; nothing was imported.`
            : `Entries ${earlier.entry} and ${i + 1} are both ${key} but say different things, so Axis cannot tell which is right. Ask the sender for a corrected bundle; nothing was imported.`,
        };
      }
      seen.set(key, { entry: i + 1, resource });
    }
    if (entry.fullUrl) byRef.set(entry.fullUrl, indexed);
    if (resource.id) byRef.set(`${resource.resourceType}/${resource.id}`, indexed);
    const problem = (issues: z.core.$ZodIssue[]) => {
      const issue = issues[0];
      return `Entry ${i + 1} (${source}) is not a valid FHIR ${resource.resourceType}: ${issue?.path.join('.') || 'resource'}: ${issue?.message ?? 'invalid'}. Nothing was imported.`;
    };
    if (resource.resourceType === 'Observation') {
      const parsed = observationSchema.safeParse(resource);
      if (!parsed.success) return { ok: false, error: problem(parsed.error.issues) };
      observations.push({ key: source, source, o: parsed.data });
    } else if (resource.resourceType === 'DiagnosticReport') {
      const parsed = reportSchema.safeParse(resource);
      if (!parsed.success) return { ok: false, error: problem(parsed.error.issues) };
      reports.push({ source, r: parsed.data });
    } else if (resource.resourceType === 'DocumentReference') {
      const parsed = documentReferenceSchema.safeParse(resource);
      if (!parsed.success) return { ok: false, error: problem(parsed.error.issues) };
      documentReferences.push({ source, d: parsed.data });
    } else if (resource.resourceType === 'Patient') {
      const parsed = patientSchema.safeParse(resource);
      if (!parsed.success) return { ok: false, error: problem(parsed.error.issues) };
      if (entry.fullUrl) patientsByRef.set(entry.fullUrl, parsed.data);
      if (resource.id) patientsByRef.set(`Patient/${resource.id}`, parsed.data);
    } else {
      others.push(indexed);
    }
  }

  const resolve = (reference: string | undefined): Indexed | undefined => {
    if (!reference) return undefined;
    return byRef.get(reference) ?? byRef.get(reference.split('/').slice(-2).join('/'));
  };

  /** Whose results these are, by the identifiers the bundle gives; null when they match or none are given. */
  const identityMismatch = (subject: FhirReference | undefined): string | null => {
    if (!subject) return null;
    const stated = subject.identifier?.value
      ? [subject.identifier.value]
      : (() => {
          const ref = subject.reference;
          const patient = ref ? (patientsByRef.get(ref) ?? patientsByRef.get(ref.split('/').slice(-2).join('/'))) : undefined;
          return (patient?.identifier ?? []).map((id) => id.value).filter((v): v is string => Boolean(v));
        })();
    if (stated.length === 0 || stated.some((v) => v.trim().toUpperCase() === target.mrn.toUpperCase())) return null;
    return `The bundle gives this result to patient identifier ${stated.join(', ')}, not ${target.mrn}.`;
  };

  const candidates: ImportCandidate[] = [];
  const notImported: NotImported[] = [];
  const latest = new Date(today.getTime() + 24 * 60 * 60 * 1000).toISOString().slice(0, 10);

  /** Validates through the kind's own schema and rules; a failure is listed with the schema's messages. */
  const propose = (kind: ResultKind, input: Record<string, unknown>, sources: string[], description: string, subject: FhirReference | undefined) => {
    const handler = resultHandlers[kind];
    const parsed = handler.schema.safeParse(input);
    if (!parsed.success) {
      const messages = [...new Set(parsed.error.issues.map((i) => i.message))].slice(0, 4);
      notImported.push({ source: sources.join(', '), description, reason: `Cannot be imported as ${handler.label.toLowerCase()}: ${messages.join(' ')}` });
      return;
    }
    const derived = handler.derive(parsed.data, target);
    if (target.existing?.has(resultKey(kind, parsed.data))) {
      notImported.push({ source: sources.join(', '), description, reason: 'The same result (same date and values) is already on the record, so it is not imported twice.' });
      return;
    }
    if (derived.effectiveDate > latest) {
      notImported.push({ source: sources.join(', '), description, reason: `The test date ${derived.effectiveDate} is in the future.` });
      return;
    }
    candidates.push({
      key: `${kind}:${sources[0] ?? candidates.length}`,
      kind,
      input,
      title: derived.title,
      summary: derived.summary,
      flag: derived.flag,
      effectiveDate: derived.effectiveDate,
      sources,
      identityMismatch: identityMismatch(subject),
    });
  };

  const consumed = new Set<string>();
  const skipForStatus = (source: string, status: string, description: string): boolean => {
    if (ACCEPTED_STATUSES.has(status)) return false;
    notImported.push({ source, description, reason: `Its status is "${status}": only final, amended or corrected results are imported.` });
    return true;
  };

  for (const { source, r } of reports) {
    const description = describeConcept(r.code);
    const members: { key: string; source: string; o: FhirObservation }[] = [];
    for (const m of r.result ?? []) {
      const found = resolve(m.reference);
      const obs = found ? observations.find((o) => o.source === found.source) : undefined;
      if (obs) members.push(obs);
    }
    const badReferences = reportReferenceProblems(source, r.result ?? [], resolve);
    const isBreath = hasCoding(r.code, SYSTEMS.axisReport, AXIS_REPORT_CODES.breathTest) || (r.code.coding ?? []).some((c) => c.system === SYSTEMS.loinc && BREATH_REPORT_LOINC.has(c.code ?? ''));
    const classified = members.map((m) => ({ ...m, c: classify(m.o) }));
    const isFood = hasCoding(r.code, SYSTEMS.axisReport, AXIS_REPORT_CODES.foodPanel) || (classified.length > 0 && classified.every((m) => m.c.type === 'food'));
    const isStool = hasCoding(r.code, SYSTEMS.axisReport, AXIS_REPORT_CODES.stoolTest) || (classified.length > 0 && classified.every((m) => m.c.type === 'stool'));
    if (!isBreath && !isFood && !isStool) continue; // a grouping only: its observations are read one by one below
    for (const m of members) consumed.add(m.key);
    if (badReferences) {
      notImported.push({ source, description, reason: `${badReferences} It cannot be read whole.` });
      continue;
    }
    if (skipForStatus(source, r.status, description)) continue;
    const sources = [source, ...members.map((m) => m.source)];
    const date = dateOf(r) ?? members.map((m) => dateOf(m.o)).find(Boolean);
    if (isBreath) {
      const protocol = classified.find((m) => m.c.type === 'breath-protocol')?.o;
      const fields = fromComponents(protocol?.component, BREATH_PROTOCOL_FIELDS);
      const readings = new Map<number, Record<string, number>>();
      for (const m of classified) {
        if (m.c.type === 'breath-sample') {
          const values = fromComponents(m.o.component, Object.values(BREATH_READING_FIELDS));
          if (typeof values.minute === 'number') readings.set(values.minute, { ...readings.get(values.minute), ...(values as Record<string, number>) });
        } else if (m.c.type === 'lactose-sample' && typeof m.o.valueQuantity?.value === 'number') {
          readings.set(m.c.minute, { ...readings.get(m.c.minute), minute: m.c.minute, [m.c.gas]: m.o.valueQuantity.value });
        } else if (m.c.type !== 'breath-protocol') {
          notImported.push({ source: m.source, description: describeConcept(m.o.code), reason: `It is part of breath test ${source} but is not a breath reading Axis understands.` });
        }
      }
      const lactose = (r.code.coding ?? []).some((c) => c.code === BREATH_TEST_LOINC.lactoseChallenge.panel) || classified.some((m) => m.c.type === 'lactose-sample');
      const substrateKind = fields.substrateKind ?? (lactose ? 'other' : undefined);
      const substrateName = fields.substrateName ?? (lactose && substrateKind === 'other' ? 'Lactose' : undefined);
      const preparation = Object.fromEntries(PREPARATION_ITEMS.filter((item) => fields[item.id] !== undefined).map((item) => [item.id, fields[item.id]]));
      const input: Record<string, unknown> = {
        effectiveDate: date,
        substrate: { kind: substrateKind, doseGrams: fields.substrateDoseGrams, ...(substrateName !== undefined ? { name: substrateName } : {}) },
        // The NAC Table 1 checklist is required for every breath test; a lab bundle without it is listed, not guessed.
        preparation: Object.keys(preparation).length ? preparation : undefined,
        readings: [...readings.values()].sort((a, b) => (a.minute ?? 0) - (b.minute ?? 0)),
        ...(fields.device !== undefined ? { device: fields.device } : {}),
        ...(protocol?.note?.[0]?.text ? { notes: protocol.note[0].text } : {}),
      };
      propose('breath_test', input, sources, description, r.subject ?? members[0]?.o.subject);
      continue;
    }
    if (isStool) {
      proposeStoolTest(classified, { date, report: r, sources, description, partOf: source });
      continue;
    }
    // A food panel: one per method (a lab report normally holds one).
    const byMethod = new Map<FoodPanelMethod, typeof classified>();
    for (const m of classified) {
      if (m.c.type !== 'food') {
        notImported.push({ source: m.source, description: describeConcept(m.o.code), reason: `It is part of food panel ${source} but is not a food result Axis understands.` });
        continue;
      }
      byMethod.set(m.c.method, [...(byMethod.get(m.c.method) ?? []), m]);
    }
    const reportMethod = FOOD_PANEL_METHOD_IDS.find((m) => hasCoding(r.code, SYSTEMS.axisObservation, foodItemCode(m)));
    for (const [method, items] of byMethod) {
      proposeFoodPanel(method, items, { date, report: r, reportMethod, sources: [source, ...items.map((m) => m.source)], description });
    }
  }

  function proposeFoodPanel(
    method: FoodPanelMethod,
    items: { o: FhirObservation; c: Classified }[],
    context: { date: string | undefined; report: FhirReport | null; reportMethod: FoodPanelMethod | undefined; sources: string[]; description: string },
  ) {
    const r = context.report;
    const laboratory = r?.performer?.find((p) => p.display)?.display;
    const cutoff = r?.extension?.find((e) => e.url === EXTENSIONS.foodPanelCutoff)?.valueDecimal;
    const notes = r?.extension?.find((e) => e.url === EXTENSIONS.reportNote)?.valueString;
    const input: Record<string, unknown> = {
      effectiveDate: context.date,
      method,
      ...(laboratory !== undefined ? { laboratory } : {}),
      ...(cutoff !== undefined && (context.reportMethod === method || !context.reportMethod) ? { cutoff } : {}),
      items: items.map(({ o, c }) => {
        const outcome = codeIn(o.valueCodeableConcept, SYSTEMS.axisRechallengeOutcome);
        return {
          food: o.code.text ?? (c.type === 'food' ? c.loincFood : null) ?? o.code.coding?.find((k) => k.display)?.display ?? '',
          ...(typeof o.valueQuantity?.value === 'number' ? { value: o.valueQuantity.value } : {}),
          ...(o.valueQuantity?.unit ?? o.valueQuantity?.code ? { unit: o.valueQuantity?.unit ?? o.valueQuantity?.code } : {}),
          ...(outcome !== undefined ? { outcome } : {}),
        };
      }),
      ...(notes !== undefined ? { notes } : {}),
    };
    propose('food_panel', input, context.sources, context.description, r?.subject ?? items[0]?.o.subject);
  }

  /** One stool test from its analytes' Observations; a second Observation of the same analyte is listed, not merged. */
  function proposeStoolTest(
    items: { o: FhirObservation; c: Classified; source: string }[],
    context: { date: string | undefined; report: FhirReport | null; sources: string[]; description: string; partOf: string },
  ) {
    const r = context.report;
    const laboratory = r?.performer?.find((p) => p.display)?.display;
    const notes = r?.extension?.find((e) => e.url === EXTENSIONS.reportNote)?.valueString;
    const input: Record<string, unknown> = { effectiveDate: context.date };
    for (const { o, c, source } of items) {
      if (c.type !== 'stool') {
        notImported.push({ source, description: describeConcept(o.code), reason: `It is part of stool test ${context.partOf} but is not a stool result Axis understands.` });
        continue;
      }
      if (input[c.analyte] !== undefined) {
        notImported.push({ source, description: describeConcept(o.code), reason: `The same report already has a ${c.analyte} result; one report holds one value per analyte.` });
        continue;
      }
      input[c.analyte] = stoolInputPart(c.analyte, o, laboratory);
    }
    if (notes !== undefined) input.notes = notes;
    propose('stool_test', input, context.sources, context.description, r?.subject ?? items[0]?.o.subject);
  }

  // Observations outside any breath test or food panel report.
  const looseFood = new Map<string, { method: FoodPanelMethod; date: string | undefined; items: { o: FhirObservation; c: Classified; source: string }[] }>();
  const looseStool = new Map<string, { date: string | undefined; items: { o: FhirObservation; c: Classified; source: string }[] }>();
  for (const { key, source, o } of observations) {
    if (consumed.has(key)) continue;
    const description = describeConcept(o.code);
    const c = classify(o);
    if (c.type === 'unknown') {
      notImported.push({ source, description, reason: 'Its code is not one Axis maps (breath tests, H. pylori tests, food panels, stool tests and scores are imported).' });
      continue;
    }
    if (skipForStatus(source, o.status, description)) continue;
    if (c.type === 'breath-protocol' || c.type === 'breath-sample' || c.type === 'lactose-sample') {
      notImported.push({ source, description, reason: 'A breath reading outside a breath-test DiagnosticReport cannot be placed in a test.' });
      continue;
    }
    if (c.type === 'food') {
      const date = dateOf(o);
      const groupKey = `${c.method}|${date ?? ''}|${o.subject?.reference ?? ''}`;
      const group = looseFood.get(groupKey) ?? { method: c.method, date, items: [] };
      group.items.push({ o, c, source });
      looseFood.set(groupKey, group);
      continue;
    }
    if (c.type === 'stool') {
      // A lab's single calprotectin or elastase Observation: grouped by date and patient into one stool test.
      const date = dateOf(o);
      const groupKey = `${date ?? ''}|${o.subject?.reference ?? ''}`;
      const group = looseStool.get(groupKey) ?? { date, items: [] };
      group.items.push({ o, c, source });
      looseStool.set(groupKey, group);
      continue;
    }
    if (c.type === 'score') {
      const fields = fromComponents(o.component, SCORE_FIELDS);
      propose(
        'score',
        { effectiveDate: dateOf(o), instrument: c.instrument, value: o.valueQuantity?.value, ...fields, ...(o.note?.[0]?.text ? { notes: o.note[0].text } : {}) },
        [source],
        description,
        o.subject,
      );
      continue;
    }
    // H. pylori.
    const fields = fromComponents(o.component, H_PYLORI_FIELDS);
    const input: Record<string, unknown> = { effectiveDate: dateOf(o), method: c.method, ...fields };
    const result = qualitativeResult(o.valueCodeableConcept, o.valueString);
    if (result) input.result = result;
    if (c.method === 'urea_breath_test') {
      // A lab's own UBT: the value as the Observation's quantity, its cut-off as the reference range's upper limit.
      if (fields.deltaOverBaseline === undefined && fields.dpm === undefined && typeof o.valueQuantity?.value === 'number') {
        if (isPermil(o.valueQuantity.unit ?? o.valueQuantity.code)) input.deltaOverBaseline = o.valueQuantity.value;
        else if (isDpm(o.valueQuantity.unit ?? o.valueQuantity.code)) input.dpm = o.valueQuantity.value;
      }
      const high = o.referenceRange?.[0]?.high?.value;
      if (fields.ubtKit === undefined && fields.ubtCutoff === undefined && typeof high === 'number') input.ubtCutoff = high;
      // An answer Axis derived from the reading (its own export marks it) is derived again here, not stored as
      // entered. A lab's stated answer is kept, so one that contradicts its own reading is refused with the reason.
      const derived = (o.extension ?? []).some((x) => x.url === EXTENSIONS.derivedValue && x.valueBoolean === true);
      if (derived && (input.deltaOverBaseline !== undefined || input.dpm !== undefined)) delete input.result;
    } else if (!result) {
      const interpreted = qualitativeResult(o.interpretation?.[0]);
      if (interpreted) input.result = interpreted;
    }
    if (o.note?.[0]?.text) input.notes = o.note[0].text;
    propose('h_pylori', input, [source], description, o.subject);
  }
  for (const group of looseFood.values()) {
    const sources = group.items.map((i) => i.source);
    proposeFoodPanel(group.method, group.items, { date: group.date, report: null, reportMethod: undefined, sources, description: `${group.items.length} food result(s)` });
  }

  for (const group of looseStool.values()) {
    proposeStoolTest(group.items, { date: group.date, report: null, sources: group.items.map((i) => i.source), description: group.items.map((i) => describeConcept(i.o.code)).join(', '), partOf: '' });
  }

  for (const o of others) {
    notImported.push({ source: o.source, description: o.resource.resourceType, reason: `Only lab results (Observation and DiagnosticReport) and PDF documents (DocumentReference) are imported; a ${o.resource.resourceType} is not.` });
  }

  // Documents: a PDF carried in the bundle, checked as an upload is, linked to an imported result it names.
  const documents: ImportDocumentCandidate[] = [];
  const todayDate = today.toISOString().slice(0, 10);
  for (const { source, d } of documentReferences) {
    const description = d.description ?? d.content[0]?.attachment.title ?? describeConcept(d.type);
    const mapped = mapDocumentReference(d, todayDate, latest);
    if (!mapped.ok) {
      notImported.push({ source, description, reason: mapped.reason });
      continue;
    }
    const onRecord = target.existingDocuments?.get(mapped.document.sha256);
    const inBundle = documents.find((x) => x.sha256 === mapped.document.sha256);
    if (onRecord !== undefined || inBundle) {
      notImported.push({ source, description, reason: inBundle ? `The same PDF is already imported from ${inBundle.source}.` : `This PDF is already on the record as “${onRecord}”, so it is not kept twice.` });
      continue;
    }
    const related = (d.context?.related ?? []).map((r) => resolve(r.reference)?.source).filter((s): s is string => Boolean(s));
    const relatedCandidate = candidates.find((c) => c.sources.some((s) => s.split(', ').some((part) => related.includes(part))));
    const { bytes, ...rest } = mapped.document;
    documents.push({ key: `document:${source}`, source, ...rest, relatedCandidateKey: relatedCandidate?.key ?? null, identityMismatch: identityMismatch(d.subject), ...(options.withDocumentBytes ? { bytes } : {}) });
  }
  for (const { source, r } of reports) {
    const members = (r.result ?? []).map((m) => resolve(m.reference)?.source);
    const usedAsPanel = members.some((m) => m !== undefined && [...consumed].includes(m));
    const anyImported = candidates.some((c) => c.sources.some((s) => members.includes(s)));
    // Listed once: a report already listed above (a panel that could not be read whole) is not repeated.
    if (usedAsPanel || anyImported || notImported.some((n) => n.source === source)) continue;
    const badReferences = reportReferenceProblems(source, r.result ?? [], resolve);
    notImported.push({ source, description: describeConcept(r.code), reason: badReferences ?? 'A report whose results Axis could not map; see its observations.' });
  }

  // In the bundle's own order, so the preview reads like the lab report.
  const position = (source: string | undefined) => order.get(source?.split(',')[0] ?? '') ?? Number.MAX_SAFE_INTEGER;
  candidates.sort((a, b) => position(a.sources[0]) - position(b.sources[0]));
  notImported.sort((a, b) => position(a.source) - position(b.source));
  documents.sort((a, b) => position(a.source) - position(b.source));
  return { ok: true, plan: { fingerprint: fingerprintOf(text), candidates, documents, notImported } };
}
