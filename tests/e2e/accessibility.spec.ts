import { expect, test, type Page } from '@playwright/test';
import { axeViolations } from './axe';
import { PAGES, type HttpEntry } from '../support/access-matrix';
import { ADMIN, DERMATOLOGIST, PHONE, PORTAL_PATIENT, demoRouteValues, fillRoute, firstLinkedId, signInAndWait } from './helpers';

// axe with every rule it has switched on (experimental and best-practice included), on every page of the
// app as the user it is for, with the demo clinic's realistic data, at desktop and phone widths. WCAG AAA
// rules (7:1 contrast and the like) are reported in the test's annotations, not failed: AA is the bar.

type Audience = 'clinician' | 'admin' | 'patient' | 'anonymous';

/** Whom a page is for (the matrix's "allow" row); '/' only redirects. */
function audienceOf(pattern: string, entry: HttpEntry): Audience | null {
  if (pattern === '/') return null;
  if (entry.expect.anonymous === 'allow') return 'anonymous';
  if (entry.expect.dermOnTeam === 'allow') return 'clinician';
  if (entry.expect.admin === 'allow') return 'admin';
  if (entry.expect.patientSelf === 'allow') return 'patient';
  return null;
}


for (const [viewport, size] of [
  ['desktop', { width: 1280, height: 900 }],
  ['phone', PHONE],
] as const) {
  test(`axe, every rule on, on every page with seeded data (${viewport})`, async ({ browser }) => {
    test.setTimeout(420_000);
    const pages: Record<Audience, Page> = {} as Record<Audience, Page>;
    for (const [who, email] of [
      ['clinician', DERMATOLOGIST],
      ['admin', ADMIN],
      ['patient', PORTAL_PATIENT],
    ] as const) {
      const context = await browser.newContext({ viewport: size });
      const page = await context.newPage();
      await signInAndWait(page, email, who === 'clinician' ? /\/patients$/ : who === 'admin' ? /\/admin/ : /\/portal$/);
      pages[who] = page;
    }
    pages.anonymous = await (await browser.newContext({ viewport: size })).newPage();

    const values = await demoRouteValues(pages.clinician.context().request);
    // The portal's result pages take the patient's own result, shared with them.
    const portalValues = {
      ...values,
      '[resultId]': await firstLinkedId(pages.patient.context().request, '/portal', /\/portal\/results\/([0-9a-f-]{36})"/),
      '[conversationId]': await firstLinkedId(pages.patient.context().request, '/portal/messages', /\/portal\/messages\/([0-9a-f-]{36})"/),
      '[documentId]': await firstLinkedId(pages.patient.context().request, '/portal/documents', /\/portal\/documents\/([0-9a-f-]{36})"/),
    };

    const problems: string[] = [];
    for (const [pattern, entry] of Object.entries(PAGES)) {
      const who = audienceOf(pattern, entry);
      if (!who) continue;
      const path = fillRoute(entry.sample ?? pattern, who === 'patient' ? portalValues : values);
      const page = pages[who];
      const response = await page.goto(path);
      expect(response?.status(), path).toBe(200);
      await page.waitForLoadState('networkidle');
      const { failing, aaa } = await axeViolations(page);
      problems.push(...failing.map((f) => `${who} ${path}: ${f}`));
      for (const a of aaa) test.info().annotations.push({ type: 'axe AAA', description: `${path}: ${a}` });
    }
    expect(problems, problems.join('\n')).toEqual([]);
  });
}
