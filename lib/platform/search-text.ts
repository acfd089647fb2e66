import { z } from 'zod';

// Search text from a URL's query string. PostgreSQL text cannot hold a NUL character: a browser never
// sends one from a search box, a hand-edited or forged URL can (?q=%00), and passed on it fails the
// whole statement. Pure and browser-safe: the caseload's client code parses the same URL.

export const SEARCH_NUL_NOTICE = 'Your search contained a NUL character (\\0), which cannot be searched. It was removed; these results are for the rest of the text.';

const NUL = /\u0000/g;

/** A search box's value: NUL removed, trimmed, at most `max` characters; anything unusable reads as no search. */
export function searchTextSchema(max: number) {
  return z
    .string()
    .transform((s) => s.replace(NUL, ''))
    .pipe(z.string().trim().max(max))
    .catch('')
    .default('');
}

/** True when a query-string value (or any of its repeats) carried a NUL, so the page can say it was removed. */
export function searchHadNul(value: string | string[] | null | undefined): boolean {
  const values = Array.isArray(value) ? value : value == null ? [] : [value];
  return values.some((v) => v.includes('\u0000'));
}
