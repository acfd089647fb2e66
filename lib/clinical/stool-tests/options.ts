// Labels the stool test form shows, kept apart from the zod schema so the form's first load carries no
// validation code (the live preview loads it later; docs/PERFORMANCE.md). Pure and browser-safe.

export const STOOL_CONSISTENCY_LABELS = { formed: 'Formed', semi_solid: 'Semi-solid', watery: 'Watery' } as const;
export const FIT_ASSAY_LABELS = { hm_jackarc: 'HM-JACKarc', oc_sensor: 'OC-Sensor', other: 'Other assay' } as const;
export const MICROBIOME_METHOD_LABELS = { '16s': '16S rRNA amplicon sequencing', shotgun: 'Shotgun (whole-genome) sequencing', other: 'Other sequencing' } as const;
/** Shown wherever a microbiome report is: the consensus's limits (DOMAIN.md §8.4 [PORCARI][NEXUS]). */
export const MICROBIOME_RESEARCH_GRADE =
  'Research-grade, not diagnostic. No validated reference range or link to treatment exists: nothing in this report is a diagnosis or a reason to change diet, supplements, probiotics or antibiotics.';
