import { expect, test } from '@playwright/test';
import sharp from 'sharp';
import { axeViolations } from './axe';
import { DERMATOLOGIST, PHONE, screenshot, signInAndWait } from './helpers';

// A dermatologist on a phone records photography consent, uploads several photos at once (one of them a script
// renamed .jpg, refused on its own), and compares two dates side by side and as an overlay. The images come from
// an authorized route, never cached, with the camera's GPS position and owner gone.

const MRN = 'AX-100029'; // a record no other browser test adds photos to

async function cameraPhoto(red: number): Promise<Buffer> {
  const spot = await sharp({ create: { width: 300, height: 300, channels: 3, background: { r: red, g: 40, b: 50 } } }).png().toBuffer();
  return sharp({ create: { width: 1600, height: 1200, channels: 3, background: { r: 215, g: 170, b: 150 } } })
    .composite([{ input: spot, left: 650, top: 450 }])
    .jpeg({ quality: 90 })
    .withExif({ IFD0: { Make: 'PhoneCo', Artist: 'Keiko Nakamura' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1' } })
    .toBuffer();
}

test.use({ viewport: PHONE });

test('photos: consent, several uploads from a phone with one refused, side-by-side and overlay comparison', async ({ page }) => {
  test.setTimeout(150_000);
  await signInAndWait(page, DERMATOLOGIST, /\/patients$/);
  await page.goto(`/patients?q=${MRN}`);
  await page.getByTestId('caseload-row').first().getByRole('link').first().click();
  await page.getByRole('link', { name: 'Photos', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Photos' })).toBeVisible();
  await expect(page.getByRole('note').filter({ hasText: 'No photos can be added until' })).toBeVisible();

  const consent = page.getByRole('region', { name: 'Photography consent' });
  await consent.getByRole('group', { name: 'Photos may be taken and kept in the clinical record' }).getByLabel('Yes').check();
  await consent.getByRole('group', { name: 'Photos may be shared with the patient in the portal' }).getByLabel('Yes').check();
  await consent.getByRole('group', { name: 'De-identified photos may be used for teaching' }).getByLabel('No').check();
  await consent.getByRole('button', { name: 'Record consent' }).click();
  await expect(consent).toContainText('clinical record yes; shared with the patient yes; teaching no');

  const upload = page.getByRole('region', { name: 'Add photos' });
  await upload.getByLabel('Photos').setInputFiles([
    { name: 'flare-day-1.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(200) },
    { name: 'not-a-photo.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('#!/bin/sh\nrm -rf /\n') },
  ]);
  await upload.getByLabel('Body site').selectOption({ label: 'Left arm' });
  await upload.getByLabel('Date taken (optional)').fill('2026-10-01');
  await upload.getByRole('button', { name: 'Upload 2 photos' }).click();
  const progress = upload.getByRole('list', { name: 'Upload progress' });
  await expect(progress).toContainText('flare-day-1.jpg: saved');
  await expect(progress).toContainText('not-a-photo.jpg: not saved. This file is not a photo Axis can read. Choose a JPEG, PNG or WebP photo.');
  await screenshot(page, 'photos-upload-phone');

  await upload.getByLabel('Photos').setInputFiles([{ name: 'flare-day-40.jpg', mimeType: 'image/jpeg', buffer: await cameraPhoto(120) }]);
  await upload.getByLabel('Date taken (optional)').fill('2026-11-10');
  await upload.getByRole('button', { name: 'Upload photo' }).click();
  await expect(progress).toContainText('flare-day-40.jpg: saved');

  await page.reload();
  const tiles = page.getByRole('region', { name: 'Left arm' }).getByTestId('photo-tile');
  await expect(tiles).toHaveCount(2);
  // The image route: authorized, never cached, metadata gone.
  const src = await tiles.first().getByRole('img').getAttribute('src');
  const response = await page.request.get(src ?? '');
  expect(response.status()).toBe(200);
  expect(response.headers()['cache-control']).toBe('private, no-store');
  const meta = await sharp(await response.body()).metadata();
  expect(meta.exif).toBeUndefined();
  expect((await response.body()).toString('latin1')).not.toContain('Keiko');

  await tiles.nth(1).getByRole('link', { name: 'Pick to compare' }).click();
  await tiles.nth(0).getByRole('link', { name: 'Compare with this' }).click();
  const compare = page.getByRole('region', { name: 'Compare: Left arm' });
  await expect(compare.getByRole('figure')).toHaveCount(2);
  await expect(compare.getByRole('figure').first()).toContainText('1 Oct 2026');
  await expect(compare.getByRole('figure').nth(1)).toContainText('10 Nov 2026');
  await compare.getByLabel(/Reveal the later photo/).fill('30');
  await expect(compare.getByText('Reveal the later photo (30%)')).toBeVisible();
  await screenshot(page, 'photos-compare-phone');
  const axe = await axeViolations(page);
  expect(axe.failing, axe.failing.join('\n')).toEqual([]);

  // The timeline shows the site as a strip of thumbnails, oldest first, each opening the comparison.
  await page.getByRole('link', { name: /← Nakamura, Keiko/ }).click();
  await page.getByRole('link', { name: 'Timeline', exact: true }).click();
  const strip = page.getByRole('region', { name: 'Photos', exact: true }).getByRole('region', { name: 'Photos: Left arm' });
  await expect(strip.getByRole('img')).toHaveCount(2);
  await expect(strip.getByRole('listitem').first()).toContainText('1 Oct 2026');
  await screenshot(page, 'photos-timeline-strip');
});
