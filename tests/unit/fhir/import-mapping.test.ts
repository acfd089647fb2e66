import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Bundle, Observation } from '@medplum/fhirtypes';
import { describe, expect, it } from 'vitest';
import { buildPatientBundle } from '@/lib/fhir/export-mapping';
import { bundleSizeError, jsonNestingDepth, MAX_BUNDLE_BYTES, MAX_JSON_DEPTH, readBundleStream, TOO_DEEP, utf8ByteLength } from '@/lib/fhir/bundle-limits';
import { fingerprintOf, planBundleImport, resultKey, type ImportPlan } from '@/lib/fhir/import-mapping';
import { resultHandlers } from '@/lib/results/kinds';
import { DATE_OF_BIRTH, LAB_REPORT_ID, LETTER_PDF, MINIMAL_PDF, MRN, RAW_RESULTS, exportSource } from './source-fixture';
import { syntheaStyleBundle } from './synthea-style-bundle';

const LAB_BUNDLE = readFileSync(path.join(import.meta.dirname, '../../e2e/fixtures/fhir-lab-bundle.json'), 'utf8');
const TODAY = new Date('2026-11-23T12:00:00Z');

function plan(text: string, mrn = MRN): ImportPlan {
  const outcome = planBundleImport(text, { mrn, dateOfBirth: DATE_OF_BIRTH }, TODAY);
  if (!outcome.ok) throw new Error(outcome.error);
  return outcome.plan;
}

function refused(text: string): string {
  const outcome = planBundleImport(text, { mrn: MRN, dateOfBirth: DATE_OF_BIRTH }, TODAY);
  if (outcome.ok) throw new Error('expected the bundle to be refused');
  return outcome.error;
}

describe('importing an Axis export (lossless round trip of every result kind)', () => {
  const exported = buildPatientBundle(exportSource());
  const result = plan(JSON.stringify(exported));

  it('maps every exported result back to the same validated input', () => {
    expect(result.candidates.map((c) => c.kind)).toEqual(RAW_RESULTS.map((r) => r.kind));
    result.candidates.forEach((candidate, i) => {
      const raw = RAW_RESULTS[i];
      if (!raw) throw new Error('missing');
      const handler = resultHandlers[raw.kind];
      expect(handler.schema.parse(candidate.input), `${raw.kind} #${i}`).toEqual(handler.schema.parse(raw.input));
    });
  });

  it('lists what is not a lab result (conditions, plan, team, notes) instead of dropping it silently', () => {
    const listed = result.notImported.map((n) => n.description);
    for (const type of ['Condition', 'CareTeam', 'CarePlan', 'Goal', 'Practitioner']) expect(listed).toContain(type);
    // The shared treatment note (Markdown) is listed with its reason; the kept PDFs are documents to keep.
    expect(result.notImported.find((n) => n.description === 'Treatment note')?.reason).toMatch(/text\/markdown: Axis keeps PDF documents only/);
    expect(result.notImported.every((n) => n.reason.length > 10)).toBe(true);
    expect(result.candidates.every((c) => c.identityMismatch === null)).toBe(true);
  });

  it('flags every result when the bundle is about a different patient identifier', () => {
    const other = plan(JSON.stringify(exported), 'AX-999999');
    expect(other.candidates.length).toBe(RAW_RESULTS.length);
    for (const c of other.candidates) expect(c.identityMismatch).toMatch(/AX-100155, not AX-999999/);
  });
});

