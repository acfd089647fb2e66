import { SIGE_SENSITISATION_CUTOFF_KU_L, SKIN_PRICK_POSITIVE_WHEAL_MM } from './interpret';
import type { FoodPanelMethod } from './schema';

/** The vertical line a panel chart draws: the same cut-off interpretFoodPanel applies, or none. */
export function chartCutoffFor(method: FoodPanelMethod, labCutoff: number | undefined): { value: number; label: string } | null {
  switch (method) {
    case 'specific_ige':
      return { value: SIGE_SENSITISATION_CUTOFF_KU_L, label: `sensitised ≥ ${SIGE_SENSITISATION_CUTOFF_KU_L} kU/L (class 1)` };
    case 'skin_prick': {
      const mm = labCutoff ?? SKIN_PRICK_POSITIVE_WHEAL_MM;
      return { value: mm, label: `positive wheal ≥ ${mm} mm` };
    }
    case 'igg':
    case 'igg4':
      return labCutoff === undefined ? null : { value: labCutoff, label: `lab cut-off ${labCutoff} (not diagnostic)` };
    case 'elimination_rechallenge':
      return null;
  }
}
