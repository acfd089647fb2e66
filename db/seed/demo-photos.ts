import sharp from 'sharp';
import type { Executor } from '../client';
import { clinicalPhotos, photoConsents } from '../schema';
import { processPhoto } from '../../lib/photos/process';
import { photoStorage } from '../../lib/photos/storage';
import type { BodySite } from '../../lib/photos/sites';
import type { DemoResultsPatient } from './demo-results';
import { createRandom, seededUuid } from './random';

// Generated (not real-person) lesion photos for two demo patients over time, so the photo pages and the
// side-by-side comparison have something to show on a fresh clone: a skin-toned field with red patches that
// fade from visit to visit. Drawn here from SVG, then stored exactly as an upload would be (lib/photos/process).

const SEED = 18_018_018;
const DAY = 86_400_000;

/** Patches (x, y, radius) shared by every visit; `intensity` 1 = an active flare, 0 = clear skin. */
const PATCHES = [
  [260, 300, 120],
  [520, 420, 90],
  [760, 260, 140],
  [900, 560, 70],
  [400, 620, 100],
] as const;

function lesionSvg(intensity: number, tone: string): string {
  const alpha = (0.15 + 0.6 * intensity).toFixed(2);
  const patches = PATCHES.map(([x, y, r]) => `<ellipse cx="${x}" cy="${y}" rx="${Math.round(r * (0.6 + 0.4 * intensity))}" ry="${Math.round(r * 0.7 * (0.6 + 0.4 * intensity))}" fill="rgb(190,40,50)" fill-opacity="${alpha}" filter="url(#soft)"/>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="900"><defs><filter id="soft"><feGaussianBlur stdDeviation="18"/></filter></defs><rect width="1200" height="900" fill="${tone}"/>${patches}<text x="24" y="870" font-family="sans-serif" font-size="22" fill="#6b4a3a" fill-opacity="0.6">Axis demo image (generated)</text></svg>`;
}

interface Series {
  patient: DemoResultsPatient;
  site: BodySite;
  tone: string;
  visits: { daysAgo: number; intensity: number; caption: string }[];
}

export async function seedDemoPhotos(db: Executor, patients: readonly DemoResultsPatient[], featuredMrn: string, now: Date): Promise<{ photos: number }> {
  const ids = createRandom(SEED);
  const firstPortal = [...patients].filter((p) => p.hasPortalAccount).sort((a, b) => a.mrn.localeCompare(b.mrn))[0];
  const featured = patients.find((p) => p.mrn === featuredMrn);
  const series: Series[] = [];
  if (featured) {
    series.push({
      patient: featured,
      site: 'elbow_flexures',
      tone: '#e2b8a0',
      visits: [
        { daysAgo: 126, intensity: 1, caption: 'Flare at the first visit' },
        { daysAgo: 70, intensity: 0.55, caption: 'After four weeks of the plan' },
        { daysAgo: 14, intensity: 0.2, caption: 'Much settled' },
      ],
    });
  }
  if (firstPortal && firstPortal !== featured) {
    series.push({
      patient: firstPortal,
      site: 'face_left',
      tone: '#c99a7e',
      visits: [
        { daysAgo: 90, intensity: 0.9, caption: 'Papules and redness' },
        { daysAgo: 30, intensity: 0.5, caption: 'Fewer papules' },
      ],
    });
  }
  let count = 0;
  for (const s of series) {
    const lead = s.patient.team.find((m) => m.specialty === 'dermatology') ?? s.patient.team[0];
    if (!lead) continue;
    await db.insert(photoConsents).values({ id: seededUuid(ids), patientId: s.patient.id, clinicalRecord: true, shareWithPatient: true, teaching: false, recordedBy: lead.userId, recordedAt: new Date(now.getTime() - 130 * DAY) });
    for (const v of s.visits) {
      const jpeg = new Uint8Array(await sharp(Buffer.from(lesionSvg(v.intensity, s.tone))).jpeg({ quality: 88 }).toBuffer());
      const processed = await processPhoto(jpeg, now);
      if (!processed.ok) throw new Error(`demo photo: ${processed.error}`);
      const photoId = seededUuid(ids);
      const takenAt = new Date(now.getTime() - v.daysAgo * DAY);
      await db.insert(clinicalPhotos).values({
        id: photoId,
        patientId: s.patient.id,
        bodySite: s.site,
        takenOn: takenAt.toISOString().slice(0, 10),
        takenOnSource: 'entered',
        uploadedBy: lead.userId,
        uploadedAt: takenAt,
        caption: v.caption,
        sharedWithPatient: false,
        width: processed.photo.width,
        height: processed.photo.height,
      });
      for (const r of processed.photo.renditions) await photoStorage.put(db, photoId, r.rendition, r.contentType, r.bytes);
      count++;
    }
  }
  return { photos: count };
}
