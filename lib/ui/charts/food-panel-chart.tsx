'use client';

import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartCanvas } from './chart-canvas';

export interface FoodPanelChartProps {
  /** Already sorted, highest first. */
  items: { food: string; value: number; crossesCutoff: boolean; label?: string }[];
  unit: string;
  cutoff: number | null;
  cutoffLabel?: string;
}

/** A horizontal bar per food, highest first; bars over the cut-off are drawn in the alert colour. */
export function FoodPanelChart({ items, unit, cutoff, cutoffLabel }: FoodPanelChartProps) {
  const config = useMemo<ChartConfiguration>(
    () => ({
      type: 'bar',
      data: {
        labels: items.map((i) => i.food),
        datasets: [
          {
            label: unit,
            data: items.map((i) => i.value),
            backgroundColor: items.map((i) => (i.crossesCutoff ? '#dc2626' : '#94a3b8')),
            borderWidth: 0,
          },
        ],
      },
      options: {
        indexAxis: 'y',
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: { x: { beginAtZero: true, title: { display: true, text: unit } } },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { afterLabel: (ctx) => items[ctx.dataIndex]?.label ?? '' } },
          annotation: {
            annotations:
              cutoff === null
                ? {}
                : {
                    cutoff: {
                      type: 'line',
                      xMin: cutoff,
                      xMax: cutoff,
                      borderColor: '#0f172a',
                      borderDash: [6, 4],
                      borderWidth: 1,
                      label: { display: true, content: cutoffLabel ?? `cut-off ${cutoff} ${unit}`, position: 'start', font: { size: 11 } },
                    },
                  },
          },
        },
      },
    }),
    [items, unit, cutoff, cutoffLabel],
  );
  return (
    <ChartCanvas
      config={config}
      height={Math.max(160, items.length * 26 + 60)}
      label={`Food panel bar chart, ${items.length} foods sorted by ${unit}; ${items.filter((i) => i.crossesCutoff).length} over the cut-off`}
    />
  );
}
