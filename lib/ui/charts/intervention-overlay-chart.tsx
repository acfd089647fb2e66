'use client';

import type { ChartConfiguration, Scale } from 'chart.js';
import { useId, useMemo, useState } from 'react';
import type { Specialty } from '@/db/schema/enum-values';
import { assessResponse, DEFAULT_RESPONSE_SETTINGS, type InterventionResponse, type ResponseSettings } from '@/lib/clinical/outcomes/response';
import { INSTRUMENT_IDS, type InstrumentId } from '@/lib/clinical/scores/instruments';
import { epochDay, isoFromEpochDay, monthTicks } from '@/lib/timeline/outcome';
import { ResponseStatusBadge } from '@/lib/ui/outcomes/response-list';
import { ScrollRegion } from '@/lib/ui/scroll-region';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import { ChartCanvas } from './chart-canvas';
import type { ScoreBand } from './score-trend-chart';

export interface OverlaySeries {
  id: string;
  label: string;
  fullName: string;
  /** Groups the instrument picker: skin, quality of life, gut. */
  group: string;
  min: number;
  max: number;
  bands: ScoreBand[];
  /** Oldest first. */
  points: { effectiveDate: string; value: number }[];
}

export interface OverlayPeriod {
  id: string;
  title: string;
  ownerSpecialty: Specialty;
  status: string;
  startDate: string;
  /** null while ongoing: drawn up to today. */
  endDate: string | null;
  /** When its response is judged (weeks after the start); null = the clinic default. */
  responseWeeks?: number | null;
}

export interface InterventionOverlayChartProps {
  series: OverlaySeries[];
  interventions: OverlayPeriod[];
  /** Today's date from the server, so server and browser draw the same "ongoing" end. */
  today: string;
  initialInstrument: string;
  /** The clinic's response settings (lib/outcomes/responses.ts), so the table answers as the record does. */
  responseSettings?: ResponseSettings;
}

/** One colour per owning specialty; text always names the specialty too (colour is never the only cue). */
export const SPECIALTY_COLORS: Record<Specialty, string> = {
  dermatology: '124,58,237',
  nutrition: '22,163,74',
  gastroenterology: '234,88,12',
  other: '100,116,139',
};

const BAND_FILL: Record<string, string> = {
  clear: 'rgba(16,185,129,0.05)',
  normal: 'rgba(16,185,129,0.05)',
  mild: 'rgba(234,179,8,0.06)',
  moderate: 'rgba(249,115,22,0.07)',
  severe: 'rgba(239,68,68,0.08)',
  very_severe: 'rgba(185,28,28,0.10)',
  abnormal: 'rgba(239,68,68,0.08)',
};

