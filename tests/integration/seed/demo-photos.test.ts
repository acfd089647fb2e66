import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../../db/client';
import { clinicalPhotos, patients, photoConsents, photoRenditions } from '../../../db/schema';
import { seedDemoClinic } from '../../../db/seed/demo-clinic';

// The demo clinic's generated lesion photos: two patients, a site each, fading over visits, consent recorded.

const NOW = new Date('2026-11-23T09:00:00.000Z');

beforeAll(async () => {
  await seedDemoClinic(getDb(), NOW);
});

describe('demo photos', () => {
  it('gives Maya Chen three elbow photos and the first portal patient two face photos, with consent', async () => {
    const rows = await getDb().select({ mrn: patients.mrn, site: clinicalPhotos.bodySite, takenOn: clinicalPhotos.takenOn }).from(clinicalPhotos).innerJoin(patients, eq(patients.id, clinicalPhotos.patientId));
    const bySite = (mrn: string) => rows.filter((r) => r.mrn === mrn).map((r) => `${r.site} ${r.takenOn}`).sort();
    expect(bySite('AX-100155')).toEqual(['elbow_flexures 2026-07-20', 'elbow_flexures 2026-09-14', 'elbow_flexures 2026-11-09']);
    expect(bySite('AX-100001')).toEqual(['face_left 2026-08-25', 'face_left 2026-10-24']);
    expect(await getDb().select().from(photoConsents)).toHaveLength(2);
  });

  it('stores each as an upload would: two metadata-free JPEG renditions within their sizes', async () => {
    const renditions = await getDb().select().from(photoRenditions);
    expect(renditions).toHaveLength(10);
    for (const r of renditions) {
      const meta = await sharp(Buffer.from(r.bytes)).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif).toBeUndefined();
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(r.rendition === 'thumb' ? 320 : 1600);
    }
  });
});
