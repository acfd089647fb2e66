import type { StoolTestFormValues } from './stool-test-form';

// Its own module, importing nothing at run time: the stool form (a client component) and the server's
// correction page both need it, and form-values.ts pulls the other kinds' schemas (and zod) with it.

/** An empty stool test form (not in the client module, so server pages can call it too). */
export const BLANK_STOOL_TEST = (today: string): StoolTestFormValues => ({
  effectiveDate: today,
  include: { calprotectin: true, elastase: false, fit: false, microbiome: false },
  calprotectin: { value: '', unit: 'ug/g', normalBelow: '', indeterminateUpTo: '', assay: '', laboratory: '', nsaids: '' },
  elastase: { value: '', consistency: '', onPert: '', laboratory: '' },
  fit: { value: '', assay: '', laboratory: '' },
  microbiome: { method: '', laboratory: '', orderedBy: '', alphaDiversity: '', taxa: '', indexName: '', indexValue: '', indexLow: '', indexHigh: '', scfa: '' },
  notes: '',
});