describe('documents carried in DocumentReferences', () => {
  const exported = buildPatientBundle(exportSource());
  const documentReference = (patch: Record<string, unknown> = {}, attachment: Record<string, unknown> = {}) => {
    const found = exported.entry?.find((e) => e.resource?.id === LAB_REPORT_ID)?.resource;
    if (found?.resourceType !== 'DocumentReference') throw new Error('the export has the lab report');
    const base = found;
    return { ...base, ...patch, content: [{ attachment: { ...base.content[0]?.attachment, ...attachment } }] };
  };
  const bundleWith = (...resources: unknown[]) => JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: resources.map((resource) => ({ resource })) });
  const reasonFor = (resource: unknown) => plan(bundleWith(resource)).notImported.find((n) => n.source.startsWith('DocumentReference/'))?.reason;

  it('keeps the exported PDFs, linked to the result they belong to, with their type, title and date', () => {
    const result = plan(JSON.stringify(exported));
    expect(result.documents.map((d) => ({ category: d.category, title: d.title, documentDate: d.documentDate, byteSize: d.byteSize }))).toEqual([
      { category: 'lab_report', title: 'Northfield Diagnostics breath test report', documentDate: '2025-03-10', byteSize: MINIMAL_PDF.byteLength },
      { category: 'clinic_letter', title: 'Letter to the family doctor', documentDate: '2025-04-01', byteSize: LETTER_PDF.byteLength },
    ]);
    const breath = result.candidates.find((c) => c.kind === 'breath_test');
    expect(result.documents[0]?.relatedCandidateKey).toBe(breath?.key);
    expect(result.documents[1]?.relatedCandidateKey).toBeNull();
    // The preview never carries the file; the save asks for it.
    expect(result.documents[0]?.bytes).toBeUndefined();
    const forSave = planBundleImport(JSON.stringify(exported), { mrn: MRN, dateOfBirth: DATE_OF_BIRTH }, TODAY, { withDocumentBytes: true });
    expect(forSave.ok && Buffer.from(forSave.plan.documents[0]?.bytes ?? []).equals(Buffer.from(MINIMAL_PDF))).toBe(true);
  });

  it('reads a lab’s DocumentReference typed only in LOINC, with no size or hash', () => {
    const lab = { resourceType: 'DocumentReference', id: 'lab-1', status: 'current', type: { coding: [{ system: 'http://loinc.org', code: '11502-2' }] }, content: [{ attachment: { contentType: 'application/pdf', data: Buffer.from(MINIMAL_PDF).toString('base64') } }], date: '2026-11-20T08:00:00Z' };
    expect(plan(bundleWith(lab)).documents).toMatchObject([{ category: 'lab_report', title: 'Lab report', documentDate: '2026-11-20', relatedCandidateKey: null }]);
    const referral = { ...lab, id: 'ref-1', type: { coding: [{ system: 'http://loinc.org', code: '57133-1' }] }, description: 'Referral from Dr Ames' };
    expect(plan(bundleWith(referral)).documents).toMatchObject([{ category: 'referral_letter', title: 'Referral from Dr Ames' }]);
  });

  it('refuses, each with its reason: a link only, a wrong size, a wrong hash, not a PDF, not current, a future date, bad base64', () => {
    expect(reasonFor(documentReference({}, { data: undefined, url: 'https://lab.example/reports/1.pdf' }))).toMatch(/only by its address \(attachment\.url\)/);
    expect(reasonFor(documentReference({}, { size: 99 }))).toMatch(/says it is 99 bytes but carries/);
    expect(reasonFor(documentReference({}, { hash: Buffer.from('x').toString('base64') }))).toMatch(/does not match its SHA-1 hash/);
    const script = Buffer.from('<script>alert(1)</script>');
    expect(reasonFor(documentReference({}, { data: script.toString('base64'), size: script.byteLength, hash: undefined }))).toMatch(/refused: This file is not a PDF/);
    expect(reasonFor(documentReference({ status: 'entered-in-error' }))).toMatch(/only current documents/);
    expect(reasonFor(documentReference({}, { creation: '2099-01-01' }))).toMatch(/2099-01-01 is in the future/);
    expect(reasonFor(documentReference({}, { data: '%%%not base64', size: undefined, hash: undefined }))).toMatch(/not valid base64/);
    expect(reasonFor(documentReference({}, { contentType: 'image/png' }))).toMatch(/image\/png: Axis keeps PDF documents only/);
  });

  it('does not keep a PDF twice: already on the record, or twice in one bundle', () => {
    const outcome = planBundleImport(JSON.stringify(exported), { mrn: MRN, dateOfBirth: DATE_OF_BIRTH, existingDocuments: new Map([[createHash('sha256').update(MINIMAL_PDF).digest('hex'), 'UBT report']]) }, TODAY);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.plan.documents.map((d) => d.title)).toEqual(['Letter to the family doctor']);
    expect(outcome.plan.notImported.find((n) => n.source === `DocumentReference/${LAB_REPORT_ID}`)?.reason).toBe('This PDF is already on the record as “UBT report”, so it is not kept twice.');
    const twice = plan(bundleWith(documentReference(), documentReference({ id: 'copy' })));
    expect(twice.documents).toHaveLength(1);
    expect(twice.notImported.find((n) => n.source === 'DocumentReference/copy')?.reason).toMatch(/same PDF is already imported from DocumentReference\//);
  });

  it('refuses a DocumentReference without content as a broken bundle', () => {
    expect(refused(bundleWith({ resourceType: 'DocumentReference', status: 'current', content: [] }))).toMatch(/needs content/);
  });
});

