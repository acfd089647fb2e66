import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { carePlanChanges, carePlanInterventions, clinicalNotes } from '../../../db/schema';
import type { InterventionKind, InterventionStatus } from '../../../db/schema/enum-values';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { TIMELINE_PAGE_SIZE, getOutcomeOverlay, getPatientTimeline, type TimelineEntry } from '../../../lib/timeline/queries';
import { actorOf, addToTeam, makeClinic, makePatient } from '../fixtures';
import { auditFor, recordOk, scoreInput, siboBreathTest } from '../results/inputs';

// The timeline reads four sources (results, scores, plan changes, notes) and merges them newest first.
// Results go through lib/results like a clinician's entry; plan and note rows are written straight to
// their tables, as lib/care-plans and lib/notes would, so this test does not depend on those modules.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutr: Actor;
const ids: Record<string, string> = {};

const at = (iso: string) => new Date(iso);

async function insertIntervention(input: {
  patientId: string;
  title: string;
  kind: InterventionKind;
  owner: { id: string; specialty: 'dermatology' | 'nutrition' };
  status: InterventionStatus;
  startDate?: string | null;
  endDate?: string | null;
  statusReason?: string;
  acceptedBy?: string;
  proposedAt: Date;
  acceptedAt?: Date;
}): Promise<string> {
  const [row] = await getDb()
    .insert(carePlanInterventions)
    .values({
      patientId: input.patientId,
      kind: input.kind,
      title: input.title,
      ownerSpecialty: input.owner.specialty,
      ownerUserId: input.owner.id,
      status: input.status,
      statusReason: input.statusReason ?? null,
      startDate: input.startDate ?? null,
      endDate: input.endDate ?? null,
      proposedBy: input.owner.id,
      proposedAt: input.proposedAt,
      acceptedBy: input.acceptedBy ?? null,
      acceptedAt: input.acceptedAt ?? null,
      updatedBy: input.owner.id,
    })
    .returning({ id: carePlanInterventions.id });
  if (!row) throw new Error('no intervention');
  return row.id;
}

async function insertChange(patientId: string, entityId: string, version: number, change: string, by: string, changedAt: Date, snapshot: Record<string, unknown>) {
  await getDb().insert(carePlanChanges).values({ patientId, entityType: 'intervention', entityId, version, change, snapshot, changedBy: by, changedAt });
}

async function insertNote(input: { patientId: string; authorId: string; body: string; status: 'draft' | 'signed'; createdAt: Date; seriesId?: string; version?: number; isCurrent?: boolean; isAmendment?: boolean }) {
  const [row] = await getDb()
    .insert(clinicalNotes)
    .values({
      seriesId: input.seriesId ?? randomUUID(),
      version: input.version ?? 1,
      isCurrent: input.isCurrent ?? true,
      patientId: input.patientId,
      authorId: input.authorId,
      body: input.body,
      status: input.status,
      isAmendment: input.isAmendment ?? false,
      amendmentReason: input.isAmendment ? 'Corrected the dose' : null,
      createdAt: input.createdAt,
      signedAt: input.status === 'signed' ? input.createdAt : null,
    })
    .returning({ id: clinicalNotes.id, seriesId: clinicalNotes.seriesId });
  if (!row) throw new Error('no note');
  return row;
}

const titles = (entries: TimelineEntry[]) => entries.map((e) => `${e.date} ${e.kind} ${e.title}`);

