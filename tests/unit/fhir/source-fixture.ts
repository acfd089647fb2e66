import { resultHandlers } from '@/lib/results/kinds';
import type { ExportResult, ExportSource } from '@/lib/fhir/export-mapping';
import type { ResultKind } from '@/lib/results/result-kinds';

// One patient holding every result kind and every optional field the FHIR mapping carries, as
// lib/fhir/queries.ts would hand it to the pure mapping. Inputs go through the kinds' own schemas.

export const PATIENT_ID = '0b8e7c1a-51f5-4c1e-9d7e-2f3a4b5c6d7e';
export const MRN = 'AX-100155';
export const DATE_OF_BIRTH = '1991-04-12';
const DERM = '1c0a9f4e-2b3d-4e5f-8a9b-0c1d2e3f4a5b';
const NUTRITION = '2d1b0a5f-3c4e-4f60-9b0c-1d2e3f4a5b6c';

export const RAW_RESULTS: { kind: ResultKind; input: Record<string, unknown> }[] = [
  {
    kind: 'breath_test',
    input: {
      effectiveDate: '2025-03-10',
      substrate: { kind: 'lactulose', doseGrams: 10 },
      preparation: { antibioticsWithin4Weeks: false, promotilityOrLaxativesWithin1Week: false, fermentableFoodsDayBefore: true, fasted8to12h: true, smokedOnTestDay: false, physicalActivityDuringTest: false, ppiUse: true, probioticsOrPrebiotics: false },
      readings: [
        { minute: 0, h2: 6, ch4: 2, h2s: 1 },
        { minute: 30, h2: 14, ch4: 3, h2s: 2 },
        { minute: 60, h2: 31.5, ch4: 12 },
        { minute: 90, h2: 48, ch4: 14 },
      ],
      device: 'QuinTron BreathTracker SC',
      notes: 'Bloating at 60 min.',
    },
  },
  {
    kind: 'breath_test',
    input: {
      effectiveDate: '2025-04-01',
      substrate: { kind: 'other', doseGrams: 25, name: 'Lactose' },
      preparation: { antibioticsWithin4Weeks: false, promotilityOrLaxativesWithin1Week: false, fermentableFoodsDayBefore: false, fasted8to12h: true, smokedOnTestDay: false, physicalActivityDuringTest: false, ppiUse: false },
      readings: [
        { minute: 0, h2: 4, ch4: 1 },
        { minute: 30, h2: 5, ch4: 1 },
        { minute: 45, h2: 9, ch4: 2 },
        { minute: 60, h2: 30, ch4: 2 },
      ],
    },
  },
  { kind: 'h_pylori', input: { effectiveDate: '2025-02-01', method: 'urea_breath_test', ubtKit: 'breathid_hp', deltaOverBaseline: 12.4, ppiLastTakenDaysAgo: 30, antibioticsWithin4Weeks: false } },
  { kind: 'h_pylori', input: { effectiveDate: '2025-02-03', method: 'urea_breath_test', ubtKit: 'pytest_c14', dpm: 120, result: 'indeterminate' } },
  { kind: 'h_pylori', input: { effectiveDate: '2025-02-05', method: 'urea_breath_test', ubtCutoff: 4, deltaOverBaseline: 2.2, bismuthLastTakenDaysAgo: 3, bismuthWithin2Weeks: true } },
  {
    kind: 'h_pylori',
    input: { effectiveDate: '2025-06-20', method: 'stool_antigen', result: 'negative', purpose: 'test_of_cure', eradicationTherapyEndDate: '2025-05-10', h2BlockerWithin2Weeks: false, notes: 'Test of cure after triple therapy.' },
  },
  { kind: 'h_pylori', input: { effectiveDate: '2024-12-01', method: 'serology', result: 'positive' } },
  {
    kind: 'food_panel',
    input: {
      effectiveDate: '2025-01-15',
      method: 'specific_ige',
      laboratory: 'Example Diagnostics',
      items: [
        { food: 'Peanut', value: 2.1 },
        { food: "Cow's milk", value: 0.2, unit: 'kUA/L' },
        { food: 'Hazelnut', value: 0.05, unit: 'k[IU]/L' },
      ],
      notes: 'Ordered for a clear history of lip swelling.',
    },
  },
  { kind: 'food_panel', input: { effectiveDate: '2025-01-20', method: 'igg', cutoff: 7.5, items: [{ food: 'Egg white', value: 6, unit: 'U/mL' }, { food: 'Wheat', value: 12, unit: 'U/mL' }] } },
  {
    kind: 'food_panel',
    input: { effectiveDate: '2025-05-01', method: 'elimination_rechallenge', items: [{ food: 'Dairy', outcome: 'reaction' }, { food: 'Gluten', outcome: 'no_reaction' }, { food: 'Eggs', outcome: 'inconclusive' }] },
  },
  { kind: 'food_panel', input: { effectiveDate: '2025-05-02', method: 'skin_prick', cutoff: 3, items: [{ food: 'Shrimp', value: 5 }] } },
  { kind: 'score', input: { effectiveDate: '2025-03-01', instrument: 'easi', value: 14.3, notes: 'Flare on both arms.' } },
  {
    kind: 'stool_test',
    input: {
      effectiveDate: '2025-04-10',
      calprotectin: { value: 180, unit: 'ug/g', labInterval: { normalBelow: 50, indeterminateUpTo: 120 }, assay: 'Bühlmann fCAL ELISA', laboratory: 'Northside Lab', nsaidsWithinTwoWeeks: false },
      elastase: { value: 140, consistency: 'watery', onPert: false, laboratory: 'Northside Lab' },
      fit: { value: 4, assay: 'oc_sensor', laboratory: 'Northside Lab' },
      microbiome: {
        method: '16s',
        laboratory: 'GutMap Direct',
        orderedBy: 'Self (direct to consumer)',
        alphaDiversity: [{ metric: 'Shannon', value: 3.4 }],
        taxa: [{ name: 'Faecalibacterium prausnitzii', relativeAbundance: 6.1 }, { name: 'Akkermansia muciniphila', relativeAbundance: 0.4 }],
        labIndex: { name: 'GutMap balance index', value: 62, labRange: { low: 50, high: 100 } },
        scfa: [{ name: 'Butyrate', value: 14.2, unit: 'umol/g', labRange: { low: 10, high: 30 } }, { name: 'Acetate', value: 40, unit: 'umol/g' }],
      },
      notes: 'Brought in by the patient.',
    },
  },
  { kind: 'stool_test', input: { effectiveDate: '2025-06-02', calprotectin: { value: 95, unit: 'mg/kg', labInterval: { normalBelow: 80 }, assay: 'Liaison', laboratory: 'Parkview' } } },
  { kind: 'score', input: { effectiveDate: '2025-03-02', instrument: 'dlqi', value: 12, reportedBy: 'patient' } },
];

