import { and, eq, sql } from 'drizzle-orm';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { auditEvents, results } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { correctResult } from '../../../lib/results/mutations';
import { getResult } from '../../../lib/results/queries';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, messagesOf, recordOk, rejectionOf, resultCount, resultRow, scoreInput, siboBreathTest } from './inputs';

// A correction is a new version of the same series; the old one stays, retired. Two clinicians
// correcting the same version at once: exactly one wins, the others are told who did and nothing of
// theirs is stored. The database itself refuses to change or delete a stored version.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
});

const seriesRows = (seriesId: string) => getDb().select().from(results).where(eq(results.seriesId, seriesId)).orderBy(results.version);

describe('correctResult', () => {
  it('adds version 2 to the same series and keeps version 1, retired, in the history', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const before = await resultRow(v1);

    const outcome = await correctResult(nutri, { resultId: v1, expectedVersion: 1, reason: '  Value was for the previous visit  ', values: scoreInput('easi', 8.2, '2025-01-05') });
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    const v2 = outcome.data.resultId;
    expect(v2).not.toBe(v1);

    const rows = await seriesRows(before.seriesId);
    expect(rows.map((r) => [r.id, r.version, r.isCurrent])).toEqual([
      [v1, 1, false],
      [v2, 2, true],
    ]);
    // Version 1 is byte-for-byte what it was, apart from being retired.
    expect({ ...rows[0], isCurrent: true }).toEqual(before);
    expect(rows[1]).toMatchObject({
      patientId: c.patient.id,
      kind: 'score',
      value: 8.2,
      summary: 'EASI 8.2 — moderate (7.1–21.0)',
      enteredBy: c.nutritionistOnTeam.id,
      correctionReason: 'Value was for the previous visit',
    });

    for (const id of [v1, v2]) {
      const detail = await getResult(derm, id);
      expect(detail.seriesId).toBe(before.seriesId);
      expect(detail.current).toMatchObject({ id: v2, version: 2, isCurrent: true, value: 8.2, correctionReason: 'Value was for the previous visit', enteredByName: c.nutritionistOnTeam.name });
      expect(detail.history.map((h) => [h.version, h.isCurrent, h.value, h.correctionReason])).toEqual([
        [2, true, 8.2, 'Value was for the previous visit'],
        [1, false, 18.4, null],
      ]);
      expect(detail.history[1]?.enteredByName).toBe(c.dermOnTeam.name);
    }

    const events = await auditFor(nutri, 'result.correct');
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ outcome: 'allowed', patientId: c.patient.id, entityType: 'result', entityId: v2, detail: { kind: 'score', replaces: v1, version: 2 } });
  });

  it('chains versions: a correction of version 2 becomes version 3', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest('2025-03-10'));
    const fix2 = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Wrong date', values: siboBreathTest('2025-03-09') });
    expect(fix2.ok).toBe(true);
    const v2 = fix2.ok ? fix2.data.resultId : '';
    // The id of any version names the series; expectedVersion says which one the clinician saw.
    const fix3 = await correctResult(nutri, { resultId: v1, expectedVersion: 2, reason: 'Methane column was blank on the print-out', values: { ...siboBreathTest('2025-03-09'), readings: siboBreathTest().readings.map((r) => ({ ...r, ch4: r.ch4 + 1 })) } });
    expect(fix3.ok).toBe(true);
    const detail = await getResult(derm, v2);
    expect(detail.history.map((h) => h.version)).toEqual([3, 2, 1]);
    expect(detail.history.filter((h) => h.isCurrent)).toHaveLength(1);
    expect(detail.current.effectiveDate).toBe('2025-03-09');
  });

  it('refuses a correction without a reason and stores nothing', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    for (const reason of [undefined, '', '   ', 'no']) {
      const outcome = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason, values: scoreInput('easi', 8.2, '2025-01-05') });
      expect(outcome.ok).toBe(false);
      if (outcome.ok) continue;
      expect(outcome.fieldErrors?.reason?.length, `reason ${JSON.stringify(reason)}`).toBeGreaterThan(0);
    }
    expect(await resultCount(c.patient.id)).toBe(1);
    expect((await resultRow(v1)).isCurrent).toBe(true);
    expect(await auditFor(derm, 'result.correct')).toHaveLength(0);
  });

  it('refuses invalid corrected values field by field and keeps the current version', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest());
    const values = siboBreathTest();
    values.readings[4] = { minute: 60, h2: 31, ch4: -2 };
    const outcome = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Fix methane', values });
    expect(outcome.ok).toBe(false);
    expect(outcome.ok ? undefined : outcome.fieldErrors?.['readings.4.ch4']).toHaveLength(1);
    expect(await resultCount(c.patient.id)).toBe(1);
    expect((await resultRow(v1)).isCurrent).toBe(true);
  });

  it('refuses a correction dated in the future', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const future = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    const outcome = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Re-dated', values: scoreInput('easi', 18.4, future) });
    expect(outcome.ok ? undefined : outcome.fieldErrors?.effectiveDate).toHaveLength(1);
    expect(await resultCount(c.patient.id)).toBe(1);
  });
});

