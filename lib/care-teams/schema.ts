import { z } from 'zod';
import { CARE_TEAM_ROLES } from '@/db/schema/enum-values';
import { searchTextSchema } from '@/lib/platform/search-text';

export const addCareTeamMemberSchema = z.object({
  patientId: z.uuid('Unknown patient.'),
  userId: z.uuid('Choose a clinician.'),
  role: z.enum(CARE_TEAM_ROLES).default('member'),
});

export const removeCareTeamMemberSchema = z.object({
  patientId: z.uuid('Unknown patient.'),
  membershipId: z.uuid('Unknown care-team member.'),
});

export const adminPatientSearchSchema = z.object({
  q: searchTextSchema(100),
  page: z.coerce.number().int().min(1).max(100_000).catch(1).default(1),
});
