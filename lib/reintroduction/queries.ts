import 'server-only';
import { and, desc, eq, inArray } from 'drizzle-orm';
import { getDb, type Executor } from '@/db/client';
import { clinicianTasks, eliminationProtocols, results, users } from '@/db/schema';
import type { Specialty } from '@/db/schema/enum-values';
import { activeTeamClinicians } from '@/lib/care-plans/records';
import { atHomeRefusalFor, challengeSafetyFacts } from '@/lib/care-plans/reintroduction-safety';
import type { InterventionResponse } from '@/lib/clinical/outcomes/response';
import { addDays } from '@/lib/clinical/dates';
import { INSTRUMENTS, type InstrumentId } from '@/lib/clinical/scores/instruments';
import { FOOD_GROUPS } from '@/lib/clinical/reintroduction/foods';
import { challengeProgress, type ChallengeProgress, type ConfirmedVerdict } from '@/lib/clinical/reintroduction/progress';
import { CHALLENGE_RISK_FACTOR_LABELS, CHALLENGE_RISK_FACTORS, type ChallengeRiskFactor } from '@/lib/clinical/reintroduction/safety';
import { phaseOn, protocolSchedule, REINTRODUCTION_DEFAULTS, type ProtocolPhase, type ProtocolSchedule } from '@/lib/clinical/reintroduction/schedule';
import { FOOD_PANEL_METHODS } from '@/lib/clinical/food-panels/options';
import { responsesByIntervention } from '@/lib/outcomes/responses';
import { loadScoreSeries } from '@/lib/results/queries';
import { authorizePatientAccess } from '@/lib/platform/access/guard';
import type { Actor } from '@/lib/platform/auth/actor-types';
import { clinicToday } from '@/lib/platform/clinic-time';
import { protocolDiaryAndReactions, type ReactionRow } from './diary';
import { protocolTitle, type ProtocolRow } from './protocols';
import { PROTOCOL_REASON_LABELS } from './schema';

// Reads of elimination → reintroduction protocols: for the care team (the plan page, the timeline, the
// record) and for the patient (the portal's "Today" card). Each read checks access and is audited.

export interface ProtocolView {
  id: string;
  title: string;
  version: number;
  status: ProtocolRow['status'];
  statusReason: string | null;
  foods: string[];
  reason: { kind: ProtocolRow['reasonKind']; label: string; text: string | null; result: { id: string; title: string; effectiveDate: string } | null };
  startDate: string;
  eliminationWeeks: number;
  schedule: ProtocolSchedule;
  /** The challenges as the clinician set them (what the order editor edits). */
  plannedChallenges: { food: string; portions: string[]; washoutDays: number }[];
  today: string;
  phaseToday: ProtocolPhase;
  supervisor: { id: string; name: string; specialty: Specialty | null };
  riskFactors: string[];
  supervisedOnly: { food: string; reasons: string[] }[];
  challenges: ChallengeProgress[];
  reactions: ReactionRow[];
  /** Running past its last scheduled day without every verdict confirmed (the caseload flag). */
  overrun: boolean;
  canAccept: boolean;
  tasks: { description: string; done: boolean }[];
  /** The protocol as a whole, judged like any intervention (lib/clinical/outcomes/response.ts). */
  responses: InterventionResponse[];
  /** The skin score drawn over the protocol's dates: the instrument with the most scores in them. */
  scoreStrip: ScoreStrip | null;
}

export interface ScoreStrip {
  instrument: string;
  label: string;
  from: string;
  to: string;
  points: { effectiveDate: string; value: number }[];
}

/** Two weeks before the elimination to two weeks after the last day: the dates the grid and the strip share. */
function stripRange(schedule: ProtocolSchedule): { from: string; to: string } {
  return { from: addDays(schedule.eliminationFrom, -14), to: addDays(schedule.endsOn, 14) };
}

function scoreStripFor(schedule: ProtocolSchedule, series: Record<string, readonly { effectiveDate: string; value: number }[]>): ScoreStrip | null {
  const { from, to } = stripRange(schedule);
  let best: ScoreStrip | null = null;
  for (const [instrument, points] of Object.entries(series)) {
    if (!(instrument in INSTRUMENTS)) continue;
    const inRange = points.filter((p) => p.effectiveDate >= from && p.effectiveDate <= to).map((p) => ({ effectiveDate: p.effectiveDate, value: p.value }));
    if (inRange.length > (best?.points.length ?? 0)) best = { instrument, label: INSTRUMENTS[instrument as InstrumentId].label, from, to, points: inRange };
  }
  return best;
}

