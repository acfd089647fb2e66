import { Link } from '@/lib/ui/link';
import type { ProtocolPhase } from '@/lib/clinical/reintroduction/schedule';
import type { PatientProtocols, ProtocolView } from '@/lib/reintroduction/queries';
import { EmptyState } from '@/lib/ui/app-shell';
import { formatDate, formatTimestamp, specialtyLabel } from '@/lib/ui/format';
import { ResponseList } from '@/lib/ui/outcomes/response-list';
import { ProtocolGrid, ProtocolScoreStrip, VERDICT_LABELS } from '@/lib/ui/reintroduction/protocol-grid';
import { ProtocolControls, StartProtocolPanel, VerdictForm } from './protocol-actions';

// The plan's elimination → reintroduction section: the running protocol (where it stands today, the grid,
// the skin score over the same dates, verdicts to confirm, reactions the patient reported), the start form
// when none runs, and past protocols.

const STATUS_BADGE: Record<ProtocolView['status'], string> = {
  proposed: 'Awaiting the supervisor',
  active: 'Running',
  finished: 'Finished',
  stopped: 'Stopped',
};

export function phaseInWords(phase: ProtocolPhase): string {
  switch (phase.phase) {
    case 'not_started':
      return 'Not started yet';
    case 'eliminating':
      return `Eliminating: day ${phase.day} of ${phase.of}`;
    case 'challenge':
      return `${phase.food} challenge: day ${phase.day} of ${phase.of} (${phase.portion})`;
    case 'washout':
      return `Washout after ${phase.food}: day ${phase.day} of ${phase.of}`;
    case 'finished':
      return 'Every challenge has been done';
  }
}

export function ProtocolSection({ patientId, protocols, actorUserId }: { patientId: string; protocols: PatientProtocols; actorUserId: string }) {
  const { current, past, form } = protocols;
  return (
    <div className="space-y-4">
      {current ? <ProtocolDetail patientId={patientId} protocol={current} /> : <EmptyState>No elimination protocol is running.</EmptyState>}
      {!current && (form.team.length > 0 ? <StartProtocolPanel patientId={patientId} options={form} actorUserId={actorUserId} /> : null)}
      {past.length > 0 && (
        // With none running, the latest one is open: its verdicts are what the team reads next.
        <details open={!current}>
          <summary className="cursor-pointer text-sm font-medium text-slate-700">Earlier protocols ({past.length})</summary>
          <div className="mt-3 space-y-4">
            {past.map((p) => (
              <ProtocolDetail key={p.id} patientId={patientId} protocol={p} />
            ))}
          </div>
        </details>
      )}
    </div>
  );
}

