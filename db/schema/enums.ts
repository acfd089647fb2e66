import { pgEnum } from 'drizzle-orm/pg-core';
import { GOAL_STATUSES, INTERVENTION_KINDS, INTERVENTION_STATUSES, NOTE_STATUSES, NOTE_VISIBILITIES, TASK_KINDS, ADMINISTRATIVE_SEXES, AUDIT_OUTCOMES, CARE_TEAM_ROLES, CONDITION_CLINICAL_STATUSES, RESULT_FLAGS, RESULT_KINDS, SPECIALTIES, USER_ROLES } from './enum-values';

export * from './enum-values';

export const userRole = pgEnum('user_role', USER_ROLES);
export const specialty = pgEnum('specialty', SPECIALTIES);
export const administrativeSex = pgEnum('administrative_sex', ADMINISTRATIVE_SEXES);
export const conditionClinicalStatus = pgEnum('condition_clinical_status', CONDITION_CLINICAL_STATUSES);
export const careTeamRole = pgEnum('care_team_role', CARE_TEAM_ROLES);
export const auditOutcome = pgEnum('audit_outcome', AUDIT_OUTCOMES);
export const resultKind = pgEnum('result_kind', RESULT_KINDS);
export const resultFlag = pgEnum('result_flag', RESULT_FLAGS);
export const interventionKind = pgEnum('intervention_kind', INTERVENTION_KINDS);
export const interventionStatus = pgEnum('intervention_status', INTERVENTION_STATUSES);
export const goalStatus = pgEnum('goal_status', GOAL_STATUSES);
export const noteVisibility = pgEnum('note_visibility', NOTE_VISIBILITIES);
export const noteStatus = pgEnum('note_status', NOTE_STATUSES);
export const taskKind = pgEnum('task_kind', TASK_KINDS);