export interface ProtocolFormOptions {
  team: { userId: string; name: string; specialty: Specialty | null }[];
  foodPanels: { id: string; label: string; igg: boolean }[];
  /** Foods Axis already knows cannot come back at home, with the reason (the form warns before saving). */
  refusedAtHome: { food: string; message: string }[];
  /** Groups the form offers, with their labels. */
  foodGroups: { id: string; label: string }[];
  riskFactors: { id: ChallengeRiskFactor; label: string }[];
  defaults: typeof REINTRODUCTION_DEFAULTS;
  today: string;
  ageYears: number;
}

export interface PatientProtocols {
  current: ProtocolView | null;
  past: ProtocolView[];
  form: ProtocolFormOptions;
}

/**
 * The views of these protocols. `forPatient`: the portal's view, which carries only what the team shared, so
 * the team's tasks and the patient's scores (shared or not) are not even read.
 */
async function buildViews(db: Executor, actor: Actor, patientId: string, rows: ProtocolRow[], today: string, forPatient = false): Promise<ProtocolView[]> {
  if (rows.length === 0) return [];
  const userIds = [...new Set(rows.flatMap((r) => [r.supervisorId, ...Object.values(r.verdicts).map((v) => v.confirmedBy)]))];
  const resultIds = rows.map((r) => r.reasonResultId).filter((id): id is string => Boolean(id));
  const [people, reasonResults, tasks, scoreSeries, detail] = await Promise.all([
    db.select({ id: users.id, name: users.name, specialty: users.specialty }).from(users).where(inArray(users.id, userIds)),
    resultIds.length ? db.select({ id: results.id, title: results.title, effectiveDate: results.effectiveDate }).from(results).where(inArray(results.id, resultIds)) : Promise.resolve([]),
    forPatient
      ? Promise.resolve([])
      : db
          .select({ protocolId: clinicianTasks.protocolId, description: clinicianTasks.description, doneAt: clinicianTasks.doneAt })
          .from(clinicianTasks)
          .where(and(eq(clinicianTasks.patientId, patientId), inArray(clinicianTasks.protocolId, rows.map((r) => r.id)))),
    forPatient ? Promise.resolve({}) : loadScoreSeries(db, patientId),
    Promise.all(rows.map((r) => protocolDiaryAndReactions(db, patientId, r.id, protocolSchedule(r)))),
  ]);
  const person = new Map(people.map((p) => [p.id, p]));
  // With no scores read (the patient's view), every response is empty: not computed.
  const responses = forPatient
    ? new Map<string, InterventionResponse[]>()
    : responsesByIntervention(
        rows.map((r) => ({
          id: r.id,
          title: protocolTitle(r.foods),
          status: r.status === 'active' ? 'active' : r.status === 'proposed' ? 'proposed' : r.status === 'stopped' ? 'stopped' : 'completed',
          startDate: r.status === 'proposed' ? null : r.startDate,
          endDate: r.endsOn,
          responseWeeks: null,
        })),
        scoreSeries,
        { today },
      );
  return rows.map((r, i) => {
    const schedule = protocolSchedule(r);
    // A clinician's reason for overriding a suggestion is the team's, not shown to the patient.
    const verdicts: Record<string, ConfirmedVerdict> = Object.fromEntries(
      Object.entries(r.verdicts).map(([food, v]) => [
        food,
        { verdict: v.verdict, suggested: v.suggested, reason: forPatient ? null : v.reason, reviewDate: v.reviewDate, confirmedAt: v.confirmedAt, confirmedByName: person.get(v.confirmedBy)?.name ?? 'A clinician' },
      ]),
    );
    const { diary, reactions, reactionRows } = detail[i] ?? { diary: [], reactions: [], reactionRows: [] };
    const reasonResult = reasonResults.find((x) => x.id === r.reasonResultId) ?? null;
    const supervisor = person.get(r.supervisorId);
    return {
      id: r.id,
      title: protocolTitle(r.foods),
      version: r.version,
      status: r.status,
      statusReason: r.statusReason,
      foods: r.foods,
      reason: { kind: r.reasonKind, label: PROTOCOL_REASON_LABELS[r.reasonKind], text: r.reasonText, result: reasonResult },
      startDate: r.startDate,
      eliminationWeeks: r.eliminationWeeks,
      schedule,
      plannedChallenges: r.challenges,
      today,
      phaseToday: phaseOn(schedule, today),
      supervisor: { id: r.supervisorId, name: supervisor?.name ?? 'Unknown', specialty: supervisor?.specialty ?? null },
      riskFactors: forPatient ? [] : r.riskFactors.map((f) => CHALLENGE_RISK_FACTOR_LABELS[f as ChallengeRiskFactor] ?? f),
      supervisedOnly: r.supervisedOnly,
      challenges: challengeProgress({ schedule, verdicts, diary, reactions, today }),
      reactions: reactionRows,
      overrun: r.status === 'active' && r.endsOn < today,
      canAccept: !forPatient && r.status === 'proposed' && r.supervisorId === actor.userId,
      tasks: tasks.filter((t) => t.protocolId === r.id).map((t) => ({ description: t.description, done: t.doneAt !== null })),
      responses: responses.get(r.id) ?? [],
      scoreStrip: forPatient ? null : scoreStripFor(schedule, scoreSeries),
    };
  });
}

