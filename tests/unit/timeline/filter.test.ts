import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  SPECIALTIES,
  TIMELINE_KINDS,
  normalizeTimelineFilter,
  parseTimelineFilter,
  serializeTimelineFilter,
  timelineFilterSchema,
  toggleInFilter,
  type TimelineFilter,
} from '@/lib/timeline/filter';

const isoDate = fc
  .date({ min: new Date('1990-01-01T00:00:00Z'), max: new Date('2040-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const filterArb: fc.Arbitrary<TimelineFilter> = fc
  .record(
    {
      specialties: fc.array(fc.constantFrom(...SPECIALTIES), { maxLength: 6 }),
      kinds: fc.array(fc.constantFrom(...TIMELINE_KINDS), { maxLength: 6 }),
      from: isoDate,
      to: isoDate,
      until: isoDate,
    },
    { requiredKeys: [] },
  )
  .map((f) => (f.from && f.to && f.from > f.to ? { ...f, from: f.to, to: f.from } : f));

describe('timeline filter in the URL', () => {
  it('round-trips: parse(serialize(f)) is the normal form of f, and nothing is ignored', () => {
    fc.assert(
      fc.property(filterArb, (f) => {
        const parsed = parseTimelineFilter(new URLSearchParams(serializeTimelineFilter(f)));
        expect(parsed.ignored).toEqual([]);
        expect(parsed.filter).toEqual(normalizeTimelineFilter(f));
        expect(timelineFilterSchema.safeParse(parsed.filter).success).toBe(true);
      }),
    );
  });

  it('gives equal filters one URL, whatever the order or repetition of values', () => {
    fc.assert(
      fc.property(filterArb, (f) => {
        const shuffled = { ...f, specialties: f.specialties ? [...f.specialties].reverse().concat(f.specialties) : undefined, kinds: f.kinds ? [...f.kinds].reverse() : undefined };
        expect(serializeTimelineFilter(shuffled)).toBe(serializeTimelineFilter(f));
      }),
    );
  });

  it('never throws on arbitrary query strings and always yields a valid filter', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('specialty', 'kind', 'from', 'to', 'until', 'x'), fc.string({ maxLength: 30 })), { maxLength: 8 }), (pairs) => {
        const { filter } = parseTimelineFilter(new URLSearchParams(pairs));
        expect(timelineFilterSchema.safeParse(filter).success).toBe(true);
      }),
    );
  });

  it('reads repeated and comma-separated values, from a URLSearchParams or a Next.js searchParams object', () => {
    expect(parseTimelineFilter(new URLSearchParams('specialty=nutrition&specialty=dermatology&kind=note,plan')).filter).toEqual({
      specialties: ['dermatology', 'nutrition'],
      kinds: ['plan', 'note'],
    });
    expect(parseTimelineFilter({ specialty: ['nutrition'], kind: 'score', from: '2026-01-01' }).filter).toEqual({ specialties: ['nutrition'], kinds: ['score'], from: '2026-01-01' });
    expect(serializeTimelineFilter({ specialties: ['nutrition'], kinds: ['plan', 'result'] })).toBe('specialty=nutrition&kind=result&kind=plan');
  });

  it('ignores unknown values and bad dates, and says so', () => {
    const { filter, ignored } = parseTimelineFilter(new URLSearchParams('specialty=cardiology&kind=result&from=2026-02-30&to=yesterday'));
    expect(filter).toEqual({ kinds: ['result'] });
    expect(ignored).toEqual(['specialty "cardiology"', 'from "2026-02-30"', 'to "yesterday"']);
  });

  it('drops a range whose start is after its end', () => {
    const { filter, ignored } = parseTimelineFilter(new URLSearchParams('from=2026-05-01&to=2026-01-01'));
    expect(filter).toEqual({});
    expect(ignored[0]).toMatch(/start after end/);
    expect(timelineFilterSchema.safeParse({ from: '2026-05-01', to: '2026-01-01' }).success).toBe(false);
  });

  it('treats no ticked box as no filter, and toggling resets the load-older cursor', () => {
    expect(normalizeTimelineFilter({ specialties: [], kinds: [] })).toEqual({});
    const f = toggleInFilter({ kinds: ['note'], until: '2026-01-01' }, 'specialties', 'nutrition');
    expect(f).toEqual({ specialties: ['nutrition'], kinds: ['note'] });
    expect(toggleInFilter(f, 'specialties', 'nutrition')).toEqual({ kinds: ['note'] });
    expect(toggleInFilter(f, 'kinds', 'note')).toEqual({ specialties: ['nutrition'] });
  });

  it('rejects unknown keys and values when validated strictly (the query function does)', () => {
    expect(timelineFilterSchema.safeParse({ kinds: ['lab'] }).success).toBe(false);
    expect(timelineFilterSchema.safeParse({ author: 'me' }).success).toBe(false);
    expect(timelineFilterSchema.safeParse({ from: '2026-13-01' }).success).toBe(false);
  });
});
