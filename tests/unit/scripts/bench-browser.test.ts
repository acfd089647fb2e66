import { describe, expect, it } from 'vitest';
import { kindOf } from '../../../scripts/bench-browser';

// The browser table counts requests per caseload view by kind; a prefetch must never be counted as a
// navigation, or the table would hide the cost it exists to show.
describe('bench-browser kindOf', () => {
  it('tells prefetches, documents, client navigations and the rest apart', () => {
    expect(kindOf({ rsc: '1', 'next-router-prefetch': '1', 'next-router-state-tree': '%5B%5D' }, 'fetch')).toBe('prefetch');
    expect(kindOf({ rsc: '1', 'next-router-prefetch': '1', 'next-router-segment-prefetch': '/_tree' }, 'fetch')).toBe('prefetch');
    expect(kindOf({ accept: 'text/html' }, 'document')).toBe('document');
    expect(kindOf({ rsc: '1', 'next-router-state-tree': '%5B%5D' }, 'fetch')).toBe('navigation');
    expect(kindOf({}, 'script')).toBe('other');
    expect(kindOf({}, 'image')).toBe('other');
  });
});
