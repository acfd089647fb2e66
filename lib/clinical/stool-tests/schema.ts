// Input for one stool test report (DOMAIN.md §8): faecal calprotectin, pancreatic elastase-1, FIT and a
// microbiome sequencing report, any of them on one report. Lab-supplied figures (reference intervals,
// indices, SCFA ranges) are stored as the lab printed them: several published bands are UNVERIFIED, so Axis
// never substitutes a constant. Pure and browser-safe.
import { z } from 'zod';

const positive = (label: string, max: number) =>
  z.number({ error: `${label} must be a number.` }).finite(`${label} must be a number.`).min(0, `${label} cannot be negative.`).max(max, `${label} looks too large: check the unit.`);
const text = (label: string, max: number) => z.string({ error: `${label} is required.` }).trim().min(1, `${label} is required.`).max(max, `Keep ${label.toLowerCase()} under ${max} characters.`);

/** The lab's own bands for calprotectin, µg/g: below `normalBelow` is within its interval; up to `indeterminateUpTo` borderline. */
export const calprotectinIntervalSchema = z
  .object({
    normalBelow: positive('The upper limit of normal', 5000),
    indeterminateUpTo: positive('The upper limit of the borderline range', 10000).optional(),
  })
  .refine((v) => v.indeterminateUpTo === undefined || v.indeterminateUpTo >= v.normalBelow, { message: 'The borderline range must start at the upper limit of normal.', path: ['indeterminateUpTo'] });

export const calprotectinSchema = z.object({
  value: positive('Calprotectin', 100000),
  /** µg/g and mg/kg are the same quantity (1 mg/kg = 1 µg/g) [MLABS]. */
  unit: z.enum(['ug/g', 'mg/kg'], { error: 'Choose µg/g or mg/kg.' }),
  labInterval: calprotectinIntervalSchema,
  assay: text('The assay', 120),
  laboratory: text('The laboratory', 120),
  nsaidsWithinTwoWeeks: z.boolean().optional(),
});

export const elastaseSchema = z.object({
  value: positive('Elastase', 5000),
  consistency: z.enum(['formed', 'semi_solid', 'watery'], { error: 'Choose the sample consistency: formed, semi-solid or watery.' }),
  onPert: z.boolean().optional(),
  laboratory: text('The laboratory', 120),
});

export const fitSchema = z.object({
  /** µg haemoglobin per g of faeces. */
  value: positive('FIT', 100000),
  assay: z.enum(['hm_jackarc', 'oc_sensor', 'other'], { error: 'Choose the FIT assay.' }),
  laboratory: text('The laboratory', 120),
});

const FB_RATIO = /firmicutes\s*[/:]\s*bacteroidetes|bacteroidetes\s*[/:]\s*firmicutes|\bf\s*\/\s*b\s*ratio\b|\bf:b\b/i;
export const FB_RATIO_REFUSAL = 'Axis does not store or show a Firmicutes/Bacteroidetes ratio: the international consensus excludes it from microbiome reports. Leave it out; the taxa can be entered.';

const rangeSchema = z.object({ low: z.number().finite().optional(), high: z.number().finite().optional() }).refine((r) => r.low === undefined || r.high === undefined || r.low <= r.high, { message: 'The range’s low end is above its high end.' });

export const microbiomeSchema = z
  .object({
    method: z.enum(['16s', 'shotgun', 'other'], { error: 'Choose the sequencing method: 16S rRNA, shotgun or other.' }),
    laboratory: text('The laboratory', 120),
    orderedBy: text('Who ordered the test', 120),
    alphaDiversity: z.array(z.object({ metric: text('The diversity metric', 60), value: z.number().finite() })).max(10).default([]),
    taxa: z.array(z.object({ name: text('The taxon', 120), relativeAbundance: z.number().min(0, 'Relative abundance is 0–100%.').max(100, 'Relative abundance is 0–100%.') })).max(200).default([]),
    labIndex: z.object({ name: text('The index name', 120), value: z.number().finite(), labRange: rangeSchema.optional() }).optional(),
    scfa: z.array(z.object({ name: text('The short-chain fatty acid', 60), value: positive('The value', 1e6), unit: text('The unit', 20), labRange: rangeSchema.optional() })).max(20).default([]),
  })
  .superRefine((v, ctx) => {
    if (v.labIndex && FB_RATIO.test(v.labIndex.name)) ctx.addIssue({ code: 'custom', path: ['labIndex', 'name'], message: FB_RATIO_REFUSAL });
    v.taxa.forEach((t, i) => {
      if (FB_RATIO.test(t.name)) ctx.addIssue({ code: 'custom', path: ['taxa', i, 'name'], message: FB_RATIO_REFUSAL });
    });
  });

export const stoolTestInputSchema = z
  .object({
    effectiveDate: z.iso.date({ error: 'The date must be a date (YYYY-MM-DD).' }),
    calprotectin: calprotectinSchema.optional(),
    elastase: elastaseSchema.optional(),
    fit: fitSchema.optional(),
    microbiome: microbiomeSchema.optional(),
    notes: z.string().trim().max(2000).optional(),
  })
  .refine((v) => v.calprotectin || v.elastase || v.fit || v.microbiome, { message: 'Enter at least one analyte: calprotectin, elastase, FIT or a microbiome report.', path: ['_form'] });

export type StoolTestInput = z.infer<typeof stoolTestInputSchema>;

export { FIT_ASSAY_LABELS, MICROBIOME_METHOD_LABELS, MICROBIOME_RESEARCH_GRADE, STOOL_CONSISTENCY_LABELS } from './options';
