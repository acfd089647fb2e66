import { breathTestChartThresholds, interpretBreathTest } from '@/lib/clinical/breath-tests/interpret';
import { breathTestInputSchema } from '@/lib/clinical/breath-tests/schema';
import { chartCutoffFor } from '@/lib/clinical/food-panels/chart';
import { interpretFoodPanel } from '@/lib/clinical/food-panels/interpret';
import { foodPanelInputSchema } from '@/lib/clinical/food-panels/schema';
import { interpretHPylori } from '@/lib/clinical/h-pylori/interpret';
import { hPyloriInputSchema } from '@/lib/clinical/h-pylori/schema';
import { interpretStoolTest } from '@/lib/clinical/stool-tests/interpret';
import { stoolTestInputSchema } from '@/lib/clinical/stool-tests/schema';

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

/** Interpretation of a stool test being entered; the patient's age decides which bands apply. */
export function previewStoolTest(values: unknown, patient: { dateOfBirth: string }) {
  const parsed = stoolTestInputSchema.safeParse(values);
  return parsed.success ? interpretStoolTest(parsed.data, patient) : null;
}

const SCHEMAS = { breath_test: breathTestInputSchema, food_panel: foodPanelInputSchema, h_pylori: hPyloriInputSchema, stool_test: stoolTestInputSchema };
/** How many problems the preview lists before "and N more". */
const PROBLEMS_SHOWN = 6;

/**
 * What still stops the preview, in the form's own words (the schema's messages, each once), so the
 * preview says what is missing instead of only that something is. Empty when the entry is complete.
 */
export function previewProblems(kind: keyof typeof SCHEMAS, values: unknown): string[] {
  const parsed = SCHEMAS[kind].safeParse(values);
  if (parsed.success) return [];
  // The checklist's unanswered questions read as one line; the form marks each question itself.
  const unanswered = parsed.error.issues.filter((i) => i.path[0] === 'preparation').length;
  const messages = [
    ...new Set(parsed.error.issues.filter((i) => i.path[0] !== 'preparation').map((i) => i.message)),
    ...(unanswered > 0 ? [`Answer the preparation checklist (${unanswered} question${unanswered === 1 ? '' : 's'} left).`] : []),
  ];
  return messages.length > PROBLEMS_SHOWN ? [...messages.slice(0, PROBLEMS_SHOWN), `and ${messages.length - PROBLEMS_SHOWN} more`] : messages;
}

export type PreviewEngine = typeof import('./preview-engine');
