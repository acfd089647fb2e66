import { beforeEach, describe, expect, it } from 'vitest';
import { getPatientResults, getResult } from '../../../lib/results/queries';
import { getPatientTimeline } from '../../../lib/timeline/queries';
import { actorOf, makeClinic } from '../fixtures';
import { recordOk, scoreInput } from './inputs';

// Who reported a score and who entered it reads the same, truthfully, on the results list, the result
// page and the timeline (the demo clinic showed patient-reported scores as "entered by" a nutritionist).

type Clinic = Awaited<ReturnType<typeof makeClinic>>;
let c: Clinic;
beforeEach(async () => {
  c = await makeClinic();
});

describe('provenance of a score', () => {
  it('a POEM the patient reported on paper, entered by the nutritionist', async () => {
    const nutritionist = actorOf(c.nutritionistOnTeam);
    const derm = actorOf(c.dermOnTeam);
    const id = await recordOk(nutritionist, c.patient.id, 'score', scoreInput('poem', 12, '2025-04-01', { reportedBy: 'patient' }));
    const clinicianOwn = await recordOk(nutritionist, c.patient.id, 'score', scoreInput('gsrs', 3, '2025-04-01'));
    const expected = `Reported by the patient · entered by ${c.nutritionistOnTeam.name}`;

    const list = (await getPatientResults(derm, c.patient.id)).results;
    expect(list.find((r) => r.id === id)).toMatchObject({ reportedBy: 'patient', enteredByRole: 'clinician', enteredByName: c.nutritionistOnTeam.name });
    expect(list.find((r) => r.id === clinicianOwn)).toMatchObject({ reportedBy: 'clinician' });

    const detail = await getResult(derm, id);
    expect(detail.current).toMatchObject({ enteredByRole: 'clinician', data: expect.objectContaining({ reportedBy: 'patient' }) });

    const timeline = await getPatientTimeline(derm, c.patient.id);
    const entry = timeline.entries.find((e) => e.kind === 'score' && e.resultId === id);
    expect(entry && 'provenance' in entry ? entry.provenance : null).toBe(expected);
    const own = timeline.entries.find((e) => e.kind === 'score' && e.resultId === clinicianOwn);
    expect(own && 'provenance' in own ? own.provenance : null).toBe(`Entered by ${c.nutritionistOnTeam.name}`);
  });
});
