'use client';

import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartCanvas } from './chart-canvas';

export interface ScoreBand {
  from: number;
  to: number;
  label: string;
  severity: string;
}

export interface ScoreTrendChartProps {
  label: string;
  min: number;
  max: number;
  bands: ScoreBand[];
  points: { effectiveDate: string; value: number }[];
}

// Shades run from calm to alarming; "normal"/"clear" bands stay nearly white so the line reads first.
const BAND_FILL: Record<string, string> = {
  clear: 'rgba(16,185,129,0.08)',
  normal: 'rgba(16,185,129,0.08)',
  mild: 'rgba(234,179,8,0.10)',
  moderate: 'rgba(249,115,22,0.12)',
  severe: 'rgba(239,68,68,0.13)',
  very_severe: 'rgba(185,28,28,0.18)',
  abnormal: 'rgba(239,68,68,0.13)',
};

/** One instrument's values over time on its full range, with its severity bands shaded behind. */
export function ScoreTrendChart({ label, min, max, bands, points }: ScoreTrendChartProps) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'line',
      data: {
        labels: points.map((p) => p.effectiveDate),
        datasets: [{ label, data: points.map((p) => p.value), borderColor: '#0f766e', backgroundColor: '#0f766e', borderWidth: 2, pointRadius: 4, tension: 0 }],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { y: { min, max, title: { display: true, text: label } }, x: { title: { display: false, text: 'Date' } } },
        plugins: {
          legend: { display: false },
          annotation: {
            annotations: Object.fromEntries(
              bands.map((b, i) => [
                `band${i}`,
                {
                  type: 'box' as const,
                  yMin: b.from,
                  yMax: b.to,
                  backgroundColor: BAND_FILL[b.severity] ?? 'rgba(148,163,184,0.08)',
                  borderWidth: 0,
                  label: { display: true, content: b.label, position: { x: 'start' as const, y: 'center' as const }, color: '#475569', font: { size: 10 } },
                },
              ]),
            ),
          },
        },
      },
    }),
    [label, min, max, bands, points],
  );
  return <ChartCanvas config={config} height={220} label={`${label} trend: ${points.map((p) => `${p.effectiveDate} ${p.value}`).join(', ')}`} />;
}
