import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { resultReviews } from '../../../db/schema';
import type { Actor } from '../../../lib/platform/auth/actor-types';
import { caseloadQuerySchema, DEFAULT_CASELOAD_QUERY, type CaseloadQuery } from '../../../lib/patients/caseload-query';
import { listCaseload } from '../../../lib/patients/queries';
import { actorOf, addToTeam, makePatient, makeUser } from '../fixtures';
import { recordOk, scoreInput } from '../results/inputs';

// The caseload's "To review" column can be sorted and filtered: a clinician starts the day with the
// records that hold colleagues' results they have not reviewed.

let derm: Actor;
let ids: Record<'none' | 'one' | 'three' | 'reviewed', string>;

beforeAll(async () => {
  const d = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Review' });
  const n = await makeUser('clinician', { specialty: 'nutrition', name: 'Nina Review' });
  const colleague = await makeUser('clinician', { specialty: 'dermatology', name: 'Dr Colleague' });
  derm = actorOf(d);
  const nutritionist = actorOf(n);
  const patient = async (family: string, hoursAgo: number) => {
    const p = await makePatient({ givenName: 'Test', familyName: family, lastActivityAt: new Date(Date.parse('2030-01-01T00:00:00Z') - hoursAgo * 3_600_000) });
    await addToTeam(p.id, d.id, 'lead');
    await addToTeam(p.id, n.id);
    await addToTeam(p.id, colleague.id);
    return p.id;
  };
  ids = { none: await patient('Nothing', 1), one: await patient('One', 2), three: await patient('Three', 3), reviewed: await patient('Reviewed', 4) };
  await recordOk(nutritionist, ids.one, 'score', scoreInput('gsrs', 3, '2025-01-01'));
  for (const day of ['2025-01-01', '2025-02-01', '2025-03-01']) await recordOk(nutritionist, ids.three, 'score', scoreInput('gsrs', 3, day));
  const done = await recordOk(nutritionist, ids.reviewed, 'score', scoreInput('gsrs', 3, '2025-01-01'));
  await getDb().insert(resultReviews).values({ resultId: done, userId: d.id });
  // Dr Main's own entry never awaits Dr Main's review; a colleague's review does not count as Dr Main's.
  await recordOk(derm, ids.none, 'score', scoreInput('easi', 3, '2025-01-01'));
  await getDb().insert(resultReviews).values({ resultId: await recordOk(nutritionist, ids.one, 'score', scoreInput('gsrs', 2, '2025-02-01')), userId: colleague.id });
});

function query(overrides: Partial<CaseloadQuery>): CaseloadQuery {
  return caseloadQuerySchema.parse({ ...DEFAULT_CASELOAD_QUERY, size: 50, ...overrides });
}

describe('caseload: results to review', () => {
  it('counts only colleagues’ current results this clinician has not reviewed', async () => {
    const page = await listCaseload(derm, query({}));
    const count = Object.fromEntries(page.rows.map((r) => [r.id, r.awaitingReview]));
    expect(count).toEqual({ [ids.none]: 0, [ids.one]: 2, [ids.three]: 3, [ids.reviewed]: 0 });
  });

  it('filters to the records with something to review', async () => {
    const page = await listCaseload(derm, query({ review: 'awaiting' }));
    expect(page.rows.map((r) => r.id).sort()).toEqual([ids.one, ids.three].sort());
    expect(page.total).toBe(2);
  });

  it('sorts by how much there is to review, busiest first when descending', async () => {
    expect((await listCaseload(derm, query({ sort: 'awaitingReview', dir: 'desc' }))).rows.map((r) => r.id)).toEqual([ids.three, ids.one, ids.none, ids.reviewed]);
    // Ascending: fewest first; ties keep the most recent activity first.
    expect((await listCaseload(derm, query({ sort: 'awaitingReview', dir: 'asc' }))).rows.map((r) => r.id)).toEqual([ids.none, ids.reviewed, ids.one, ids.three]);
  });

  it('keeps the filter and sort in the URL', () => {
    expect(caseloadQuerySchema.parse({ review: 'awaiting', sort: 'awaitingReview' })).toMatchObject({ review: 'awaiting', sort: 'awaitingReview' });
    expect(caseloadQuerySchema.parse({ review: 'everything' }).review).toBeUndefined();
  });
});
