import { z } from 'zod';
import { SPECIALTIES } from '@/db/schema/enum-values';
import { CONDITION_GROUPS } from '@/lib/clinical/conditions/catalog';
import { searchTextSchema } from '@/lib/platform/search-text';

// The caseload table's state lives in the URL (shareable, back button works). This module is pure
// and shared by the server (parsing searchParams) and the client (writing them).

export const CASELOAD_SORTS = ['name', 'age', 'lastActivity', 'mrn', 'awaitingReview'] as const;
export const PAGE_SIZES = [10, 20, 50] as const;
export type CaseloadSort = (typeof CASELOAD_SORTS)[number];
/** What each sort is called in words (the table caption a screen reader announces). */
export const CASELOAD_SORT_LABELS: Record<CaseloadSort, string> = { name: 'patient name', age: 'age', lastActivity: 'last activity', mrn: 'MRN', awaitingReview: 'results to review' };

/** 'awaiting': only patients with a colleague's result this clinician has not reviewed yet. */
export const REVIEW_FILTERS = ['awaiting'] as const;

/**
 * Follow-ups: tests (test of cure, breath retest: 'due' = due or overdue today; 'overdue' = overdue only) and an
 * elimination protocol still running past its last scheduled day ('elimination_overrun').
 */
export const FOLLOW_UP_FILTERS = ['due', 'overdue', 'elimination_overrun'] as const;
export const FOLLOW_UP_FILTER_LABELS: Record<(typeof FOLLOW_UP_FILTERS)[number], string> = {
  due: 'Test of cure or retest due',
  overdue: 'Test of cure or retest overdue',
  elimination_overrun: 'Elimination past its end date',
};

/** 'unanswered': patients with a conversation whose latest message is the patient's (lib/messages). */
export const MESSAGE_FILTERS = ['unanswered'] as const;

const conditionKeys = CONDITION_GROUPS.map((g) => g.key) as [string, ...string[]];

// Each field falls back to its default rather than failing: a hand-edited or stale URL still opens
// the caseload instead of an error page.
export const caseloadQuerySchema = z.object({
  q: searchTextSchema(100),
  condition: z.enum(conditionKeys).optional().catch(undefined),
  specialty: z.enum(SPECIALTIES).optional().catch(undefined),
  review: z.enum(REVIEW_FILTERS).optional().catch(undefined),
  followUp: z.enum(FOLLOW_UP_FILTERS).optional().catch(undefined),
  messages: z.enum(MESSAGE_FILTERS).optional().catch(undefined),
  sort: z.enum(CASELOAD_SORTS).catch('lastActivity').default('lastActivity'),
  dir: z.enum(['asc', 'desc']).catch('desc').default('desc'),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
  size: z.coerce
    .number()
    .refine((n): n is (typeof PAGE_SIZES)[number] => (PAGE_SIZES as readonly number[]).includes(n))
    .catch(20)
    .default(20),
});

export type CaseloadQuery = z.infer<typeof caseloadQuerySchema>;

export const DEFAULT_CASELOAD_QUERY: CaseloadQuery = caseloadQuerySchema.parse({});

type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

export function parseCaseloadQuery(params: SearchParamsInput): CaseloadQuery {
  const flat: Record<string, string | undefined> = {};
  if (params instanceof URLSearchParams) {
    params.forEach((v, k) => (flat[k] = v));
  } else {
    for (const [k, v] of Object.entries(params)) flat[k] = Array.isArray(v) ? v[0] : v;
  }
  // Empty strings mean "not set" (an emptied select or search box).
  for (const k of Object.keys(flat)) if (flat[k] === '') delete flat[k];
  return caseloadQuerySchema.parse(flat);
}

/** Only non-default values go into the URL, so links stay short and readable. */
export function caseloadQueryToSearchParams(query: CaseloadQuery): URLSearchParams {
  const out = new URLSearchParams();
  if (query.q) out.set('q', query.q);
  if (query.condition) out.set('condition', query.condition);
  if (query.specialty) out.set('specialty', query.specialty);
  if (query.review) out.set('review', query.review);
  if (query.followUp) out.set('followUp', query.followUp);
  if (query.messages) out.set('messages', query.messages);
  if (query.sort !== DEFAULT_CASELOAD_QUERY.sort) out.set('sort', query.sort);
  if (query.dir !== DEFAULT_CASELOAD_QUERY.dir) out.set('dir', query.dir);
  if (query.page !== 1) out.set('page', String(query.page));
  if (query.size !== DEFAULT_CASELOAD_QUERY.size) out.set('size', String(query.size));
  return out;
}

/** Whole years between date of birth and today, as a clinician states age. */
export function ageInYears(dateOfBirth: string, today: Date = new Date()): number {
  const [y, m, d] = dateOfBirth.split('-').map(Number) as [number, number, number];
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

/** Escapes LIKE wildcards so a search for "50%" matches the text, not everything. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
