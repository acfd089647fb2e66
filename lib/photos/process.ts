import 'server-only';
import exifReader from 'exif-reader';
import sharp, { type Metadata } from 'sharp';

// Turning an uploaded file into what Axis stores: the format is read from the bytes (never the file name or
// the browser's claim), only JPEG, PNG and WebP photos are accepted, the EXIF orientation is applied, and two
// renditions are written as fresh JPEGs with no metadata at all (no GPS position, device, owner or date):
// sharp writes none unless asked. The original upload is never stored.

export const MAX_PHOTO_BYTES = 15 * 1024 * 1024;
export const MAX_PHOTO_MB = MAX_PHOTO_BYTES / 1024 / 1024;
const MIN_SIDE = 64;
/** Long side of each rendition, pixels. */
export const RENDITION_SIZES = { thumb: 320, screen: 1600 } as const;
const QUALITY = { thumb: 78, screen: 85 } as const;

export interface ProcessedPhoto {
  width: number;
  height: number;
  /** The date the camera recorded (EXIF DateTimeOriginal), when it had one that makes sense. */
  exifDate: string | null;
  renditions: { rendition: 'thumb' | 'screen'; contentType: 'image/jpeg'; bytes: Uint8Array }[];
}

export type ProcessOutcome = { ok: true; photo: ProcessedPhoto } | { ok: false; error: string };

const NOT_A_PHOTO = 'This file is not a photo Axis can read. Choose a JPEG, PNG or WebP photo.';
const HEIC =
  'This photo is in HEIC format, which Axis cannot read yet. On an iPhone, choose "Most Compatible" under Settings → Camera → Formats, or share the photo as a JPEG, and try again.';

/** An ISO-BMFF file whose brand is HEIF/HEIC (iPhone photos): sharp's prebuilt library cannot decode HEVC. */
function isHeic(input: Uint8Array): boolean {
  if (input.byteLength < 12) return false;
  const ascii = (from: number, to: number) => String.fromCharCode(...input.subarray(from, to));
  return ascii(4, 8) === 'ftyp' && ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'].includes(ascii(8, 12));
}

function dateOf(value: unknown, today: string): string | null {
  if (!(value instanceof Date) || Number.isNaN(value.getTime())) return null;
  // EXIF dates carry no time zone; the camera's calendar date is what is wanted.
  const iso = value.toISOString().slice(0, 10);
  return iso >= '1990-01-01' && iso <= today ? iso : null;
}

export async function processPhoto(input: Uint8Array, now = new Date()): Promise<ProcessOutcome> {
  if (input.byteLength === 0) return { ok: false, error: 'The file is empty.' };
  if (input.byteLength > MAX_PHOTO_BYTES) return { ok: false, error: `The photo is larger than ${MAX_PHOTO_MB} MB. Choose a smaller one, or a lower camera resolution.` };
  if (isHeic(input)) return { ok: false, error: HEIC };
  let meta: Metadata;
  try {
    meta = await sharp(input, { failOn: 'error' }).metadata();
  } catch {
    return { ok: false, error: NOT_A_PHOTO };
  }
  if (meta.format === 'heif') return { ok: false, error: HEIC };
  if (meta.format !== 'jpeg' && meta.format !== 'png' && meta.format !== 'webp') return { ok: false, error: NOT_A_PHOTO };
  if (!meta.width || !meta.height || meta.width < MIN_SIDE || meta.height < MIN_SIDE) return { ok: false, error: `The image is too small to be a useful photo (at least ${MIN_SIDE} pixels each way).` };
  let exifDate: string | null = null;
  if (meta.exif) {
    try {
      const exif = exifReader(meta.exif);
      exifDate = dateOf(exif.Photo?.DateTimeOriginal ?? exif.Image?.DateTime, new Date(now.getTime() + 24 * 3_600_000).toISOString().slice(0, 10));
    } catch {
      exifDate = null; // unreadable EXIF is simply not used
    }
  }
  try {
    const renditions = await Promise.all(
      (['thumb', 'screen'] as const).map(async (rendition) => {
        const size = RENDITION_SIZES[rendition];
        const bytes = await sharp(input, { failOn: 'error' })
          .rotate() // applies the EXIF orientation, then drops the tag with all other metadata
          .resize({ width: size, height: size, fit: 'inside', withoutEnlargement: true })
          .flatten({ background: '#ffffff' })
          .jpeg({ quality: QUALITY[rendition], mozjpeg: true })
          .toBuffer();
        return { rendition, contentType: 'image/jpeg' as const, bytes: new Uint8Array(bytes) };
      }),
    );
    const screen = await sharp(renditions[1]?.bytes ?? new Uint8Array()).metadata();
    const swap = (meta.orientation ?? 1) >= 5;
    return {
      ok: true,
      photo: { width: screen.width ?? (swap ? meta.height : meta.width), height: screen.height ?? (swap ? meta.width : meta.height), exifDate, renditions },
    };
  } catch {
    return { ok: false, error: 'The photo could not be processed (the file may be damaged). Try another copy of it.' };
  }
}
