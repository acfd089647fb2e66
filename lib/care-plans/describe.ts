// Plain-language descriptions of plan entries and of what changed between two versions. Pure and
// browser-safe: the plan page, the history and the conflict message all use the same wording.
import { DIET_PHASE_LABELS, GOAL_STATUS_LABELS, GUT_TARGET_LABELS, INTERVENTION_STATUS_LABELS, type DietPhase, type GoalStatus, type GutTarget, type InterventionStatus } from './kinds';

export interface FieldChange {
  field: string;
  label: string;
  from: string;
  to: string;
}

const str = (v: unknown): string => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '');

function formatCfu(v: unknown): string {
  const n = typeof v === 'number' ? v : Number(v);
  if (!Number.isFinite(n) || n <= 0) return '';
  if (n >= 1e9) return `${+(n / 1e9).toPrecision(3)} billion CFU/day`;
  if (n >= 1e6) return `${+(n / 1e6).toPrecision(3)} million CFU/day`;
  return `${n} CFU/day`;
}

/** One line saying what an intervention is, from its kind-specific details. */
export function summarizeDetails(kind: string, details: Record<string, unknown> | null | undefined): string {
  const d = details ?? {};
  const join = (...parts: string[]) => parts.filter(Boolean).join(', ');
  switch (kind) {
    case 'diet': {
      const phase = str(d.phase);
      const foods = Array.isArray(d.foods) ? d.foods.map(str).filter(Boolean) : [];
      const label = phase in DIET_PHASE_LABELS ? DIET_PHASE_LABELS[phase as DietPhase] : 'Diet change';
      const reintro = str(d.reintroductionDate);
      return `${label}${foods.length ? `: ${foods.join(', ')}` : ''}${reintro ? `; reintroduction planned ${reintro}` : phase === 'elimination' ? '; no reintroduction date' : ''}`;
    }
    case 'probiotic': {
      const organism = [str(d.genus), str(d.species), str(d.strain)].filter(Boolean).join(' ');
      return join(organism || 'Strain not named', str(d.product), formatCfu(d.doseCfu), str(d.dose), str(d.frequency));
    }
    case 'supplement':
      return join(str(d.name), str(d.dose), str(d.frequency));
    case 'medication':
    case 'topical':
      return join(str(d.drug), str(d.dose), str(d.frequency));
    default:
      return str(d.description);
  }
}

export interface PlannedUntil {
  date: string;
  /** 'end': the item's end date; 'reintroduction': an elimination diet's planned reintroduction. */
  basis: 'end' | 'reintroduction';
}

/**
 * Until when an item runs, as a patient needs to hear it: the end date, else for a diet the planned
 * reintroduction date (an elimination is temporary by design: DOMAIN.md §10), else null (ongoing).
 */
export function plannedUntil(kind: string, endDate: string | null, details: Record<string, unknown> | null | undefined): PlannedUntil | null {
  if (endDate) return { date: endDate, basis: 'end' };
  const reintro = kind === 'diet' ? str(details?.reintroductionDate) : '';
  return /^\d{4}-\d{2}-\d{2}$/.test(reintro) ? { date: reintro, basis: 'reintroduction' } : null;
}

function statusText(entityType: string, v: unknown): string {
  const s = str(v);
  if (entityType === 'goal') return s in GOAL_STATUS_LABELS ? GOAL_STATUS_LABELS[s as GoalStatus] : s;
  return s in INTERVENTION_STATUS_LABELS ? INTERVENTION_STATUS_LABELS[s as InterventionStatus] : s;
}

const INTERVENTION_FIELDS: { field: string; label: string }[] = [
  { field: 'title', label: 'Title' },
  { field: 'details', label: 'Details' },
  { field: 'status', label: 'Status' },
  { field: 'statusReason', label: 'Reason' },
  { field: 'ownerUserId', label: 'Owner' },
  { field: 'startDate', label: 'Start' },
  { field: 'endDate', label: 'End' },
  { field: 'goalId', label: 'Goal' },
  { field: 'gutTarget', label: 'Treats' },
  { field: 'responseWeeks', label: 'Response judged at (weeks)' },
  { field: 'ppiLastDoseDate', label: 'Last PPI dose' },
  { field: 'retestDate', label: 'Breath retest' },
];
const GOAL_FIELDS: { field: string; label: string }[] = [
  { field: 'description', label: 'Goal' },
  { field: 'targetInstrument', label: 'Target score' },
  { field: 'targetValue', label: 'Target value' },
  { field: 'targetDate', label: 'Target date' },
  { field: 'status', label: 'Status' },
];

/**
 * What differs between two snapshots of a goal or an intervention, field by field, in words.
 * `names` turns user and goal ids into names; `before` null means the entry was just created.
 */
export function describeChanges(entityType: 'goal' | 'intervention', before: Record<string, unknown> | null, after: Record<string, unknown>, names: Record<string, string> = {}): FieldChange[] {
  const fields = entityType === 'goal' ? GOAL_FIELDS : INTERVENTION_FIELDS;
  const show = (field: string, value: unknown, snapshot: Record<string, unknown>): string => {
    if (value === null || value === undefined || value === '') return '—';
    if (field === 'details') return summarizeDetails(str(snapshot.kind), value as Record<string, unknown>) || '—';
    if (field === 'status') return statusText(entityType, value);
    if (field === 'ownerUserId' || field === 'goalId') return names[str(value)] ?? 'someone else';
    if (field === 'gutTarget') return GUT_TARGET_LABELS[value as GutTarget] ?? str(value);
    return str(value) || JSON.stringify(value);
  };
  if (!before) return [];
  const out: FieldChange[] = [];
  for (const { field, label } of fields) {
    const a = before[field];
    const b = after[field];
    if (JSON.stringify(a ?? null) === JSON.stringify(b ?? null)) continue;
    out.push({ field, label, from: show(field, a, before), to: show(field, b, after) });
  }
  return out;
}

const CHANGE_LABELS: Record<string, string> = {
  propose: 'Proposed',
  accept: 'Accepted',
  decline: 'Declined',
  update: 'Edited',
  create: 'Added',
  'status:active': 'Resumed',
  'status:paused': 'Paused',
  'status:completed': 'Completed',
  'status:stopped': 'Stopped',
  // Elimination protocols (lib/reintroduction/protocols.ts).
  'challenges:update': 'Challenges changed',
  verdict: 'Verdict confirmed',
};

export function changeLabel(change: string): string {
  return CHANGE_LABELS[change] ?? change;
}