beforeAll(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutr = actorOf(c.nutritionistOnTeam);
  const p = c.patient.id;

  // Results: two EASI scores by the dermatologist, a breath test by the nutritionist.
  ids.easi1 = await recordOk(derm, p, 'score', scoreInput('easi', 24.5, '2025-11-20'));
  ids.breath = await recordOk(nutr, p, 'breath_test', siboBreathTest('2025-11-29'));
  ids.easi2 = await recordOk(derm, p, 'score', scoreInput('easi', 12.1, '2026-02-10'));
  ids.gsrs = await recordOk(nutr, p, 'score', scoreInput('gsrs', 3.2, '2026-02-12'));

  const dermOwner = { id: c.dermOnTeam.id, specialty: 'dermatology' as const };
  const nutrOwner = { id: c.nutritionistOnTeam.id, specialty: 'nutrition' as const };
  // Elimination diet: proposed by the nutritionist, accepted by the dermatologist, ongoing.
  ids.diet = await insertIntervention({
    patientId: p,
    title: 'Low-FODMAP elimination phase',
    kind: 'diet',
    owner: nutrOwner,
    status: 'active',
    startDate: '2026-01-15',
    proposedAt: at('2026-01-12T09:30:00Z'),
    acceptedBy: c.dermOnTeam.id,
    acceptedAt: at('2026-01-14T14:00:00Z'),
  });
  await insertChange(p, ids.diet, 1, 'propose', c.nutritionistOnTeam.id, at('2026-01-12T09:30:00Z'), { title: 'Low-FODMAP elimination phase', status: 'proposed' });
  await insertChange(p, ids.diet, 2, 'accept', c.dermOnTeam.id, at('2026-01-14T14:00:00Z'), { title: 'Low-FODMAP elimination phase', status: 'active' });
  // Rifaximin: completed course.
  ids.rifaximin = await insertIntervention({
    patientId: p,
    title: 'Rifaximin 550 mg tid 14 days',
    kind: 'medication',
    owner: dermOwner,
    status: 'completed',
    startDate: '2025-12-05',
    endDate: '2025-12-19',
    proposedAt: at('2025-12-01T09:00:00Z'),
    acceptedBy: c.nutritionistOnTeam.id,
    acceptedAt: at('2025-12-02T10:00:00Z'),
  });
  // Tacrolimus: stopped with a reason.
  ids.tacrolimus = await insertIntervention({
    patientId: p,
    title: 'Topical tacrolimus 0.1%',
    kind: 'topical',
    owner: dermOwner,
    status: 'stopped',
    statusReason: 'Burning on application',
    startDate: '2025-11-25',
    endDate: '2025-12-20',
    proposedAt: at('2025-11-20T09:00:00Z'),
    acceptedBy: c.nutritionistOnTeam.id,
    acceptedAt: at('2025-11-24T10:00:00Z'),
  });
  await insertChange(p, ids.tacrolimus, 3, 'status:stopped', c.dermOnTeam.id, at('2025-12-20T16:00:00Z'), { title: 'Topical tacrolimus 0.1%', status: 'stopped', statusReason: 'Burning on application' });
  // Paused probiotic (ongoing), a proposed and a declined one (never ran).
  ids.probiotic = await insertIntervention({
    patientId: p,
    title: 'Probiotic LGG',
    kind: 'probiotic',
    owner: nutrOwner,
    status: 'paused',
    startDate: '2026-02-01',
    proposedAt: at('2026-01-30T09:00:00Z'),
    acceptedBy: c.dermOnTeam.id,
    acceptedAt: at('2026-01-31T09:00:00Z'),
  });
  ids.proposed = await insertIntervention({ patientId: p, title: 'Dupilumab', kind: 'medication', owner: dermOwner, status: 'proposed', proposedAt: at('2026-03-01T09:00:00Z') });
  ids.declined = await insertIntervention({ patientId: p, title: 'Omega-3', kind: 'supplement', owner: nutrOwner, status: 'declined', statusReason: 'Not now', proposedAt: at('2026-03-02T09:00:00Z') });

  // Notes: a signed dermatology note, a nutrition draft, and a series whose current version is an amendment.
  await insertNote({ patientId: p, authorId: c.dermOnTeam.id, body: '## Review\nEASI improving on tacrolimus.', status: 'signed', createdAt: at('2025-11-20T11:00:00Z') });
  await insertNote({ patientId: p, authorId: c.nutritionistOnTeam.id, body: 'Diet diary reviewed; FODMAP load reduced.', status: 'draft', createdAt: at('2026-02-12T15:00:00Z') });
  const original = await insertNote({ patientId: p, authorId: c.dermOnTeam.id, body: 'Old wording of the note', status: 'signed', createdAt: at('2026-01-20T10:00:00Z'), isCurrent: false });
  await insertNote({ patientId: p, authorId: c.dermOnTeam.id, body: 'Rifaximin course completed without side effects.', status: 'signed', createdAt: at('2026-01-21T10:00:00Z'), seriesId: original.seriesId, version: 2, isAmendment: true });
  // Another patient's note must never appear.
  await insertNote({ patientId: c.otherPatient.id, authorId: c.dermOffTeam.id, body: 'Someone else', status: 'signed', createdAt: at('2026-01-21T10:00:00Z') });
});

