import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../client';
import { clinicalNotes, results, resultShares } from '../schema';
import type { DemoResultsPatient, DemoResultsTeamMember } from './demo-results';
import { createRandom, seededUuid } from './random';

// What a patient sees on first sign-in, and the notes the browser tests open. Every portal account's
// patient gets, shared by the lead dermatologist: their patient-reported and quality-of-life scores
// (the skin severity score instead when they have none of those), the newest test of each kind (one with
// a message), and a signed visit summary. Clinician-rated severity points otherwise stay unshared, as a
// team would choose (each score point is its own series). Maya Chen, the record the browser
// tests open, gets a signed care-team note and a shared one. Written straight to the tables as the
// system seed, inside the demo clinic's transaction, after results and care plans. Deterministic.

export const DEMO_PORTAL_SEED = 20_261_207;
/** When the notes were signed: the clinic's last visit day in the demo data (DEMO_RESULTS_LAST_DATE). */
const NOTE_DAY = '2026-11-15';

const SKIN_WORDS: Record<string, string> = {
  acne: 'acne',
  rosacea: 'rosacea',
  'atopic-dermatitis': 'eczema (atopic dermatitis)',
  psoriasis: 'psoriasis',
  urticaria: 'hives (chronic urticaria)',
};

function visitSummary(p: DemoResultsPatient, lead: DemoResultsTeamMember, nutrition: DemoResultsTeamMember | undefined): string {
  const skin = SKIN_WORDS[p.conditions.find((c) => c.key in SKIN_WORDS && c.status === 'active')?.key ?? ''] ?? 'skin';
  const gut = p.conditions.some((c) => (c.key === 'sibo' || c.key === 'h-pylori') && c.status === 'active');
  return [
    '## Your visit today',
    '',
    `We looked at your ${skin} together and went through your recent results. The scores we shared with you show how your skin has changed since your first visit.`,
    '',
    '## What we agreed',
    '',
    '- Keep using your skin treatment exactly as written in your plan.',
    nutrition
      ? `- ${gut ? 'Your gut test results are part of the picture: ' : ''}the diet change in your plan was agreed with your nutritionist. Follow it only until the date in your plan, then we will bring foods back step by step.`
      : '- Keep eating as usual unless your plan says otherwise.',
    '- Fill in your diary in the portal when you notice a flare or tummy symptoms, so we can see what changes.',
    '',
    '## Next steps',
    '',
    'We will see you again in about eight weeks. If your skin gets much worse, or you have a reaction to a food, contact the clinic.',
  ].join('\n');
}

const CHEN_TEAM_NOTE = [
  '## Follow-up: atopic dermatitis and SIBO',
  '',
  'EASI improving since tacrolimus started; itch and sleep better per POEM. Hydrogen breath test after rifaximin reviewed with the nutritionist.',
  '',
  '**Plan:** continue tacrolimus; low-FODMAP elimination until the planned reintroduction, then reintroduce one group at a time. Review calcium intake while dairy is out.',
].join('\n');

const CHEN_SHARED_NOTE = [
  '## Your diet plan',
  '',
  'You are avoiding a few foods for a short time to see whether your tummy symptoms and skin settle. This is not forever: we will bring each food back, one at a time, on the date in your plan.',
  '',
  'Please keep your food-and-symptom diary in the portal. It is what tells us which foods matter for you.',
].join('\n');

export interface DemoPortalSummary {
  shares: number;
  notes: number;
}

export async function seedDemoPortal(db: Executor, patients: readonly DemoResultsPatient[], featuredMrn: string): Promise<DemoPortalSummary> {
  const ids = createRandom(DEMO_PORTAL_SEED);
  const portal = patients.filter((p) => p.hasPortalAccount);
  const shareRows: (typeof resultShares.$inferInsert)[] = [];
  const noteRows: (typeof clinicalNotes.$inferInsert)[] = [];
  const signedAt = (minutes: number) => new Date(Date.parse(`${NOTE_DAY}T15:00:00.000Z`) + minutes * 60_000);
  const note = (patientId: string, authorId: string, body: string, visibility: 'patient' | 'care_team', at: Date) => {
    noteRows.push({ id: seededUuid(ids), seriesId: seededUuid(ids), version: 1, isCurrent: true, patientId, authorId, body, visibility, status: 'signed', createdAt: new Date(at.getTime() - 10 * 60_000), signedAt: at });
  };

  const rows =
    portal.length === 0
      ? []
      : await db
          .select({ patientId: results.patientId, seriesId: results.seriesId, kind: results.kind, effectiveDate: results.effectiveDate, instrument: results.instrument, reportedBy: sql<string | null>`${results.data}->>'reportedBy'` })
          .from(results)
          .where(and(inArray(results.patientId, portal.map((p) => p.id)), eq(results.isCurrent, true)))
          .orderBy(asc(results.patientId), asc(results.effectiveDate), asc(results.seriesId));

  portal.forEach((p, index) => {
    const lead = p.team.find((m) => m.role === 'lead');
    if (!lead) throw new Error(`demo portal: ${p.mrn} has no lead clinician`);
    const nutrition = p.team.find((m) => m.specialty === 'nutrition');
    const mine = rows.filter((r) => r.patientId === p.id);
    const newestTest = new Map<string, (typeof mine)[number]>();
    for (const r of mine) if (r.kind !== 'score') newestTest.set(r.kind, r);
    const scores = mine.filter((r) => r.kind === 'score');
    const patientFacing = scores.filter((r) => r.reportedBy === 'patient' || r.instrument === 'dlqi');
    const sharedScores = patientFacing.length > 0 ? patientFacing : scores;
    const series = new Set([...sharedScores.map((r) => r.seriesId), ...[...newestTest.values()].map((r) => r.seriesId)]);
    if (series.size === 0) throw new Error(`demo portal: ${p.mrn} has no results to share`);
    const newest = [...newestTest.values()].sort((a, b) => b.effectiveDate.localeCompare(a.effectiveDate))[0];
    for (const seriesId of series) {
      shareRows.push({
        id: seededUuid(ids),
        patientId: p.id,
        seriesId,
        messageToPatient: seriesId === newest?.seriesId ? 'We went through this result together at your visit. It is one piece of the picture, read with your symptoms.' : null,
        sharedBy: lead.userId,
        sharedAt: signedAt(index),
      });
    }
    note(p.id, lead.userId, visitSummary(p, lead, nutrition), 'patient', signedAt(index + 1));
  });

  const chen = patients.find((p) => p.mrn === featuredMrn);
  if (chen) {
    const derm = chen.team.find((m) => m.role === 'lead');
    const nutrition = chen.team.find((m) => m.specialty === 'nutrition');
    if (!derm || !nutrition) throw new Error(`demo portal: ${featuredMrn} needs a lead and a nutritionist`);
    note(chen.id, derm.userId, CHEN_TEAM_NOTE, 'care_team', signedAt(30));
    note(chen.id, nutrition.userId, CHEN_SHARED_NOTE, 'patient', signedAt(45));
  }

  if (shareRows.length > 0) await db.insert(resultShares).values(shareRows);
  if (noteRows.length > 0) await db.insert(clinicalNotes).values(noteRows);
  return { shares: shareRows.length, notes: noteRows.length };
}
