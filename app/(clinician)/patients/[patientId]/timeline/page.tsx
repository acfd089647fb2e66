import type { Metadata } from 'next';
import { Link } from '@/lib/ui/link';
import { requireActor } from '@/lib/platform/auth/session';
import { getPatientHeading } from '@/lib/patients/queries';
import { INSTRUMENT_IDS, INSTRUMENTS, type InstrumentDomain } from '@/lib/clinical/scores/instruments';
import { parseTimelineFilter, serializeTimelineFilter } from '@/lib/timeline/filter';
import { getOutcomeOverlay, getPatientTimeline } from '@/lib/timeline/queries';
import { Card } from '@/lib/ui/app-shell';
import { InterventionOverlayChart, type OverlaySeries } from '@/lib/ui/charts/intervention-overlay-chart';
import { formatDate } from '@/lib/ui/format';
import { secondaryButtonClass } from '@/lib/ui/form-controls';
import { TimelineFilters } from './timeline-filters';
import { TimelineList } from './timeline-list';
import { orNotFound } from '@/lib/ui/or-not-found';
import { getPatientProtocols } from '@/lib/reintroduction/queries';
import { ProtocolGrid, ProtocolScoreStrip } from '@/lib/ui/reintroduction/protocol-grid';
import { responseSettings } from '@/lib/outcomes/responses';
import { clinicToday } from '@/lib/platform/clinic-time';
import { listPhotos } from '@/lib/photos/queries';
import { PhotoStrips } from '@/lib/ui/photos/photo-strips';

export const metadata: Metadata = { title: 'Timeline' };

const DOMAIN_GROUP: Record<InstrumentDomain, string> = { skin: 'Skin', quality_of_life: 'Quality of life', gut: 'Gut' };

/** EASI when recorded, else the skin score with most points, else whichever score has most. */
function defaultInstrument(series: OverlaySeries[]): string {
  if (series.some((s) => s.id === 'easi')) return 'easi';
  const byPoints = [...series].sort((a, b) => b.points.length - a.points.length);
  return (byPoints.find((s) => s.group === DOMAIN_GROUP.skin) ?? byPoints[0])?.id ?? 'easi';
}

export default async function TimelinePage({
  params,
  searchParams,
}: {
  params: Promise<{ patientId: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { patientId } = await params;
  const actor = await requireActor(['clinician']);
  const { filter, ignored } = parseTimelineFilter(await searchParams);
  const heading = await orNotFound(getPatientHeading(actor, patientId));
  const timeline = await orNotFound(getPatientTimeline(actor, patientId, filter));
  const overlay = await orNotFound(getOutcomeOverlay(actor, patientId));
  const protocols = await orNotFound(getPatientProtocols(actor, patientId));
  const photos = await orNotFound(listPhotos(actor, patientId));
  const allProtocols = [...(protocols.current ? [protocols.current] : []), ...protocols.past];

  const series: OverlaySeries[] = INSTRUMENT_IDS.filter((id) => (overlay.instruments[id]?.length ?? 0) > 0).map((id) => {
    const instrument = INSTRUMENTS[id];
    return {
      id,
      label: instrument.label,
      fullName: instrument.fullName,
      group: DOMAIN_GROUP[instrument.domain],
      min: instrument.min,
      max: instrument.max,
      bands: instrument.bands.map((b) => ({ from: b.from, to: b.to, label: b.label, severity: b.severity })),
      points: (overlay.instruments[id] ?? []).map((p) => ({ effectiveDate: p.effectiveDate, value: p.value })),
    };
  });
  const filterKey = serializeTimelineFilter(filter);
  const base = `/patients/${patientId}/timeline`;
  const newestFilter = serializeTimelineFilter({ ...filter, until: undefined });

  return (
    <div className="space-y-6">
      <nav aria-label="Breadcrumb" className="text-sm">
        <Link href={`/patients/${patientId}`} className="text-brand-700 hover:underline">
          ← Back to the patient record
        </Link>
      </nav>
      <header>
        <h1 className="text-2xl font-semibold tracking-tight">
          Timeline: {heading.familyName}, {heading.givenName}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          MRN <span className="font-medium text-slate-800">{heading.mrn}</span> · results, scores, care-plan changes and notes from the whole care team
        </p>
      </header>

      <Card title="Outcomes" id="outcomes">
        <InterventionOverlayChart
          series={series}
          interventions={overlay.interventions.map((i) => ({ id: i.id, title: i.title, ownerSpecialty: i.ownerSpecialty, status: i.status, startDate: i.startDate, endDate: i.endDate, responseWeeks: i.responseWeeks }))}
          today={clinicToday()}
          initialInstrument={defaultInstrument(series)}
          responseSettings={responseSettings()}
        />
        <p className="mt-2 text-xs text-slate-500">
          Boxes: interventions from start to end (dashed and open-ended while ongoing), coloured by the owning specialty. Proposed and declined ones are not drawn. A label marks the follow-up score each response was judged on; overlapping
          interventions are named in the table, since a change cannot be put down to one of them.
        </p>
      </Card>

      {allProtocols.length > 0 && (
        <Card title="Elimination and reintroduction" id="reintroduction">
          <div className="space-y-6">
            {allProtocols.map((p) => (
              <section key={p.id} aria-label={p.title} className="space-y-2">
                <h3 className="font-semibold">
                  {p.title} <span className="text-sm font-normal text-slate-600">· {formatDate(p.startDate)} – {formatDate(p.schedule.endsOn)}</span>
                </h3>
                <ProtocolGrid protocol={p} />
                <ProtocolScoreStrip protocol={p} />
              </section>
            ))}
            <Link href={`/patients/${patientId}/plan#reintroduction`} className="text-sm text-brand-700 hover:underline">
              Open on the care plan
            </Link>
          </div>
        </Card>
      )}

      {photos.length > 0 && (
        <Card title="Photos" id="photos">
          <PhotoStrips patientId={patientId} photos={photos} />
          <Link href={`/patients/${patientId}/photos`} className="mt-2 inline-block text-sm text-brand-700 hover:underline">
            Compare photos
          </Link>
        </Card>
      )}

      <Card title="Timeline" id="timeline">
        <div className="space-y-5">
          <TimelineFilters key={filterKey} filter={filter} />
          {ignored.length > 0 && (
            <p role="status" className="rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-900">
              Ignored in the link: {ignored.join(', ')}.
            </p>
          )}
          {filter.until && (
            <p className="text-sm text-slate-600">
              Showing entries on or before {formatDate(filter.until)}.{' '}
              <Link href={newestFilter ? `${base}?${newestFilter}` : base} className="text-brand-700 hover:underline">
                Back to the newest
              </Link>
            </p>
          )}
          <TimelineList entries={timeline.entries} />
          {timeline.olderUntil && (
            <div className="text-center">
              <Link href={`${base}?${serializeTimelineFilter({ ...filter, until: timeline.olderUntil })}`} className={secondaryButtonClass} scroll={false}>
                Load older entries
              </Link>
            </div>
          )}
        </div>
      </Card>
    </div>
  );
}
