// Stool analytes over time, for the charts on a stool test's page. Calprotectin is only comparable within one
// lab and assay [MLABS], so its chart plots the results of the same lab and assay as the result being viewed,
// shaded by that result's own lab interval, and says how many others were left out. Elastase and FIT use their
// sourced bands (interpret.ts). Pure.
import { ELASTASE_EPI_BELOW, ELASTASE_NORMAL_FROM, FIT_REFER_FROM } from './interpret';
import type { StoolTestInput } from './schema';

/** A shaded range behind the line (the shape the trend chart draws). */
export interface StoolTrendBand {
  from: number;
  to: number;
  label: string;
  severity: 'normal' | 'mild' | 'abnormal';
}

export interface StoolTrendPoint {
  resultId: string;
  effectiveDate: string;
  value: number;
}

export interface StoolTrend {
  analyte: 'calprotectin' | 'elastase' | 'fit';
  label: string;
  unit: string;
  min: number;
  max: number;
  bands: StoolTrendBand[];
  points: StoolTrendPoint[];
  /** Why some results are not on this chart (another lab or assay), or null. */
  leftOut: string | null;
}

const headroom = (values: number[], floor: number) => Math.ceil(Math.max(floor, ...values) * 1.15);

/** Trends for the analytes of `current`, from the patient's current stool tests (any order); only those with two or more points. */
export function stoolTrends(all: readonly { id: string; data: StoolTestInput }[], current: StoolTestInput): StoolTrend[] {
  const sorted = [...all].sort((a, b) => a.data.effectiveDate.localeCompare(b.data.effectiveDate));
  const trends: StoolTrend[] = [];
  const c = current.calprotectin;
  if (c) {
    const withC = sorted.filter((r) => r.data.calprotectin);
    const same = withC.filter((r) => r.data.calprotectin?.laboratory.trim().toLowerCase() === c.laboratory.trim().toLowerCase() && r.data.calprotectin?.assay.trim().toLowerCase() === c.assay.trim().toLowerCase());
    const points = same.map((r) => ({ resultId: r.id, effectiveDate: r.data.effectiveDate, value: r.data.calprotectin?.value ?? 0 }));
    const max = headroom(points.map((p) => p.value), c.labInterval.indeterminateUpTo ?? c.labInterval.normalBelow * 2);
    const top = c.labInterval.indeterminateUpTo ?? c.labInterval.normalBelow;
    const others = withC.length - same.length;
    trends.push({
      analyte: 'calprotectin',
      label: 'Calprotectin (µg/g)',
      unit: 'µg/g',
      min: 0,
      max,
      bands: [
        { from: 0, to: c.labInterval.normalBelow, label: `lab normal < ${c.labInterval.normalBelow}`, severity: 'normal' },
        ...(c.labInterval.indeterminateUpTo !== undefined ? [{ from: c.labInterval.normalBelow, to: c.labInterval.indeterminateUpTo, label: 'borderline', severity: 'mild' as const }] : []),
        { from: top, to: max, label: 'above interval', severity: 'abnormal' },
      ],
      points,
      leftOut: others > 0 ? `${others} calprotectin result${others === 1 ? '' : 's'} from another lab or assay ${others === 1 ? 'is' : 'are'} not plotted: assays are not interchangeable.` : null,
    });
  }
  if (current.elastase) {
    const points = sorted.filter((r) => r.data.elastase).map((r) => ({ resultId: r.id, effectiveDate: r.data.effectiveDate, value: r.data.elastase?.value ?? 0 }));
    const max = headroom(points.map((p) => p.value), ELASTASE_NORMAL_FROM * 1.5);
    trends.push({
      analyte: 'elastase',
      label: 'Elastase-1 (µg/g)',
      unit: 'µg/g',
      min: 0,
      max,
      bands: [
        { from: 0, to: ELASTASE_EPI_BELOW, label: `< ${ELASTASE_EPI_BELOW} EPI`, severity: 'abnormal' },
        { from: ELASTASE_EPI_BELOW, to: ELASTASE_NORMAL_FROM, label: 'indeterminate', severity: 'mild' },
        { from: ELASTASE_NORMAL_FROM, to: max, label: 'normal', severity: 'normal' },
      ],
      points,
      leftOut: null,
    });
  }
  if (current.fit) {
    const points = sorted.filter((r) => r.data.fit).map((r) => ({ resultId: r.id, effectiveDate: r.data.effectiveDate, value: r.data.fit?.value ?? 0 }));
    const max = headroom(points.map((p) => p.value), FIT_REFER_FROM * 2);
    trends.push({
      analyte: 'fit',
      label: 'FIT (µg Hb/g)',
      unit: 'µg Hb/g',
      min: 0,
      max,
      bands: [
        { from: 0, to: FIT_REFER_FROM, label: `< ${FIT_REFER_FROM}`, severity: 'normal' },
        { from: FIT_REFER_FROM, to: max, label: 'refer', severity: 'abnormal' },
      ],
      points,
      leftOut: null,
    });
  }
  return trends.filter((t) => t.points.length >= 2);
}
