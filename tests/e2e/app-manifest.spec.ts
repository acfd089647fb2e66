import { expect, test } from '@playwright/test';
import { PORTAL_PATIENT, signInAndWait } from './helpers';

// A patient can add the portal to a phone's home screen: a web app manifest starting at /portal with
// real icons of the sizes it declares, linked from every page, and no service worker caching anything.

interface Manifest {
  name: string;
  short_name: string;
  start_url: string;
  display: string;
  theme_color: string;
  icons: { src: string; sizes: string; type: string; purpose?: string }[];
}

test('the manifest starts at the portal, its icons are real images of the declared sizes, and no service worker runs', async ({ page, request }) => {
  const response = await request.get('/manifest.webmanifest');
  expect(response.status()).toBe(200);
  const manifest = (await response.json()) as Manifest;
  expect(manifest).toMatchObject({ short_name: 'Axis', start_url: '/portal', display: 'standalone', theme_color: '#0f766e' });
  expect(manifest.icons.map((i) => i.sizes)).toEqual(expect.arrayContaining(['192x192', '512x512']));

  for (const icon of manifest.icons) {
    const file = await request.get(icon.src);
    expect(file.status(), icon.src).toBe(200);
    expect(file.headers()['content-type'], icon.src).toContain(icon.type);
    const body = await file.body();
    if (icon.type === 'image/png') {
      // The PNG signature, then IHDR's width and height.
      expect(body.subarray(1, 4).toString('latin1'), icon.src).toBe('PNG');
      expect(`${body.readUInt32BE(16)}x${body.readUInt32BE(20)}`, icon.src).toBe(icon.sizes);
    } else {
      expect(body.toString('utf8'), icon.src).toContain('<svg');
    }
  }

  await signInAndWait(page, PORTAL_PATIENT, /\/portal$/);
  await expect(page.locator('link[rel="manifest"]')).toHaveAttribute('href', '/manifest.webmanifest');
  await expect(page.locator('link[rel="apple-touch-icon"]')).toHaveAttribute('href', '/icons/apple-touch-icon.png');
  await expect(page.locator('meta[name="theme-color"]')).toHaveAttribute('content', '#0f766e');
  expect(await page.evaluate(async () => (await navigator.serviceWorker?.getRegistrations())?.length ?? 0)).toBe(0);
});
