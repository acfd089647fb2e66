// Where on the body a photo was taken: the common dermatology sites, or "other" with the clinician's words.
// Pure and browser-safe (the upload form lists them).

export const BODY_SITES = {
  scalp: 'Scalp',
  forehead: 'Forehead',
  face_left: 'Face, left cheek',
  face_right: 'Face, right cheek',
  nose: 'Nose',
  chin: 'Chin and jaw',
  neck: 'Neck',
  chest: 'Chest',
  abdomen: 'Abdomen',
  upper_back: 'Upper back',
  lower_back: 'Lower back',
  arm_left: 'Left arm',
  arm_right: 'Right arm',
  elbow_flexures: 'Inner elbows',
  hand_left: 'Left hand',
  hand_right: 'Right hand',
  leg_left: 'Left leg',
  leg_right: 'Right leg',
  knee_flexures: 'Backs of the knees',
  foot_left: 'Left foot',
  foot_right: 'Right foot',
  other: 'Other (describe)',
} as const;

export type BodySite = keyof typeof BODY_SITES;
export const BODY_SITE_IDS = Object.keys(BODY_SITES) as [BodySite, ...BodySite[]];

export function bodySiteLabel(site: string, detail: string | null): string {
  if (site === 'other') return detail ?? 'Other';
  const label = (BODY_SITES as Record<string, string>)[site] ?? site;
  return detail ? `${label} (${detail})` : label;
}
