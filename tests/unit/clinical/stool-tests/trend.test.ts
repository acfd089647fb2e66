import { describe, expect, it } from 'vitest';
import { stoolTestInputSchema, type StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import { stoolTrends } from '@/lib/clinical/stool-tests/trend';

// The analyte charts on a stool test's page: calprotectin compared only within one lab and assay [MLABS],
// shaded by the viewed result's own lab interval; elastase and FIT by their sourced bands.

const fc = (date: string, value: number, lab = 'Northside', assay = 'fCAL', interval: Record<string, number> = { normalBelow: 50, indeterminateUpTo: 120 }): StoolTestInput =>
  stoolTestInputSchema.parse({ effectiveDate: date, calprotectin: { value, unit: 'ug/g', labInterval: interval, assay, laboratory: lab } });
const rows = (...inputs: StoolTestInput[]) => inputs.map((data, i) => ({ id: `r${i}`, data }));

describe('stool analyte trends', () => {
  it('plots calprotectin oldest first, banded by the viewed result’s lab interval', () => {
    const all = rows(fc('2026-05-01', 90), fc('2026-01-01', 240), fc('2026-09-01', 30));
    const [trend] = stoolTrends(all, fc('2026-09-01', 30));
    expect(trend?.points.map((p) => p.value)).toEqual([240, 90, 30]);
    expect(trend?.bands.map((b) => [b.from, b.to, b.severity])).toEqual([
      [0, 50, 'normal'],
      [50, 120, 'mild'],
      [120, trend?.max, 'abnormal'],
    ]);
    expect(trend?.max).toBeGreaterThan(240);
    expect(trend?.leftOut).toBeNull();
  });

  it('leaves out results of another lab or assay, and says how many', () => {
    const all = rows(fc('2026-01-01', 240), fc('2026-03-01', 200, 'Parkview', 'Liaison', { normalBelow: 80 }), fc('2026-05-01', 90), fc('2026-06-01', 60, 'Northside', 'other ELISA'));
    const [trend] = stoolTrends(all, fc('2026-05-01', 90));
    expect(trend?.points.map((p) => p.value)).toEqual([240, 90]);
    expect(trend?.leftOut).toBe('2 calprotectin results from another lab or assay are not plotted: assays are not interchangeable.');
  });

  it('draws nothing for a single point, nor for an analyte the viewed result does not have', () => {
    expect(stoolTrends(rows(fc('2026-01-01', 240)), fc('2026-01-01', 240))).toEqual([]);
    const elastase = stoolTestInputSchema.parse({ effectiveDate: '2026-02-01', elastase: { value: 150, consistency: 'formed', laboratory: 'ARUP' } });
    const elastase2 = stoolTestInputSchema.parse({ effectiveDate: '2026-04-01', elastase: { value: 250, consistency: 'formed', laboratory: 'ARUP' } });
    const trends = stoolTrends(rows(fc('2026-01-01', 240), fc('2026-03-01', 90), elastase, elastase2), elastase2);
    expect(trends.map((t) => t.analyte)).toEqual(['elastase']);
    expect(trends[0]?.bands.map((b) => [b.from, b.to])).toEqual([
      [0, 100],
      [100, 200],
      [200, trends[0]?.max],
    ]);
  });
});
