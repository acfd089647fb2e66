import { describe, expect, it } from 'vitest';
import { decodeAuditCursor, describeFilters, encodeAuditCursor, filtersQuery, parseAuditFilters } from '@/lib/platform/audit/filters';

const USER = '6f1c7a7e-2b7d-4b55-9a4f-1f0d3c2b9e11';

describe('parseAuditFilters', () => {
  it('no parameters means no filters', () => {
    const parsed = parseAuditFilters({});
    expect(parsed).toEqual({ ok: true, filters: { emergency: false }, raw: {} });
  });

  it('reads every filter, normalising MRN and action and reading times as UTC', () => {
    const parsed = parseAuditFilters({ user: USER, mrn: ' ax-100155', action: 'Result.*', outcome: 'denied', from: '2026-11-23T09:00', to: '2026-11-23T17:30:15', emergency: '1' });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.filters).toEqual({
      user: USER,
      mrn: 'AX-100155',
      action: 'result.*',
      outcome: 'denied',
      from: new Date('2026-11-23T09:00:00Z'),
      to: new Date('2026-11-23T17:30:15Z'),
      emergency: true,
    });
    expect(describeFilters(parsed.filters)).toEqual({
      user: USER,
      mrn: 'AX-100155',
      action: 'result.*',
      outcome: 'denied',
      from: '2026-11-23T09:00:00.000Z',
      to: '2026-11-23T17:30:15.000Z',
      emergency: true,
    });
  });

  it('reports each bad filter by field and keeps what was typed', () => {
    const parsed = parseAuditFilters({ user: 'bob', action: 'drop table;', outcome: 'maybe', from: 'yesterday', mrn: 'AX-1' });
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(Object.keys(parsed.fieldErrors).sort()).toEqual(['action', 'from', 'outcome', 'user']);
    expect(parsed.raw).toEqual({ user: 'bob', action: 'drop table;', outcome: 'maybe', from: 'yesterday', mrn: 'AX-1' });
  });

  it('refuses a range that ends before it starts', () => {
    const parsed = parseAuditFilters({ from: '2026-11-23T10:00', to: '2026-11-23T09:00' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.to).toEqual(['The end of the range is before its start.']);
  });

  it('refuses an impossible date', () => {
    expect(parseAuditFilters({ from: '2026-13-45T10:00' }).ok).toBe(false);
  });

  it('takes the first of repeated parameters, and only "1"/"on"/"true" switches emergency on', () => {
    const parsed = parseAuditFilters({ outcome: ['allowed', 'denied'], emergency: '0' });
    expect(parsed.ok && parsed.filters).toEqual({ outcome: 'allowed', emergency: false });
  });
});

describe('filtersQuery', () => {
  it('keeps only set filters, in a stable order, plus extras', () => {
    expect(filtersQuery({ outcome: 'denied', mrn: 'AX-1' }, { after: 'abc' })).toBe('mrn=AX-1&outcome=denied&after=abc');
    expect(filtersQuery({})).toBe('');
  });
});

describe('audit cursor', () => {
  it('round-trips with microsecond precision', () => {
    const cursor = { occurredAt: '2026-11-23T14:05:09.123456Z', id: 9_007_199_254_740 };
    expect(decodeAuditCursor(encodeAuditCursor(cursor))).toEqual(cursor);
  });

  it('ignores absent or tampered cursors', () => {
    expect(decodeAuditCursor(undefined)).toBeNull();
    expect(decodeAuditCursor('')).toBeNull();
    expect(decodeAuditCursor('not base64 at all')).toBeNull();
    expect(decodeAuditCursor(Buffer.from("2026-11-23T14:05:09.123456Z|1; drop table x").toString('base64url'))).toBeNull();
    expect(decodeAuditCursor(Buffer.from('2026-11-23 14:05|1').toString('base64url'))).toBeNull();
    expect(decodeAuditCursor('x'.repeat(200))).toBeNull();
  });
});
