import { daysBetween } from '@/lib/clinical/dates';
import type { ProtocolView, ScoreStrip } from '@/lib/reintroduction/queries';
import { formatDate } from '@/lib/ui/format';
import { ScrollRegion } from '@/lib/ui/scroll-region';

// The protocol at a glance: foods × phases with their dates and verdicts, and the skin score drawn over the
// same dates. Plain markup and SVG (no client code), so the plan page, the timeline and the portal share it.

export const VERDICT_LABELS = { reacted: 'Reacted', tolerated: 'Tolerated', inconclusive: 'Inconclusive' } as const;
const STATUS_LABELS = { upcoming: 'Upcoming', in_progress: 'In progress', awaiting_verdict: 'Awaiting verdict', confirmed: 'Confirmed' } as const;

const range = (from: string, to: string) => (from === to ? formatDate(from) : `${formatDate(from)} – ${formatDate(to)}`);

export function verdictClass(verdict: keyof typeof VERDICT_LABELS): string {
  return verdict === 'tolerated' ? 'bg-emerald-100 text-emerald-900' : verdict === 'reacted' ? 'bg-red-100 text-red-900' : 'bg-amber-100 text-amber-950';
}

export function ProtocolGrid({ protocol, caption }: { protocol: ProtocolView; caption?: string }) {
  const { schedule } = protocol;
  return (
    <ScrollRegion label={caption ?? `Foods and phases of ${protocol.title}`}>
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">{caption ?? `Foods and phases of ${protocol.title}`}</caption>
        <thead className="text-xs uppercase tracking-wide text-slate-600">
          <tr>
            <th scope="col" className="py-1 pr-3">
              Food
            </th>
            <th scope="col" className="py-1 pr-3">
              Eliminated
            </th>
            <th scope="col" className="py-1 pr-3">
              Challenge
            </th>
            <th scope="col" className="py-1 pr-3">
              Washout
            </th>
            <th scope="col" className="py-1 pr-3">
              Verdict
            </th>
          </tr>
        </thead>
        <tbody className="divide-y divide-slate-100">
          {protocol.challenges.map((p) => {
            const c = p.challenge;
            const first = c.days[0]?.date ?? '';
            const last = c.days[c.days.length - 1]?.date ?? '';
            return (
              <tr key={c.food}>
                <th scope="row" className="py-1.5 pr-3 font-medium">
                  {c.order}. {c.food}
                </th>
                <td className="py-1.5 pr-3">{range(schedule.eliminationFrom, schedule.eliminationTo)}</td>
                <td className="py-1.5 pr-3">
                  {range(first, last)}
                  <span className="block text-xs text-slate-600">{c.days.map((d) => d.portion).join(' → ')}</span>
                </td>
                <td className="py-1.5 pr-3">{c.washout ? range(c.washout.from, c.washout.to) : 'None'}</td>
                <td className="py-1.5 pr-3">
                  {p.confirmed ? (
                    <>
                      <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${verdictClass(p.confirmed.verdict)}`}>{VERDICT_LABELS[p.confirmed.verdict]}</span>
                      <span className="block text-xs text-slate-600">
                        {p.confirmed.verdict === 'tolerated' ? 'Back in the diet' : `Stays out; review ${p.confirmed.reviewDate ? formatDate(p.confirmed.reviewDate) : ''}`}
                      </span>
                    </>
                  ) : p.suggestion ? (
                    <>
                      <span className="text-xs text-slate-600">{STATUS_LABELS[p.status]} · suggested </span>
                      <span className={`rounded px-1.5 py-0.5 text-xs font-semibold ${verdictClass(p.suggestion.verdict)}`}>{VERDICT_LABELS[p.suggestion.verdict]}</span>
                    </>
                  ) : (
                    <span className="text-xs text-slate-600">{STATUS_LABELS[p.status]}</span>
                  )}
                </td>
              </tr>
            );
          })}
          {protocol.supervisedOnly.map((s) => (
            <tr key={s.food}>
              <th scope="row" className="py-1.5 pr-3 font-medium">
                {s.food}
              </th>
              <td className="py-1.5 pr-3">{range(schedule.eliminationFrom, schedule.eliminationTo)}</td>
              <td className="py-1.5 pr-3" colSpan={3}>
                <span className="rounded bg-red-100 px-1.5 py-0.5 text-xs font-semibold text-red-900">Supervised challenge only</span>
                <span className="block text-xs text-slate-600">Kept out; an allergist decides (no at-home challenge).</span>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

const W = 640;
const H = 120;
const PAD = { left: 36, right: 8, top: 8, bottom: 22 };

/**
 * The skin score over the protocol's dates, with the elimination and each challenge shaded behind it. An
 * SVG with a text description; the numbers are also in the list beneath for screen readers and print.
 */
export function ProtocolScoreStrip({ protocol }: { protocol: ProtocolView }) {
  const strip: ScoreStrip | null = protocol.scoreStrip;
  const { schedule } = protocol;
  if (!strip) return <p className="text-sm text-slate-600">No skin score was recorded between two weeks before the elimination and two weeks after the last challenge.</p>;
  const span = Math.max(1, daysBetween(strip.from, strip.to));
  const x = (date: string) => PAD.left + (Math.min(span, Math.max(0, daysBetween(strip.from, date))) / span) * (W - PAD.left - PAD.right);
  const max = Math.max(1, ...strip.points.map((p) => p.value));
  const y = (v: number) => PAD.top + (1 - v / max) * (H - PAD.top - PAD.bottom);
  const path = strip.points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.effectiveDate).toFixed(1)},${y(p.value).toFixed(1)}`).join(' ');
  const description = `${strip.label} from ${formatDate(strip.from)} to ${formatDate(strip.to)}: ${strip.points.map((p) => `${p.value} on ${formatDate(p.effectiveDate)}`).join('; ')}.`;
  return (
    <figure className="space-y-1">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={description} className="h-auto w-full max-w-2xl">
        <rect x={x(schedule.eliminationFrom)} y={PAD.top} width={Math.max(1, x(schedule.eliminationTo) - x(schedule.eliminationFrom))} height={H - PAD.top - PAD.bottom} fill="#e2e8f0" />
        {schedule.challenges.map((c) => (
          <rect
            key={c.food}
            x={x(c.days[0]?.date ?? c.nextFree)}
            y={PAD.top}
            width={Math.max(2, x(c.days[c.days.length - 1]?.date ?? c.nextFree) - x(c.days[0]?.date ?? c.nextFree) + 2)}
            height={H - PAD.top - PAD.bottom}
            fill="#fde68a"
          />
        ))}
        <line x1={PAD.left} x2={W - PAD.right} y1={H - PAD.bottom} y2={H - PAD.bottom} stroke="#94a3b8" />
        <text x={PAD.left - 4} y={y(max) + 4} fontSize="10" textAnchor="end" fill="#334155">
          {max}
        </text>
        <text x={PAD.left - 4} y={y(0)} fontSize="10" textAnchor="end" fill="#334155">
          0
        </text>
        <text x={PAD.left} y={H - 6} fontSize="10" fill="#334155">
          {formatDate(strip.from)}
        </text>
        <text x={W - PAD.right} y={H - 6} fontSize="10" textAnchor="end" fill="#334155">
          {formatDate(strip.to)}
        </text>
        <path d={path} fill="none" stroke="#0f766e" strokeWidth="2" />
        {strip.points.map((p) => (
          <circle key={p.effectiveDate} cx={x(p.effectiveDate)} cy={y(p.value)} r="3" fill="#0f766e" />
        ))}
      </svg>
      <figcaption className="text-xs text-slate-600">
        {strip.label} over the same dates (line). Grey: elimination; yellow: challenge days. {strip.points.map((p) => `${formatDate(p.effectiveDate)}: ${p.value}`).join(' · ')}
      </figcaption>
    </figure>
  );
}
