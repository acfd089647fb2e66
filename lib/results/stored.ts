import type { BreathTestInterpretation } from '@/lib/clinical/breath-tests/interpret';
import type { BreathTestInput } from '@/lib/clinical/breath-tests/schema';
import type { FoodPanelInterpretation } from '@/lib/clinical/food-panels/interpret';
import type { FoodPanelInput } from '@/lib/clinical/food-panels/schema';
import type { HPyloriInterpretation } from '@/lib/clinical/h-pylori/interpret';
import type { HPyloriInput } from '@/lib/clinical/h-pylori/schema';
import type { ScoreInterpretation } from '@/lib/clinical/scores/interpret';
import type { ScoreInput } from '@/lib/clinical/scores/schema';
import type { StoolInterpretation } from '@/lib/clinical/stool-tests/interpret';
import type { StoolTestInput } from '@/lib/clinical/stool-tests/schema';
import type { ResultKind } from '@/db/schema/enum-values';

// A stored result's `data` and `interpretation` were written by lib/results/mutations.ts from the
// kind's zod-parsed input and its pure rules, and the database refuses to change them afterwards, so
// reading them back as those types is sound. The stored interpretation is shown as it was concluded
// then, even if the rules are revised later.

export type StoredResult =
  | { kind: 'breath_test'; input: BreathTestInput; interpretation: BreathTestInterpretation }
  | { kind: 'h_pylori'; input: HPyloriInput; interpretation: HPyloriInterpretation }
  | { kind: 'food_panel'; input: FoodPanelInput; interpretation: FoodPanelInterpretation }
  | { kind: 'score'; input: ScoreInput; interpretation: ScoreInterpretation }
  | { kind: 'stool_test'; input: StoolTestInput; interpretation: StoolInterpretation };

export function readStoredResult(kind: ResultKind, data: Record<string, unknown>, interpretation: Record<string, unknown>): StoredResult {
  return { kind, input: data, interpretation } as unknown as StoredResult;
}
