import { describe, expect, it } from 'vitest';
import { assessResponse, type InterventionPeriod } from '@/lib/clinical/outcomes/response';
import { explainResponseForPatient } from '@/lib/portal/plain-language';

// What a patient reads about how a score changed: numbers, direction, overlap, never a cause.

const diet: InterventionPeriod = { id: 'd', title: 'Dairy-free diet', startDate: '2026-01-01', endDate: null, responseWeeks: null };
const probiotic: InterventionPeriod = { id: 'p', title: 'Probiotic', startDate: '2026-02-01', endDate: null, responseWeeks: null };
const iso = (d: string) => d;

function run(baseline: number, followUp: number, opts: { today?: string; others?: InterventionPeriod[] } = {}) {
  const r = assessResponse({
    intervention: diet,
    instrument: 'easi',
    points: [
      { effectiveDate: '2025-12-20', value: baseline },
      { effectiveDate: '2026-03-26', value: followUp },
    ],
    others: opts.others ?? [diet],
    today: opts.today ?? '2026-12-01',
  });
  return explainResponseForPatient(r, diet.title, iso);
}

describe('explainResponseForPatient', () => {
  it('gives the numbers, that lower is better, and that a meaningful change is one doctors count', () => {
    const text = run(20, 8);
    expect(text).toMatch(/^Since you started Dairy-free diet, your EASI score went down by 60% \(lower is better\): from 20 on 2025-12-20 to 8 on 2026-03-26\./);
    expect(text).toContain('a change doctors count as meaningful');
    expect(text).toContain('Changes can have many causes.');
    expect(text).not.toMatch(/because|thanks to|worked|caused/i);
  });
  it('names what else was running and says the change may come from any of them', () => {
    expect(run(20, 8, { others: [diet, probiotic] })).toContain('Other parts of your plan were running at the same time (Probiotic), so the change may come from any of them');
  });
  it('says a rise is worse, and that it is early before the assessment point', () => {
    expect(run(10, 14)).toContain('went up (lower is better, so this is worse)');
    expect(run(20, 8, { today: '2026-03-01' })).toContain('It is still early to judge');
  });
  it('says nothing when there is nothing to compare', () => {
    const r = assessResponse({ intervention: diet, instrument: 'easi', points: [{ effectiveDate: '2026-03-26', value: 8 }], others: [diet], today: '2026-12-01' });
    expect(explainResponseForPatient(r, diet.title, iso)).toBeNull();
  });
});
