// Food-panel methods, outcomes and units: plain data with no validation library, so the entry form can
// show them without loading the schema (./schema re-exports all of it). DOMAIN.md section 3.

export const FOOD_PANEL_METHOD_IDS = ['specific_ige', 'skin_prick', 'igg', 'igg4', 'elimination_rechallenge'] as const;
export type FoodPanelMethod = (typeof FOOD_PANEL_METHOD_IDS)[number];

/** Labels for the entry form and result lists. */
export const FOOD_PANEL_METHODS: Readonly<Record<FoodPanelMethod, string>> = {
  specific_ige: 'Specific IgE (sIgE, blood)',
  skin_prick: 'Skin prick test',
  igg: 'Food IgG panel (not validated for diagnosis)',
  igg4: 'Food IgG4 panel (not validated for diagnosis)',
  elimination_rechallenge: 'Elimination and rechallenge',
};

export const REACTION_OUTCOMES = ['reaction', 'no_reaction', 'inconclusive'] as const;
export type ReactionOutcome = (typeof REACTION_OUTCOMES)[number];
export const REACTION_OUTCOME_LABELS: Readonly<Record<ReactionOutcome, string>> = {
  reaction: 'Reaction on rechallenge',
  no_reaction: 'No reaction on rechallenge',
  inconclusive: 'Inconclusive',
};

/** Methods whose items carry a numeric value. */
export const VALUE_METHODS: readonly FoodPanelMethod[] = ['specific_ige', 'skin_prick', 'igg', 'igg4'];

/**
 * Unit used when an item gives none. sIgE kU/L [MAYO-IGE]; skin prick wheal mm [SPT].
 * IgG/IgG4: DOMAIN.md gives no unit; mg/L is Axis's default and labs vary, so enter the lab's own unit.
 */
export const FOOD_PANEL_DEFAULT_UNITS: Readonly<Record<FoodPanelMethod, string | null>> = {
  specific_ige: 'kU/L',
  skin_prick: 'mm',
  igg: 'mg/L',
  igg4: 'mg/L',
  elimination_rechallenge: null,
};

/**
 * Units the sIgE class table applies to: UCUM kU/L, or k[IU]/L used by some systems (DOMAIN.md 3.1),
 * and kUA/L, ImmunoCAP's notation for the same allergen-specific unit.
 */
export const SPECIFIC_IGE_UNITS = ['kU/L', 'k[IU]/L', 'kUA/L'] as const;

export const FOOD_PANEL_MAX_ITEMS = 200;

// IgG / IgG4 (DOMAIN.md 3.2). [EAACI], [CSACI], [AAAAI-CW], [NIAID], [DGAKI]
export const FOOD_PANEL_IGG_CAVEAT =
  'Not validated for diagnosis: food IgG/IgG4 testing does not diagnose food allergy or intolerance and should not guide elimination diets. ' +
  'Food-specific IgG4 reflects exposure and tolerance, not disease (EAACI Task Force 2008; CSACI 2012; AAAAI Choosing Wisely; NIAID 2010 guidelines; German, Austrian and Swiss allergy societies).';
export const FOOD_PANEL_IGG_CAVEAT_SOURCE = 'EAACI, CSACI, AAAAI-CW, NIAID, DGAKI';
