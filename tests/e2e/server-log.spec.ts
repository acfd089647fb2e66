import { existsSync, readFileSync } from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN, DERMATOLOGIST, PORTAL_PATIENT, signIn } from './helpers';
import { E2E_SERVER_LOG } from './server-log';

// Health data never reaches the server log. A canary string goes through every failing path we know
// (a NUL in a search, non-uuid ids where uuids belong, hostile filters, forged server-action posts),
// signed in as each kind of user; the server's own output (kept by scripts/start.ts) must not contain it,
// nor the name or MRN of the demo patient the browser tests open.

const CANARY = 'CanaryPatient9f31Zed';

const FAILING_PATHS = (patientId: string) => [
  `/patients?q=${CANARY}%00`,
  `/patients?q=%00${CANARY}&condition=${CANARY}&sort=${CANARY}&page=${CANARY}`,
  `/admin/patients?q=${CANARY}%00`,
  `/admin/audit?mrn=${CANARY}%00&action=${CANARY}&user=${CANARY}&from=${CANARY}`,
  `/admin/audit/export?mrn=${CANARY}%00&user=${CANARY}`,
  `/patients/${CANARY}`,
  `/patients/${CANARY}%00/timeline`,
  `/patients/${patientId}/results/${CANARY}`,
  `/patients/${patientId}/notes/${CANARY}`,
  `/patients/${patientId}/timeline?until=${CANARY}&kind=${CANARY}%00`,
  `/admin/patients/${CANARY}/audit?page=${CANARY}`,
  `/emergency-access?patient=${CANARY}%00`,
  `/portal/results/${CANARY}`,
  `/api/fhir/Patient/${CANARY}/$everything`,
];

test('no canary, patient name or MRN reaches the server log through any failing path', async ({ browser }) => {
  test.setTimeout(180_000);
  expect(existsSync(E2E_SERVER_LOG), `the server log is kept at ${E2E_SERVER_LOG}`).toBe(true);

  const requests: APIRequestContext[] = [];
  for (const email of [DERMATOLOGIST, ADMIN, PORTAL_PATIENT]) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await signIn(page, email);
    await expect(page).not.toHaveURL(/\/sign-in/);
    requests.push(context.request);
  }
  const [clinician] = requests;
  if (!clinician) throw new Error('no clinician');
  const caseload = await (await clinician.get('/patients?q=maya+chen')).text();
  const patientId = /\/patients\/([0-9a-f-]{36})/.exec(caseload)?.[1] ?? '';
  const record = await (await clinician.get(`/patients/${patientId}`)).text();
  const mrn = /AX-\d{6}/.exec(record)?.[0];
  expect(mrn, 'the record shows its MRN').toBeTruthy();

  for (const request of requests) {
    for (const path of FAILING_PATHS(patientId)) {
      const response = await request.get(path, { maxRedirects: 0 });
      expect(response.status(), path).toBeLessThan(500);
    }
    // A forged server-action post: a well-formed but unknown action id (Next logs the id it could not
    // find; an id is routing, not health data) and a body full of the canary.
    const forged = await request.post(`/patients/${patientId}`, {
      headers: { 'next-action': `7f${'0'.repeat(40)}`, 'content-type': 'text/plain;charset=UTF-8' },
      data: JSON.stringify([{ q: `${CANARY}\u0000`, body: CANARY }]),
      maxRedirects: 0,
    });
    expect(forged.status(), 'forged action').toBeLessThan(500);
  }

  // Give the server a moment to flush what it wrote about these requests.
  await new Promise((r) => setTimeout(r, 500));
  const log = readFileSync(E2E_SERVER_LOG, 'utf8');
  expect(log, 'the log file holds the server output').toMatch(/Ready|Next\.js|started server/i);
  for (const secret of [CANARY, 'Chen, Maya', 'Maya Chen', mrn ?? 'no-mrn']) {
    const at = log.indexOf(secret);
    expect(at, `"${secret}" in the server log: …${log.slice(Math.max(0, at - 300), at + 200)}…`).toBe(-1);
  }
});
