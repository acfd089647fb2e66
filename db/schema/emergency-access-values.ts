// Plain values behind the emergency-access reason enum, importable by browser code without drizzle.
export const EMERGENCY_REASON_CATEGORIES = ['urgent_care', 'covering_colleague', 'unscheduled_visit', 'consult_request', 'other'] as const;
export type EmergencyReasonCategory = (typeof EMERGENCY_REASON_CATEGORIES)[number];
