import { beforeEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { acceptIntervention, addGoal, changeInterventionStatus, updateGoal, updateIntervention } from '../../../lib/care-plans/mutations';
import { actorOf, makeClinic, makeUser, addToTeam } from '../fixtures';
import { auditFor, changesOf, eliminationDiet, interventionRow, proposeOk, topical } from './inputs';

// Many clinicians saving the same plan entry at once: the version each opened is checked in the
// UPDATE itself, so exactly one save wins, every other is told who won and what they changed, and
// nothing is lost or half-written. Runs on PGlite and, with DATABASE_URL, on PostgreSQL with a pool
// of connections, where the saves really overlap.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
let team: Actor[];
beforeEach(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
  // Twenty clinicians on the team, so each save has a distinct author to name.
  team = [derm, nutri];
  for (let i = 0; i < 18; i++) {
    const user = await makeUser('clinician', { specialty: i % 2 ? 'nutrition' : 'dermatology', name: `Dr Parallel ${i}` });
    await addToTeam(c.patient.id, user.id);
    team.push(actorOf(user));
  }
});

describe('20 parallel edits of one intervention with the same expected version', () => {
  it('exactly one wins, 19 are told with the winner named, the row equals the winner and history has one new change', async () => {
    const id = await proposeOk(derm, c.patient.id, topical(c.dermOnTeam.id));
    const before = await changesOf(id);

    const outcomes = await Promise.all(
      team.map((actor, i) =>
        updateIntervention(actor, {
          ...topical(c.dermOnTeam.id, { title: `Tacrolimus 0.1% ointment, plan ${i}`, details: { drug: 'Tacrolimus 0.1% ointment', dose: `${i + 1} fingertip units`, frequency: 'twice daily' } }),
          interventionId: id,
          expectedVersion: 1,
        }),
      ),
    );

    const winners = outcomes.flatMap((o, i) => (o.ok ? [i] : []));
    expect(winners).toHaveLength(1);
    const w = winners[0] ?? -1;
    const winner = team[w];
    if (!winner) throw new Error('no winner');

    // No lost update: the stored row is exactly the winner's edit, at version 2.
    const row = await interventionRow(id);
    expect(row).toMatchObject({ version: 2, title: `Tacrolimus 0.1% ointment, plan ${w}`, updatedBy: winner.userId, details: { dose: `${w + 1} fingertip units` } });

    // Every loser is told who won, at which version, and what they changed; nothing of theirs is kept.
    for (const [i, o] of outcomes.entries()) {
      if (i === w) continue;
      expect(o.ok, `save ${i}`).toBe(false);
      if (o.ok) continue;
      expect(o.error).toBe(`${winner.name} changed this intervention since you opened it (now version 2); your change was not saved. Review their change below, then apply yours to it.`);
      expect(o.conflict).toMatchObject({ currentVersion: 2, changedByName: winner.name, current: { title: `Tacrolimus 0.1% ointment, plan ${w}`, version: 2 } });
      expect(o.conflict?.changes.map((f) => f.label)).toEqual(['Title', 'Details']);
      expect(o.conflict?.changes[0]?.to).toBe(`Tacrolimus 0.1% ointment, plan ${w}`);
    }

    // The history gained exactly one version: the winner's.
    const after = await changesOf(id);
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)).toMatchObject({ version: 2, change: 'update', changedBy: winner.userId, snapshot: expect.objectContaining({ title: `Tacrolimus 0.1% ointment, plan ${w}` }) });

    // Only the winner's save is audited as done.
    const audited = (await Promise.all(team.map((a) => auditFor(a, 'care_plan.intervention.update', 'allowed')))).map((events) => events.length);
    expect(audited.reduce((a, b) => a + b, 0)).toBe(1);
    expect(audited[w]).toBe(1);
  });

  it('mixed parallel saves (pause, stop, edit) on one version: one wins, the rest are told', async () => {
    const id = await proposeOk(derm, c.patient.id, eliminationDiet(c.dermOnTeam.id));
    expect((await acceptIntervention(derm, { interventionId: id, expectedVersion: 1 })).ok).toBe(true);
    const outcomes = await Promise.all(
      team.map((actor, i) =>
        i % 3 === 0
          ? changeInterventionStatus(actor, { interventionId: id, expectedVersion: 2, status: 'paused', reason: `Pause ${i}` })
          : i % 3 === 1
            ? changeInterventionStatus(actor, { interventionId: id, expectedVersion: 2, status: 'stopped', reason: `Stop ${i}` })
            : updateIntervention(actor, { ...eliminationDiet(c.dermOnTeam.id, { title: `Edit ${i}` }), interventionId: id, expectedVersion: 2 }),
      ),
    );
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const o of outcomes) if (!o.ok) expect(o.conflict?.currentVersion).toBe(3);
    expect((await interventionRow(id)).version).toBe(3);
    expect((await changesOf(id)).map((ch) => ch.version)).toEqual([1, 2, 3]);
  });

  it('sequential saves from a stale version after the race are still refused', async () => {
    const id = await proposeOk(derm, c.patient.id, topical(c.dermOnTeam.id));
    expect((await updateIntervention(nutri, { ...topical(c.dermOnTeam.id, { title: 'Newer' }), interventionId: id, expectedVersion: 1 })).ok).toBe(true);
    const stale = await updateIntervention(derm, { ...topical(c.dermOnTeam.id, { title: 'Older' }), interventionId: id, expectedVersion: 1 });
    expect(stale.ok).toBe(false);
    expect((await interventionRow(id)).title).toBe('Newer');
    // Applying the change on top of the current version goes through.
    const rebased = await updateIntervention(derm, { ...topical(c.dermOnTeam.id, { title: 'Older' }), interventionId: id, expectedVersion: 2 });
    expect(rebased).toMatchObject({ ok: true, data: { version: 3 } });
  });
});

describe('20 parallel edits of one goal', () => {
  it('exactly one wins; the goal equals the winner; history has one new change', async () => {
    const added = await addGoal(derm, c.patient.id, { description: 'EASI below 7 by March' });
    const goalId = added.ok ? added.data.goalId : '';
    const outcomes = await Promise.all(team.map((actor, i) => updateGoal(actor, { goalId, expectedVersion: 1, description: `EASI below ${i + 1}`, status: 'active' })));
    const w = outcomes.findIndex((o) => o.ok);
    expect(outcomes.filter((o) => o.ok)).toHaveLength(1);
    for (const o of outcomes) if (!o.ok) expect(o.conflict).toMatchObject({ currentVersion: 2, changedByName: team[w]?.name, current: { description: `EASI below ${w + 1}` } });
    expect((await changesOf(goalId)).map((ch) => [ch.version, (ch.snapshot as { description: string }).description])).toEqual([
      [1, 'EASI below 7 by March'],
      [2, `EASI below ${w + 1}`],
    ]);
  });
});