const monthLabel = new Intl.DateTimeFormat('en-GB', { month: 'short', year: '2-digit', timeZone: 'UTC' });
const shorten = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1).trimEnd()}…` : text);

/**
 * A skin (or other) score over time on a linear axis of days, with each intervention's period as a
 * translucent box in its owner's specialty colour, and the instrument's severity bands faintly behind:
 * does the score fall after the elimination diet starts?
 */
export function InterventionOverlayChart({ series, interventions, today, initialInstrument, responseSettings = DEFAULT_RESPONSE_SETTINGS }: InterventionOverlayChartProps) {
  const selectId = useId();
  const [instrumentId, setInstrumentId] = useState(initialInstrument);
  const current = series.find((s) => s.id === instrumentId) ?? series[0];
  const groups = useMemo(() => [...new Set(series.map((s) => s.group))], [series]);

  // Each intervention's response on the chosen score, by the rule the record and the plan use.
  const responses = useMemo(() => {
    const out = new Map<string, InterventionResponse>();
    if (!current || !(INSTRUMENT_IDS as readonly string[]).includes(current.id)) return out;
    const periods = interventions.map((iv) => ({ id: iv.id, title: iv.title, startDate: iv.startDate, endDate: iv.endDate, responseWeeks: iv.responseWeeks ?? null }));
    for (const iv of periods) {
      out.set(iv.id, assessResponse({ intervention: iv, instrument: current.id as InstrumentId, points: current.points, others: periods, today, settings: responseSettings }));
    }
    return out;
  }, [current, interventions, today, responseSettings]);

  const view = useMemo(() => {
    if (!current) return null;
    const todayDay = epochDay(today);
    // Ongoing periods run to today; one that starts later (planned) is drawn as a sliver at its start.
    const periods = interventions.map((iv) => {
      const from = epochDay(iv.startDate);
      return { iv, from, to: iv.endDate ? epochDay(iv.endDate) : Math.max(todayDay, from + 1) };
    });
    const xs = [...current.points.map((p) => epochDay(p.effectiveDate)), ...periods.flatMap((p) => [p.from, p.to])];
    const minX = Math.min(...xs) - 10;
    const maxX = Math.max(...xs) + 10;
    // The score area runs up to the top of the band holding the highest value, not always the full range.
    const top = Math.max(...current.points.map((p) => p.value), current.min);
    const holding = current.bands.find((b) => top <= b.to);
    const scoreTop = holding && holding.to > current.min ? holding.to : current.max;
    // Each intervention gets a labelled bar in a lane above the score area; lanes are shared when the
    // periods (and room for a label) do not overlap, so many interventions do not squeeze the chart.
    const labelRoom = (maxX - minX) * 0.28;
    const laneEnds: number[] = [];
    const placed = periods.map((p) => {
      let lane = laneEnds.findIndex((end) => p.from > end);
      if (lane < 0) lane = laneEnds.push(0) - 1;
      laneEnds[lane] = Math.max(p.to, p.from + labelRoom);
      return { ...p, lane };
    });
    const laneHeight = (scoreTop - current.min) * 0.085;
    const yMax = scoreTop + laneHeight * (laneEnds.length + (laneEnds.length > 0 ? 0.4 : 0));
    return { minX, maxX, scoreTop, yMax, todayDay, placed, laneHeight };
  }, [current, interventions, today]);

  const config = useMemo<ChartConfiguration | null>(() => {
    if (!current || !view) return null;
    const annotations: Record<string, object> = {};
    current.bands.forEach((b, i) => {
      if (b.from >= view.scoreTop) return;
      annotations[`band${i}`] = {
        type: 'box',
        drawTime: 'beforeDatasetsDraw',
        yMin: b.from,
        yMax: Math.min(b.to, view.scoreTop),
        backgroundColor: BAND_FILL[b.severity] ?? 'rgba(148,163,184,0.05)',
        borderWidth: 0,
        label: { display: true, content: b.label, position: { x: 'end', y: 'center' }, color: 'rgba(71,85,105,0.75)', font: { size: 9 } },
      };
    });
    view.placed.forEach(({ iv, from, to, lane }, i) => {
      const rgb = SPECIALTY_COLORS[iv.ownerSpecialty];
      const ongoing = iv.endDate === null;
      // The period over the score area: faint, so overlapping periods stay readable.
      annotations[`period${i}`] = {
        type: 'box',
        drawTime: 'beforeDatasetsDraw',
        xMin: from,
        xMax: to,
        yMin: current.min,
        yMax: view.scoreTop,
        backgroundColor: `rgba(${rgb},0.05)`,
        borderColor: `rgba(${rgb},0.45)`,
        borderWidth: 1,
        borderDash: ongoing ? [4, 3] : undefined,
      };
      // Its labelled bar in its lane above.
      const laneBottom = view.scoreTop + view.laneHeight * (lane + 0.4);
      annotations[`lane${i}`] = {
        type: 'box',
        xMin: from,
        xMax: to,
        yMin: laneBottom,
        yMax: laneBottom + view.laneHeight * 0.85,
        backgroundColor: `rgba(${rgb},0.22)`,
        borderColor: `rgb(${rgb})`,
        borderWidth: 1,
        borderDash: ongoing ? [4, 3] : undefined,
        label: {
          display: true,
          content: `${shorten(iv.title, 34)}${ongoing ? ' →' : ''}`,
          position: { x: 'start', y: 'center' },
          xAdjust: 2,
          color: `rgb(${rgb})`,
          font: { size: 10, weight: 'bold' },
          padding: 1,
        },
      };
    });
    // The follow-up score each response was judged on, labelled with the change (never a cause).
    interventions.forEach((iv, i) => {
      const r = responses.get(iv.id);
      if (!r?.followUp || r.status === 'not_assessable') return;
      const met = r.criteria.filter((c) => c.met).map((c) => c.criterion.label);
      const change = r.percentImprovement !== null ? `${r.percentImprovement >= 0 ? '−' : '+'}${Math.abs(Math.round(r.percentImprovement))}%` : `${r.change !== null && r.change > 0 ? '+' : '−'}${Math.abs(Math.round((r.change ?? 0) * 10) / 10)}`;
      annotations[`response${i}`] = {
        type: 'label',
        xValue: epochDay(r.followUp.effectiveDate),
        yValue: r.followUp.value,
        yAdjust: -14,
        content: `${change}${met.length > 0 ? ` ${met[met.length - 1]}` : ''}${r.status === 'provisional' ? ' (provisional)' : ''}`,
        color: `rgb(${SPECIALTY_COLORS[iv.ownerSpecialty]})`,
        font: { size: 10, weight: 'bold' },
        backgroundColor: 'rgba(255,255,255,0.85)',
        padding: 2,
      };
    });
    annotations.today = {
      type: 'line',
      xMin: view.todayDay,
      xMax: view.todayDay,
      borderColor: 'rgba(71,85,105,0.6)',
      borderWidth: 1,
      borderDash: [2, 3],
    };
    return {
      type: 'line',
      data: {
        datasets: [
          {
            label: current.label,
            data: current.points.map((p) => ({ x: epochDay(p.effectiveDate), y: p.value })),
            borderColor: '#0f172a',
            backgroundColor: '#0f172a',
            borderWidth: 2,
            pointRadius: 4,
            tension: 0,
          },
        ],
      },
      options: {
        responsive: true,
        maintainAspectRatio: false,
        animation: false,
        scales: {
          x: {
            type: 'linear',
            min: view.minX,
            max: view.maxX,
            afterBuildTicks: (axis: Scale) => {
              axis.ticks = monthTicks(view.minX, view.maxX, 7).map((value) => ({ value }));
            },
            ticks: { callback: (value) => monthLabel.format(new Date(Number(value) * 86_400_000)), maxRotation: 0, autoSkip: true },
          },
          y: {
            min: current.min,
            max: view.yMax,
            title: { display: true, text: current.label },
            // No ticks in the lanes: they are not score values.
            afterBuildTicks: (axis: Scale) => {
              axis.ticks = axis.ticks.filter((t) => t.value <= view.scoreTop);
            },
            grid: { color: (ctx) => (typeof ctx.tick?.value === 'number' && ctx.tick.value > view.scoreTop ? 'transparent' : 'rgba(0,0,0,0.06)') },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: { callbacks: { title: (items) => (items[0] ? formatDate(isoFromEpochDay(items[0].parsed.x ?? 0)) : '') } },
          annotation: { annotations },
        },
      },
    } as ChartConfiguration;
  }, [current, view, interventions, responses]);

  if (!current || !config) {
    return <p className="rounded-md border border-dashed border-slate-300 bg-slate-50 px-4 py-6 text-center text-sm text-slate-500">No scores recorded yet, so there is no trend to compare the interventions with.</p>;
  }

  const first = current.points[0];
  const last = current.points.at(-1);
  const label =
    `Outcomes chart: ${current.label} from ${first ? `${formatDate(first.effectiveDate)} (${first.value})` : '—'} to ${last ? `${formatDate(last.effectiveDate)} (${last.value})` : '—'}, ` +
    `${current.points.length} points, with ${interventions.length} intervention period${interventions.length === 1 ? '' : 's'}` +
    (interventions.length > 0 ? `: ${interventions.map((i) => `${i.title} from ${formatDate(i.startDate)} ${i.endDate ? `to ${formatDate(i.endDate)}` : 'ongoing'}`).join('; ')}` : '');

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <div className="flex items-center gap-2 text-sm">
          <label htmlFor={selectId} className="font-medium text-slate-700">
            Score
          </label>
          <select id={selectId} value={current.id} onChange={(e) => setInstrumentId(e.target.value)} className="rounded-md border border-slate-300 px-2 py-1 text-sm">
            {groups.map((g) => (
              <optgroup key={g} label={g}>
                {series
                  .filter((s) => s.group === g)
                  .map((s) => (
                    <option key={s.id} value={s.id}>
                      {s.label} ({s.points.length})
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <ul className="flex flex-wrap gap-3 text-xs text-slate-600" aria-label="Intervention colours">
          {[...new Set(interventions.map((i) => i.ownerSpecialty))].map((s) => (
            <li key={s} className="flex items-center gap-1">
              <span aria-hidden className="inline-block h-3 w-3 rounded-sm border" style={{ backgroundColor: `rgba(${SPECIALTY_COLORS[s]},0.2)`, borderColor: `rgb(${SPECIALTY_COLORS[s]})` }} />
              {specialtyLabel(s)}
            </li>
          ))}
          {interventions.some((i) => !i.endDate) && <li>Dashed: ongoing</li>}
          <li>Dotted line: today</li>
        </ul>
      </div>
      <ChartCanvas config={config} height={320} label={label} />
      {interventions.length > 0 && (
        <ScrollRegion label={`${current.label} response to each intervention`}>
          <table className="w-full text-left text-sm">
            <caption className="sr-only">
              {current.label} response to each intervention: baseline, follow-up near the assessment point, and the change
            </caption>
            <thead className="text-xs uppercase tracking-wide text-slate-500">
              <tr>
                <th scope="col" className="pb-1 pr-3 font-semibold">Intervention</th>
                <th scope="col" className="hidden pb-1 pr-3 font-semibold sm:table-cell">Period</th>
                <th scope="col" className="pb-1 pr-3 font-semibold">Baseline</th>
                <th scope="col" className="pb-1 pr-3 font-semibold">Follow-up</th>
                <th scope="col" className="pb-1 font-semibold">Response</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {interventions.map((iv) => {
                const r = responses.get(iv.id);
                const atStart = r?.baseline ?? null;
                const atEnd = r?.followUp ?? null;
                return (
                  <tr key={iv.id}>
                    <td className="py-1.5 pr-3 align-top">
                      <span aria-hidden className="mr-1.5 inline-block h-2.5 w-2.5 rounded-sm" style={{ backgroundColor: `rgb(${SPECIALTY_COLORS[iv.ownerSpecialty]})` }} />
                      <span className="font-medium">{iv.title}</span>
                      <span className="block text-xs text-slate-500">
                        {specialtyLabel(iv.ownerSpecialty)} · {iv.status}
                        <span className="sm:hidden">
                          {' '}
                          · {formatDate(iv.startDate)} – {iv.endDate ? formatDate(iv.endDate) : 'ongoing'}
                        </span>
                      </span>
                    </td>
                    <td className="hidden whitespace-nowrap py-1.5 pr-3 align-top text-xs sm:table-cell">
                      {formatDate(iv.startDate)} – {iv.endDate ? formatDate(iv.endDate) : 'ongoing'}
                    </td>
                    <td className="py-1.5 pr-3 align-top">{atStart ? <Reading value={atStart.value} date={atStart.effectiveDate} /> : <span className="text-xs text-slate-500">none in the {responseSettings.baselineWindowDays} days before</span>}</td>
                    <td className="py-1.5 pr-3 align-top">{atEnd ? <Reading value={atEnd.value} date={atEnd.effectiveDate} /> : <span className="text-xs text-slate-500">none after the start</span>}</td>
                    <td className="py-1.5 align-top text-xs" data-testid="overlay-response">
                      {r ? (
                        <>
                          <ResponseStatusBadge status={r.status} /> <span className="text-slate-700">{r.status === 'not_assessable' ? r.reason : r.summary}</span>
                        </>
                      ) : (
                        <span className="text-slate-500">no responder rule for this score</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </ScrollRegion>
      )}
    </div>
  );
}

function Reading({ value, date }: { value: number; date: string }) {
  return (
    <span>
      <span className="font-semibold tabular-nums">{value}</span> <span className="text-xs text-slate-500">{formatDate(date)}</span>
    </span>
  );
}
