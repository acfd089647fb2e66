'use client';

import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'react';
import { ChartCanvas } from './chart-canvas';

export interface BreathTestChartProps {
  readings: { minute: number; h2: number; ch4: number; h2s?: number | null }[];
  /** Hydrogen positivity line: baseline + rise threshold (ppm). */
  h2PositiveAtPpm: number;
  ch4PositiveAtPpm: number;
  /** Only drawn when hydrogen sulfide was measured. */
  h2sPositiveAtPpm: number | null;
  /** The end of the window in which a hydrogen rise counts (minutes). */
  riseWindowMinutes: number;
}

const H2 = '#2563eb';
const CH4 = '#c2410c';
const H2S = '#7c3aed';

/** H2, CH4 (and H2S when measured) over time, with the positivity thresholds and the 90-minute mark. */
export function BreathTestChart({ readings, h2PositiveAtPpm, ch4PositiveAtPpm, h2sPositiveAtPpm, riseWindowMinutes }: BreathTestChartProps) {
  const hasH2s = readings.some((r) => r.h2s !== undefined && r.h2s !== null);
  const config = useMemo<ChartConfiguration>(() => {
    const maxMinute = Math.max(riseWindowMinutes + 30, ...readings.map((r) => r.minute));
    const line = (label: string, color: string, values: { x: number; y: number }[], dash?: number[]) => ({
      type: 'line' as const,
      label,
      data: values,
      borderColor: color,
      backgroundColor: color,
      borderWidth: 2,
      borderDash: dash,
      pointRadius: 3,
      tension: 0,
    });
    const thresholdLine = (y: number, color: string, text: string) => ({
      type: 'line' as const,
      yMin: y,
      yMax: y,
      borderColor: color,
      borderWidth: 1,
      borderDash: [6, 4],
      label: { display: true, content: text, position: 'end' as const, backgroundColor: 'rgba(255,255,255,0.85)', color, font: { size: 11 } },
    });
    return {
      type: 'line',
      data: {
        datasets: [
          line('Hydrogen (H₂) ppm', H2, readings.map((r) => ({ x: r.minute, y: r.h2 }))),
          line('Methane (CH₄) ppm', CH4, readings.map((r) => ({ x: r.minute, y: r.ch4 })), [4, 3]),
          ...(hasH2s ? [line('Hydrogen sulfide (H₂S) ppm', H2S, readings.filter((r) => r.h2s !== undefined && r.h2s !== null).map((r) => ({ x: r.minute, y: r.h2s ?? 0 })), [2, 2])] : []),
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        interaction: { mode: 'nearest', intersect: false },
        scales: {
          x: { type: 'linear', min: 0, max: maxMinute, title: { display: true, text: 'Minutes after substrate' }, ticks: { stepSize: 15 } },
          y: { type: 'linear', min: 0, title: { display: true, text: 'ppm' } },
        },
        plugins: {
          legend: { position: 'bottom' },
          annotation: {
            annotations: {
              window: {
                type: 'line',
                xMin: riseWindowMinutes,
                xMax: riseWindowMinutes,
                borderColor: '#475569',
                borderWidth: 1,
                label: { display: true, content: `${riseWindowMinutes} min`, position: 'start', backgroundColor: 'rgba(71,85,105,0.85)', font: { size: 11 } },
              },
              h2: thresholdLine(h2PositiveAtPpm, H2, `H₂ criterion ≥ ${h2PositiveAtPpm} ppm`),
              ch4: thresholdLine(ch4PositiveAtPpm, CH4, `CH₄ criterion ≥ ${ch4PositiveAtPpm} ppm`),
              ...(hasH2s && h2sPositiveAtPpm !== null ? { h2s: thresholdLine(h2sPositiveAtPpm, H2S, `H₂S ≥ ${h2sPositiveAtPpm} ppm`) } : {}),
            },
          },
        },
      },
    };
  }, [readings, h2PositiveAtPpm, ch4PositiveAtPpm, h2sPositiveAtPpm, riseWindowMinutes, hasH2s]);
  return (
    <ChartCanvas
      config={config}
      label={`Breath test chart: hydrogen and methane${hasH2s ? ' and hydrogen sulfide' : ''} in ppm over ${readings.length} readings, with thresholds`}
    />
  );
}