describe('getPatientTimeline', () => {
  it('merges results, scores, plan changes and current notes, newest first', async () => {
    const { entries, olderUntil } = await getPatientTimeline(derm, c.patient.id);
    expect(olderUntil).toBeNull();
    expect(titles(entries)).toEqual([
      '2026-02-12 note Draft note by ' + c.nutritionistOnTeam.name,
      '2026-02-12 score GSRS',
      '2026-02-10 score EASI',
      '2026-01-21 note Amended note by Dr On Team',
      '2026-01-14 plan Low-FODMAP elimination phase accepted by Dr On Team',
      '2026-01-12 plan Low-FODMAP elimination phase proposed by ' + c.nutritionistOnTeam.name,
      '2025-12-20 plan Topical tacrolimus 0.1% stopped: Burning on application',
      '2025-11-29 result Lactulose 10 g breath test',
      '2025-11-20 note Note by Dr On Team',
      '2025-11-20 score EASI',
    ]);
    const breath = entries.find((e) => e.kind === 'result');
    expect(breath).toMatchObject({ href: `/patients/${c.patient.id}/results/${ids.breath}`, authorSpecialty: 'nutrition', flag: 'abnormal' });
    expect(entries.find((e) => e.title.startsWith('Amended'))).toMatchObject({ kind: 'note', noteStatus: 'amended', summary: 'Rifaximin course completed without side effects.', version: 2 });
    expect(entries.find((e) => e.title.startsWith('Note by'))).toMatchObject({ noteStatus: 'signed', summary: 'Review' });
    expect(entries.some((e) => e.summary.includes('Old wording') || e.summary.includes('Someone else'))).toBe(false);
    // Every id is unique, and the entries are plain data (serialisable to a client component).
    expect(new Set(entries.map((e) => e.id)).size).toBe(entries.length);
    expect(JSON.parse(JSON.stringify(entries))).toEqual(entries);
  });

  it('filters by kind', async () => {
    const plans = await getPatientTimeline(derm, c.patient.id, { kinds: ['plan'] });
    expect(plans.entries.map((e) => e.kind)).toEqual(['plan', 'plan', 'plan']);
    const resultsOnly = await getPatientTimeline(derm, c.patient.id, { kinds: ['result'] });
    expect(titles(resultsOnly.entries)).toEqual(['2025-11-29 result Lactulose 10 g breath test']);
    const scoresAndNotes = await getPatientTimeline(derm, c.patient.id, { kinds: ['score', 'note'] });
    expect(new Set(scoresAndNotes.entries.map((e) => e.kind))).toEqual(new Set(['score', 'note']));
    expect(scoresAndNotes.entries).toHaveLength(6);
  });

  it('filters by the specialty of whoever entered, changed or wrote the entry', async () => {
    const nutrition = await getPatientTimeline(derm, c.patient.id, { specialties: ['nutrition'] });
    expect(titles(nutrition.entries)).toEqual([
      '2026-02-12 note Draft note by ' + c.nutritionistOnTeam.name,
      '2026-02-12 score GSRS',
      '2026-01-12 plan Low-FODMAP elimination phase proposed by ' + c.nutritionistOnTeam.name,
      '2025-11-29 result Lactulose 10 g breath test',
    ]);
    expect(nutrition.entries.every((e) => e.authorSpecialty === 'nutrition')).toBe(true);
    const dermNotes = await getPatientTimeline(nutr, c.patient.id, { specialties: ['dermatology'], kinds: ['note'] });
    expect(dermNotes.entries.map((e) => e.title)).toEqual(['Amended note by Dr On Team', 'Note by Dr On Team']);
    const gastro = await getPatientTimeline(derm, c.patient.id, { specialties: ['gastroenterology'] });
    expect(gastro.entries).toEqual([]);
  });

  it('limits to an inclusive date range, for dated results and timestamped changes alike', async () => {
    const { entries } = await getPatientTimeline(derm, c.patient.id, { from: '2025-11-29', to: '2026-01-14' });
    expect(titles(entries)).toEqual([
      '2026-01-14 plan Low-FODMAP elimination phase accepted by Dr On Team',
      '2026-01-12 plan Low-FODMAP elimination phase proposed by ' + c.nutritionistOnTeam.name,
      '2025-12-20 plan Topical tacrolimus 0.1% stopped: Burning on application',
      '2025-11-29 result Lactulose 10 g breath test',
    ]);
  });

  it('validates the filter strictly', async () => {
    await expect(getPatientTimeline(derm, c.patient.id, { from: '2026-02-01', to: '2026-01-01' })).rejects.toThrow(/start date/);
    await expect(getPatientTimeline(derm, c.patient.id, { kinds: ['lab' as 'result'] })).rejects.toThrow();
  });

  it('audits one allowed event per call', async () => {
    const before = (await auditFor(nutr, 'timeline.read', 'allowed')).length;
    await getPatientTimeline(nutr, c.patient.id, { kinds: ['plan', 'note', 'result', 'score'] });
    const after = await auditFor(nutr, 'timeline.read', 'allowed');
    expect(after.length).toBe(before + 1);
    expect(after.at(-1)).toMatchObject({ patientId: c.patient.id, outcome: 'allowed' });
  });

  it.each([
    ['an off-team clinician', 'dermOffTeam', 'not-on-care-team'],
    ['the patient', 'patientUser', 'care-team-only'],
    ['an administrator', 'admin', 'admin-reads-no-clinical-data'],
    ['a deactivated clinician on the team', 'deactivatedClinician', 'inactive-account'],
  ] as const)('refuses %s, and audits the refusal (timeline and overlay)', async (_label, key, reason) => {
    const actor = actorOf(c[key]);
    await expect(getPatientTimeline(actor, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getOutcomeOverlay(actor, c.patient.id)).rejects.toBeInstanceOf(ForbiddenError);
    const [denied] = await auditFor(actor, 'timeline.read', 'denied');
    expect(denied).toMatchObject({ patientId: c.patient.id, detail: { reason, purpose: 'team-read' } });
    expect(await auditFor(actor, 'timeline.outcomes.read', 'denied')).toHaveLength(1);
    expect(await auditFor(actor, 'timeline.read', 'allowed')).toHaveLength(0);
  });

  it('refuses an unknown patient id like a foreign one', async () => {
    await expect(getPatientTimeline(derm, randomUUID())).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getPatientTimeline(derm, 'not-a-uuid')).rejects.toBeInstanceOf(ForbiddenError);
  });
});

