import { and, eq } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { patientViews, resultReviews } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { DEFAULT_CASELOAD_QUERY } from '../../../lib/patients/caseload-query';
import { listCaseload } from '../../../lib/patients/queries';
import { correctResult, markResultReviewed } from '../../../lib/results/mutations';
import { countAwaitingReview, getPatientResults, getResult } from '../../../lib/results/queries';
import { actorOf, addToTeam, makeClinic, makePatient, makeUser } from '../fixtures';
import { auditFor, imoBreathTest, recordOk, reviewCount, scoreInput, siboBreathTest, tick, ubtPositive } from './inputs';

// "New since you last looked" and "awaiting your review": colleague A (dermatologist) enters results,
// colleague B (nutritionist) opens the record and acknowledges them. The caseload's awaitingReview
// count comes from the same rule.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let a: Actor;
let b: Actor;
beforeEach(async () => {
  c = await makeClinic();
  a = actorOf(c.dermOnTeam);
  b = actorOf(c.nutritionistOnTeam);
});

async function listFor(actor: Actor) {
  const out = await getPatientResults(actor, c.patient.id);
  return { ...out, byId: new Map(out.results.map((r) => [r.id, r])) };
}

async function awaitingInCaseload(actor: Actor, patientId = c.patient.id): Promise<number | undefined> {
  const page = await listCaseload(actor, DEFAULT_CASELOAD_QUERY);
  return page.rows.find((r) => r.id === patientId)?.awaitingReview;
}

async function awaitingCount(actor: Actor, patientId = c.patient.id): Promise<number> {
  return (await countAwaitingReview(getDb(), actor, [patientId])).get(patientId) ?? 0;
}