describe('importing a lab bundle', () => {
  const result = plan(LAB_BUNDLE);

  it('maps the sIgE panel, the UBT (value and reference-range cut-off) and the stool antigen', () => {
    const byKind = { food_panel: result.candidates.filter((c) => c.kind === 'food_panel'), h_pylori: result.candidates.filter((c) => c.kind === 'h_pylori') };
    expect(byKind.food_panel).toHaveLength(1);
    expect(byKind.food_panel?.[0]?.input).toEqual({
      effectiveDate: '2026-11-02',
      method: 'specific_ige',
      laboratory: 'Northside Laboratory',
      items: [
        { food: 'Peanut', value: 2.1, unit: 'kU/L' },
        { food: "Cow's milk", value: 0.2, unit: 'kU/L' },
        { food: 'Wheat', value: 0.05, unit: 'kU/L' },
      ],
    });
    const [ubt, stool] = byKind.h_pylori ?? [];
    expect(ubt?.input).toEqual({ effectiveDate: '2026-11-02', method: 'urea_breath_test', deltaOverBaseline: 9.8, ubtCutoff: 4 });
    expect(ubt?.summary).toMatch(/positive/i);
    expect(stool?.input).toEqual({ effectiveDate: '2026-10-20', method: 'stool_antigen', result: 'negative' });
  });

  it('lists the observations it does not understand, with the reason', () => {
    expect(result.notImported.map((n) => n.source)).toEqual(['Observation/total-ige', 'Observation/glucose']);
    expect(result.notImported[1]?.description).toMatch(/Glucose.*LOINC 2345-7/);
    expect(result.notImported[1]?.reason).toMatch(/not one Axis maps/);
  });

  it('skips a result already on the record (compared by kind and validated values, in any key order)', () => {
    const stool = result.candidates.find((c) => c.input.method === 'stool_antigen');
    expect(stool).toBeDefined();
    const stored = { result: 'negative', purpose: 'diagnosis', method: 'stool_antigen', effectiveDate: '2026-10-20' };
    const again = planBundleImport(LAB_BUNDLE, { mrn: MRN, dateOfBirth: DATE_OF_BIRTH, existing: new Set([resultKey('h_pylori', stored)]) }, TODAY);
    if (!again.ok) throw new Error(again.error);
    expect(again.plan.candidates.map((c) => c.input.method ?? c.kind)).toEqual(['specific_ige', 'urea_breath_test']);
    expect(again.plan.notImported.find((n) => n.source === 'Observation/stool-antigen')?.reason).toMatch(/already on the record/);
    expect(resultKey('h_pylori', { ...stored, result: 'positive' })).not.toBe(resultKey('h_pylori', stored));
  });

  it('fingerprints the exact text previewed', () => {
    expect(result.fingerprint).toBe(fingerprintOf(LAB_BUNDLE));
    expect(fingerprintOf(`${LAB_BUNDLE} `)).not.toBe(result.fingerprint);
  });

  it('lists (does not import) a result that fails the kind rules, with the rule’s own message', () => {
    const bundle = JSON.parse(LAB_BUNDLE) as Bundle;
    const ubt = bundle.entry?.find((e) => e.resource?.id === 'ubt')?.resource as Observation;
    delete ubt.referenceRange; // no kit and no cut-off: the UBT schema refuses it
    const p = plan(JSON.stringify(bundle));
    expect(p.candidates.map((c) => c.kind)).toEqual(['food_panel', 'h_pylori']);
    expect(p.notImported.find((n) => n.source === 'Observation/ubt')?.reason).toMatch(/Choose the UBT kit, or enter the cut-off/);
  });

  it('does not import preliminary results, future dates, or a breath test without its NAC preparation checklist', () => {
    const bundle = JSON.parse(LAB_BUNDLE) as Bundle;
    const stool = bundle.entry?.find((e) => e.resource?.id === 'stool-antigen')?.resource as Observation;
    stool.status = 'preliminary';
    const ubt = bundle.entry?.find((e) => e.resource?.id === 'ubt')?.resource as Observation;
    ubt.effectiveDateTime = '2027-01-01';
    bundle.entry?.push(
      { fullUrl: 'urn:uuid:b1', resource: { resourceType: 'DiagnosticReport', id: 'lactose', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '50584-2' }] }, effectiveDateTime: '2026-11-01', result: [{ reference: 'urn:uuid:b2' }, { reference: 'urn:uuid:b3' }] } },
      { fullUrl: 'urn:uuid:b2', resource: { resourceType: 'Observation', id: 'h2-0', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '33490-4' }] }, valueQuantity: { value: 5, unit: '[ppm]' } } },
      { fullUrl: 'urn:uuid:b3', resource: { resourceType: 'Observation', id: 'h2-30', status: 'final', code: { coding: [{ system: 'http://loinc.org', code: '33491-2' }] }, valueQuantity: { value: 30, unit: '[ppm]' } } },
    );
    const p = plan(JSON.stringify(bundle));
    expect(p.candidates.map((c) => c.kind)).toEqual(['food_panel']);
    const reasons = Object.fromEntries(p.notImported.map((n) => [n.source.split(',')[0], n.reason]));
    expect(reasons['Observation/stool-antigen']).toMatch(/preliminary/);
    expect(reasons['Observation/ubt']).toMatch(/future/);
    expect(reasons['DiagnosticReport/lactose']).toMatch(/substrate dose|preparation checklist/);
  });

  it('flags an observation whose subject carries another identifier', () => {
    const bundle = JSON.parse(LAB_BUNDLE) as Bundle;
    const stool = bundle.entry?.find((e) => e.resource?.id === 'stool-antigen')?.resource as Observation;
    stool.subject = { identifier: { system: 'urn:lab', value: 'LAB-778' } };
    const p = plan(JSON.stringify(bundle));
    expect(p.candidates.find((c) => c.input.method === 'stool_antigen')?.identityMismatch).toMatch(/LAB-778/);
    expect(p.candidates.find((c) => c.input.method === 'urea_breath_test')?.identityMismatch).toBeNull();
  });
});

