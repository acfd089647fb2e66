import { z } from 'zod';
import { INTERVENTION_KINDS } from '@/db/schema/enum-values';
import { CONDITION_GROUPS } from '@/lib/clinical/conditions/catalog';
import { INSTRUMENT_IDS, INSTRUMENTS, type InstrumentId } from '@/lib/clinical/scores/instruments';

// The clinic outcomes page's question, as it travels in the URL (shareable, bookmarkable). Pure: parsed
// on the server, written by the form. A stale or hand-edited link falls back to "not chosen" per field,
// never to an error page; the skin condition and instrument are required and say so.

/** Skin conditions the page compares (the gut conditions are findings, not cohorts). */
export const OUTCOME_CONDITION_KEYS = ['acne', 'rosacea', 'atopic-dermatitis', 'psoriasis', 'urticaria'] as const;
export const OUTCOME_CONDITIONS = CONDITION_GROUPS.filter((g) => (OUTCOME_CONDITION_KEYS as readonly string[]).includes(g.key));

/**
 * Gut findings, each from the current results: a breath test with any positive gas (SIBO or IMO), a
 * positive H. pylori test, a positive food panel (sIgE class ≥ 2, skin prick or challenge; IgG panels are
 * 'info' and never count, DOMAIN.md §3.2).
 */
export const GUT_FINDINGS = ['breath_test_positive', 'h_pylori_positive', 'food_panel_positive'] as const;
export type GutFinding = (typeof GUT_FINDINGS)[number];
export const GUT_FINDING_LABELS: Record<GutFinding, string> = {
  breath_test_positive: 'Breath test positive (SIBO or IMO)',
  h_pylori_positive: 'H. pylori positive',
  food_panel_positive: 'Food panel positive (IgE, skin prick or challenge)',
};
export const GUT_FINDING_RESULT_KIND: Record<GutFinding, 'breath_test' | 'h_pylori' | 'food_panel'> = {
  breath_test_positive: 'breath_test',
  h_pylori_positive: 'h_pylori',
  food_panel_positive: 'food_panel',
};

/** Skin and quality-of-life scores: the gut scales (Bristol, GSRS) are not skin outcomes. */
export const OUTCOME_INSTRUMENTS = INSTRUMENT_IDS.filter((id) => INSTRUMENTS[id].domain !== 'gut') as InstrumentId[];

const optional = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (v === '' ? undefined : v), schema.optional()).catch(undefined);

export const cohortQuerySchema = z.object({
  condition: z.enum(OUTCOME_CONDITION_KEYS, { error: 'Choose a skin condition.' }),
  finding: optional(z.enum(GUT_FINDINGS)),
  kind: optional(z.enum(INTERVENTION_KINDS)),
  instrument: z.enum(OUTCOME_INSTRUMENTS as [InstrumentId, ...InstrumentId[]], { error: 'Choose a score.' }),
});
export type CohortQuery = z.infer<typeof cohortQuerySchema>;

type SearchParamsInput = Record<string, string | string[] | undefined> | URLSearchParams;

function flatten(params: SearchParamsInput): Record<string, string> {
  const flat: Record<string, string> = {};
  if (params instanceof URLSearchParams) params.forEach((v, k) => (flat[k] = v));
  else for (const [k, v] of Object.entries(params)) if (v !== undefined) flat[k] = Array.isArray(v) ? (v[0] ?? '') : v;
  return flat;
}

/** The question, or null with nothing chosen yet; problems name the field a person must fix. */
export function parseCohortQuery(params: SearchParamsInput): { query: CohortQuery | null; problems: string[]; asked: boolean } {
  const flat = flatten(params);
  const asked = Boolean(flat.condition || flat.instrument || flat.finding || flat.kind);
  if (!asked) return { query: null, problems: [], asked };
  const parsed = cohortQuerySchema.safeParse(flat);
  if (!parsed.success) return { query: null, problems: [...new Set(parsed.error.issues.map((i) => i.message))], asked };
  return { query: parsed.data, problems: [], asked };
}

export function cohortQueryToSearchParams(q: CohortQuery): URLSearchParams {
  const out = new URLSearchParams({ condition: q.condition, instrument: q.instrument });
  if (q.finding) out.set('finding', q.finding);
  if (q.kind) out.set('kind', q.kind);
  return out;
}
