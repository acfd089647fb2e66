// The shape every pure interpretation rule set returns (breath tests, H. pylori, food panels, scores),
// so the results list, the detail page and the patient portal render any kind the same way.

/** How a result reads at a glance; mirrors RESULT_FLAGS in db/schema/enum-values.ts. */
export type InterpretationFlag = 'abnormal' | 'normal' | 'indeterminate' | 'info';

export interface Finding {
  /** Stable rule id, e.g. "h2-rise-90min"; tests and the UI key on it. */
  rule: string;
  /**
   * positive/negative: a diagnostic rule fired or did not; flag: needs review; caution: limits what the result
   * means; urgent: a referral, never a diet matter (a FIT at the threshold, DOMAIN.md §8.3).
   */
  status: 'positive' | 'negative' | 'flag' | 'caution' | 'info' | 'urgent';
  /** Plain sentence saying which rule fired and why, with the numbers, e.g. "Hydrogen rose 32 ppm over baseline (8 → 40 ppm) by 60 min: ≥ 20 ppm within 90 min is positive." */
  text: string;
  /** Source key from ../shared/DOMAIN.md, e.g. "NAC-2017". */
  source: string;
  /** The badge's words where the status's own ("Positive") would mislead, e.g. "Above lab range". */
  label?: string;
}

export interface Interpretation {
  flag: InterpretationFlag;
  /** One line for lists, e.g. "Methane level consistent with IMO: peak 14 ppm at 60 min". */
  summary: string;
  findings: Finding[];
}