describe('lab encodings of H. pylori results', () => {
  const patient = { resourceType: 'Patient', id: 'p', identifier: [{ system: 'urn:oid:x', value: MRN }] };
  const bundleOf = (...observations: Record<string, unknown>[]) =>
    JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:p', resource: patient }, ...observations.map((resource) => ({ resource }))] });
  const obs = (id: string, loinc: string, value: Record<string, unknown>) => ({
    resourceType: 'Observation',
    id,
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: loinc }] },
    subject: { reference: 'urn:uuid:p' },
    effectiveDateTime: '2026-10-01',
    ...value,
  });
  const snomed = (code: string) => ({ valueCodeableConcept: { coding: [{ system: 'http://snomed.info/sct', code }] } });

  it.each([
    ['10828004', 'positive'],
    ['260385009', 'negative'],
    ['260373001', 'positive'],
    ['260415000', 'negative'],
    ['82334004', 'indeterminate'],
  ])('reads SNOMED CT %s with no display as %s (stool antigen)', (code, expected) => {
    const [candidate] = plan(bundleOf(obs('sa', '31843-6', snomed(code)))).candidates;
    expect(candidate?.input).toEqual({ effectiveDate: '2026-10-01', method: 'stool_antigen', result: expected });
  });

  it('keeps a urea breath test reported only as positive or negative as the lab’s qualitative result', () => {
    const [candidate] = plan(bundleOf(obs('ubt', '29891-9', snomed('260385009')))).candidates;
    expect(candidate?.input).toEqual({ effectiveDate: '2026-10-01', method: 'urea_breath_test', result: 'negative' });
    expect(candidate?.summary).toMatch(/negative/i);
  });

  it('refuses two resources with the same id: contradictory ones, and identical copies, naming the entries', () => {
    const positive = obs('sa', '31843-6', snomed('10828004'));
    const negative = obs('sa', '31843-6', snomed('260385009'));
    expect(refused(bundleOf(positive, negative))).toBe('Entries 2 and 3 are both Observation/sa but say different things, so Axis cannot tell which is right. Ask the sender for a corrected bundle; nothing was imported.');
    expect(refused(bundleOf(positive, positive))).toMatch(/^Entries 2 and 3 are both Observation\/sa: a bundle lists each resource once\./);
  });

  it('describes a report that lists itself as a reference cycle, and lists it once', () => {
    const report = (result: { reference: string }[]) => ({
      resourceType: 'DiagnosticReport',
      id: 'r',
      status: 'final',
      code: { coding: [{ system: 'http://loinc.org', code: '24338-6' }] },
      subject: { reference: 'urn:uuid:p' },
      result,
    });
    const selfOnly = plan(bundleOf(report([{ reference: 'DiagnosticReport/r' }])));
    expect(selfOnly.notImported).toEqual([{ source: 'DiagnosticReport/r', description: expect.any(String), reason: 'It lists itself among its results (DiagnosticReport/r), a reference cycle.' }]);
    const mixed = plan(bundleOf(report([{ reference: 'DiagnosticReport/r' }, { reference: 'Observation/gone' }, { reference: 'urn:uuid:p' }])));
    expect(mixed.notImported.filter((n) => n.source === 'DiagnosticReport/r')).toEqual([
      {
        source: 'DiagnosticReport/r',
        description: expect.any(String),
        reason: 'It lists itself among its results (DiagnosticReport/r), a reference cycle. Its results must be Observations, but urn:uuid:p is a Patient. It refers to results that are not in the bundle (Observation/gone).',
      },
    ]);
  });

  it('lists a food panel that lists itself once, saying why it cannot be read whole', () => {
    const peanut = obs('peanut', '6206-7', { valueQuantity: { value: 2.1, unit: 'kU/L' } });
    const panel = { resourceType: 'DiagnosticReport', id: 'panel', status: 'final', code: { text: 'Food sIgE panel' }, subject: { reference: 'urn:uuid:p' }, result: [{ reference: 'Observation/peanut' }, { reference: 'DiagnosticReport/panel' }] };
    const out = plan(bundleOf(peanut, panel));
    expect(out.notImported.filter((n) => n.source === 'DiagnosticReport/panel').map((n) => n.reason)).toEqual([
      'It lists itself among its results (DiagnosticReport/panel), a reference cycle. It cannot be read whole.',
    ]);
  });

  it('still needs a cut-off for a UBT reading: a DOB value with no kit or range is listed, not guessed', () => {
    const out = plan(bundleOf(obs('ubt', '29891-9', { valueQuantity: { value: 3.1, unit: '‰' } })));
    expect(out.candidates).toEqual([]);
    expect(out.notImported[0]?.reason).toMatch(/UBT kit|cut-off/);
  });
});

