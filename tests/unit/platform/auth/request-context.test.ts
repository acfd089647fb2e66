import { describe, it, expect } from 'vitest';
import fc from 'fast-check';
import { clientAddressFrom, userAgentFrom } from '@/lib/platform/auth/request-context';

describe('clientAddressFrom', () => {
  it('takes the first x-forwarded-for entry, trimmed', () => {
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '203.0.113.7' }))).toBe('203.0.113.7');
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': ' 203.0.113.7 , 10.0.0.1, 10.0.0.2' }))).toBe('203.0.113.7');
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '2001:db8::1, 10.0.0.1' }))).toBe('2001:db8::1');
  });

  it('prefers x-forwarded-for over x-real-ip', () => {
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '198.51.100.2' }))).toBe('203.0.113.7');
  });

  it('falls back to x-real-ip (trimmed) when x-forwarded-for is missing or its first entry is blank', () => {
    expect(clientAddressFrom(new Headers({ 'x-real-ip': ' 198.51.100.2 ' }))).toBe('198.51.100.2');
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': '', 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': ' , 10.0.0.1', 'x-real-ip': '198.51.100.2' }))).toBe('198.51.100.2');
  });

  it('returns null when neither header gives an address', () => {
    expect(clientAddressFrom(new Headers())).toBeNull();
    expect(clientAddressFrom(new Headers({ 'x-real-ip': '   ' }))).toBeNull();
    expect(clientAddressFrom({})).toBeNull();
  });

  it('header names are case-insensitive for a Headers object', () => {
    expect(clientAddressFrom(new Headers({ 'X-Forwarded-For': '203.0.113.7' }))).toBe('203.0.113.7');
  });

  it('reads a plain (Node-style, lower-case) header record, using the first of repeated values', () => {
    expect(clientAddressFrom({ 'x-forwarded-for': '203.0.113.7, 10.0.0.1' })).toBe('203.0.113.7');
    expect(clientAddressFrom({ 'x-forwarded-for': ['203.0.113.9', '203.0.113.10'] })).toBe('203.0.113.9');
    expect(clientAddressFrom({ 'x-forwarded-for': undefined, 'x-real-ip': '198.51.100.2' })).toBe('198.51.100.2');
  });

  it('caps the stored address at 64 characters', () => {
    const long = 'a'.repeat(200);
    expect(clientAddressFrom(new Headers({ 'x-forwarded-for': long }))).toBe('a'.repeat(64));
    expect(clientAddressFrom(new Headers({ 'x-real-ip': long }))).toBe('a'.repeat(64));
  });

  it('property: the result, when present, is the trimmed first entry, at most 64 characters, without a comma', () => {
    const entry = fc.string({ unit: fc.constantFrom('1', '2', 'a', 'f', ':', '.', ' '), maxLength: 90 });
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), (entries) => {
        const address = clientAddressFrom({ 'x-forwarded-for': entries.join(',') });
        const first = (entries[0] ?? '').trim();
        expect(address).toBe(first ? first.slice(0, 64) : null);
        if (address !== null) {
          expect(address.length).toBeLessThanOrEqual(64);
          expect(address).not.toContain(',');
        }
      }),
    );
  });
});

describe('userAgentFrom', () => {
  it('returns the user-agent header as sent', () => {
    expect(userAgentFrom(new Headers({ 'user-agent': 'Mozilla/5.0 (X11)' }))).toBe('Mozilla/5.0 (X11)');
    expect(userAgentFrom({ 'user-agent': 'curl/8.0' })).toBe('curl/8.0');
    expect(userAgentFrom({ 'user-agent': ['first/1', 'second/2'] })).toBe('first/1');
  });

  it('returns null without one', () => {
    expect(userAgentFrom(new Headers())).toBeNull();
    expect(userAgentFrom({})).toBeNull();
  });
});
