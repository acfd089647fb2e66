// The care plan's value lists and their labels, for app/ code (which may not import db/) and for
// browser components. The lists live beside the database enums they mirror.
import type { GoalStatus, InterventionKind, InterventionStatus } from '@/db/schema/enum-values';

export { GOAL_STATUSES, INTERVENTION_KINDS, INTERVENTION_STATUSES, type GoalStatus, type InterventionKind, type InterventionStatus, type Specialty } from '@/db/schema/enum-values';

export const INTERVENTION_KIND_LABELS: Record<InterventionKind, string> = {
  medication: 'Prescription medication',
  topical: 'Topical treatment',
  procedure: 'Procedure',
  diet: 'Diet change',
  supplement: 'Supplement',
  probiotic: 'Probiotic',
  lifestyle: 'Lifestyle',
  referral: 'Referral or test to order',
};

export const INTERVENTION_STATUS_LABELS: Record<InterventionStatus, string> = {
  proposed: 'Proposed',
  active: 'Active',
  paused: 'Paused',
  completed: 'Completed',
  stopped: 'Stopped',
  declined: 'Declined',
};

export const GOAL_STATUS_LABELS: Record<GoalStatus, string> = {
  active: 'Active',
  met: 'Met',
  not_met: 'Not met',
  withdrawn: 'Withdrawn',
};

export const DIET_PHASES = ['elimination', 'reintroduction', 'other'] as const;
export type DietPhase = (typeof DIET_PHASES)[number];
export const DIET_PHASE_LABELS: Record<DietPhase, string> = {
  elimination: 'Elimination phase',
  reintroduction: 'Reintroduction phase',
  other: 'Other diet change',
};

/** Status changes a clinician can make after acceptance (accepting and declining are their own actions). */
export const STATUS_CHANGES = ['active', 'paused', 'completed', 'stopped'] as const;
export type StatusChange = (typeof STATUS_CHANGES)[number];

/** Which status changes are allowed from each status. Completed, stopped and declined are final. */
export const ALLOWED_STATUS_CHANGES: Record<InterventionStatus, readonly StatusChange[]> = {
  // A proposal can be withdrawn (stopped, with a reason) before the owner answers.
  proposed: ['stopped'],
  active: ['paused', 'completed', 'stopped'],
  paused: ['active', 'completed', 'stopped'],
  completed: [],
  stopped: [],
  declined: [],
};

/** Statuses of interventions that never ran: nothing to assess, chart or overlap with. */
export const NEVER_RAN_STATUSES: readonly InterventionStatus[] = ['proposed', 'declined'];

/** Statuses that make up the plan as it stands (the rest is history). */
export const CURRENT_STATUSES: readonly InterventionStatus[] = ['proposed', 'active', 'paused'];

/** The gut finding an intervention treats, when it treats one (drives test of cure and retests). */
export const GUT_TARGETS = ['h_pylori', 'sibo', 'imo'] as const;
export type GutTarget = (typeof GUT_TARGETS)[number];
export const GUT_TARGET_LABELS: Record<GutTarget, string> = {
  h_pylori: 'H. pylori (eradication therapy)',
  sibo: 'SIBO',
  imo: 'IMO (methane)',
};
