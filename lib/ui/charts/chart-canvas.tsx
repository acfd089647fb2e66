'use client';

import type { Chart as ChartInstance, ChartConfiguration } from 'chart.js';
import { useEffect, useRef } from 'react';

// chart.js and its annotation plugin load in their own chunk once the page is interactive, so they
// never count toward a page's first-load JavaScript (docs/PERFORMANCE.md); the canvas and its text
// label are there from the first paint. Only the pieces our charts use are registered, once.
let chartClass: Promise<typeof ChartInstance> | undefined;

function loadChart(): Promise<typeof ChartInstance> {
  chartClass ??= Promise.all([import('chart.js'), import('chartjs-plugin-annotation')]).then(([c, annotation]) => {
    c.Chart.register(
      c.LineController,
      c.LineElement,
      c.PointElement,
      c.BarController,
      c.BarElement,
      c.LinearScale,
      c.CategoryScale,
      c.Tooltip,
      c.Legend,
      c.Filler,
      annotation.default,
    );
    return c.Chart;
  });
  return chartClass;
}

/**
 * A chart.js canvas. Charts are pictures to a screen reader, so every chart has a text label, and
 * the pages show the same numbers in a table beside it.
 */
export function ChartCanvas({ config, label, height = 280 }: { config: ChartConfiguration; label: string; height?: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    let chart: ChartInstance | undefined;
    let unmounted = false;
    void loadChart().then((Chart) => {
      if (unmounted || !canvas.current) return;
      chart = new Chart(canvas.current, config);
    });
    return () => {
      unmounted = true;
      chart?.destroy();
    };
  }, [config]);
  return (
    <div style={{ position: 'relative', height }}>
      <canvas ref={canvas} role="img" aria-label={label} />
    </div>
  );
}