describe('concurrent corrections', () => {
  it('a second correction of the same version is refused, naming the colleague and the new version', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const first = await correctResult(nutri, { resultId: v1, expectedVersion: 1, reason: 'Nutritionist fix', values: scoreInput('easi', 9.9, '2025-01-05') });
    expect(first.ok).toBe(true);

    const second = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Dermatologist fix', values: scoreInput('easi', 44.4, '2025-01-05') });
    expect(second.ok).toBe(false);
    if (second.ok) return;
    expect(second.conflict).toMatchObject({ version: 2, enteredByName: c.nutritionistOnTeam.name, summary: 'EASI 9.9 — moderate (7.1–21.0)' });
    expect(Number.isNaN(Date.parse(second.conflict?.enteredAt ?? ''))).toBe(false);
    expect(second.error).toContain(c.nutritionistOnTeam.name);
    expect(second.error).toMatch(/version 2/);
    expect(second.error).toMatch(/not saved/);

    // Nothing of the loser's is stored or audited as done.
    const rows = await seriesRows((await resultRow(v1)).seriesId);
    expect(rows.map((r) => r.value)).toEqual([18.4, 9.9]);
    expect(rows.some((r) => r.correctionReason === 'Dermatologist fix')).toBe(false);
    expect(await auditFor(derm, 'result.correct')).toHaveLength(0);
  });

  it('two corrections started together: exactly one wins', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('dlqi', 12, '2025-01-05'));
    const outcomes = await Promise.all([
      correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Derm says 11', values: scoreInput('dlqi', 11, '2025-01-05') }),
      correctResult(nutri, { resultId: v1, expectedVersion: 1, reason: 'Nutritionist says 13', values: scoreInput('dlqi', 13, '2025-01-05') }),
    ]);
    const winners = outcomes.filter((o) => o.ok);
    expect(winners).toHaveLength(1);
    const loser = outcomes.find((o) => !o.ok);
    const winnerIsDerm = outcomes[0]?.ok === true;
    expect(loser && !loser.ok ? loser.conflict : undefined).toMatchObject({ version: 2, enteredByName: winnerIsDerm ? c.dermOnTeam.name : c.nutritionistOnTeam.name });
    const rows = await seriesRows((await resultRow(v1)).seriesId);
    expect(rows.map((r) => [r.version, r.isCurrent, r.value])).toEqual([
      [1, false, 12],
      [2, true, winnerIsDerm ? 11 : 13],
    ]);
  });

  it('ten parallel corrections of version 1: one winner, nine told who won', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('poem', 10, '2025-01-05'));
    const actors = Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? derm : nutri));
    const outcomes = await Promise.all(
      actors.map((actor, i) => correctResult(actor, { resultId: v1, expectedVersion: 1, reason: `Attempt ${i}`, values: scoreInput('poem', 11 + i, '2025-01-05') })),
    );

    const winnerIndexes = outcomes.flatMap((o, i) => (o.ok ? [i] : []));
    expect(winnerIndexes).toHaveLength(1);
    const w = winnerIndexes[0] ?? -1;
    const winnerName = w % 2 === 0 ? c.dermOnTeam.name : c.nutritionistOnTeam.name;
    const losers = outcomes.filter((o) => !o.ok);
    expect(losers).toHaveLength(9);
    for (const o of losers) {
      expect(o.ok ? undefined : o.conflict).toMatchObject({ version: 2, enteredByName: winnerName });
    }

    const rows = await seriesRows((await resultRow(v1)).seriesId);
    expect(rows.map((r) => [r.version, r.isCurrent])).toEqual([
      [1, false],
      [2, true],
    ]);
    expect(rows[1]).toMatchObject({ value: 11 + w, correctionReason: `Attempt ${w}` });
    expect(await resultCount(c.patient.id)).toBe(2);
    const corrections = await getDb().select().from(auditEvents).where(and(eq(auditEvents.patientId, c.patient.id), eq(auditEvents.action, 'result.correct')));
    expect(corrections).toHaveLength(1);
    expect(corrections[0]?.entityId).toBe(rows[1]?.id);
  });

  it('parallel corrections of different series do not block each other', async () => {
    const ids = await Promise.all([1, 2, 3, 4].map((n) => recordOk(derm, c.patient.id, 'score', scoreInput('poem', n, '2025-01-05'))));
    const outcomes = await Promise.all(ids.map((id, i) => correctResult(i % 2 ? derm : nutri, { resultId: id, expectedVersion: 1, reason: 'Bulk fix', values: scoreInput('poem', 20 + i, '2025-01-05') })));
    expect(outcomes.every((o) => o.ok)).toBe(true);
    expect(await resultCount(c.patient.id)).toBe(8);
  });
});

