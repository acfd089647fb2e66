import { beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { getPortalSummary } from '../../../lib/portal/queries';
import { renderSummaryPdf } from '../../../lib/portal/summary-pdf';
import { shareResult } from '../../../lib/results/sharing';
import { actorOf, makeClinic } from '../fixtures';
import { recordOk, scoreInput } from '../results/inputs';
import { makePlanItem } from './helpers';

// "How your scores changed" on the portal is built only from scores the patient can see: one unshared
// score (baseline or follow-up) and the change is not told.

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
let derm: Actor;
let me: Actor;

beforeAll(async () => {
  c = await makeClinic();
  derm = actorOf(c.dermOnTeam);
  me = actorOf(c.patientUser);
  await makePlanItem(c.patient.id, c.nutritionistOnTeam.id, { title: 'Dairy-free diet', status: 'active', startDate: '2026-01-05' });
});

describe('portal score changes', () => {
  it('says nothing while the follow-up is unshared, then tells the change in plain words once both are shared', async () => {
    const baseline = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 20, '2026-01-01'));
    const followUp = await recordOk(derm, c.patient.id, 'score', scoreInput('easi', 8, '2026-03-30'));
    expect((await shareResult(derm, baseline)).ok).toBe(true);
    expect((await getPortalSummary(me)).scoreChanges).toEqual([]);

    expect((await shareResult(derm, followUp)).ok).toBe(true);
    const s = await getPortalSummary(me);
    expect(s.scoreChanges).toHaveLength(1);
    expect(s.scoreChanges[0]).toMatchObject({ interventionTitle: 'Dairy-free diet', instrumentLabel: 'EASI', early: false });
    expect(s.scoreChanges[0]?.text).toMatch(/went down by 60% \(lower is better\): from 20 on 1 Jan 2026 to 8 on 30 Mar 2026/);
    const pdf = await renderSummaryPdf(s);
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
  });
});
