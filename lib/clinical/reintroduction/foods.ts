// Foods an elimination protocol names, as groups a clinician picks or free text, and the matching that
// lets a food-panel result ("Cow's milk", "Hen's egg") or a diary line refer to the same food. Pure.
// DOMAIN.md §10 (elimination and reintroduction), §3 (food allergy testing).

export interface FoodGroup {
  id: string;
  label: string;
  /** Lower-case words and phrases that name this food (panel items, free text). */
  synonyms: readonly string[];
  /**
   * Foods often linked to near-fatal reactions (peanut, tree nuts, shellfish, fish, seeds such as sesame):
   * a risk factor for a severe oral food challenge reaction [NOWAK-RISK], so never challenged at home.
   */
  severeReactionFood: boolean;
  /** Milk and egg: a child avoiding them while AD is managed is routed to an allergist [CHANG-2016]. */
  childRoutedWithAtopicDermatitis: boolean;
  /** Dairy: prompts a calcium and vitamin D review [HENRIKSEN-2000], [EBMG-MILK]. */
  needsCalciumVitaminDReview: boolean;
}

const group = (id: string, label: string, synonyms: string[], flags: Partial<Pick<FoodGroup, 'severeReactionFood' | 'childRoutedWithAtopicDermatitis' | 'needsCalciumVitaminDReview'>> = {}): FoodGroup => ({
  id,
  label,
  synonyms,
  severeReactionFood: flags.severeReactionFood ?? false,
  childRoutedWithAtopicDermatitis: flags.childRoutedWithAtopicDermatitis ?? false,
  needsCalciumVitaminDReview: flags.needsCalciumVitaminDReview ?? false,
});

/** The groups the protocol form offers; anything else is free text. */
export const FOOD_GROUPS: readonly FoodGroup[] = [
  group('dairy', 'Dairy (cow’s milk)', ['dairy', 'milk', 'cow’s milk', "cow's milk", 'cows milk', 'cheese', 'yoghurt', 'yogurt', 'butter', 'cream', 'whey', 'casein', 'lactose'], {
    childRoutedWithAtopicDermatitis: true,
    needsCalciumVitaminDReview: true,
  }),
  group('egg', 'Egg', ['egg', 'eggs', 'hen’s egg', "hen's egg", 'egg white', 'egg yolk'], { childRoutedWithAtopicDermatitis: true }),
  group('wheat', 'Wheat / gluten', ['wheat', 'gluten', 'bread', 'pasta', 'barley', 'rye', 'spelt']),
  group('soy', 'Soy', ['soy', 'soya', 'soybean', 'soy bean', 'tofu', 'edamame']),
  group('peanut', 'Peanut', ['peanut', 'peanuts', 'groundnut', 'peanut butter'], { severeReactionFood: true }),
  group('tree_nuts', 'Tree nuts', ['tree nut', 'tree nuts', 'almond', 'cashew', 'walnut', 'hazelnut', 'pecan', 'pistachio', 'brazil nut', 'macadamia'], { severeReactionFood: true }),
  group('fish', 'Fish', ['fish', 'cod', 'salmon', 'tuna', 'haddock', 'sardine', 'mackerel'], { severeReactionFood: true }),
  group('shellfish', 'Shellfish', ['shellfish', 'shrimp', 'prawn', 'prawns', 'crab', 'lobster', 'mussel', 'mussels', 'oyster', 'scallop'], { severeReactionFood: true }),
  group('seeds', 'Seeds (sesame and others)', ['sesame', 'sesame seed', 'tahini', 'seeds', 'mustard seed', 'sunflower seed'], { severeReactionFood: true }),
  group('sugar', 'Added sugar', ['sugar', 'added sugar', 'sweets', 'refined sugar']),
  group('alcohol', 'Alcohol', ['alcohol', 'wine', 'beer', 'spirits']),
  // FODMAP subgroups, one challenge each [MEVSIBS], [JWARD].
  group('fodmap_fructans', 'FODMAP: fructans', ['fructans', 'fructan', 'onion', 'garlic']),
  group('fodmap_gos', 'FODMAP: galacto-oligosaccharides', ['gos', 'galacto-oligosaccharides', 'legumes', 'chickpeas', 'lentils']),
  group('fodmap_lactose', 'FODMAP: lactose', ['fodmap lactose'], { needsCalciumVitaminDReview: true }),
  group('fodmap_fructose', 'FODMAP: excess fructose', ['fructose', 'excess fructose', 'honey', 'mango']),
  group('fodmap_sorbitol', 'FODMAP: sorbitol', ['sorbitol']),
  group('fodmap_mannitol', 'FODMAP: mannitol', ['mannitol', 'mushroom', 'mushrooms', 'cauliflower']),
];

/** Lower case, straight apostrophes, single spaces, no trailing plural "s" on the last word. */
export function normalizeFood(text: string): string {
  return text
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .replace(/[^a-z0-9' -]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

const singular = (s: string) => (s.length > 3 && s.endsWith('s') && !s.endsWith('ss') ? s.slice(0, -1) : s);

/**
 * The group a food name belongs to, or null for free text Axis does not know. Matches whole words (and
 * simple plurals), so "egg noodles" is egg and "eggplant" is not.
 */
export function foodGroupOf(name: string): FoodGroup | null {
  const n = normalizeFood(name);
  if (!n) return null;
  const byId = FOOD_GROUPS.find((g) => g.id === n);
  if (byId) return byId;
  const words = ` ${n.split(' ').map(singular).join(' ')} `;
  // The longest matching phrase wins: "peanut butter" is peanut, not the dairy in "butter".
  let best: { group: FoodGroup; length: number } | null = null;
  for (const g of FOOD_GROUPS) {
    for (const syn of g.synonyms) {
      const s = ` ${normalizeFood(syn).split(' ').map(singular).join(' ')} `;
      if (words.includes(s) && (!best || s.length > best.length)) best = { group: g, length: s.length };
    }
  }
  return best?.group ?? null;
}

/** Whether two food names mean the same food: the same group, or the same normalized text. */
export function sameFood(a: string, b: string): boolean {
  const ga = foodGroupOf(a);
  const gb = foodGroupOf(b);
  if (ga || gb) return ga?.id === gb?.id;
  return singular(normalizeFood(a)) === singular(normalizeFood(b));
}
