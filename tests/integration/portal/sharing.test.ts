import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { resultShares } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { ForbiddenError } from '../../../lib/platform/errors';
import { correctResult } from '../../../lib/results/mutations';
import { getResultShareState, shareResult, unshareResult } from '../../../lib/results/sharing';
import { actorOf, makeClinic } from '../fixtures';
import { auditFor, recordOk, scoreInput, siboBreathTest } from '../results/inputs';

// Sharing a result with the patient is a clinical write by the care team: idempotent, one active
// share per series, audited; everyone else is refused and the refusal audited.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let nutri: Actor;
let resultId: string;

const sharesOf = (seriesId?: string) => getDb().select().from(resultShares).where(seriesId ? eq(resultShares.seriesId, seriesId) : undefined);

beforeAll(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  nutri = actorOf(c.nutritionistOnTeam);
  resultId = await recordOk(derm, c.patient.id, 'breath_test', siboBreathTest());
});

describe('shareResult and unshareResult', () => {
  it('shares once, idempotently, and audits the change once', async () => {
    expect(await shareResult(derm, resultId, { messageToPatient: '  See you soon.  ' })).toEqual({ ok: true, changed: true });
    expect(await shareResult(nutri, resultId)).toEqual({ ok: true, changed: false });
    const rows = await sharesOf();
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ patientId: c.patient.id, messageToPatient: 'See you soon.', sharedBy: c.dermOnTeam.id, revokedAt: null });
    expect(await auditFor(derm, 'result.share', 'allowed')).toHaveLength(1);
    expect(await auditFor(nutri, 'result.share', 'allowed')).toHaveLength(0);
    expect(await getResultShareState(nutri, resultId)).toMatchObject({ shared: true, sharedByName: 'Dr On Team', messageToPatient: 'See you soon.' });
  });

  it('unshares idempotently, keeping the row as the record of what was shown when', async () => {
    expect(await unshareResult(nutri, resultId)).toEqual({ ok: true, changed: true });
    expect(await unshareResult(nutri, resultId)).toEqual({ ok: true, changed: false });
    const rows = await sharesOf();
    expect(rows).toHaveLength(1);
    expect(rows[0]?.revokedBy).toBe(c.nutritionistOnTeam.id);
    expect(rows[0]?.revokedAt).toBeInstanceOf(Date);
    expect(await auditFor(nutri, 'result.unshare', 'allowed')).toHaveLength(1);
    expect((await getResultShareState(derm, resultId)).shared).toBe(false);
  });

  it('sharing again makes a new active share; still only one active per series', async () => {
    expect((await shareResult(derm, resultId)).ok).toBe(true);
    const rows = await sharesOf();
    expect(rows).toHaveLength(2);
    expect(rows.filter((r) => r.revokedAt === null)).toHaveLength(1);
  });

  it('a share follows the series: a corrected score stays shared, shared through any version id', async () => {
    const v1 = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 10, '2025-01-01'));
    const v2 = await correctResult(derm, { resultId: v1, expectedVersion: 1, reason: 'Typo', values: scoreInput('easi', 11, '2025-01-01') });
    if (!v2.ok) throw new Error('correction failed');
    expect(await shareResult(derm, v1)).toEqual({ ok: true, changed: true });
    expect(await shareResult(derm, v2.data.resultId)).toEqual({ ok: true, changed: false });
    expect((await getResultShareState(derm, v2.data.resultId)).shared).toBe(true);
  });

  it('refuses an over-long message as a value, storing nothing', async () => {
    const other = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 3, '2025-02-01'));
    const outcome = await shareResult(derm, other, { messageToPatient: 'x'.repeat(1001) });
    expect(outcome.ok).toBe(false);
    const [row] = await getDb().select().from(resultShares).where(and(eq(resultShares.patientId, c.patient.id), eq(resultShares.messageToPatient, 'x'.repeat(1001))));
    expect(row).toBeUndefined();
  });

  const refused: [string, (cl: Clinic) => Actor, string][] = [
    ['a clinician off the team', (cl) => actorOf(cl.dermOffTeam), 'not-on-care-team'],
    ['the patient', (cl) => actorOf(cl.patientUser), 'patients-cannot-write-clinical-data'],
    ['an administrator', (cl) => actorOf(cl.admin), 'admin-reads-no-clinical-data'],
    ['a deactivated clinician still listed on the team', (cl) => actorOf(cl.deactivatedClinician), 'inactive-account'],
  ];

  it.each(refused)('refuses %s, audits it, and changes nothing', async (_label, who, reason) => {
    const actor = who(c);
    const before = await sharesOf();
    for (const [action, call] of [
      ['result.share', () => shareResult(actor, resultId)],
      ['result.unshare', () => unshareResult(actor, resultId)],
    ] as const) {
      await expect(call(), action).rejects.toBeInstanceOf(ForbiddenError);
      const denied = await auditFor(actor, action, 'denied');
      expect(denied, action).toHaveLength(1);
      expect(denied[0]?.detail?.reason, action).toBe(reason);
      expect(denied[0]?.patientId).toBe(c.patient.id);
    }
    expect(await sharesOf()).toEqual(before);
  });

  it('refuses unknown and garbage result ids, audited', async () => {
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid']) {
      await expect(shareResult(derm, id)).rejects.toBeInstanceOf(ForbiddenError);
    }
    expect(await auditFor(derm, 'result.share', 'denied')).toHaveLength(2);
  });

  it('getResultShareState is for the care team only', async () => {
    await expect(getResultShareState(actorOf(c.patientUser), resultId)).rejects.toBeInstanceOf(ForbiddenError);
    await expect(getResultShareState(actorOf(c.dermOffTeam), resultId)).rejects.toBeInstanceOf(ForbiddenError);
  });
});