describe('lab encodings of stool tests (DOMAIN.md §8)', () => {
  const patient = { resourceType: 'Patient', id: 'p', identifier: [{ system: 'urn:oid:x', value: MRN }] };
  const bundleOf = (...resources: Record<string, unknown>[]) =>
    JSON.stringify({ resourceType: 'Bundle', type: 'collection', entry: [{ fullUrl: 'urn:uuid:p', resource: patient }, ...resources.map((resource) => ({ resource }))] });
  const calprotectin = (extra: Record<string, unknown> = {}) => ({
    resourceType: 'Observation',
    id: 'fc',
    status: 'final',
    code: { coding: [{ system: 'http://loinc.org', code: '38445-3' }], text: 'Calprotectin, stool' },
    subject: { reference: 'urn:uuid:p' },
    effectiveDateTime: '2026-10-01',
    valueQuantity: { value: 212, unit: 'ug/g', system: 'http://unitsofmeasure.org', code: 'ug/g' },
    referenceRange: [{ high: { value: 50, unit: 'ug/g' } }],
    method: { text: 'Bühlmann fCAL turbo' },
    performer: [{ display: 'Eastside Pathology' }],
    ...extra,
  });

  it('imports a lab’s own calprotectin Observation with its reference range as the lab interval', () => {
    const [candidate, ...rest] = plan(bundleOf(calprotectin())).candidates;
    expect(rest).toHaveLength(0);
    expect(candidate?.kind).toBe('stool_test');
    expect(candidate?.input).toEqual({
      effectiveDate: '2026-10-01',
      calprotectin: { value: 212, unit: 'ug/g', labInterval: { normalBelow: 50 }, assay: 'Bühlmann fCAL turbo', laboratory: 'Eastside Pathology' },
    });
    expect(candidate?.summary).toMatch(/above the lab's reference interval/);
  });

  it('groups a lab’s calprotectin and elastase of one day into one stool test; elastase by LOINC 25907-7', () => {
    const elastase = { ...calprotectin(), id: 'fe', code: { coding: [{ system: 'http://loinc.org', code: '25907-7' }] }, valueQuantity: { value: 80, unit: 'µg/g' }, referenceRange: undefined, component: [] };
    const [candidate] = plan(bundleOf(calprotectin(), elastase)).candidates;
    // Elastase needs the sample consistency, which this lab did not send: listed with the schema's own message.
    expect(candidate).toBeUndefined();
    const listed = plan(bundleOf(calprotectin(), elastase)).notImported.map((n) => n.reason).join(' ');
    expect(listed).toMatch(/Choose the sample consistency/);
  });

  it('lists (never guesses) a calprotectin without the lab’s interval, or in a unit it would have to convert', () => {
    const noRange = plan(bundleOf(calprotectin({ referenceRange: undefined })));
    expect(noRange.candidates).toHaveLength(0);
    expect(noRange.notImported[0]?.reason).toMatch(/upper limit of normal/i);
    const otherUnit = plan(bundleOf(calprotectin({ valueQuantity: { value: 21.2, unit: 'mg/dL' } })));
    expect(otherUnit.candidates).toHaveLength(0);
    expect(otherUnit.notImported[0]?.reason).toMatch(/Calprotectin/);
  });

  it('applies no adult band to a child’s calprotectin on import either', () => {
    const outcome = planBundleImport(bundleOf(calprotectin()), { mrn: MRN, dateOfBirth: '2015-03-01' }, TODAY);
    if (!outcome.ok) throw new Error(outcome.error);
    expect(outcome.plan.candidates[0]?.summary).toMatch(/adult bands are not applied under 18/);
  });
});

describe('a Synthea-style full-history patient (over 1 MB and 2,000 entries)', () => {
  const text = syntheaStyleBundle({ mrn: MRN });
  const out = plan(text);

  it('is the size the issue reports and reads without error', () => {
    expect(utf8ByteLength(text)).toBeGreaterThan(1_000_000);
    expect((JSON.parse(text) as { entry: unknown[] }).entry.length).toBeGreaterThan(2_000);
  });

  it('imports the two lab-coded H. pylori results and nothing else, for the right patient', () => {
    expect(out.candidates.map((c) => c.input)).toEqual([
      { effectiveDate: '2026-09-14', method: 'stool_antigen', result: 'positive' },
      { effectiveDate: '2026-11-02', method: 'urea_breath_test', result: 'negative' },
    ]);
    expect(out.candidates.every((c) => c.identityMismatch === null)).toBe(true);
  });

  it('lists everything else with a reason: vital signs, notes, encounters, conditions, the care plan', () => {
    const reasons = new Map<string, string>();
    for (const n of out.notImported) reasons.set(n.source.split('/')[0] ?? '', n.reason);
    expect([...reasons.keys()].sort()).toEqual(['CarePlan', 'Condition', 'DiagnosticReport', 'Encounter', 'Observation']);
    expect(reasons.get('Encounter')).toMatch(/Only lab results/);
    expect(out.notImported.filter((n) => n.source.startsWith('Observation/')).every((n) => /not one Axis maps/.test(n.reason))).toBe(true);
  });

  it('flags every result when the record number is another hospital’s', () => {
    const other = plan(syntheaStyleBundle({ mrn: 'MRN-0000001', years: 1 }));
    expect(other.candidates.map((c) => c.identityMismatch)).toEqual([expect.stringMatching(/not AX-/), expect.stringMatching(/not AX-/)]);
  });
});

describe('refusing bad bundles as a whole, with a clear message', () => {
  it.each([
    ['', /Choose a FHIR Bundle file/],
    ['{"resourceType": "Bundle", "entry": [', /not valid JSON/],
    ['[1, 2]', /expected a JSON object/],
    ['{"resourceType": "Patient", "id": "x"}', /resourceType must be "Bundle"/],
    ['{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Condition", "id": "a\\u0000b"}}]}', /NUL character/],
    ['{"resourceType": "Bundle", "type": "collection"}', /no "entry" list/],
    ['{"resourceType": "Bundle", "entry": []}', /no entries/],
    ['{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation", "id": "o1", "code": {"text": "x"}}}]}', /Entry 1 \(Observation\/o1\).*status/],
    ['{"resourceType": "Bundle", "entry": [{"resource": {"resourceType": "Observation", "status": "final", "code": {"coding": "6206-7"}}}]}', /Entry 1.*code\.coding/],
  ])('%s', (text, message) => {
    expect(refused(text)).toMatch(message);
  });

  it('refuses an upload over 5 MB counted in bytes, with one message: multi-byte text under the limit in characters is over it in bytes', () => {
    expect(refused(' '.repeat(MAX_BUNDLE_BYTES) + '{}')).toBe('The bundle is 5.0 MB (5,000,002 bytes); the limit is 5 MB (5,000,000 bytes) per bundle. Split it into smaller bundles; nothing was imported.');
    // 2 million “é” are 2 million characters but 4 MB; 3 million are 6 MB.
    const accented = (n: number) => `{"resourceType": "Bundle", "entry": [], "note": "${'é'.repeat(n)}"}`;
    expect(refused(accented(2_000_000))).not.toMatch(/limit is/);
    expect(refused(accented(3_000_000))).toMatch(/^The bundle is 6\.0 MB \(6,000,0\d\d bytes\); the limit is 5 MB/);
  });

  it('refuses a deeply nested file with a clear message, not a crash', () => {
    const deep = `{"resourceType": "Bundle", "entry": [{"resource": ${'['.repeat(200_000)}${']'.repeat(200_000)}}]}`;
    expect(refused(deep)).toBe(`The file nests objects or arrays more than ${MAX_JSON_DEPTH} levels deep, which no FHIR Bundle needs. Nothing was imported.`);
    // Brackets inside strings do not count.
    expect(jsonNestingDepth(`{"a": "${'['.repeat(500)}", "b": [[1]]}`)).toBe(3);
  });
});

describe('reading a bundle file as a stream (the browser’s file upload)', () => {
  /** A stream that hands out the bytes in chunks of `size`, and counts how many chunks were pulled. */
  function chunked(bytes: Uint8Array, size = 64 * 1024) {
    const state = { pulled: 0, cancelled: false };
    let at = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (at >= bytes.byteLength) return controller.close();
        state.pulled++;
        controller.enqueue(bytes.subarray(at, at + size));
        at += size;
      },
      cancel() {
        state.cancelled = true;
      },
    });
    return { stream, state };
  }
  const utf8 = (text: string) => new TextEncoder().encode(text);

  it('reads a UTF-8 bundle whole, a character split across chunks included, and drops a byte-order mark', async () => {
    const text = JSON.stringify({ resourceType: 'Bundle', entry: [{ resource: { resourceType: 'Observation', note: [{ text: 'µg/g → Zoë 🙂' }] } }] });
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(text)]);
    for (const size of [1, 2, 3, 7, 1024]) expect(await readBundleStream(chunked(bytes, size).stream)).toEqual({ ok: true, text });
  });

  it('stops at the limit without reading the rest, whatever size the file claimed', async () => {
    const big = new Uint8Array(MAX_BUNDLE_BYTES * 4).fill(0x20);
    const { stream, state } = chunked(big);
    expect(await readBundleStream(stream)).toEqual({ ok: false, error: 'The bundle is over the limit of 5 MB (5,000,000 bytes) per bundle. Split it into smaller bundles; nothing was imported.' });
    expect(state.pulled).toBe(Math.ceil((MAX_BUNDLE_BYTES + 1) / (64 * 1024)));
    expect(state.cancelled).toBe(true);
  });

  it('refuses a file in another encoding instead of garbling it', async () => {
    const latin1 = new Uint8Array([...utf8('{"resourceType": "Bundle", "note": "Zo'), 0xeb, ...utf8('"}')]);
    expect(await readBundleStream(chunked(latin1).stream)).toMatchObject({ ok: false, error: expect.stringMatching(/^The file is not UTF-8 text/) });
    const cut = utf8('{"a": "é"}').subarray(0, 8);
    expect(await readBundleStream(chunked(cut).stream)).toMatchObject({ ok: false, error: expect.stringMatching(/ends in the middle of a character/) });
  });

  it('refuses deep nesting as soon as it arrives, counted across chunks', async () => {
    const deep = utf8(`{"resourceType": "Bundle", "entry": ${'['.repeat(100)}${' '.repeat(1_000_000)}${']'.repeat(100)}}`);
    const { stream, state } = chunked(deep);
    expect(await readBundleStream(stream)).toEqual({ ok: false, error: TOO_DEEP });
    expect(state.pulled).toBe(1);
    // A string's brackets and escaped quotes, split across chunks, do not count.
    const tricky = utf8(`{"a": "\\\"${'['.repeat(100)}", "b": [1]}`);
    expect(await readBundleStream(chunked(tricky, 3).stream)).toMatchObject({ ok: true });
  });
});

describe('bundle limits, as the browser and the server both measure them', () => {
  it('counts UTF-8 bytes, surrogate pairs as 4', () => {
    expect(utf8ByteLength('abc')).toBe(3);
    expect(utf8ByteLength('é')).toBe(2);
    expect(utf8ByteLength('µg/g')).toBe(5);
    expect(utf8ByteLength('→')).toBe(3);
    expect(utf8ByteLength('🙂')).toBe(4);
    expect(utf8ByteLength('\t\n"')).toBe(3);
    for (const sample of ['Zoë “x”', '🙂é\u0001', 'plain']) expect(utf8ByteLength(sample)).toBe(Buffer.byteLength(sample, 'utf8'));
  });
  it('says nothing under the limit', () => {
    expect(bundleSizeError(MAX_BUNDLE_BYTES)).toBeNull();
    expect(bundleSizeError(MAX_BUNDLE_BYTES + 1)).toMatch(/limit is 5 MB \(5,000,000 bytes\) per bundle/);
  });
});