function ProtocolDetail({ patientId, protocol: p }: { patientId: string; protocol: ProtocolView }) {
  const running = p.status === 'active' || p.status === 'proposed';
  return (
    <article className="space-y-3" aria-labelledby={`protocol-${p.id}`} data-testid="protocol">
      <header className="space-y-1">
        <h3 id={`protocol-${p.id}`} className="font-semibold">
          {p.title}
          <span className="ml-2 rounded-full bg-slate-200 px-2 py-0.5 align-middle text-xs font-semibold text-slate-800">{STATUS_BADGE[p.status]}</span>
          {p.overrun && <span className="ml-2 rounded-full bg-red-100 px-2 py-0.5 align-middle text-xs font-semibold text-red-900">Past its end date</span>}
        </h3>
        <p className="text-sm text-slate-700">
          Supervised by {p.supervisor.name} ({specialtyLabel(p.supervisor.specialty)}) · started {formatDate(p.startDate)} · {p.eliminationWeeks} week{p.eliminationWeeks === 1 ? '' : 's'} of elimination, then one food at a time
          {p.schedule.challenges.length ? ` until ${formatDate(p.schedule.endsOn)}` : ''}.
        </p>
        <p className="text-sm text-slate-700">
          Why: {p.reason.label}
          {p.reason.result && (
            <>
              {' '}
              (
              <Link className="text-brand-700 underline" href={`/patients/${patientId}/results/${p.reason.result.id}`}>
                {p.reason.result.title}, {formatDate(p.reason.result.effectiveDate)}
              </Link>
              )
            </>
          )}
          {p.reason.text ? `: ${p.reason.text}` : ''}
        </p>
        {running && <p className="text-sm font-medium text-slate-900">Today: {phaseInWords(p.phaseToday)}</p>}
        {p.statusReason && <p className="text-sm text-slate-700">Stopped: {p.statusReason}</p>}
        {p.riskFactors.length > 0 && <p className="text-sm text-slate-700">Risk factors recorded: {p.riskFactors.join(', ')}.</p>}
      </header>

      <ProtocolGrid protocol={p} />
      <ProtocolScoreStrip protocol={p} />

      {p.challenges.some((c) => c.suggestion || c.confirmed || c.status === 'in_progress') && (
        <section aria-label="Verdicts" className="space-y-2">
          <h4 className="text-sm font-semibold">Verdicts</h4>
          <ul className="space-y-3">
            {p.challenges
              .filter((c) => c.suggestion || c.confirmed || c.status === 'in_progress')
              .map((c) => (
                <li key={c.challenge.food} className="text-sm">
                  <p className="font-medium">{c.challenge.food}</p>
                  {c.suggestion && (
                    <p className="text-slate-700">
                      Suggested from the diary: <strong>{VERDICT_LABELS[c.suggestion.verdict]}</strong> (a suggestion, not a diagnosis; thresholds are clinic settings). {c.suggestion.reasons.join(' ')}{' '}
                      <span className="text-xs">[{c.suggestion.source}]</span>
                    </p>
                  )}
                  {c.confirmed ? (
                    <p className="text-slate-700">
                      Confirmed <strong>{VERDICT_LABELS[c.confirmed.verdict]}</strong> by {c.confirmed.confirmedByName}, {formatTimestamp(c.confirmed.confirmedAt)}
                      {c.confirmed.reason ? `: ${c.confirmed.reason}` : ''}
                      {c.confirmed.reviewDate ? ` · review ${formatDate(c.confirmed.reviewDate)}` : ''}.
                    </p>
                  ) : p.status === 'active' && c.canConfirm.other ? (
                    <VerdictForm patientId={patientId} protocolId={p.id} version={p.version} food={c.challenge.food} suggested={c.suggestion?.verdict ?? null} canConfirmOther today={p.today} />
                  ) : p.status === 'active' && c.canConfirm.reacted ? (
                    <>
                      <p className="text-slate-700">In progress: the diary is read until {formatDate(c.windowEnds)} (the challenge days and the 48 hours after).</p>
                      <details open={c.suggestion?.verdict === 'reacted'}>
                        <summary className="cursor-pointer text-sm font-medium text-slate-700">Confirm a clear reaction now (ends this challenge)</summary>
                        <VerdictForm patientId={patientId} protocolId={p.id} version={p.version} food={c.challenge.food} suggested={c.suggestion?.verdict ?? null} canConfirmOther={false} today={p.today} />
                      </details>
                    </>
                  ) : null}
                </li>
              ))}
          </ul>
        </section>
      )}

      {p.reactions.length > 0 && (
        <section aria-label="Reactions the patient reported">
          <h4 className="text-sm font-semibold">Reactions the patient reported</h4>
          <ul className="mt-1 space-y-1 text-sm">
            {p.reactions.map((r) => (
              <li key={r.id}>
                {formatDate(r.occurredOn)}
                {r.occurredTime ? ` ${r.occurredTime}` : ''}: {r.symptom} ({r.severity}
                {r.gutOnly ? ', gut only' : ''}){r.notes ? ` — ${r.notes}` : ''} <span className="text-xs text-slate-600">patient-reported</span>
              </li>
            ))}
          </ul>
        </section>
      )}

      {p.responses.length > 0 && (
        <section aria-label="Response to the protocol as a whole">
          <h4 className="text-sm font-semibold">Skin response to the protocol as a whole</h4>
          <ResponseList responses={p.responses} />
        </section>
      )}

      {p.tasks.length > 0 && (
        <section aria-label="Tasks this protocol raised">
          <h4 className="text-sm font-semibold">Tasks this protocol raised</h4>
          <ul className="mt-1 list-disc space-y-1 pl-5 text-sm">
            {p.tasks.map((t) => (
              <li key={t.description} className={t.done ? 'text-slate-500 line-through' : ''}>
                {t.description}
              </li>
            ))}
          </ul>
        </section>
      )}

      <ProtocolControls
        patientId={patientId}
        protocolId={p.id}
        version={p.version}
        canAccept={p.canAccept}
        running={running}
        startDate={p.startDate}
        eliminationWeeks={p.eliminationWeeks}
        challenges={p.plannedChallenges.map((c, i) => ({ ...c, status: p.challenges[i]?.status ?? 'upcoming' }))}
      />
    </article>
  );
}