/** The patient's protocols for the care team: the running one, the past ones, and what the start form needs. */
export async function getPatientProtocols(actor: Actor, patientId: string): Promise<PatientProtocols> {
  const db = getDb();
  await authorizePatientAccess(db, actor, patientId, 'team-read', { action: 'reintroduction.read' });
  const today = clinicToday();
  const [rows, team, panels, facts] = await Promise.all([
    db.select().from(eliminationProtocols).where(eq(eliminationProtocols.patientId, patientId)).orderBy(desc(eliminationProtocols.createdAt)),
    activeTeamClinicians(db, patientId),
    db
      .select({ id: results.id, title: results.title, effectiveDate: results.effectiveDate, interpretation: results.interpretation })
      .from(results)
      .where(and(eq(results.patientId, patientId), eq(results.kind, 'food_panel'), eq(results.isCurrent, true)))
      .orderBy(desc(results.effectiveDate)),
    challengeSafetyFacts(db, patientId),
  ]);
  const views = await buildViews(db, actor, patientId, rows, today);
  const current = views.find((v) => v.status === 'proposed' || v.status === 'active') ?? null;
  const candidates = [...FOOD_GROUPS.map((g) => g.label), ...(facts?.flags.map((f) => f.food) ?? [])];
  const refusedAtHome = facts
    ? candidates.flatMap((food) => {
        const refusal = atHomeRefusalFor(facts, food);
        return refusal ? [{ food, message: refusal.message }] : [];
      })
    : [];
  return {
    current,
    past: views.filter((v) => v !== current),
    form: {
      team,
      foodPanels: panels.map((p) => {
        const method = typeof p.interpretation.method === 'string' ? p.interpretation.method : '';
        const methodLabel = FOOD_PANEL_METHODS[method as keyof typeof FOOD_PANEL_METHODS] ?? 'Food panel';
        return { id: p.id, label: `${p.title} · ${methodLabel} · ${p.effectiveDate}`, igg: method === 'igg' || method === 'igg4' };
      }),
      refusedAtHome,
      foodGroups: FOOD_GROUPS.map((g) => ({ id: g.id, label: g.label })),
      riskFactors: CHALLENGE_RISK_FACTORS.map((id) => ({ id, label: CHALLENGE_RISK_FACTOR_LABELS[id] })),
      defaults: REINTRODUCTION_DEFAULTS,
      today,
      ageYears: facts?.ageYears ?? 0,
    },
  };
}

/**
 * The protocol a patient sees in the portal: the running one (not a proposal their team has not agreed),
 * or the one that finished or stopped most recently within 60 days, so its verdicts stay readable.
 */
export async function getMyProtocol(actor: Actor): Promise<ProtocolView | null> {
  const db = getDb();
  const patientId = actor.patientId ?? '';
  await authorizePatientAccess(db, actor, patientId, 'clinical-read', { action: 'reintroduction.read' });
  const today = clinicToday();
  const rows = await db.select().from(eliminationProtocols).where(eq(eliminationProtocols.patientId, patientId)).orderBy(desc(eliminationProtocols.createdAt)).limit(5);
  const shown = rows.find((r) => r.status === 'active') ?? rows.find((r) => (r.status === 'finished' || r.status === 'stopped') && r.updatedAt.getTime() > Date.now() - 60 * 86_400_000);
  if (!shown) return null;
  // The patient sees only what their team shared: no scores (the strip, the response), no team tasks,
  // risk-factor notes or reasons a clinician gave for overriding a suggestion (buildViews' forPatient).
  const [view] = await buildViews(db, actor, patientId, [shown], today, true);
  return view ?? null;
}

/** The running protocol's schedule for tagging diary days (the diary pages), or null. No check: callers made theirs. */
export async function runningScheduleFor(executor: Executor, patientId: string): Promise<ProtocolSchedule | null> {
  const [row] = await executor
    .select()
    .from(eliminationProtocols)
    .where(and(eq(eliminationProtocols.patientId, patientId), inArray(eliminationProtocols.status, ['active', 'finished'])))
    .orderBy(desc(eliminationProtocols.createdAt))
    .limit(1);
  return row ? protocolSchedule(row) : null;
}
