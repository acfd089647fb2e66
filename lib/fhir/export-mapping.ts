// Pure mapping from what Axis stores about one patient to a FHIR R4 Bundle (the $everything answer).
// No I/O: lib/fhir/queries.ts loads the data (access-checked, audited) and hands it here. Codes follow
// ../shared/DOMAIN.md §5: ICD-10-CM conditions, LOINC where DOMAIN.md lists a code, UCUM units, and an
// Axis code system (lib/fhir/codes.ts) for everything that has no published code.
import { createHash } from 'node:crypto';
import type {
  Bundle,
  BundleEntry,
  CarePlan,
  NutritionOrder,
  CarePlanActivity,
  CarePlanActivityDetail,
  CareTeam,
  CodeableConcept,
  Coding,
  Condition,
  DiagnosticReport,
  DocumentReference,
  Goal,
  Observation,
  Patient,
  Practitioner,
  Reference,
  Resource,
} from '@medplum/fhirtypes';
import { BREATH_TEST_LOINC, lactoseChallengeLoinc } from '@/lib/clinical/breath-tests/interpret';
import type { BreathTestInput } from '@/lib/clinical/breath-tests/schema';
import { FOOD_PANEL_METHODS, type FoodPanelInput } from '@/lib/clinical/food-panels/schema';
import { H_PYLORI_LOINC } from '@/lib/clinical/h-pylori/interpret';
import { H_PYLORI_METHODS, type HPyloriInput } from '@/lib/clinical/h-pylori/schema';
import { getInstrument, isInstrumentId } from '@/lib/clinical/scores/instruments';
import type { ScoreInput } from '@/lib/clinical/scores/schema';
import type { StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import { stoolObservationParts } from './stool-test-mapping';
import {
  AXIS_OBSERVATION_CODES,
  AXIS_REPORT_CODES,
  DOCUMENT_TYPE_LOINC,
  EXTENSIONS,
  SNOMED_ANSWER,
  SNOMED_HYDROGEN_BREATH_TEST,
  SPECIFIC_IGE_LOINC,
  SYSTEMS,
  concept,
  quantity,
  toComponents,
} from './codes';
import { BREATH_PROTOCOL_FIELDS, BREATH_READING_FIELDS, H_PYLORI_FIELDS, SCORE_FIELDS, foodItemCode, hPyloriCode, scoreCode } from './kind-fields';

export interface ExportPatient {
  id: string;
  mrn: string;
  givenName: string;
  familyName: string;
  dateOfBirth: string;
  sex: 'female' | 'male' | 'other' | 'unknown';
  email: string | null;
  phone: string | null;
  addressLine: string | null;
}

export interface ExportCondition {
  id: string;
  codeSystem: string;
  code: string;
  display: string;
  onsetDate: string | null;
  clinicalStatus: string;
}

export interface ExportPractitioner {
  id: string;
  name: string;
  specialty: string | null;
}

export interface ExportCareTeamMember {
  userId: string;
  role: 'lead' | 'member';
  addedAt: string;
}

export interface ExportGoal {
  id: string;
  description: string;
  targetInstrument: string | null;
  targetValue: string | null;
  targetDate: string | null;
  status: 'active' | 'met' | 'not_met' | 'withdrawn';
}

export interface ExportIntervention {
  id: string;
  goalId: string | null;
  kind: string;
  title: string;
  description: string;
  ownerUserId: string;
  ownerSpecialty: string;
  status: 'proposed' | 'active' | 'paused' | 'completed' | 'stopped' | 'declined';
  statusReason: string | null;
  startDate: string | null;
  endDate: string | null;
}

export interface ExportNote {
  id: string;
  authorId: string;
  body: string;
  signedAt: string;
  isAmendment: boolean;
}

/** A kept document (lib/documents): the PDF itself travels inline in the DocumentReference. */
export interface ExportDocument {
  id: string;
  category: string;
  categoryLabel: string;
  title: string;
  documentDate: string;
  uploadedBy: string;
  uploadedAt: string;
  /** The current version of the result it belongs to, whose DiagnosticReport or Observation it relates to. */
  resultId: string | null;
  contentType: string;
  bytes: Uint8Array;
}

export type ExportResult = { id: string; version: number; title: string; summary: string; enteredAt: string } & (
  | { kind: 'breath_test'; input: BreathTestInput }
  | { kind: 'h_pylori'; input: HPyloriInput; interpretation: { result: string } }
  | { kind: 'food_panel'; input: FoodPanelInput }
  | { kind: 'score'; input: ScoreInput }
  | { kind: 'stool_test'; input: StoolTestInput }
);

/** An elimination → reintroduction protocol (lib/reintroduction), its schedule computed and verdicts confirmed. */
export interface ExportProtocol {
  id: string;
  status: 'proposed' | 'active' | 'finished' | 'stopped';
  statusReason: string | null;
  createdAt: string;
  supervisorId: string;
  foods: string[];
  eliminationFrom: string;
  eliminationTo: string;
  reason: string;
  challenges: {
    food: string;
    days: { date: string; portion: string }[];
    washoutTo: string | null;
    verdict: { verdict: 'reacted' | 'tolerated' | 'inconclusive'; reason: string | null; reviewDate: string | null; confirmedAt: string } | null;
  }[];
  supervisedOnly: { food: string; reasons: string[] }[];
}

export interface ExportSource {
  patient: ExportPatient;
  conditions: ExportCondition[];
  practitioners: ExportPractitioner[];
  careTeam: ExportCareTeamMember[];
  goals: ExportGoal[];
  interventions: ExportIntervention[];
  protocols: ExportProtocol[];
  sharedNotes: ExportNote[];
  results: ExportResult[];
  documents: ExportDocument[];
  generatedAt: string;
}

/** A stable UUID for a resource derived from a stored row (e.g. one reading of a breath test). */
export function derivedId(parentId: string, part: string): string {
  const h = createHash('sha1').update(`${parentId}:${part}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h.slice(16, 18), 16) & 0x3f) | 0x80).toString(16)}${h.slice(18, 20)}-${h.slice(20, 32)}`;
}

/** A urn:uuid reference to another entry of the same bundle; typed by where it is used. */
function ref<T extends Resource>(id: string, display?: string): Reference<T> {
  return display ? { reference: `urn:uuid:${id}`, display } : { reference: `urn:uuid:${id}` };
}

const LAB_CATEGORY: CodeableConcept[] = [concept(SYSTEMS.observationCategory, 'laboratory', 'Laboratory')];
const SURVEY_CATEGORY: CodeableConcept[] = [concept(SYSTEMS.observationCategory, 'survey', 'Survey')];
const REPORT_CATEGORY: CodeableConcept[] = [concept(SYSTEMS.diagnosticServiceSection, 'LAB', 'Laboratory')];

const V3_RESULT = {
  positive: { code: 'POS', display: 'Positive' },
  negative: { code: 'NEG', display: 'Negative' },
  indeterminate: { code: 'IND', display: 'Indeterminate' },
} as const;

const resultStatus = (version: number) => (version > 1 ? 'corrected' : 'final');

function notesOf(text: string | undefined) {
  return text ? [{ text }] : undefined;
}

// --- Results ----------------------------------------------------------------------------------

function breathTestResources(r: Extract<ExportResult, { kind: 'breath_test' }>, patientRef: Reference<Patient>): Resource[] {
  const input = r.input;
  const lactose = input.substrate.kind === 'other' && input.substrate.name?.trim().toLowerCase() === 'lactose';
  const protocolId = derivedId(r.id, 'protocol');
  const protocol: Observation = {
    resourceType: 'Observation',
    id: protocolId,
    status: resultStatus(r.version),
    category: LAB_CATEGORY,
    code: concept(SYSTEMS.axisObservation, AXIS_OBSERVATION_CODES.breathTestProtocol, 'Breath test protocol and preparation', 'Breath test protocol and preparation'),
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    component: toComponents(
      {
        substrateKind: input.substrate.kind,
        substrateName: input.substrate.name,
        substrateDoseGrams: input.substrate.doseGrams,
        device: input.device,
        ...input.preparation,
      },
      BREATH_PROTOCOL_FIELDS,
    ),
    note: notesOf(input.notes),
  };
  const samples: Observation[] = input.readings.map((reading, i) => {
    const gas = (field: 'h2' | 'ch4' | 'h2s', value: number) => {
      const spec = BREATH_READING_FIELDS[field];
      const code = concept(SYSTEMS.axisObservation, spec.code, spec.display);
      // Per-minute LOINC codes exist for the lactose challenge only (DOMAIN.md §5.2 [CHLAB]).
      const loinc = lactose && field !== 'h2s' ? lactoseChallengeLoinc(field, reading.minute) : null;
      if (loinc) code.coding?.unshift({ system: SYSTEMS.loinc, code: loinc });
      return { code, valueQuantity: quantity(value, spec.unit, spec.ucum) };
    };
    const components = [
      { code: concept(SYSTEMS.axisObservation, BREATH_READING_FIELDS.minute.code, BREATH_READING_FIELDS.minute.display), valueQuantity: quantity(reading.minute, 'min', 'min') },
      gas('h2', reading.h2),
      gas('ch4', reading.ch4),
      ...(typeof reading.h2s === 'number' ? [gas('h2s', reading.h2s)] : []),
    ];
    return {
      resourceType: 'Observation',
      id: derivedId(r.id, `reading-${i}`),
      status: resultStatus(r.version),
      category: LAB_CATEGORY,
      code: concept(SYSTEMS.axisObservation, AXIS_OBSERVATION_CODES.breathSample, 'Breath sample', `Breath sample at ${reading.minute} min`),
      subject: patientRef,
      effectiveDateTime: input.effectiveDate,
      method: { coding: [{ ...SNOMED_HYDROGEN_BREATH_TEST }] },
      component: components,
    };
  });
  const code = concept(SYSTEMS.axisReport, AXIS_REPORT_CODES.breathTest, 'SIBO/IMO breath test', r.title);
  if (lactose) code.coding?.unshift({ system: SYSTEMS.loinc, code: BREATH_TEST_LOINC.lactoseChallenge.panel });
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: r.id,
    status: resultStatus(r.version),
    category: REPORT_CATEGORY,
    code,
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    issued: r.enteredAt,
    result: [protocol, ...samples].map((o) => ref(o.id as string)),
    conclusion: r.summary,
  };
  return [report, protocol, ...samples];
}

function hPyloriResources(r: Extract<ExportResult, { kind: 'h_pylori' }>, patientRef: Reference<Patient>): Resource[] {
  const input = r.input;
  const code: CodeableConcept = {
    coding: [
      ...H_PYLORI_LOINC[input.method].map((l) => (l.display ? { system: SYSTEMS.loinc, code: l.code, display: l.display } : { system: SYSTEMS.loinc, code: l.code })),
      { system: SYSTEMS.axisObservation, code: hPyloriCode(input.method), display: `Helicobacter pylori: ${H_PYLORI_METHODS[input.method]}` },
    ],
    text: r.title,
  };
  const computed = V3_RESULT[r.interpretation.result as keyof typeof V3_RESULT];
  const answer = input.result ?? (r.interpretation.result in SNOMED_ANSWER ? (r.interpretation.result as keyof typeof SNOMED_ANSWER) : undefined);
  const observation: Observation = {
    resourceType: 'Observation',
    id: r.id,
    extension: !input.result && answer ? [{ url: EXTENSIONS.derivedValue, valueBoolean: true }] : undefined,
    status: resultStatus(r.version),
    category: LAB_CATEGORY,
    code,
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    issued: r.enteredAt,
    // The answer as SNOMED CT, as labs send it: the result as entered, or for a UBT the one Axis derived
    // from the reading and cut-off. The v3 code belongs in interpretation (below), not in the value.
    valueCodeableConcept: answer ? { coding: [{ system: SYSTEMS.snomed, code: SNOMED_ANSWER[answer].code, display: SNOMED_ANSWER[answer].display }], text: SNOMED_ANSWER[answer].display } : undefined,
    interpretation: computed ? [concept(SYSTEMS.v3Interpretation, computed.code, computed.display)] : undefined,
    component: toComponents(input, H_PYLORI_FIELDS),
    note: notesOf(input.notes),
  };
  return [observation];
}

function foodPanelResources(r: Extract<ExportResult, { kind: 'food_panel' }>, patientRef: Reference<Patient>): Resource[] {
  const input = r.input;
  const items: Observation[] = input.items.map((item, i) => {
    const coding: Coding[] = [{ system: SYSTEMS.axisObservation, code: foodItemCode(input.method), display: FOOD_PANEL_METHODS[input.method] }];
    const loinc = input.method === 'specific_ige' ? SPECIFIC_IGE_LOINC.find((l) => l.aliases.includes(item.food.trim().toLowerCase())) : undefined;
    if (loinc) coding.unshift({ system: SYSTEMS.loinc, code: loinc.code, display: `${loinc.food} IgE` });
    return {
      resourceType: 'Observation',
      id: derivedId(r.id, `item-${i}`),
      status: resultStatus(r.version),
      category: LAB_CATEGORY,
      code: { coding, text: item.food },
      subject: patientRef,
      effectiveDateTime: input.effectiveDate,
      valueQuantity: item.value !== undefined ? quantity(item.value, item.unit ?? '') : undefined,
      valueCodeableConcept: item.outcome ? concept(SYSTEMS.axisRechallengeOutcome, item.outcome) : undefined,
    };
  });
  const extension = [
    ...(input.cutoff !== undefined ? [{ url: EXTENSIONS.foodPanelCutoff, valueDecimal: input.cutoff }] : []),
    ...(input.notes ? [{ url: EXTENSIONS.reportNote, valueString: input.notes }] : []),
  ];
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: r.id,
    extension: extension.length ? extension : undefined,
    status: resultStatus(r.version),
    category: REPORT_CATEGORY,
    code: { coding: [{ system: SYSTEMS.axisReport, code: AXIS_REPORT_CODES.foodPanel, display: 'Food panel' }, { system: SYSTEMS.axisObservation, code: foodItemCode(input.method), display: FOOD_PANEL_METHODS[input.method] }], text: r.title },
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    issued: r.enteredAt,
    performer: input.laboratory ? [{ display: input.laboratory }] : undefined,
    result: items.map((o) => ref(o.id as string)),
    conclusion: r.summary,
  };
  return [report, ...items];
}

