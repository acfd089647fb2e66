import { z } from 'zod';
import { AUDIT_OUTCOMES } from '@/db/schema/enum-values';
import { clinicTimeZone, wallTimeToInstant } from '@/lib/platform/clinic-time';

// The administrators' audit-log filters, read from the URL (so a filtered view can be bookmarked and
// exported as it is). Pure: parsed here, applied in queries.ts.

const blankToUndefined = (value: unknown) => (typeof value === 'string' && value.trim() === '' ? undefined : value);
const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

// datetime-local gives "2026-11-23T14:05" (seconds optional), read in the clinic's time zone: the
// same clock the log's times are shown in (lib/platform/clinic-time.ts).
const LOCAL_DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/;
const clinicInstant = (message: string) =>
  z.preprocess(
    blankToUndefined,
    z
      .string()
      .trim()
      .regex(LOCAL_DATE_TIME, message)
      .transform((value, ctx) => {
        const date = wallTimeToInstant(value, clinicTimeZone());
        if (!date) {
          ctx.addIssue({ code: 'custom', message });
          return z.NEVER;
        }
        return date;
      })
      .optional(),
  );

export const auditFilterSchema = z
  .object({
    user: z.preprocess(blankToUndefined, z.uuid('Choose a user from the list.').optional()),
    mrn: z.preprocess(
      blankToUndefined,
      z.string().trim().toUpperCase().max(40, 'An MRN is at most 40 characters.').refine((s) => !s.includes('\u0000'), 'The MRN contains a NUL character (\\0), which cannot be searched. Remove it and try again.').optional(),
    ),
    action: z.preprocess(
      blankToUndefined,
      z
        .string()
        .trim()
        .toLowerCase()
        .max(80, 'An action is at most 80 characters.')
        .regex(/^[a-z0-9_.-]+\*?$/, 'Use an action name such as patient.read, or a prefix ending in * such as result.*')
        .optional(),
    ),
    outcome: z.preprocess(blankToUndefined, z.enum(AUDIT_OUTCOMES, 'Choose allowed or denied.').optional()),
    from: clinicInstant('Use a date and time, e.g. 2026-11-23 09:00.'),
    to: clinicInstant('Use a date and time, e.g. 2026-11-23 17:00.'),
    emergency: z.preprocess((v) => v === '1' || v === 'on' || v === 'true', z.boolean()),
  })
  .refine((f) => !f.from || !f.to || f.from.getTime() <= f.to.getTime(), { path: ['to'], message: 'The end of the range is before its start.' });

export type AuditFilters = z.infer<typeof auditFilterSchema>;

export const FILTER_KEYS = ['user', 'mrn', 'action', 'outcome', 'from', 'to', 'emergency'] as const;
export type RawAuditFilters = Partial<Record<(typeof FILTER_KEYS)[number], string>>;

export type ParsedAuditFilters =
  | { ok: true; filters: AuditFilters; raw: RawAuditFilters }
  | { ok: false; fieldErrors: Record<string, string[] | undefined>; raw: RawAuditFilters };

/** The filters from search params; on a mistake, the raw values come back so the form keeps them. */
export function parseAuditFilters(params: Record<string, string | string[] | undefined>): ParsedAuditFilters {
  const raw: RawAuditFilters = {};
  for (const key of FILTER_KEYS) {
    const value = first(params[key]);
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const parsed = auditFilterSchema.safeParse(raw);
  if (!parsed.success) return { ok: false, fieldErrors: z.flattenError(parsed.error).fieldErrors, raw };
  return { ok: true, filters: parsed.data, raw };
}

/** The filters as a query string (for paging and the CSV link), without empty values. */
export function filtersQuery(raw: RawAuditFilters, extra: Record<string, string> = {}): string {
  const params = new URLSearchParams();
  for (const key of FILTER_KEYS) {
    const value = raw[key];
    if (value) params.set(key, value);
  }
  for (const [key, value] of Object.entries(extra)) params.set(key, value);
  return params.toString();
}

/** What was filtered on, for the audit event of reading or exporting the log. */
export function describeFilters(filters: AuditFilters): Record<string, string | boolean> {
  const out: Record<string, string | boolean> = {};
  if (filters.user) out.user = filters.user;
  if (filters.mrn) out.mrn = filters.mrn;
  if (filters.action) out.action = filters.action;
  if (filters.outcome) out.outcome = filters.outcome;
  if (filters.from) out.from = filters.from.toISOString();
  if (filters.to) out.to = filters.to.toISOString();
  if (filters.emergency) out.emergency = true;
  return out;
}

// Keyset cursor: the last row's (occurred_at, id). The timestamp is kept as the database's text with
// microseconds; a JavaScript Date would round to milliseconds and skip or repeat rows.
const CURSOR = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z)\|(\d{1,18})$/;

export interface AuditCursor {
  occurredAt: string;
  id: number;
}

export function encodeAuditCursor(cursor: AuditCursor): string {
  return Buffer.from(`${cursor.occurredAt}|${cursor.id}`, 'utf8').toString('base64url');
}

/** A cursor from the URL, or null when absent or tampered with (then the view starts at the newest). */
export function decodeAuditCursor(value: string | string[] | undefined): AuditCursor | null {
  const text = first(value);
  if (!text || text.length > 100) return null;
  const match = CURSOR.exec(Buffer.from(text, 'base64url').toString('utf8'));
  if (!match?.[1] || !match[2]) return null;
  const id = Number(match[2]);
  return Number.isSafeInteger(id) ? { occurredAt: match[1], id } : null;
}
