import { EMERGENCY_REASON_CATEGORIES, type EmergencyReasonCategory } from '@/db/schema/emergency-access-values';

export { EMERGENCY_REASON_CATEGORIES, type EmergencyReasonCategory };

const REASON_LABELS: Record<EmergencyReasonCategory, string> = {
  urgent_care: 'Urgent clinical care',
  covering_colleague: 'Covering for an absent care-team member',
  unscheduled_visit: 'Patient presented without an appointment',
  consult_request: 'Urgent consultation requested by the care team',
  other: 'Other (explain below)',
};

export function emergencyReasonLabel(category: EmergencyReasonCategory): string {
  return REASON_LABELS[category];
}

export const EMERGENCY_REASON_OPTIONS = EMERGENCY_REASON_CATEGORIES.map((value) => ({ value, label: REASON_LABELS[value] }));

/** The database's check constraint (emergency_access_reason_length) holds the same bounds. */
export const EMERGENCY_REASON_MIN_LENGTH = 20;
export const EMERGENCY_REASON_MAX_LENGTH = 2000;

/** "1 h 5 min", "45 min": how long a grant ran or has left. */
export function formatMinutes(totalMinutes: number): string {
  const minutes = Math.max(0, Math.round(totalMinutes));
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (hours === 0) return `${rest} min`;
  return rest === 0 ? `${hours} h` : `${hours} h ${rest} min`;
}