function scoreResources(r: Extract<ExportResult, { kind: 'score' }>, patientRef: Reference<Patient>): Resource[] {
  const input = r.input;
  const instrument = isInstrumentId(input.instrument) ? getInstrument(input.instrument) : null;
  const observation: Observation = {
    resourceType: 'Observation',
    id: r.id,
    status: resultStatus(r.version),
    category: SURVEY_CATEGORY,
    code: concept(SYSTEMS.axisObservation, scoreCode(input.instrument), instrument?.fullName ?? input.instrument, instrument?.label ?? input.instrument),
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    issued: r.enteredAt,
    valueQuantity: quantity(input.value, instrument?.unit ?? 'score', '{score}'),
    component: toComponents(input, SCORE_FIELDS),
    note: notesOf(input.notes),
  };
  return [observation];
}

function stoolTestResources(r: Extract<ExportResult, { kind: 'stool_test' }>, patientRef: Reference<Patient>): Resource[] {
  const input = r.input;
  const observations: Observation[] = stoolObservationParts(input).map((part) => ({
    resourceType: 'Observation',
    id: derivedId(r.id, part.analyte),
    status: resultStatus(r.version),
    category: LAB_CATEGORY,
    code: part.code,
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    issued: r.enteredAt,
    valueQuantity: part.valueQuantity,
    referenceRange: part.referenceRange,
    component: part.component.length ? part.component : undefined,
  }));
  const laboratories = [...new Set([input.calprotectin?.laboratory, input.elastase?.laboratory, input.fit?.laboratory, input.microbiome?.laboratory].filter((l): l is string => Boolean(l)))];
  const report: DiagnosticReport = {
    resourceType: 'DiagnosticReport',
    id: r.id,
    extension: input.notes ? [{ url: EXTENSIONS.reportNote, valueString: input.notes }] : undefined,
    status: resultStatus(r.version),
    category: REPORT_CATEGORY,
    code: concept(SYSTEMS.axisReport, AXIS_REPORT_CODES.stoolTest, 'Stool test', r.title),
    subject: patientRef,
    effectiveDateTime: input.effectiveDate,
    issued: r.enteredAt,
    performer: laboratories.length ? laboratories.map((display) => ({ display })) : undefined,
    result: observations.map((o) => ref(o.id as string)),
    conclusion: r.summary,
  };
  return [report, ...observations];
}

