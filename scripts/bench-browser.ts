// Page views in a real browser for `npm run bench` (issue 21). wrk measures one request per page; a browser
// viewing that page also sends whatever the page's client code asks for (Next's prefetches of the links in
// view, navigations). This drives Debian's Chromium through the caseload, by full page loads and by the
// table's Next button (client navigations), and reports the requests per view and the CPU both sides spent
// on each view, read from /proc as in the throughput table.
import { existsSync } from 'node:fs';
import { chromium, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../playwright.config';
import { cpuSnapshot, runWrk, signInOverHttp } from './bench-throughput';

export interface BrowserViews {
  mode: 'full page load' | 'client navigation (Next button)';
  views: number;
  /** Requests per view by kind: document, navigation (RSC), prefetch, other (static files, icons). */
  requests: Record<'document' | 'navigation' | 'prefetch' | 'other', number>;
  serverCpuMsPerView: number;
  databaseCpuMsPerView: number;
}

/** How long each view waits for the requests the page starts on its own (prefetches, say). */
export const SETTLE_MS = 1000;

export function browserAvailable(): boolean {
  return existsSync(chromiumLaunchOptions.executablePath);
}

export type Kind = keyof BrowserViews['requests'];

/** Which kind of request a browser sent: Next marks its prefetches and client navigations with headers. */
export function kindOf(headers: Record<string, string>, resourceType: string): Kind {
  if (headers['next-router-prefetch']) return 'prefetch';
  if (resourceType === 'document') return 'document';
  if (headers['rsc']) return 'navigation';
  return 'other';
}

/**
 * `views` caseload pages viewed each way by `email`, after the server's code is warm (a short wrk run), each
 * view followed by `settleMs` for the requests the page starts on its own.
 */
export async function measureBrowserViews(base: string, serverPid: number, email: string, password: string, views: number, settleMs = SETTLE_MS): Promise<BrowserViews[]> {
  const cookie = await signInOverHttp(base, email, password, 'seed the scale clinic first (npm run seed:scale)');
  runWrk(`${base}/patients`, { cookie }, 4, 3); // JIT-warm, as the throughput runs are
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${base}/sign-in`);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel('Password').fill(password);
    await page.getByRole('button', { name: /sign in/i }).click();
    await page.getByTestId('caseload-row').first().waitFor();
    const counts: Record<Kind, number> = { document: 0, navigation: 0, prefetch: 0, other: 0 };
    page.on('request', (request) => counts[kindOf(request.headers(), request.resourceType())]++);

    const measure = async (mode: BrowserViews['mode'], view: (i: number) => Promise<void>): Promise<BrowserViews> => {
      for (const k of Object.keys(counts) as Kind[]) counts[k] = 0;
      const before = cpuSnapshot(serverPid);
      for (let i = 0; i < views; i++) {
        await view(i);
        await page.waitForTimeout(settleMs);
      }
      const after = cpuSnapshot(serverPid);
      const per = (n: number) => Math.round((n / views) * 10) / 10;
      return {
        mode,
        views,
        requests: { document: per(counts.document), navigation: per(counts.navigation), prefetch: per(counts.prefetch), other: per(counts.other) },
        serverCpuMsPerView: (after.serverMs - before.serverMs) / views,
        databaseCpuMsPerView: (after.databaseMs - before.databaseMs) / views,
      };
    };
    const shown = (p: Page, pageNumber: number) => p.getByText(new RegExp(`Page ${pageNumber} of`)).waitFor();
    const full = await measure('full page load', async (i) => {
      await page.goto(`${base}/patients?page=${i + 2}`);
      await shown(page, i + 2);
    });
    await page.goto(`${base}/patients`);
    await shown(page, 1);
    const client = await measure('client navigation (Next button)', async (i) => {
      await page.getByRole('button', { name: 'Next' }).click();
      await shown(page, i + 2);
    });
    return [full, client];
  } finally {
    await browser.close();
  }
}