describe('paging with the load-older cursor', () => {
  let pagedPatient: string;
  let busyDayPatient: string;

  beforeAll(async () => {
    pagedPatient = (await makePatient()).id;
    busyDayPatient = (await makePatient()).id;
    await addToTeam(pagedPatient, c.dermOnTeam.id, 'lead');
    await addToTeam(busyDayPatient, c.dermOnTeam.id, 'lead');
    // 65 days with two notes each, and one score per day on the first 10 days.
    const notes: (typeof clinicalNotes.$inferInsert)[] = [];
    for (let d = 0; d < 65; d++) {
      for (const hour of [9, 15]) {
        const createdAt = new Date(Date.UTC(2026, 0, 1 + d, hour));
        notes.push({ seriesId: randomUUID(), version: 1, patientId: pagedPatient, authorId: c.dermOnTeam.id, body: `Day ${d} at ${hour}`, status: 'signed', createdAt, signedAt: createdAt });
      }
    }
    for (let i = 0; i < TIMELINE_PAGE_SIZE + 5; i++) {
      const createdAt = new Date(Date.UTC(2026, 5, 1, 8, 0, i));
      notes.push({ seriesId: randomUUID(), version: 1, patientId: busyDayPatient, authorId: c.dermOnTeam.id, body: `Busy ${i}`, status: 'signed', createdAt, signedAt: createdAt });
    }
    notes.push({ seriesId: randomUUID(), version: 1, patientId: busyDayPatient, authorId: c.dermOnTeam.id, body: 'The day before', status: 'draft', createdAt: new Date(Date.UTC(2026, 4, 31, 8)) });
    await getDb().insert(clinicalNotes).values(notes);
    for (let d = 0; d < 10; d++) await recordOk(derm, pagedPatient, 'score', scoreInput('easi', 20 - d, `2026-01-${String(1 + d).padStart(2, '0')}`));
  });

  it('pages through whole days without losing or repeating an entry', async () => {
    const seen: TimelineEntry[] = [];
    let until: string | undefined;
    let pages = 0;
    do {
      const page = await getPatientTimeline(derm, pagedPatient, until ? { until } : {});
      expect(page.entries.length).toBeLessThanOrEqual(TIMELINE_PAGE_SIZE);
      if (until) expect(page.entries.every((e) => e.date <= (until ?? ''))).toBe(true);
      seen.push(...page.entries);
      until = page.olderUntil ?? undefined;
      pages++;
    } while (until && pages < 10);
    expect(pages).toBe(2);
    expect(seen).toHaveLength(65 * 2 + 10);
    expect(new Set(seen.map((e) => e.id)).size).toBe(seen.length);
    expect(seen.map((e) => e.date)).toEqual([...seen.map((e) => e.date)].sort().reverse());
  });

  it('shows a day with more entries than a page in full, then continues the day before', async () => {
    const first = await getPatientTimeline(derm, busyDayPatient);
    expect(first.entries).toHaveLength(TIMELINE_PAGE_SIZE + 5);
    expect(first.entries.every((e) => e.date === '2026-06-01')).toBe(true);
    expect(first.olderUntil).toBe('2026-05-31');
    const second = await getPatientTimeline(derm, busyDayPatient, { until: first.olderUntil ?? undefined });
    expect(second.entries.map((e) => e.summary)).toEqual(['The day before']);
    expect(second.olderUntil).toBeNull();
  });
});