export function resultResources(r: ExportResult, patientRef: Reference<Patient>): Resource[] {
  switch (r.kind) {
    case 'breath_test':
      return breathTestResources(r, patientRef);
    case 'h_pylori':
      return hPyloriResources(r, patientRef);
    case 'food_panel':
      return foodPanelResources(r, patientRef);
    case 'score':
      return scoreResources(r, patientRef);
    case 'stool_test':
      return stoolTestResources(r, patientRef);
  }
}

// --- Everything else --------------------------------------------------------------------------

/** HL7 v2-0203 "MR": says what the identifier is, so a receiving system files it as the record number. */
const MR_TYPE = { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0203', code: 'MR', display: 'Medical record number' }], text: 'Medical record number' };

function patientResource(p: ExportPatient): Patient {
  const telecom = [...(p.email ? [{ system: 'email' as const, value: p.email }] : []), ...(p.phone ? [{ system: 'phone' as const, value: p.phone }] : [])];
  return {
    resourceType: 'Patient',
    id: p.id,
    identifier: [{ type: MR_TYPE, system: SYSTEMS.mrn, value: p.mrn }],
    name: [{ family: p.familyName, given: [p.givenName], text: `${p.givenName} ${p.familyName}` }],
    gender: p.sex,
    birthDate: p.dateOfBirth,
    telecom: telecom.length ? telecom : undefined,
    address: p.addressLine ? [{ text: p.addressLine }] : undefined,
  };
}

function conditionResource(c: ExportCondition, patientRef: Reference<Patient>): Condition {
  return {
    resourceType: 'Condition',
    id: c.id,
    clinicalStatus: concept(SYSTEMS.conditionClinical, c.clinicalStatus),
    category: [concept(SYSTEMS.conditionCategory, 'problem-list-item', 'Problem List Item')],
    code: { coding: [{ system: c.codeSystem, code: c.code, display: c.display }], text: c.display },
    subject: patientRef,
    onsetDateTime: c.onsetDate ?? undefined,
  };
}

function practitionerResource(p: ExportPractitioner): Practitioner {
  // Axis's own staff identifier (no national identifier such as an NPI is recorded).
  return { resourceType: 'Practitioner', id: p.id, identifier: [{ system: SYSTEMS.axisPractitioner, value: p.id }], name: [{ text: p.name }] };
}

function careTeamResource(patientId: string, members: ExportCareTeamMember[], practitioners: Map<string, ExportPractitioner>, patientRef: Reference<Patient>): CareTeam {
  return {
    resourceType: 'CareTeam',
    id: derivedId(patientId, 'care-team'),
    status: 'active',
    name: 'Gut–skin care team',
    subject: patientRef,
    participant: members.map((m) => {
      const p = practitioners.get(m.userId);
      return {
        role: [concept(SYSTEMS.axisSpecialty, p?.specialty ?? 'other', undefined, m.role === 'lead' ? `${p?.specialty ?? 'other'} (lead)` : p?.specialty ?? 'other')],
        member: ref(m.userId, p?.name),
        period: { start: m.addedAt },
      };
    }),
  };
}

const GOAL_LIFECYCLE = { active: 'active', met: 'completed', not_met: 'completed', withdrawn: 'cancelled' } as const;
const GOAL_ACHIEVEMENT = { met: 'achieved', not_met: 'not-achieved' } as const;

function goalResource(g: ExportGoal, patientRef: Reference<Patient>): Goal {
  const achievement = g.status === 'met' || g.status === 'not_met' ? GOAL_ACHIEVEMENT[g.status] : undefined;
  const target =
    g.targetInstrument || g.targetDate
      ? [
          {
            measure: g.targetInstrument ? concept(SYSTEMS.axisObservation, scoreCode(g.targetInstrument)) : undefined,
            detailString: g.targetValue ?? undefined,
            dueDate: g.targetDate ?? undefined,
          },
        ]
      : undefined;
  return {
    resourceType: 'Goal',
    id: g.id,
    lifecycleStatus: GOAL_LIFECYCLE[g.status],
    achievementStatus: achievement ? concept(SYSTEMS.goalAchievement, achievement) : undefined,
    description: { text: g.description },
    subject: patientRef,
    target,
  };
}

const ACTIVITY_STATUS = { proposed: 'not-started', active: 'in-progress', paused: 'on-hold', completed: 'completed', stopped: 'stopped', declined: 'cancelled' } as const;
const ACTIVITY_KIND: Partial<Record<string, NonNullable<CarePlanActivityDetail['kind']>>> = {
  medication: 'MedicationRequest',
  topical: 'MedicationRequest',
  procedure: 'ServiceRequest',
  referral: 'ServiceRequest',
  diet: 'NutritionOrder',
  supplement: 'NutritionOrder',
  probiotic: 'NutritionOrder',
};

const NUTRITION_ORDER_STATUS = { proposed: 'draft', active: 'active', finished: 'completed', stopped: 'revoked' } as const;
const VERDICT_DISPLAY = { reacted: 'Reacted', tolerated: 'Tolerated', inconclusive: 'Inconclusive' } as const;

/**
 * The elimination as a NutritionOrder: the foods to leave out (excludeFoodModifier) for the elimination's
 * dates; foods kept for a supervised oral food challenge are named in the instruction.
 */
function nutritionOrderResource(p: ExportProtocol, practitioners: Map<string, ExportPractitioner>, patientRef: Reference<Patient>): NutritionOrder {
  const supervised = p.supervisedOnly.map((s) => `${s.food}: no at-home challenge (${s.reasons.join(' ')}); supervised oral food challenge only.`);
  return {
    resourceType: 'NutritionOrder',
    id: p.id,
    status: NUTRITION_ORDER_STATUS[p.status],
    intent: p.status === 'proposed' ? 'proposal' : 'plan',
    patient: patientRef,
    dateTime: p.createdAt,
    orderer: ref(p.supervisorId, practitioners.get(p.supervisorId)?.name),
    excludeFoodModifier: p.foods.map((food) => ({ text: food })),
    oralDiet: {
      type: [concept(SYSTEMS.axisInterventionKind, 'elimination-protocol', 'Elimination and reintroduction protocol', 'Elimination diet')],
      schedule: [{ repeat: { boundsPeriod: { start: p.eliminationFrom, end: p.eliminationTo } } }],
      instruction: [`Leave out ${p.foods.join(', ')} from ${p.eliminationFrom} to ${p.eliminationTo}, then reintroduce one food at a time as scheduled. Reason: ${p.reason}.`, ...supervised].join(' '),
    },
    note: p.statusReason ? [{ text: `Stopped: ${p.statusReason}` }] : undefined,
  };
}

/** Each at-home challenge as a CarePlan activity: the days and portions, and the confirmed verdict as its outcome. */
function challengeActivities(p: ExportProtocol, practitioners: Map<string, ExportPractitioner>): CarePlanActivity[] {
  return [
    { reference: ref(p.id) },
    ...p.challenges.map((c) => {
      const first = c.days[0]?.date;
      const last = c.washoutTo ?? c.days[c.days.length - 1]?.date;
      const status: NonNullable<CarePlanActivity['detail']>['status'] = c.verdict ? 'completed' : p.status === 'stopped' ? 'stopped' : p.status === 'proposed' ? 'not-started' : 'in-progress';
      const activity: CarePlanActivity = {
        outcomeCodeableConcept: c.verdict ? [concept(SYSTEMS.axisChallengeVerdict, c.verdict.verdict, VERDICT_DISPLAY[c.verdict.verdict])] : undefined,
        progress: c.verdict
          ? [
              {
                time: c.verdict.confirmedAt,
                text: `${VERDICT_DISPLAY[c.verdict.verdict]}${c.verdict.verdict === 'tolerated' ? ': back in the diet' : `: stays out${c.verdict.reviewDate ? `, review ${c.verdict.reviewDate}` : ''}`}${c.verdict.reason ? `. ${c.verdict.reason}` : ''}`,
              },
            ]
          : undefined,
        detail: {
          kind: 'NutritionOrder' as const,
          code: concept(SYSTEMS.axisInterventionKind, 'reintroduction-challenge', 'Food reintroduction challenge', `Reintroduction challenge: ${c.food}`),
          status,
          scheduledPeriod: first ? { start: first, end: last } : undefined,
          performer: [ref(p.supervisorId, practitioners.get(p.supervisorId)?.name)],
          description: `${c.food}: ${c.days.map((d) => `${d.date} ${d.portion}`).join('; ')}${c.washoutTo ? `; washout to ${c.washoutTo}` : ''}`,
        },
      };
      return activity;
    }),
  ];
}

function carePlanResource(patientId: string, goals: ExportGoal[], interventions: ExportIntervention[], protocols: ExportProtocol[], practitioners: Map<string, ExportPractitioner>, patientRef: Reference<Patient>): CarePlan {
  const protocolActivities = protocols.flatMap((p) => challengeActivities(p, practitioners));
  return {
    resourceType: 'CarePlan',
    id: derivedId(patientId, 'care-plan'),
    status: 'active',
    intent: 'plan',
    title: 'Joint dermatology–nutrition care plan',
    subject: patientRef,
    careTeam: [ref(derivedId(patientId, 'care-team'))],
    goal: goals.length ? goals.map((g) => ref(g.id)) : undefined,
    activity: interventions.length || protocolActivities.length
      ? [...interventions.map((i): CarePlanActivity => ({
          detail: {
            kind: ACTIVITY_KIND[i.kind],
            code: concept(SYSTEMS.axisInterventionKind, i.kind, undefined, i.title),
            status: ACTIVITY_STATUS[i.status],
            statusReason: i.statusReason ? { text: i.statusReason } : undefined,
            goal: i.goalId ? [ref(i.goalId)] : undefined,
            scheduledPeriod: i.startDate || i.endDate ? { start: i.startDate ?? undefined, end: i.endDate ?? undefined } : undefined,
            performer: [ref(i.ownerUserId, practitioners.get(i.ownerUserId)?.name)],
            description: i.description ? `${i.title}: ${i.description}` : i.title,
          },
        })), ...protocolActivities]
      : undefined,
  };
}

function documentReferenceResource(n: ExportNote, practitioners: Map<string, ExportPractitioner>, patientRef: Reference<Patient>): DocumentReference {
  return {
    resourceType: 'DocumentReference',
    id: n.id,
    status: 'current',
    docStatus: n.isAmendment ? 'amended' : 'final',
    type: concept(SYSTEMS.axisNoteType, 'treatment-note', 'Treatment note', 'Treatment note shared with the patient'),
    subject: patientRef,
    date: n.signedAt,
    author: [ref(n.authorId, practitioners.get(n.authorId)?.name)],
    content: [{ attachment: { contentType: 'text/markdown; charset=utf-8', data: Buffer.from(n.body, 'utf8').toString('base64'), title: 'Treatment note' } }],
  };
}

/**
 * A kept PDF as a DocumentReference with the file inline: size and hash (SHA-1, base64, as R4's Attachment.hash
 * defines it) let the receiver check what arrived. A document attached to a result relates to that result.
 */
function keptDocumentResource(d: ExportDocument, practitioners: Map<string, ExportPractitioner>, patientRef: Reference<Patient>, resultIds: Set<string>): DocumentReference {
  const loinc = DOCUMENT_TYPE_LOINC[d.category];
  return {
    resourceType: 'DocumentReference',
    id: d.id,
    status: 'current',
    docStatus: 'final',
    type: { coding: [...(loinc ? [{ system: SYSTEMS.loinc, code: loinc.code, display: loinc.display }] : []), { system: SYSTEMS.axisDocumentCategory, code: d.category, display: d.categoryLabel }], text: d.categoryLabel },
    subject: patientRef,
    date: d.uploadedAt,
    author: [ref(d.uploadedBy, practitioners.get(d.uploadedBy)?.name)],
    description: d.title,
    content: [
      {
        attachment: {
          contentType: d.contentType,
          data: Buffer.from(d.bytes).toString('base64'),
          size: d.bytes.byteLength,
          hash: createHash('sha1').update(d.bytes).digest('base64'),
          title: d.title,
          creation: d.documentDate,
        },
      },
    ],
    context: d.resultId && resultIds.has(d.resultId) ? { related: [ref(d.resultId)] } : undefined,
  };
}

/** The whole record as one searchset Bundle, as $everything returns it; references are urn:uuid fullUrls. */
export function buildPatientBundle(source: ExportSource): Bundle {
  const patientRef = ref<Patient>(source.patient.id, `${source.patient.familyName}, ${source.patient.givenName}`);
  const practitioners = new Map(source.practitioners.map((p) => [p.id, p]));
  const resultIds = new Set(source.results.map((r) => r.id));
  const resources: Resource[] = [
    patientResource(source.patient),
    ...source.conditions.map((c) => conditionResource(c, patientRef)),
    ...source.practitioners.map(practitionerResource),
    careTeamResource(source.patient.id, source.careTeam, practitioners, patientRef),
    ...source.goals.map((g) => goalResource(g, patientRef)),
    carePlanResource(source.patient.id, source.goals, source.interventions, source.protocols, practitioners, patientRef),
    ...source.protocols.map((p) => nutritionOrderResource(p, practitioners, patientRef)),
    ...source.results.flatMap((r) => resultResources(r, patientRef)),
    ...source.sharedNotes.map((n) => documentReferenceResource(n, practitioners, patientRef)),
    ...source.documents.map((d) => keptDocumentResource(d, practitioners, patientRef, resultIds)),
  ];
  const entry: BundleEntry[] = resources.map((resource) => ({
    fullUrl: `urn:uuid:${resource.id}`,
    resource: stripUndefined(resource),
    search: { mode: resource.resourceType === 'Patient' ? 'match' : 'include' },
  }));
  return { resourceType: 'Bundle', id: derivedId(source.patient.id, `everything-${source.generatedAt}`), type: 'searchset', timestamp: source.generatedAt, total: 1, entry };
}

/** JSON has no undefined: drop those keys so the bundle validates and compares cleanly. */
function stripUndefined<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

export function exportFileName(mrn: string, generatedAt: string): string {
  return `axis-fhir-${mrn.replace(/[^A-Za-z0-9-]/g, '')}-${generatedAt.slice(0, 10)}.json`;
}