describe('the database keeps stored versions immutable', () => {
  it('refuses UPDATE of stored values and DELETE of results, even as raw SQL', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest());
    const before = await resultRow(v1);
    const db = getDb();

    expect(await rejectionOf(db.execute(sql`update results set summary = 'x' where id = ${v1}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`update results set flag = 'normal'`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`update results set data = '{}'::jsonb, interpretation = '{}'::jsonb where id = ${v1}`))).toMatch(/immutable/);
    // Retiring is the one allowed change, and only on its own: not smuggled in with another edit.
    expect(await rejectionOf(db.execute(sql`update results set is_current = false, summary = 'x' where id = ${v1}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.update(results).set({ value: 3 }).where(eq(results.id, v1)))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`delete from results where id = ${v1}`))).toMatch(/never deleted/);
    expect(await rejectionOf(db.delete(results))).toMatch(/never deleted/);

    expect(await resultRow(v1)).toEqual(before);
  });

  it('refuses to revive a retired version or rewrite it', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const fix = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Typo', values: scoreInput('easi', 1.8, '2025-01-05') });
    expect(fix.ok).toBe(true);
    const db = getDb();
    expect(await rejectionOf(db.execute(sql`update results set is_current = true where id = ${v1}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`update results set correction_reason = null where id = ${fix.ok ? fix.data.resultId : v1}`))).toMatch(/immutable/);
    expect(await rejectionOf(db.execute(sql`delete from results where id = ${v1}`))).toMatch(/never deleted/);
    expect((await resultRow(v1)).isCurrent).toBe(false);
  });

  it("still lets the app's retire-then-insert path correct a result after refusals", async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    await rejectionOf(getDb().execute(sql`update results set value = 1 where id = ${v1}`));
    const fix = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Real correction', values: scoreInput('easi', 1.8, '2025-01-05') });
    expect(fix.ok).toBe(true);
    const rows = await seriesRows((await resultRow(v1)).seriesId);
    expect(rows.map((r) => [r.version, r.isCurrent, r.value])).toEqual([
      [1, false, 18.4],
      [2, true, 1.8],
    ]);
  });

  it('refuses a second current version and a version without a correction reason (constraints)', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    const row = await resultRow(v1);
    const { id: _id, enteredAt: _enteredAt, ...copy } = row;
    const db = getDb();
    // Another current version of the same series.
    expect(await rejectionOf(db.insert(results).values({ ...copy, version: 2, correctionReason: 'dup' }))).toMatch(/results_series_current_unique/);
    // A later version with no reason.
    expect(await rejectionOf(db.insert(results).values({ ...copy, version: 2, isCurrent: false, correctionReason: '  ' }))).toMatch(/results_correction_has_reason/);
    // The same version twice.
    expect(await rejectionOf(db.insert(results).values({ ...copy, isCurrent: false }))).toMatch(/results_series_version_unique/);
    expect(await resultCount(c.patient.id)).toBe(1);
  });

  // Like audit_events (0001), results refuse TRUNCATE too: a statement trigger in 0003.
  it('refuses TRUNCATE of results', async () => {
    await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 18.4, '2025-01-05'));
    class Rollback extends Error {}
    // Inside a transaction that is always rolled back, so the rest of the file keeps its data.
    const error = await getDb()
      .transaction(async (tx) => {
        await tx.execute(sql`truncate results cascade`);
        throw new Rollback('the truncate was allowed');
      })
      .then(
        () => null,
        (e: unknown) => e,
      );
    expect(messagesOf(error)).toMatch(/never deleted|immutable|not allowed/);
    expect(await resultCount(c.patient.id)).toBe(1);
  });
});
