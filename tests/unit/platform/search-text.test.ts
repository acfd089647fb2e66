import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseAuditFilters } from '@/lib/platform/audit/filters';
import { adminPatientSearchSchema } from '@/lib/care-teams/schema';
import { parseCaseloadQuery } from '@/lib/patients/caseload-query';
import { searchHadNul, searchTextSchema } from '@/lib/platform/search-text';

describe('searchTextSchema', () => {
  it('removes NUL, trims, and bounds the length', () => {
    const s = searchTextSchema(10);
    expect(s.parse('  ch\u0000en ')).toBe('chen');
    expect(s.parse('\u0000')).toBe('');
    expect(s.parse('x'.repeat(11))).toBe('');
    expect(s.parse(undefined)).toBe('');
    expect(s.parse(['a'])).toBe('');
  });

  it('never returns text with a NUL, whatever comes in', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => !searchTextSchema(100).parse(text).includes('\u0000')));
  });
});

describe('searchHadNul', () => {
  it('tells a page to say the character was removed', () => {
    expect(searchHadNul('a\u0000')).toBe(true);
    expect(searchHadNul(['ok', '\u0000'])).toBe(true);
    expect(searchHadNul('chen')).toBe(false);
    expect(searchHadNul(undefined)).toBe(false);
  });
});

describe('query strings that reach the database carry no NUL', () => {
  it('the caseload search (?q=%00 used to answer HTTP 500)', () => {
    expect(parseCaseloadQuery(new URLSearchParams('q=%00')).q).toBe('');
    expect(parseCaseloadQuery({ q: 'ma\u0000ya' }).q).toBe('maya');
  });
  it('the administrator patient search', () => {
    expect(adminPatientSearchSchema.parse({ q: 'AX-\u0000100' }).q).toBe('AX-100');
  });
  it('the audit filter by MRN refuses it with a message', () => {
    const parsed = parseAuditFilters({ mrn: 'AX-1\u0000' });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.fieldErrors.mrn?.[0]).toMatch(/NUL character/);
  });
});
