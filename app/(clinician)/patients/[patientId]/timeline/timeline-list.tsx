import { Link } from '@/lib/ui/link';
import type { TimelineKind } from '@/lib/timeline/kinds';
import type { TimelineEntry } from '@/lib/timeline/queries';
import { EmptyState } from '@/lib/ui/app-shell';
import { formatDate, specialtyLabel } from '@/lib/ui/format';
import { FlagBadge, PatientReportedBadge } from '@/lib/ui/results/result-badges';

const KIND_STYLE: Record<TimelineKind, { label: string; className: string; icon: React.ReactNode }> = {
  result: {
    label: 'Result',
    className: 'bg-sky-50 text-sky-800 ring-sky-200',
    // A flask.
    icon: <path d="M6 1.5h4M7 1.5v4L3 13a1 1 0 0 0 .9 1.5h8.2A1 1 0 0 0 13 13L9 5.5v-4" />,
  },
  score: {
    label: 'Score',
    className: 'bg-teal-50 text-teal-800 ring-teal-200',
    // A trend line.
    icon: <path d="M1.5 12.5l4-4 3 3 6-7M10.5 4.5h4v4" />,
  },
  plan: {
    label: 'Plan',
    className: 'bg-violet-50 text-violet-800 ring-violet-200',
    // A clipboard with a tick.
    icon: <path d="M5 2.5H3.5v12h9v-12H11M5.5 1.5h5v2h-5zM5.5 9l2 2 3.5-4" />,
  },
  note: {
    label: 'Note',
    className: 'bg-amber-50 text-amber-900 ring-amber-200',
    // A pencil.
    icon: <path d="M11 2l3 3-8.5 8.5H2.5v-3zM9.5 3.5l3 3" />,
  },
  diary: {
    label: 'Diary',
    className: 'bg-violet-50 text-violet-900 ring-violet-200',
    // A person.
    icon: <path d="M8 7.5a2.5 2.5 0 1 0 0-5 2.5 2.5 0 0 0 0 5zM3 14.5c0-2.8 2.2-5 5-5s5 2.2 5 5" />,
  },
};

const NOTE_STATUS: Record<'draft' | 'signed' | 'amended', { label: string; className: string }> = {
  signed: { label: 'Signed', className: 'bg-emerald-50 text-emerald-800 ring-emerald-200' },
  draft: { label: 'Draft', className: 'bg-slate-100 text-slate-700 ring-slate-200' },
  amended: { label: 'Amended', className: 'bg-amber-50 text-amber-900 ring-amber-200' },
};

const monthFormat = new Intl.DateTimeFormat('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });

function KindBadge({ kind }: { kind: TimelineKind }) {
  const style = KIND_STYLE[kind];
  return (
    <span className={`inline-flex items-center gap-1 rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${style.className}`}>
      <svg aria-hidden viewBox="0 0 16 16" className="h-3 w-3" fill="none" stroke="currentColor" strokeWidth="1.5" strokeLinecap="round" strokeLinejoin="round">
        {style.icon}
      </svg>
      {style.label}
    </span>
  );
}

/** The entries grouped by month (newest first), each with its kind, date, author and a link to read more. */
export function TimelineList({ entries }: { entries: TimelineEntry[] }) {
  if (entries.length === 0) return <EmptyState>Nothing on the timeline matches this filter.</EmptyState>;
  const months: { key: string; entries: TimelineEntry[] }[] = [];
  for (const e of entries) {
    const key = e.date.slice(0, 7);
    const last = months.at(-1);
    if (last && last.key === key) last.entries.push(e);
    else months.push({ key, entries: [e] });
  }
  return (
    <div className="space-y-6">
      {months.map((m) => {
        const headingId = `month-${m.key}`;
        return (
          <section key={m.key} aria-labelledby={headingId}>
            <h3 id={headingId} className="sticky top-0 z-10 mb-2 border-b border-slate-100 bg-white/95 py-1 text-sm font-semibold text-slate-700">
              {monthFormat.format(new Date(`${m.key}-01T00:00:00Z`))}
            </h3>
            <ol className="space-y-3 border-l-2 border-slate-100 pl-4">
              {m.entries.map((e) => (
                <li key={e.id} data-testid="timeline-entry" data-kind={e.kind} className="relative">
                  <span aria-hidden className="absolute -left-[1.4rem] top-1.5 h-2.5 w-2.5 rounded-full border-2 border-white bg-slate-300" />
                  <div className="flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-slate-500">
                    <time dateTime={e.date} className="font-medium text-slate-600">
                      {formatDate(e.date)}
                    </time>
                    <KindBadge kind={e.kind} />
                    {(e.kind === 'result' || e.kind === 'score') && <FlagBadge flag={e.flag} />}
                    {e.kind === 'note' && (
                      <span className={`inline-flex items-center rounded-full px-2 py-0.5 text-xs font-semibold ring-1 ${NOTE_STATUS[e.noteStatus].className}`}>{NOTE_STATUS[e.noteStatus].label}</span>
                    )}
                    {e.kind === 'diary' && <PatientReportedBadge />}
                    {(e.kind === 'result' || e.kind === 'score') && e.version > 1 && <span>corrected (v{e.version})</span>}
                  </div>
                  <p className="mt-0.5 text-sm font-medium text-slate-900">
                    {e.href && (e.kind === 'result' || e.kind === 'score') ? (
                      <Link href={e.href} className="text-brand-700 hover:underline">
                        {e.title}
                      </Link>
                    ) : (
                      e.title
                    )}
                  </p>
                  {e.summary && <p className="text-sm text-slate-700">{e.summary}</p>}
                  <p className="text-xs text-slate-500">
                    {e.kind === 'result' || e.kind === 'score' ? e.provenance : e.authorName}
                    {e.authorSpecialty && <> · {specialtyLabel(e.authorSpecialty)}</>}
                  </p>
                </li>
              ))}
            </ol>
          </section>
        );
      })}
    </div>
  );
}