describe('getOutcomeOverlay', () => {
  it('returns score series and the periods of interventions that ran (proposed and declined left out)', async () => {
    const overlay = await getOutcomeOverlay(nutr, c.patient.id);
    expect(overlay.instruments.easi?.map((p) => [p.effectiveDate, p.value])).toEqual([
      ['2025-11-20', 24.5],
      ['2026-02-10', 12.1],
    ]);
    expect(overlay.instruments.gsrs).toHaveLength(1);
    expect(overlay.interventions.map((i) => [i.title, i.status, i.ownerSpecialty, i.startDate, i.endDate])).toEqual([
      ['Topical tacrolimus 0.1%', 'stopped', 'dermatology', '2025-11-25', '2025-12-20'],
      ['Rifaximin 550 mg tid 14 days', 'completed', 'dermatology', '2025-12-05', '2025-12-19'],
      ['Low-FODMAP elimination phase', 'active', 'nutrition', '2026-01-15', null],
      ['Probiotic LGG', 'paused', 'nutrition', '2026-02-01', null],
    ]);
    expect(overlay.interventions.find((i) => i.id === ids.diet)).toMatchObject({ kind: 'diet', plannedEndDate: null });
    expect(overlay.interventions.some((i) => i.id === ids.proposed || i.id === ids.declined)).toBe(false);
    expect((await auditFor(nutr, 'timeline.outcomes.read', 'allowed')).length).toBeGreaterThanOrEqual(1);
  });

  it('is empty for a patient with no scores and no plan', async () => {
    const p = await makePatient();
    await addToTeam(p.id, c.dermOnTeam.id);
    expect(await getOutcomeOverlay(derm, p.id)).toEqual({ instruments: {}, interventions: [] });
  });
});
