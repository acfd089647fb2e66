import type { TimelineKind } from './filter';

// Timeline kinds and specialties for app/ code, which may not import db/ (see eslint.config.mjs).
export { SPECIALTIES, TIMELINE_KINDS, type Specialty, type TimelineKind } from './filter';

export const TIMELINE_KIND_LABELS: Record<TimelineKind, string> = {
  result: 'Results',
  score: 'Scores',
  plan: 'Plan changes',
  note: 'Notes',
  diary: 'Patient diary',
};
