// Plain value lists behind the database enums, importable by browser code without pulling in drizzle.
export const USER_ROLES = ['clinician', 'patient', 'admin'] as const;
export const SPECIALTIES = ['dermatology', 'nutrition', 'gastroenterology', 'other'] as const;
// FHIR AdministrativeGender, so exports need no mapping.
export const ADMINISTRATIVE_SEXES = ['female', 'male', 'other', 'unknown'] as const;
// FHIR condition-clinical value set.
export const CONDITION_CLINICAL_STATUSES = ['active', 'recurrence', 'relapse', 'inactive', 'remission', 'resolved'] as const;
export const CARE_TEAM_ROLES = ['lead', 'member'] as const;
export const AUDIT_OUTCOMES = ['allowed', 'denied'] as const;

export type UserRole = (typeof USER_ROLES)[number];
export type Specialty = (typeof SPECIALTIES)[number];
export type AdministrativeSex = (typeof ADMINISTRATIVE_SEXES)[number];
export type ConditionClinicalStatus = (typeof CONDITION_CLINICAL_STATUSES)[number];
export type CareTeamRole = (typeof CARE_TEAM_ROLES)[number];
export const RESULT_KINDS = ['breath_test', 'h_pylori', 'food_panel', 'score', 'stool_test'] as const;
export type ResultKind = (typeof RESULT_KINDS)[number];
// How a result reads at a glance: drives badges and "abnormal first" ordering.
export const RESULT_FLAGS = ['abnormal', 'normal', 'indeterminate', 'info'] as const;
export type ResultFlag = (typeof RESULT_FLAGS)[number];

// Joint care plan (FHIR CarePlan.activity maps these onto its own codes on export).
export const INTERVENTION_KINDS = ['medication', 'topical', 'procedure', 'diet', 'supplement', 'probiotic', 'lifestyle', 'referral'] as const;
export type InterventionKind = (typeof INTERVENTION_KINDS)[number];
export const INTERVENTION_STATUSES = ['proposed', 'active', 'paused', 'completed', 'stopped', 'declined'] as const;
export type InterventionStatus = (typeof INTERVENTION_STATUSES)[number];
export const GOAL_STATUSES = ['active', 'met', 'not_met', 'withdrawn'] as const;
export type GoalStatus = (typeof GOAL_STATUSES)[number];
// Treatment notes.
export const NOTE_VISIBILITIES = ['care_team', 'patient'] as const;
export type NoteVisibility = (typeof NOTE_VISIBILITIES)[number];
export const NOTE_STATUSES = ['draft', 'signed'] as const;
export type NoteStatus = (typeof NOTE_STATUSES)[number];
export const TASK_KINDS = ['mention', 'task'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];
