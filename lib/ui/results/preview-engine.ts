import { breathTestChartThresholds, interpretBreathTest } from '@/lib/breath-tests/interpret';
import { breathTestInputSchema } from '@/lib/breath-tests/schema';
import { chartCutoffFor } from '@/lib/food-panels/chart';
import { interpretFoodPanel } from '@/lib/food-panels/interpret';
import { foodPanelInputSchema } from '@/lib/food-panels/schema';
import { interpretHPylori } from '@/lib/h-pylori/interpret';
import { hPyloriInputSchema } from '@/lib/h-pylori/schema';

// The result forms' live preview: the same schemas and interpretation rules the server applies. This
// module (and zod with it) is loaded by usePreviewEngine once the form is interactive, never as part of
// the page's first load (docs/PERFORMANCE.md). Each function returns null while the values are not a
// complete, valid entry yet.

/** Interpretation, chart thresholds and parsed readings of a breath test being entered. */
export function previewBreathTest(values: unknown) {
  const parsed = breathTestInputSchema.safeParse(values);
  if (!parsed.success) return null;
  return { interpretation: interpretBreathTest(parsed.data), thresholds: breathTestChartThresholds(parsed.data.readings), readings: parsed.data.readings };
}

/** Interpretation of a food panel being entered, with the cut-off line its chart draws. */
export function previewFoodPanel(values: unknown, labCutoff: number | undefined) {
  const parsed = foodPanelInputSchema.safeParse(values);
  if (!parsed.success) return null;
  const interpretation = interpretFoodPanel(parsed.data);
  return { interpretation, chartCutoff: chartCutoffFor(interpretation.method, labCutoff) };
}

/** Interpretation of an H. pylori result being entered. */
export function previewHPylori(values: unknown) {
  const parsed = hPyloriInputSchema.safeParse(values);
  return parsed.success ? interpretHPylori(parsed.data) : null;
}

export type PreviewEngine = typeof import('./preview-engine');
