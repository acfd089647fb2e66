import type { ResultKind } from '@/lib/results/result-kinds';

// URL words for result kinds: /patients/…/results/new/breath-test reads better than breath_test.
export const KIND_BY_SLUG = {
  'breath-test': 'breath_test',
  'h-pylori': 'h_pylori',
  'food-panel': 'food_panel',
  score: 'score',
  'stool-test': 'stool_test',
} as const satisfies Record<string, ResultKind>;

export type KindSlug = keyof typeof KIND_BY_SLUG;

export const SLUG_BY_KIND: Record<ResultKind, KindSlug> = {
  breath_test: 'breath-test',
  h_pylori: 'h-pylori',
  food_panel: 'food-panel',
  score: 'score',
  stool_test: 'stool-test',
};

export const KIND_TITLES: Record<ResultKind, string> = {
  breath_test: 'Breath test (SIBO / IMO)',
  h_pylori: 'H. pylori test',
  food_panel: 'Food sensitivity or allergy panel',
  score: 'Skin or gut score',
  stool_test: 'Stool test (calprotectin, elastase, FIT, microbiome report)',
};

export function kindFromSlug(slug: string): ResultKind | null {
  return Object.hasOwn(KIND_BY_SLUG, slug) ? KIND_BY_SLUG[slug as KindSlug] : null;
}