/** The stored shape: what lib/results writes (zod output + derived interpretation). */
export function storedResults(raw = RAW_RESULTS): ExportResult[] {
  return raw.map(({ kind, input }, i) => {
    const handler = resultHandlers[kind];
    const data = handler.schema.parse(input) as never;
    const derived = handler.derive(data, { dateOfBirth: DATE_OF_BIRTH });
    const id = `7a6b5c4d-3e2f-4a1b-8c9d-${String(i).padStart(12, '0')}`;
    const base = { id, version: 1, title: derived.title, summary: derived.summary, enteredAt: '2025-07-01T10:00:00.000Z' };
    return kind === 'h_pylori'
      ? { ...base, kind, input: data, interpretation: { result: String(derived.interpretation.result) } }
      : ({ ...base, kind, input: data } as ExportResult);
  });
}

/** A small, well-formed PDF (header, catalog, end marker): what lib/documents/pdf.ts accepts. */
export const MINIMAL_PDF = new TextEncoder().encode('%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const LETTER_PDF = new TextEncoder().encode('%PDF-1.4\n% clinic letter\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
export const LAB_REPORT_ID = 'ad9c8b3e-1f20-4be8-9d8e-9f0a1b2c3d4e';

export function exportSource(overrides: Partial<ExportSource> = {}): ExportSource {
  return {
    patient: { id: PATIENT_ID, mrn: MRN, givenName: 'Maya', familyName: 'Chen', dateOfBirth: DATE_OF_BIRTH, sex: 'female', email: 'maya.chen@example.com', phone: '+1 555 0100', addressLine: '12 Harbour St' },
    conditions: [
      { id: '3e2c1b6a-4d5f-4a71-8c1d-2e3f4a5b6c7d', codeSystem: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'L20.9', display: 'Atopic dermatitis, unspecified', onsetDate: '2019-05-01', clinicalStatus: 'active' },
      { id: '4f3d2c7b-5e6a-4b82-9d2e-3f4a5b6c7d8e', codeSystem: 'http://hl7.org/fhir/sid/icd-10-cm', code: 'K63.8211', display: 'Small intestinal bacterial overgrowth, hydrogen-subtype', onsetDate: null, clinicalStatus: 'remission' },
    ],
    practitioners: [
      { id: DERM, name: 'Dr Elena Rivera', specialty: 'dermatology' },
      { id: NUTRITION, name: 'Nina Patel', specialty: 'nutrition' },
    ],
    careTeam: [
      { userId: DERM, role: 'lead', addedAt: '2024-01-01T09:00:00.000Z' },
      { userId: NUTRITION, role: 'member', addedAt: '2024-01-02T09:00:00.000Z' },
    ],
    goals: [{ id: '5a4e3d8c-6f7b-4c93-8e3f-4a5b6c7d8e9f', description: 'EASI below 7 by March', targetInstrument: 'easi', targetValue: '< 7', targetDate: '2026-03-01', status: 'active' }],
    interventions: [
      {
        id: '6b5f4e9d-7a8c-4da4-9f4a-5b6c7d8e9f0a',
        goalId: '5a4e3d8c-6f7b-4c93-8e3f-4a5b6c7d8e9f',
        kind: 'probiotic',
        title: 'Probiotic trial',
        description: 'Lacticaseibacillus rhamnosus GG, 10 billion CFU/day',
        ownerUserId: NUTRITION,
        ownerSpecialty: 'nutrition',
        status: 'active',
        statusReason: null,
        startDate: '2025-02-01',
        endDate: '2025-05-01',
      },
      { id: '7c6a5f0e-8b9d-4eb5-8a5b-6c7d8e9f0a1b', goalId: null, kind: 'lifestyle', title: 'Sleep hygiene', description: '', ownerUserId: DERM, ownerSpecialty: 'dermatology', status: 'stopped', statusReason: 'Patient preference', startDate: null, endDate: null },
    ],
    protocols: [
      {
        id: '9e8c7b2a-0d1f-4ad7-8c7d-8e9f0a1b2c3d',
        status: 'active',
        statusReason: null,
        createdAt: '2025-06-01T10:00:00.000Z',
        supervisorId: NUTRITION,
        foods: ['Dairy (cow’s milk)', 'Wheat / gluten', 'Egg'],
        eliminationFrom: '2025-06-02',
        eliminationTo: '2025-06-29',
        reason: 'Clinical suspicion: flares after dairy and bread',
        challenges: [
          {
            food: 'Wheat / gluten',
            days: [
              { date: '2025-06-30', portion: '1 slice' },
              { date: '2025-07-01', portion: '2 slices' },
            ],
            washoutTo: '2025-07-04',
            verdict: { verdict: 'reacted', reason: null, reviewDate: '2025-12-01', confirmedAt: '2025-07-03T09:00:00.000Z' },
          },
          { food: 'Egg', days: [{ date: '2025-07-05', portion: '¼ egg' }], washoutTo: null, verdict: null },
        ],
        supervisedOnly: [{ food: 'Dairy (cow’s milk)', reasons: ['A positive specific IgE to Dairy (cow’s milk) is recorded in Axis.'] }],
      },
    ],
    sharedNotes: [{ id: '8d7b6a1f-9c0e-4fc6-9b6c-7d8e9f0a1b2c', authorId: DERM, body: '# Plan\nKeep moisturising **twice daily**.', signedAt: '2025-03-05T12:00:00.000Z', isAmendment: false }],
    results: storedResults(),
    documents: [
      {
        id: LAB_REPORT_ID,
        category: 'lab_report',
        categoryLabel: 'Lab report',
        title: 'Northfield Diagnostics breath test report',
        documentDate: '2025-03-10',
        uploadedBy: DERM,
        uploadedAt: '2025-03-11T09:00:00.000Z',
        resultId: storedResults()[0]?.id ?? null,
        contentType: 'application/pdf',
        bytes: MINIMAL_PDF,
      },
      { id: 'be0d9c4f-2031-4cf9-8e9f-0a1b2c3d4e5f', category: 'clinic_letter', categoryLabel: 'Clinic letter', title: 'Letter to the family doctor', documentDate: '2025-04-01', uploadedBy: NUTRITION, uploadedAt: '2025-04-01T15:00:00.000Z', resultId: null, contentType: 'application/pdf', bytes: LETTER_PDF },
    ],
    generatedAt: '2025-07-02T08:00:00.000Z',
    ...overrides,
  };
}
