import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { describePlanChange, noteExcerpt, snapshotText } from '@/lib/timeline/describe';
import { epochDay, isoFromEpochDay, monthTicks } from '@/lib/timeline/outcome';

describe('describePlanChange', () => {
  const base = { entityType: 'intervention', subject: 'Low-FODMAP elimination phase', byName: 'Nina Patel, RD', reason: null };
  it('words the common changes', () => {
    expect(describePlanChange({ ...base, change: 'propose' }).title).toBe('Low-FODMAP elimination phase proposed by Nina Patel, RD');
    expect(describePlanChange({ ...base, change: 'accept', byName: 'Dr. Elena Rivera' }).title).toBe('Low-FODMAP elimination phase accepted by Dr. Elena Rivera');
    expect(describePlanChange({ ...base, change: 'status:stopped', reason: 'no effect' }).title).toBe('Low-FODMAP elimination phase stopped: no effect');
    expect(describePlanChange({ ...base, change: 'status:completed' }).title).toBe('Low-FODMAP elimination phase completed');
    expect(describePlanChange({ ...base, change: 'decline', reason: 'patient prefers not' }).title).toBe('Low-FODMAP elimination phase declined by Nina Patel, RD: patient prefers not');
    expect(describePlanChange({ ...base, entityType: 'goal', subject: 'EASI below 7', change: 'create' }).title).toBe('Goal “EASI below 7” set by Nina Patel, RD');
  });
  it('words an elimination protocol’s verdicts and challenge changes', () => {
    const protocol = { ...base, entityType: 'protocol', subject: 'Elimination and reintroduction: Egg' };
    expect(describePlanChange({ ...protocol, change: 'verdict' }).title).toBe('Elimination and reintroduction: Egg: verdict confirmed by Nina Patel, RD');
    expect(describePlanChange({ ...protocol, change: 'challenges:update' }).title).toBe('Elimination and reintroduction: Egg: challenges changed by Nina Patel, RD');
  });
  it('still reads for change names it does not know', () => {
    expect(describePlanChange({ ...base, change: 'dose_changed' }).title).toBe('Low-FODMAP elimination phase: dose changed by Nina Patel, RD');
  });
});

describe('snapshotText and noteExcerpt', () => {
  it('reads only non-empty strings from snapshots', () => {
    expect(snapshotText({ title: ' Diet ' }, 'title')).toBe('Diet');
    expect(snapshotText({ title: 3 }, 'title')).toBeNull();
    expect(snapshotText(null, 'title')).toBeNull();
  });
  it('takes the first meaningful line without markdown markers, truncated', () => {
    expect(noteExcerpt('\n\n## Review\n- more')).toBe('Review');
    expect(noteExcerpt('**Plan:** continue')).toBe('Plan: continue');
    expect(noteExcerpt('x'.repeat(300), 20)).toHaveLength(20);
  });
});

describe('outcome helpers', () => {
  it('converts ISO dates to epoch days and back', () => {
    expect(epochDay('1970-01-02')).toBe(1);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 30_000 }), (d) => {
        expect(epochDay(isoFromEpochDay(d))).toBe(d);
      }),
    );
  });
  it('puts month ticks on the first of each month, at most maxTicks', () => {
    const ticks = monthTicks(epochDay('2025-11-20'), epochDay('2026-03-05'));
    expect(ticks.map(isoFromEpochDay)).toEqual(['2025-12-01', '2026-01-01', '2026-02-01', '2026-03-01']);
    expect(monthTicks(epochDay('2020-01-01'), epochDay('2026-01-01'), 8).length).toBeLessThanOrEqual(8);
  });
});