describe('new since you last looked', () => {
  it("a colleague's result entered after B last opened the record is new once, then not", async () => {
    const first = await listFor(b);
    expect(first.results).toEqual([]);
    expect(first.previousViewAt).toBeNull();
    const [view1] = await getDb().select().from(patientViews).where(and(eq(patientViews.userId, b.userId), eq(patientViews.patientId, c.patient.id)));
    expect(view1).toBeDefined();

    await tick();
    const id = await recordOk(a, c.patient.id, 'breath_test', siboBreathTest());

    const second = await listFor(b);
    expect(second.previousViewAt).toBe(view1?.lastViewedAt.toISOString());
    expect(second.byId.get(id)).toMatchObject({ isNew: true, awaitingMyReview: true, enteredByName: c.dermOnTeam.name });

    await tick();
    const third = await listFor(b);
    expect(Date.parse(third.previousViewAt ?? '')).toBeGreaterThan(Date.parse(second.previousViewAt ?? ''));
    // Seen now, but still not acknowledged.
    expect(third.byId.get(id)).toMatchObject({ isNew: false, awaitingMyReview: true });
  });

  it('on a first visit everything a colleague entered is new', async () => {
    const id = await recordOk(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-05'));
    const out = await listFor(b);
    expect(out.previousViewAt).toBeNull();
    expect(out.byId.get(id)?.isNew).toBe(true);
  });

  it('results entered before the last visit are not new, later ones are', async () => {
    const older = await recordOk(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-05'));
    await tick();
    await listFor(b);
    await tick();
    const newer = await recordOk(a, c.patient.id, 'h_pylori', ubtPositive());
    const out = await listFor(b);
    expect(out.byId.get(older)?.isNew).toBe(false);
    expect(out.byId.get(newer)?.isNew).toBe(true);
  });

  it("one clinician's visit does not mark results seen for another", async () => {
    const id = await recordOk(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-05'));
    await tick();
    // A opening the record leaves B's "new" untouched.
    await listFor(a);
    expect((await listFor(b)).byId.get(id)?.isNew).toBe(true);
  });

  it('own results are never new nor awaiting review for their author', async () => {
    await listFor(a);
    await tick();
    const id = await recordOk(a, c.patient.id, 'breath_test', imoBreathTest());
    const mine = await listFor(a);
    expect(mine.byId.get(id)).toMatchObject({ isNew: false, awaitingMyReview: false });
    expect((await getResult(a, id)).awaitingMyReview).toBe(false);
    expect(await awaitingCount(a)).toBe(0);
    expect(await awaitingInCaseload(a)).toBe(0);
    // ...while for the colleague they are both.
    expect((await listFor(b)).byId.get(id)).toMatchObject({ isNew: true, awaitingMyReview: true });
  });
});

describe('awaiting my review', () => {
  it('stays until markResultReviewed, which is idempotent and audited once', async () => {
    const id = await recordOk(a, c.patient.id, 'breath_test', siboBreathTest());
    expect((await getResult(b, id)).awaitingMyReview).toBe(true);
    expect((await listFor(b)).byId.get(id)?.awaitingMyReview).toBe(true);
    // Looking is not reviewing.
    expect((await listFor(b)).byId.get(id)?.awaitingMyReview).toBe(true);

    expect(await markResultReviewed(b, id)).toEqual({ ok: true, data: { nextResultId: null } });
    expect(await markResultReviewed(b, id)).toEqual({ ok: true, data: { nextResultId: null } });

    expect(await reviewCount(id)).toBe(1);
    const events = await auditFor(b, 'result.review');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityType: 'result', entityId: id });

    const detail = await getResult(b, id);
    expect(detail.awaitingMyReview).toBe(false);
    expect(detail.current.reviewedBy.map((r) => r.name)).toEqual([c.nutritionistOnTeam.name]);
    expect((await listFor(b)).byId.get(id)?.awaitingMyReview).toBe(false);
  });

  it('two parallel reviews by the same clinician still leave one row and one audit event', async () => {
    const id = await recordOk(a, c.patient.id, 'score', scoreInput('poem', 9, '2025-01-05'));
    const outcomes = await Promise.all([markResultReviewed(b, id), markResultReviewed(b, id), markResultReviewed(b, id)]);
    expect(outcomes.map((o) => o.ok)).toEqual([true, true, true]);
    expect(await reviewCount(id)).toBe(1);
    expect(await auditFor(b, 'result.review')).toHaveLength(1);
  });

  it("a review is one clinician's: it does not clear the result for another colleague", async () => {
    const third = await makeClinicianOnTeam();
    const id = await recordOk(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-05'));
    await markResultReviewed(b, id);
    expect((await getResult(third, id)).awaitingMyReview).toBe(true);
    expect(await awaitingCount(third)).toBe(1);
    expect(await awaitingCount(b)).toBe(0);
  });

  it("countAwaitingReview and the caseload's awaitingReview agree with the list", async () => {
    expect(await awaitingInCaseload(b)).toBe(0);
    const ids = [
      await recordOk(a, c.patient.id, 'breath_test', siboBreathTest()),
      await recordOk(a, c.patient.id, 'h_pylori', ubtPositive()),
      await recordOk(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-05')),
    ];
    // B's own entry never counts for B.
    await recordOk(b, c.patient.id, 'score', scoreInput('gsrs', 2.1, '2025-01-05'));

    const listed = async () => (await listFor(b)).results.filter((r) => r.awaitingMyReview).length;
    expect(await awaitingCount(b)).toBe(3);
    expect(await awaitingInCaseload(b)).toBe(3);
    expect(await listed()).toBe(3);
    // For A, only B's entry awaits.
    expect(await awaitingInCaseload(a)).toBe(1);

    await markResultReviewed(b, ids[0] ?? '');
    expect(await awaitingCount(b)).toBe(2);
    expect(await awaitingInCaseload(b)).toBe(2);
    expect(await listed()).toBe(2);

    await markResultReviewed(b, ids[1] ?? '');
    await markResultReviewed(b, ids[2] ?? '');
    expect(await awaitingCount(b)).toBe(0);
    expect(await awaitingInCaseload(b)).toBe(0);
    expect(await listed()).toBe(0);
  });

  it('counts per patient, across a caseload', async () => {
    const second = await makePatient({ givenName: 'Chidi', familyName: 'Anagonye' });
    await addToTeam(second.id, c.dermOnTeam.id, 'lead');
    await addToTeam(second.id, c.nutritionistOnTeam.id);
    await recordOk(a, c.patient.id, 'score', scoreInput('easi', 12, '2025-01-05'));
    await recordOk(a, second.id, 'score', scoreInput('easi', 3, '2025-01-05'));
    await recordOk(a, second.id, 'score', scoreInput('dlqi', 7, '2025-01-05'));

    const counts = await countAwaitingReview(getDb(), b, [c.patient.id, second.id, c.otherPatient.id]);
    expect(Object.fromEntries(counts)).toEqual({ [c.patient.id]: 1, [second.id]: 2 });
    expect(await awaitingInCaseload(b, second.id)).toBe(2);
    expect((await countAwaitingReview(getDb(), b, [])).size).toBe(0);
  });

  it("a correction by A makes the new version awaiting review (and new) again for B", async () => {
    const v1 = await recordOk(a, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    await markResultReviewed(b, v1);
    await listFor(b);
    expect(await awaitingCount(b)).toBe(0);

    await tick();
    const fix = await correctResult(a, { resultId: v1, expectedVersion: 1, reason: 'Arms were scored twice', values: scoreInput('easi', 9.2, '2025-01-05') });
    expect(fix.ok).toBe(true);
    const v2 = fix.ok ? fix.data.resultId : '';

    const out = await listFor(b);
    expect(out.results.map((r) => r.id)).toEqual([v2]);
    expect(out.byId.get(v2)).toMatchObject({ version: 2, isNew: true, awaitingMyReview: true, value: 9.2 });
    expect(await awaitingCount(b)).toBe(1);
    expect(await awaitingInCaseload(b)).toBe(1);
    const detail = await getResult(b, v1);
    expect(detail.awaitingMyReview).toBe(true);
    // B's review of version 1 stays in its history.
    expect(detail.history.find((h) => h.version === 1)?.reviewedBy.map((r) => r.name)).toEqual([c.nutritionistOnTeam.name]);

    await markResultReviewed(b, v2);
    expect(await awaitingCount(b)).toBe(0);
    expect((await getResult(b, v2)).awaitingMyReview).toBe(false);
    const reviews = await getDb().select().from(resultReviews).where(eq(resultReviews.userId, b.userId));
    expect(reviews.map((r) => r.resultId).sort()).toEqual([v1, v2].sort());
  });

  it("B's own correction of A's result is not awaiting for B, but is for A", async () => {
    const v1 = await recordOk(a, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const fix = await correctResult(b, { resultId: v1, expectedVersion: 1, reason: 'Corrected from the clinic letter', values: scoreInput('easi', 17.4, '2025-01-05') });
    expect(fix.ok).toBe(true);
    const v2 = fix.ok ? fix.data.resultId : '';
    expect((await listFor(b)).byId.get(v2)).toMatchObject({ awaitingMyReview: false, isNew: false });
    expect(await awaitingCount(b)).toBe(0);
    expect((await listFor(a)).byId.get(v2)).toMatchObject({ awaitingMyReview: true });
    expect(await awaitingCount(a)).toBe(1);
  });
});

async function makeClinicianOnTeam(): Promise<Actor> {
  const gastro = await makeUser('clinician', { specialty: 'gastroenterology', name: 'Dr Third' });
  await addToTeam(c.patient.id, gastro.id);
  return actorOf(gastro);
}

describe('review as a flow', () => {
  it('keeps an optional comment with the review, and names the next result awaiting review', async () => {
    const older = await recordOk(a, c.patient.id, 'score', scoreInput('poem', 9, '2025-01-05'));
    const newer = await recordOk(a, c.patient.id, 'breath_test', siboBreathTest('2025-03-10'));
    const newest = await recordOk(a, c.patient.id, 'h_pylori', ubtPositive('2025-04-01'));

    // The queue is newest first; reviewing the newest leads to the next one, then the last.
    const first = await markResultReviewed(b, newest, { comment: '  Discussed with the patient; retest after therapy.  ' });
    expect(first).toEqual({ ok: true, data: { nextResultId: newer } });
    expect(await markResultReviewed(b, newer)).toEqual({ ok: true, data: { nextResultId: older } });
    expect(await markResultReviewed(b, older, {})).toEqual({ ok: true, data: { nextResultId: null } });

    const detail = await getResult(b, newest);
    expect(detail.current.reviewedBy).toEqual([expect.objectContaining({ name: c.nutritionistOnTeam.name, comment: 'Discussed with the patient; retest after therapy.', isMe: true })]);
    expect((await getResult(a, newest)).current.reviewedBy[0]?.isMe).toBe(false);
    const events = await auditFor(b, 'result.review');
    expect(events.find((e) => e.entityId === newest)?.detail).toEqual({ withComment: true });
  });

  it('says how many others await review while this one does, and nothing once reviewed', async () => {
    const one = await recordOk(a, c.patient.id, 'score', scoreInput('poem', 9, '2025-01-05'));
    await recordOk(a, c.patient.id, 'score', scoreInput('poem', 7, '2025-02-05'));
    expect((await getResult(b, one)).othersAwaitingMyReview).toBe(1);
    await markResultReviewed(b, one);
    expect((await getResult(b, one)).othersAwaitingMyReview).toBe(0);
    // The author never reviews their own entry.
    expect((await getResult(a, one)).othersAwaitingMyReview).toBe(0);
  });

  it('refuses an over-long or non-text comment with a message, and stores nothing', async () => {
    const id = await recordOk(a, c.patient.id, 'score', scoreInput('poem', 9, '2025-01-05'));
    const long = await markResultReviewed(b, id, { comment: 'x'.repeat(1001) });
    expect(long).toMatchObject({ ok: false, fieldErrors: { comment: [expect.stringMatching(/under 1000 characters/)] } });
    expect(await markResultReviewed(b, id, { comment: 42 })).toMatchObject({ ok: false });
    expect(await reviewCount(id)).toBe(0);
    expect((await getResult(b, id)).awaitingMyReview).toBe(true);
  });
});
